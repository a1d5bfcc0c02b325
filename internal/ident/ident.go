// Package ident quotes SQL identifiers for statements built by hand, where
// no parameter can stand in for a name (DDL, PRAGMA, schema-qualified
// sqlite_master). Unlike bun.Ident it keeps a dot inside the name ("a.b"
// stays one identifier), which hostile-name fixtures and SQLite's attached
// databases need.
package ident

import "strings"

// Quote quotes name the SQL-standard way, for SQLite and PostgreSQL:
// wrapped in double quotes, inner double quotes doubled.
func Quote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteMySQL quotes name for MySQL and MariaDB: wrapped in backticks,
// inner backticks doubled.
func QuoteMySQL(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}
