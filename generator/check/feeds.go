package check

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/attache/attache/generator/diag"
)

// wellFormed reads an XML document to its end.
func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// decodeXML checks that data is well-formed and decodes it into v.
func (o *output) decodeXML(name string, data []byte, v any) bool {
	if err := wellFormed(data); err != nil {
		o.probs.Add(diag.Errorf(name, 0, "not well-formed XML: %v", err))
		return false
	}
	if err := xml.Unmarshal(data, v); err != nil {
		o.probs.Add(diag.Errorf(name, 0, "%v", err))
		return false
	}
	return true
}

func (o *output) require(name, what, value string) {
	if strings.TrimSpace(value) == "" {
		o.probs.Add(diag.Errorf(name, 0, "%s: missing", what))
	}
}

func (o *output) date(name, what, value, layout string) {
	if _, err := time.Parse(layout, value); err != nil {
		o.probs.Add(diag.Errorf(name, 0, "%s %q: want a %s date", what, value, layoutName[layout]))
	}
}

var layoutName = map[string]string{time.RFC3339: "RFC 3339", time.RFC1123Z: "RFC 1123 (RFC 822)"}

// AtomFeed is the part of an Atom 1.0 document that check reads; it is
// exported for tests elsewhere that parse feeds.
type AtomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Author *struct {
			Name string `xml:"name"`
		} `xml:"author"`
	} `xml:"entry"`
}

func (o *output) atom(name string, data []byte) {
	var f AtomFeed
	if !o.decodeXML(name, data, &f) {
		return
	}
	o.require(name, "feed title", f.Title)
	o.require(name, "feed id", f.ID)
	o.date(name, "feed updated", f.Updated, time.RFC3339)
	for _, l := range f.Links {
		o.absolute(name, "feed link", l.Href)
	}
	if f.Author.Name == "" {
		for i, e := range f.Entries {
			if e.Author == nil || e.Author.Name == "" {
				o.probs.Add(diag.Errorf(name, 0, "%s: no author, and the feed has none", o.item("entry", i+1, e.ID)))
			}
		}
	}
	for i, e := range f.Entries {
		what := o.item("entry", i+1, e.ID)
		o.require(name, what+" title", e.Title)
		o.require(name, what+" id", e.ID)
		o.date(name, what+" updated", e.Updated, time.RFC3339)
		for _, l := range e.Links {
			o.absolute(name, what+" link", l.Href)
		}
	}
}

// RSSFeed is the part of an RSS 2.0 document that check reads.
type RSSFeed struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title string `xml:"title"`
		// Links holds the channel's link and any atom:link; Link picks
		// the former.
		Links []struct {
			XMLName xml.Name
			Value   string `xml:",chardata"`
		} `xml:"link"`
		Description   string `xml:"description"`
		LastBuildDate string `xml:"lastBuildDate"`
		Items         []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			GUID        string `xml:"guid"`
			PubDate     string `xml:"pubDate"`
			Description string `xml:"description"`
		} `xml:"item"`
	} `xml:"channel"`
}

// Link returns the channel's link element, not an atom:link.
func (f *RSSFeed) Link() string {
	for _, l := range f.Channel.Links {
		if l.XMLName.Space == "" {
			return l.Value
		}
	}
	return ""
}

func (o *output) rss(name string, data []byte) {
	var f RSSFeed
	if !o.decodeXML(name, data, &f) {
		return
	}
	if f.Version != "2.0" {
		o.probs.Add(diag.Errorf(name, 0, "rss version %q: want 2.0", f.Version))
	}
	c := f.Channel
	o.require(name, "channel title", c.Title)
	o.require(name, "channel description", c.Description)
	o.absolute(name, "channel link", f.Link())
	if c.LastBuildDate != "" {
		o.date(name, "lastBuildDate", c.LastBuildDate, time.RFC1123Z)
	}
	for i, it := range c.Items {
		what := o.item("item", i+1, it.Link)
		if it.Title == "" && it.Description == "" {
			o.probs.Add(diag.Errorf(name, 0, "%s: needs a title or a description", what))
		}
		o.absolute(name, what+" link", it.Link)
		o.date(name, what+" pubDate", it.PubDate, time.RFC1123Z)
	}
}

// JSONFeed is the part of a JSON Feed 1.1 document that check reads.
type JSONFeed struct {
	Version     string `json:"version"`
	Title       string `json:"title"`
	HomePageURL string `json:"home_page_url"`
	FeedURL     string `json:"feed_url"`
	Items       []struct {
		ID            string `json:"id"`
		URL           string `json:"url"`
		Title         string `json:"title"`
		ContentHTML   string `json:"content_html"`
		ContentText   string `json:"content_text"`
		DatePublished string `json:"date_published"`
	} `json:"items"`
}

