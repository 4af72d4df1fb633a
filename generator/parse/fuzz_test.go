package parse

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"

	"github.com/attache/attache/generator/diag"
)

func addFiles(f *testing.F, pattern string) {
	files, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
}

// checkFuzz holds for every input: parsing never panics, fails only with a
// located error, and a parsed article always has a title and a date.
func checkFuzz(t *testing.T, name string, src []byte) {
	a, err := New().Parse(name, src)
	if err != nil {
		var de *diag.Error
		if !errors.As(err, &de) || de.File != name {
			t.Fatalf("error %v is not a *diag.Error naming %s", err, name)
		}
		return
	}
	if a.Title == "" || a.Date.IsZero() {
		t.Fatalf("parsed without error but Title = %q, Date = %v", a.Title, a.Date)
	}
	// Whatever the bytes, no invalid UTF-8 and no control character
	// leaves the parser.
	for _, s := range []string{bodyText(a), a.Title, a.Lede, a.Summary, a.Dateline, a.Source} {
		if !utf8.ValidString(s) || hasControls([]byte(s)) {
			t.Fatalf("unclean text %q from %q", s, src)
		}
	}
}

func FuzzWire(f *testing.F) {
	addFiles(f, "testdata/wire/*.txt")
	for _, s := range []string{"", "\uFEFF", "date", "date 2024-07-26", "date 9999-99-99 x", "(Web editor: )", "A\nB) 1", "X\n\nA, July 1 (B) -- "} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkFuzz(t, "f.txt", src) })
}

func FuzzMarkdown(f *testing.F) {
	addFiles(f, "testdata/markdown/*.md")
	for _, s := range []string{"", "+++", "+++\n+++", "+++\ntitle = \"T\"\n+++\n", "+++\ntitle=\"T\"\ndate=00:00:00\n+++", "+++\n[a]\ntitle=1\n+++"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkFuzz(t, "f.md", src) })
}

// FuzzLinkifySkip checks the shortcut of parseMarkdown: a body in which
// mightLinkify sees nothing converts the same without linkify, but for
// white space at the end of a line: linkify, which goldmark tries at every
// space, leaves one there (testdata/fuzz/FuzzLinkifySkip), where CommonMark
// and the converter without it drop it. Browsers show both alike.
var lineEndSpace = regexp.MustCompile(`[ \t]+(<br>|\n)`)

func FuzzLinkifySkip(f *testing.F) {
	addFiles(f, "testdata/markdown/*.md")
	for _, s := range []string{"see example.com", "mail me at x", "(www)", "*http*", "~ftp:x~", "_w w w._", "[http](x)"} {
		f.Add([]byte(s))
	}
	type pair struct{ with, without goldmark.Markdown }
	pairs := []pair{{newMarkdown(false, false, true), newMarkdown(false, false, false)}, {newMarkdown(true, false, true), newMarkdown(true, false, false)}}
	f.Fuzz(func(t *testing.T, src []byte) {
		if mightLinkify(src) {
			return
		}
		convert := func(md goldmark.Markdown) string {
			var b bytes.Buffer
			if err := md.Convert(src, &b); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		for _, p := range pairs {
			if a, b := lineEndSpace.ReplaceAllString(convert(p.with), "$1"), lineEndSpace.ReplaceAllString(convert(p.without), "$1"); a != b {
				t.Fatalf("with linkify:\n%s\nwithout:\n%s", a, b)
			}
		}
	})
}
