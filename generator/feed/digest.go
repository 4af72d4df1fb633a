package feed

import (
	"bytes"

	"github.com/attache/attache/generator/internal/htmlesc"

	"github.com/attache/attache/generator/site"
)

// digestWords are the words a digest's entry says, in the site's
// language: "See also:", "under NAME" and the regions' names.
type digestWords struct {
	seeAlso       string
	under, region func(string) string
}

// writeDigest lists a digest's articles in a feed entry: a heading per
// region and country, each country's articles, and its "See also" line.
// It writes in Go what a template did, escaping as html/template escapes
// (package htmlesc, TestDigestMatchesTemplate): the digest feed changes with every new
// story and lists many articles, and reflection was most of its cost.
func writeDigest(b *bytes.Buffer, d *site.Digest, url func(string) string, words digestWords) {
	for _, sec := range d.Sections() {
		b.WriteString("<h2>")
		htmlesc.Write(b, words.region(sec.Region))
		b.WriteString("</h2>\n")
		for _, g := range sec.Groups {
			if g.Country != nil {
				b.WriteString("<h3>")
				htmlesc.Write(b, g.Country.Name)
				b.WriteString("</h3>\n")
			}
			if len(g.Articles) > 0 {
				b.WriteString("<ul>\n")
				for _, a := range g.Articles {
					b.WriteString(`<li><a href="`)
					htmlesc.Write(b, htmlesc.URL(url(a.Path)))
					b.WriteString(`">`)
					htmlesc.Write(b, a.Parsed.Title)
					b.WriteString("</a>")
					if sum := a.Summary(); sum != "" {
						b.WriteString(": ")
						htmlesc.Write(b, sum)
					}
					b.WriteString("</li>\n")
				}
				b.WriteString("</ul>\n")
			}
			if len(g.SeeAlso) > 0 {
				b.WriteString("<p>")
				htmlesc.Write(b, words.seeAlso)
				b.WriteString(" ")
				for i, x := range g.SeeAlso {
					if i > 0 {
						b.WriteString("; ")
					}
					b.WriteString(`<a href="`)
					htmlesc.Write(b, htmlesc.URL(url(x.Article.Path)))
					b.WriteString(`">`)
					htmlesc.Write(b, x.Article.Parsed.Title)
					b.WriteString("</a> (")
					htmlesc.Write(b, words.under(x.Under.Name))
					b.WriteString(")")
				}
				b.WriteString("</p>\n")
			}
		}
	}
}
