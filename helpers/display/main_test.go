package display

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// Tests never talk to a GoNB kernel, even when run from one.
	inNotebook = func() bool { return false }
	displayHTML = func(string) { panic("no notebook in tests") }
	syncDisplay = func() {}
	os.Exit(m.Run())
}
