//go:build unix

package build

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/attache/attache/generator/pipeline"
)

// TestWatchedContentOddities drives a watching Builder, with the paths a
// watcher reports, through content the folder's files can become: a
// folder named with a dot moved away, a link in the content folder to
// another article whose target is edited, a link to a file made later,
// a named pipe named like an article, the content folder made a link to
// another folder, and a link to a folder in it (not followed). After each
// step the output is a clean build's, and no step hangs.
func TestWatchedContentOddities(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	content := filepath.Join(src, "content")
	must(t, os.MkdirAll(filepath.Join(content, "2025.tmp"), 0o755))
	must(t, os.MkdirAll(filepath.Join(src, "extra"), 0o755))
	must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("title = \"Desk\"\nbaseURL = \"https://example.org/\"\n"), 0o644))
	story := func(title, country string) []byte {
		return []byte("+++\ntitle = \"" + title + "\"\ndate = 2025-06-01\n+++\n\nMinisters of " + country + " met in the capital.\n")
	}
	write := func(path string, data []byte) string {
		must(t, os.WriteFile(path, data, 0o644))
		return path
	}
	write(filepath.Join(content, "2025.tmp", "gone.md"), story("Japan talks", "Japan"))
	write(filepath.Join(content, "a.md"), story("First headline", "Laos"))
	must(t, os.Symlink("a.md", filepath.Join(content, "b.md")))
	must(t, os.Symlink(filepath.Join("..", "extra", "x.md"), filepath.Join(content, "x.md")))
	dest := filepath.Join(root, "public")
	b := NewBuilder(pipeline.Options{Source: src, Destination: dest, Workers: 2})
	steps := []watchStep{
		{"first build", func() []string { return nil }, "first-headline"},
		{"a folder with a dot in its name moved away", func() []string {
			from := filepath.Join(content, "2025.tmp")
			must(t, os.Rename(from, filepath.Join(root, "moved")))
			return []string{from}
		}, ""},
		{"the target of a link in the content folder edited", func() []string {
			return []string{write(filepath.Join(content, "a.md"), story("Second headline", "Laos"))}
		}, "second-headline-2"},
		{"the file a dangling link leads to made", func() []string {
			return []string{write(filepath.Join(src, "extra", "x.md"), story("Extra story", "Peru"))}
		}, "extra-story"},
		{"the configuration made a link to a file of its own", func() []string {
			must(t, os.MkdirAll(filepath.Join(src, "conf"), 0o755))
			write(filepath.Join(src, "conf", "site.toml"), []byte("title = \"Desk\"\nbaseURL = \"https://example.org/\"\n"))
			config := filepath.Join(src, pipeline.ConfigFile)
			must(t, os.Remove(config))
			must(t, os.Symlink(filepath.Join("conf", "site.toml"), config))
			return []string{config}
		}, ""},
		{"the file the configuration links to edited", func() []string {
			return []string{write(filepath.Join(src, "conf", "site.toml"), []byte("title = \"Linked desk\"\nbaseURL = \"https://example.org/\"\n"))}
		}, "Linked desk"},
		{"a named pipe named like an article", func() []string {
			fifo := filepath.Join(content, "pipe.md")
			must(t, syscall.Mkfifo(fifo, 0o644))
			return []string{fifo}
		}, ""},
		{"the content folder made a link to a folder of stories", func() []string {
			must(t, os.Rename(content, filepath.Join(src, "stories")))
			must(t, os.Symlink("stories", content))
			return []string{content, filepath.Join(src, "stories")}
		}, "second-headline-2"},
		{"a story added to the folder the content folder leads to", func() []string {
			return []string{write(filepath.Join(src, "stories", "c.md"), story("Chile story", "Chile"))}
		}, "chile-story"},
		{"a link to a folder in the content folder", func() []string {
			must(t, os.MkdirAll(filepath.Join(root, "elsewhere"), 0o755))
			write(filepath.Join(root, "elsewhere", "e.md"), story("Elsewhere story", "Fiji"))
			link := filepath.Join(src, "stories", "more")
			must(t, os.Symlink(filepath.Join(root, "elsewhere"), link))
			return []string{link}
		}, ""},
	}
	runWatchSteps(t, b, src, dest, steps, func(step string, tree map[string]string) {
		if treeHas(tree, "Japan talks") && step != "first build" {
			t.Errorf("%s: the moved folder's story is still published", step)
		}
		if treeHas(tree, "Elsewhere story") {
			t.Errorf("%s: a story behind a link to a folder is published", step)
		}
	})
	if paths := strings.Join(slices.Collect(maps.Keys(fullTree(t, dest))), " "); !strings.Contains(paths, "countries/peru/") {
		t.Errorf("no page of Peru, whose story a link leads to: %.300s", paths)
	}
}

// watchStep is an edit of a watched site, returning the paths a watcher
// would report, and a text its output must then hold ("" for none).
type watchStep struct {
	name string
	edit func() []string
	want string
}

// runWatchSteps drives b, which builds src into dest, through steps:
// after each the output is a clean build's and holds the step's want;
// check, when set, looks further at the output's files.
func runWatchSteps(t *testing.T, b *Builder, src, dest string, steps []watchStep, check func(step string, tree map[string]string)) {
	t.Helper()
	ctx := context.Background()
	for _, step := range steps {
		if _, err := b.Update(ctx, step.edit()); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		clean := filepath.Join(t.TempDir(), "public")
		if _, err := Run(ctx, pipeline.Options{Source: src, Destination: clean}); err != nil {
			t.Fatalf("%s: clean build: %v", step.name, err)
		}
		sameTree(t, step.name, dest, clean)
		tree := fullTree(t, dest)
		if step.want != "" && !treeHas(tree, step.want) {
			t.Errorf("%s: %s is in no output file", step.name, step.want)
		}
		if check != nil {
			check(step.name, tree)
		}
	}
}
