package download

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/shareddata"
)

func TestParseSource(t *testing.T) {
	for _, tc := range []struct {
		raw, url, path string
	}{
		{raw: "https://mirror.example/chinook.zip", url: "https://mirror.example/chinook.zip"},
		{raw: "HTTP://mirror.example:8000/c.zip", url: "http://mirror.example:8000/c.zip"},
		{raw: "file:///srv/course/chinook.zip", path: "/srv/course/chinook.zip"},
		{raw: "file://localhost/srv/chinook.db", path: "/srv/chinook.db"},
		{raw: "/srv/course/chinook.zip", path: "/srv/course/chinook.zip"},
		{raw: "data/../chinook.zip", path: "chinook.zip"},
		{raw: `C:\course\chinook.zip`, path: `C:\course\chinook.zip`},
	} {
		s, err := parseSource(tc.raw, "test")
		if err != nil || s.url != tc.url || s.path != tc.path {
			t.Errorf("parseSource(%q) = url %q path %q err %v; want url %q path %q", tc.raw, s.url, s.path, err, tc.url, tc.path)
		}
	}
	for raw, reason := range map[string]string{
		"ftp://mirror/chinook.zip":      `unsupported scheme "ftp"`,
		"file://fileserver/chinook.zip": `file URL names host "fileserver"`,
		"https:///chinook.zip":          "URL has no host",
		"file://":                       "file URL has no path",
	} {
		_, err := parseSource(raw, "$CHINOOK_SOURCE")
		if !errors.Is(err, errSource) || !strings.Contains(err.Error(), reason) ||
			!strings.Contains(err.Error(), `chinook: parse $CHINOOK_SOURCE "`+raw+`"`) {
			t.Errorf("parseSource(%q) error = %v, want errSource with %q", raw, err, reason)
		}
	}
}

func TestSourcePrecedence(t *testing.T) {
	env := map[string]string{envSource: " /from/env.zip "}
	o := newOptions([]Option{withEnv(env), Source("/from/option.zip")})
	if s, _ := o.sources(); len(s) != 1 || s[0].path != "/from/option.zip" || s[0].builtin {
		t.Fatalf("option: %+v", s)
	}
	o = newOptions([]Option{withEnv(env)})
	if s, _ := o.sources(); len(s) != 1 || s[0].path != "/from/env.zip" || s[0].origin != "$CHINOOK_SOURCE" {
		t.Fatalf("env: %+v", s)
	}
	o = newOptions([]Option{withEnv(nil)})
	s, _ := o.sources()
	if len(s) != 2 || s[0].url != defaultURL || s[1].url != defaultHTTPURL || !s[0].builtin || !s[1].builtin {
		t.Fatalf("default: %+v", s)
	}
}

func TestLocalSources(t *testing.T) {
	zipPath := shareddata.Path(t, "chinook.zip")
	dbPath := shareddata.Path(t, "chinook.db")
	fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(zipPath)}).String()
	for name, opt := range map[string]Option{
		"zip path":          Source(zipPath),
		"file URL":          Source(fileURL),
		"db path":           Source(dbPath),
		"CHINOOK_SOURCE":    withEnv(map[string]string{envSource: zipPath}),
		"CHINOOK_SOURCE db": withEnv(map[string]string{envSource: "file://" + dbPath}),
	} {
		dir := t.TempDir()
		r, err := fetchResult(t.Context(), dir, append(base(), opt)...)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !r.Verified || r.Size != 884736 {
			t.Errorf("%s: result %+v", name, r)
		}
		assertFiles(t, dir, "chinook.db")
	}
}

func TestMissingLocalSource(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nowhere", "chinook.zip")
	_, err := fetchResult(t.Context(), dir, append(base(), withEnv(map[string]string{envSource: missing}))...)
	if !errors.Is(err, errNotFound) || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v, want errNotFound", err)
	}
	want := "check CHINOOK_SOURCE=" + missing + ": it must name an existing chinook.zip or chinook.db"
	if !strings.HasSuffix(err.Error(), want) {
		t.Fatalf("message = %q, want it to end with %q", err, want)
	}
	_, err = fetchResult(t.Context(), t.TempDir(), append(base(), Source(dir))...)
	if !errors.Is(err, errSource) || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("directory as source: %v", err)
	}
}

// secretSources are credential-bearing sources, parsing or not (probe P4):
// no secret may appear in any error or output.
var secretSources = []string{
	"http://alice:S3cretPW@127.0.0.1:1/chinook.zip",
	"http://alice:S3cret/PW@127.0.0.1:1/chinook.zip",
	"http://alice:S3c@ret@127.0.0.1:1/chinook.zip",
	"http://alice:S3cret#PW@127.0.0.1:1/chinook.zip",
	"http://alice:S3cret?PW@127.0.0.1:1/chinook.zip",
	"http://alice:S3cretPW@127.0.0.1:1/chi\nnook.zip",
	"http://alice:S3cretPW@[::1:1/chinook.zip",
	"http://127.0.0.1:1/chinook.zip?token=S3cretTok&X-Amz-Signature=S3cretSig",
	"http://127.0.0.1:1/chinook.zip?api_key=S3cretKey&access_token=S3cretAT&sig=S3cretS",
	"file://u:S3cretPW@localhost/x.zip",
	"ftp://alice:S3cretPW@127.0.0.1:1/chinook.zip",
}

func TestSourceSecretsNeverShown(t *testing.T) {
	for _, raw := range secretSources {
		for name, opt := range map[string]Option{
			"Source":         Source(raw),
			"CHINOOK_SOURCE": withEnv(map[string]string{envSource: raw}),
		} {
			var out strings.Builder
			_, err := fetchResult(t.Context(), t.TempDir(), append(base(), opt, Output(&out))...)
			if err == nil {
				t.Errorf("%s %q: no error", name, raw)
				continue
			}
			text := err.Error() + out.String()
			if strings.Contains(text, "S3c") {
				t.Errorf("%s %q: secret shown: %s", name, raw, text)
			}
		}
	}
}
