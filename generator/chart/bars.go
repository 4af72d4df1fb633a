package chart

import (
	"fmt"
	"html/template"
	"strings"
)

// Geometry of Bars in SVG units. The chart is drawn about as wide as a
// phone shows it (a 360 px screen leaves it 300 px or so), so that its text
// is at least 12 px there; wider screens only scale it up.
const (
	barsW    = 300
	barsH    = 140
	barsTop  = 20 // room for the peak label
	barsBase = 116
	barsFont = 13
	barsGap  = 0.2 // share of each slot left empty between bars
)

// Bars renders a vertical bar chart, typically a coverage timeline from
// Timeline. The root is labelled by a <title> (the title argument) and a
// <desc> with the text equivalent, such as "12 articles from Jan 2024 to
// Jul 2024; peak 5 in Mar 2024"; each bar has a <title> with its label and
// value. The first and last labels sit under the axis and the peak's value
// above its bar. Bars with an Href are links. Empty input returns "".
func Bars(title string, bars []Bar) template.HTML { return Words{}.Bars(title, bars) }

// Bars is Bars written with w's words.
func (w Words) Bars(title string, bars []Bar) template.HTML {
	if len(bars) == 0 {
		return ""
	}
	total, peak := 0, 0
	for i, b := range bars {
		total += b.Value
		if b.Value > bars[peak].Value {
			peak = i
		}
	}
	top := bars[peak].Value
	id := hashID("bars", title, bars)

	var b strings.Builder
	openSVG(&b, "bars", id, barsW, barsH, hasLinks(bars), title, w.barsDesc(bars, total, peak))
	fmt.Fprintf(&b, `<g font-size="%d">`, barsFont)
	slot := float64(barsW) / float64(len(bars))
	gap := slot * barsGap
	if slot < 3 {
		gap = 0 // thin bars would vanish into their gaps
	}
	for i, bar := range bars {
		h := 0.0
		if top > 0 {
			h = float64(bar.Value) / float64(top) * (barsBase - barsTop)
		}
		x := float64(i)*slot + gap/2
		rect := fmt.Sprintf(`<rect class="bar" x="%s" y="%s" width="%s" height="%s"/>`,
			num(x), num(barsBase-h), num(slot-gap), num(h))
		tip := esc(bar.Label + ": " + w.count(bar.Value))
		if bar.Href != "" {
			fmt.Fprintf(&b, `<a href="%s"><title>%s</title>%s</a>`, esc(bar.Href), tip, rect)
		} else {
			fmt.Fprintf(&b, `<g><title>%s</title>%s</g>`, tip, rect)
		}
	}
	fmt.Fprintf(&b, `<line class="axis" x1="0" y1="%d" x2="%d" y2="%d"/>`, barsBase, barsW, barsBase)
	labelY := barsBase + barsFont + 4
	if len(bars) == 1 {
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`, barsW/2, labelY, esc(bars[0].Label))
	} else {
		fmt.Fprintf(&b, `<text x="0" y="%d">%s</text>`, labelY, esc(bars[0].Label))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, barsW, labelY, esc(bars[len(bars)-1].Label))
	}
	if top > 0 {
		// Anchor the peak label towards the middle so it never leaves the
		// view box at either edge.
		cx := (float64(peak) + 0.5) * slot
		anchor := "middle"
		switch {
		case cx < barsW/4:
			anchor, cx = "start", float64(peak)*slot+gap/2
		case cx > barsW*3/4:
			anchor, cx = "end", float64(peak+1)*slot-gap/2
		}
		fmt.Fprintf(&b, `<text class="peak" x="%s" y="%d" text-anchor="%s">%s</text>`,
			num(cx), barsTop-4, anchor, esc(w.format(w.Peak, "%[1]d in %[2]s", top, bars[peak].Label)))
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}

// barsDesc is the text equivalent of a bar chart.
func (w Words) barsDesc(bars []Bar, total, peak int) string {
	first, last := bars[0].Label, bars[len(bars)-1].Label
	var s string
	if len(bars) == 1 {
		s = w.format(w.In, "%[1]s in %[2]s", w.count(total), first)
	} else {
		s = w.format(w.FromTo, "%[1]s from %[2]s to %[3]s", w.count(total), first, last)
	}
	if total > 0 && len(bars) > 1 {
		s += w.format(w.PeakDesc, "; peak %[1]d in %[2]s", bars[peak].Value, bars[peak].Label)
	}
	return s
}
