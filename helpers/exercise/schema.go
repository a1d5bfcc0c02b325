package exercise

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// Reference queries for question 2: one row per table (sorted by name,
// SQLite's sqlite_* tables left out) of [name, comma-joined column names]
// or of [name, CREATE TABLE text].
const (
	keySchemaColumns = "Q2/columns"
	keySchemaSQL     = "Q2/sql"
)

// tableEntry is one table of a Q2 answer.
type tableEntry struct {
	name   string
	detail string // comma-joined column names, or the CREATE TABLE text
}

func checkSchema(answer any) Result {
	const id = "Q2"
	entries, key, err := schemaEntries(answer)
	if errors.Is(err, errUnanswered) {
		return unanswered(id)
	}
	if err != nil {
		return wrong(id, "%v", err)
	}
	want, err := expected(keySchemaColumns)
	if err != nil {
		return wrong(id, "%v", err)
	}
	for _, e := range entries {
		if !slices.ContainsFunc(want, func(r []string) bool { return r[0] == e.name }) {
			return wrong(id, "chinook.db has no table named %q", e.name)
		}
	}
	if len(entries) != len(want) {
		return wrong(id, "expected %d tables (not counting SQLite's own sqlite_* tables), got %d", len(want), len(entries))
	}
	if key == "" {
		return wrong(id, "the table names are right; now give each table's schema too: a map[string][]string from table name to its column names, or the *inspect.Schema")
	}
	if key == keySchemaSQL {
		if want, err = expected(key); err != nil {
			return wrong(id, "%v", err)
		}
	}
	for i, e := range entries {
		if e.name == want[i][0] && e.detail == want[i][1] {
			continue
		}
		if key == keySchemaSQL {
			return wrong(id, "table %q: the CREATE TABLE text differs; give it exactly as sqlite_master's sql column holds it", e.name)
		}
		return wrong(id, "table %q: the columns differ; list every column, in the order the table declares them", e.name)
	}
	return correct(id)
}

// schemaEntries reads a Q2 answer as table entries sorted by name, with
// sqlite_* tables left out, and says which answer key they compare with
// ("" for names only).
func schemaEntries(answer any) ([]tableEntry, string, error) {
	var entries []tableEntry
	key := keySchemaColumns
	switch a := answer.(type) {
	case nil:
		return nil, "", errUnanswered
	case *inspect.Schema:
		if a == nil {
			return nil, "", errUnanswered
		}
		entries = inspectEntries(a.Tables)
	case inspect.Schema:
		entries = inspectEntries(a.Tables)
	case []inspect.Table:
		entries = inspectEntries(a)
	case map[string][]string:
		for name, cols := range a {
			entries = append(entries, tableEntry{name, strings.Join(cols, ",")})
		}
	case map[string][]inspect.Column:
		for name, cols := range a {
			entries = append(entries, tableEntry{name, columnNames(cols)})
		}
	case map[string]string:
		key = keySchemaSQL
		for name, sql := range a {
			entries = append(entries, tableEntry{name, sql})
		}
	case []string:
		key = ""
		for _, name := range a {
			entries = append(entries, tableEntry{name: name})
		}
	default:
		recs, err := records(answer)
		if err != nil {
			if errors.Is(err, errUnanswered) {
				return nil, "", err
			}
			return nil, "", fmt.Errorf("%v; for Q2 pass the *inspect.Schema, a map[string][]string (table → column names) or sqlite_master's name and sql columns", err)
		}
		key = keySchemaSQL
		cols := []column{
			{"table name", []string{"Name", "TblName", "TableName", "Table"}},
			{"schema (CREATE TABLE text)", []string{"SQL", "Schema", "DDL", "CreateSQL"}},
		}
		rows, err := cells(recs, cols)
		if err != nil {
			return nil, "", err
		}
		for _, row := range rows {
			entries = append(entries, tableEntry{row[0], row[1]})
		}
	}
	entries = slices.DeleteFunc(entries, func(e tableEntry) bool { return strings.HasPrefix(e.name, "sqlite_") })
	if len(entries) == 0 {
		return nil, "", errUnanswered
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	return entries, key, nil
}

func inspectEntries(tables []inspect.Table) []tableEntry {
	var out []tableEntry
	for _, t := range tables {
		if t.Kind == inspect.KindView || t.Internal {
			continue
		}
		out = append(out, tableEntry{t.Name, columnNames(t.Columns)})
	}
	return out
}

// columnNames joins the columns' names with commas.
func columnNames(cols []inspect.Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return strings.Join(names, ",")
}
