package feed

import (
	"encoding/xml"
	"fmt"
	"time"

	"github.com/attache/attache/generator/site"
)

// SitemapNS is the sitemaps.org 0.9 namespace.
const SitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// maxSitemapURLs is the sitemaps.org limit for one file.
const maxSitemapURLs = 50000

// Sitemap lists every page of the site but the not-found page, each with
// the date of the newest article it shows as lastmod.
func Sitemap(s *site.Site) ([]byte, error) {
	var set urlset
	for _, p := range s.Pages() {
		if p.Kind == site.NotFoundPage {
			continue
		}
		u := sitemapURL{Loc: s.AbsURL(p.Path)}
		if t := p.Updated(); !t.IsZero() {
			u.LastMod = t.Format(time.RFC3339)
		}
		set.URLs = append(set.URLs, u)
	}
	if len(set.URLs) > maxSitemapURLs {
		return nil, fmt.Errorf("sitemap: %d pages, more than the %d one sitemap may list", len(set.URLs), maxSitemapURLs)
	}
	return marshalXML(set)
}

// Robots returns a robots.txt that allows everything and names the
// sitemap. Crawlers read robots.txt only at a host's root, so a site served
// under a subpath should have its host serve this file there.
func Robots(s *site.Site) []byte {
	return fmt.Appendf(nil, "User-agent: *\nAllow: /\n\nSitemap: %s\n", s.AbsURL("/sitemap.xml"))
}
