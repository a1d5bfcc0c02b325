//go:build imagetest

package imagetest_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// No base image can be pulled here, so the test makes stand-ins without any
// registry (testdata/standins says what each has):
//
//   - bookworm: `debootstrap --variant=minbase bookworm` from the machine's
//     own Debian mirror, `docker import`ed;
//   - go: bookworm with the machine's Go tree in /usr/local/go (for
//     GO_IMAGE);
//   - notebook: bookworm with Debian's Jupyter, user jovyan and a start.sh
//     running docker-stacks-style start hooks (for BASE_IMAGE).
//
// Each is tagged with a hash of everything it is made from; when the machine
// keeps BUNBOOK_STANDIN_CACHE (default /var/cache/bunbook-standins), the
// images are saved there and loaded on the next run instead of rebuilt.

type standins struct {
	Go, Notebook string // image references
	Took         time.Duration
	FromCache    []string
}

const defaultStandinCache = "/var/cache/bunbook-standins"

func makeStandins(t *testing.T, d *daemon, logDir string) standins {
	t.Helper()
	start := time.Now()
	cache := os.Getenv("BUNBOOK_STANDIN_CACHE")
	if cache == "" {
		cache = defaultStandinCache
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Logf("stand-in cache %s unavailable (%v): building from nothing", cache, err)
		cache = ""
	}
	mirror, err := debianMirror()
	if err != nil {
		t.Fatal(err)
	}
	goroot := runtime.GOROOT()
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		goroot = strings.TrimSpace(string(out))
	}
	goVersion, err := os.ReadFile(filepath.Join(goroot, "VERSION"))
	if err != nil {
		t.Fatalf("the machine's Go tree %s: %v", goroot, err)
	}
	apt, ca := aptSources(t), caCerts(t)

	bookwormKey := hashOf(t, "debootstrap --variant=minbase bookworm "+mirror)
	goKey := hashOf(t, bookwormKey, string(goVersion), goroot, recipe(t, "go"))
	nbKey := hashOf(t, bookwormKey, recipe(t, "notebook"), strings.Join(apt, "\n"), strings.Join(ca, "\n"))
	s := standins{Go: "bunbook-standin/go:" + goKey, Notebook: "bunbook-standin/notebook:" + nbKey}
	bookworm := "bunbook-standin/bookworm:" + bookwormKey

	loaded := func(ref string) bool {
		if d.imageExists(ref) {
			s.FromCache = append(s.FromCache, ref+" (already in dockerd)")
			return true
		}
		if cache == "" {
			return false
		}
		tar := cacheFile(cache, ref)
		if _, err := os.Stat(tar); err != nil {
			return false
		}
		if _, err := d.run(t.Context(), nil, "load", "-i", tar); err != nil {
			t.Logf("stand-in cache %s unusable, rebuilding: %v", tar, err)
			return false
		}
		s.FromCache = append(s.FromCache, ref)
		return d.imageExists(ref)
	}
	save := func(ref string) {
		if cache == "" {
			return
		}
		tar := cacheFile(cache, ref)
		tmp := tar + ".tmp"
		if _, err := d.run(t.Context(), nil, "save", "-o", tmp, ref); err != nil {
			t.Logf("could not cache %s: %v", ref, err)
			os.Remove(tmp)
			return
		}
		// Older versions of the same stand-in go: one copy per recipe.
		old, _ := filepath.Glob(filepath.Join(cache, strings.SplitN(filepath.Base(tar), "-", 2)[0]+"-*.tar"))
		for _, o := range old {
			if o != tar {
				os.Remove(o)
			}
		}
		_ = os.Rename(tmp, tar)
	}

	needGo, needNB := !loaded(s.Go), !loaded(s.Notebook)
	if !needGo && !needNB {
		s.Took = time.Since(start)
		return s
	}
	if !loaded(bookworm) {
		importBookworm(t, d, bookworm, mirror, logDir)
		save(bookworm)
	}
	if needGo {
		ctx := contextDir(t, "go")
		// The Go tree by hard links when it can (same file system), else a copy.
		if err := exec.Command("cp", "-al", goroot, filepath.Join(ctx, "go")).Run(); err != nil {
			os.RemoveAll(filepath.Join(ctx, "go"))
			if out, err := exec.Command("cp", "-a", goroot, filepath.Join(ctx, "go")).CombinedOutput(); err != nil {
				t.Fatalf("copy %s: %v\n%s", goroot, err, out)
			}
		}
		buildStandin(t, d, s.Go, bookworm, ctx, logDir)
		save(s.Go)
	}
	if needNB {
		ctx := contextDir(t, "notebook")
		copyFiles(t, apt, filepath.Join(ctx, "apt"))
		copyFiles(t, ca, filepath.Join(ctx, "ca"))
		buildStandin(t, d, s.Notebook, bookworm, ctx, logDir)
		save(s.Notebook)
	}
	s.Took = time.Since(start)
	return s
}

func cacheFile(cache, ref string) string {
	name := strings.TrimPrefix(ref, "bunbook-standin/")
	return filepath.Join(cache, strings.ReplaceAll(name, ":", "-")+".tar")
}

