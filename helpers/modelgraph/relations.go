package modelgraph

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// link is one foreign key that can become relations.
type link struct {
	from, to *Model
	fk       *inspect.ForeignKey
	join     []JoinPair // from's columns (Local) to to's columns (Remote)
	count    int        // how many links go from `from` to `to`
}

func (l link) self() bool { return l.from == l.to }

// qualifier names a link by its columns: the column without its id suffix
// (SupportRepId → SupportRep), else the columns' Go name (ReportsTo).
func (l link) qualifier() string {
	if len(l.fk.Columns) == 1 {
		if q := idSuffixStripped(l.fk.Columns[0]); q != "" {
			return q
		}
	}
	return goIdent(strings.Join(l.fk.Columns, "_"))
}

// belongsToName: the column without its id suffix (Album, SupportRep,
// Manager); else the target's name when it is the only foreign key to a
// different table (ShipVia → Shipper); else columns + target
// (ReportsTo → ReportsToEmployee).
func (l link) belongsToName() string {
	if len(l.fk.Columns) == 1 {
		if q := idSuffixStripped(l.fk.Columns[0]); q != "" {
			return q
		}
	}
	if l.count == 1 && !l.self() {
		return l.to.GoName
	}
	return l.qualifier() + l.to.GoName
}

// backRefName: the source model's name (plural for has-many) when this is
// its only foreign key to a different table (Artist.Albums); else prefixed
// by the qualifier (Employee.ReportsToEmployees).
func (l link) backRefName(hasOne bool) string {
	name := l.from.GoName
	if !hasOne {
		name = pluralName(name)
	}
	if l.count == 1 && !l.self() {
		return name
	}
	return l.qualifier() + name
}

// request is a relation waiting for its final, collision-free name.
type request struct {
	rel  Relation
	name string
}

// relate derives every relation. Names are settled per model in a fixed
// order — belongs-to (foreign keys in order), then back references
// (source models in table order), then many-to-many (associations in
// table order) — so collisions always resolve the same way.
func (b *builder) relate() {
	reqs := map[*Model][]request{}
	var links []link
	for _, m := range b.g.Models {
		links = append(links, b.links(m)...)
	}
	for _, l := range links {
		if why := b.unjoinable(l.to); why != "" {
			b.warn(l.from.Table, l.fk, l.to.Table.QualifiedName(), "no belongs-to relation: "+why)
			continue
		}
		reqs[l.from] = append(reqs[l.from], request{
			Relation{Kind: BelongsTo, Target: l.to, ForeignKey: l.fk, Join: l.join}, l.belongsToName()})
	}
	if !b.o.WithoutBackReferences {
		for _, l := range links {
			hasOne := uniqueColumns(l.from.Table, l.fk.Columns)
			kind := HasMany
			if hasOne {
				kind = HasOne
				if why := b.unjoinable(l.from); why != "" {
					b.warn(l.from.Table, l.fk, l.to.Table.QualifiedName(), "no has-one relation: "+why)
					continue
				}
			}
			reqs[l.to] = append(reqs[l.to], request{
				Relation{Kind: kind, Target: l.from, ForeignKey: l.fk, Join: reversed(l.join)}, l.backRefName(hasOne)})
		}
	}
	for _, a := range b.g.Associations {
		b.relateAssociation(a, reqs)
	}
	for _, m := range b.g.Models {
		m.Relations = settle(m, reqs[m])
	}
}

// unjoinable says why Bun cannot load m with a JOIN (belongs-to and
// has-one relations do): Bun aliases each joined column as
// "relation__column" without escaping the identifier quote, so a column
// name holding it breaks the SQL. "" when m can be joined.
func (b *builder) unjoinable(m *Model) string {
	quote := `"`
	if b.s.Dialect == "mysql" {
		quote = "`"
	}
	for _, f := range m.Fields {
		if c := f.Column; strings.Contains(c.Name, quote) {
			return fmt.Sprintf("Bun cannot alias the joined column %q of %s, whose name holds the quote character %s",
				c.Name, m.Table.QualifiedName(), quote)
		}
	}
	return ""
}

