//go:build unix

package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attache/attache/generator/pipeline"
)

// TestWatchedTemplateLinks drives a watching Builder through edits of
// layouts that the templates folder reaches by symbolic links: a file
// linked from elsewhere in the site, and a folder outside it, which the
// watcher watches as a root of its own. After each edit the output is a
// clean build's.
func TestWatchedTemplateLinks(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	partials := filepath.Join(src, "templates", "default", "layouts", "partials")
	for _, dir := range []string{filepath.Join(src, "content"), filepath.Join(src, "shared"), partials, filepath.Join(root, "elsewhere")} {
		must(t, os.MkdirAll(dir, 0o755))
	}
	must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("title = \"Desk\"\nbaseURL = \"https://example.org/\"\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(src, "content", "a.md"), []byte("+++\ntitle = \"Talks\"\ndate = 2025-06-01\n+++\n\nMinisters of Laos met.\n"), 0o644))
	footer, err := os.ReadFile("../../templates/default/layouts/partials/footer.html")
	must(t, err)
	header, err := os.ReadFile("../../templates/default/layouts/partials/header.html")
	must(t, err)
	mark := func(layout []byte, tag, text string) []byte {
		return []byte(strings.Replace(string(layout), "<"+tag, text+"<"+tag, 1))
	}
	write := func(path string, data []byte) string {
		must(t, os.WriteFile(path, data, 0o644))
		return path
	}
	write(filepath.Join(src, "shared", "footer.html"), footer)
	must(t, os.Symlink(filepath.Join("..", "..", "..", "..", "shared", "footer.html"), filepath.Join(partials, "footer.html")))
	write(filepath.Join(root, "elsewhere", "header.html"), header)
	must(t, os.Symlink(filepath.Join(root, "elsewhere", "header.html"), filepath.Join(partials, "header.html")))
	if roots := pipeline.WatchRoots(src); !slices.Contains(roots, filepath.Join(root, "elsewhere", "header.html")) {
		t.Errorf("watched %q: not the layout a link leads to outside the site", roots)
	}
	dest := filepath.Join(root, "public")
	b := NewBuilder(pipeline.Options{Source: src, Destination: dest, Workers: 2})
	steps := []watchStep{
		{"first build", func() []string { return nil }, ""},
		{"a layout linked from another folder of the site edited", func() []string {
			return []string{write(filepath.Join(src, "shared", "footer.html"), mark(footer, "footer", "Footer-edited"))}
		}, "Footer-edited"},
		{"a layout linked from outside the site edited", func() []string {
			return []string{write(filepath.Join(root, "elsewhere", "header.html"), mark(header, "header", "Header-edited"))}
		}, "Header-edited"},
	}
	runWatchSteps(t, b, src, dest, steps, nil)
}
