package feed

import (
	"encoding/xml"
	"time"
)

// atomNS is the Atom 1.0 namespace, RFC 4287.
const atomNS = "http://www.w3.org/2005/Atom"

type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"xml:lang,attr,omitempty"`
	Title     atomText    `xml:"title"`
	Subtitle  *atomText   `xml:"subtitle,omitempty"`
	ID        string      `xml:"id"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	Title      atomText       `xml:"title"`
	ID         string         `xml:"id"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    *atomContent   `xml:"content,omitempty"`
}

// atomContent is an entry's HTML content, escaped beforehand.
type atomContent struct {
	Type    string `xml:"type,attr"`
	Escaped string `xml:",innerxml"`
}

// Atom encodes f as an Atom 1.0 document (RFC 4287). Dates are RFC 3339.
func Atom(f Feed) ([]byte, error) {
	af := atomFeed{
		Lang: f.Language, Title: atomText{Type: "text", Body: f.Title}, ID: f.Link,
		Updated: f.Updated.Format(time.RFC3339),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: f.Dir + "atom.xml"},
			{Rel: "alternate", Type: "text/html", Href: f.Link},
		},
		Author: atomPerson{Name: f.Author}, Generator: Generator,
	}
	if f.Description != "" {
		af.Subtitle = &atomText{Type: "text", Body: f.Description}
	}
	for _, it := range f.Items {
		e := atomEntry{
			Title: atomText{Type: "text", Body: it.Title}, ID: it.URL,
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: it.URL}},
			Published: it.Published.Format(time.RFC3339), Updated: it.Published.Format(time.RFC3339),
		}
		if it.Author != "" {
			e.Author = &atomPerson{Name: it.Author}
		}
		for _, c := range it.Categories {
			e.Categories = append(e.Categories, atomCategory{Term: c})
		}
		if it.Summary != "" {
			e.Summary = &atomText{Type: "text", Body: it.Summary}
		}
		if it.ContentHTML != "" {
			e.Content = &atomContent{Type: "html", Escaped: escapedXML(it)}
		}
		af.Entries = append(af.Entries, e)
	}
	return marshalXML(af)
}

func marshalXML(v any) ([]byte, error) {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(append([]byte(xml.Header), b...), '\n'), nil
}
