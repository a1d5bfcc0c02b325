package inspect

import (
	"reflect"
	"testing"
)

func TestIndexKeyTerms(t *testing.T) {
	for _, tc := range []struct {
		stmt string
		want []string
	}{
		{`CREATE INDEX i ON t (a, b)`, []string{"a", "b"}},
		{`CREATE UNIQUE INDEX IF NOT EXISTS "s"."i" ON "t" ("a" ASC, [b] desc)`, []string{`"a"`, "[b]"}},
		{`CREATE INDEX "i(" ON "t)" (lower("x, y") COLLATE NOCASE DESC, b)`, []string{`lower("x, y")`, "b"}},
		{`CREATE INDEX i ON t (substr(a, 1, 2), (b + c) * 2, 'it''s,' || a) WHERE a > (0)`, []string{"substr(a, 1, 2)", "(b + c) * 2", `'it''s,' || a`}},
		{"CREATE INDEX i ON t ( -- a comment, with (\n a /* b, c */ , `d``e` COLLATE \"x\" ASC )", []string{"a", "`d``e`"}},
		{`CREATE INDEX "ü 表" ON "ü 表" ("名前")`, []string{`"名前"`}},
		{`CREATE INDEX i ON t ()`, nil},
		{`CREATE INDEX i ON t (a,,b)`, nil},
		{`CREATE INDEX i ON t`, nil},
		{`CREATE INDEX i ON t (a, "unterminated`, []string{"a", `"unterminated`}},
	} {
		if got := indexKeyTerms(tc.stmt); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("indexKeyTerms(%q) = %q, want %q", tc.stmt, got, tc.want)
		}
	}
}
