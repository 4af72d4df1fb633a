package parse

import (
	"bytes"
	"html"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/diag"
)

// newMarkdown returns the converter for Markdown bodies: GitHub Flavored
// Markdown, footnotes and smart punctuation. Without linkify it leaves out
// GFM's bare-URL and e-mail links; see mightLinkify.
//
// With unsafeHTML, dangerous link targets are still emptied unless
// unsafeLinks: goldmark's unsafe mode would keep them.
func newMarkdown(unsafeHTML, unsafeLinks, linkify bool) goldmark.Markdown {
	var ropts []renderer.Option
	var popts []parser.Option
	if unsafeHTML {
		ropts = append(ropts, ghtml.WithUnsafe())
		if !unsafeLinks {
			popts = append(popts, parser.WithASTTransformers(util.Prioritized(safeLinks{}, 1000)))
		}
	} else {
		// Priority below the HTML renderer's 1000 registers later and wins.
		ropts = append(ropts, renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100)))
	}
	// extension.GFM is these four.
	exts := []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList}
	if linkify {
		exts = append([]goldmark.Extender{extension.Linkify}, exts...)
	}
	return goldmark.New(
		goldmark.WithExtensions(append(exts, extension.Footnote, extension.Typographer)...),
		goldmark.WithParserOptions(append(popts, parser.WithAutoHeadingID())...),
		goldmark.WithRendererOptions(ropts...),
	)
}

// parseMarkdown parses TOML front matter and renders the body.
func (p *Parser) parseMarkdown(name string, src []byte) (*article.Article, error) {
	src = normalize(src)
	fm, body, err := splitFrontMatter(name, src)
	if err != nil {
		return nil, err
	}
	a := &article.Article{File: name, Format: article.Markdown}
	if err := fm.apply(a); err != nil {
		return nil, err
	}
	// The body starts after the front matter and its two "+++" lines.
	if err := checkMarkdown(name, body, len(fm.lines)+3); err != nil {
		return nil, err
	}

	md := p.md
	if !mightLinkify(body) {
		md = p.mdNoLinkify
	}
	doc := md.Parser().Parse(text.NewReader(body))
	out, _ := p.bufs.Get().(*htmlWriter)
	if out == nil {
		out = new(htmlWriter)
	}
	defer p.bufs.Put(out)
	out.Reset()
	if err := md.Renderer().Render(out, body, doc); err != nil {
		return nil, diag.Errorf(name, 0, "render markdown: %w", err)
	}
	// A copy of exactly the body's size: every body is held for the whole
	// build, and the buffer's spare capacity would be held with it.
	a.Body = article.NewBody(template.HTML(out.String()))

	var chunks []string
	var lede ast.Node
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if lede == nil && c.Kind() == ast.KindParagraph {
			lede = c
			continue
		}
		chunks = blockText(chunks, c, body)
	}
	// Headings or other blocks before the lede stay in Text: entity
	// detection must see every word the reader sees.
	a.Text = strings.Join(chunks, "\n\n")
	if lede != nil {
		a.Lede = inlineText(lede, body)
		if d, ok := parseDateline(a.Lede); ok {
			a.Lede = d.Rest
			if a.Dateline == "" {
				a.Dateline = d.Place
			}
			if a.Source == "" {
				a.Source = d.Agency
			}
		}
	}
	return a, nil
}

// htmlWriter collects goldmark's HTML. Being a util.BufWriter, goldmark
// writes to it directly instead of through a bufio.Writer of its own, and
// the Parser reuses them instead of growing a buffer per article: the two
// were a tenth of what parsing allocated.
type htmlWriter struct{ bytes.Buffer }

func (*htmlWriter) Available() int { return 0 }
func (*htmlWriter) Buffered() int  { return 0 }
func (*htmlWriter) Flush() error   { return nil }

// mightLinkify reports whether GFM's linkify could find a link in src: it
// links only text starting "http:", "https:", "ftp:" or "www.", and e-mail
// addresses. It tries at every space of the text, which made it two fifths
// of the time of parsing a typical briefing that has no such text; a body
// without any of them converts the same without it, but for white space at
// the end of lines, which linkify leaves and browsers ignore
// (FuzzLinkifySkip).
func mightLinkify(src []byte) bool {
	return bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www.")) || bytes.IndexByte(src, '@') >= 0
}

// escapedHTML renders raw HTML as escaped text, so that an author who wrote
// HTML sees it on the page rather than losing it silently.
type escapedHTML struct{}

func (escapedHTML) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindHTMLBlock, renderHTMLBlock)
	r.Register(ast.KindRawHTML, renderRawHTML)
}

func renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if entering {
		var raw strings.Builder
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			raw.Write(seg.Value(src))
		}
		if n.HasClosure() {
			raw.Write(n.ClosureLine.Value(src))
		}
		_, _ = w.WriteString("<p>")
		_, _ = w.WriteString(html.EscapeString(strings.TrimRight(raw.String(), "\n")))
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

func renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
	}
	return ast.WalkSkipChildren, nil
}
