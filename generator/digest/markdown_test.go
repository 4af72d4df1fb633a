package digest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// TestMarkdownStaysText renders each escaped text where a digest's summary
// stands, at the start of an item's continuation line, with GitHub's
// Markdown: none may open a list, a heading, strikethrough or a link.
func TestMarkdownStaysText(t *testing.T) {
	conv := goldmark.New(goldmark.WithExtensions(extension.GFM))
	for _, text := range []string{
		"- a point", "+ another", "* starred", "1. first", "12) twelfth", "===", "---", "~~struck~~", "# heading",
		"> quoted", "[link](javascript:alert(1))", "<b>bold</b>", "`code`", "  - indented", "| a | b |",
	} {
		src := "- **Title**  \n  Agency, 30 July  \n  " + md(text) + "\n"
		var out bytes.Buffer
		if err := conv.Convert([]byte(src), &out); err != nil {
			t.Fatal(err)
		}
		html := out.String()
		if strings.Count(html, "<li>") != 1 || strings.Contains(html, "<ol") || strings.Count(html, "<ul>") != 1 ||
			strings.Contains(html, "<h") || strings.Contains(html, "<del>") || strings.Contains(html, "<a ") ||
			strings.Contains(html, "<b>") || strings.Contains(html, "<code>") || strings.Contains(html, "<blockquote>") ||
			strings.Contains(html, "<table>") || strings.Contains(html, "<hr") {
			t.Errorf("%q as %q renders as markup:\n%s", text, md(text), html)
		}
	}
}
