package importer

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Entry is one story from a feed or an e-mail, before it becomes a
// Markdown file.
type Entry struct {
	// GUID identifies the entry across imports: the RSS guid, Atom id,
	// JSON Feed id or e-mail Message-ID (else the link).
	GUID  string
	Title string
	// Link is the original's address, written as the canonical link.
	Link string
	// Date is when the entry was published (else updated).
	Date time.Time
	// Source is the feed's title or the sender's name.
	Source string
	Author string
	// Summary is plain text; Body is HTML or, when BodyIsText, plain text.
	Summary    string
	Body       string
	BodyIsText bool
}

// ParseFeed reads an RSS 2.0, Atom or JSON Feed document, telling them
// apart by their content.
func ParseFeed(src []byte) ([]Entry, error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	trimmed := bytes.TrimSpace(src)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return parseJSONFeed(trimmed)
	}
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charsetReader
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, fmt.Errorf("not an RSS, Atom or JSON feed: %w", err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch start.Name.Local {
		case "rss":
			var r rss
			if err := d.DecodeElement(&r, &start); err != nil {
				return nil, fmt.Errorf("RSS: %w", err)
			}
			return r.entries()
		case "feed":
			var a atom
			if err := d.DecodeElement(&a, &start); err != nil {
				return nil, fmt.Errorf("atom: %w", err)
			}
			return a.entries()
		}
		return nil, fmt.Errorf("not an RSS, Atom or JSON feed (root element <%s>)", start.Name.Local)
	}
}

type rss struct {
	Channel struct {
		Title string `xml:"title"`
		Items []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			GUID        string `xml:"guid"`
			PubDate     string `xml:"pubDate"`
			Date        string `xml:"http://purl.org/dc/elements/1.1/ date"`
			Description string `xml:"description"`
			Encoded     string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
			Author      string `xml:"author"`
			Creator     string `xml:"http://purl.org/dc/elements/1.1/ creator"`
		} `xml:"item"`
	} `xml:"channel"`
}

func (r *rss) entries() ([]Entry, error) {
	var c collector
	for i, it := range r.Channel.Items {
		e := Entry{GUID: strings.TrimSpace(it.GUID), Title: clean(it.Title), Link: strings.TrimSpace(it.Link),
			Source: clean(r.Channel.Title), Author: clean(first(it.Creator, it.Author)), Body: it.Encoded}
		if e.Body == "" {
			e.Body = it.Description
		} else {
			e.Summary = textOf(it.Description)
		}
		c.add("item", i, e, first(it.PubDate, it.Date))
	}
	return c.result()
}

