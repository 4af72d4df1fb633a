// Package newsml reads IPTC NewsML-G2 files: a newsItem, or a newsMessage
// carrying several, into articles.
//
// Text items become articles; picture, video, graphic and audio items,
// packages (packageItem), concepts, events and planning items hold no
// story of their own and are skipped with a message marked
// article.ErrSkipped. The body is the first inlineXML (NITF or XHTML) or
// inlineData of the contentSet, sanitised.
package newsml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/parse/internal/item"
	"github.com/attache/attache/generator/sanitize"
)

// Parse reads the NewsML-G2 document src, named name in messages. It
// returns the articles of its text items and, as a diag.List, what it
// skipped or could not read; both may be non-empty. Every error is
// located (file:line) and marked article.ErrSkipped.
func Parse(name string, src []byte) ([]*article.Article, error) {
	if err := item.CheckSize(name, src); err != nil {
		return nil, err
	}
	if err := checkDepth(name, src); err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Entity = xml.HTMLEntity
	d.CharsetReader = decoded
	var arts []*article.Article
	var errs diag.List
	var path []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return arts, item.Skipf(name, line, "%s: %v", where(path), xmlErr(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := d.InputPos()
			local := t.Name.Local
			switch {
			case local == "newsItem":
				var ni newsItem
				if err := d.DecodeElement(&ni, &t); err != nil {
					line, _ := d.InputPos()
					return arts, item.Skipf(name, line, "%s: %v", where(append(path, local)), xmlErr(err))
				}
				a, err := ni.article(name, line)
				if err != nil {
					errs.Add(err)
					continue
				}
				arts = append(arts, a)
			case len(path) == 0 && local != "newsMessage":
				if isItem(local) {
					return nil, item.Skipf(name, line, "a NewsML-G2 %s holds no story of its own", local)
				}
				return nil, item.Skipf(name, line, "not a NewsML-G2 newsItem or newsMessage (root element <%s>)", local)
			case isItem(local):
				errs.Add(item.Skipf(name, line, "a %s holds no story of its own", local))
				if err := d.Skip(); err != nil {
					return arts, item.Skipf(name, line, "%s: %v", where(append(path, local)), xmlErr(err))
				}
			default:
				path = append(path, local)
			}
		case xml.EndElement:
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
		}
	}
	if len(arts) == 0 && len(errs) == 0 {
		return nil, item.Skipf(name, 1, "no newsItem in the document")
	}
	return arts, errs.Err()
}

// isItem reports whether an element is one of NewsML-G2's items other than
// newsItem.
func isItem(local string) bool {
	switch local {
	case "packageItem", "conceptItem", "knowledgeItem", "planningItem", "catalogItem", "conceptSet":
		return true
	}
	return false
}

func where(path []string) string {
	if len(path) == 0 {
		return "document"
	}
	return strings.Join(path, "/")
}

// xmlErr drops encoding/xml's line, which the caller puts in front.
func xmlErr(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return errors.New("XML syntax error: " + se.Msg)
	}
	return err
}

// decoded is the decoder's CharsetReader: the parser has already decoded
// the file to UTF-8 (ISO-8859-1, Windows-1252 or UTF-16, as declared or
// detected), so the encoding the XML declaration names is read as it is.
func decoded(label string, input io.Reader) (io.Reader, error) { return input, nil }

// checkDepth refuses documents nested deeper than item.MaxDepth before
// anything decodes them.
func checkDepth(name string, src []byte) error {
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = false
	d.CharsetReader = decoded
	depth := 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			return nil // syntax errors are reported by the real pass
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth++; depth > item.MaxDepth {
				line, _ := d.InputPos()
				return item.Skipf(name, line, "elements nested deeper than %d", item.MaxDepth)
			}
		case xml.EndElement:
			depth--
		}
	}
}

// text is the text of an element and all its descendants.
type text string

func (t *text) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var b strings.Builder
	depth := 1
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch v := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			b.Write(v)
		}
	}
	*t = text(item.Clean(b.String()))
	return nil
}

type qcoded struct {
	QCode string `xml:"qcode,attr"`
	URI   string `xml:"uri,attr"`
	Role  string `xml:"role,attr"`
	Names []name `xml:"name"`
}

type name struct {
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Char string `xml:",chardata"`
}

// label returns the name in lang, else the first.
// code is the concept's QCode, else its URI: NewsML-G2 allows either
// ("stat:canceled", "http://cv.iptc.org/newscodes/pubstatusg2/canceled").
func (q qcoded) code() string {
	if q.QCode != "" {
		return q.QCode
	}
	return q.URI
}

