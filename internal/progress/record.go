package progress

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Outcomes of a check, as stored.
const (
	Correct    = "correct"
	Wrong      = "wrong"
	Unanswered = "unanswered"
)

// Kinds of record: a check run from a student's notebook, or from the
// solutions notebook (the student looked at a solution).
const (
	Check    = "check"
	Solution = "solution"
)

// Record is one line of a progress file.
type Record struct {
	Question string    `json:"q"`
	Outcome  string    `json:"outcome"`
	Kind     string    `json:"kind,omitempty"`
	HintID   string    `json:"hint,omitempty"`  // short id of the hint, for Wrong
	Hint     string    `json:"label,omitempty"` // the hint without its numbers and quoted text
	Attempt  int       `json:"attempt"`
	Time     time.Time `json:"time"`
}

var (
	quoted  = regexp.MustCompile("\"[^\"]*\"|`[^`]*`|'[^']*'")
	parens  = regexp.MustCompile(`\([^()]*\)`)
	digits  = regexp.MustCompile(`[0-9]+`)
	spaces  = regexp.MustCompile(`\s+`)
	validID = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,16}$`)
	hintID  = regexp.MustCompile(`^h[0-9a-f]{6}$`)
)

// maxLabel bounds a hint's label, in runes.
const maxLabel = 100

// HintLabel is hint with what could come from the student taken out: quoted
// text, parenthesised asides (where error messages go), numbers; then cut to
// maxLabel runes. Two students stuck on the same hint get the same label.
func HintLabel(hint string) string {
	s := quoted.ReplaceAllString(hint, "…")
	s = parens.ReplaceAllString(s, "(…)")
	s = digits.ReplaceAllString(s, "N")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || !unicode.IsPrint(r) && r != ' ' {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(spaces.ReplaceAllString(s, " "))
	if utf8.RuneCountInString(s) > maxLabel {
		s = string([]rune(s)[:maxLabel-1]) + "…"
	}
	return s
}

// HintID is a short id of a hint label: "h" and 6 hex digits.
func HintID(label string) string {
	sum := sha256.Sum256([]byte(label))
	return "h" + hex.EncodeToString(sum[:3])
}

// valid says what is wrong with a record read from a file, or "".
func (r Record) valid() string {
	switch {
	case !validID.MatchString(r.Question):
		return "the question id is not one (Q1, Q5a…)"
	case r.Outcome != Correct && r.Outcome != Wrong && r.Outcome != Unanswered:
		return "the outcome is not correct, wrong or unanswered"
	case r.Kind != "" && r.Kind != Check && r.Kind != Solution:
		return "the kind is not check or solution"
	case r.HintID != "" && !hintID.MatchString(r.HintID):
		return "the hint id is not one"
	case r.Attempt < 1 || r.Attempt > 1e6:
		return "the attempt number is out of range"
	case r.Time.IsZero():
		return "it has no time"
	}
	return ""
}
