package search_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache/attache/generator/build"
	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/search"
)

// buildSite builds the site at src, drafts included, with the stories of extra folders
// copied into its content, and returns the output folder.
func buildSite(t *testing.T, src string, extra ...string) string {
	t.Helper()
	site := t.TempDir()
	copyDir(t, src, site)
	for _, dir := range extra {
		copyDir(t, dir, filepath.Join(site, "content"))
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(context.Background(), pipeline.Options{Source: site, Destination: dest, Drafts: true}); err != nil {
		t.Fatal(err)
	}
	return dest
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(to, rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// openIndex reads the index of a built site.
func openIndex(t *testing.T, dest string) *search.Reader {
	t.Helper()
	r, err := search.NewReader(func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// paths returns the URL paths of the first n hits.
func paths(t *testing.T, r *search.Reader, hits []search.Hit, n int) []string {
	t.Helper()
	var out []string
	for _, h := range hits[:min(n, len(hits))] {
		rec, err := r.Record(h.Doc)
		if err != nil {
			t.Fatal(err)
		}
		var fields []any
		if err := json.Unmarshal(rec, &fields); err != nil {
			t.Fatal(err)
		}
		out = append(out, fields[0].(string))
	}
	return out
}

// TestRelevance asks every query of testdata/relevance/queries.txt, whose
// answers were written before the ranking was tuned, and wants each known
// story among the first five results.
func TestRelevance(t *testing.T) {
	dest := buildSite(t, "testdata/relevance", "../../content")
	r := openIndex(t, dest)
	f, err := os.Open("testdata/relevance/queries.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		q, want, ok := strings.Cut(text, "\t")
		if !ok {
			t.Fatalf("queries.txt:%d: no tab", line)
		}
		n++
		typing := strings.HasPrefix(q, "~")
		hits, err := r.Search(search.ParseQuery(strings.TrimPrefix(q, "~"), typing))
		if err != nil {
			t.Fatal(err)
		}
		top := paths(t, r, hits, 5)
		// :filename drops the date a file's name starts with.
		path := "/a/" + strings.TrimLeft(want, "0123456789-") + "/"
		found := false
		for _, p := range top {
			found = found || p == path
		}
		if !found {
			t.Errorf("queries.txt:%d: %q: %s not in the top 5 of %d: %v", line, q, want, len(hits), top)
		}
	}
	if n < 30 {
		t.Errorf("%d queries, want at least 30", n)
	}
}
