package dbtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
	"github.com/uptrace/bun/driver/sqliteshim"

	"github.com/bunbook/bunbook/internal/ident"
	"github.com/bunbook/bunbook/internal/shareddata"
)

// LoadChinookMariaDB fills db (a database from [MariaDB]) with Chinook,
// copied table by table from ../shared/data/chinook.db, so the names are the
// SQLite file's (albums.AlbumId, employees.ReportsTo → employees.EmployeeId,
// playlist_track with its composite key), as the lesson uses them.
func LoadChinookMariaDB(tb testing.TB, db *bun.DB) {
	tb.Helper()
	CopySQLiteToMariaDB(tb, db, shareddata.Path(tb, "chinook.db"))
}

// CopySQLiteToMariaDB recreates every table of the SQLite database at path in
// db, a MariaDB/MySQL database: columns with equivalent types (INTEGER → INT,
// NVARCHAR(n) → VARCHAR(n), NUMERIC(p,s) → DECIMAL(p,s), DATETIME →
// DATETIME, …), the primary key (AUTO_INCREMENT for SQLite's INTEGER PRIMARY
// KEY), the indexes and the foreign keys with their actions; then the rows,
// which are checked against the foreign keys. SQLite's own bookkeeping
// tables (sqlite_sequence, sqlite_stat1) are not copied.
func CopySQLiteToMariaDB(tb testing.TB, db *bun.DB, path string) {
	tb.Helper()
	if err := copySQLiteToMariaDB(context.Background(), db, path); err != nil {
		tb.Fatalf("dbtest: copy %s: %v", path, err)
	}
}

