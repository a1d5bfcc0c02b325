package inspect

import (
	"sort"

	"github.com/uptrace/bun"
)

// backends maps a Bun dialect name ("sqlite", "pg", "mysql") to the
// constructor of its inspector. Each backend registers itself in its own
// file's init, so adding a dialect touches no other file.
var backends = map[string]func(*bun.DB) schemaReader{}

func supported() []string {
	var names []string
	for name := range backends {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