func importBookworm(t *testing.T, d *daemon, ref, mirror, logDir string) {
	t.Helper()
	root, err := os.MkdirTemp("", "bbrootfs")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	logPath := filepath.Join(logDir, "debootstrap.log")
	log, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("nice", "debootstrap", "--variant=minbase", "bookworm", root, mirror)
	cmd.Stdout, cmd.Stderr = log, log
	err = cmd.Run()
	log.Close()
	if err != nil {
		t.Fatalf("debootstrap --variant=minbase bookworm from %s: %v\n%s", mirror, err, tailFile(logPath, 30))
	}
	tarCmd := exec.Command("tar", "-C", root, "-c", ".")
	imp := exec.Command(dockerBin, "import", "-", ref)
	imp.Env = append(os.Environ(), "DOCKER_HOST="+d.host)
	pipe, err := tarCmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	imp.Stdin = pipe
	var impOut strings.Builder
	imp.Stdout, imp.Stderr = &impOut, &impOut
	if err := tarCmd.Start(); err != nil {
		t.Fatal(err)
	}
	if err := imp.Run(); err != nil {
		t.Fatalf("docker import: %v\n%s", err, impOut.String())
	}
	if err := tarCmd.Wait(); err != nil {
		t.Fatalf("tar of the bookworm root: %v", err)
	}
}

func buildStandin(t *testing.T, d *daemon, ref, bookworm, ctx, logDir string) {
	t.Helper()
	name := strings.SplitN(strings.TrimPrefix(ref, "bunbook-standin/"), ":", 2)[0]
	logPath := filepath.Join(logDir, "standin-"+name+".log")
	err := d.runLogged(20*time.Minute, logPath, "build", "--network=host", "--build-arg", "BOOKWORM="+bookworm, "-t", ref, ctx)
	if err != nil {
		t.Fatalf("build the %s stand-in: %v\n%s", name, err, tailFile(logPath, 40))
	}
}

// contextDir copies testdata/standins/name into a new build context.
func contextDir(t *testing.T, name string) string {
	t.Helper()
	ctx := filepath.Join(t.TempDir(), name)
	src := filepath.Join("testdata", "standins", name)
	if out, err := exec.Command("cp", "-a", src, ctx).CombinedOutput(); err != nil {
		t.Fatalf("copy %s: %v\n%s", src, err, out)
	}
	return ctx
}

func copyFiles(t *testing.T, files []string, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// recipe is the content of every file of testdata/standins/name.
func recipe(t *testing.T, name string) string {
	t.Helper()
	var b strings.Builder
	dir := filepath.Join("testdata", "standins", name)
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		info, _ := e.Info()
		fmt.Fprintf(&b, "%s %v\n%s\n", p, info.Mode(), data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func hashOf(t *testing.T, parts ...string) string {
	t.Helper()
	h := sha256.New()
	for _, p := range parts {
		io.WriteString(h, p)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// aptSources are the machine's apt source files (the stand-in uses the same
// mirror), caCerts the local CA certificates it must trust.
func aptSources(t *testing.T) []string {
	files, _ := filepath.Glob("/etc/apt/sources.list.d/*.sources")
	if list, _ := filepath.Glob("/etc/apt/sources.list.d/*.list"); len(list) > 0 {
		files = append(files, list...)
	}
	if _, err := os.Stat("/etc/apt/sources.list"); err == nil {
		files = append(files, "/etc/apt/sources.list")
	}
	// The stand-in's apt reads only *.list and *.sources from sources.list.d:
	// copied there, /etc/apt/sources.list needs its own name.
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, ".list") || strings.HasSuffix(f, ".sources") {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		t.Fatal("no apt sources in /etc/apt: the stand-in needs the machine's Debian mirror")
	}
	return out
}

func caCerts(t *testing.T) []string {
	files, _ := filepath.Glob("/usr/local/share/ca-certificates/*.crt")
	sort.Strings(files)
	return files
}

// debianMirror is the first Debian mirror apt is configured with for
// bookworm (deb822 *.sources or one-line sources.list).
func debianMirror() (string, error) {
	sources, _ := filepath.Glob("/etc/apt/sources.list.d/*.sources")
	for _, f := range sources {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, stanza := range strings.Split(string(data), "\n\n") {
			var uris, suites []string
			sc := bufio.NewScanner(strings.NewReader(stanza))
			for sc.Scan() {
				k, v, ok := strings.Cut(sc.Text(), ":")
				if !ok || strings.HasPrefix(k, "#") {
					continue
				}
				switch strings.TrimSpace(k) {
				case "URIs":
					uris = strings.Fields(v)
				case "Suites":
					suites = strings.Fields(v)
				}
			}
			for _, s := range suites {
				if s == "bookworm" && len(uris) > 0 {
					return uris[0], nil
				}
			}
		}
	}
	lists, _ := filepath.Glob("/etc/apt/sources.list.d/*.list")
	for _, f := range append([]string{"/etc/apt/sources.list"}, lists...) {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			fields := strings.Fields(line)
			// deb [options] URI suite components…
			if len(fields) >= 3 && fields[0] == "deb" {
				rest := fields[1:]
				if strings.HasPrefix(rest[0], "[") {
					for len(rest) > 0 && !strings.HasSuffix(rest[0], "]") {
						rest = rest[1:]
					}
					rest = rest[1:]
				}
				if len(rest) >= 2 && rest[1] == "bookworm" {
					return rest[0], nil
				}
			}
		}
	}
	return "", errors.New("no Debian bookworm mirror in /etc/apt/sources.list*: the stand-ins are debootstrapped from it")
}
