package modelgraph

import (
	"reflect"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// Graph is the set of models derived from one schema.
type Graph struct {
	// Models in table order (the order of inspect.Schema.Tables).
	Models []*Model
	// Associations are pure many-to-many link tables (e.g. playlist_track):
	// not models of their own for the user, but Bun needs a join model for
	// m2m relations, so they are kept here.
	Associations []*Model
	// Skipped lists the tables that became no model, each with its reason,
	// in table order. Association tables are listed here too (they are no
	// user model) as well as in Associations.
	Skipped []Skipped
	// Warnings are foreign keys that became no relation, each saying why
	// (e.g. the referenced table was skipped), in a deterministic order.
	Warnings []string
}

// Model is one table or view mapped to a Go struct.
type Model struct {
	Table  *inspect.Table
	GoName string // exported Go type name, e.g. "Album", "OrderDetail"
	Alias  string // SQL alias Bun uses for the table, e.g. "album"
	// ReadOnly marks a view (mapped unless WithoutViews): it can be selected
	// but has no primary key, so no relation leads to or from it.
	ReadOnly bool
	Fields   []Field
	// Relations sorted by kind then name; names never collide with field names.
	Relations []Relation
}

// Field is one column mapped to a struct field.
type Field struct {
	Column *inspect.Column
	GoName string // exported Go identifier, unique within the model
	Type   GoType
}

// GoType is the Go type a column maps to, both as a run-time type (for
// automap's reflect.StructOf) and as source text (for codegen).
type GoType struct {
	Reflect reflect.Type
	Expr    string // source expression, e.g. "*string", "sql.NullInt64", "time.Time"
	Import  string // import path Expr needs, "" for none (e.g. "database/sql", "time")
	// SQLType is the column type for the bun tag (`type:...`) when the Go type
	// alone would make Bun declare a different one; "" when it need not be said.
	SQLType string
	// NullZero is set when the zero value stands for NULL and the tag must
	// say nullzero for Bun to write it so (a nil json.RawMessage).
	NullZero bool
}

// RelationKind is how two models relate.
type RelationKind string

const (
	BelongsTo  RelationKind = "belongs-to"
	HasOne     RelationKind = "has-one"
	HasMany    RelationKind = "has-many"
	ManyToMany RelationKind = "m2m"
)

// Relation is one navigable relation from a model.
type Relation struct {
	Kind   RelationKind
	Name   string // Go field name, e.g. "Artist", "Albums", "Manager"
	Target *Model
	// ForeignKey the relation follows: on the owning model for belongs-to,
	// on the target for has-one/has-many, on Through for m2m.
	ForeignKey *inspect.ForeignKey
	// Through is the association model of a many-to-many relation.
	Through *Model
	// ThroughSelf and ThroughTarget name Through's belongs-to relations
	// leading back to this model and on to Target: Bun's m2m tag is
	// `m2m:<Through.Table.Name>,join:<ThroughSelf>=<ThroughTarget>`.
	ThroughSelf, ThroughTarget string
	// Join pairs local columns to target columns (belongs-to, has-*); for
	// m2m it is empty and Through's foreign keys say how to join.
	Join []JoinPair
}

// JoinPair is one column pair of a relation's join condition.
type JoinPair struct {
	Local, Remote string // column names
}

// Skipped is a table that was not mapped, and why.
type Skipped struct {
	Table  string // qualified name ("schema.table" where there are schemas)
	Reason string // e.g. "no primary key", "internal table", "association table for playlists ↔ tracks"
}
