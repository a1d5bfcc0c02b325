package connect

import (
	"context"
	"strings"
	"testing"
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
	_ = Echo(nil)
}
