package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// sqliteColumn is one row of pragma_table_xinfo.
type sqliteColumn struct {
	name    string
	typ     string
	notNull bool
	dflt    sql.NullString
	pk      int
	hidden  int // 0 ordinary, 1 hidden (virtual tables), 2/3 generated virtual/stored
}

// sqliteColumns reads pragma_table_xinfo, which unlike pragma_table_info
// also reports generated columns. Hidden columns of virtual tables (hidden
// = 1, e.g. FTS5's rank) are not part of the declared table and are skipped.
func sqliteColumns(ctx context.Context, tx *sql.Tx, ref tableRef) ([]sqliteColumn, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, type, "notnull", dflt_value, pk, hidden
		FROM pragma_table_xinfo(?, ?) ORDER BY cid`, ref.Name, sqliteDB(ref.Schema))
	if err != nil {
		return nil, sqliteColumnsError(ref, err)
	}
	defer rows.Close()
	var cols []sqliteColumn
	for rows.Next() {
		var c sqliteColumn
		if err := rows.Scan(&c.name, &c.typ, &c.notNull, &c.dflt, &c.pk, &c.hidden); err != nil {
			return nil, sqliteColumnsError(ref, err)
		}
		if c.hidden != 1 {
			cols = append(cols, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, sqliteColumnsError(ref, err)
	}
	return cols, nil
}

func sqliteColumnsError(ref tableRef, err error) error {
	if ref.Kind == KindView {
		return fmt.Errorf("inspect: sqlite: columns of view %q: %w (fix or drop the view)", ref.qualifiedName(), err)
	}
	return fmt.Errorf("inspect: sqlite: columns of table %q: %w", ref.qualifiedName(), err)
}

// tableColumns turns pragma rows into Columns and the primary key.
//
// rowidPK is false when SQLite keeps an index for the primary key. A rowid
// table whose single-column key is declared INTEGER and has no such index is
// a rowid alias: the column IS the rowid, so it is never NULL and SQLite
// fills it in when an INSERT leaves it out. That is what AutoIncrement
// reports, with or without the AUTOINCREMENT keyword (which only forbids
// reusing the numbers of deleted rows). INT PRIMARY KEY, a composite key,
// INTEGER PRIMARY KEY DESC and WITHOUT ROWID tables all have an index and
// so are not rowid aliases.
func tableColumns(raw []sqliteColumn, hasPKIndex bool) ([]Column, []string) {
	pkCount := 0
	for _, c := range raw {
		if c.pk > 0 {
			pkCount++
		}
	}
	pk := make([]string, pkCount)
	cols := make([]Column, 0, len(raw))
	for _, c := range raw {
		col := Column{
			Name:       c.name,
			Type:       c.typ,
			Nullable:   !c.notNull,
			PrimaryKey: c.pk,
			Generated:  c.hidden == 2 || c.hidden == 3,
		}
		if c.dflt.Valid {
			d := c.dflt.String
			col.Default = &d
		}
		if c.pk > 0 && c.pk <= pkCount {
			pk[c.pk-1] = c.name
		}
		if c.pk == 1 && pkCount == 1 && !hasPKIndex && strings.EqualFold(c.typ, "INTEGER") {
			col.AutoIncrement = true
			col.Nullable = false // a rowid is never NULL, whatever notnull says
		}
		cols = append(cols, col)
	}
	if pkCount == 0 {
		pk = nil
	}
	return cols, pk
}

// viewColumns turns pragma rows of a view into Columns. A view has no keys;
// its column types are those SQLite derives from the underlying columns
// ("" for expressions), and every column may be NULL.
func viewColumns(raw []sqliteColumn) []Column {
	cols := make([]Column, 0, len(raw))
	for _, c := range raw {
		cols = append(cols, Column{Name: c.name, Type: c.typ, Nullable: !c.notNull})
	}
	return cols
}