func copySQLiteToMariaDB(ctx context.Context, db *bun.DB, path string) error {
	if db.Dialect().Name() != dialect.MySQL {
		return fmt.Errorf("the target must be a MariaDB/MySQL database, not %s", db.Dialect().Name())
	}
	u := url.URL{Scheme: "file", Path: path, RawQuery: "mode=ro"}
	src, err := sql.Open(sqliteshim.ShimName, u.String())
	if err != nil {
		return err
	}
	defer src.Close()
	tables, err := readSQLiteTables(ctx, src)
	if err != nil {
		return fmt.Errorf("read the SQLite schema: %w", err)
	}

	// One connection, foreign-key checks off while loading: tables may then
	// be created with their keys in any order and filled in one pass (an
	// ALTER TABLE … ADD FOREIGN KEY per key afterwards copies each table).
	// The keys are verified once the rows are in.
	conn, err := db.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET foreign_key_checks = 0"); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, "SET foreign_key_checks = 1") // before the connection returns to the pool

	for _, t := range tables {
		stmt := t.createStatement()
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("create %s: %w\n%s", t.name, err, stmt)
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if err := copyRows(ctx, src, tx, t); err != nil {
			tx.Rollback()
			return fmt.Errorf("copy the rows of %s: %w", t.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, t := range tables {
		for _, fk := range t.foreignKeys {
			var orphans int
			query := t.orphansQuery(fk)
			if err := conn.QueryRowContext(ctx, query).Scan(&orphans); err != nil {
				return fmt.Errorf("check a foreign key of %s: %w\n%s", t.name, err, query)
			}
			if orphans > 0 {
				return fmt.Errorf("%d rows of %s have a (%s) that matches no row of %s: the SQLite file breaks its own foreign key",
					orphans, t.name, strings.Join(fk.from, ", "), fk.refTable)
			}
		}
	}
	return nil
}

type sqliteColumn struct {
	name, typ string
	notNull   bool
	dflt      sql.NullString
	pk        int
}

type sqliteForeignKey struct {
	refTable           string
	from, to           []string
	onUpdate, onDelete string
}

type sqliteIndex struct {
	name    string
	unique  bool
	columns []string
}

type sqliteTable struct {
	name string
	// keyed holds the columns some key or index uses: MariaDB cannot index
	// a TEXT or BLOB column without a prefix length.
	keyed       map[string]bool
	columns     []sqliteColumn
	foreignKeys []sqliteForeignKey
	indexes     []sqliteIndex
}

func readSQLiteTables(ctx context.Context, src *sql.DB) ([]*sqliteTable, error) {
	names, err := queryStrings(ctx, src, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var tables []*sqliteTable
	for _, name := range names {
		t := &sqliteTable{name: name}
		rows, err := src.QueryContext(ctx, `SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`, name)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var c sqliteColumn
			if err := rows.Scan(&c.name, &c.typ, &c.notNull, &c.dflt, &c.pk); err != nil {
				rows.Close()
				return nil, err
			}
			t.columns = append(t.columns, c)
		}
		if err := closeRows(rows); err != nil {
			return nil, err
		}

		rows, err = src.QueryContext(ctx, `SELECT id, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, name)
		if err != nil {
			return nil, err
		}
		lastID := -1
		for rows.Next() {
			var id int
			var ref, from, onUpdate, onDelete string
			var to sql.NullString // NULL when the key references the parent's primary key implicitly
			if err := rows.Scan(&id, &ref, &from, &to, &onUpdate, &onDelete); err != nil {
				rows.Close()
				return nil, err
			}
			if id != lastID {
				t.foreignKeys = append(t.foreignKeys, sqliteForeignKey{refTable: ref, onUpdate: onUpdate, onDelete: onDelete})
				lastID = id
			}
			fk := &t.foreignKeys[len(t.foreignKeys)-1]
			fk.from = append(fk.from, from)
			fk.to = append(fk.to, to.String)
		}
		if err := closeRows(rows); err != nil {
			return nil, err
		}

		// origin 'c' is CREATE INDEX, 'u' a UNIQUE constraint; the primary
		// key ('pk') comes with the table.
		idxNames, err := queryStrings(ctx, src, `SELECT name FROM pragma_index_list(?) WHERE origin IN ('c', 'u') ORDER BY name`, name)
		if err != nil {
			return nil, err
		}
		for _, idxName := range idxNames {
			var idx sqliteIndex
			idx.name = idxName
			if err := src.QueryRowContext(ctx, `SELECT "unique" FROM pragma_index_list(?) WHERE name = ?`, name, idxName).Scan(&idx.unique); err != nil {
				return nil, err
			}
			if idx.columns, err = queryStrings(ctx, src, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, idxName); err != nil {
				return nil, err
			}
			t.indexes = append(t.indexes, idx)
		}
		tables = append(tables, t)
	}
	// A foreign key naming no columns references the parent's primary key.
	byName := map[string]*sqliteTable{}
	for _, t := range tables {
		byName[t.name] = t
	}
	for _, t := range tables {
		for i, fk := range t.foreignKeys {
			if fk.to[0] == "" {
				if parent := byName[fk.refTable]; parent != nil {
					t.foreignKeys[i].to = parent.primaryKey()
				}
			}
		}
	}
	for _, t := range tables {
		t.markKeyed(t.primaryKey()...)
		for _, idx := range t.indexes {
			t.markKeyed(idx.columns...)
		}
		for _, fk := range t.foreignKeys {
			t.markKeyed(fk.from...)
			if parent := byName[fk.refTable]; parent != nil {
				parent.markKeyed(fk.to...)
			}
		}
	}
	return tables, nil
}

func (t *sqliteTable) markKeyed(columns ...string) {
	if t.keyed == nil {
		t.keyed = map[string]bool{}
	}
	for _, c := range columns {
		t.keyed[c] = true
	}
}

func (t *sqliteTable) primaryKey() []string {
	var pk []string
	for n := 1; ; n++ {
		found := false
		for _, c := range t.columns {
			if c.pk == n {
				pk = append(pk, c.name)
				found = true
			}
		}
		if !found {
			return pk
		}
	}
}

// createStatement returns the CREATE TABLE statement for MariaDB, with the
// primary key, indexes and foreign keys inline; the server names the
// foreign keys (<table>_ibfk_<n>), as SQLite has no names for them.
func (t *sqliteTable) createStatement() string {
	pk := t.primaryKey()
	var defs []string
	for _, c := range t.columns {
		typ := mariaDBType(c.typ)
		if t.keyed[c.name] {
			typ = indexableType(typ)
		}
		def := MySQLIdent(c.name) + " " + typ
		if c.notNull || c.pk > 0 {
			def += " NOT NULL"
		}
		// SQLite's INTEGER PRIMARY KEY is the rowid: it numbers new rows.
		if len(pk) == 1 && pk[0] == c.name && strings.EqualFold(c.typ, "INTEGER") {
			def += " AUTO_INCREMENT"
		}
		if c.dflt.Valid {
			def += " DEFAULT " + c.dflt.String
		}
		defs = append(defs, def)
	}
	if len(pk) > 0 {
		defs = append(defs, "PRIMARY KEY ("+identList(pk)+")")
	}
	for _, idx := range t.indexes {
		kind := "INDEX"
		if idx.unique {
			kind = "UNIQUE INDEX"
		}
		defs = append(defs, fmt.Sprintf("%s %s (%s)", kind, MySQLIdent(idx.name), identList(idx.columns)))
	}
	for _, fk := range t.foreignKeys {
		defs = append(defs, fmt.Sprintf("FOREIGN KEY (%s) REFERENCES %s (%s) ON DELETE %s ON UPDATE %s",
			identList(fk.from), MySQLIdent(fk.refTable), identList(fk.to),
			referentialAction(fk.onDelete), referentialAction(fk.onUpdate)))
	}
	return "CREATE TABLE " + MySQLIdent(t.name) + " (\n  " + strings.Join(defs, ",\n  ") + "\n) ENGINE=InnoDB"
}

// orphansQuery counts the rows whose foreign key fk matches no parent row
// (a key with a NULL part matches nothing and needs nothing, as in SQL).
func (t *sqliteTable) orphansQuery(fk sqliteForeignKey) string {
	var notNull, match []string
	for i := range fk.from {
		notNull = append(notNull, "c."+MySQLIdent(fk.from[i])+" IS NOT NULL")
		match = append(match, "p."+MySQLIdent(fk.to[i])+" = c."+MySQLIdent(fk.from[i]))
	}
	return fmt.Sprintf("SELECT COUNT(*) FROM %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s)",
		MySQLIdent(t.name), strings.Join(notNull, " AND "), MySQLIdent(fk.refTable), strings.Join(match, " AND "))
}

var sqliteTypeRE = regexp.MustCompile(`^\s*([A-Za-z ]+?)\s*(\(\s*\d+\s*(?:,\s*\d+\s*)?\))?\s*$`)

// mariaDBType maps a declared SQLite type to its MariaDB equivalent, by
// SQLite's own affinity rules where the name is not a MariaDB type already.
func mariaDBType(sqliteType string) string {
	if strings.TrimSpace(sqliteType) == "" {
		return "LONGBLOB" // no declared type: SQLite's BLOB affinity
	}
	m := sqliteTypeRE.FindStringSubmatch(sqliteType)
	if m == nil {
		return "LONGTEXT"
	}
	name, size := strings.ToUpper(m[1]), strings.ReplaceAll(m[2], " ", "")
	switch name {
	case "INTEGER", "INT", "MEDIUMINT":
		return "INT"
	case "BIGINT", "SMALLINT", "TINYINT":
		return name
	case "NVARCHAR", "VARCHAR", "CHARACTER VARYING", "NATIONAL VARCHAR", "VARYING CHARACTER":
		if size == "" {
			return "LONGTEXT"
		}
		return "VARCHAR" + size
	case "NCHAR", "CHAR", "CHARACTER", "NATIVE CHARACTER":
		return "CHAR" + size
	case "NUMERIC", "DECIMAL":
		if size == "" {
			return "DECIMAL(65,30)"
		}
		return "DECIMAL" + size
	case "REAL", "DOUBLE", "DOUBLE PRECISION", "FLOAT":
		return "DOUBLE"
	case "DATETIME", "TIMESTAMP":
		return "DATETIME"
	case "DATE", "TIME":
		return name
	case "BOOLEAN", "BOOL":
		return "BOOLEAN"
	case "BLOB":
		return "LONGBLOB"
	}
	switch upper := strings.ToUpper(sqliteType); {
	case strings.Contains(upper, "INT"):
		return "BIGINT"
	case strings.Contains(upper, "CHAR"), strings.Contains(upper, "CLOB"), strings.Contains(upper, "TEXT"):
		return "LONGTEXT"
	case strings.Contains(upper, "REAL"), strings.Contains(upper, "FLOA"), strings.Contains(upper, "DOUB"):
		return "DOUBLE"
	}
	return "DECIMAL(65,30)"
}

// indexableType swaps the unbounded string types, which MariaDB cannot
// index whole, for bounded ones wide enough for any key worth having.
func indexableType(typ string) string {
	switch typ {
	case "LONGTEXT":
		return "VARCHAR(255)"
	case "LONGBLOB":
		return "VARBINARY(255)"
	}
	return typ
}

func referentialAction(a string) string {
	switch a = strings.ToUpper(a); a {
	case "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION":
		return a
	}
	return "NO ACTION"
}

// copyBatchRows bounds one multi-row INSERT: MariaDB allows 65535 bound
// parameters per statement.
const copyBatchParams = 60000

func copyRows(ctx context.Context, src *sql.DB, tx *sql.Tx, t *sqliteTable) error {
	var cols []string
	for _, c := range t.columns {
		cols = append(cols, sqliteIdent(c.name))
	}
	rows, err := src.QueryContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM "+sqliteIdent(t.name))
	if err != nil {
		return err
	}
	defer rows.Close()

	width := len(t.columns)
	perBatch := max(1, copyBatchParams/width)
	rowPlaceholders := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	prefix := "INSERT INTO " + MySQLIdent(t.name) + " (" + identList(columnNames(t.columns)) + ") VALUES "
	var args []any
	n := 0
	flush := func() error {
		if n == 0 {
			return nil
		}
		query := prefix + strings.TrimSuffix(strings.Repeat(rowPlaceholders+", ", n), ", ")
		_, err := tx.ExecContext(ctx, query, args...)
		args, n = args[:0], 0
		return err
	}
	for rows.Next() {
		vals := make([]any, width)
		ptrs := make([]any, width)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		args = append(args, vals...)
		n++
		if n == perBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

func columnNames(cols []sqliteColumn) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return names
}

func identList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = MySQLIdent(n)
	}
	return strings.Join(quoted, ", ")
}

func sqliteIdent(name string) string { return ident.Quote(name) }

func queryStrings(ctx context.Context, db *sql.DB, query string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, s)
	}
	return out, closeRows(rows)
}

func closeRows(rows *sql.Rows) error {
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return rows.Close()
}