func (q qcoded) label(lang string) string {
	best := ""
	for _, n := range q.Names {
		v := item.Clean(n.Char)
		if v == "" {
			continue
		}
		if best == "" || (lang != "" && strings.EqualFold(n.Lang, lang)) {
			best = v
		}
	}
	return best
}

// roleText is an element's role and all its text, inline markup and all.
type roleText struct {
	Role string
	Text text
}

func (r *roleText) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	for _, a := range start.Attr {
		if a.Name.Local == "role" {
			r.Role = a.Value
		}
	}
	return r.Text.UnmarshalXML(d, start)
}

func (r roleText) value() string { return string(r.Text) }

type newsItem struct {
	GUID     string   `xml:"guid,attr"`
	Version  string   `xml:"version,attr"`
	Lang     string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Rights   []rights `xml:"rightsInfo"`
	ItemMeta struct {
		ItemClass      qcoded `xml:"itemClass"`
		Provider       qcoded `xml:"provider"`
		VersionCreated string `xml:"versionCreated"`
		FirstCreated   string `xml:"firstCreated"`
		Embargoed      string `xml:"embargoed"`
		PubStatus      qcoded `xml:"pubStatus"`
	} `xml:"itemMeta"`
	ContentMeta struct {
		ContentCreated string     `xml:"contentCreated"`
		Located        []qcoded   `xml:"located"`
		Creators       []qcoded   `xml:"creator"`
		InfoSources    []qcoded   `xml:"infoSource"`
		Subjects       []qcoded   `xml:"subject"`
		Sluglines      []roleText `xml:"slugline"`
		Headlines      []roleText `xml:"headline"`
		Datelines      []roleText `xml:"dateline"`
		Bys            []roleText `xml:"by"`
		Descriptions   []roleText `xml:"description"`
		Languages      []struct {
			Tag string `xml:"tag,attr"`
		} `xml:"language"`
	} `xml:"contentMeta"`
	ContentSet struct {
		Inline []inline `xml:",any"`
	} `xml:"contentSet"`
}

type rights struct {
	Holder struct {
		Names []name `xml:"name"`
	} `xml:"copyrightHolder"`
	Notice text `xml:"copyrightNotice"`
}

type inline struct {
	XMLName     xml.Name
	ContentType string `xml:"contenttype,attr"`
	Inner       string `xml:",innerxml"`
}

