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
	// Label names the bar, such as "2024-W30" or "Jul 2024".
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

func articles(n int) string {
	if n == 1 {
		return "1 article"
	}
	return strconv.Itoa(n) + " articles"
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
