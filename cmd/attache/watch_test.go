package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWatchStartsFromTheCache runs attache build, then attache watch on
// the same site: watch's first build starts from the build cache and
// writes nothing, its rebuild after a new story writes that story's page,
// and the attache build after it has nothing to do.
func TestWatchStartsFromTheCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("ATTACHE_NOCACHE", "")
	src := copyDir(t, basicSite)
	dest := filepath.Join(t.TempDir(), "public")
	build := func() string {
		var stdout, stderr syncBuffer
		if code := run(context.Background(), []string{"build", "-source", src, "-destination", dest}, &stdout, &stderr); code != exitOK {
			t.Fatalf("build exited %d: %s", code, stderr.String())
		}
		return stdout.String()
	}
	build()
	caches, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "attache", "*", "build.gob"))
	if len(caches) != 1 {
		t.Fatalf("build caches: %q, want one", caches)
	}
	cacheFile := caches[0]
	st, err := os.Stat(cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	saved := st.ModTime()

	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"watch", "-source", src, "-destination", dest}, &stdout, &stderr) }()
	waitFor(t, "watch to start", func() bool { return strings.Contains(stdout.String(), "watching") })
	if first := stdout.String(); !strings.Contains(first, " 0 written, 0 removed") {
		t.Errorf("watch's first build wrote files although nothing changed:\n%s", first)
	}
	story := filepath.Join(src, "content", "zz-new.md")
	if err := os.WriteFile(story, []byte("+++\ntitle = \"Laos and Thailand open a bridge\"\ndate = 2024-07-30T09:00:00Z\n+++\n\nLaos and Thailand opened a bridge.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dest, "articles", "2024", "07", "laos-and-thailand-open-a-bridge", "index.html")
	waitFor(t, "the new story's page", func() bool { _, err := os.Stat(page); return err == nil })
	waitFor(t, "the rebuild's report", func() bool { return strings.Contains(stdout.String(), "zz-new.md") })
	// The cache is brought up to date once watch has been idle a while,
	// not only when it stops.
	waitFor(t, "the build cache's save", func() bool {
		st, err := os.Stat(cacheFile)
		return err == nil && st.ModTime().After(saved)
	})
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("watch exited %d: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("watch did not stop")
	}
	if out := build(); !strings.Contains(out, "built ") {
		t.Errorf("build after watch: %q", out)
	}
	if _, err := os.Stat(page); err != nil {
		t.Errorf("the story's page is gone after attache build: %v", err)
	}
}
