package parse

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

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
	if utf8.Valid(src) && !utf8.ValidString(string(a.Body)) {
		t.Fatalf("valid UTF-8 input gave invalid UTF-8 Body")
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
