package nbrun

import (
	"strings"
	"testing"
)

func notebookWith(t *testing.T, source, stdout string) *Notebook {
	t.Helper()
	nb, err := ParseNotebook([]byte(`{"nbformat": 4, "metadata": {}, "cells": [
	  {"cell_type": "markdown", "source": "text", "metadata": {}},
	  {"cell_type": "code", "execution_count": 1, "source": ` + quote(source) + `, "metadata": {},
	   "outputs": [{"output_type": "stream", "name": "stdout", "text": ` + quote(stdout) + `}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

func quote(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `"`, `\"`), "\n", `\n`) + `"`
}

func TestSameOutputs(t *testing.T) {
	base := notebookWith(t, "%%\nrun()", "Moshe\n")
	if err := SameOutputs(base, notebookWith(t, "%%\nrun()", "Moshe\n")); err != nil {
		t.Errorf("same notebooks: %v", err)
	}
	for _, tc := range []struct {
		name string
		nb   *Notebook
		want string
	}{
		{"output", notebookWith(t, "%%\nrun()", "Moshe\nMoshe\n"), `cell 1 "%%", output 0 differs`},
		{"source", notebookWith(t, "%%\nrun2()", "Moshe\n"), "source differs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := SameOutputs(base, tc.nb)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	unsaved, err := ParseNotebook([]byte(`{"nbformat": 4, "cells": [{"cell_type": "code", "source": "%%\nrun()", "outputs": []}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := SameOutputs(base, unsaved); err == nil || !strings.Contains(err.Error(), "0 outputs, want 1") {
		t.Errorf("notebook saved without outputs: err = %v", err)
	}
}
