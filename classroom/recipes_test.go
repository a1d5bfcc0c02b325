package classroom_test

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/bunbook/bunbook/internal/nbrun"
)

// imageContract is what the Dockerfile promises a hub, from its
// org.bunbook.* labels.
type imageContract struct {
	Image    string // org.bunbook.image: the image name (tag) the recipes use
	UID, GID int    // org.bunbook.notebook-uid / -gid
	Home     string // org.bunbook.home: where a hub mounts the student's volume
	Lessons  string // org.bunbook.lessons: where the student's lessons land
	Course   string // org.bunbook.course: where the course itself is kept
	Release  string // org.bunbook.release: the tag the recipes pin
}

// TestRecipesMatchImage checks that the deployment recipes in deploy/ name
// the image, user, home volume and lessons folder the Dockerfile declares.
func TestRecipesMatchImage(t *testing.T) {
	root, err := nbrun.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	img := readImageContract(t, filepath.Join(root, "Dockerfile"))
	lessonsRel, err := filepath.Rel(img.Home, img.Lessons)
	if err != nil || strings.HasPrefix(lessonsRel, "..") {
		t.Fatalf("org.bunbook.lessons %q is not inside org.bunbook.home %q: a hub's volume would not keep the student's lessons", img.Lessons, img.Home)
	}
	wantURL := "/lab/tree/" + filepath.ToSlash(lessonsRel)

	t.Run("z2jh", func(t *testing.T) {
		var v struct {
			Singleuser struct {
				Image struct {
					Name       string `yaml:"name"`
					Tag        string `yaml:"tag"`
					PullPolicy string `yaml:"pullPolicy"`
				} `yaml:"image"`
				UID        int     `yaml:"uid"`
				FsGid      int     `yaml:"fsGid"`
				Cmd        *string `yaml:"cmd"`
				DefaultURL string  `yaml:"defaultUrl"`
				Storage    struct {
					Type          string `yaml:"type"`
					HomeMountPath string `yaml:"homeMountPath"`
				} `yaml:"storage"`
				Memory   struct{ Guarantee, Limit string }  `yaml:"memory"`
				CPU      struct{ Guarantee, Limit float64 } `yaml:"cpu"`
				ExtraEnv map[string]string                  `yaml:"extraEnv"`
			} `yaml:"singleuser"`
			Hub struct {
				Config struct {
					KubeSpawner struct {
						NotebookDir string `yaml:"notebook_dir"`
					} `yaml:"KubeSpawner"`
				} `yaml:"config"`
			} `yaml:"hub"`
			Cull struct {
				Enabled bool `yaml:"enabled"`
				Timeout int  `yaml:"timeout"`
			} `yaml:"cull"`
		}
		readYAML(t, filepath.Join(root, "deploy", "z2jh", "values.yaml"), &v)
		s := v.Singleuser
		same(t, "singleuser.image.name (last path element)", path.Base(s.Image.Name), img.Image)
		same(t, "singleuser.image.tag (the course release)", s.Image.Tag, img.Release)
		same(t, "singleuser.image.pullPolicy", s.Image.PullPolicy, "IfNotPresent")
		if s.ExtraEnv["BUNBOOK_KERNEL_CULL_TIMEOUT"] == "" {
			t.Errorf("singleuser.extraEnv has no BUNBOOK_KERNEL_CULL_TIMEOUT (kernel culling): %v", s.ExtraEnv)
		}
		same(t, "singleuser.uid", s.UID, img.UID)
		same(t, "singleuser.fsGid", s.FsGid, img.GID)
		same(t, "singleuser.storage.homeMountPath", s.Storage.HomeMountPath, img.Home)
		same(t, "singleuser.storage.type", s.Storage.Type, "dynamic")
		same(t, "hub.config.KubeSpawner.notebook_dir", v.Hub.Config.KubeSpawner.NotebookDir, img.Home)
		same(t, "singleuser.defaultUrl", s.DefaultURL, wantURL)
		if s.Cmd != nil {
			t.Errorf("singleuser.cmd = %q; want null, so the image's start hooks put the lessons into the home", *s.Cmd)
		}
		if s.Memory.Limit == "" || s.Memory.Guarantee == "" || s.CPU.Limit <= 0 {
			t.Errorf("singleuser memory/cpu not sized: %+v %+v", s.Memory, s.CPU)
		}
		if !v.Cull.Enabled || v.Cull.Timeout <= 0 {
			t.Errorf("cull = %+v; want the idle culler enabled with a timeout", v.Cull)
		}
	})

	t.Run("dockerspawner", func(t *testing.T) {
		cfg := loadHubConfig(t, filepath.Join(root, "deploy", "dockerspawner", "jupyterhub_config.py"))
		ds := section(cfg, "DockerSpawner")
		same(t, "JupyterHub.spawner_class", section(cfg, "JupyterHub")["spawner_class"], any("dockerspawner.DockerSpawner"))
		same(t, "DockerSpawner.image", ds["image"], any(img.Image+":"+img.Release))
		same(t, "DockerSpawner.pull_policy", ds["pull_policy"], any("ifnotpresent"))
		env, _ := ds["environment"].(map[string]any)
		if env["BUNBOOK_KERNEL_CULL_TIMEOUT"] == nil {
			t.Errorf("DockerSpawner.environment has no BUNBOOK_KERNEL_CULL_TIMEOUT (kernel culling): %v", env)
		}
		create, _ := ds["extra_create_kwargs"].(map[string]any)
		same(t, "DockerSpawner.extra_create_kwargs user", create["user"], any(strconv.Itoa(img.UID)+":"+strconv.Itoa(img.GID)))
		volumes, _ := ds["volumes"].(map[string]any)
		mounts := 0
		for host, guest := range volumes {
			if guest == img.Home {
				mounts++
				if !strings.Contains(host, "{username}") {
					t.Errorf("DockerSpawner.volumes %q -> %q: the volume is not per student (no {username})", host, guest)
				}
			}
		}
		if mounts != 1 {
			t.Errorf("DockerSpawner.volumes = %v; want one per-student volume on %s", volumes, img.Home)
		}
		same(t, "DockerSpawner.notebook_dir", ds["notebook_dir"], any(img.Home))
		same(t, "DockerSpawner.default_url", ds["default_url"], any(wantURL))
		if ds["mem_limit"] == nil || ds["cpu_limit"] == nil {
			t.Errorf("DockerSpawner mem_limit/cpu_limit not set: %v, %v", ds["mem_limit"], ds["cpu_limit"])
		}
		services, _ := section(cfg, "JupyterHub")["services"].([]any)
		culler := false
		for _, s := range services {
			m, _ := s.(map[string]any)
			if cmd, _ := json.Marshal(m["command"]); strings.Contains(string(cmd), "jupyterhub_idle_culler") {
				culler = true
			}
		}
		if !culler {
			t.Errorf("no jupyterhub-idle-culler service in JupyterHub.services: %v", services)
		}
	})

	t.Run("tljh", func(t *testing.T) {
		script := filepath.Join(root, "deploy", "tljh", "install-course.sh")
		if out, err := exec.Command("bash", "-n", script).CombinedOutput(); err != nil {
			t.Errorf("bash -n %s: %v\n%s", script, err, out)
		}
		vars := shellVars(t, script)
		// COURSE=${BUNBOOK_COURSE:-/opt/bunbook}: the default is the contract.
		course := regexp.MustCompile(`^\$\{[A-Z_]+:-(.*)\}$`).ReplaceAllString(vars["COURSE"], "$1")
		same(t, "COURSE in install-course.sh", course, img.Course)
		same(t, "LESSONS_DIR in install-course.sh", vars["LESSONS_DIR"], filepath.ToSlash(lessonsRel))
		hub := loadHubConfig(t, filepath.Join(root, "deploy", "tljh", "bunbook_hub.py"))
		same(t, "TLJH Spawner.default_url", section(hub, "Spawner")["default_url"], any(wantURL))
		start, err := os.ReadFile(filepath.Join(root, "deploy", "tljh", "student-start.sh"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`"$course/notebooks"`, `lessons=$HOME/@LESSONS_DIR@`} {
			if !strings.Contains(string(start), want) {
				t.Errorf("deploy/tljh/student-start.sh does not name %s", want)
			}
		}
		if hub["Spawner"] == nil || section(hub, "Spawner")["environment"] == nil {
			t.Errorf("deploy/tljh/bunbook_hub.py sets no Spawner.environment (BUNBOOK_KERNEL_CULL_TIMEOUT, kernel culling)")
		}
	})
}

// readImageContract reads the org.bunbook.* labels from the Dockerfile's
// LABEL instructions (continuation lines joined, quotes removed).
func readImageContract(t *testing.T, dockerfile string) imageContract {
	t.Helper()
	f, err := os.Open(dockerfile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	labels := map[string]string{}
	pair := regexp.MustCompile(`([A-Za-z0-9._-]+)=("(?:[^"\\]|\\.)*"|\S+)`)
	var instr strings.Builder
	sc := bufio.NewScanner(f)
	flush := func() {
		line := strings.TrimSpace(instr.String())
		instr.Reset()
		if rest, ok := strings.CutPrefix(line, "LABEL "); ok {
			for _, m := range pair.FindAllStringSubmatch(rest, -1) {
				v := m[2]
				if uq, err := strconv.Unquote(v); err == nil {
					v = uq
				}
				labels[m[1]] = v
			}
		}
	}
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if cont, ok := strings.CutSuffix(line, `\`); ok {
			instr.WriteString(cont + " ")
			continue
		}
		instr.WriteString(line)
		flush()
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	get := func(key string) string {
		v, ok := labels[key]
		if !ok || v == "" {
			t.Fatalf("the Dockerfile has no LABEL %s: it is the image's contract with the hub recipes in deploy/ (image name, notebook user ids, home, lessons folder, course folder)", key)
		}
		return v
	}
	atoi := func(key string) int {
		n, err := strconv.Atoi(get(key))
		if err != nil {
			t.Fatalf("LABEL %s=%q is not a number", key, labels[key])
		}
		return n
	}
	return imageContract{
		Image:   get("org.bunbook.image"),
		UID:     atoi("org.bunbook.notebook-uid"),
		GID:     atoi("org.bunbook.notebook-gid"),
		Home:    get("org.bunbook.home"),
		Lessons: get("org.bunbook.lessons"),
		Course:  get("org.bunbook.course"),
		Release: get("org.bunbook.release"),
	}
}

func readYAML(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// loadHubConfig loads a jupyterhub_config.py the way JupyterHub does
// (traitlets' PyFileConfigLoader, which provides get_config) and returns its
// settings as JSON-like maps, by section. The spawner and authenticator
// classes are named as strings, so neither needs to be installed.
func loadHubConfig(t *testing.T, file string) map[string]any {
	t.Helper()
	const load = `
import json, os, sys
from traitlets.config.loader import PyFileConfigLoader
path = sys.argv[1]
cfg = PyFileConfigLoader(os.path.basename(path), path=os.path.dirname(path)).load_config()
def plain(v):
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set)):
        return [plain(x) for x in v]
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return repr(v)
print(json.dumps(plain(cfg)))
`
	python, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(python, "-c", "import traitlets").Run()
	}
	if err != nil {
		missing(t, err)
	}
	out, err := exec.Command(python, "-c", load, file).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("load %s as JupyterHub does: %v\n%s", file, err, msg)
	}
	var cfg map[string]any
	if err := json.Unmarshal(out, &cfg); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return cfg
}

func section(cfg map[string]any, name string) map[string]any {
	s, _ := cfg[name].(map[string]any)
	return s
}

// shellVars reads the NAME=value assignments at the start of lines.
func shellVars(t *testing.T, file string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^([A-Z_]+)=(\S+)`).FindAllStringSubmatch(string(data), -1) {
		vars[m[1]] = m[2]
	}
	return vars
}

func same[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v; the Dockerfile says %v", what, got, want)
	}
}