type atom struct {
	Title   atomText `xml:"title"`
	Entries []struct {
		ID        string     `xml:"id"`
		Title     atomText   `xml:"title"`
		Links     []atomLink `xml:"link"`
		Published string     `xml:"published"`
		Updated   string     `xml:"updated"`
		Summary   atomText   `xml:"summary"`
		Content   atomText   `xml:"content"`
		Authors   []struct {
			Name string `xml:"name"`
		} `xml:"author"`
	} `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

// atomText is an Atom text construct: text, html or xhtml.
type atomText struct {
	Type  string `xml:"type,attr"`
	Inner string `xml:",innerxml"`
	Text  string `xml:",chardata"`
}

// html returns the construct as HTML.
func (t atomText) html() string {
	switch t.Type {
	case "xhtml":
		return t.Inner
	case "html":
		return t.Text
	}
	return escapeHTML(t.Text)
}

func (a *atom) entries() ([]Entry, error) {
	var c collector
	for i, it := range a.Entries {
		e := Entry{GUID: strings.TrimSpace(it.ID), Title: clean(textOf(it.Title.html())), Source: clean(textOf(a.Title.html()))}
		for _, l := range it.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				e.Link = strings.TrimSpace(l.Href)
				break
			}
		}
		if len(it.Authors) > 0 {
			e.Author = clean(it.Authors[0].Name)
		}
		e.Body = it.Content.html()
		if strings.TrimSpace(textOf(e.Body)) == "" {
			e.Body = it.Summary.html()
		} else {
			e.Summary = clean(textOf(it.Summary.html()))
		}
		c.add("entry", i, e, first(it.Published, it.Updated))
	}
	return c.result()
}

type jsonFeed struct {
	Version string `json:"version"`
	Title   string `json:"title"`
	// Items are decoded one by one, so that one item of the wrong shape
	// is reported, by its number, and the others imported.
	Items []json.RawMessage `json:"items"`
}

// jsonItem is one item of a JSON Feed.
type jsonItem struct {
	ID            json.RawMessage `json:"id"`
	URL           string          `json:"url"`
	Title         string          `json:"title"`
	ContentHTML   string          `json:"content_html"`
	ContentText   string          `json:"content_text"`
	Summary       string          `json:"summary"`
	DatePublished string          `json:"date_published"`
	DateModified  string          `json:"date_modified"`
	Author        *struct {
		Name string `json:"name"`
	} `json:"author"`
	Authors []struct {
		Name string `json:"name"`
	} `json:"authors"`
}

func parseJSONFeed(src []byte) ([]Entry, error) {
	var f jsonFeed
	if err := json.Unmarshal(src, &f); err != nil {
		return nil, fmt.Errorf("JSON Feed: %w", err)
	}
	if !strings.Contains(f.Version, "jsonfeed.org") {
		return nil, errors.New("not a JSON Feed: no jsonfeed.org version")
	}
	var c collector
	for i, raw := range f.Items {
		var it jsonItem
		if err := json.Unmarshal(raw, &it); err != nil {
			c.errs = append(c.errs, fmt.Errorf("item %d: JSON Feed: %w", i+1, err))
			continue
		}
		// The id is a string in version 1.1 and may be a number in 1.0;
		// null or anything else is no id (the link stands in for it), not
		// the text "null" that every such item would share.
		var id string
		if err := json.Unmarshal(it.ID, &id); err != nil {
			var n json.Number
			d := json.NewDecoder(bytes.NewReader(it.ID))
			d.UseNumber()
			if d.Decode(&n) == nil {
				id = n.String()
			}
		}
		id = strings.TrimSpace(id)
		e := Entry{GUID: id, Title: clean(it.Title), Link: it.URL, Source: clean(f.Title), Summary: clean(it.Summary), Body: it.ContentHTML}
		if e.Body == "" {
			e.Body, e.BodyIsText = it.ContentText, true
		}
		switch {
		case len(it.Authors) > 0:
			e.Author = clean(it.Authors[0].Name)
		case it.Author != nil:
			e.Author = clean(it.Author.Name)
		}
		c.add("item", i, e, first(it.DatePublished, it.DateModified))
	}
	return c.result()
}

// collector gathers a feed's entries and the problems of those it drops.
type collector struct {
	entries []Entry
	errs    []error
}

// add keeps entry number i (from 0) dated from rawDate, or reports it.
func (c *collector) add(kind string, i int, e Entry, rawDate string) {
	var err error
	if e.Date, err = feedTime(rawDate); err != nil {
		c.errs = append(c.errs, fmt.Errorf("%s %d (%s): %w", kind, i+1, e.Title, err))
		return
	}
	c.entries = append(c.entries, e)
}

func (c *collector) result() ([]Entry, error) { return c.entries, errors.Join(c.errs...) }

// feedTime parses the dates feeds carry: RFC 3339 (Atom, JSON Feed) and
// the RFC 822 family with its common variants (RSS).
func feedTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errors.New("no date")
	}
	for _, layout := range []string{
		time.RFC3339Nano, time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
		"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04 -0700", "Mon, 2 Jan 2006 15:04 MST",
		time.RFC822Z, time.RFC822, "2006-01-02T15:04:05", "2006-01-02",
	} {
		// In UTC rather than the machine's zone, which would read a
		// zone name as its own offset for it.
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			t, err := withNamedZone(t)
			return t.UTC(), err
		}
	}
	return time.Time{}, fmt.Errorf("unreadable date %q", s)
}

func first(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }
