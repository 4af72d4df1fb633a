package main

import (
	"math"
	"strings"
	"testing"
)

func TestEqualEarth(t *testing.T) {
	// Reference values from d3-geo's geoEqualEarth with scale 1.
	tests := []struct{ lon, lat, x, y float64 }{
		{0, 0, 0, 0},
		{180, 0, 2.7064, 0},
		{0, 90, 0, 1.3173},
	}
	for _, tt := range tests {
		p := equalEarth(tt.lon, tt.lat)
		if math.Abs(p.X-tt.x) > 1e-3 || math.Abs(p.Y-tt.y) > 1e-3 {
			t.Errorf("equalEarth(%v, %v) = %.4f, %.4f, want %.4f, %.4f", tt.lon, tt.lat, p.X, p.Y, tt.x, tt.y)
		}
	}
	// Symmetric about both axes, and parallels shorten towards the poles.
	a, b := equalEarth(-120, -45), equalEarth(120, 45)
	if a.X != -b.X || a.Y != -b.Y {
		t.Errorf("not symmetric: %v, %v", a, b)
	}
	if equalEarth(180, 60).X >= equalEarth(180, 30).X {
		t.Error("the 60th parallel is not shorter than the 30th")
	}
}

func TestDecodeTopology(t *testing.T) {
	const doc = `{"type":"Topology","transform":{"scale":[1,2],"translate":[10,20]},
	"arcs":[[[0,0],[1,0],[0,1]],[[1,1],[-1,0],[0,-1]]],
	"objects":{"countries":{"type":"GeometryCollection","geometries":[
	{"type":"Polygon","arcs":[[0,1]],"id":"250","properties":{"name":"A"}},
	{"type":"Point","coordinates":[0,0]},
	{"type":"MultiPolygon","arcs":[[[1]],[[0]]],"properties":{"name":"Kosovo"}}]}}}`
	arcs, feats, err := decodeTopology([]byte(doc), "countries")
	if err != nil {
		t.Fatal(err)
	}
	// Delta-decoded, then scaled and translated.
	if got := arcs[0]; len(got) != 3 || got[1] != (point{11, 20}) || got[2] != (point{11, 22}) {
		t.Errorf("arc 0 = %v", got)
	}
	if len(feats) != 2 || feats[0].ID != "250" || feats[1].Name != "Kosovo" || len(feats[1].Polygons) != 2 {
		t.Fatalf("features = %+v", feats)
	}
	// The shared end point of adjacent arcs appears once; ^i is arc i
	// walked backwards.
	for _, tt := range []struct {
		idx  []int
		want []point
	}{
		{feats[0].Polygons[0][0], []point{{10, 20}, {11, 20}, {11, 22}, {10, 22}, {10, 20}}},
		{[]int{^1, ^0}, []point{{10, 20}, {10, 22}, {11, 22}, {11, 20}, {10, 20}}},
	} {
		r := ring(arcs, tt.idx)
		if len(r) != len(tt.want) {
			t.Fatalf("ring(%v) = %v, want %v", tt.idx, r, tt.want)
		}
		for i := range r {
			if r[i] != tt.want[i] {
				t.Errorf("ring(%v)[%d] = %v, want %v", tt.idx, i, r[i], tt.want[i])
			}
		}
	}
	if _, _, err := decodeTopology([]byte(`{"type":"Topology","arcs":[],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[5]]}]}}}`), "countries"); err == nil {
		t.Error("arc index out of range accepted")
	}
}

func FuzzDecodeTopology(f *testing.F) {
	f.Add([]byte(`{"type":"Topology","arcs":[[[0,0],[1,0],[0,1]]],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[0]],"id":"250"}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		arcs, feats, err := decodeTopology(data, "countries")
		if err != nil {
			return
		}
		for _, f := range feats {
			for _, p := range f.Polygons {
				for _, r := range p {
					split(ring(arcs, r))
				}
			}
		}
	})
}

func TestSplitAtAntimeridian(t *testing.T) {
	// A square from 170°E to 170°W, as Natural Earth draws Chukotka.
	r := []point{{170, 60}, {-170, 60}, {-170, 70}, {170, 70}}
	unwrap(r)
	if r[1].X != 190 {
		t.Fatalf("unwrap: %v", r)
	}
	pieces := split(r)
	if len(pieces) != 2 {
		t.Fatalf("split into %d pieces, want 2: %v", len(pieces), pieces)
	}
	for _, p := range pieces {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, q := range p {
			lo, hi = math.Min(lo, q.X), math.Max(hi, q.X)
		}
		if hi-lo > 10+1e-9 || lo < -180 || hi > 180 {
			t.Errorf("piece spans %v..%v: %v", lo, hi, p)
		}
	}
	if got := split([]point{{0, 0}, {1, 0}, {1, 1}}); len(got) != 1 || len(got[0]) != 3 {
		t.Errorf("ring within range changed: %v", got)
	}
}

func TestSimplifyKeepsEnds(t *testing.T) {
	simplify := func(pts []point, tol float64) []point {
		return simplifyBy(pts, func(p point) point { return p }, tol)
	}
	noise := []point{{0, 0}, {1, 0.1}, {2, -0.1}, {3, 0.2}, {4, 0}}
	if got := simplify(noise, 0.5); len(got) != 2 || got[0] != noise[0] || got[1] != noise[4] {
		t.Errorf("simplify(noise) = %v, want the ends", got)
	}
	spike := []point{{0, 0}, {1, 1.6}, {2, 3}, {3, 1.4}, {4, 0}}
	if got := simplify(spike, 0.5); len(got) != 3 || got[1] != spike[2] {
		t.Errorf("simplify(spike) = %v, want the ends and the spike", got)
	}
}

func TestPathData(t *testing.T) {
	rings := [][][2]int{{{10, 10}, {13, 8}, {15, 12}}, {{20, 20}, {21, 20}, {21, 21}}}
	got := pathData(rings, 10, 5)
	const want = "M0 5l3-2 2 4zm10 10l1 0 0 1z"
	if got != want {
		t.Errorf("pathData = %q, want %q", got, want)
	}
}

func TestBuild(t *testing.T) {
	arcs := [][]point{
		{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
		{{-100, -80}, {-90, -80}, {-90, -70}, {-100, -80}},
		{{30, 0}, {31, 0}, {31, 1}, {30, 0}},
	}
	feats := []feature{
		{ID: "250", Name: "France", Polygons: [][][]int{{{0}}}},
		{ID: "010", Name: "Antarctica", Polygons: [][][]int{{{1}}}},
		{ID: "", Name: "Nowhere", Polygons: [][][]int{{{2}}}},
	}
	var warn strings.Builder
	shapes, _, err := build(arcs, feats, map[string]string{"250": "FR", "010": "AQ"}, options{width: 1000, tol: 0.5, minArea: 2}, &warn)
	if err != nil {
		t.Fatal(err)
	}
	if len(shapes) != 1 || shapes[0].Code != "FR" {
		t.Errorf("shapes = %+v, want France only (Antarctica dropped, no code skipped)", shapes)
	}
	if !strings.Contains(warn.String(), `skip "Nowhere"`) {
		t.Errorf("warnings = %q", warn.String())
	}
}