func (o *output) jsonFeed(name string, data []byte) {
	var f JSONFeed
	if err := json.Unmarshal(data, &f); err != nil {
		o.probs.Add(diag.Errorf(name, 0, "not valid JSON: %v", err))
		return
	}
	if f.Version != "https://jsonfeed.org/version/1.1" {
		o.probs.Add(diag.Errorf(name, 0, "version %q: want https://jsonfeed.org/version/1.1", f.Version))
	}
	o.require(name, "title", f.Title)
	o.absolute(name, "home_page_url", f.HomePageURL)
	o.absolute(name, "feed_url", f.FeedURL)
	for i, it := range f.Items {
		what := o.item("item", i+1, cmp.Or(it.URL, it.ID))
		o.require(name, what+" id", it.ID)
		if it.ContentHTML == "" && it.ContentText == "" {
			o.probs.Add(diag.Errorf(name, 0, "%s: needs content_html or content_text", what))
		}
		o.absolute(name, what+" url", it.URL)
		if it.DatePublished != "" {
			o.date(name, what+" date_published", it.DatePublished, time.RFC3339)
		}
	}
}

// Sitemap is a sitemaps.org 0.9 document as check reads it: a list of
// pages (urlset) or, for a large site, an index of sitemaps.
type Sitemap struct {
	XMLName xml.Name
	URLs    []SitemapEntry `xml:"url"`
	Parts   []SitemapEntry `xml:"sitemap"`
}

// SitemapEntry is a page or, in an index, a sitemap.
type SitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

func (o *output) sitemap(name string, data []byte) {
	var sm Sitemap
	if !o.decodeXML(name, data, &sm) {
		return
	}
	entries, what := sm.URLs, "url"
	switch sm.XMLName {
	case xml.Name{Space: sitemapNS, Local: "urlset"}:
	case xml.Name{Space: sitemapNS, Local: "sitemapindex"}:
		entries, what = sm.Parts, "sitemap"
	default:
		o.probs.Add(diag.Errorf(name, 0, "root element %s %s: want a sitemaps.org urlset or sitemapindex", sm.XMLName.Space, sm.XMLName.Local))
		return
	}
	if len(entries) == 0 {
		o.probs.Add(diag.Errorf(name, 0, "lists no pages"))
	}
	for i, u := range entries {
		o.absolute(name, fmt.Sprintf("%s %d loc", what, i+1), u.Loc)
		// A page listed twice, in one file or two, is one a crawler is
		// told two things of.
		if first, ok := o.sitemapLocs[u.Loc]; ok && u.Loc != "" {
			o.probs.Add(diag.Errorf(name, 0, "%s %d loc %q: listed again (first in %s)", what, i+1, u.Loc, first))
		} else {
			if o.sitemapLocs == nil {
				o.sitemapLocs = map[string]string{}
			}
			o.sitemapLocs[u.Loc] = name
		}
		if u.LastMod != "" {
			if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
				if _, err := time.Parse("2006-01-02", u.LastMod); err != nil {
					o.probs.Add(diag.Errorf(name, 0, "%s %d lastmod %q: want a W3C date", what, i+1, u.LastMod))
				}
			}
		}
	}
}

// sitemapNS is the sitemaps.org 0.9 namespace.
const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// robots checks that robots.txt names the sitemap and lets crawlers in:
// a group for every crawler (User-agent: *) that disallows the whole site
// (a staging site's "Disallow: /") and does not allow it back hides every
// page of the published site from search engines.
func (o *output) robots(name string, data []byte) {
	sitemap := false
	// A group is its User-agent lines and the rules after them; a
	// User-agent line after a rule starts the next (RFC 9309 2.1).
	var agents []string
	var blocked int // the line of the group's Disallow of everything
	allowed, inRules := false, false
	end := func() {
		if blocked > 0 && !allowed && slices.Contains(agents, "*") {
			o.probs.Add(diag.Errorf(name, blocked, "Disallow: / for all crawlers (User-agent: *): search engines would index no page of the site"))
		}
		agents, blocked, allowed, inRules = nil, 0, false, false
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	for i, line := range strings.Split(text, "\n") {
		if c := strings.IndexByte(line, '#'); c >= 0 {
			line = line[:c]
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		switch k {
		case "sitemap":
			if !sitemap {
				o.absolute(name, "sitemap", v)
			}
			sitemap = true
		case "user-agent":
			if inRules {
				end()
			}
			agents = append(agents, v)
		case "disallow", "allow":
			inRules = true
			// "/", "/*" and "/*$" all match every path.
			if v == "/" || v == "/*" || v == "/*$" {
				if k == "disallow" && blocked == 0 {
					blocked = i + 1
				} else if k == "allow" {
					allowed = true
				}
			}
		}
	}
	end()
	if !sitemap {
		o.probs.Add(diag.Errorf(name, 0, "names no sitemap"))
	}
}
