package automap

import (
	"reflect"

	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// Model is one mapped table: the Go twin of an automap class such as
// AutoMapBase.classes['albums'].
type Model struct {
	graph  *modelgraph.Model
	levels []reflect.Type // levels[k] can load relation chains k deep
}

// Table is the table's name, e.g. "albums".
func (m *Model) Table() string { return m.graph.Table.Name }

// Name is the model's Go name, e.g. "Album" (see modelgraph's naming rules).
func (m *Model) Name() string { return m.graph.GoName }

// Columns lists the columns as table.column, in table order: the twin of
// Album.__table__.columns, e.g. albums.AlbumId, albums.Title, albums.ArtistId.
func (m *Model) Columns() []string {
	cols := make([]string, len(m.graph.Fields))
	for i, f := range m.graph.Fields {
		cols[i] = m.graph.Table.Name + "." + f.Column.Name
	}
	return cols
}

// Relations lists the names of the relations Bun's Relation(...) can load,
// sorted by kind (belongs-to, has-one, has-many, many-to-many) then name:
// on albums Artist, Tracks.
func (m *Model) Relations() []string {
	names := make([]string, len(m.graph.Relations))
	for i, r := range m.graph.Relations {
		names[i] = r.Name
	}
	return names
}

// rowType is the run-time struct type of the model's rows: bun.BaseModel, a
// field per column, a field per relation.
func (m *Model) rowType() reflect.Type { return m.levels[len(m.levels)-1] }

// New returns a pointer to a new, zero row, ready for
// db.NewSelect().Model(row).
func (m *Model) New() any { return reflect.New(m.rowType()).Interface() }

// NewSlice returns a pointer to an empty slice of row pointers (*[]*T),
// ready for db.NewSelect().Model(rows).
func (m *Model) NewSlice() any {
	return reflect.New(reflect.SliceOf(reflect.PointerTo(m.rowType()))).Interface()
}

// String is the table name, as SQLAlchemy's automap names its classes.
func (m *Model) String() string { return m.Table() }
