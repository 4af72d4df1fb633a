package worldmap

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestFocus zooms onto a region's countries: the view holds them, keeps
// the map's proportions, and the legend follows the view.
func TestFocus(t *testing.T) {
	m := Default()
	viewBox := regexp.MustCompile(`^<svg[^>]*? viewBox="([-\d. ]+)"`)
	tests := []struct {
		name  string
		codes []string
		// zoomed says whether the view changes.
		zoomed bool
	}{
		{"one country", []string{"KE"}, true},
		{"a region", []string{"KE", "UG", "TZ", "RW", "BI", "ET", "SO"}, true},
		{"lower-case codes", []string{"ke"}, true},
		{"no shape on the map", []string{"SG", "ZZ"}, false},
		{"none", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			full := m.SVG("Coverage", []Region{{Code: "KE", Count: 3}, {Code: "UG", Count: 1}})
			got := m.Focus(full, tt.codes)
			if !tt.zoomed {
				if got != full {
					t.Error("the map changed")
				}
				return
			}
			f := strings.Fields(viewBox.FindStringSubmatch(string(got))[1])
			var v [4]float64
			for i := range v {
				v[i], _ = strconv.ParseFloat(f[i], 64)
			}
			b := m.bounds(tt.codes)
			if v[0] > b.x0 || v[1] > b.y0 || v[0]+v[2] < b.x1 || v[1]+v[3] < b.y1 {
				t.Errorf("view %v does not hold the countries %+v", v, b)
			}
			if v[0] < 0 || v[1] < 0 || v[0]+v[2] > float64(m.viewW)+0.1 || v[1]+v[3] > float64(m.viewH)+0.1 || v[2] >= float64(m.viewW) {
				t.Errorf("view %v: want a part of the map, 0 0 %d %d", v, m.viewW, m.viewH)
			}
			if r := v[2] / v[3]; r < float64(m.viewW)/float64(m.viewH)-0.01 || r > float64(m.viewW)/float64(m.viewH)+0.01 {
				t.Errorf("view %v changes the map's proportions", v)
			}
			if !strings.Contains(string(got), `<g class="legend" transform="translate(`+f[0]+" "+f[1]+`) scale(`) {
				t.Error("the legend does not follow the view")
			}
			if strings.Count(string(got), "<path") != strings.Count(string(full), "<path") {
				t.Error("countries went missing")
			}
		})
	}
}

// TestPathBounds reads absolute and relative path data.
func TestPathBounds(t *testing.T) {
	b := noBox
	pathBounds("M10 20l5-5 -10 0zm20 0l1 1.5z", &b)
	if b != (box{5, 15, 31, 21.5}) {
		t.Errorf("bounds %+v", b)
	}
}