func (ni *newsItem) article(file string, line int) (*article.Article, error) {
	id := ni.GUID
	if id == "" {
		id = "without a guid"
	}
	if c := ni.ItemMeta.ItemClass.code(); c != "" && !strings.HasSuffix(c, ":text") && !strings.HasSuffix(c, "/text") {
		return nil, item.Skipf(file, line, "newsItem %s is a %s item, not text", id, c)
	}
	cm := &ni.ContentMeta
	a := &article.Article{File: file, Format: article.NewsML, GUID: ni.GUID}
	if ni.Version != "" {
		v, err := strconv.Atoi(strings.TrimSpace(ni.Version))
		if err != nil || v < 0 {
			return nil, item.Skipf(file, line, "newsItem %s: version %q is not a whole number", id, ni.Version)
		}
		a.ItemVersion = v
	}
	a.PubStatus = item.Status(ni.ItemMeta.PubStatus.code())
	a.Language = ni.Lang
	if len(cm.Languages) > 0 && cm.Languages[0].Tag != "" {
		a.Language = cm.Languages[0].Tag
	}
	for _, h := range cm.Headlines {
		v := h.value()
		switch {
		case v == "":
		case a.Title == "" && !strings.Contains(h.Role, "sub"):
			a.Title = v
		case a.Subheadline == "":
			a.Subheadline = v
		}
	}
	if a.Title == "" && a.Subheadline != "" {
		a.Title, a.Subheadline = a.Subheadline, ""
	}
	for _, s := range cm.Sluglines {
		if v := s.value(); v != "" {
			a.Slugline, a.Slug = v, v
			break
		}
	}
	var first, versionCreated, created time.Time
	for _, f := range []struct {
		el  string
		raw string
		to  *time.Time
	}{
		{"itemMeta/versionCreated", ni.ItemMeta.VersionCreated, &versionCreated},
		{"itemMeta/firstCreated", ni.ItemMeta.FirstCreated, &first},
		{"itemMeta/embargoed", ni.ItemMeta.Embargoed, &a.Embargoed},
		{"contentMeta/contentCreated", cm.ContentCreated, &created},
	} {
		if strings.TrimSpace(f.raw) == "" {
			continue
		}
		t, err := item.Time(f.raw)
		if err != nil {
			return nil, item.Skipf(file, line, "newsItem %s: %s: %v", id, f.el, err)
		}
		*f.to = t
	}
	item.Dates(a, first, versionCreated, created)
	for _, d := range cm.Datelines {
		if v := d.value(); v != "" {
			a.Dateline = v
			break
		}
	}
	for _, l := range cm.Located {
		if v := l.label(a.Language); v != "" {
			a.Places = append(a.Places, v)
			if a.Dateline == "" {
				a.Dateline = v
			}
		}
	}
	var by []string
	for _, b := range cm.Bys {
		if v := b.value(); v != "" {
			by = append(by, v)
		}
	}
	if len(by) == 0 {
		for _, c := range cm.Creators {
			if v := c.label(a.Language); v != "" {
				by = append(by, v)
			}
		}
	}
	a.Byline = strings.Join(by, ", ")
	a.Source = ni.source(a.Language)
	for _, r := range ni.Rights {
		if v := string(r.Notice); v != "" {
			a.Copyright = v
			break
		}
	}
	for _, s := range cm.Subjects {
		sub := article.Subject{Code: s.code(), Label: s.label(a.Language)}
		if sub != (article.Subject{}) {
			a.Subjects = append(a.Subjects, sub)
		}
	}
	for _, d := range cm.Descriptions {
		if v := d.value(); v != "" && a.Summary == "" && (d.Role == "" || strings.Contains(d.Role, "summary") || strings.Contains(d.Role, "abstract")) {
			a.Summary = v
		}
	}
	body, err := ni.body()
	if err != nil {
		return nil, item.Skipf(file, line, "newsItem %s: contentSet: %v", id, err)
	}
	item.Fill(a, body)
	if item.Notice(a) {
		return a, nil
	}
	if a.Title == "" && a.Body.IsEmpty() {
		return nil, item.Skipf(file, line, "newsItem %s has no headline and no text", id)
	}
	if a.Title == "" {
		return nil, item.Skipf(file, line, "newsItem %s: no contentMeta/headline", id)
	}
	if a.Date.IsZero() {
		return nil, item.Skipf(file, line, "newsItem %s: no itemMeta/versionCreated", id)
	}
	if a.Lede == "" {
		a.Lede = a.Summary
	}
	return a, nil
}

// source names who the story is from: the provider's name or code, the
// information source, else the copyright holder.
func (ni *newsItem) source(lang string) string {
	p := ni.ItemMeta.Provider
	if v := p.label(lang); v != "" {
		return v
	}
	if _, code, ok := strings.Cut(p.QCode, ":"); ok && code != "" {
		return code
	}
	for _, s := range ni.ContentMeta.InfoSources {
		if v := s.label(lang); v != "" {
			return v
		}
	}
	for _, r := range ni.Rights {
		for _, n := range r.Holder.Names {
			if v := item.Clean(n.Char); v != "" {
				return v
			}
		}
	}
	return ""
}

// body sanitises the first text content of the contentSet.
func (ni *newsItem) body() (sanitize.Result, error) {
	for _, in := range ni.ContentSet.Inline {
		ct := strings.ToLower(in.ContentType)
		switch in.XMLName.Local {
		case "inlineXML":
			r, err := sanitize.XML(in.Inner)
			if err != nil {
				return r, fmt.Errorf("inlineXML: %w", err)
			}
			return r, nil
		case "inlineData":
			raw, markup := unescape(in.Inner)
			switch {
			case strings.Contains(ct, "html") && markup:
				// Markup left unescaped, as some agencies send it: the
				// inner XML is the HTML.
				return sanitize.HTML(in.Inner), nil
			case strings.Contains(ct, "html"):
				return sanitize.HTML(raw), nil
			}
			return sanitize.Text(raw), nil
		}
	}
	return sanitize.Result{}, nil
}

// unescape returns the character data of an element's inner XML, that
// of elements within it too, and whether it held elements: inlineData
// should hold escaped text, but some agencies put markup in it.
func unescape(inner string) (text string, markup bool) {
	d := xml.NewDecoder(strings.NewReader("<x>" + inner + "</x>"))
	d.Entity = xml.HTMLEntity
	var b strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				return b.String(), markup
			}
			return "", false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > 1 {
				markup = true
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			b.Write(t)
		}
	}
}
