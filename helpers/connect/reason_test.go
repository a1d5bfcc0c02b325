package connect

import (
	"errors"
	"testing"
)

func TestReason(t *testing.T) {
	for in, want := range map[string]string{
		"connect: cannot reach PostgreSQL at 127.0.0.1:1": "cannot reach PostgreSQL at 127.0.0.1:1",
		"dial tcp: refused":       "dial tcp: refused",
		"connect: connect: twice": "connect: twice",
	} {
		if got := Reason(errors.New(in)); got != want {
			t.Errorf("Reason(%q) = %q, want %q", in, got, want)
		}
	}
}
