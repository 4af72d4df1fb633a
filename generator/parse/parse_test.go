package parse

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/diag"
)

func TestIsArticle(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"a.txt", true}, {"world/a.md", true}, {"a.markdown", true}, {"A.MD", true}, {"a.TXT", true},
		{"a.html", false}, {"a.toml", false}, {"md", false}, {"a.md.bak", false}, {"", false}, {"txt/", false},
	}
	for _, tt := range tests {
		if got := IsArticle(tt.name); got != tt.want {
			t.Errorf("IsArticle(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestParseDispatch(t *testing.T) {
	p := New()
	wire, err := p.Parse("a.txt", []byte("date 2024-07-26 T\n\n# Not a heading"))
	if err != nil {
		t.Fatal(err)
	}
	if wire.Format != article.Wire || wire.Lede != "# Not a heading" {
		t.Errorf(".txt parsed as %s with Lede %q", wire.Format, wire.Lede)
	}
	md, err := p.Parse("a.markdown", []byte(fm+"# Heading\n"))
	if err != nil {
		t.Fatal(err)
	}
	if md.Format != article.Markdown || md.File != "a.markdown" {
		t.Errorf(".markdown parsed as %s, File %q", md.Format, md.File)
	}
	_, err = p.Parse("a.html", []byte("x"))
	var de *diag.Error
	if !errors.As(err, &de) || de.File != "a.html" {
		t.Errorf("Parse(a.html) error = %v, want a *diag.Error naming the file", err)
	}
}

// TestConcurrent parses with one Parser from many goroutines; run with
// -race.
func TestConcurrent(t *testing.T) {
	seed, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile("testdata/markdown/full.md")
	if err != nil {
		t.Fatal(err)
	}
	p := New()
	want, err := p.Parse("full.md", md)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 8 {
		wg.Go(func() {
			for range 20 {
				if _, err := p.Parse(fmt.Sprintf("%d.txt", i), seed); err != nil {
					errs <- err
					return
				}
				a, err := p.Parse("full.md", md)
				if err != nil {
					errs <- err
					return
				}
				if a.Body != want.Body {
					errs <- errors.New("concurrent parse rendered a different body")
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
