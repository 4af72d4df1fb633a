package main

import (
	"encoding/json"
	"fmt"
	"math"
)

// topology is the part of a TopoJSON document the generator reads.
type topology struct {
	Type      string                `json:"type"`
	Transform *transform            `json:"transform"`
	Arcs      [][][]float64         `json:"arcs"`
	Objects   map[string]collection `json:"objects"`
}

type transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

type collection struct {
	Type       string     `json:"type"`
	Geometries []geometry `json:"geometries"`
}

type geometry struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Arcs       json.RawMessage `json:"arcs"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
}

// point is a longitude/latitude pair in degrees, or a projected x/y pair.
type point struct{ X, Y float64 }

// feature is one country: its polygons as rings of arc indices, each index
// possibly one's complement for an arc walked backwards (TopoJSON's encoding).
type feature struct {
	ID, Name string
	Polygons [][][]int
}

// decodeTopology parses a TopoJSON document and returns the absolute
// coordinates of every arc and the features of the named object.
func decodeTopology(data []byte, object string) ([][]point, []feature, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, nil, err
	}
	if t.Type != "Topology" {
		return nil, nil, fmt.Errorf("type %q, want Topology", t.Type)
	}
	obj, ok := t.Objects[object]
	if !ok {
		return nil, nil, fmt.Errorf("no object %q", object)
	}
	arcs := make([][]point, len(t.Arcs))
	for i, a := range t.Arcs {
		arcs[i] = decodeArc(a, t.Transform)
	}
	var feats []feature
	for _, g := range obj.Geometries {
		f := feature{ID: g.ID, Name: g.Properties.Name}
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
			}
			f.Polygons = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &f.Polygons); err != nil {
				return nil, nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
			}
		default:
			continue // points and lines are not countries
		}
		for _, poly := range f.Polygons {
			for _, ring := range poly {
				for _, ai := range ring {
					if i := arcIndex(ai); i < 0 || i >= len(arcs) {
						return nil, nil, fmt.Errorf("%s: arc %d out of range", g.Properties.Name, ai)
					}
				}
			}
		}
		feats = append(feats, f)
	}
	return arcs, feats, nil
}

// decodeArc undoes the quantisation: with a transform, positions are
// delta-encoded integers on a grid.
func decodeArc(a [][]float64, tr *transform) []point {
	pts := make([]point, 0, len(a))
	var x, y float64
	for _, p := range a {
		if len(p) < 2 {
			continue
		}
		if tr == nil {
			pts = append(pts, point{p[0], p[1]})
			continue
		}
		x += p[0]
		y += p[1]
		pts = append(pts, point{x*tr.Scale[0] + tr.Translate[0], y*tr.Scale[1] + tr.Translate[1]})
	}
	return pts
}

// arcIndex resolves TopoJSON's one's-complement encoding of reversed arcs.
func arcIndex(i int) int {
	if i < 0 {
		return ^i
	}
	return i
}

// ring stitches the arcs of one ring into a closed list of points. Adjacent
// arcs share their end point, which is kept once. Each arc moves by a
// multiple of 360° of longitude to start where the previous one ended, so
// the ring's longitudes stay continuous across the antimeridian.
func ring(arcs [][]point, idx []int) []point {
	var out []point
	for _, ai := range idx {
		a := arcs[arcIndex(ai)]
		if len(a) == 0 {
			continue
		}
		first := a[0]
		if ai < 0 {
			first = a[len(a)-1]
		}
		shift := 0.0
		if len(out) > 0 {
			shift = 360 * math.Round((out[len(out)-1].X-first.X)/360)
		}
		for k := range a {
			p := a[k]
			if ai < 0 {
				p = a[len(a)-1-k]
			}
			if k == 0 && len(out) > 0 {
				continue
			}
			out = append(out, point{p.X + shift, p.Y})
		}
	}
	return out
}
