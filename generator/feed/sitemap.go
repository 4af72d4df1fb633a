package feed

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/attache/attache/generator/internal/mix"

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

// MaxSitemapURLs is the sitemaps.org limit for one file: a part with more
// pages is split.
const MaxSitemapURLs = 50000

// SplitSitemapURLs is the number of pages past which a site's sitemap is
// an index of parts by month: below it, rewriting the one file on each
// new story costs little; above, a new story would rewrite, and a deploy
// upload, a file of every page.
const SplitSitemapURLs = 1000

// Sitemap is a site's sitemap: /sitemap.xml listing every page but the
// not-found page, each with the date of the newest article it shows as
// lastmod; or, past SplitSitemapURLs pages, /sitemap.xml as the index of
// parts in /sitemaps/. A part holds the pages of one month (articles,
// month pages, digests: /sitemaps/2024-08.xml) or the pages about no one
// month (/sitemaps/pages.xml), so that a new story changes its month's part,
// the pages part and the index, and every other part stays as it was.
type Sitemap struct {
	s *site.Site
	// pages are the listed pages of a site that fits in one file; parts
	// are a larger site's.
	pages []*site.Page
	parts []*sitemapPart
}

type sitemapPart struct {
	path  string
	pages []*site.Page
	// sig and newest are the part's signature and newest lastmod, worked
	// out once: the index's signature needs every part's.
	once   sync.Once
	sig    uint64
	newest string
}

func (p *sitemapPart) summary() (uint64, string) {
	p.once.Do(func() {
		var h mix.Hash
		var latest time.Time
		for _, pg := range p.pages {
			t := pg.Updated()
			h.Str(pg.Path)
			h.Time(t)
			if t.After(latest) {
				latest = t
			}
		}
		p.sig = h.Sum()
		if !latest.IsZero() {
			p.newest = latest.Format(time.RFC3339)
		}
	})
	return p.sig, p.newest
}

// NewSitemap lays out the sitemap of s, whose pages are as Site.Pages
// lists them.
func NewSitemap(s *site.Site, pages []*site.Page) *Sitemap {
	return newSitemap(s, pages, SplitSitemapURLs, MaxSitemapURLs)
}

func newSitemap(s *site.Site, pages []*site.Page, split, limit int) *Sitemap {
	m := &Sitemap{s: s}
	listed := make([]*site.Page, 0, len(pages))
	for _, p := range pages {
		if p.Kind != site.NotFoundPage {
			listed = append(listed, p)
		}
	}
	if len(listed) <= split {
		m.pages = listed
		return m
	}
	// Names are formatted once per month and kind of page, not once per
	// page: a large site has hundreds of thousands.
	groups := map[string][]*site.Page{}
	named := map[groupKey]string{}
	for _, p := range listed {
		k := groupKeyOf(p)
		g, ok := named[k]
		if !ok {
			g = sitemapGroup(p)
			named[k] = g
		}
		groups[g] = append(groups[g], p)
	}
	names := slices.Sorted(maps.Keys(groups))
	for _, g := range names {
		name := g
		if name == "" {
			name = "pages"
		}
		for n, part := range slices.Collect(slices.Chunk(groups[g], limit)) {
			path := "/sitemaps/" + name + ".xml"
			if n > 0 {
				path = fmt.Sprintf("/sitemaps/%s-%d.xml", name, n+1)
			}
			m.parts = append(m.parts, &sitemapPart{path: path, pages: part})
		}
	}
	return m
}

// groupKey is what sitemapGroup's name of a page follows from: the kind
// of its month, and the month.
type groupKey struct{ kind, year, month int }

func groupKeyOf(p *site.Page) groupKey {
	switch {
	case p.Article != nil:
		y, m, _ := p.Article.Date.Date()
		return groupKey{1, y, int(m)}
	case p.Month != nil:
		return groupKey{2, p.Month.Year, int(p.Month.Month)}
	case p.Digest != nil:
		y, m, _ := p.Digest.Period.Start.Date()
		return groupKey{3, y, int(m)}
	}
	return groupKey{}
}

// sitemapGroup names the part of a large sitemap that lists p: the month
// of the stories it shows, or "" for a page about no one month.
func sitemapGroup(p *site.Page) string {
	switch {
	case p.Article != nil:
		return p.Article.Date.Format("2006-01")
	case p.Month != nil:
		return fmt.Sprintf("%04d-%02d", p.Month.Year, int(p.Month.Month))
	case p.Digest != nil:
		return p.Digest.Period.Start.Format("2006-01")
	}
	return ""
}

// Files returns the paths of the sitemap's files, /sitemap.xml first.
func (m *Sitemap) Files() []string {
	files := []string{"/sitemap.xml"}
	for _, p := range m.parts {
		files = append(files, p.path)
	}
	return files
}

// Signature hashes what the file at path shows: its pages' paths and when
// each last changed, or for the index its parts' paths and newest dates.
func (m *Sitemap) Signature(path string) uint64 {
	if m.parts == nil {
		return site.SitemapSignature(m.pages)
	}
	if path != "/sitemap.xml" {
		if p := m.part(path); p != nil {
			sig, _ := p.summary()
			return sig
		}
		return 0
	}
	var h mix.Hash
	for _, p := range m.parts {
		_, newest := p.summary()
		h.Str(p.path)
		h.Str(newest)
	}
	return h.Sum()
}

// Render returns the file at path, one of Files.
func (m *Sitemap) Render(path string) ([]byte, error) {
	if path == "/sitemap.xml" && m.parts != nil {
		idx := make([]sitemapURL, len(m.parts))
		for i, p := range m.parts {
			_, newest := p.summary()
			idx[i] = sitemapURL{Loc: m.s.AbsURL(p.path), LastMod: newest}
		}
		return sitemapXML("sitemapindex", "sitemap", idx), nil
	}
	pages := m.pages
	if m.parts != nil || path != "/sitemap.xml" {
		p := m.part(path)
		if p == nil {
			return nil, fmt.Errorf("sitemap: no file %s", path)
		}
		pages = p.pages
	}
	return sitemapXML("urlset", "url", sitemapURLs(m.s, pages)), nil
}

// part returns the part at path, nil if there is none.
func (m *Sitemap) part(path string) *sitemapPart {
	for _, p := range m.parts {
		if p.path == path {
			return p
		}
	}
	return nil
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

func sitemapURLs(s *site.Site, pages []*site.Page) []sitemapURL {
	urls := make([]sitemapURL, len(pages))
	for i, p := range pages {
		urls[i] = sitemapURL{Loc: s.AbsURL(p.Path), LastMod: lastMod(p)}
	}
	return urls
}

func lastMod(p *site.Page) string {
	if t := p.Updated(); !t.IsZero() {
		return t.Format(time.RFC3339)
	}
	return ""
}

// Robots returns a robots.txt that allows everything and names the
// sitemap. Crawlers read robots.txt only at a host's root, so a site served
// under a subpath should have its host serve this file there.
func Robots(s *site.Site) []byte {
	return fmt.Appendf(nil, "User-agent: *\nAllow: /\n\nSitemap: %s\n", s.AbsURL("/sitemap.xml"))
}
