// Package parse reads article source files, wire copy (.txt), Markdown with
// TOML front matter (.md, .markdown) and the IPTC's agency formats,
// NewsML-G2 (.xml, package newsml) and ninjs (.json, package ninjs), into
// article.Article values.
//
// Wire copy is plain text as agencies publish it:
//
//	date 2024-07-26 China, Russia can maintain communication ...
//
//	Xinhua) 14:04, July 26, 2024
//
//	VIENTIANE, July 25 (Xinhua) -- Chinese Foreign Minister Wang Yi ...
//
//	(Web editor: Zhang Kaiwei, Zhong Wenxing)
//
// The date line, the source line and the footer are optional. Without a date
// line the first line is the title and the date comes from the source line
// or a YYYY-MM-DD prefix of the file name.
//
// Markdown articles open with TOML front matter between "+++" lines and are
// rendered with goldmark: GitHub Flavored Markdown, footnotes, smart
// typography and heading IDs. Raw HTML is escaped unless WithUnsafeHTML is
// on.
package parse

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/parse/internal/item"
	"github.com/attache/attache/generator/parse/newsml"
	"github.com/attache/attache/generator/parse/ninjs"
)

// Parser parses articles. It builds its Markdown converter once; a Parser is
// safe for concurrent use by multiple goroutines.
type Parser struct {
	unsafeHTML bool
	md         goldmark.Markdown
	// mdNoLinkify converts bodies in which linkify would find nothing.
	mdNoLinkify goldmark.Markdown
	// bufs holds *htmlWriter for rendering bodies.
	bufs sync.Pool
	safe safety
}

// Option configures a Parser.
type Option func(*Parser)

// WithUnsafeHTML sets whether raw HTML and dangerous link targets such as
// javascript: URLs in Markdown pass through to the output. When off, the
// default, raw HTML is escaped so the author sees it on the page, and
// dangerous links are emptied.
func WithUnsafeHTML(on bool) Option {
	return func(p *Parser) { p.unsafeHTML = on }
}

// New returns a Parser configured by opts.
func New(opts ...Option) *Parser {
	p := &Parser{}
	for _, opt := range opts {
		opt(p)
	}
	p.safe.defaults()
	p.md = newMarkdown(p.unsafeHTML, p.safe.unsafeLinks, true)
	p.mdNoLinkify = newMarkdown(p.unsafeHTML, p.safe.unsafeLinks, false)
	return p
}

// IsArticle reports whether name has an extension attache reads as an
// article: ".txt", ".md", ".markdown", ".xml" (NewsML-G2) or ".json"
// (ninjs), in any letter case.
func IsArticle(name string) bool {
	return formatOf(name) != ""
}

func formatOf(name string) article.Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt":
		return article.Wire
	case ".md", ".markdown":
		return article.Markdown
	case ".xml":
		return article.NewsML
	case ".json":
		return article.Ninjs
	}
	return ""
}

// ParseAll parses the articles of one file: one for wire copy, Markdown and
// ninjs, and one per text item of a NewsML-G2 newsMessage. The second and
// later items of a file carry "#2", "#3"… after the file's name in
// Article.File, so that every article has a name of its own.
//
// For the agency formats (.xml, .json) it may return articles and an error
// together: the error, a diag.List, names what was skipped or could not be
// read, each marked article.ErrSkipped (a build reports those and goes on).
// For the other formats it returns an article or an error, as Parse does.
//
// Agency files are checked, decoded and cleaned as the other formats are
// (see Parse): a BOM or UTF-16 is read, control characters never reach a
// page, and each article gets the same date warnings.
func (p *Parser) ParseAll(name string, src []byte) ([]*article.Article, error) {
	if f := formatOf(name); f != article.NewsML && f != article.Ninjs {
		a, err := p.Parse(name, src)
		if err != nil {
			return nil, err
		}
		return []*article.Article{a}, nil
	}
	// An agency file that cannot be read is skipped, as agencies' files
	// are (see article.ErrSkipped), not fatal.
	if err := item.CheckSize(name, src); err != nil {
		return nil, err
	}
	src, warns, err := p.prepare(name, src)
	if err != nil {
		return nil, skip(name, err)
	}
	arts, err := parseAgency(name, src)
	var errs diag.List
	errs.Add(err)
	out := arts[:0]
	for _, a := range arts {
		done, err := p.finish(a, nil, src, slices.Clip(warns))
		if err != nil {
			if !p.safe.strict {
				err = skip(a.File, err) // a date out of range
			}
			errs.Add(err)
			continue
		}
		out = append(out, done)
	}
	return out, errs.Err()
}

// skip marks err, about file, article.ErrSkipped.
func skip(file string, err error) error {
	if de := (*diag.Error)(nil); errors.As(err, &de) {
		return item.Skipf(de.File, de.Line, "%v", de.Err)
	}
	return item.Skipf(file, 0, "%v", err)
}

// parseAgency parses a decoded NewsML-G2 or ninjs file.
func parseAgency(name string, src []byte) ([]*article.Article, error) {
	var arts []*article.Article
	var err error
	if formatOf(name) == article.NewsML {
		arts, err = newsml.Parse(name, src)
	} else {
		var a *article.Article
		if a, err = ninjs.Parse(name, src); a != nil {
			arts = []*article.Article{a}
		}
	}
	for i, a := range arts {
		agencyDateline(a)
		if i > 0 {
			a.File = fmt.Sprintf("%s#%d", a.File, i+1)
		}
	}
	return arts, err
}

// agencyDateline takes a dateline written into the lede, as agencies do
// ("GROSSETO, Italy (AP) -- The trial…"), out of it, as for Markdown.
func agencyDateline(a *article.Article) {
	d, ok := parseDateline(a.Lede)
	if !ok {
		return
	}
	a.Lede = d.Rest
	if a.Dateline == "" {
		a.Dateline = d.Place
	}
	if a.Source == "" {
		a.Source = d.Agency
	}
}

// Parse parses one article. name is the file's path relative to the content
// folder, with forward slashes; it is recorded in Article.File, used in error
// messages, and its base may carry the date as a YYYY-MM-DD prefix. The format
// follows from the extension. Errors about the input are *diag.Error values
// naming name and the line. Before any of that the file is checked against
// the size limit and decoded to clean UTF-8 (see decode); the article
// carries the warnings.
func (p *Parser) Parse(name string, src []byte) (a *article.Article, err error) {
	src, warns, err := p.prepare(name, src)
	if err != nil {
		return nil, err
	}
	defer func() { a, err = p.finish(a, err, src, warns) }()
	switch formatOf(name) {
	case article.Wire:
		return parseWire(name, src)
	case article.Markdown:
		return p.parseMarkdown(name, src)
	case article.NewsML, article.Ninjs:
		// The first article of the file; ParseAll returns them all.
		arts, err := parseAgency(name, src)
		if len(arts) == 0 {
			return nil, err
		}
		return arts[0], nil
	}
	return nil, diag.Errorf(name, 0, "unknown article format %q", path.Ext(name))
}

var bom = []byte("\uFEFF")

// normalize removes a byte order mark and turns CRLF and lone CR line ends
// into LF, so that the parsers see one convention and line numbers still
// match what an editor shows.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, bom)
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}
