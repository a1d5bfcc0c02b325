package codegen

import (
	"testing"

	_ "github.com/bunbook/bunbook/helpers/connect/servers" // postgres:// and mysql:// test databases
	"github.com/bunbook/bunbook/internal/dbtest"
)

// The same generator on the lesson's other databases: Chinook loaded into
// the PostgreSQL and MariaDB test servers (snake_case names there:
// album.album_id, track.album_id). The generated models are compared with
// golden files, then compiled and run against the server: the first track
// loads with Relation("Album.Artist") as on SQLite.
func TestServersChinook(t *testing.T) {
	cases := []struct {
		name, golden, pkg string
		url               func(t *testing.T) string
		order             string
		tables            []string
	}{
		{"postgres", "chinook_postgres.golden", "pgmodels", func(t *testing.T) string {
			url := dbtest.PostgresURL(t)
			db := openURL(t, url)
			dbtest.LoadChinookPostgres(t, db)
			return url
		}, "track.track_id", []string{"album", "artist", "track"}},
		{"mariadb", "chinook_mariadb.golden", "mymodels", func(t *testing.T) string {
			cfg := dbtest.MariaDBConfig(t)
			url := "mysql://" + cfg.User + "@" + cfg.Addr + "/" + cfg.DBName
			if cfg.Passwd != "" {
				url = "mysql://" + cfg.User + ":" + cfg.Passwd + "@" + cfg.Addr + "/" + cfg.DBName
			}
			dbtest.LoadChinookMariaDB(t, openURL(t, url))
			return url
		}, "track.TrackId", lessonTables},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			url := c.url(t)
			db := openURL(t, url)
			opts := []Option{Source("chinook"), Tables(c.tables...)}
			checkGolden(t, c.golden, generateT(t, db, opts...))
			s, err := inspectSchema(t.Context(), db, NewOptions(opts...))
			if err != nil {
				t.Fatal(err)
			}
			g, err := BuildGraph(s, NewOptions(opts...))
			if err != nil {
				t.Fatal(err)
			}
			pkgs := []generatedPackage{{golden: c.golden, pkg: c.pkg, dbArg: 1, graph: g}}
			extra := `
	var track ` + c.pkg + `.Track
	must(` + c.pkg + `DB.NewSelect().Model(&track).Relation("Album.Artist").Order("` + c.order + `").Limit(1).Scan(ctx))
	fmt.Printf("%s | %s | %s\n", track.Name, track.Album.Title, *track.Album.Artist.Name)
`
			out := runGenerated(t, pkgs, mainProgram(pkgs, extra), url)
			want := c.pkg + " models scanned: " + itoa(len(g.Models)+len(g.Associations)) + "\n" +
				"For Those About To Rock (We Salute You) | For Those About To Rock We Salute You | AC/DC\n"
			if out != want {
				t.Errorf("generated program printed:\n%s\nwant:\n%s", out, want)
			}
		})
	}
}
