package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// sqliteDatabases resolves the Schemas option against the databases of the
// connection (main, temp and any ATTACHed ones). Without the option only
// "main" is read, which is what a lesson means by "the database".
func sqliteDatabases(ctx context.Context, tx *sql.Tx, wanted []string) ([]string, error) {
	if len(wanted) == 0 {
		return []string{"main"}, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT name FROM pragma_database_list ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: list databases: %w", err)
	}
	defer rows.Close()
	var have []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("inspect: sqlite: list databases: %w", err)
		}
		have = append(have, name)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("inspect: sqlite: list databases: %w", err)
	}
	if !slices.Contains(have, "temp") {
		have = append(have, "temp") // always addressable, listed once used
	}

	var names, unknown []string
	for _, w := range wanted {
		i := slices.IndexFunc(have, func(h string) bool { return asciiEqualFold(h, w) })
		if i < 0 {
			unknown = append(unknown, strconv.Quote(w))
			continue
		}
		if !slices.Contains(names, have[i]) {
			names = append(names, have[i])
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("inspect: Schemas: SQLite has no database named %s; on SQLite a schema is an attached database, and this connection has %s (ATTACH DATABASE adds more)",
			strings.Join(unknown, ", "), strings.Join(have, ", "))
	}
	return names, nil
}

// sqliteTableRefs lists the tables and views of one database from its
// sqlite_master. Names starting with "sqlite_" are reserved by SQLite for
// its own tables (sqlite_sequence, sqlite_stat1, …) and marked Internal, as
// are the shadow tables of virtual tables.
func sqliteTableRefs(ctx context.Context, tx *sql.Tx, database string) ([]tableRef, error) {
	query := `SELECT type, name FROM ` + quoteIdent(database) + `.sqlite_master
		WHERE type IN ('table', 'view') ORDER BY name`
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: list tables of %s: %w", database, err)
	}
	defer rows.Close()
	schema := database
	if database == "main" {
		schema = ""
	}
	var refs []tableRef
	for rows.Next() {
		var kind, name string
		if err := rows.Scan(&kind, &name); err != nil {
			return nil, fmt.Errorf("inspect: sqlite: list tables of %s: %w", database, err)
		}
		refs = append(refs, tableRef{
			Schema:   schema,
			Name:     name,
			Kind:     TableKind(kind),
			Internal: len(name) >= 7 && asciiEqualFold(name[:7], "sqlite_"),
		})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("inspect: sqlite: list tables of %s: %w", database, err)
	}
	rows.Close()

	shadow, err := sqliteShadowTables(ctx, tx, database)
	if err != nil {
		return nil, err
	}
	for i := range refs {
		if shadow[refs[i].Name] {
			refs[i].Internal = true
		}
	}
	return refs, nil
}

// sqliteShadowTables names the shadow tables of virtual tables (FTS5's
// docs_data, docs_idx, …): storage a module manages, so Internal like
// SQLite's own. pragma_table_list (SQLite 3.37+) tells them apart; an older
// SQLite without it simply yields none.
func sqliteShadowTables(ctx context.Context, tx *sql.Tx, database string) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name FROM pragma_table_list WHERE schema = ? AND type = 'shadow'`, database)
	if err != nil {
		if strings.Contains(err.Error(), "pragma_table_list") {
			return nil, nil // "no such table: pragma_table_list": SQLite before 3.37
		}
		return nil, fmt.Errorf("inspect: sqlite: list shadow tables of %s: %w", database, err)
	}
	defer rows.Close()
	shadow := make(map[string]bool)
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("inspect: sqlite: list shadow tables of %s: %w", database, err)
		}
		shadow[name] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("inspect: sqlite: list shadow tables of %s: %w", database, err)
	}
	return shadow, nil
}
