package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache/attache/generator/pipeline"
)

// TestFailedBuildWaitsForAnEdit: a rebuild that failed rendering is not
// retried for changes to nothing the site is made of, such as its own
// staging folder going away beside an output in the site folder (watch
// retried such a build ten times a second), but it is by the edit that
// mends it, after which the output is a clean build's.
func TestFailedBuildWaitsForAnEdit(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	layout := filepath.Join(src, "templates", "default", "layouts", "404.html")
	bundled, err := os.ReadFile("../../templates/default/layouts/404.html")
	must(t, err)
	writeFiles(t, src, map[string]string{
		"config.toml":                        "title = \"Desk\"\nbaseURL = \"https://example.org/\"\n",
		"content/a.md":                       "+++\ntitle = \"Talks\"\ndate = 2025-06-01\n+++\n\nMinisters of Laos met.\n",
		"templates/default/layouts/404.html": string(bundled),
	})
	dest := filepath.Join(src, "public")
	b := NewBuilder(pipeline.Options{Source: src, Destination: dest})
	if _, err := b.Update(ctx, nil); err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(layout, []byte(strings.Replace(string(bundled), "<h1>", "<h1>{{.Nope}}", 1)), 0o644))
	if _, err := b.Update(ctx, []string{layout}); err == nil {
		t.Fatal("a layout reading a field no page has built")
	}
	for _, other := range []string{filepath.Join(src, ".public.attache-new-1-2"), filepath.Join(src, "notes.txt")} {
		r, err := b.Update(ctx, []string{other})
		if err != nil || !r.Idle {
			t.Errorf("after a failed build, a change to %s: %v, idle %v; want nothing done", filepath.Base(other), err, r.Idle)
		}
	}
	must(t, os.WriteFile(layout, bundled, 0o644))
	if r, err := b.Update(ctx, []string{layout}); err != nil || r.Idle {
		t.Fatalf("the mending edit: %v, idle %v", err, r.Idle)
	}
	clean := filepath.Join(t.TempDir(), "public")
	if _, err := Run(ctx, pipeline.Options{Source: src, Destination: clean}); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "mended", dest, clean)
}
