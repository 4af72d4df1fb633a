package parse

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// inlineText returns the plain text of n's inline content: what a reader
// sees, without markup, with entities and backslash escapes resolved and
// typographic substitutions as Unicode characters.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeInline(&b, n, src)
	return strings.TrimSpace(b.String())
}

func writeInline(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(src)
			// Most text has nothing to resolve; the resolvers copy it anyway.
			if !c.IsRaw() && bytes.ContainsAny(v, "\\&") {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if c.HardLineBreak() {
				b.WriteByte('\n')
			} else if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() {
				// The typographer stores its substitutions as HTML entities.
				b.WriteString(html.UnescapeString(string(c.Value)))
			} else {
				b.Write(c.Value)
			}
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML, *east.TaskCheckBox, *east.FootnoteLink, *east.FootnoteBacklink:
			// Markup, not text.
		default:
			writeInline(b, c, src)
		}
	}
}

// blockText appends to chunks the plain text of the blocks under n, one
// chunk per paragraph, heading, table cell or code block, so that words
// from neighbouring blocks never run together.
func blockText(chunks []string, n ast.Node, src []byte) []string {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock, east.KindTableCell:
		if t := inlineText(n, src); t != "" {
			chunks = append(chunks, t)
		}
		return chunks
	case ast.KindCodeBlock, ast.KindFencedCodeBlock:
		var b strings.Builder
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			b.Write(seg.Value(src))
		}
		if t := strings.TrimSpace(b.String()); t != "" {
			chunks = append(chunks, t)
		}
		return chunks
	case ast.KindHTMLBlock:
		return chunks
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		chunks = blockText(chunks, c, src)
	}
	return chunks
}
