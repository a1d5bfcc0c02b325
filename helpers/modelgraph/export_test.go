package modelgraph

var (
	GoName    = goIdent
	ModelName = modelNameOf
	TypeOf    = typeOfColumn
)
