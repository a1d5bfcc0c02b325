package nbrun

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// NormalizeOptions tunes [Normalize].
type NormalizeOptions struct {
	// Root is the checkout's absolute path. Outputs that mention it show
	// "<repo>" instead, so they read the same on every machine.
	Root string
}

// Normalize rewrites an executed notebook so that running it again produces
// the same bytes:
//
//   - each cell's metadata.execution (Jupyter's timestamps) is dropped;
//   - each cell's outputs come in a canonical order: its standard output as
//     one stream, its standard error, its displays (HTML tables…), its
//     error. GoNB sends printed text and displays over separate pipes, so
//     their interleaving varies from run to run;
//   - bun's query log lines lose their clock time and duration
//     ("[bun]  12:01:02.345   SELECT  41µs  SELECT …" becomes
//     "[bun]  SELECT  SELECT …", columns kept aligned);
//   - GoNB's temporary build folder (/tmp/gonb_1a2b3c4d) becomes "<gonb-tmp>"
//     and opts.Root becomes "<repo>";
//   - a display its program erased (the download's progress bar, updated
//     in place to nothing) is dropped: a re-run that needs no bar has none;
//   - the download's "ready: … (N bytes, sha256 ok, cached)" line loses
//     ", cached": a first run downloads, a re-run reuses the file, and both
//     must read the same;
//   - metadata.language_info gets Go's highlighting (GoLanguageInfo): GoNB
//     leaves pygments_lexer empty, and nbconvert, GitHub and nbviewer then
//     colour Go as Python.
//
// Everything else is kept. The result is written the way Jupyter writes
// notebooks (keys sorted, one-space indent, multi-line strings as lists of
// lines), so a normalized notebook stays small in diffs.
func Normalize(data []byte, opts NormalizeOptions) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var nb map[string]any
	if err := dec.Decode(&nb); err != nil {
		return nil, fmt.Errorf("nbrun: normalize: not a notebook (invalid JSON): %w", err)
	}
	md, _ := nb["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		nb["metadata"] = md
	}
	info, _ := md["language_info"].(map[string]any)
	if info == nil {
		info = map[string]any{}
		md["language_info"] = info
	}
	for k, v := range GoLanguageInfo {
		info[k] = v
	}
	cells, _ := nb["cells"].([]any)
	for _, c := range cells {
		cell, ok := c.(map[string]any)
		if !ok {
			continue
		}
		if md, ok := cell["metadata"].(map[string]any); ok {
			delete(md, "execution")
		}
		cell["source"] = splitLines(joinLines(cell["source"]))
		if outs, ok := cell["outputs"].([]any); ok {
			cell["outputs"] = normalizeOutputs(outs, opts)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return nil, fmt.Errorf("nbrun: normalize: %w", err)
	}
	return buf.Bytes(), nil
}

// GoLanguageInfo is the language_info a saved lesson carries (besides the
// Go version the kernel reports): Pygments' "go" lexer for nbconvert's HTML
// and GitHub, CodeMirror's "go" mode, the .go extension for exports.
var GoLanguageInfo = map[string]string{
	"name":            "go",
	"pygments_lexer":  "go",
	"codemirror_mode": "go",
	"file_extension":  ".go",
	"mimetype":        "text/x-go",
}

// normalizeOutputs puts a cell's outputs in a canonical order: all its
// standard output as one stream, then all its standard error, then its
// displays in the order they came, then its error. GoNB delivers a
// program's standard output and its displays (gonbui) over separate pipes,
// so how they interleave differs from run to run; within each kind the order
// is the program's.
func normalizeOutputs(outs []any, opts NormalizeOptions) []any {
	var stdout, stderr strings.Builder
	var streams [2]map[string]any // first stdout and stderr outputs, reused
	var displays, errs, others []any
	for _, o := range outs {
		out, ok := o.(map[string]any)
		if !ok {
			others = append(others, o)
			continue
		}
		switch out["output_type"] {
		case "stream":
			i, b := 0, &stdout
			if out["name"] == "stderr" {
				i, b = 1, &stderr
			}
			b.WriteString(joinLines(out["text"]))
			if streams[i] == nil {
				streams[i] = out
			}
		case "display_data", "execute_result":
			if erased(out) {
				continue
			}
			if data, ok := out["data"].(map[string]any); ok {
				for mime, v := range data {
					if strings.HasPrefix(mime, "text/") {
						data[mime] = splitLines(maskVolatile(joinLines(v), opts))
					}
				}
			}
			displays = append(displays, out)
		case "error":
			if v, ok := out["evalue"].(string); ok {
				out["evalue"] = maskVolatile(v, opts)
			}
			if tb, ok := out["traceback"].([]any); ok {
				for i, line := range tb {
					if s, ok := line.(string); ok {
						tb[i] = maskVolatile(s, opts)
					}
				}
			}
			errs = append(errs, out)
		default:
			others = append(others, out)
		}
	}
	result := make([]any, 0, len(outs))
	for i, text := range []string{stdout.String(), stderr.String()} {
		if streams[i] != nil {
			streams[i]["text"] = splitLines(maskVolatile(text, opts))
			result = append(result, streams[i])
		}
	}
	result = append(result, displays...)
	result = append(result, others...)
	return append(result, errs...)
}

var (
	// bunLogLine matches the start of a bundebug line: time, operation
	// (padded to 16), duration (time.Duration, always ending in "s").
	bunLogLine = regexp.MustCompile(`(?m)^\[bun\]  \d\d:\d\d:\d\d\.\d{3}   (\S.*?) +\d[\d.hmµun]*s  `)
	// cachedReady matches data/download's final line for a reused file.
	cachedReady = regexp.MustCompile(`(?m)^(ready: .* \(\d+ bytes, sha256 [^)\n]*), cached\)$`)
	// gonbTmp matches GoNB's per-kernel build folder.
	gonbTmp = regexp.MustCompile(`(?:/[^\s"'<>/]+)*/gonb_[0-9a-f]{8}\b`)
)

// maskVolatile replaces what changes from run to run in an output text.
func maskVolatile(s string, opts NormalizeOptions) string {
	s = bunLogLine.ReplaceAllStringFunc(s, func(m string) string {
		op := bunLogLine.FindStringSubmatch(m)[1]
		return fmt.Sprintf("[bun]  %-16s  ", op)
	})
	s = gonbTmp.ReplaceAllString(s, "<gonb-tmp>")
	s = cachedReady.ReplaceAllString(s, "$1)")
	if root := strings.TrimRight(opts.Root, "/"); len(root) > 1 {
		s = strings.ReplaceAll(s, root, "<repo>")
	}
	return s
}

// erased reports whether a display output holds nothing to show: every
// value of its data is empty text.
func erased(out map[string]any) bool {
	data, _ := out["data"].(map[string]any)
	for _, v := range data {
		if joinLines(v) != "" {
			return false
		}
	}
	return true
}

// joinLines turns nbformat's multi-line value (a string or a list of
// strings) into one string.
func joinLines(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var b strings.Builder
		for _, p := range v {
			if s, ok := p.(string); ok {
				b.WriteString(s)
			}
		}
		return b.String()
	default:
		return ""
	}
}

// splitLines is nbformat's on-disk form of a multi-line string: a list of
// lines, each keeping its "\n".
func splitLines(s string) []any {
	lines := []any{}
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}
