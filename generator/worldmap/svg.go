package worldmap

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"sort"
	"strconv"
	"strings"
)

// SVG renders the map as an inline SVG element for an HTML page. Countries
// in regions are shaded by Count on a logarithmic scale of five shades
// relative to the largest count (classes q1..q5; q0 is no coverage) and, when
// they have an Href, wrapped in a link whose title gives the name and count.
// A legend with the count range of each shade sits in the empty South
// Pacific. The root carries role="group" and is labelled by a <title> (the
// title argument) and a <desc> summarising the coverage in words, so the map
// makes sense without sight of it; the list of countries beside the map is
// the page's job.
//
// Colours come only from CSS classes (see CSS). If a code appears more than
// once in regions, the first wins; codes the map has no shape for count only
// towards the summary.
func (m *Map) SVG(title string, regions []Region) template.HTML {
	return m.SVGWith(Words{}, title, regions)
}

// Words are the words a map writes, so that it speaks its page's language.
// A nil function or empty string is English.
type Words struct {
	// Count writes a number of stories: "1 article", "3 articles".
	Count func(n int) string
	// Legend heads the shade scale: "Articles"; Zero labels its shade for
	// no coverage: "none".
	Legend, Zero string
	// None describes a map without coverage: "No country has coverage.".
	None string
	// CoveredOne and Covered start the description, before the five most
	// covered countries, for one country and for more (with %d):
	// "1 country has coverage: ", "%d countries have coverage; most: ".
	CoveredOne, Covered string
}

func (w Words) count(n int) string {
	if w.Count != nil {
		return w.Count(n)
	}
	return articles(n)
}

func or(s, english string) string {
	if s == "" {
		return english
	}
	return s
}

// SVGWith is SVG written with w's words.
func (m *Map) SVGWith(w Words, title string, regions []Region) template.HTML {
	listed, top := m.regions(regions)
	byCode := make(map[string]Region, len(listed))
	for _, r := range listed {
		byCode[r.Code] = r
	}
	sc := newScale(top)
	id := "wm-" + hashID(title, listed)

	var b strings.Builder
	b.Grow(len(shapesTxt) + 200*len(listed) + 1024)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="worldmap" viewBox="0 0 %d %d" role="group" aria-labelledby="%s-t" aria-describedby="%s-d">`,
		m.viewW, m.viewH, id, id)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(title), id, esc(w.summary(listed)))
	b.WriteString(`<g fill-rule="evenodd">`)
	for _, s := range m.shapes {
		r, ok := byCode[s.code]
		if !ok {
			fmt.Fprintf(&b, `<path class="c q0" d="%s"/>`, s.d)
			continue
		}
		tip := esc(r.Name + ": " + w.count(r.Count))
		q := sc.shade(r.Count)
		if r.Href != "" {
			fmt.Fprintf(&b, `<a href="%s"><title>%s</title><path class="c q%d" d="%s"/></a>`, esc(r.Href), tip, q, s.d)
		} else {
			fmt.Fprintf(&b, `<path class="c q%d" d="%s"><title>%s</title></path>`, q, s.d, tip)
		}
	}
	b.WriteString(`</g>`)
	writeLegend(&b, w, sc, m.viewH)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// regions returns the regions with upper-case codes and names filled in,
// the first of each code only, and the largest count.
func (m *Map) regions(regions []Region) ([]Region, int) {
	seen := make(map[string]bool, len(regions))
	var listed []Region
	top := 0
	for _, r := range regions {
		r.Code = strings.ToUpper(r.Code)
		if seen[r.Code] {
			continue
		}
		seen[r.Code] = true
		if r.Name == "" {
			r.Name = m.Name(r.Code)
		}
		if r.Name == "" {
			r.Name = r.Code
		}
		listed = append(listed, r)
		top = max(top, r.Count)
	}
	return listed, top
}

// KeyWith is the map's legend as HTML, to place after the map: the SVG
// legend's text shrinks with the map, to 5 px on a phone, where this one
// keeps the page's text size. CSS shows one of the two (see CSS): the
// key on narrow screens, the legend inside the map on wide ones. Each
// swatch carries the shade's class (q0 … q5) for the theme to colour.
func (m *Map) KeyWith(w Words, regions []Region) template.HTML {
	_, top := m.regions(regions)
	var b strings.Builder
	fmt.Fprintf(&b, `<p class="map-key"><span class="map-key-title">%s</span>`, esc(or(w.Legend, "Articles")))
	for i, e := range newScale(top).legend() {
		label := e.label
		if i == 0 {
			label = or(w.Zero, label)
		}
		fmt.Fprintf(&b, ` <span class="map-key-item"><span class="map-swatch q%d"></span> %s</span>`, e.shade, esc(label))
	}
	b.WriteString(`</p>`)
	return template.HTML(b.String())
}

// Legend geometry in map units; the map is about 1000 units wide.
const (
	legendX    = 8
	legendRow  = 22
	legendBox  = 16
	legendFont = 16
)

// writeLegend draws the shade scale bottom-left, where the Equal Earth map
// has open ocean west of South America.
func writeLegend(b *strings.Builder, w Words, sc scale, viewH int) {
	entries := sc.legend()
	entries[0].label = or(w.Zero, entries[0].label)
	y := viewH - legendRow*(len(entries)+1)
	fmt.Fprintf(b, `<g class="legend" font-size="%d">`, legendFont)
	fmt.Fprintf(b, `<text x="%d" y="%d">%s</text>`, legendX, y+legendBox-2, esc(or(w.Legend, "Articles")))
	for i, e := range entries {
		ry := y + legendRow*(i+1)
		fmt.Fprintf(b, `<rect class="c q%d" x="%d" y="%d" width="%d" height="%d"/>`, e.shade, legendX, ry, legendBox*2, legendBox)
		fmt.Fprintf(b, `<text x="%d" y="%d">%s</text>`, legendX+legendBox*2+6, ry+legendBox-2, esc(e.label))
	}
	b.WriteString(`</g>`)
}

// summary is the text equivalent of the map.
func (w Words) summary(regions []Region) string {
	var covered []Region
	for _, r := range regions {
		if r.Count > 0 {
			covered = append(covered, r)
		}
	}
	if len(covered) == 0 {
		return or(w.None, "No country has coverage.")
	}
	sort.SliceStable(covered, func(i, j int) bool { return covered[i].Count > covered[j].Count })
	var s strings.Builder
	if len(covered) == 1 {
		s.WriteString(or(w.CoveredOne, "1 country has coverage: "))
	} else {
		fmt.Fprintf(&s, or(w.Covered, "%d countries have coverage; most: "), len(covered))
	}
	for i, r := range covered[:min(5, len(covered))] {
		if i > 0 {
			s.WriteString(", ")
		}
		fmt.Fprintf(&s, "%s (%s)", r.Name, w.count(r.Count))
	}
	s.WriteString(".")
	return s.String()
}

func articles(n int) string {
	if n == 1 {
		return "1 article"
	}
	return strconv.Itoa(n) + " articles"
}

// esc escapes text for both HTML and XML: html/template's escaper writes
// numeric references, which XML parsers accept too.
func esc(s string) string { return template.HTMLEscapeString(s) }

// hashID derives an element id from the content so that two maps on one page
// get distinct ids while output stays deterministic.
func hashID(title string, regions []Region) string {
	h := fnv.New32a()
	h.Write([]byte(title))
	for _, r := range regions {
		fmt.Fprintf(h, "\x00%s\x00%s\x00%d", r.Code, r.Href, r.Count)
	}
	return strconv.FormatUint(uint64(h.Sum32()), 36)
}
