package progress

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// FileName is the progress file's name in the student's home. It is not a
// hidden file, so the student sees it and the hub's contents API serves it
// (Jupyter refuses hidden files).
const FileName = "bunbook-progress.jsonl"

// Env overrides where progress goes: a file's path, or "off".
const Env = "BUNBOOK_PROGRESS"

// Limits: a record's line stays under PIPE_BUF (4096 on Linux) so one
// write(2) is atomic even without the lock; a file stops growing at MaxSize
// (about 20,000 checks); a reader reads at most MaxSize bytes.
const (
	maxLine = 4000
	MaxSize = 4 << 20
)

// Path returns the student's progress file: $BUNBOOK_PROGRESS when it names
// one, else $HOME/bunbook-progress.jsonl inside a JupyterHub single-user
// server (JUPYTERHUB_USER is set there). Elsewhere — a headless notebook
// run, a test — nothing is recorded unless BUNBOOK_PROGRESS asks for it.
func Path() (string, bool) {
	switch p := os.Getenv(Env); {
	case p == "off":
		return "", false
	case p != "":
		return p, true
	}
	if os.Getenv("JUPYTERHUB_USER") == "" {
		return "", false
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", false
	}
	return filepath.Join(home, FileName), true
}

// Append adds one record for question to the file at path, numbering the
// attempt after the question's records already there. It holds an exclusive
// flock while it counts and writes, and writes the line in one call.
func Append(path string, r Record) error {
	f, err := openAppend(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := lock(f); err != nil {
		return err
	}
	defer unlock(f)
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", path)
	}
	if st.Size() >= MaxSize {
		return fmt.Errorf("%s is full (%d bytes): rename it to start a new one", path, st.Size())
	}
	r.Attempt = 1
	if rf, err := openRead(path); err == nil {
		recs, _ := Read(rf)
		rf.Close()
		for _, old := range recs {
			if old.Question == r.Question && old.Kind != Solution {
				r.Attempt++
			}
		}
	}
	if r.Time.IsZero() {
		r.Time = time.Now().UTC().Truncate(time.Second)
	}
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if len(line) >= maxLine {
		return fmt.Errorf("progress record too long (%d bytes)", len(line))
	}
	_, err = f.Write(append(line, '\n'))
	return err
}

// Problem is something wrong with a progress file, by line.
type Problem struct {
	Line int // 0: the file as a whole
	Text string
}

func (p Problem) String() string {
	if p.Line == 0 {
		return p.Text
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Text)
}

// Read reads the records of a progress file, at most MaxSize bytes of it.
// Lines that are not valid records are skipped and reported as problems: a
// student can write anything into the file.
func Read(r io.Reader) ([]Record, []Problem) {
	var recs []Record
	var probs []Problem
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		probs = append(probs, Problem{0, "unreadable: " + err.Error()})
	}
	if len(data) > MaxSize {
		data = data[:MaxSize]
		probs = append(probs, Problem{0, fmt.Sprintf("larger than %d bytes: only the start is read", MaxSize)})
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), MaxSize)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if len(line) >= maxLine {
			probs = append(probs, Problem{n, fmt.Sprintf("too long (%d bytes) for a progress record", len(line))})
			continue
		}
		var rec Record
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			why := "not a progress record"
			if n == lineCount(data) && !bytes.HasSuffix(data, []byte("\n")) {
				why = "cut short (the file ends mid-record)"
			}
			probs = append(probs, Problem{n, why})
			continue
		}
		if why := rec.valid(); why != "" {
			probs = append(probs, Problem{n, why})
			continue
		}
		rec.Hint = HintLabel(rec.Hint)
		recs = append(recs, rec)
	}
	return recs, probs
}

func lineCount(data []byte) int {
	n := bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return n
}

// ReadFile reads the progress file at path. A file that does not exist is
// no records and no problem, with ok false.
func ReadFile(path string) (recs []Record, probs []Problem, ok bool) {
	f, err := openRead(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, false
	}
	if err != nil {
		return nil, []Problem{{0, "cannot be opened: " + strings.TrimPrefix(err.Error(), "open ")}}, true
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, []Problem{{0, "is not a regular file"}}, true
	}
	recs, probs = Read(f)
	return recs, probs, true
}
