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
	case p.Latest != nil && p.Kind != HomePage:
		return newest(p.Latest)
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
