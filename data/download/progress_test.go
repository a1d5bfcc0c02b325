package download

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

type htmlUpdate struct{ id, html string }

func TestNotebookBar(t *testing.T) {
	var updates []htmlUpdate
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	bar := newNotebookBar(func(id, html string) { updates = append(updates, htmlUpdate{id, html}) },
		func() time.Time { return now })

	bar.Start(`https://mirror/<script>alert(1)</script>&.zip`, 333705)
	bar.Advance(1000) // within 100ms of the last draw: skipped
	now = now.Add(150 * time.Millisecond)
	bar.Advance(200 << 10)
	bar.Advance(333705) // the last chunk is always drawn
	bar.Finish(result{Path: "/course/chinook.db", Size: 884736, Verified: true}, nil)

	src := "<code>https://mirror/&lt;script&gt;alert(1)&lt;/script&gt;&amp;.zip</code>"
	want := []string{
		`<div class="chinook-download">downloading ` + src + `<br><progress max="333705" value="0" style="width:20em"></progress> 0 B / 325 KiB</div>`,
		`<div class="chinook-download">downloading ` + src + `<br><progress max="333705" value="204800" style="width:20em"></progress> 200 KiB / 325 KiB</div>`,
		`<div class="chinook-download">downloading ` + src + `<br><progress max="333705" value="333705" style="width:20em"></progress> 325 KiB / 325 KiB</div>`,
		"<pre class=\"chinook-download\">\nready: /course/chinook.db (884736 bytes, sha256 ok)\n</pre>", // the bar becomes the line
	}
	if len(updates) != len(want) {
		t.Fatalf("got %d updates, want %d: %q", len(updates), len(want), updates)
	}
	for i, u := range updates {
		if u.id != updates[0].id || !strings.HasPrefix(u.id, "chinook-download-") {
			t.Errorf("update %d has id %q, want the same chinook-download-… id", i, u.id)
		}
		if u.html != want[i] {
			t.Errorf("update %d:\n got %s\nwant %s", i, u.html, want[i])
		}
	}
}

func TestNotebookBarUnknownSizeAndFailure(t *testing.T) {
	var updates []string
	bar := newNotebookBar(func(_, html string) { updates = append(updates, html) }, time.Now)
	bar.Start("http://m/c.zip", -1)
	bar.Finish(result{}, errors.New("failed"))
	want := []string{
		`<div class="chinook-download">downloading <code>http://m/c.zip</code><br><progress style="width:20em"></progress> 0 B</div>`,
		``, // erased: the error is the caller's to show
	}
	if fmt.Sprint(updates) != fmt.Sprint(want) {
		t.Fatalf("updates:\n got %q\nwant %q", updates, want)
	}

	// A cache hit draws no bar, only the line.
	updates = nil
	bar = newNotebookBar(func(_, html string) { updates = append(updates, html) }, time.Now)
	bar.Finish(result{Path: "/c.db", Size: 1, Verified: true, Cached: true}, nil)
	if fmt.Sprint(updates) != fmt.Sprint([]string{"<pre class=\"chinook-download\">\nready: /c.db (1 bytes, sha256 ok, cached)\n</pre>"}) {
		t.Fatalf("cache hit: updates %q", updates)
	}
}

func TestLineReporter(t *testing.T) {
	var out strings.Builder
	l := &lineReporter{w: &out}
	l.Start("x", 10)
	l.Advance(5)
	l.Finish(result{}, errors.New("failed")) // the error is the caller's to show
	l.Finish(result{Path: "/c.db", Size: 3, SHA256: "abc"}, nil)
	want := "ready: /c.db (3 bytes, sha256 NOT verified: abc)\n"
	if out.String() != want {
		t.Fatalf("out = %q, want %q", out.String(), want)
	}
}

func TestReporterCallsDuringGet(t *testing.T) {
	rec := &recorder{}
	zip := shareddataZip(t)
	r, err := fetchResult(t.Context(), t.TempDir(), append(base(Source(zip)), withProgress(rec))...)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.starts) != 1 || rec.starts[0] != zip || rec.last != 333705 || rec.result == nil || *rec.result != r || rec.err != nil {
		t.Fatalf("recorder = %+v", rec)
	}
}

func TestResultString(t *testing.T) {
	for _, tc := range []struct {
		r    result
		want string
	}{
		{result{Path: "/c.db", Size: 9, Verified: true}, "ready: /c.db (9 bytes, sha256 ok)"},
		{result{Path: "/c.db", Size: 9, Verified: true, Cached: true}, "ready: /c.db (9 bytes, sha256 ok, cached)"},
		{result{Path: "/c.db", Size: 9, SHA256: "ff"}, "ready: /c.db (9 bytes, sha256 NOT verified: ff)"},
		{result{Path: "/c.db", Size: 9, Verified: true, Backup: "/c.db.broken-1"}, "ready: /c.db (9 bytes, sha256 ok; previous file saved as /c.db.broken-1)"},
	} {
		if got := tc.r.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.r, got, tc.want)
		}
	}
}

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{-1: "?", 0: "0 B", 1023: "1023 B", 333705: "325 KiB", 884736: "864 KiB", 3 << 20: "3.0 MiB"} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}
