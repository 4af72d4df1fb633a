package site

import (
	"net/url"
	"strings"
	"time"
)

// The file names of the feeds published in a feed folder: the site root,
// every entity's folder and DigestsPath.
const (
	AtomFile = "atom.xml"
	RSSFile  = "rss.xml"
	JSONFile = "feed.json"
)

// FeedLink is a feed a page announces in its head for autodiscovery.
type FeedLink struct {
	Title string
	// Type is the feed's media type.
	Type string
	// Path is the URL path from the site root.
	Path string
}

// FeedDir returns the folder whose feeds follow the page's content: an
// entity's own folder, the digests folder, or the site root.
func (p *Page) FeedDir() string {
	switch {
	case p.Entity != nil:
		return p.Entity.Path
	case p.Kind == DigestsPage || p.Kind == DigestPage:
		return DigestsPath
	}
	return "/"
}

// FeedTitle names the feeds of the page's FeedDir.
func (p *Page) FeedTitle() string {
	switch {
	case p.Entity != nil:
		return p.Site.Config.Title + ": " + p.Entity.Name
	case p.Kind == DigestsPage || p.Kind == DigestPage:
		return p.Site.Config.Title + ": digests"
	}
	return p.Site.Config.Title
}

// Feeds returns the feeds a page links to in its head: those of its
// FeedDir, then the whole site's when they differ.
func (p *Page) Feeds() []FeedLink {
	links := func(title, dir string) []FeedLink {
		return []FeedLink{
			{Title: title + " (Atom)", Type: "application/atom+xml", Path: dir + AtomFile},
			{Title: title + " (RSS)", Type: "application/rss+xml", Path: dir + RSSFile},
			{Title: title + " (JSON Feed)", Type: "application/feed+json", Path: dir + JSONFile},
		}
	}
	out := links(p.FeedTitle(), p.FeedDir())
	if p.FeedDir() != "/" {
		out = append(out, links(p.Site.Config.Title, "/")...)
	}
	return out
}

// Description is the page's summary for search engines and link previews:
// an article's summary, else the site's description.
func (p *Page) Description() string {
	if p.Article != nil && p.Article.Summary() != "" {
		return p.Article.Summary()
	}
	return p.Site.Config.Description
}

// Updated returns when the page's content last changed, for sitemaps: the
// date of the newest article shown on it. It is zero for pages that show
// no article.
func (p *Page) Updated() time.Time {
	newest := func(as []*Article) time.Time {
		var t time.Time
		for _, a := range as {
			if a.Date.After(t) {
				t = a.Date
			}
		}
		return t
	}
	switch {
	case p.Article != nil:
		return p.Article.Date
	case p.Month != nil:
		return newest(p.Month.Articles)
	case p.Digest != nil:
		return newest(p.Digest.Articles)
	case p.Pager != nil && p.Kind != HomePage:
		return newest(p.Pager.Articles)
	case p.Year != nil:
		// Months are newest first, and so are their articles.
		for _, m := range p.Year.Months {
			return newest(m.Articles)
		}
		return time.Time{}
	case p.Kind == NotFoundPage:
		return time.Time{}
	}
	return newest(p.Site.Articles)
}

// AbsURL returns the absolute URL of a site path under the configured base
// URL, which may carry a subpath: "/countries/laos/" under
// https://example.org/briefings/ is
// https://example.org/briefings/countries/laos/.
func (s *Site) AbsURL(path string) string {
	u, err := url.Parse(s.Config.BaseURL)
	if err != nil {
		// The config package has validated the base URL.
		return path
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/" + strings.TrimPrefix(path, "/")
	return u.String()
}

// jsonLDThing is a schema.org value with a type and a name.
type jsonLDThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// NewsArticleLD is the schema.org NewsArticle of an article page, for
// search engines. Templates emit it in a script element of type
// application/ld+json, where html/template marshals it with encoding/json
// and escapes "<", so that no title can close the script element.
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

// NewsArticle returns the page's structured data, or nil for pages that are
// not articles.
func (p *Page) NewsArticle() *NewsArticleLD {
	a := p.Article
	if a == nil {
		return nil
	}
	u := p.Site.AbsURL(a.Path)
	ld := &NewsArticleLD{
		Context: "https://schema.org", Type: "NewsArticle",
		Headline: a.Title, Description: a.Summary(), URL: u, MainEntityOfPage: u,
		DatePublished: a.Date.Format(time.RFC3339), Dateline: a.Dateline,
		InLanguage: p.Site.Config.Language, Keywords: a.Tags,
		Publisher: jsonLDThing{Type: "Organization", Name: p.Site.Config.Title, URL: p.Site.AbsURL("/")},
	}
	if a.Source != "" {
		ld.Author = &jsonLDThing{Type: "Organization", Name: a.Source}
	}
	for _, r := range a.Countries {
		if r.Primary {
			ld.About = append(ld.About, jsonLDThing{Type: "Country", Name: r.Name, URL: p.Site.AbsURL(r.Path)})
		}
	}
	for _, r := range a.Organisations {
		if r.Primary {
			ld.About = append(ld.About, jsonLDThing{Type: "Organization", Name: r.Name, URL: p.Site.AbsURL(r.Path)})
		}
	}
	return ld
}
