package download

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/bunbook/bunbook/internal/redact"
)

// The known-good Chinook release, as published by sqlitetutorial.net and
// used by the original Python lesson: https first, then the lesson's own
// plain-http URL (safe, as the bytes are verified).
const (
	defaultURL       = "https://www.sqlitetutorial.net/wp-content/uploads/2018/03/chinook.zip"
	defaultHTTPURL   = "http://www.sqlitetutorial.net/wp-content/uploads/2018/03/chinook.zip"
	chinookZipSHA256 = "20864a46373e96042c690a26ebf9cf5a9beb9727553992d7dc5bca122190a3b8"
	chinookDBSHA256  = "d6c11e2ccda2a36883af57f031f76fbd55e247f3be1710c4c8aaa72ec06a18cb"

	// DBName is the archive member extracted, and the default destination.
	DBName = "chinook.db"

	// envSource overrides the default source (offline classrooms, CI).
	envSource = "CHINOOK_SOURCE"
)

// source is one place to fetch from.
type source struct {
	raw     string // as written by the user
	url     string // http(s) URL, or "" for a local file
	path    string // local file path, or ""
	origin  string // "default", "$CHINOOK_SOURCE" or "Source option"
	builtin bool   // a default URL: the zip digest is known
}

// String is how messages and result.Source show the source: with any
// password or signed-URL parameter hidden (internal/redact).
func (s source) String() string {
	if s.url != "" {
		return redact.DSN(s.url)
	}
	return s.path
}

// sources lists the candidates in order: the Source option, else
// $CHINOOK_SOURCE, else the default https then http URLs.
func (o *options) sources() ([]source, error) {
	if o.source != "" {
		s, err := parseSource(o.source, "Source option")
		return []source{s}, err
	}
	if env := strings.TrimSpace(o.getenv(envSource)); env != "" {
		s, err := parseSource(env, "$"+envSource)
		return []source{s}, err
	}
	var list []source
	for _, u := range o.defaults {
		list = append(list, source{raw: u, url: u, origin: "default", builtin: true})
	}
	return list, nil
}

// parseSource accepts "http(s)://…", "file://…" and plain local paths
// (a Windows path like C:\x is a path, not a URL with scheme "c").
func parseSource(raw, origin string) (source, error) {
	s := source{raw: raw, origin: origin}
	scheme, _, hasScheme := strings.Cut(raw, "://")
	if !hasScheme {
		s.path = filepath.Clean(raw)
		return s, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse's error quotes raw, or a piece of a password ("invalid
		// port \":S3cret\""): keep only its unquoted reason.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		reason := quoted.ReplaceAllString(err.Error(), "")
		return s, sourceError(raw, origin, "not a valid URL (%s); percent-encode a '/', '?', '#' or '@' in a password (%%2F, %%3F, %%23, %%40)", reason)
	}
	switch strings.ToLower(scheme) {
	case "http", "https":
		if u.Host == "" {
			return s, sourceError(raw, origin, "URL has no host")
		}
		s.url = u.String()
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return s, sourceError(raw, origin, "file URL names host %q; only local files are supported", u.Host)
		}
		if u.Path == "" {
			return s, sourceError(raw, origin, "file URL has no path")
		}
		s.path = filepath.FromSlash(u.Path)
	default:
		return s, sourceError(raw, origin, "unsupported scheme %q", scheme)
	}
	return s, nil
}

// quoted matches a quoted piece of a url.Parse error.
var quoted = regexp.MustCompile(` ?"(?:[^"\\]|\\.)*"`)

// sourceError quotes the source with its credentials hidden, also when it
// does not parse (a password holding '/' or a control character).
func sourceError(raw, origin, format string, args ...any) error {
	return &dlError{
		Op:     "parse " + origin,
		Source: fmt.Sprintf("%q", redact.DSN(raw)),
		Err:    fmt.Errorf("%w: %s", errSource, redact.Text(fmt.Sprintf(format, args...), raw)),
		Fix:    "use an http(s):// URL, a file:// URL or a local path to chinook.zip or chinook.db",
	}
}
