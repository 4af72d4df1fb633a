// Package worldmap draws a world map as inline SVG, each country shaded by
// how much coverage it has and linked to its page.
//
// The country outlines are embedded: shapes.txt is generated from Natural
// Earth by the program in gen/ and read once.
package worldmap

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:generate go run ./gen -atlas ${NPM}/world-atlas/countries-50m.json -codes ${NPM}/i18n-iso-countries/codes.json -out shapes.txt -width 1000 -tol 0.5 -minarea 2

//go:embed shapes.txt
var shapesTxt []byte

// Map is a set of country outlines in one projection. A Map is immutable and
// safe for concurrent use.
type Map struct {
	viewW, viewH int
	shapes       []shape
	index        map[string]int
}

// shape is one country's outline.
type shape struct {
	code, name, d string
}

// defaultMap parses the embedded shapes once; the data never changes, so
// sharing the result is safe.
var defaultMap = sync.OnceValue(func() *Map {
	m, err := parse("shapes.txt", shapesTxt)
	if err != nil {
		panic(err) // the embedded file is generated and tested
	}
	return m
})

// Default returns the map of the embedded Natural Earth outlines.
func Default() *Map { return defaultMap() }

// Has reports whether the ISO 3166-1 alpha-2 code (or XK for Kosovo) has a
// shape on the map. Small states that the map's scale cannot show have none.
func (m *Map) Has(code string) bool {
	_, ok := m.index[strings.ToUpper(code)]
	return ok
}

// Name returns the short name the source data gives the country, such as
// "Dem. Rep. Congo", or "" if the map has no shape for the code.
func (m *Map) Name(code string) string {
	if i, ok := m.index[strings.ToUpper(code)]; ok {
		return m.shapes[i].name
	}
	return ""
}

// parse reads the shape file format: "#" comment lines, one
// "viewBox<TAB>0 0 W H" line, then "CODE<TAB>Name<TAB>path data" lines.
func parse(name string, data []byte) (*Map, error) {
	m := &Map{index: map[string]int{}}
	seenBox := false
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if f[0] == "viewBox" {
			if len(f) != 2 {
				return nil, fmt.Errorf("%s:%d: viewBox line needs 2 fields", name, n+1)
			}
			var x, y int
			if _, err := fmt.Sscanf(f[1], "%d %d %d %d", &x, &y, &m.viewW, &m.viewH); err != nil || x != 0 || y != 0 || m.viewW <= 0 || m.viewH <= 0 {
				return nil, fmt.Errorf("%s:%d: bad viewBox %q", name, n+1, f[1])
			}
			seenBox = true
			continue
		}
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: want CODE, name and path separated by tabs", name, n+1)
		}
		code, d := f[0], f[2]
		if !validCode(code) {
			return nil, fmt.Errorf("%s:%d: bad country code %q", name, n+1, code)
		}
		if !validName(f[1]) {
			return nil, fmt.Errorf("%s:%d: name of %s is not valid UTF-8 text", name, n+1, code)
		}
		if _, dup := m.index[code]; dup {
			return nil, fmt.Errorf("%s:%d: duplicate country %s", name, n+1, code)
		}
		if !validPath(d) {
			return nil, fmt.Errorf("%s:%d: bad path data for %s", name, n+1, code)
		}
		m.index[code] = len(m.shapes)
		m.shapes = append(m.shapes, shape{code: code, name: f[1], d: d})
	}
	if !seenBox {
		return nil, fmt.Errorf("%s: no viewBox line", name)
	}
	return m, nil
}

func validCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// validName accepts names that can appear in XML: valid UTF-8 without
// control characters, which no XML 1.0 document may hold.
func validName(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == 0xfffe || r == 0xffff {
			return false
		}
	}
	return true
}

// validPath accepts the characters the generator writes, so path data can be
// copied into an attribute without escaping.
func validPath(d string) bool {
	if d == "" || (d[0] != 'M' && d[0] != 'm') {
		return false
	}
	for _, c := range d {
		if !strings.ContainsRune("0123456789 -.MmLlZz", c) {
			return false
		}
	}
	return true
}
