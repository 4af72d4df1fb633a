package main

import "math"

// simplifyBy applies Douglas–Peucker to an open polyline as it appears
// after proj, keeping both ends, and returns the kept original points.
// Arcs are simplified before they are stitched into rings so that borders
// shared by two countries stay identical and leave no slivers.
func simplifyBy(pts []point, proj func(point) point, tol float64) []point {
	q := make([]point, len(pts))
	for i, p := range pts {
		q[i] = proj(p)
	}
	keep := keepDP(q, tol)
	var out []point
	for i, k := range keep {
		if k {
			out = append(out, pts[i])
		}
	}
	return out
}

// keepDP marks the points Douglas–Peucker keeps.
func keepDP(pts []point, tol float64) []bool {
	keep := make([]bool, len(pts))
	if len(pts) < 3 || tol <= 0 {
		for i := range keep {
			keep[i] = true
		}
		return keep
	}
	keep[0], keep[len(pts)-1] = true, true
	type span struct{ a, b int }
	stack := []span{{0, len(pts) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		best, at := -1.0, -1
		for i := s.a + 1; i < s.b; i++ {
			if d := segDist(pts[i], pts[s.a], pts[s.b]); d > best {
				best, at = d, i
			}
		}
		if at >= 0 && best > tol {
			keep[at] = true
			stack = append(stack, span{s.a, at}, span{at, s.b})
		}
	}
	return keep
}

// segDist is the distance from p to the segment a–b.
func segDist(p, a, b point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return math.Hypot(p.X-a.X, p.Y-a.Y)
	}
	t := ((p.X-a.X)*dx + (p.Y-a.Y)*dy) / l2
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(p.X-(a.X+t*dx), p.Y-(a.Y+t*dy))
}

// area is the absolute area of a closed ring (shoelace formula).
func area(r []point) float64 {
	var s float64
	for i := range r {
		j := (i + 1) % len(r)
		s += r[i].X*r[j].Y - r[j].X*r[i].Y
	}
	return math.Abs(s) / 2
}
