package main

import (
	"strings"
	"testing"
)

// TestSecretsNeverShown: the credential forms of the Chinook downloader's
// test (probe P4), as database sources: parsing or not, reachable or not,
// no password reaches stdout, stderr or an -outfile.
func TestSecretsNeverShown(t *testing.T) {
	for _, src := range []string{
		"postgres://alice:S3cretPW@127.0.0.1:1/test?connect_timeout=2",
		"postgres://alice:S3cret/PW@127.0.0.1:1/test",
		"postgres://alice:S3c@ret@127.0.0.1:1/test",
		"postgres://alice:S3cret#PW@127.0.0.1:1/test",
		"postgres://alice:S3cret?PW@127.0.0.1:1/test",
		"postgres://alice:S3cretPW@127.0.0.1:1/te\nst",
		"postgres://alice:S3cretPW@[::1:1/test",
		"postgres://127.0.0.1:1/test?password=S3cretPW&sslpassword=S3cretSSL",
		"mysql://alice:S3cretPW@127.0.0.1:1/test",
		"mysql://alice:S3cret/PW@127.0.0.1:1/test",
		"alice:S3cretPW@tcp(127.0.0.1:1)/test",
		"host=127.0.0.1 port=1 user=alice password=S3cretPW dbname=test",
		"sqlite://alice:S3cretPW@localhost/missing.db",
		"http://alice:S3cret/PW@127.0.0.1:1/chinook.zip",
	} {
		chdirCopy(t)
		code, out, errOut := runCLIHere(t, "-outfile", "models.go", src)
		if code == 0 {
			t.Errorf("%q: exit 0", src)
		}
		if strings.Contains(out+errOut, "S3c") {
			t.Errorf("%q: secret shown:\n%s%s", src, out, errOut)
		}
	}
}
