package worldmap

import (
	"math"
	"strconv"
)

// levels is the number of shades for countries with coverage; shade 0 is
// for none.
const levels = 5

// scale maps article counts to shades on a logarithmic scale, because
// coverage is heavy-tailed: a few countries take most articles, and a linear
// scale would leave all others in the lightest shade.
type scale struct {
	// upper[k] is the largest count with shade k+1; an empty shade has the
	// same bound as the one below it.
	upper [levels]int
}

// newScale builds the scale for a maximum count. The bounds are
// max^(k/5) rounded down, then forced apart from the top so that the
// maximum always gets the darkest shade; with a small maximum the light
// shades stay empty.
func newScale(top int) scale {
	var s scale
	if top <= 0 {
		return s
	}
	next := top + 1
	for k := levels; k >= 1; k-- {
		b := int(math.Floor(math.Pow(float64(top), float64(k)/levels) + 1e-9))
		b = min(b, next-1)
		b = max0(b)
		s.upper[k-1] = b
		next = b
	}
	return s
}

func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}

// shade returns 0 for no coverage and 1..5 otherwise.
func (s scale) shade(count int) int {
	if count <= 0 {
		return 0
	}
	for k, b := range s.upper {
		if count <= b {
			return k + 1
		}
	}
	return levels
}

// legendEntry is one shade's label in the legend.
type legendEntry struct {
	shade int
	label string
}

// legend lists "none" and the count range of every non-empty shade.
func (s scale) legend() []legendEntry {
	out := []legendEntry{{0, "none"}}
	lo := 1
	for k, hi := range s.upper {
		if hi < lo {
			continue
		}
		label := strconv.Itoa(lo)
		if hi > lo {
			label += "–" + strconv.Itoa(hi)
		}
		out = append(out, legendEntry{k + 1, label})
		lo = hi + 1
	}
	return out
}
