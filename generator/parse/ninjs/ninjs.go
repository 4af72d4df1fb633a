// Package ninjs reads IPTC ninjs ("news in JSON") items, versions 1.x,
// 2.x and 3.x, into articles.
//
// The versions differ in names, not in meaning: 1.x has headline,
// body_text, body_html and byline; 2.x and 3.x have headlines[] and
// bodies[] with roles and content types, and by; 3.x writes its names in
// camel case (versionCreated), earlier versions in lower case. JSON names
// match case-insensitively, so one decoder reads them all. Items of a type
// other than text (pictures, video, composites without a text body) and
// JSON documents that are not ninjs items (such as the ninjs JSON Schema)
// are skipped with a message marked article.ErrSkipped.
package ninjs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/parse/internal/item"
	"github.com/attache/attache/generator/sanitize"
)

// flexString accepts a JSON string or number: ninjs 1.x versions and
// some agencies write numbers where the schema says strings.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	if string(b) == "null" {
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return errors.New("want a string or a number")
	}
	*f = flexString(n.String())
	return nil
}

type roleValue struct {
	Role        string     `json:"role"`
	ContentType string     `json:"contentType"`
	Value       flexString `json:"value"`
}

type thing struct {
	Name    string `json:"name"`
	Literal string `json:"literal"`
	URI     string `json:"uri"`
	Code    string `json:"code"`
	Scheme  string `json:"scheme"`
	Rel     string `json:"rel"`
}

// code returns the thing's code in the IPTC's qcode form where it can:
// a Media Topic URI becomes "medtop:15000000".
func (t thing) code() string {
	const medtop = "cv.iptc.org/newscodes/mediatopic/"
	const subj = "cv.iptc.org/newscodes/subjectcode/"
	switch {
	case strings.Contains(t.URI, medtop):
		return "medtop:" + t.URI[strings.Index(t.URI, medtop)+len(medtop):]
	case strings.Contains(t.URI, subj):
		return "subj:" + t.URI[strings.Index(t.URI, subj)+len(subj):]
	case t.URI != "":
		return t.URI
	case t.Code != "" && t.Scheme != "":
		return strings.TrimRight(t.Scheme, "/") + "/" + t.Code
	case t.Code != "":
		return t.Code
	}
	return t.Literal
}

