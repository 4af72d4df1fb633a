package main

import "math"

// unwrap makes longitudes continuous along a line: a step of more than 180°
// is taken as crossing the antimeridian, and later points move by 360°.
// Natural Earth draws Chukotka, the Aleutians and Fiji across ±180°.
func unwrap(pts []point) {
	shift := 0.0
	for i := 1; i < len(pts); i++ {
		x := pts[i].X + shift
		prev := pts[i-1].X
		for x-prev > 180 {
			x -= 360
			shift -= 360
		}
		for prev-x > 180 {
			x += 360
			shift += 360
		}
		pts[i].X = x
	}
}

// split cuts a ring with continuous longitudes into the pieces that fall in
// [-180, 180] once moved by a multiple of 360°.
func split(r []point) [][]point {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range r {
		lo, hi = math.Min(lo, p.X), math.Max(hi, p.X)
	}
	if lo >= -180 && hi <= 180 {
		return [][]point{r}
	}
	var out [][]point
	for k := math.Floor((lo + 180) / 360); k*360-180 < hi; k++ {
		off := k * 360
		piece := clipX(r, off-180, true)
		piece = clipX(piece, off+180, false)
		if len(piece) < 3 {
			continue
		}
		for i := range piece {
			piece[i].X -= off
		}
		out = append(out, piece)
	}
	return out
}

// clipX clips a closed ring to the half-plane x >= at (keepRight) or
// x <= at, by Sutherland–Hodgman. Along the cut it adds a point per degree of
// latitude so the edge follows the curved meridian once projected.
func clipX(r []point, at float64, keepRight bool) []point {
	in := func(p point) bool {
		if keepRight {
			return p.X >= at
		}
		return p.X <= at
	}
	var out []point
	for i := range r {
		cur, prev := r[i], r[(i+len(r)-1)%len(r)]
		switch {
		case in(cur) && in(prev):
			out = append(out, cur)
		case in(cur):
			out = appendCut(out, cross(prev, cur, at))
			out = append(out, cur)
		case in(prev):
			out = appendCut(out, cross(prev, cur, at))
		}
	}
	return out
}

// appendCut adds a point on the cut line, densifying from the previous
// point if that lay on the cut too.
func appendCut(out []point, p point) []point {
	if n := len(out); n > 0 && out[n-1].X == p.X {
		q := out[n-1]
		steps := int(math.Abs(p.Y-q.Y) / 1)
		for s := 1; s < steps; s++ {
			out = append(out, point{p.X, q.Y + (p.Y-q.Y)*float64(s)/float64(steps)})
		}
	}
	return append(out, p)
}

// cross is where the segment a–b meets the meridian x = at.
func cross(a, b point, at float64) point {
	t := (at - a.X) / (b.X - a.X)
	return point{at, a.Y + t*(b.Y-a.Y)}
}