// warn says why foreign key fk of table t, to target, becomes no relation.
func (b *builder) warn(t *inspect.Table, fk *inspect.ForeignKey, target, why string) {
	b.g.Warnings = append(b.g.Warnings, fmt.Sprintf("%s(%s) → %s: %s", t.QualifiedName(), strings.Join(fk.Columns, ", "), target, why))
}

// relateAssociation gives the association its two belongs-to relations
// (Bun's m2m needs them) and each side a many-to-many relation.
func (b *builder) relateAssociation(a *Model, reqs map[*Model][]request) {
	ls := b.links(a)
	if len(ls) != 2 {
		return // classify checked both targets; links warned otherwise
	}
	own := settle(a, []request{
		{Relation{Kind: BelongsTo, Target: ls[0].to, ForeignKey: ls[0].fk, Join: ls[0].join}, ls[0].belongsToName()},
		{Relation{Kind: BelongsTo, Target: ls[1].to, ForeignKey: ls[1].fk, Join: ls[1].join}, ls[1].belongsToName()},
	})
	// settle sorts by name; find each side's relation by its foreign key.
	relName := func(fk *inspect.ForeignKey) string {
		for _, r := range own {
			if r.ForeignKey == fk {
				return r.Name
			}
		}
		return ""
	}
	a.Relations = own
	left, right := ls[0], ls[1]
	m2mName := func(near, far link) string {
		if near.to == far.to {
			return pluralName(far.qualifier()) // self many-to-many: users.Friends
		}
		name := pluralName(far.to.GoName)
		if b.associationsBetween(near.to, far.to) > 1 {
			name += "Via" + a.GoName
		}
		return name
	}
	reqs[left.to] = append(reqs[left.to], request{Relation{
		Kind: ManyToMany, Target: right.to, ForeignKey: right.fk, Through: a,
		ThroughSelf: relName(left.fk), ThroughTarget: relName(right.fk),
	}, m2mName(left, right)})
	if b.o.WithoutBackReferences {
		return
	}
	reqs[right.to] = append(reqs[right.to], request{Relation{
		Kind: ManyToMany, Target: left.to, ForeignKey: left.fk, Through: a,
		ThroughSelf: relName(right.fk), ThroughTarget: relName(left.fk),
	}, m2mName(right, left)})
}

func (b *builder) associationsBetween(x, y *Model) int {
	n := 0
	for _, a := range b.g.Associations {
		t := a.Table
		l, r := b.models[b.s.Referenced(t, &t.ForeignKeys[0])], b.models[b.s.Referenced(t, &t.ForeignKeys[1])]
		if l == x && r == y || l == y && r == x {
			n++
		}
	}
	return n
}

// links returns m's foreign keys that can become relations, warning about
// the others.
func (b *builder) links(m *Model) []link {
	var out []link
	for i := range m.Table.ForeignKeys {
		fk := &m.Table.ForeignKeys[i]
		l, why := b.link(m, fk)
		if why != "" {
			b.warn(m.Table, fk, fk.RefTable, "no relation: "+why)
			continue
		}
		out = append(out, l)
	}
	for i := range out {
		for _, other := range out {
			if other.to == out[i].to {
				out[i].count++
			}
		}
	}
	return out
}

