package connect

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
)

func TestOpenEnvFallsBackToSQLite(t *testing.T) {
	t.Setenv(EnvURL, "")
	path := filepath.Join(t.TempDir(), "lesson1.db")
	db, err := OpenEnv(context.Background(), path, Create())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if name := db.Dialect().Name().String(); name != "sqlite" {
		t.Errorf("dialect %s, want sqlite", name)
	}
}

// Without the servers import (this test binary does not link it), a
// server URL is one error naming the import, the password redacted.
func TestOpenEnvServerURLNeedsServersImport(t *testing.T) {
	const fix = `, but this program links SQLite only: add  import _ "github.com/bunbook/bunbook/helpers/connect/servers"  to the cell's (or program's) imports for `
	for url, want := range map[string]string{
		"postgres://alice:s3cret@127.0.0.1:5432/shop": `connect: DATABASE_URL: "postgres://alice:xxxxx@127.0.0.1:5432/shop" is a PostgreSQL URL` + fix + `PostgreSQL support (or unset DATABASE_URL to use lesson1.db)`,
		"postgresql://127.0.0.1/shop":                 `connect: DATABASE_URL: "postgresql://127.0.0.1/shop" is a PostgreSQL URL` + fix + `PostgreSQL support (or unset DATABASE_URL to use lesson1.db)`,
		"mysql://root:pa/ss@127.0.0.1:3306/shop":      `connect: DATABASE_URL: "mysql://root:xxxxx@127.0.0.1:3306/shop" is a MySQL/MariaDB URL` + fix + `MySQL/MariaDB support (or unset DATABASE_URL to use lesson1.db)`,
		"mariadb://root@127.0.0.1/shop?password=s3cr": `connect: DATABASE_URL: "mariadb://root@127.0.0.1/shop?password=xxxxx" is a MySQL/MariaDB URL` + fix + `MySQL/MariaDB support (or unset DATABASE_URL to use lesson1.db)`,
		"root:pw@tcp(127.0.0.1:3306)/shop":            `connect: DATABASE_URL: "root:xxxxx@tcp(127.0.0.1:3306)/shop" is a MySQL/MariaDB URL` + fix + `MySQL/MariaDB support (or unset DATABASE_URL to use lesson1.db)`,
		"oracle://scott:tiger@127.0.0.1/orcl":         `connect: DATABASE_URL: unsupported scheme "oracle" in "oracle://scott:xxxxx@127.0.0.1/orcl": use one of ` + schemes + `, or a plain SQLite file path (or unset DATABASE_URL to use lesson1.db)`,
	} {
		t.Setenv(EnvURL, url)
		_, err := OpenEnv(context.Background(), "lesson1.db")
		if err == nil || err.Error() != want {
			t.Errorf("DATABASE_URL=%s:\n got %v\nwant %s", url, err, want)
		}
		if errors.Is(err, fs.ErrNotExist) {
			t.Errorf("DATABASE_URL=%s was taken for a file: %v", url, err)
		}
	}
}
