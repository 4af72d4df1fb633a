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

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// MaxSitemapURLs is the sitemaps.org limit for one file. A site with more
// pages gets a sitemap index at /sitemap.xml and its parts in /sitemaps/.
const MaxSitemapURLs = 50000

// SitemapPart is the path of the n-th part (from 1) of a large site's
// sitemap.
func SitemapPart(n int) string { return fmt.Sprintf("/sitemaps/%d.xml", n) }

// Sitemap returns /sitemap.xml: every page of the site but the not-found
// page, each with the date of the newest article it shows as lastmod; or,
// past 50,000 pages, the index of the parts SitemapParts returns.
func Sitemap(s *site.Site) ([]byte, error) { return sitemap(s, MaxSitemapURLs) }

func sitemap(s *site.Site, limit int) ([]byte, error) {
	urls := sitemapURLs(s)
	if len(urls) <= limit {
		return marshalXML(urlset{URLs: urls})
	}
	var idx sitemapIndex
	for n, part := range chunks(urls, limit) {
		idx.Sitemaps = append(idx.Sitemaps, sitemapURL{Loc: s.AbsURL(SitemapPart(n + 1)), LastMod: newest(part)})
	}
	return marshalXML(idx)
}

// SitemapParts returns the parts of a sitemap index, none for a site that
// fits in one sitemap.
func SitemapParts(s *site.Site) ([]File, error) { return sitemapParts(s, MaxSitemapURLs) }

func sitemapParts(s *site.Site, limit int) ([]File, error) {
	urls := sitemapURLs(s)
	if len(urls) <= limit {
		return nil, nil
	}
	var files []File
	for n, part := range chunks(urls, limit) {
		data, err := marshalXML(urlset{URLs: part})
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: SitemapPart(n + 1), Data: data})
	}
	return files, nil
}

func sitemapURLs(s *site.Site) []sitemapURL {
	var urls []sitemapURL
	for _, p := range s.Pages() {
		if p.Kind == site.NotFoundPage {
			continue
		}
		u := sitemapURL{Loc: s.AbsURL(p.Path)}
		if t := p.Updated(); !t.IsZero() {
			u.LastMod = t.Format(time.RFC3339)
		}
		urls = append(urls, u)
	}
	return urls
}

func chunks(urls []sitemapURL, limit int) [][]sitemapURL {
	var out [][]sitemapURL
	for len(urls) > 0 {
		n := min(len(urls), limit)
		out = append(out, urls[:n])
		urls = urls[n:]
	}
	return out
}

// newest returns the latest lastmod of urls.
func newest(urls []sitemapURL) string {
	var latest time.Time
	for _, u := range urls {
		if t, err := time.Parse(time.RFC3339, u.LastMod); err == nil && t.After(latest) {
			latest = t
		}
	}
	if latest.IsZero() {
		return ""
	}
	return latest.Format(time.RFC3339)
}

// Robots returns a robots.txt that allows everything and names the
// sitemap. Crawlers read robots.txt only at a host's root, so a site served
// under a subpath should have its host serve this file there.
func Robots(s *site.Site) []byte {
	return fmt.Appendf(nil, "User-agent: *\nAllow: /\n\nSitemap: %s\n", s.AbsURL("/sitemap.xml"))
}
