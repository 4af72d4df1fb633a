package site

import (
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/attache/attache/generator/config"
)

// The file names of the feeds published in a feed folder: the site root,
// every entity's folder and DigestsPath.
const (
	AtomFile = "atom.xml"
	RSSFile  = "rss.xml"
	JSONFile = "feed.json"
)

// FeedFormat is a format a feed is published in.
type FeedFormat struct {
	// Name is the format's name in the configuration: "atom", "rss" or
	// "json".
	Name string
	// File is the feed's file name in its folder: AtomFile, RSSFile or
	// JSONFile.
	File string
	// Type is the feed's media type, and Label names the format for
	// readers: "Atom", "RSS", "JSON Feed".
	Type, Label string
}

// feedFormat returns the format the configuration names name.
func feedFormat(name string) FeedFormat {
	switch name {
	case "atom":
		return FeedFormat{Name: name, File: AtomFile, Type: "application/atom+xml", Label: "Atom"}
	case "rss":
		return FeedFormat{Name: name, File: RSSFile, Type: "application/rss+xml", Label: "RSS"}
	case "json":
		return FeedFormat{Name: name, File: JSONFile, Type: "application/feed+json", Label: "JSON Feed"}
	}
	panic("site: unknown feed format " + name) // the configuration names no other
}

// FeedFormats returns the formats the feed of the folder dir is published
// in: the site's ("/") and the digests' in [feeds] formats, every list's
// (a country's, organisation's, region's, pair's or tag's) in
// listFormats.
func (s *Site) FeedFormats(dir string) []FeedFormat { return FeedFormatsOf(s.Config, dir) }

// FeedFormatsOf is FeedFormats for a site configured by cfg.
func FeedFormatsOf(cfg *config.Config, dir string) []FeedFormat {
	names := cfg.Feeds.ListFormats
	if dir == "/" || dir == DigestsPath {
		names = cfg.Feeds.Formats
	}
	out := make([]FeedFormat, len(names))
	for i, n := range names {
		out[i] = feedFormat(n)
	}
	return out
}

// Updated returns when the page's content last changed, for sitemaps: the
// date of the newest article shown on it. It is zero for pages that show
// no article.
func (p *Page) Updated() time.Time {
	// Every page's date is worked out for the sitemap on every build, so
	// it is read off the ends of the page's sorted lists: the first
	// article of a newest-first list, the last of an oldest-first one.
	switch {
	case p.Article != nil:
		return p.Article.Date
	case p.Month != nil:
		return newestFirst(p.Month.Articles)
	case p.Digest != nil:
		return oldestFirstNewest(p.Digest.Articles)
	case p.Latest != nil && p.Kind != HomePage:
		return newestFirst(p.Latest)
	case p.Year != nil:
		// Months go by written dates (see byMonth): the newest instant
		// of the year may be in any month.
		var newest time.Time
		for _, m := range p.Year.Months {
			if t := newestFirst(m.Articles); t.After(newest) {
				newest = t
			}
		}
		return newest
	case p.Kind == NotFoundPage:
		return time.Time{}
	}
	return newestFirst(p.Site.Articles)
}

// newestFirst returns the date of the newest of articles sorted newest
// first: of those equally new, the first's.
func newestFirst(as []*Article) time.Time {
	if len(as) == 0 {
		return time.Time{}
	}
	return as[0].Date
}

// oldestFirstNewest returns the date of the newest of articles sorted
// oldest first: of those equally new, the first's, as newestFirst does.
func oldestFirstNewest(as []*Article) time.Time {
	i := len(as) - 1
	if i < 0 {
		return time.Time{}
	}
	for i > 0 && as[i-1].Date.Equal(as[i].Date) {
		i--
	}
	return as[i].Date
}

// AbsURL returns the absolute URL of a site path under the configured base
// URL, which may carry a subpath: "/countries/laos/" under
// https://example.org/briefings/ is
// https://example.org/briefings/countries/laos/.
func (s *Site) AbsURL(path string) string {
	// Every page's URL is made for the sitemap on every build: a path of
	// characters that need no escaping is joined to the base as a string.
	prefix := s.abs.prefix(s.Config.BaseURL)
	if rel := strings.TrimPrefix(path, "/"); prefix != "" && plainURLPath(rel) {
		return prefix + rel
	}
	return absURL(s.Config.BaseURL, path)
}

func absURL(base, path string) string {
	u, err := url.Parse(base)
	if err != nil {
		// The config package has validated the base URL.
		return path
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/" + strings.TrimPrefix(path, "/")
	return u.String()
}

// absPrefix is the base URL ready for joining, worked out once per Site.
type absPrefix struct {
	once sync.Once
	s    string
}

// prefix returns what absURL(base, "/") returns when every plain path is
// simply appended to it, else "".
func (p *absPrefix) prefix(base string) string {
	p.once.Do(func() {
		pre := absURL(base, "/")
		const probe = "a-b_c/0.9/x"
		if strings.HasSuffix(pre, "/") && absURL(base, "/"+probe) == pre+probe {
			p.s = pre
		}
	})
	return p.s
}

// plainURLPath reports whether a URL path holds only characters a URL
// carries as they are, with no dot segment.
func plainURLPath(rel string) bool {
	prev := byte('/')
	for i := 0; i < len(rel); i++ {
		c := rel[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_':
		case c == '/':
			if prev == '/' {
				return false
			}
		case c == '.':
			if prev == '/' {
				return false // "." and ".." segments, and hidden names
			}
		default:
			return false
		}
		prev = c
	}
	return true
}
