package connect

import (
	"context"
	"strings"
	"testing"

	"github.com/uptrace/bun"
)

// H7: nil and zero inputs give errors, never panics.
func TestNilInputsNeverPanic(t *testing.T) {
	//lint:ignore SA1012 a nil context is the input under test
	db, err := Open(nil, ":memory:", nil) //nolint:staticcheck
	if err != nil {
		t.Fatalf("Open(nil ctx): %v", err)
	}
	db.Close()

	t.Setenv(EnvURL, "")
	db, err = OpenEnv(nil, ":memory:") //nolint:staticcheck
	if err != nil {
		t.Fatalf("OpenEnv(nil ctx): %v", err)
	}
	db.Close()

	if _, err := OpenEnv(context.Background(), ""); err == nil || !strings.Contains(err.Error(), "empty data source name") {
		t.Errorf("OpenEnv(\"\") = %v", err)
	}
	for _, dsn := range []string{"", " ", "\x00", "file:", "sqlite:", "://", "@tcp()/"} {
		if db, err := Open(context.Background(), dsn); err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded", dsn)
		}
	}
	_ = Redact("")
	_ = IsMySQLDSN("")
	_ = Echo(nil)
	Register(nil) // no schemes: nothing registered

	// A nil opener, or one that returns neither a database nor an error, is
	// a bug in the package that registered it: Open says so.
	t.Cleanup(func() { // keep Schemes() as other tests expect it
		openersMu.Lock()
		delete(openers, "niltest")
		delete(openers, "nildbtest")
		openersMu.Unlock()
	})
	Register(nil, "niltest")
	Register(func(context.Context, string, bool) (*bun.DB, error) { return nil, nil }, "nildbtest")
	for dsn, want := range map[string]string{
		"niltest://x":   `connect: the opener registered for scheme "niltest" is nil: fix the package that calls connect.Register`,
		"nildbtest://x": `connect: the opener registered for scheme "nildbtest" returned no database and no error: fix the package that calls connect.Register`,
	} {
		if _, err := Open(context.Background(), dsn); err == nil || err.Error() != want {
			t.Errorf("Open(%q) error\n got: %v\nwant: %s", dsn, err, want)
		}
	}
}
