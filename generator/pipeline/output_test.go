package pipeline

import (
	"bytes"
	"context"
	"testing"

	"github.com/attache/attache/generator/feed"
	"github.com/attache/attache/generator/output"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestFeedOutputsMatchFiles checks that the lazily encoded feeds of an
// incremental build are exactly what feed.Files makes for a clean one.
func TestFeedOutputsMatchFiles(t *testing.T) {
	p, err := Load(Options{Source: "../build/testdata/sites/basic"})
	must(t, err)
	s, err := p.Model(context.Background())
	must(t, err)
	want, err := feed.Files(s, feed.WithStrings(p.Renderer.Strings()))
	must(t, err)
	got := map[string][]byte{}
	for _, o := range feedOutputs(s, s.Pages(), p.Renderer.Strings()) {
		data, err := o.render()
		must(t, err)
		got[o.name] = data
	}
	if len(got) != len(want) {
		t.Errorf("%d feed outputs, feed.Files makes %d", len(got), len(want))
	}
	for _, f := range want {
		if !bytes.Equal(got[f.Path], f.Data) {
			t.Errorf("%s differs from feed.Files", f.Path)
		}
	}
}

func TestCleanNameMatchesCleanPath(t *testing.T) {
	for _, name := range []string{
		"index.html", "/index.html", "articles/2024/07/a-b_c/index.html", "/countries/laos/atom.xml",
		"a//b", "/a/./b", "a/../b", "../x", "/", "", "a/", ".well-known/x", "a/.b", "a/b.", "a\\b",
		"a/b c", "a/\x00", "//a", "sitemap-1.xml", "é/index.html",
	} {
		want := name
		if c, err := output.CleanPath(name); err == nil {
			want = c
		}
		if got := cleanName(name); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", name, got, want)
		}
	}
}