func (b *builder) link(m *Model, fk *inspect.ForeignKey) (link, string) {
	t := b.s.Referenced(m.Table, fk)
	if t == nil {
		return link{}, "the schema has no table " + fk.RefTable
	}
	to := b.models[t]
	switch {
	case to == nil:
		return link{}, t.QualifiedName() + " is not mapped (" + b.skip[t] + ")"
	case b.assoc[t]:
		return link{}, t.QualifiedName() + " is an association table"
	case to.ReadOnly:
		return link{}, t.QualifiedName() + " is a view"
	}
	refCols := fk.RefColumns
	if len(refCols) == 0 {
		refCols = t.PrimaryKey // REFERENCES t without columns means its primary key
	}
	if len(refCols) != len(fk.Columns) || len(refCols) == 0 {
		return link{}, fmt.Sprintf("%d column(s) reference %d", len(fk.Columns), len(refCols))
	}
	join := make([]JoinPair, len(refCols))
	for i := range refCols {
		local, remote := fk.Columns[i], refCols[i]
		switch {
		case m.Table.Column(local) == nil:
			return link{}, "no column " + local + " in " + m.Table.QualifiedName()
		case t.Column(remote) == nil:
			return link{}, "no column " + remote + " in " + t.QualifiedName()
		case unspellableColumn(local) != "":
			return link{}, fmt.Sprintf("column %q is left out of %s: %s", local, m.Table.QualifiedName(), unspellableColumn(local))
		case unspellableColumn(remote) != "":
			return link{}, fmt.Sprintf("column %q is left out of %s: %s", remote, t.QualifiedName(), unspellableColumn(remote))
		case strings.ContainsAny(local+remote, ",="):
			return link{}, "a column name holds ',' or '=', which a Bun join tag cannot express"
		case strings.TrimSpace(local) != local || strings.TrimSpace(remote) != remote:
			return link{}, "a column name starts or ends with a space, which Bun trims from a join tag"
		}
		join[i] = JoinPair{Local: local, Remote: remote}
	}
	return link{from: m, to: to, fk: fk, join: join}, ""
}

// uniqueColumns reports whether cols identify at most one row of t: they
// are its primary key or a full (non-partial) unique index.
func uniqueColumns(t *inspect.Table, cols []string) bool {
	same := func(other []string) bool {
		if len(other) != len(cols) {
			return false
		}
		for _, c := range cols {
			if !slices.Contains(other, c) {
				return false
			}
		}
		return true
	}
	if same(t.PrimaryKey) {
		return true
	}
	for _, ix := range t.Indexes {
		if ix.Unique && !ix.Partial && same(ix.Columns) {
			return true
		}
	}
	return false
}

func reversed(join []JoinPair) []JoinPair {
	out := make([]JoinPair, len(join))
	for i, p := range join {
		out[i] = JoinPair{Local: p.Remote, Remote: p.Local}
	}
	return out
}

var kindOrder = map[RelationKind]int{BelongsTo: 0, HasOne: 1, HasMany: 2, ManyToMany: 3}

// settle gives each requested relation of m its final name, in request
// order: a name taken by a field, by BaseModel, by the model's own type
// name (Bun would alias the join like the table) or by an earlier
// relation gets "Rel" appended, then "_2", "_3", … Relations are returned
// sorted by kind, then name.
func settle(m *Model, reqs []request) []Relation {
	taken := nameSet{m.GoName: true, "BaseModel": true}
	for _, f := range m.Fields {
		taken[f.GoName] = true
	}
	// A joined relation (belongs-to, has-one) is aliased in the query by
	// its name in Bun's snake_case: it must differ from the model's own
	// alias and from the other joins' (NODE on Node would both be "node").
	aliases := map[string]bool{m.Alias: true}
	out := make([]Relation, 0, len(reqs))
	for _, rq := range reqs {
		rel := rq.rel
		rel.Name = taken.uniqueRelation(rq.name)
		if rel.Kind == BelongsTo || rel.Kind == HasOne {
			for aliases[bunUnderscore(rel.Name)] {
				rel.Name = taken.unique(rq.name + "Rel")
			}
			aliases[bunUnderscore(rel.Name)] = true
		}
		out = append(out, rel)
	}
	slices.SortStableFunc(out, func(x, y Relation) int {
		if d := kindOrder[x.Kind] - kindOrder[y.Kind]; d != 0 {
			return d
		}
		return strings.Compare(x.Name, y.Name)
	})
	return out
}
