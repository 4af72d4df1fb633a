package view

import (
	"net/url"
	"strings"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/site"
)

// FeedLink is a feed a page announces in its head for autodiscovery.
type FeedLink struct {
	// Kind and Name say whose stories the feed carries: "site" and the
	// site's title, "digests" and no name, or a list's kind ("country",
	// "organisation", "region", "relation", "tag") and name — a region's
	// in English, as region names are; layouts translate it with region.
	// The feed's own title is made of them in the site's language (see
	// feed.Words.Title; headMeta announces it).
	Kind, Name string
	// Type is the feed's media type.
	Type string
	// Path is the URL path from the site root.
	Path string
	// Format names the feed's format for readers: "Atom", "RSS", "JSON
	// Feed".
	Format string
}

// Description is the page's summary for search engines and link previews:
// an article's summary, else the site's description.
func (p *Page) Description() string {
	if p.Article != nil && p.Article.Summary != "" {
		return p.Article.Summary
	}
	return p.Site.Config.Description
}

// Feeds returns the feeds a page announces in its head: those of its
// entity or of the digests, then the whole site's.
func (p *Page) Feeds() []FeedLink {
	kind, name, dir := p.feedsOf()
	out := feedLinks(p.Site.Config, kind, name, dir)
	if dir != "/" {
		out = append(out, feedLinks(p.Site.Config, "site", p.Site.Config.Title, "/")...)
	}
	return out
}

// Subscribe returns the feeds of the stories the page is about, to offer
// as subscribe links: its entity's, the digests', else the whole site's.
func (p *Page) Subscribe() []FeedLink {
	kind, name, dir := p.feedsOf()
	return feedLinks(p.Site.Config, kind, name, dir)
}

// feedsOf returns whose stories the feed of the page's stories carries
// (see FeedLink) and its folder.
func (p *Page) feedsOf() (kind, name, dir string) {
	switch e := p.entityNamed(); {
	case e != nil:
		return e.Kind, e.Name, e.Path
	case p.Kind == string(site.DigestsPage) || p.Kind == string(site.DigestPage):
		return "digests", "", site.DigestsPath
	}
	return "site", p.Site.Config.Title, "/"
}

// entityNamed is the entity whose page, or month page, p is.
func (p *Page) entityNamed() *Named {
	switch {
	case p.Entity != nil:
		return &Named{Kind: p.Entity.Kind, Name: p.Entity.Name, Path: p.Entity.Path}
	case p.List != nil:
		return &Named{Kind: p.List.Kind, Name: p.List.Name, Path: p.List.Path}
	case p.Month != nil && p.Month.List != nil:
		return &Named{Kind: p.Month.List.Kind, Name: p.Month.List.Name, Path: p.Month.List.Path}
	case p.Month != nil:
		return p.Month.Entity
	}
	return nil
}

// feedLinks returns the links of the feed of kind and name (see FeedLink)
// in the folder dir, one for each format the site publishes it in.
func feedLinks(cfg *config.Config, kind, name, dir string) []FeedLink {
	formats := site.FeedFormatsOf(cfg, dir)
	out := make([]FeedLink, len(formats))
	for i, f := range formats {
		out[i] = FeedLink{Kind: kind, Name: name, Type: f.Type, Path: dir + f.File, Format: f.Label}
	}
	return out
}

// jsonLDThing is a schema.org value with a type and a name.
type jsonLDThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// NewsArticleLD is the schema.org NewsArticle of an article page, for
// search engines. It is emitted in a script element of type
// application/ld+json through encoding/json, which escapes "<", so that no
// title can close the script element.
type NewsArticleLD struct {
	Context          string        `json:"@context"`
	Type             string        `json:"@type"`
	Headline         string        `json:"headline"`
	Description      string        `json:"description,omitempty"`
	URL              string        `json:"url"`
	MainEntityOfPage string        `json:"mainEntityOfPage"`
	DatePublished    string        `json:"datePublished"`
	Dateline         string        `json:"dateline,omitempty"`
	InLanguage       string        `json:"inLanguage,omitempty"`
	Keywords         []string      `json:"keywords,omitempty"`
	Author           *jsonLDThing  `json:"author,omitempty"`
	Publisher        jsonLDThing   `json:"publisher"`
	About            []jsonLDThing `json:"about,omitempty"`
}

// NewsArticle returns an article page's structured data, nil on other
// pages.
func (p *Page) NewsArticle() *NewsArticleLD {
	a := p.Article
	if a == nil {
		return nil
	}
	cfg := p.Site.Config
	// The base URL is parsed once for the page's half-dozen links.
	base, err := url.Parse(cfg.BaseURL)
	abs := func(path string) string {
		if err != nil {
			// The config package has validated the base URL.
			return path
		}
		u := *base
		u.Path = strings.TrimSuffix(u.Path, "/") + "/" + strings.TrimPrefix(path, "/")
		return u.String()
	}
	u := abs(a.Path)
	ld := &NewsArticleLD{
		Context: "https://schema.org", Type: "NewsArticle",
		Headline: a.Title, Description: a.Summary, URL: u, MainEntityOfPage: u,
		DatePublished: a.Date.Format(time.RFC3339), Dateline: a.Dateline,
		InLanguage: cfg.Language, Keywords: a.Tags,
		Publisher: jsonLDThing{Type: "Organization", Name: cfg.Title, URL: abs("/")},
	}
	if a.Source != "" {
		ld.Author = &jsonLDThing{Type: "Organization", Name: a.Source}
	}
	for _, r := range a.Countries() {
		if r.Primary {
			ld.About = append(ld.About, jsonLDThing{Type: "Country", Name: r.Name, URL: abs(r.Path)})
		}
	}
	for _, r := range a.Organisations() {
		if r.Primary {
			ld.About = append(ld.About, jsonLDThing{Type: "Organization", Name: r.Name, URL: abs(r.Path)})
		}
	}
	return ld
}
