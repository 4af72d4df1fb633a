package build

import (
	"bytes"
	"context"
	"github.com/attache/attache/generator/pipeline"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestContentLinks checks what a build does with symbolic links in
// content/: a link to a file inside the site is read, a link out of the
// site and a dangling one are skipped with a warning naming them, with the
// cache and without, and nothing of the outside file is published.
func TestContentLinks(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "shadow")
	must(t, os.WriteFile(outside, []byte("+++\ntitle = \"Secretroot\"\ndate = 2024-07-01\n+++\nroot:$6$secret\n"), 0o644))
	src := t.TempDir()
	must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), nil, 0o644))
	must(t, os.MkdirAll(filepath.Join(src, "content"), 0o755))
	must(t, os.MkdirAll(filepath.Join(src, "drafts-kept-elsewhere"), 0o755))
	must(t, os.WriteFile(filepath.Join(src, "drafts-kept-elsewhere", "in.md"), []byte("+++\ntitle = \"Inside story\"\ndate = 2024-07-02\n+++\nLaos.\n"), 0o644))
	must(t, os.Symlink(filepath.Join(src, "drafts-kept-elsewhere", "in.md"), filepath.Join(src, "content", "2024-07-02-in.md")))
	must(t, os.Symlink(outside, filepath.Join(src, "content", "2024-07-05-x.md")))
	must(t, os.Symlink(filepath.Join(src, "nowhere.md"), filepath.Join(src, "content", "dangling.md")))
	for _, cache := range []string{"", t.TempDir()} {
		var log bytes.Buffer
		dest := filepath.Join(t.TempDir(), "public")
		stats, err := Run(context.Background(), pipeline.Options{Source: src, Destination: dest, CacheDir: cache,
			Logger: slog.New(slog.NewTextHandler(&log, nil))})
		if err != nil {
			t.Fatal(err)
		}
		if stats.Articles != 1 {
			t.Errorf("cache %q: %d articles, want the one inside the site", cache, stats.Articles)
		}
		for _, want := range []string{"content/2024-07-05-x.md: warning: symbolic link to " + outside + " leads outside the site folder",
			"content/dangling.md: warning: symbolic link to " + filepath.Join(src, "nowhere.md") + ", which does not exist"} {
			if !strings.Contains(log.String(), want) {
				t.Errorf("cache %q: log lacks %q:\n%s", cache, want, log.String())
			}
		}
		for name, data := range fullTree(t, dest) {
			if strings.Contains(data, "Secretroot") || strings.Contains(data, "$6$secret") {
				t.Errorf("cache %q: %s publishes the file outside the site", cache, name)
			}
		}
	}
}

// TestLinkedTargetEdits: a watching Builder takes an edit of the file a
// content link leads to, which the watcher reports outside the content
// folder, for an edit of the article, from its first build and after the
// link is made or removed under it.
func TestLinkedTargetEdits(t *testing.T) {
	src := t.TempDir()
	must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), nil, 0o644))
	must(t, os.MkdirAll(filepath.Join(src, "content"), 0o755))
	must(t, os.MkdirAll(filepath.Join(src, "drafts"), 0o755))
	target := filepath.Join(src, "drafts", "in.md")
	story := func(title string) []byte {
		return []byte("+++\ntitle = \"" + title + "\"\ndate = 2024-07-02\n+++\nLaos.\n")
	}
	must(t, os.WriteFile(target, story("First title"), 0o644))
	link := filepath.Join(src, "content", "2024-07-02-in.md")
	must(t, os.Symlink(target, link))
	dest := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(pipeline.Options{Source: src, Destination: dest})
	ctx := context.Background()
	if _, err := b.Update(ctx, nil); err != nil {
		t.Fatal(err)
	}
	edit := func(title string, changed ...string) {
		t.Helper()
		must(t, os.WriteFile(target, story(title), 0o644))
		if _, err := b.Update(ctx, changed); err != nil {
			t.Fatal(err)
		}
		sameTree(t, title, dest, cleanBuild(t, src))
	}
	edit("Second title", target)
	// The link made again while watching.
	must(t, os.Remove(link))
	must(t, os.Symlink(target, link))
	if _, err := b.Update(ctx, []string{link}); err != nil {
		t.Fatal(err)
	}
	edit("Third title", target)
}
