// Package suggest finds the word a user probably meant, for "did you mean"
// hints on typos in configuration and front-matter keys.
package suggest

import (
	"fmt"
	"strings"
)

// Closest returns the candidate nearest to word by edit distance, ignoring
// letter case, when it is close enough to be a likely typo: at most one edit
// for words of up to four letters, two for longer ones, or the same letters
// in another order (such as "darft" for "draft"). It returns "" otherwise.
func Closest(word string, candidates []string) string {
	best, bestD := "", 0
	w := strings.ToLower(word)
	for _, c := range candidates {
		if c == word {
			continue
		}
		// The same word in other letter case is distance 0: the best hint.
		d := distance(w, strings.ToLower(c))
		if best == "" || d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	limit := 2
	if len(word) <= 4 {
		limit = 1
	}
	if bestD > limit && !anagram(w, strings.ToLower(best)) {
		return ""
	}
	return best
}

// Hint returns ` (did you mean "x"?)` for the closest candidate, or "".
func Hint(word string, candidates []string) string {
	if c := Closest(word, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// distance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbouring letters,
// each counting one.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Keys are short; a full table is simplest.
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// anagram reports whether a and b have the same letters.
func anagram(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[rune]int{}
	for _, r := range a {
		count[r]++
	}
	for _, r := range b {
		count[r]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}
