// Package suggest finds the name a user probably meant, for "did you mean"
// hints in error messages (a mistyped table name, a singular for a plural).
package suggest

import "strings"

// Nearest returns the candidate closest to name, ignoring case, when it is
// within a third of name's length in edits (at least 2); "" when none is
// that close. Ties go to the earlier candidate.
func Nearest(name string, candidates []string) string {
	best, bestDist := "", max(2, len([]rune(name))/3)+1
	lower := strings.ToLower(name)
	for _, c := range candidates {
		if d := Distance(lower, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b, in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
