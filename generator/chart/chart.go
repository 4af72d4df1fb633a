// Package chart draws small server-rendered SVG charts for briefing pages:
// a coverage timeline of bars and a ranking of horizontal bars. The output
// is accessible (titled, with a text equivalent) and coloured only through
// CSS classes and currentColor, so it fits any theme.
package chart

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"
)

// Bar is one bar of a chart.
type Bar struct {
	// Label names the bar, such as "22–28 Jul 2024" or "Jul 2024".
	Label string
	Value int
	// Href, if set, makes the bar a link.
	Href string
	// last is the latest day counted in a Timeline bar.
	last time.Time
}

// esc escapes text for both HTML and XML: html/template's escaper writes
// numeric references, which XML parsers accept too.
func esc(s string) string { return template.HTMLEscapeString(s) }

// num formats a coordinate with at most two decimals.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// Words are the words a chart writes, so that it speaks its page's
// language. A nil function or empty format is English.
type Words struct {
	// Count writes a number of stories: "1 article", "3 articles".
	Count func(n int) string
	// Month names a monthly bar: "Jul 2024".
	Month func(t time.Time) string
	// Format is time.Format in the page's language (month names
	// replaced), used for the spans of days that name weekly bars:
	// "22–28 juil. 2024".
	Format func(layout string, t time.Time) string
	// In is the description of a one-bar chart, from the count's text and
	// the bar's label: "%[1]s in %[2]s".
	In string
	// FromTo describes a chart from the count's text and the first and
	// last labels: "%[1]s from %[2]s to %[3]s".
	FromTo string
	// Peak is the label above the highest bar, from its value and label:
	// "%[1]d in %[2]s"; PeakDesc adds it to the description: "; peak %[1]d
	// in %[2]s".
	Peak, PeakDesc string
}

func (w Words) count(n int) string {
	if w.Count != nil {
		return w.Count(n)
	}
	if n == 1 {
		return "1 article"
	}
	return strconv.Itoa(n) + " articles"
}

func (w Words) month(t time.Time) string {
	if w.Month != nil {
		return w.Month(t)
	}
	return w.date("Jan 2006", t)
}

func (w Words) date(layout string, t time.Time) string {
	if w.Format != nil {
		return w.Format(layout, t)
	}
	return t.Format(layout)
}

// week names the ISO week starting on monday by its span of days, short
// enough for a chart's axis: "10–16 Mar 2025", "28 Jul – 3 Aug 2025",
// "29 Dec 2025 – 4 Jan 2026". Readers know days and months; few know
// that 2025-W11 is the second week of March.
func (w Words) week(monday time.Time) string {
	sunday := monday.AddDate(0, 0, 6)
	switch {
	case monday.Year() != sunday.Year():
		return w.date("2 Jan 2006", monday) + " – " + w.date("2 Jan 2006", sunday)
	case monday.Month() != sunday.Month():
		return w.date("2 Jan", monday) + " – " + w.date("2 Jan 2006", sunday)
	}
	return w.date("2", monday) + "–" + w.date("2 Jan 2006", sunday)
}

func (w Words) format(f, english string, args ...any) string {
	if f == "" {
		f = english
	}
	return fmt.Sprintf(f, args...)
}

// hashID derives an element id from the content so that two charts on one
// page get distinct ids while output stays deterministic.
func hashID(kind, title string, bars []Bar) string {
	h := fnv.New32a()
	h.Write([]byte(kind + "\x00" + title))
	for _, b := range bars {
		fmt.Fprintf(h, "\x00%s\x00%s\x00%d", b.Label, b.Href, b.Value)
	}
	return kind + "-" + strconv.FormatUint(uint64(h.Sum32()), 36)
}

// openSVG writes the root element and its title and description. A chart
// whose bars are links is a group, because role="img" would hide the links
// from assistive technology.
func openSVG(b *strings.Builder, class, id string, w, h int, links bool, title, desc string) {
	role := "img"
	if links {
		role = "group"
	}
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart %s" viewBox="0 0 %d %d" role="%s" aria-labelledby="%s-t %s-d">`,
		class, w, h, role, id, id)
	fmt.Fprintf(b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(title), id, esc(desc))
}

func hasLinks(bars []Bar) bool {
	for _, b := range bars {
		if b.Href != "" {
			return true
		}
	}
	return false
}
