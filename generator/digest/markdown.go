package digest

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/attache/attache/generator/site"
)

// mdEscaper escapes the characters that could start Markdown syntax inside
// running text, so that a title such as "*Exclusive* [update]" stays text.
// Parentheses and "!" need no escape: they only mean something next to
// brackets, which are escaped.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	`#`, `\#`, `|`, `\|`, `&`, `\&`, `~`, `\~`, "\n", " ",
)

// md escapes s as text, wherever it stands: a summary starts a line of its
// item, where "- ", "+ ", "1. " or "===" would open a list or underline a
// heading.
func md(s string) string {
	s = mdEscaper.Replace(strings.TrimLeft(s, " \t"))
	if s == "" {
		return s
	}
	if strings.IndexByte("-+=", s[0]) >= 0 {
		return `\` + s
	}
	digits := 0
	for digits < len(s) && digits < 10 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits < len(s) && (s[digits] == '.' || s[digits] == ')') {
		return s[:digits] + `\` + s[digits:]
	}
	return s
}

// mdURL keeps a link destination in one piece.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u)
}

// markdown writes d as CommonMark with GitHub tables.
func (w *Writer) markdown(b *bytes.Buffer, d *site.Digest) {
	link := func(text, path string) string {
		return "[" + md(text) + "](" + mdURL(w.site.AbsURL(path)) + ")"
	}
	fmt.Fprintf(b, "# %s\n\n", md(w.title(d)))
	fmt.Fprintf(b, "[%s](%s) · %s %s\n", md(w.site.Config.Title), mdURL(w.site.AbsURL("/")),
		w.briefings(d.Glance().Articles), md(w.change(d)))
	fmt.Fprintf(b, "\n## %s\n", md(w.s("at_a_glance")))
	for _, g := range []struct {
		label  string
		trends []site.Trend
	}{{w.s("country"), d.Glance().Countries}, {w.s("organisation"), d.Glance().Organisations}} {
		if len(g.trends) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n| %s | %s | %s |\n| --- | ---: | ---: |\n", md(g.label), md(w.s("briefings")), md(w.s("change")))
		for _, t := range g.trends {
			fmt.Fprintf(b, "| %s | %d | %s |\n", link(t.Entity.Name, t.Entity.Path), t.Count, t.Delta())
		}
	}
	for _, sec := range d.Sections() {
		if path := w.regionPath(sec.Region); path != "" {
			fmt.Fprintf(b, "\n## %s\n", link(w.tr.Region(sec.Region), path))
		} else {
			fmt.Fprintf(b, "\n## %s\n", md(w.tr.Region(sec.Region)))
		}
		for _, g := range sec.Groups {
			if g.Country != nil {
				fmt.Fprintf(b, "\n### %s\n", link(g.Country.Name, g.Country.Path))
			}
			if len(g.Articles) > 0 {
				b.WriteByte('\n')
			}
			for _, a := range g.Articles {
				// Two trailing spaces make hard line breaks inside the item.
				fmt.Fprintf(b, "- **%s**  \n  %s", link(a.Parsed.Title, a.Path), md(w.byline(a)))
				if s := a.Summary(); s != "" {
					fmt.Fprintf(b, "  \n  %s", md(s))
				}
				b.WriteByte('\n')
			}
			if len(g.SeeAlso) > 0 {
				refs := make([]string, len(g.SeeAlso))
				for i, x := range g.SeeAlso {
					refs[i] = fmt.Sprintf("%s (%s)", link(x.Article.Parsed.Title, x.Article.Path), md(w.s("under", x.Under.Name)))
				}
				fmt.Fprintf(b, "\n%s %s\n", md(w.s("see_also")), strings.Join(refs, "; "))
			}
		}
	}
	var nav []string
	if d.Prev != nil && d.Prev.Path != "" {
		nav = append(nav, "← "+link(w.title(d.Prev), d.Prev.Path))
	}
	if d.Next != nil && d.Next.Path != "" {
		nav = append(nav, link(w.title(d.Next), d.Next.Path)+" →")
	}
	if d.Path != "" {
		nav = append(nav, link(w.s("digest_read_on_site"), d.Path))
	}
	if len(nav) > 0 {
		fmt.Fprintf(b, "\n---\n\n%s\n", strings.Join(nav, " · "))
	}
}
