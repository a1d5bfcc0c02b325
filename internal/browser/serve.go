package browser

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Serve serves the files under dir on 127.0.0.1 (a free port) until the test
// ends and returns the origin, such as "http://127.0.0.1:41234".
func Serve(t testing.TB, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}
