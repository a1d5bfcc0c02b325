// Package repr prints a model the way the Python lesson's ReflectiveMixin
// prints one: the type's name, then every column as Name=value, in table
// order.
//
//	fmt.Println(repr.String(customer))
//	// Customer(CustomerId=1, FirstName="Moshe", LastName="Cohen", Company=<nil>, …)
//
//	repr.Print(customers) // one model per line
//
// To make fmt print a model this way everywhere, give it a String method;
// repr never calls String on the value it prints, so this does not loop:
//
//	func (c Customer) String() string { return repr.String(c) }
//
// # Rules
//
//   - Names are the Go field names (c.FirstName), the names a Go program
//     uses, as the Python lesson shows attribute names; the SQL column names
//     may differ (bun:"first_name").
//   - Columns come in bun's table order, which is the struct's field order
//     with embedded structs flattened, and also the column order of bun's
//     CREATE TABLE. Relations (bun:"rel:…"), bun:"-" fields and unexported
//     fields are left out.
//   - nil pointers, a zero bun.NullTime, and sql.Null* or any driver.Valuer
//     whose value is NULL print as <nil>; strings are Go-quoted (%q); times are ISO 8601
//     (RFC 3339); bytes print as []byte("…").
//   - The type name is the Go type's name. A type built at run time with
//     reflect.StructOf has none, so the bun table name is used instead
//     (albums(AlbumId=1, …)); a ReprName() string method overrides both.
//
// A plain struct without bun tags prints the same way: bun's rules treat
// its exported fields as the columns.
package repr