// doc is the union of the ninjs versions' fields attache uses.
type doc struct {
	Schema         string     `json:"$schema"`
	URI            string     `json:"uri"`
	Type           string     `json:"type"`
	Version        flexString `json:"version"`
	VersionCreated string     `json:"versionCreated"`
	FirstCreated   string     `json:"firstCreated"`
	ContentCreated string     `json:"contentCreated"`
	Embargoed      string     `json:"embargoed"`
	PubStatus      string     `json:"pubStatus"`
	Language       string     `json:"language"`
	Slugline       string     `json:"slugline"`
	Title          string     `json:"title"`
	// 1.x
	Headline  string  `json:"headline"`
	BodyText  string  `json:"body_text"`
	BodyHTML  string  `json:"body_html"`
	BodyXHTML string  `json:"body_xhtml"`
	Byline    string  `json:"byline"`
	Subject   []thing `json:"subject"`
	Place     []thing `json:"place"`
	// 1.x description_text/_html
	DescriptionText string `json:"description_text"`
	// 2.x, 3.x
	Headlines    []roleValue `json:"headlines"`
	Bodies       []roleValue `json:"bodies"`
	Descriptions []roleValue `json:"descriptions"`
	By           string      `json:"by"`
	Subjects     []thing     `json:"subjects"`
	Places       []thing     `json:"places"`
	// located is a string in every version.
	Located         string `json:"located"`
	CopyrightHolder string `json:"copyrightHolder"`
	CopyrightNotice string `json:"copyrightNotice"`
	// Standard (3.x) names the version.
	Standard *struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"standard"`
}

// Parse reads the ninjs item src, named name in messages. Every error is
// located (file:line, with a JSON pointer where it concerns one value) and
// marked article.ErrSkipped.
func Parse(name string, src []byte) (*article.Article, error) {
	if err := item.CheckSize(name, src); err != nil {
		return nil, err
	}
	if line, err := checkDepth(src); err != nil {
		return nil, item.Skipf(name, line, "%v", err)
	}
	var d doc
	if err := json.Unmarshal(src, &d); err != nil {
		return nil, located(name, src, err)
	}
	if d.Schema != "" && strings.Contains(d.Schema, "json-schema.org") {
		return nil, item.Skipf(name, 1, "a JSON Schema, not a ninjs item")
	}
	if d.URI == "" && len(d.Headlines) == 0 && d.Headline == "" && len(d.Bodies) == 0 && d.BodyText == "" && d.BodyHTML == "" {
		return nil, item.Skipf(name, 1, "not a ninjs item: no uri, headline or body")
	}
	return d.article(name)
}

// located turns a decoding error into a located one.
func located(name string, src []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return item.Skipf(name, lineAt(src, se.Offset), "JSON: %v", se)
	case errors.As(err, &te):
		ptr := "/" + strings.ReplaceAll(te.Field, ".", "/")
		return item.Skipf(name, lineAt(src, te.Offset), "JSON %s: %s where ninjs has %s", ptr, te.Value, typeName(te.Type.Kind().String()))
	}
	return item.Skipf(name, 1, "JSON: %v", err)
}

func typeName(kind string) string {
	switch kind {
	case "slice":
		return "an array"
	case "struct", "ptr":
		return "an object"
	}
	return "a " + kind
}

// lineAt returns the 1-based line of byte offset off.
func lineAt(src []byte, off int64) int {
	if off > int64(len(src)) {
		off = int64(len(src))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(src[:off], []byte("\n")) + 1
}

// checkDepth refuses JSON nested deeper than item.MaxDepth, before the
// decoder recurses into it.
func checkDepth(src []byte) (int, error) {
	depth, line := 0, 1
	inString, escaped := false, false
	for _, c := range src {
		if c == '\n' {
			line++
		}
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			if depth++; depth > item.MaxDepth {
				return line, fmt.Errorf("JSON nested deeper than %d", item.MaxDepth)
			}
		case '}', ']':
			depth--
		}
	}
	return 0, nil
}

func (d *doc) article(file string) (*article.Article, error) {
	id := d.URI
	if id == "" {
		id = "without a uri"
	}
	if t := strings.ToLower(d.Type); t != "" && t != "text" && t != "composite" {
		return nil, item.Skipf(file, 1, "ninjs item %s is of type %q, not text", id, d.Type)
	}
	a := &article.Article{File: file, Format: article.Ninjs, GUID: d.URI, Language: d.Language}
	if v := strings.TrimSpace(string(d.Version)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, item.Skipf(file, 1, "JSON /version: %q is not a whole number", v)
		}
		a.ItemVersion = n
	}
	a.PubStatus = item.Status(d.PubStatus)
	a.Title = item.Clean(d.Headline)
	for _, h := range d.Headlines {
		v := item.Clean(string(h.Value))
		switch {
		case v == "":
		case a.Title == "" && (h.Role == "" || h.Role == "main"):
			a.Title = v
		case a.Subheadline == "" && h.Role != "main":
			a.Subheadline = v
		}
	}
	if a.Title == "" {
		a.Title = item.Clean(d.Title)
	}
	if a.Slugline = item.Clean(d.Slugline); a.Slugline != "" {
		a.Slug = a.Slugline
	}
	var first, versionCreated, created time.Time
	for _, f := range []struct {
		ptr, raw string
		to       *time.Time
	}{
		{"/versionCreated", d.VersionCreated, &versionCreated},
		{"/firstCreated", d.FirstCreated, &first},
		{"/contentCreated", d.ContentCreated, &created},
		{"/embargoed", d.Embargoed, &a.Embargoed},
	} {
		if strings.TrimSpace(f.raw) == "" {
			continue
		}
		t, err := item.Time(f.raw)
		if err != nil {
			return nil, item.Skipf(file, 1, "JSON %s: %v", f.ptr, err)
		}
		*f.to = t
	}
	item.Dates(a, first, versionCreated, created)
	a.Byline = item.Clean(d.By)
	if a.Byline == "" {
		a.Byline = item.Clean(d.Byline)
	}
	a.Source = item.Clean(d.CopyrightHolder)
	a.Copyright = item.Clean(d.CopyrightNotice)
	a.Dateline = item.Clean(d.Located)
	for _, p := range append(d.Places, d.Place...) {
		if v := item.Clean(p.Name); v != "" {
			a.Places = append(a.Places, v)
		}
	}
	for _, s := range append(d.Subjects, d.Subject...) {
		sub := article.Subject{Code: s.code(), Label: item.Clean(s.Name)}
		if sub.Code == sub.Label && s.Literal != "" && s.URI == "" {
			sub.Code = "" // a literal that is only a label
		}
		if sub != (article.Subject{}) {
			a.Subjects = append(a.Subjects, sub)
		}
	}
	for _, ds := range d.Descriptions {
		if v := item.Clean(string(ds.Value)); v != "" {
			a.Summary = v
			break
		}
	}
	if a.Summary == "" {
		a.Summary = item.Clean(d.DescriptionText)
	}
	body, err := d.body()
	if err != nil {
		return nil, item.Skipf(file, 1, "ninjs item %s: %v", id, err)
	}
	if body.HTML == "" && a.Summary != "" {
		// Some agencies (NTB) send short items as a description alone.
		body = sanitize.Text(a.Summary)
	}
	item.Fill(a, body)
	switch {
	case item.Notice(a):
	case a.Title == "" && a.Body.IsEmpty():
		return nil, item.Skipf(file, 1, "ninjs item %s has no headline and no text", id)
	case a.Title == "":
		return nil, item.Skipf(file, 1, "ninjs item %s: no headline (JSON /headlines)", id)
	case a.Date.IsZero():
		return nil, item.Skipf(file, 1, "ninjs item %s: no date (JSON /versionCreated)", id)
	}
	return a, nil
}

// body picks the richest body: NITF, then HTML or XHTML, then plain text.
func (d *doc) body() (sanitize.Result, error) {
	type cand struct {
		rank int
		kind string // "nitf", "html", "text"
		ptr  string
		src  string
	}
	var best *cand
	consider := func(c cand) {
		if strings.TrimSpace(c.src) != "" && (best == nil || c.rank > best.rank) {
			best = &c
		}
	}
	for i, b := range d.Bodies {
		ct, role := strings.ToLower(b.ContentType), strings.ToLower(b.Role)
		ptr := fmt.Sprintf("/bodies/%d/value", i)
		switch {
		case strings.Contains(ct, "nitf") || role == "nitf":
			consider(cand{3, "nitf", ptr, string(b.Value)})
		case strings.Contains(ct, "html") || strings.Contains(role, "html"):
			rank := 2
			if strings.Contains(role, "rich") {
				rank = 1 // TT's richhtml5 repeats html5 with extras
			}
			consider(cand{rank, "html", ptr, string(b.Value)})
		case strings.Contains(ct, "xml"):
			// Agencies' own XML (TT's ttnitf) is no HTML we can read.
		default:
			consider(cand{0, "text", ptr, string(b.Value)})
		}
	}
	consider(cand{2, "html", "/body_xhtml", d.BodyXHTML})
	consider(cand{2, "html", "/body_html", d.BodyHTML})
	consider(cand{0, "text", "/body_text", d.BodyText})
	if best == nil {
		return sanitize.Result{}, nil
	}
	switch best.kind {
	case "nitf":
		r, err := sanitize.XML(best.src)
		if err != nil {
			return r, fmt.Errorf("JSON %s: NITF: %w", best.ptr, err)
		}
		return r, nil
	case "html":
		return sanitize.HTML(best.src), nil
	}
	return sanitize.Text(best.src), nil
}
