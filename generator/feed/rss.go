package feed

import (
	"encoding/xml"
	"time"
)

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	AtomNS  string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string      `xml:"title"`
	Link          string      `xml:"link"`
	Description   string      `xml:"description"`
	Language      string      `xml:"language,omitempty"`
	LastBuildDate string      `xml:"lastBuildDate"`
	Generator     string      `xml:"generator"`
	Self          rssAtomLink `xml:"atom:link"`
	Items         []rssItem   `xml:"item"`
}

// rssAtomLink is the atom:link rel="self" the RSS Advisory Board
// recommends, so that readers know the feed's own address.
type rssAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Description string   `xml:"description,omitempty"`
	Categories  []string `xml:"category"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// RSS encodes f as an RSS 2.0 document. Dates are RFC 1123 with a numeric
// zone, as RFC 822 requires.
func RSS(f Feed) ([]byte, error) {
	desc := f.Description
	if desc == "" {
		desc = f.Title // description is required
	}
	doc := rssDoc{Version: "2.0", AtomNS: atomNS, Channel: rssChannel{
		Title: f.Title, Link: f.Link, Description: desc, Language: f.Language,
		LastBuildDate: f.Updated.Format(time.RFC1123Z), Generator: Generator,
		Self: rssAtomLink{Href: f.Dir + "rss.xml", Rel: "self", Type: "application/rss+xml"},
	}}
	for _, it := range f.Items {
		doc.Channel.Items = append(doc.Channel.Items, rssItem{
			Title: it.Title, Link: it.URL, GUID: rssGUID{IsPermaLink: true, Value: it.URL},
			PubDate: it.Published.Format(time.RFC1123Z), Description: it.Summary, Categories: it.Categories,
		})
	}
	return marshalXML(doc)
}
