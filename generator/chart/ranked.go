package chart

import (
	"fmt"
	"html/template"
	"strings"
)

// Geometry of Ranked in SVG units, drawn about as wide as a phone shows it
// (see Bars) so that its text is at least 12 px there.
const (
	rankedW      = 300
	rankedRow    = 22
	rankedBar    = 14
	rankedLabelW = 140 // labels are right-aligned at this x
	rankedValueW = 32  // room after the longest bar for its value
	rankedFont   = 13
	rankedChars  = 19 // longer labels are cut with an ellipsis
)

// Ranked renders horizontal bars in the given order with the label before
// each bar and the value after it, such as the countries most often
// mentioned with this one. The <desc> lists every label and value; labels
// cut for space keep their full text in the bar's <title>. Bars with an
// Href are links. Empty input returns "".
func Ranked(title string, bars []Bar) template.HTML {
	if len(bars) == 0 {
		return ""
	}
	top := 0
	for _, b := range bars {
		top = max(top, b.Value)
	}
	id := hashID("ranked", title, bars)
	var b strings.Builder
	openSVG(&b, "ranked", id, rankedW, rankedRow*len(bars)+4, hasLinks(bars), title, rankedDesc(bars))
	fmt.Fprintf(&b, `<g font-size="%d">`, rankedFont)
	span := float64(rankedW - rankedLabelW - 8 - rankedValueW)
	for i, bar := range bars {
		y := i*rankedRow + 2
		w := 0.0
		if top > 0 {
			w = float64(bar.Value) / float64(top) * span
		}
		base := (rankedRow+rankedBar)/2 + y - 2
		row := fmt.Sprintf(`<text x="%d" y="%d" text-anchor="end">%s</text>`+
			`<rect class="bar" x="%d" y="%d" width="%s" height="%d"/>`+
			`<text class="value" x="%s" y="%d">%d</text>`,
			rankedLabelW, base, esc(cut(bar.Label, rankedChars)),
			rankedLabelW+8, y+(rankedRow-rankedBar)/2, num(w), rankedBar,
			num(rankedLabelW+8+w+4), base, bar.Value)
		tip := esc(fmt.Sprintf("%s: %d", bar.Label, bar.Value))
		if bar.Href != "" {
			fmt.Fprintf(&b, `<a href="%s"><title>%s</title>%s</a>`, esc(bar.Href), tip, row)
		} else {
			fmt.Fprintf(&b, `<g><title>%s</title>%s</g>`, tip, row)
		}
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}

func rankedDesc(bars []Bar) string {
	parts := make([]string, len(bars))
	for i, b := range bars {
		parts[i] = fmt.Sprintf("%s %d", b.Label, b.Value)
	}
	return strings.Join(parts, ", ") + "."
}

// cut shortens s to at most n characters, ending with an ellipsis if cut.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
