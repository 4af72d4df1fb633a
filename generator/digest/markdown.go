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
	`#`, `\#`, `|`, `\|`, `&`, `\&`, "\n", " ",
)

func md(s string) string { return mdEscaper.Replace(s) }

// mdURL keeps a link destination in one piece.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u)
}

// markdown writes d as CommonMark with GitHub tables.
func (w *Writer) markdown(b *bytes.Buffer, d *site.Digest) {
	link := func(text, path string) string {
		return "[" + md(text) + "](" + mdURL(w.site.AbsURL(path)) + ")"
	}
	fmt.Fprintf(b, "# %s\n\n", md(d.Title()))
	fmt.Fprintf(b, "[%s](%s) · %s (%s on the %s before)\n", md(w.site.Config.Title), mdURL(w.site.AbsURL("/")),
		briefings(d.Glance.Articles), d.Glance.Delta(), d.Period.Kind)
	b.WriteString("\n## At a glance\n")
	for _, g := range []struct {
		label  string
		trends []site.Trend
	}{{"Country", d.Glance.Countries}, {"Organisation", d.Glance.Organisations}} {
		if len(g.trends) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n| %s | Briefings | Change |\n| --- | ---: | ---: |\n", g.label)
		for _, t := range g.trends {
			fmt.Fprintf(b, "| %s | %d | %s |\n", link(t.Name, t.Path), t.Count, t.Delta())
		}
	}
	for _, sec := range d.Sections {
		fmt.Fprintf(b, "\n## %s\n", md(sec.Region))
		for _, g := range sec.Groups {
			if g.Country != nil {
				fmt.Fprintf(b, "\n### %s\n", link(g.Country.Name, g.Country.Path))
			}
			if len(g.Articles) > 0 {
				b.WriteByte('\n')
			}
			for _, a := range g.Articles {
				// Two trailing spaces make hard line breaks inside the item.
				fmt.Fprintf(b, "- **%s**  \n  %s", link(a.Title, a.Path), md(byline(a)))
				if s := a.Summary(); s != "" {
					fmt.Fprintf(b, "  \n  %s", md(s))
				}
				b.WriteByte('\n')
			}
			if len(g.SeeAlso) > 0 {
				refs := make([]string, len(g.SeeAlso))
				for i, x := range g.SeeAlso {
					refs[i] = fmt.Sprintf("%s (under %s)", link(x.Article.Title, x.Article.Path), md(x.Under.Name))
				}
				fmt.Fprintf(b, "\nSee also: %s\n", strings.Join(refs, "; "))
			}
		}
	}
	var nav []string
	if d.Prev != nil && d.Prev.Path != "" {
		nav = append(nav, "← "+link(d.Prev.Period.Title(), d.Prev.Path))
	}
	if d.Next != nil && d.Next.Path != "" {
		nav = append(nav, link(d.Next.Period.Title(), d.Next.Path)+" →")
	}
	if d.Path != "" {
		nav = append(nav, link("Read this digest on the site", d.Path))
	}
	if len(nav) > 0 {
		fmt.Fprintf(b, "\n---\n\n%s\n", strings.Join(nav, " · "))
	}
}
