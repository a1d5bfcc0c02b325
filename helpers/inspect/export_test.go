package inspect

type Inspector = schemaReader

var (
	New         = newReader
	MustInspect = mustInspect
)
var Tables = onlyTables
