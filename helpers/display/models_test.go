package display

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestModelsText(t *testing.T) {
	note := "fragile <glass>"
	items := []*item{
		{ID: 1, Name: "Cup", Price: 2.5, Note: &note},
		nil,
		{ID: 3, Name: "Plate", Price: 4},
	}
	var buf bytes.Buffer
	if err := Models(items, Writer(&buf)); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"       id  name     price  note\n" +
		"0       1  Cup        2.5  fragile <glass>\n" +
		"1  <NULL>  <NULL>  <NULL>  <NULL>\n" +
		"2       3  Plate        4  <NULL>\n" +
		"[3 rows × 4 columns]\n"
	if buf.String() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", buf.String(), want)
	}
}

type plainEvent struct {
	Title string
	At    time.Time
	Tags  []string
	hide  int
}

func TestModelsPlainStructs(t *testing.T) {
	events := []plainEvent{{Title: "Launch", At: time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC), Tags: []string{"a", "b"}, hide: 1}}
	for _, in := range []any{events, &events, events[0], &events[0]} {
		r, err := ModelsResult(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := Text(r); got != ""+
			"   title   at                    tags\n"+
			"0  Launch  2026-11-25T09:30:00Z  [a b]\n"+
			"[1 row × 3 columns]\n" {
			t.Fatalf("%T:\n%s", in, got)
		}
	}
}

func TestModelsCut(t *testing.T) {
	var items []item
	for i := range 100 {
		items = append(items, item{ID: int64(i), Name: fmt.Sprint("n", i)})
	}
	r, err := ModelsResult(items)
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 100 || fmt.Sprint(ids(r.Head), ids(r.Tail)) != "[0 1 2 3 4] [95 96 97 98 99]" {
		t.Fatalf("Total %d, head %v, tail %v", r.Total, ids(r.Head), ids(r.Tail))
	}
	r, err = ModelsResult(items, MaxRows(0))
	if err != nil || len(r.Head) != 100 || r.Cut() {
		t.Fatalf("MaxRows(0): %d rows, cut %v, %v", len(r.Head), r.Cut(), err)
	}
}

func TestModelsRejectsNonStructs(t *testing.T) {
	for _, in := range []any{42, []int{1}, nil, "x"} {
		if _, err := ModelsResult(in); err == nil || !strings.Contains(err.Error(), "display: Models needs") {
			t.Errorf("ModelsResult(%#v) err = %v", in, err)
		}
	}
}
