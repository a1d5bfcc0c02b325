package inspect

import (
	"database/sql"
	"testing"
)

// The test servers run MariaDB; MySQL's way of reporting defaults and its
// version string are checked here without a server.

func TestParseMySQLVersion(t *testing.T) {
	for version, want := range map[string]mysqlFlavor{
		"10.11.19-MariaDB-0+deb12u1": {mariaDB: true},
		"5.5.5-10.6.12-MariaDB":      {mariaDB: true},
		"8.0.12":                     {},
		"8.0.13":                     {expressionIndexes: true},
		"8.4.3":                      {expressionIndexes: true},
		"9.1.0-commercial":           {expressionIndexes: true},
		"5.7.44-log":                 {},
	} {
		if got := parseMySQLVersion(version); got != want {
			t.Errorf("parseMySQLVersion(%q) = %+v, want %+v", version, got, want)
		}
	}
}

func TestMySQLDefault(t *testing.T) {
	mariaDB, mySQL := mysqlFlavor{mariaDB: true}, mysqlFlavor{expressionIndexes: true}
	null := sql.NullString{}
	some := func(s string) sql.NullString { return sql.NullString{String: s, Valid: true} }
	for _, tc := range []struct {
		flavor          mysqlFlavor
		dflt            sql.NullString
		dataType, extra string
		want            string // "<nil>" for none
	}{
		{mariaDB, null, "int", "", "<nil>"},
		{mariaDB, some("NULL"), "int", "", "<nil>"},
		{mariaDB, some("'NULL'"), "varchar", "", "'NULL'"},
		{mariaDB, some("'it''s'"), "varchar", "", "'it''s'"},
		{mariaDB, some("current_timestamp()"), "datetime", "", "current_timestamp()"},
		{mariaDB, some("-1"), "int", "", "-1"},
		{mySQL, null, "int", "", "<nil>"},
		{mySQL, some("-1"), "int", "", "-1"},
		{mySQL, some("0.50"), "decimal", "", "0.50"},
		{mySQL, some("it's"), "varchar", "", "'it''s'"},
		{mySQL, some("NULL"), "varchar", "", "'NULL'"},
		{mySQL, some("2020-01-01"), "date", "", "'2020-01-01'"},
		{mySQL, some("CURRENT_TIMESTAMP"), "timestamp", "DEFAULT_GENERATED", "CURRENT_TIMESTAMP"},
		{mySQL, some("(lower(_utf8mb4'X'))"), "varchar", "DEFAULT_GENERATED", "(lower(_utf8mb4'X'))"},
	} {
		got := "<nil>"
		if d := mysqlDefault(tc.flavor, tc.dflt, tc.dataType, tc.extra); d != nil {
			got = *d
		}
		if got != tc.want {
			t.Errorf("mysqlDefault(mariaDB=%v, %v, %s, %s) = %s, want %s", tc.flavor.mariaDB, tc.dflt, tc.dataType, tc.extra, got, tc.want)
		}
	}
}
