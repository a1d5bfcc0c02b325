package erd

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// Mermaid writes the schema as a Mermaid erDiagram, which GitHub and many
// Markdown tools render. Table names that Mermaid cannot take bare (spaces,
// quotes, …) get a safe alias with the real name as its label.
func Mermaid(s *inspect.Schema) string {
	if s == nil {
		return "erDiagram\n    %% " + noSchema + "\n"
	}
	tables := drawn(s)
	names := map[*inspect.Table]string{} // table → Mermaid entity id
	used := map[string]bool{}
	for _, t := range tables {
		id := mermaidIdent(t.Name)
		for base, n := id, 2; used[id]; n++ {
			id = fmt.Sprintf("%s_%d", base, n)
		}
		used[id] = true
		names[t] = id
	}

	var b strings.Builder
	b.WriteString("erDiagram\n")
	for _, t := range tables {
		id := names[t]
		if id == t.Name {
			fmt.Fprintf(&b, "    %s {\n", id)
		} else {
			fmt.Fprintf(&b, "    %s[%q] {\n", id, strings.ReplaceAll(t.Name, `"`, "'"))
		}
		fk := foreignKeyColumns(t)
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "        %s %s", mermaidType(c.Type), mermaidIdent(c.Name))
			var keys []string
			if c.PrimaryKey > 0 {
				keys = append(keys, "PK")
			}
			if fk[c.Name] {
				keys = append(keys, "FK")
			}
			if len(keys) > 0 {
				b.WriteString(" " + strings.Join(keys, ","))
			}
			if mermaidIdent(c.Name) != c.Name {
				fmt.Fprintf(&b, " %q", strings.ReplaceAll(c.Name, `"`, "'"))
			}
			b.WriteString("\n")
		}
		b.WriteString("    }\n")
	}
	for _, t := range tables {
		from := names[t]
		for _, k := range t.ForeignKeys {
			to, ok := names[s.Referenced(t, &k)]
			if !ok {
				continue
			}
			// Many rows of the referencing table point at exactly one (or, for
			// a nullable key, at most one) row of the referenced table.
			one := "||"
			if c := t.Column(first(k.Columns)); c != nil && c.Nullable {
				one = "|o"
			}
			fmt.Fprintf(&b, "    %s %s--o{ %s : %q\n", to, one, from, strings.ReplaceAll(strings.Join(k.Columns, ", "), `"`, "'"))
		}
	}
	return b.String()
}

var notIdent = regexp.MustCompile(`[^A-Za-z0-9_]+`)

// mermaidIdent makes a name Mermaid accepts bare: letters, digits, '_'.
func mermaidIdent(name string) string {
	id := strings.Trim(notIdent.ReplaceAllString(name, "_"), "_")
	if id == "" || (id[0] >= '0' && id[0] <= '9') {
		id = "t_" + id
	}
	return id
}

var notType = regexp.MustCompile(`[^A-Za-z0-9_()\[\]-]+`)

// mermaidType keeps a type readable within Mermaid's attribute-type
// alphabet: NUMERIC(10,2) becomes NUMERIC(10-2); an empty type, "ANY".
func mermaidType(t string) string {
	if t == "" {
		return "ANY"
	}
	t = strings.ReplaceAll(t, ",", "-")
	t = notType.ReplaceAllString(t, "_")
	if t[0] >= '0' && t[0] <= '9' || t[0] == '(' {
		t = "T" + t
	}
	return t
}
