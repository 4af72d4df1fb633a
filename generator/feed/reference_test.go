package feed

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"html/template"
	"testing"
	"time"

	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/templates"
)

// This file keeps the reflection-based encoders that the hand-written ones
// replaced, as the reference their output must match byte for byte
// (TestEncodersMatchReference, FuzzFeeds) and as the baseline of the
// benchmarks.

type atomFeedRef struct {
	XMLName   xml.Name       `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string         `xml:"xml:lang,attr,omitempty"`
	Title     atomTextRef    `xml:"title"`
	Subtitle  *atomTextRef   `xml:"subtitle,omitempty"`
	ID        string         `xml:"id"`
	Updated   string         `xml:"updated"`
	Links     []atomLinkRef  `xml:"link"`
	Author    atomPersonRef  `xml:"author"`
	Generator string         `xml:"generator"`
	Entries   []atomEntryRef `xml:"entry"`
}

type atomTextRef struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomLinkRef struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPersonRef struct {
	Name string `xml:"name"`
}

type atomCategoryRef struct {
	Term string `xml:"term,attr"`
}

type atomEntryRef struct {
	Title      atomTextRef       `xml:"title"`
	ID         string            `xml:"id"`
	Links      []atomLinkRef     `xml:"link"`
	Published  string            `xml:"published"`
	Updated    string            `xml:"updated"`
	Author     *atomPersonRef    `xml:"author,omitempty"`
	Categories []atomCategoryRef `xml:"category"`
	Summary    *atomTextRef      `xml:"summary,omitempty"`
	Content    *atomContentRef   `xml:"content,omitempty"`
}

type atomContentRef struct {
	Type    string `xml:"type,attr"`
	Escaped string `xml:",innerxml"`
}

// atomReference is Atom as encoding/xml wrote it.
func atomReference(f Feed) ([]byte, error) {
	return atomReferenceWith(f, func(it Item) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(it.ContentHTML))
		return b.String()
	})
}

// atomReferenceWith is atomReference taking each item's content escaped
// by content, which the replaced code cached per article.
func atomReferenceWith(f Feed, content func(Item) string) ([]byte, error) {
	af := atomFeedRef{
		Lang: f.Language, Title: atomTextRef{Type: "text", Body: f.Title}, ID: f.Link,
		Updated: f.Updated.Format(time.RFC3339),
		Links: []atomLinkRef{
			{Rel: "self", Type: "application/atom+xml", Href: f.Dir + "atom.xml"},
			{Rel: "alternate", Type: "text/html", Href: f.Link},
		},
		Author: atomPersonRef{Name: f.Author}, Generator: Generator,
	}
	if f.Description != "" {
		af.Subtitle = &atomTextRef{Type: "text", Body: f.Description}
	}
	for _, it := range f.Items {
		e := atomEntryRef{
			Title: atomTextRef{Type: "text", Body: it.Title}, ID: it.URL,
			Links:     []atomLinkRef{{Rel: "alternate", Type: "text/html", Href: it.URL}},
			Published: it.Published.Format(time.RFC3339), Updated: it.Published.Format(time.RFC3339),
		}
		if it.Author != "" {
			e.Author = &atomPersonRef{Name: it.Author}
		}
		for _, c := range it.Categories {
			e.Categories = append(e.Categories, atomCategoryRef{Term: c})
		}
		if it.Summary != "" {
			e.Summary = &atomTextRef{Type: "text", Body: it.Summary}
		}
		if it.ContentHTML != "" {
			e.Content = &atomContentRef{Type: "html", Escaped: content(it)}
		}
		af.Entries = append(af.Entries, e)
	}
	return marshalXMLReference(af)
}

func marshalXMLReference(v any) ([]byte, error) {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(append([]byte(xml.Header), b...), '\n'), nil
}

type rssDocRef struct {
	XMLName xml.Name      `xml:"rss"`
	Version string        `xml:"version,attr"`
	AtomNS  string        `xml:"xmlns:atom,attr"`
	Channel rssChannelRef `xml:"channel"`
}

type rssChannelRef struct {
	Title         string         `xml:"title"`
	Link          string         `xml:"link"`
	Description   string         `xml:"description"`
	Language      string         `xml:"language,omitempty"`
	LastBuildDate string         `xml:"lastBuildDate"`
	Generator     string         `xml:"generator"`
	Self          rssAtomLinkRef `xml:"atom:link"`
	Items         []rssItemRef   `xml:"item"`
}

type rssAtomLinkRef struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItemRef struct {
	Title       string     `xml:"title"`
	Link        string     `xml:"link"`
	GUID        rssGUIDRef `xml:"guid"`
	PubDate     string     `xml:"pubDate"`
	Description string     `xml:"description,omitempty"`
	Categories  []string   `xml:"category"`
}

type rssGUIDRef struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// rssReference is RSS as encoding/xml wrote it.
func rssReference(f Feed) ([]byte, error) {
	desc := f.Description
	if desc == "" {
		desc = f.Title
	}
	doc := rssDocRef{Version: "2.0", AtomNS: atomNS, Channel: rssChannelRef{
		Title: f.Title, Link: f.Link, Description: html.EscapeString(desc), Language: f.Language,
		LastBuildDate: f.Updated.Format(time.RFC1123Z), Generator: Generator,
		Self: rssAtomLinkRef{Href: f.Dir + "rss.xml", Rel: "self", Type: "application/rss+xml"},
	}}
	for _, it := range f.Items {
		doc.Channel.Items = append(doc.Channel.Items, rssItemRef{
			Title: it.Title, Link: it.URL, GUID: rssGUIDRef{IsPermaLink: true, Value: it.URL},
			PubDate: it.Published.Format(time.RFC1123Z), Description: html.EscapeString(it.Summary), Categories: it.Categories,
		})
	}
	return marshalXMLReference(doc)
}

type jsonFeedRef struct {
	Version     string          `json:"version"`
	Title       string          `json:"title"`
	HomePageURL string          `json:"home_page_url"`
	FeedURL     string          `json:"feed_url"`
	Description string          `json:"description,omitempty"`
	Language    string          `json:"language,omitempty"`
	Authors     []jsonAuthorRef `json:"authors,omitempty"`
	Items       []jsonItemRef   `json:"items"`
}

type jsonAuthorRef struct {
	Name string `json:"name"`
}

type jsonItemRef struct {
	ID            string          `json:"id"`
	URL           string          `json:"url"`
	Title         string          `json:"title"`
	ContentHTML   json.RawMessage `json:"content_html,omitempty"`
	ContentText   string          `json:"content_text,omitempty"`
	Summary       string          `json:"summary,omitempty"`
	DatePublished string          `json:"date_published"`
	Authors       []jsonAuthorRef `json:"authors,omitempty"`
	Tags          []string        `json:"tags,omitempty"`
}

// jsonReference is JSON as encoding/json wrote it.
func jsonReference(f Feed) ([]byte, error) {
	return jsonReferenceWith(f, func(it Item) json.RawMessage {
		q, _ := json.Marshal(it.ContentHTML)
		return q
	})
}

// jsonReferenceWith is jsonReference taking each item's content quoted by
// content, which the replaced code cached per article.
func jsonReferenceWith(f Feed, content func(Item) json.RawMessage) ([]byte, error) {
	jf := jsonFeedRef{Version: JSONFeedVersion, Title: f.Title, HomePageURL: f.Link, FeedURL: f.Dir + "feed.json",
		Description: f.Description, Language: f.Language, Items: []jsonItemRef{}}
	if f.Author != "" {
		jf.Authors = []jsonAuthorRef{{Name: f.Author}}
	}
	for _, it := range f.Items {
		ji := jsonItemRef{ID: it.URL, URL: it.URL, Title: it.Title, Summary: it.Summary,
			DatePublished: it.Published.Format(time.RFC3339), Tags: it.Categories}
		if it.ContentHTML != "" {
			ji.ContentHTML = content(it)
		} else {
			ji.ContentText = cmp.Or(it.Summary, it.Title)
		}
		if it.Author != "" {
			ji.Authors = []jsonAuthorRef{{Name: it.Author}}
		}
		jf.Items = append(jf.Items, ji)
	}
	b, err := json.MarshalIndent(jf, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

type sitemapURLRef struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlsetRef struct {
	XMLName xml.Name        `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURLRef `xml:"url"`
}

