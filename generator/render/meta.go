package render

import (
	"encoding/json"
	"html/template"
	"strings"
	"time"

	"github.com/attache/attache/generator/internal/htmlesc"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// headMeta returns the elements every page carries in its head for search
// engines, link previews and feed readers: canonical link, Open Graph and
// Twitter cards, feed autodiscovery and, on article pages, schema.org
// NewsArticle data.
//
// It is Go rather than a template because it is the same few dozen values
// on every page: as template actions, each with its escapers called through
// reflection, it took a third of the time of rendering an article page.
// A theme wanting other markup writes its own "meta" partial; the page
// fields it needs are all documented.
func (r *Renderer) headMeta(p *view.Page) (template.HTML, error) {
	var b strings.Builder
	b.Grow(2048)
	canonical := r.AbsURL(p.Path)
	tag(&b, "", `<link rel="canonical" href="`, htmlesc.URL(canonical), `">`)
	if p.Kind == string(site.NotFoundPage) {
		b.WriteString("\n" + `<meta name="robots" content="noindex">`)
	}
	tag(&b, "\n", `<meta property="og:site_name" content="`, p.Site.Config.Title, `">`)
	ogType := "website"
	if p.Article != nil {
		ogType = "article"
	}
	tag(&b, "\n", `<meta property="og:type" content="`, ogType, `">`)
	title, err := r.pageTitle(p) // in the site's language, as <title>
	if err != nil {
		return "", err
	}
	tag(&b, "\n", `<meta property="og:title" content="`, title, `">`)
	tag(&b, "\n", `<meta property="og:url" content="`, canonical, `">`)
	description := p.Description()
	if description != "" {
		tag(&b, "\n", `<meta property="og:description" content="`, description, `">`)
	}
	if a := p.Article; a != nil {
		tag(&b, "\n", `<meta property="article:published_time" content="`, a.Date.Format(time.RFC3339), `">`)
		for _, c := range a.Countries() {
			if c.Primary {
				tag(&b, "\n", `<meta property="article:tag" content="`, c.Name, `">`)
			}
		}
	}
	b.WriteString("\n" + `<meta name="twitter:card" content="summary">`)
	tag(&b, "\n", `<meta name="twitter:title" content="`, title, `">`)
	if description != "" {
		tag(&b, "\n", `<meta name="twitter:description" content="`, description, `">`)
	}
	for _, f := range p.Feeds() {
		tag(&b, "\n", `<link rel="alternate" type="`, f.Type, `" title="`)
		htmlesc.Write(&b, r.feedTitle(p, f))
		b.WriteString(`" href="`)
		htmlesc.Write(&b, htmlesc.URL(r.URL(f.Path)))
		b.WriteString(`">`)
	}
	if ld := p.NewsArticle(); ld != nil {
		// encoding/json escapes <, > and &, so no value can close the
		// script element; html/template emits the same for {{.}} there.
		data, err := json.Marshal(ld)
		if err != nil {
			return "", err
		}
		b.WriteString("\n" + `<script type="application/ld+json">`)
		b.Write(data)
		b.WriteString(`</script>`)
	}
	return template.HTML(b.String()), nil
}

// tag writes sep, open, the attribute value escaped, and close.
func tag(b *strings.Builder, sep, open, value, close string) {
	b.WriteString(sep)
	b.WriteString(open)
	htmlesc.Write(b, value)
	b.WriteString(close)
}
