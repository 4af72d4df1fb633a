package site

import (
	"fmt"
	"testing"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/internal/cputime"
)

// TestManySameTitles: stories sharing a headline take -2, -3 … in the
// order they were filed, skipping a suffix an older story's own headline
// holds, in time that grows with their number, not with its square
// (10,000 such stories took 23 s on every build).
func TestManySameTitles(t *testing.T) {
	const n = 20000
	inputs := []Input{input("0-older.md", "Same title 3", "2024-07-01")}
	for i := range n {
		inputs = append(inputs, input(fmt.Sprintf("%05d.md", i), "Same title", "2024-07-02"))
	}
	start := cputime.Used()
	s := New(config.Default(), gazetteer.Default(), inputs)
	if took := cputime.Used() - start; took > 5*time.Second {
		t.Errorf("took %v of CPU for %d stories with one headline", took, n)
	}
	byFile := map[string]string{}
	for _, a := range s.Articles {
		byFile[a.Parsed.File] = a.Slug
	}
	want := map[string]string{
		"0-older.md": "same-title-3",
		"00000.md":   "same-title",
		"00001.md":   "same-title-2",
		"00002.md":   "same-title-4", // -3 is the older story's
		"00003.md":   "same-title-5",
		"19999.md":   fmt.Sprintf("same-title-%d", n+1),
	}
	for file, slug := range want {
		if byFile[file] != slug {
			t.Errorf("%s has slug %q, want %q", file, byFile[file], slug)
		}
	}
}

// TestManySameFileNames: under a :filename pattern, files of one name in
// many folders, with headlines of their own, take suffixes on the file
// name in linear time too.
func TestManySameFileNames(t *testing.T) {
	const n = 20000
	cfg := config.Default()
	cfg.Permalinks.Article = "/news/:filename/"
	var inputs []Input
	for i := range n {
		in := input(fmt.Sprintf("desk%05d/briefing.md", i), fmt.Sprintf("Headline %d", i), "2024-07-02")
		inputs = append(inputs, in)
	}
	start := cputime.Used()
	s := New(cfg, gazetteer.Default(), inputs)
	if took := cputime.Used() - start; took > 5*time.Second {
		t.Errorf("took %v of CPU for %d files of one name", took, n)
	}
	seen := map[string]bool{}
	for _, a := range s.Articles {
		if seen[a.Path] {
			t.Fatalf("two articles at %s", a.Path)
		}
		seen[a.Path] = true
	}
	if !seen["/news/briefing/"] || !seen[fmt.Sprintf("/news/briefing-%d/", n)] {
		t.Errorf("paths do not run from /news/briefing/ to /news/briefing-%d/", n)
	}
}
