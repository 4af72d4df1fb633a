package feed

import (
	"fmt"
	"time"

	"github.com/attache/attache/generator/site"
)

// SitemapNS is the sitemaps.org 0.9 namespace.
const SitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// sitemapURL is a page of a sitemap, or a part of a sitemap index.
type sitemapURL struct {
	Loc string
	// LastMod is an RFC 3339 date, or empty if unknown.
	LastMod string
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
		return sitemapXML("urlset", "url", urls), nil
	}
	var idx []sitemapURL
	for n, part := range chunks(urls, limit) {
		idx = append(idx, sitemapURL{Loc: s.AbsURL(SitemapPart(n + 1)), LastMod: newest(part)})
	}
	return sitemapXML("sitemapindex", "sitemap", idx), nil
}

// sitemapXML encodes urls as a sitemap (root urlset, each a url) or a
// sitemap index (root sitemapindex, each a sitemap), laid out as
// encoding/xml's MarshalIndent did.
func sitemapXML(root, elem string, urls []sitemapURL) []byte {
	n := 0
	for _, u := range urls {
		n += len(u.Loc) + len(u.LastMod)
	}
	b := make([]byte, 0, 200+n+60*len(urls))
	b = append(b, xmlHeader+`<`...)
	b = append(b, root...)
	b = append(b, ` xmlns="`+SitemapNS+`">`...)
	for _, u := range urls {
		b = append(b, "\n  <"...)
		b = append(b, elem...)
		b = append(b, ">\n"...)
		b = appendElement(b, "    ", "loc", u.Loc)
		if u.LastMod != "" {
			b = appendElement(b, "    ", "lastmod", u.LastMod)
		}
		b = append(b, "  </"...)
		b = append(b, elem...)
		b = append(b, '>')
	}
	if len(urls) > 0 {
		b = append(b, '\n')
	}
	b = append(b, "</"...)
	b = append(b, root...)
	return append(b, ">\n"...)
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
		files = append(files, File{Path: SitemapPart(n + 1), Data: sitemapXML("urlset", "url", part)})
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
