package parse

import (
	"bytes"
	"html/template"
	"reflect"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/diag"
)

// safety holds the Parser's limits and how it treats warnings.
type safety struct {
	maxBytes    int
	strict      bool
	unsafeLinks bool
	// now is the clock for dates "after next year".
	now func() time.Time
}

// WithStrict makes every warning an error: a site that wants typos in front
// matter, decoded bytes or unlikely dates to stop the build.
func WithStrict(on bool) Option {
	return func(p *Parser) { p.safe.strict = on }
}

// WithMaxArticleBytes sets the size limit of one article file; 0 or less
// keeps DefaultMaxArticleBytes.
func WithMaxArticleBytes(n int) Option {
	return func(p *Parser) {
		if n > 0 {
			p.safe.maxBytes = n
		}
	}
}

// WithUnsafeLinks lets javascript:, vbscript:, file: and data: link targets
// through when WithUnsafeHTML is on as well. With WithUnsafeHTML alone they
// are still emptied: letting an author's HTML through is not a decision to
// publish script links written as Markdown.
func WithUnsafeLinks(on bool) Option {
	return func(p *Parser) { p.safe.unsafeLinks = on }
}

// WithClock sets the clock that decides which dates are after next year.
func WithClock(now func() time.Time) Option {
	return func(p *Parser) { p.safe.now = now }
}

func (s *safety) defaults() {
	if s.maxBytes <= 0 {
		s.maxBytes = DefaultMaxArticleBytes
	}
	if s.now == nil {
		s.now = time.Now
	}
}

// prepare checks an article file's size and decodes it to clean UTF-8.
func (p *Parser) prepare(name string, src []byte) ([]byte, []diag.Warning, error) {
	if len(src) > p.safe.maxBytes {
		return nil, nil, sizeError(name, src, p.safe.maxBytes)
	}
	return decode(name, src)
}

// finish completes a parsed article: it cleans every text field, adds the
// decoding warnings and date warnings, and, for a strict parser, turns
// warnings into errors.
func (p *Parser) finish(a *article.Article, err error, src []byte, warns []diag.Warning) (*article.Article, error) {
	if err != nil || a == nil {
		return nil, err
	}
	cleanArticle(a)
	if y, w := a.Date.UTC().Year(), a.Date.Year(); min(y, w) < 1 || max(y, w) > 9999 {
		// Paths and feeds have no place for it: /articles/-001/, and
		// year 0's first days are in week 52 of the year before.
		return nil, diag.Errorf(a.File, dateLine(src, a.Date), "date %s is out of range: the year must be from 1 to 9999, as written and in UTC", a.Date.Format(time.RFC3339))
	}
	a.Warnings = append(warns, a.Warnings...)
	next := p.safe.now().Year() + 1
	if y := a.Date.Year(); y < 1900 || y > next {
		a.Warnings = append(a.Warnings, diag.Warnf(a.File, dateLine(src, a.Date),
			"date %s is before 1900 or after next year: a typo?", a.Date.Format(time.DateOnly)))
	}
	if p.safe.strict && len(a.Warnings) > 0 {
		var errs diag.List
		for _, w := range a.Warnings {
			errs.Add(w.AsError())
		}
		return nil, errs
	}
	return a, nil
}

// dateLine returns the line of src on which date is written, or 1.
func dateLine(src []byte, date time.Time) int {
	for _, layout := range []string{time.DateOnly, "2006-1-2"} {
		if i := bytes.Index(src, []byte(date.Format(layout))); i >= 0 {
			return 1 + bytes.Count(src[:i], []byte("\n"))
		}
	}
	return 1
}

// cleanArticle removes control characters and invalid UTF-8 from every text
// field. The file was clean when parsing began, but TOML escapes
// ("\u0001") and HTML character references in Markdown can produce them.
func cleanArticle(a *article.Article) {
	// Every string the article holds, by reflection rather than by a list
	// of fields, so that a field added to Article is cleaned too.
	cleanFields(reflect.ValueOf(a).Elem())
	if body, held := a.Body.Held(); held {
		a.Body = article.NewBody(template.HTML(cleanString(string(body))))
	}
	if a.Params != nil {
		cleanValue(a.Params)
	}
}

var articleType = reflect.TypeFor[article.Article]()

// cleanFields cleans the strings of v's exported fields, in slices and
// nested structs too, but the file's name, which names it on disk; maps
// (Params) and structs without exported fields (time.Time, Body) are left
// to the caller.
func cleanFields(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			if c := cleanString(v.String()); c != v.String() {
				v.SetString(c)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			cleanFields(v.Index(i))
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && !(t == articleType && f.Name == "File") {
				cleanFields(v.Field(i))
			}
		}
	}
}

func cleanString(s string) string {
	if utf8.ValidString(s) && !hasControls([]byte(s)) {
		return s
	}
	out, _ := stripControls("", bytes.ToValidUTF8([]byte(s), []byte("\uFFFD")))
	return string(out)
}

// cleanValue cleans the strings in a decoded TOML value, and returns it.
func cleanValue(v any) any {
	switch v := v.(type) {
	case string:
		return cleanString(v)
	case []any:
		for i := range v {
			v[i] = cleanValue(v[i])
		}
	case []map[string]any:
		for _, m := range v {
			cleanValue(m)
		}
	case map[string]any:
		for k, e := range v {
			if ck := cleanString(k); ck != k {
				delete(v, k)
				k = ck
			}
			v[k] = cleanValue(e)
		}
	}
	return v
}

// safeLinks empties dangerous link and image targets and turns dangerous
// autolinks into text, for a converter that otherwise lets raw HTML
// through: goldmark's unsafe mode would keep them.
type safeLinks struct{}

func (safeLinks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var autolinks []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if ghtml.IsDangerousURL(n.Destination) {
				n.Destination = []byte{}
			}
		case *ast.Image:
			if ghtml.IsDangerousURL(n.Destination) {
				n.Destination = []byte{}
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && ghtml.IsDangerousURL(n.URL(src)) {
				autolinks = append(autolinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range autolinks {
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(src)))
	}
}
