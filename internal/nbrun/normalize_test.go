package nbrun

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	raw, err := os.ReadFile("testdata/executed.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	out, err := Normalize(raw, NormalizeOptions{Root: "/work/checkout/"})
	if err != nil {
		t.Fatal(err)
	}
	nb, err := ParseNotebook(out)
	if err != nil {
		t.Fatal(err)
	}
	create := nb.Cells[1]
	if len(create.Outputs) != 2 {
		t.Fatalf("outputs = %+v, want the two stdout outputs merged, then stderr", create.Outputs)
	}
	wantStdout := "[bun]  CREATE TABLE      CREATE TABLE \"customers\" (\"CustomerId\" INTEGER)\n" +
		"[bun]  SELECT            SELECT 1\n" +
		"done in <gonb-tmp>/main.go\n"
	if got := create.Stdout(); got != wantStdout {
		t.Errorf("stdout =\n%s\nwant\n%s", got, wantStdout)
	}
	if got := create.Stderr(); got != "warning from <repo>/notebooks\n" {
		t.Errorf("stderr = %q", got)
	}
	if got := nb.Cells[3].Error().Traceback; len(got) != 1 || got[0] != "panic: boom at <gonb-tmp>/main.go:19" {
		t.Errorf("traceback = %q", got)
	}
	if got := nb.HTML()[0]; got != "<table>\n<td>Moshe &amp; co</td>\n</table>" {
		t.Errorf("HTML = %q", got)
	}
	// The stdout that arrived after the table comes first: text, then displays.
	if show := nb.Cells[2].Outputs; len(show) != 2 || show[0].Type != "stream" ||
		show[0].Text != "[bun]  SELECT            SELECT * FROM customers\n" || show[1].Type != "display_data" {
		t.Errorf("show cell outputs = %+v, want the stream first, then the display", show)
	}

	text := string(out)
	for _, gone := range []string{`"execution"`, "iopub", "11:42:35", "1.234ms", "41µs", "gonb_1a2b3c4d"} {
		if strings.Contains(text, gone) {
			t.Errorf("normalized notebook still has %q", gone)
		}
	}
	for _, kept := range []string{
		"\"tags\": [\n     \"keep\"\n    ]",                       // other metadata stays
		"\"<table>\\n\",\n       \"<td>Moshe &amp; co</td>\\n\",", // lists of lines, HTML not escaped
		"\"source\": [\n    \"%%\\n\",\n    \"display.Query(ctx, q)\\n\"\n   ]",
	} {
		if !strings.Contains(text, kept) {
			t.Errorf("normalized notebook lacks %q:\n%s", kept, text)
		}
	}
	if !strings.HasSuffix(text, "}\n") {
		t.Error("normalized notebook does not end with a newline")
	}

	again, err := Normalize(out, NormalizeOptions{Root: "/work/checkout"})
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != text {
		t.Errorf("Normalize is not idempotent:\n%s\nthen\n%s", text, again)
	}
}

func TestNormalizeRejectsNonJSON(t *testing.T) {
	if _, err := Normalize([]byte("not json"), NormalizeOptions{}); err == nil || !strings.Contains(err.Error(), "invalid JSON") {
		t.Errorf("err = %v, want invalid JSON", err)
	}
}

func TestMaskVolatileBunLines(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"[bun]  09:08:07.006   INSERT                2.5s  INSERT INTO t VALUES (1)",
			"[bun]  INSERT            INSERT INTO t VALUES (1)"},
		{"[bun]  09:08:07.006   SELECT              1m2.5s  SELECT 1",
			"[bun]  SELECT            SELECT 1"},
		{"[bun]  09:08:07.006   SELECT               999ns  SELECT '12:00:00.000   X  1s  '",
			"[bun]  SELECT            SELECT '12:00:00.000   X  1s  '"},
		{"not a [bun]  09:08:07.006   SELECT  1s  line", "not a [bun]  09:08:07.006   SELECT  1s  line"},
	} {
		if got := maskVolatile(tc.in, NormalizeOptions{}); got != tc.want {
			t.Errorf("maskVolatile(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestMaskVolatileDownloadLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ready: /srv/notebooks/chinook.db (884736 bytes, sha256 ok, cached)\n",
			"ready: <repo>/notebooks/chinook.db (884736 bytes, sha256 ok)\n"},
		{"ready: /srv/notebooks/chinook.db (884736 bytes, sha256 ok)\n",
			"ready: <repo>/notebooks/chinook.db (884736 bytes, sha256 ok)\n"},
		// Only the download's line: other text saying "cached)" stays.
		{"plan: (index, cached)\n", "plan: (index, cached)\n"},
	} {
		if got := maskVolatile(tc.in, NormalizeOptions{Root: "/srv"}); got != tc.want {
			t.Errorf("maskVolatile(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// A first run shows the download's progress bar and erases it (an empty
// display remains); a re-run finds the file and shows no bar. Both
// normalize to the same outputs.
func TestNormalizeDropsErasedDisplays(t *testing.T) {
	cell := func(outputs string) []byte {
		return []byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{
		  "cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {}, "source": "%%",
		  "outputs": [` + outputs + `]}]}`)
	}
	first, err := Normalize(cell(`{"output_type": "display_data", "metadata": {}, "data": {"text/html": ""}},
	  {"output_type": "stream", "name": "stdout", "text": "ready: /r/chinook.db (1 bytes, sha256 ok)\n"}`), NormalizeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	again, err := Normalize(cell(`{"output_type": "stream", "name": "stdout", "text": "ready: /r/chinook.db (1 bytes, sha256 ok, cached)\n"}`), NormalizeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Errorf("first run and re-run differ after Normalize:\n%s\n---\n%s", first, again)
	}
	if bytes.Contains(first, []byte("display_data")) {
		t.Errorf("the erased display was kept:\n%s", first)
	}
}

// Bun's query log shows the clock time and the duration of each statement;
// normalized outputs keep the operation and the SQL.
func ExampleNormalize() {
	executed := `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{
	  "cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {}, "source": "%%\nquery()",
	  "outputs": [{"output_type": "stream", "name": "stdout",
	    "text": "[bun]  12:01:02.345   SELECT                  41µs  SELECT \"customer\".\"FirstName\" FROM \"customers\" AS \"customer\"\n"}]}]}`
	out, err := Normalize([]byte(executed), NormalizeOptions{})
	if err != nil {
		panic(err)
	}
	nb, err := ParseNotebook(out)
	if err != nil {
		panic(err)
	}
	fmt.Print(nb.Stdout())
	// Output:
	// [bun]  SELECT            SELECT "customer"."FirstName" FROM "customers" AS "customer"
}

// GoNB reports an empty pygments_lexer; a normalized notebook is saved with
// Go's lexer, CodeMirror mode and file extension, keeping the Go version.
func TestNormalizeLanguageInfo(t *testing.T) {
	in := `{"cells":[],"metadata":{"language_info":{"name":"go","pygments_lexer":"","codemirror_mode":"","file_extension":".go","mimetype":"text/x-go","version":"go1.26.8"}},"nbformat":4,"nbformat_minor":5}`
	out, err := Normalize([]byte(in), NormalizeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := `"language_info": {
   "codemirror_mode": "go",
   "file_extension": ".go",
   "mimetype": "text/x-go",
   "name": "go",
   "pygments_lexer": "go",
   "version": "go1.26.8"
  }`
	if !strings.Contains(string(out), want) {
		t.Errorf("normalized metadata:\n%s\nwant\n%s", out, want)
	}
}
