package modelgraph

import "strings"

// The methods below spell a model in Bun's struct-tag language: the text
// inside bun:"…". Automap builds its run-time types from them and codegen
// writes them into source (wrapped with strconv.Quote, or back-quoted when
// the text holds no back quote), so both always agree.

// TableTag is the tag of the model's bun.BaseModel field:
// table:albums,alias:album (table:Order Details,alias:order_detail).
func (m *Model) TableTag() string {
	return "table:" + tagValue(m.Table.Name) + ",alias:" + tagValue(m.Alias)
}

// Tag is the field's tag: the column name, then pk, autoincrement,
// identity (PostgreSQL identity columns, with autoincrement so Bun
// leaves a zero key to the database), notnull (for non-null columns that
// are not in the primary key), nullzero when GoType.NullZero is set, and
// type:… when GoType.SQLType is set. A computed (generated) column gets
// notnull,nullzero,skipupdate: inserts and updates leave it to the database
// (CREATE TABLE from the model then declares it a plain NOT NULL column).
//
//	AlbumId,pk,autoincrement    Title,notnull,type:nvarchar(160)
func (f *Field) Tag() string {
	var b strings.Builder
	b.WriteString(tagValue(f.Column.Name))
	if f.Column.PrimaryKey > 0 {
		b.WriteString(",pk")
	}
	if f.Column.AutoIncrement {
		b.WriteString(",autoincrement")
	}
	if f.Column.Identity {
		b.WriteString(",identity")
	}
	// Bun leaves a zero notnull,nullzero field out of INSERT (or writes
	// DEFAULT); skipupdate keeps it out of UPDATE.
	generated := f.Column.Generated && f.Column.PrimaryKey == 0
	if (!f.Column.Nullable || generated) && f.Column.PrimaryKey == 0 {
		b.WriteString(",notnull")
	}
	if f.Type.NullZero || generated {
		b.WriteString(",nullzero")
	}
	if generated {
		b.WriteString(",skipupdate")
	}
	if f.Type.SQLType != "" {
		b.WriteString(",type:" + typeTagValue(f.Type.SQLType))
	}
	return b.String()
}

// Tag is the relation's tag, with the foreign key's actions on a
// belongs-to relation unless they are NO ACTION:
//
//	rel:belongs-to,join:ArtistId=ArtistId
//	rel:belongs-to,join:gadget_id=id,on_delete:CASCADE
//	rel:has-many,join:ArtistId=ArtistId
//	m2m:playlist_track,join:Playlist=Track
func (r *Relation) Tag() string {
	if r.Kind == ManyToMany {
		return "m2m:" + tagValue(r.Through.Table.Name) + ",join:" + tagValue(r.ThroughSelf+"="+r.ThroughTarget)
	}
	var b strings.Builder
	b.WriteString("rel:" + string(r.Kind))
	for _, p := range r.Join {
		b.WriteString(",join:" + tagValue(p.Local+"="+p.Remote))
	}
	if r.Kind == BelongsTo && r.ForeignKey != nil {
		// The foreign key's actions, so WithForeignKeys recreates them;
		// NO ACTION is what Bun writes anyway.
		for _, a := range []struct{ option, rule string }{
			{"on_update", r.ForeignKey.OnUpdate}, {"on_delete", r.ForeignKey.OnDelete},
		} {
			if rule := strings.ToUpper(strings.TrimSpace(a.rule)); rule != "" && rule != "NO ACTION" {
				b.WriteString("," + a.option + ":" + tagValue(rule))
			}
		}
	}
	return b.String()
}

// tagValue quotes s when Bun's tag parser would otherwise split it: on a
// comma, colon, quote, parenthesis or backslash, or around outer spaces.
//
// Bun's parser takes a quoted value verbatim unless the quote closing it
// follows a backslash; only then does it undo escapes, all of them. So the
// value is escaped exactly when it must be: it holds a quote, or ends in a
// backslash. Otherwise a backslash inside stays single.
func tagValue(s string) string {
	if s != "" && !strings.ContainsAny(s, `,:"()\`) && strings.TrimSpace(s) == s {
		return s
	}
	if !strings.Contains(s, `"`) && !strings.HasSuffix(s, `\`) {
		return `"` + s + `"`
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// typeTagValue leaves balanced parentheses alone (Bun's parser skips
// them: type:numeric(10,2)) and quotes anything else tagValue would.
func typeTagValue(s string) string {
	if s == "" || strings.TrimSpace(s) != s {
		return tagValue(s)
	}
	depth := 0
	for _, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return tagValue(s)
			}
		case ',':
			if depth == 0 {
				return tagValue(s)
			}
		case ':', '"', '\\':
			return tagValue(s)
		}
	}
	if depth != 0 {
		return tagValue(s)
	}
	return s
}
