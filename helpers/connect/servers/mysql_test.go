package servers

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/dbtest"
)

// mysqlURL writes the driver configuration of a test database as a URL.
func mysqlURL(scheme string, cfg *mysql.Config) string {
	return scheme + "://" + cfg.User + "@" + cfg.Addr + "/" + cfg.DBName
}

func TestOpenMySQL(t *testing.T) {
	cfg := dbtest.MariaDBConfig(t)
	for _, scheme := range []string{"mysql", "mariadb"} {
		t.Run(scheme, func(t *testing.T) {
			var echo bytes.Buffer
			db, err := connect.Open(context.Background(), mysqlURL(scheme, cfg), connect.Echo(&echo))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if name := db.Dialect().Name().String(); name != "mysql" {
				t.Errorf("dialect %s, want mysql", name)
			}
			db.NewDropTable().Model((*serverNote)(nil)).IfExists().Exec(context.Background())
			roundTrip(t, db)
			for _, want := range []string{
				"CREATE TABLE `server_notes` (`id` BIGINT NOT NULL AUTO_INCREMENT, `text` VARCHAR(255), PRIMARY KEY (`id`))",
				"INSERT INTO `server_notes` (`id`, `text`) VALUES (DEFAULT, 'it''s déjà vu?') RETURNING `id`",
			} {
				if !strings.Contains(echo.String(), want) {
					t.Errorf("echo lacks %s:\n%s", want, echo.String())
				}
			}
			// parseTime is on unless the URL says otherwise.
			var now time.Time
			if err := db.QueryRowContext(context.Background(), "SELECT NOW()").Scan(&now); err != nil {
				t.Errorf("DATETIME into time.Time: %v", err)
			}
		})
	}
}

func TestParseMySQLURL(t *testing.T) {
	cfg, err := parseMySQL("mysql://bob:p%40ss%3Aw%2Frd@db.example:3307/shop?charset=utf8mb4&loc=Local&timeout=3s")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.User != "bob" || cfg.Passwd != "p@ss:w/rd" || cfg.Net != "tcp" || cfg.Addr != "db.example:3307" ||
		cfg.DBName != "shop" || !cfg.ParseTime || cfg.Timeout != 3*time.Second || cfg.Loc != time.Local || len(cfg.Params) != 0 {
		t.Errorf("parsed %+v", cfg)
	}
	cfg, err = parseMySQL("mariadb://root@/test?socket=/run/mysqld/mysqld.sock&parseTime=false")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Net != "unix" || cfg.Addr != "/run/mysqld/mysqld.sock" || cfg.ParseTime || cfg.Timeout != connect.DefaultConnectTimeout || cfg.Params["socket"] != "" {
		t.Errorf("parsed %+v", cfg)
	}
	cfg, err = parseMySQL("mysql://root@[::1]/test")
	if err != nil || cfg.Addr != "[::1]:3306" {
		t.Errorf("IPv6: %+v, %v", cfg, err)
	}
}

func TestOpenMySQLUnreachable(t *testing.T) {
	_, err := connect.Open(context.Background(), "mysql://alice:s3cret@127.0.0.1:1/shop")
	want := "connect: cannot reach MySQL/MariaDB at 127.0.0.1:1 (dial tcp 127.0.0.1:1: connect: connection refused): start the server, or fix the host and port in the URL"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}

func TestOpenMySQLBadURL(t *testing.T) {
	for dsn, want := range map[string]string{
		"mysql://alice:s3cret@127.0.0.1:port/shop": `connect: "mysql://alice:xxxxx@127.0.0.1:port/shop" is not a valid MySQL/MariaDB URL (invalid port ":port" after host): write mysql://user:password@host:3306/dbname`,
		"mariadb://127.0.0.1/shop?parseTime=maybe": `connect: "mariadb://127.0.0.1/shop?parseTime=maybe" is not a valid MySQL/MariaDB URL (invalid bool value: maybe): write mysql://user:password@host:3306/dbname`,
		"mysql://127.0.0.1/shop/extra":             `connect: "mysql://127.0.0.1/shop/extra" is not a valid MySQL/MariaDB URL (database name "shop/extra" contains a slash): write mysql://user:password@host:3306/dbname`,
	} {
		if _, err := connect.Open(context.Background(), dsn); err == nil || err.Error() != want {
			t.Errorf("Open(%q):\n got %v\nwant %s", dsn, err, want)
		}
	}
}

func TestOpenMySQLMissingDatabaseAndCreate(t *testing.T) {
	ctx := context.Background()
	cfg := dbtest.MariaDBConfig(t) // dropped again, whoever created it last, when the test ends
	admin, err := connect.Open(ctx, "mysql://"+cfg.User+"@"+cfg.Addr+"/")
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "DROP DATABASE "+dbtest.MySQLIdent(cfg.DBName)); err != nil {
		t.Fatal(err)
	}

	u := mysqlURL("mysql", cfg)
	_, err = connect.Open(ctx, u)
	want := `connect: MySQL/MariaDB at ` + cfg.Addr + ` has no database "` + cfg.DBName + `" (Unknown database '` + cfg.DBName +
		`' (error 1049)): create it (CREATE DATABASE), fix the name in the URL, or pass connect.Create()`
	if err == nil || err.Error() != want {
		t.Fatalf("without Create:\n got %v\nwant %s", err, want)
	}

	db, err := connect.Open(ctx, u, connect.Create())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var current, charset string
	if err := db.QueryRowContext(ctx, "SELECT DATABASE(), @@character_set_database").Scan(&current, &charset); err != nil ||
		current != cfg.DBName || charset != "utf8mb4" {
		t.Errorf("DATABASE() = %q in %s (err %v), want %q in utf8mb4", current, charset, err, cfg.DBName)
	}
	roundTrip(t, db)
}
