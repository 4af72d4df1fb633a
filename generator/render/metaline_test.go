package render

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/templates"
)

// TestMetaLinesHaveNoStraySeparators renders every page of both themes for
// stories with and without a source, a dateline and an author, and checks
// each line of a story's date, source and dateline (.meta) and each byline:
// its parts are elements, none empty, with no text between them. The
// stylesheets put the separators between elements (".meta > * + *::before"),
// so a missing part can leave no doubled, leading or trailing separator
// ("26 JULY 2024 · · / XINHUA ·" before this). The browser checks measure
// the same lines as rendered.
func TestMetaLinesHaveNoStraySeparators(t *testing.T) {
	var inputs []site.Input
	day := time.Date(2024, 7, 26, 0, 0, 0, 0, time.UTC)
	for i, parts := range []struct{ source, dateline, byline string }{
		{"Xinhua", "BEIJING", "Li Wei"},
		{"", "BEIJING", "Li Wei"},
		{"Xinhua", "", "Li Wei"},
		{"Xinhua", "BEIJING", ""},
		{"", "", ""},
		{"", "VIENTIANE", ""},
		{"AP", "", ""},
	} {
		a := &article.Article{
			File: fmt.Sprintf("s%d.md", i), Title: fmt.Sprintf("Story %d", i), Date: day.AddDate(0, 0, i),
			Source: parts.source, Dateline: parts.dateline, Byline: parts.byline, Summary: "Summary.",
		}
		inputs = append(inputs, site.Input{Article: a, Detected: detect.Result{Countries: []detect.Entity{{ID: "CN", Mentions: 1, Primary: true}}}})
	}
	s := site.New(config.Default(), gazetteer.Default(), inputs)
	for _, name := range []string{"default", "situation"} {
		r := bundledRenderer(t, name)
		lines := 0
		for _, p := range viewsOf(s) {
			b, err := r.RenderBytes(p)
			if err != nil {
				t.Fatalf("%s %s: %v", name, p.Path, err)
			}
			doc, err := html.Parse(strings.NewReader(string(b)))
			if err != nil {
				t.Fatal(err)
			}
			for line := range metaLines(doc) {
				lines++
				if msg := strayText(line); msg != "" {
					t.Errorf("%s %s: %s in %s", name, p.Path, msg, outerHTML(line))
				}
			}
		}
		if lines < 7 {
			t.Errorf("%s: %d meta lines checked, want one per story at least", name, lines)
		}
	}
}

// bundledRenderer is a renderer of the bundled theme name for
// https://example.org/, with opts besides.
func bundledRenderer(t *testing.T, name string, opts ...Option) *Renderer {
	t.Helper()
	theme, err := Theme(templates.FS, "", name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(theme, "https://example.org/", append([]Option{WithThemeName(name)}, opts...)...)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

// metaLines yields the <p class="meta"> and <p class="byline"> elements.
func metaLines(n *html.Node) func(func(*html.Node) bool) {
	return func(yield func(*html.Node) bool) {
		var walk func(*html.Node) bool
		walk = func(n *html.Node) bool {
			if n.Type == html.ElementNode && n.Data == "p" {
				for _, a := range n.Attr {
					if a.Key == "class" && (a.Val == "meta" || a.Val == "byline") {
						return yield(n)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if !walk(c) {
					return false
				}
			}
			return true
		}
		walk(n)
	}
}

// strayText says what is wrong with a meta line: text between its parts,
// or a part with no text.
func strayText(p *html.Node) string {
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return fmt.Sprintf("text %q between parts", c.Data)
			}
		case html.ElementNode:
			if strings.TrimSpace(textOf(c)) == "" {
				return fmt.Sprintf("empty <%s>", c.Data)
			}
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

func outerHTML(n *html.Node) string {
	var b strings.Builder
	html.Render(&b, n)
	return b.String()
}