type sitemapIndexRef struct {
	XMLName  xml.Name        `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURLRef `xml:"sitemap"`
}

func sitemapURLsRef(urls []sitemapURL) []sitemapURLRef {
	out := make([]sitemapURLRef, len(urls))
	for i, u := range urls {
		out[i] = sitemapURLRef{Loc: u.Loc, LastMod: u.LastMod}
	}
	return out
}

// urlsetReference is a sitemap as encoding/xml wrote it.
func urlsetReference(urls []sitemapURL) ([]byte, error) {
	return marshalXMLReference(urlsetRef{URLs: sitemapURLsRef(urls)})
}

// sitemapIndexReference is a sitemap index as encoding/xml wrote it.
func sitemapIndexReference(urls []sitemapURL) ([]byte, error) {
	return marshalXMLReference(sitemapIndexRef{Sitemaps: sitemapURLsRef(urls)})
}

// digestContent is the template writeDigest replaced: it lists a digest's articles in a feed entry.
var digestContent = template.Must(template.New("digest").Funcs(template.FuncMap{"t": fmt.Sprint, "region": fmt.Sprint}).Parse(`{{range .Sections}}<h2>{{region .Region}}</h2>
{{range .Groups}}{{with .Country}}<h3>{{.Name}}</h3>
{{end}}{{with .Articles}}<ul>
{{range .}}<li><a href="{{call $.URL .Path}}">{{.Parsed.Title}}</a>{{with .Summary}}: {{.}}{{end}}</li>
{{end}}</ul>
{{end}}{{with .SeeAlso}}<p>{{t "see_also"}} {{range $i, $x := .}}{{if $i}}; {{end}}<a href="{{call $.URL $x.Article.Path}}">{{$x.Article.Parsed.Title}}</a> ({{t "under" $x.Under.Name}}){{end}}</p>
{{end}}{{end}}{{end}}`))

// TestDigestMatchesTemplate checks writeDigest against the template it
// replaced, on digests with hostile titles and summaries, in English and
// in French.
func TestDigestMatchesTemplate(t *testing.T) {
	s := fixture(t)
	ds, err := s.Digests(site.Weekly, site.DigestFilter{})
	if err != nil || len(ds) == 0 {
		t.Fatalf("digests: %v, %v", ds, err)
	}
	for _, lang := range []string{"en", "fr"} {
		tr, err := templates.Strings(lang)
		if err != nil {
			t.Fatal(err)
		}
		w := NewWords(tr)
		words := digestWords{seeAlso: w.String("see_also"), region: tr.Region, under: func(name string) string { return w.String("under", name) }}
		page := template.Must(digestContent.Clone()).Funcs(template.FuncMap{
			"t":      func(key string, args ...any) (string, error) { return tr.String(key, args...) },
			"region": tr.Region,
		})
		for _, d := range ds {
			var want, got bytes.Buffer
			if err := page.Execute(&want, struct {
				*site.Digest
				URL func(string) string
			}{d, s.AbsURL}); err != nil {
				t.Fatal(err)
			}
			writeDigest(&got, d, s.AbsURL, words)
			if got.String() != want.String() {
				t.Errorf("%s %s:\n got %s\nwant %s", lang, d.Path, got.String(), want.String())
			}
		}
	}
}
