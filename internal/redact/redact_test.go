package redact

import (
	"net/url"
	"strings"
	"testing"
)

func TestDSN(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// Nothing to hide: returned unchanged.
		{"lesson1.db", "lesson1.db"},
		{"", ""},
		{":memory:", ":memory:"},
		{"file:/a/b c.db?mode=ro", "file:/a/b c.db?mode=ro"},
		{"postgres://u@h/db", "postgres://u@h/db"},
		{"postgres://h:5432/db?sslmode=disable", "postgres://h:5432/db?sslmode=disable"},
		{"postgres://h:5432/db?application_name=a@b", "postgres://h:5432/db?application_name=a@b"},
		{"mysql://root@127.0.0.1:3306/db?parseTime=true", "mysql://root@127.0.0.1:3306/db?parseTime=true"},
		{"dir/notes@home.db", "dir/notes@home.db"},

		// user:pass@ in URLs, parsable or not.
		{"postgres://u:secret@h:5432/db?x=1", "postgres://u:xxxxx@h:5432/db?x=1"},
		{"mysql://root:p@ss@h/db", "mysql://root:xxxxx@h/db"},
		{"postgres://user:p@ss@127.0.0.1:1/x", "postgres://user:xxxxx@127.0.0.1:1/x"},
		{"postgres://user:pa/ss@127.0.0.1:5432/x", "postgres://user:xxxxx@127.0.0.1:5432/x"},
		{"mysql://root:pa/ss@127.0.0.1:3306/x", "mysql://root:xxxxx@127.0.0.1:3306/x"},
		{"postgres://u:12/ss@h/db", "postgres://u:xxxxx@h/db"},
		{"postgres://u:1?ss@h/db", "postgres://u:xxxxx@h/db"},
		{"postgres://u:p#ss@h/db", "postgres://u:xxxxx@h/db"},
		{"postgres://u:p%40ss@h/db", "postgres://u:xxxxx@h/db"},
		{"postgres://u:@h/db", "postgres://u:@h/db"},

		// Credentials as query parameters, any case, any position.
		{"postgres://postgres@127.0.0.1:5432/db?sslmode=disable&password=TopSecret123",
			"postgres://postgres@127.0.0.1:5432/db?sslmode=disable&password=xxxxx"},
		{"postgres://h/db?password=a&sslmode=disable", "postgres://h/db?password=xxxxx&sslmode=disable"},
		{"postgres://h/db?sslpassword=k3y&sslmode=require", "postgres://h/db?sslpassword=xxxxx&sslmode=require"},
		{"postgres://h/db?passfile=/home/u/.pgpass", "postgres://h/db?passfile=xxxxx"},
		{"postgres://h/db?PASSWORD=x#frag", "postgres://h/db?PASSWORD=xxxxx#frag"},
		{"mysql://root@h/db?password=PASSWORD('changed')", "mysql://root@h/db?password=xxxxx"},
		{"postgres://u:pw@h/db?password=pw2", "postgres://u:xxxxx@h/db?password=xxxxx"},

		// libpq keyword/value strings.
		{"host=h user=u password=secret dbname=d", "host=h user=u password=xxxxx dbname=d"},
		{"host=h password='se cret' dbname=d", "host=h password=xxxxx dbname=d"},
		{"host=h password = secret", "host=h password = xxxxx"},

		// go-sql-driver/mysql's native DSN.
		{"root:pw@tcp(host:3306)/db", "root:xxxxx@tcp(host:3306)/db"},
		{"root:p@ss/w@tcp(127.0.0.1:3306)/db?parseTime=true", "root:xxxxx@tcp(127.0.0.1:3306)/db?parseTime=true"},
		{"u:pw@unix(/run/mysqld/mysqld.sock)/db", "u:xxxxx@unix(/run/mysqld/mysqld.sock)/db"},
		{"u:pw@/db", "u:xxxxx@/db"},
		{"root@tcp(host:3306)/db", "root@tcp(host:3306)/db"},
		{"root:pw@tcp(h)/db?password=x", "root:xxxxx@tcp(h)/db?password=xxxxx"},
	} {
		if got := DSN(tc.in); got != tc.want {
			t.Errorf("DSN(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestSecrets(t *testing.T) {
	got := Secrets("postgres://u:pa/ss@h/db?sslpassword=k3y&x=1")
	if strings.Join(got, ",") != "pa/ss,k3y" {
		t.Fatalf("Secrets = %q, want [pa/ss k3y]", got)
	}
	if got := Secrets("lesson1.db"); len(got) != 0 {
		t.Fatalf("Secrets(lesson1.db) = %q, want none", got)
	}
}

func TestText(t *testing.T) {
	dsn := "postgres://user:pa/ss@127.0.0.1:5432/x?password=TopSecret"
	for _, tc := range []struct{ in, want string }{
		{`"` + dsn + `" is not a valid PostgreSQL URL`, `"postgres://user:xxxxx@127.0.0.1:5432/x?password=xxxxx" is not a valid PostgreSQL URL`},
		{"near 'TopSecret' at line 1", "near 'xxxxx' at line 1"},
		{"auth failed for pa/ss and pa/ss", "auth failed for xxxxx and xxxxx"},
		{"nothing secret", "nothing secret"},
	} {
		if got := Text(tc.in, dsn); got != tc.want {
			t.Errorf("Text(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
	if got := Text("a b", ""); got != "a b" {
		t.Errorf("Text with an empty DSN = %q", got)
	}
}

// TestDSNHidesHostilePasswords builds every credential form around
// passwords full of URL delimiters and checks none survives.
func TestDSNHidesHostilePasswords(t *testing.T) {
	for _, pw := range []string{"S3cr3t", "pa/ss", "p@ss", "p?ss", "p#ss", "p:ss", "a/b@c?d#e", "12/ss", "p%20s"} {
		for _, dsn := range []string{
			"postgres://user:" + pw + "@127.0.0.1:5432/db",
			"postgres://user:" + pw + "@127.0.0.1:5432/db?sslmode=disable",
			"mysql://root:" + pw + "@127.0.0.1:3306/db?parseTime=true",
			"root:" + pw + "@tcp(127.0.0.1:3306)/db",
			"postgres://h/db?sslmode=disable&password=" + url.QueryEscape(pw),
		} {
			if got := DSN(dsn); strings.Contains(got, pw) || !strings.Contains(got, Mask) {
				t.Errorf("DSN(%q) = %q: password %q not hidden", dsn, got, pw)
			}
		}
	}
}
