package progress

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestHintLabelDropsTheStudentsText(t *testing.T) {
	for hint, want := range map[string]string{
		"expected 20 rows, got 3: too few (check the query's Limit, Where and joins)": "expected N rows, got N: too few (…)",
		`chinook.db has no table named "<script>alert(1)</script>"`:                   "chinook.db has no table named …",
		"the database does not answer (sql: secret path /home/x): open it again":      "the database does not answer (…): open it again",
		"row 3: the album title differs\x1b[31m; each track":                          "row N: the album title differs [Nm; each track",
	} {
		if got := HintLabel(hint); got != want {
			t.Errorf("HintLabel(%q) = %q, want %q", hint, got, want)
		}
	}
	if l := HintLabel(strings.Repeat("x", 500)); len([]rune(l)) != maxLabel {
		t.Errorf("a long hint's label has %d runes, want %d", len([]rune(l)), maxLabel)
	}
	if a, b := HintID(HintLabel("expected 20 rows, got 3")), HintID(HintLabel("expected 20 rows, got 7")); a != b || len(a) != 7 {
		t.Errorf("one hint, two ids: %q %q", a, b)
	}
}

func TestAppendNumbersAttempts(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	for _, r := range []Record{
		{Question: "Q3", Outcome: Unanswered},
		{Question: "Q3", Outcome: Wrong, Hint: "expected N rows", HintID: HintID("expected N rows")},
		{Question: "Q4", Outcome: Correct},
		{Question: "Q3", Outcome: Correct},
	} {
		if err := Append(path, r); err != nil {
			t.Fatal(err)
		}
	}
	recs, probs, ok := ReadFile(path)
	if !ok || len(probs) > 0 || len(recs) != 4 {
		t.Fatalf("read back %d records, %v, ok=%v", len(recs), probs, ok)
	}
	var attempts []string
	for _, r := range recs {
		attempts = append(attempts, r.Question+"#"+strconv.Itoa(r.Attempt))
	}
	if got := strings.Join(attempts, " "); got != "Q3#1 Q3#2 Q4#1 Q3#3" {
		t.Errorf("attempts = %s", got)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("the file is %v, want private to the student (0600)", st.Mode().Perm())
	}
	s := Summarize(recs)
	if s["Q3"].Cell() != "✅" || s["Q4"].Cell() != "✅" || s["Q5a"].Cell() != "⬜" {
		t.Errorf("summary cells: %q %q %q", s["Q3"].Cell(), s["Q4"].Cell(), s["Q5a"].Cell())
	}
}

func TestAppendRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- Append(fifo, Record{Question: "Q1", Outcome: Correct}) }()
	select {
	case err := <-done:
		if err == nil {
			t.Error("appending to a FIFO succeeded")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("appending to a FIFO hangs")
	}
	link := filepath.Join(dir, "link")
	os.Symlink(filepath.Join(dir, "elsewhere"), link)
	if err := Append(link, Record{Question: "Q1", Outcome: Correct}); err == nil {
		t.Error("appending through a symlink succeeded")
	}
	if err := Append(filepath.Join(dir, "no", "such", "dir", FileName), Record{Question: "Q1", Outcome: Correct}); err == nil {
		t.Error("appending into a missing folder succeeded")
	}
}

// TestTwoKernelsAppendAtOnce runs two processes (as two kernels of one
// student would be) that each append many records at the same time: every
// line must come out whole, and the attempt numbers must count 1…n.
func TestTwoKernelsAppendAtOnce(t *testing.T) {
	if path := os.Getenv("PROGRESS_TEST_WRITER"); path != "" {
		for i := 0; i < 100; i++ {
			hint := strings.Repeat("a long hint that makes the line big ", 60)
			if err := Append(path, Record{Question: "Q6", Outcome: Wrong, Hint: HintLabel(hint) + strings.Repeat("z", 1500), HintID: HintID(hint)}); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		os.Exit(0)
	}
	path := filepath.Join(t.TempDir(), FileName)
	var cmds []*exec.Cmd
	for range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestTwoKernelsAppendAtOnce$")
		cmd.Env = append(os.Environ(), "PROGRESS_TEST_WRITER="+path)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	recs, probs, _ := ReadFile(path)
	if len(probs) > 0 {
		t.Errorf("problems: %v", probs)
	}
	if len(recs) != 200 {
		t.Fatalf("%d records, want 200", len(recs))
	}
	for i, r := range recs {
		if r.Attempt != i+1 {
			t.Fatalf("record %d has attempt %d: two writers counted at once", i+1, r.Attempt)
		}
	}
}

func TestReadReportsHostileFiles(t *testing.T) {
	good := `{"q":"Q1","outcome":"correct","kind":"check","attempt":1,"time":"2026-12-05T10:00:00Z"}`
	for name, c := range map[string]struct {
		text  string
		recs  int
		probs string
	}{
		"truncated":      {good + "\n" + good[:30], 1, "line 2: cut short (the file ends mid-record)"},
		"binary":         {"\x00\xff\xfe garbage\n" + good + "\n", 1, "line 1: not a progress record"},
		"html question":  {`{"q":"<b>Q1</b>","outcome":"correct","attempt":1,"time":"2026-12-05T10:00:00Z"}` + "\n", 0, "line 1: the question id is not one"},
		"other outcome":  {`{"q":"Q1","outcome":"pwned","attempt":1,"time":"2026-12-05T10:00:00Z"}` + "\n", 0, "line 1: the outcome is not"},
		"extra field":    {`{"q":"Q1","outcome":"correct","attempt":1,"time":"2026-12-05T10:00:00Z","code":"x"}` + "\n", 0, "line 1: not a progress record"},
		"no time":        {`{"q":"Q1","outcome":"correct","attempt":1}` + "\n", 0, "line 1: it has no time"},
		"huge line":      {strings.Repeat("x", 100000) + "\n" + good + "\n", 1, "line 1: too long"},
		"negative tries": {`{"q":"Q1","outcome":"correct","attempt":-5,"time":"2026-12-05T10:00:00Z"}` + "\n", 0, "attempt number is out of range"},
		"empty":          {"", 0, ""},
	} {
		recs, probs := Read(strings.NewReader(c.text))
		var ps []string
		for _, p := range probs {
			ps = append(ps, p.String())
		}
		if len(recs) != c.recs || !strings.Contains(strings.Join(ps, "\n"), c.probs) || (c.probs == "") != (len(ps) == 0) {
			t.Errorf("%s: %d records, problems %q; want %d records and a problem with %q", name, len(recs), ps, c.recs, c.probs)
		}
	}
	recs, _ := Read(strings.NewReader(`{"q":"Q3","outcome":"wrong","hint":"h000000","label":"\u001b[2J<script>x</script>","attempt":1,"time":"2026-12-05T10:00:00Z"}` + "\n"))
	if len(recs) != 1 || strings.ContainsRune(recs[0].Hint, 0x1b) {
		t.Errorf("a control character survived in the label: %+v", recs)
	}
}
