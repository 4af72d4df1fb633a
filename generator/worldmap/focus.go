package worldmap

import (
	"fmt"
	"html/template"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// box is a rectangle in map units.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) empty() bool { return b.x1 < b.x0 }

var noBox = box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}

func (b *box) add(x, y float64) {
	b.x0, b.y0 = min(b.x0, x), min(b.y0, y)
	b.x1, b.y1 = max(b.x1, x), max(b.y1, y)
}

// bounds returns the box around the shapes of the countries named by
// codes; it is empty when the map has none of them.
func (m *Map) bounds(codes []string) box {
	b := noBox
	for _, code := range codes {
		if i, ok := m.index[strings.ToUpper(code)]; ok {
			pathBounds(m.shapes[i].d, &b)
		}
	}
	return b
}

// pathBounds adds the points of path data, as the generator writes it
// (M, m, L, l and Z with integer or decimal numbers), to b.
func pathBounds(d string, b *box) {
	var x, y, startX, startY float64
	cmd := byte('M')
	var nums []float64
	flush := func() {
		rel := cmd == 'm' || cmd == 'l'
		for i := 0; i+1 < len(nums); i += 2 {
			if rel {
				x, y = x+nums[i], y+nums[i+1]
			} else {
				x, y = nums[i], nums[i+1]
			}
			if i == 0 && (cmd == 'M' || cmd == 'm') {
				startX, startY = x, y
			}
			b.add(x, y)
		}
		nums = nums[:0]
	}
	for i := 0; i < len(d); {
		c := d[i]
		switch {
		case c == 'M' || c == 'm' || c == 'L' || c == 'l':
			flush()
			cmd = c
			i++
		case c == 'Z' || c == 'z':
			flush()
			x, y = startX, startY
			i++
		case c == ' ':
			i++
		default:
			j := i + 1
			for j < len(d) && (d[j] >= '0' && d[j] <= '9' || d[j] == '.') {
				j++
			}
			if v, err := strconv.ParseFloat(d[i:j], 64); err == nil {
				nums = append(nums, v)
			}
			i = j
		}
	}
	flush()
}

var (
	rootViewBox = regexp.MustCompile(`^(<svg[^>]*? viewBox=")0 0 (\d+) (\d+)(")`)
	legendGroup = regexp.MustCompile(`<g class="legend"`)
)

// Focus zooms a map drawn by SVG or SVGWith onto the countries named by
// codes, such as the countries of a region: the rest of the world stays
// around them for context, and the legend keeps its corner and size. The
// view keeps the map's proportions and at least a sixth of its width. A
// map without any of the countries, or markup SVG did not write, is
// returned as it was.
func (m *Map) Focus(svg template.HTML, codes []string) template.HTML {
	b := m.bounds(codes)
	loc := rootViewBox.FindStringSubmatchIndex(string(svg))
	if b.empty() || loc == nil {
		return svg
	}
	vw, vh := float64(m.viewW), float64(m.viewH)
	// A margin of a tenth around the countries, then the map's aspect.
	w, h := (b.x1-b.x0)*1.2, (b.y1-b.y0)*1.2
	w = max(w, h*vw/vh, vw/6)
	w = min(w, vw)
	h = w * vh / vw
	cx, cy := (b.x0+b.x1)/2, (b.y0+b.y1)/2
	x := min(max(cx-w/2, 0), vw-w)
	y := min(max(cy-h/2, 0), vh-h)
	scale := w / vw
	s := string(svg)
	out := s[:loc[2]] + fmt.Sprintf(`%s%s %s %s %s`, s[loc[2]:loc[3]], num(x), num(y), num(w), num(h)) + s[loc[8]:]
	// The legend is drawn for the whole map: shrink it with the view and
	// move it to the same corner of it.
	out = legendGroup.ReplaceAllLiteralString(out, fmt.Sprintf(`<g class="legend" transform="translate(%s %s) scale(%s)"`, num(x), num(y), strconv.FormatFloat(scale, 'f', 4, 64)))
	return template.HTML(out)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
