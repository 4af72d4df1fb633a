package digest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/attache/attache/generator/site"
)

// textWidth is where plain text wraps: mail clients and terminals show 72
// columns without reflowing.
const textWidth = 72

// text writes d as plain text, also the plain part of EML messages.
func (w *Writer) text(b *bytes.Buffer, d *site.Digest) {
	title := w.Subject(d)
	fmt.Fprintf(b, "%s\n%s\n\n", title, strings.Repeat("=", min(utf8.RuneCountInString(title), textWidth)))
	fmt.Fprintf(b, "%s\n%s %s\n", strings.ToUpper(w.s("at_a_glance")), w.briefings(d.Glance().Articles), w.change(d))
	for _, g := range []struct {
		label  string
		trends []site.Trend
	}{{w.s("most_covered_countries"), d.Glance().Countries}, {w.s("most_covered_organisations"), d.Glance().Organisations}} {
		if len(g.trends) == 0 {
			continue
		}
		parts := make([]string, len(g.trends))
		for i, t := range g.trends {
			parts[i] = fmt.Sprintf("%s %d (%s)", t.Entity.Label(), t.Count, t.Delta())
		}
		wrap(b, w.s("label", g.label)+" "+strings.Join(parts, ", "), "", "  ")
	}
	for _, sec := range d.Sections() {
		region := strings.ToUpper(w.tr.Region(sec.Region))
		fmt.Fprintf(b, "\n\n%s\n%s\n", region, strings.Repeat("-", utf8.RuneCountInString(region)))
		for _, g := range sec.Groups {
			if g.Country != nil {
				fmt.Fprintf(b, "\n%s\n", g.Country.Name)
			}
			for _, a := range g.Articles {
				b.WriteByte('\n')
				wrap(b, a.Parsed.Title, "* ", "  ")
				wrap(b, w.byline(a), "  ", "  ")
				if s := a.Summary(); s != "" {
					wrap(b, s, "  ", "  ")
				}
				fmt.Fprintf(b, "  %s\n", w.site.AbsURL(a.Path))
			}
			for _, x := range g.SeeAlso {
				b.WriteByte('\n')
				wrap(b, fmt.Sprintf("%s %s (%s) %s", w.s("see_also"), x.Article.Parsed.Title, w.s("under", x.Under.Name), w.site.AbsURL(x.Article.Path)), "  ", "  ")
			}
		}
	}
	b.WriteString("\n\n")
	if u := w.link(d.Prev); u != "" {
		fmt.Fprintln(b, w.s("digest_previous_line", w.title(d.Prev), u))
	}
	if u := w.link(d.Next); u != "" {
		fmt.Fprintln(b, w.s("digest_next_line", w.title(d.Next), u))
	}
	if u := w.link(d); u != "" {
		fmt.Fprintln(b, w.s("digest_on_site_line", u))
	}
	fmt.Fprintf(b, "-- \n%s %s\n", w.site.Config.Title, w.site.AbsURL("/"))
	if line := w.unsubscribeLine(); line != "" {
		wrap(b, line, "", "")
	}
}

// wrap writes s wrapped at textWidth, the first line after first and the
// others after rest. Words longer than a line, such as URLs, are not
// broken.
func wrap(b *bytes.Buffer, s, first, rest string) {
	line := first
	empty := true
	for _, word := range strings.Fields(s) {
		if !empty && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > textWidth {
			b.WriteString(line)
			b.WriteByte('\n')
			line, empty = rest, true
		}
		if !empty {
			line += " "
		}
		line += word
		empty = false
	}
	b.WriteString(line)
	b.WriteByte('\n')
}

// unsubscribeLine tells a reader how to stop the digest, the same in the
// plain text as in the HTML.
func (w *Writer) unsubscribeLine() string {
	var how []string
	if w.unsubscribeURL != "" {
		how = append(how, w.s("digest_unsubscribe_at", w.unsubscribeURL))
	}
	if w.unsubscribeEmail != "" {
		how = append(how, w.s("digest_write_to")+" "+w.unsubscribeEmail)
	}
	if len(how) == 0 {
		return ""
	}
	return w.s("digest_you_receive", w.site.Config.Title) + " " + strings.Join(how, " "+w.s("or")+" ") + "."
}
