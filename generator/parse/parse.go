// Package parse reads article source files, wire copy (.txt) and Markdown with
// TOML front matter (.md, .markdown), into article.Article values.
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
	"path"
	"strings"
	"sync"

	"github.com/yuin/goldmark"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/diag"
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
// article: ".txt", ".md" or ".markdown", in any letter case.
func IsArticle(name string) bool {
	return formatOf(name) != ""
}

func formatOf(name string) article.Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt":
		return article.Wire
	case ".md", ".markdown":
		return article.Markdown
	}
	return ""
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
