package main

import (
	"html/template"
	"io"
)

// page is the report as an HTML page; html/template escapes every value.
var page = template.Must(template.New("report").Funcs(template.FuncMap{"clean": clean}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Class report: {{.Source}}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: center; white-space: nowrap; }
th { background: #f3f3f3; position: sticky; top: 0; }
td.name { text-align: left; font-weight: 600; }
td.solved { background: #e6f6e6; } td.stuck { background: #fde8e8; }
td.note { text-align: left; font-size: .85rem; color: #666; white-space: normal; }
.hint { font-family: ui-monospace, monospace; font-size: .9rem; }
.meta, .legend { color: #555; font-size: .9rem; }
</style></head>
<body>
<h1>Class report</h1>
<p class="meta">{{len .Students}} students · {{.Source}} · {{.Generated.Format "2006-01-02 15:04 UTC"}}</p>
<table id="progress">
<thead><tr><th>student</th>{{range .Questions}}<th>{{.}}</th>{{end}}<th>note</th></tr></thead>
<tbody>
{{- range $s := .Students}}
<tr><td class="name">{{clean $s.Name}}</td>
{{- range $q := $.Questions}}{{with index $s.Status $q}}<td class="{{if .Solved}}solved{{else if .Stuck}}stuck{{end}}" title="{{.Checks}} checks{{if .Hint}}; last hint: {{.Hint}}{{end}}">{{.Cell}}</td>{{else}}<td>⬜</td>{{end}}{{end}}
<td class="note">{{$s.Note}}</td></tr>
{{- end}}
</tbody></table>
<p class="legend">✅ solved · ❌ n: n wrong checks, not solved yet · ⬜ not attempted · 📖 ran the solution</p>
<h2>Who is stuck where</h2>
<ul id="stuck">
{{- range $q := .Questions}}{{with $.Stuck $q}}
<li><strong>{{$q}}</strong>: {{$.StuckCount $q}} stuck, {{$.Solved $q}} solved
<ul>{{range .}}<li>{{len .Students}} on <span class="hint">{{.HintID}} “{{.Hint}}”</span>: {{range $i, $n := .Students}}{{if $i}}, {{end}}{{clean $n}}{{end}}</li>{{end}}</ul></li>
{{- end}}{{end}}
</ul>
{{- $any := false}}{{range .Students}}{{if .Problems}}{{$any = true}}{{end}}{{end}}
{{- if $any}}
<h2>Problems</h2>
<ul id="problems">
{{- range $s := .Students}}{{range .Problems}}<li>{{clean $s.Name}}'s progress file, {{.}} (skipped)</li>{{end}}{{end}}
</ul>
{{- end}}
</body></html>
`))

// WriteHTML writes the report as a page.
func (c class) WriteHTML(w io.Writer) error { return page.Execute(w, c) }
