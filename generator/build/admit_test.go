package build

import (
	"bytes"
	"context"
	"fmt"
	"github.com/attache/attache/generator/pipeline"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// lineLogger records each warning's message, one per line.
func lineLogger(buf *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key != slog.MessageKey {
				return slog.Attr{}
			}
			return a
		},
	}))
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFutureAndWarnings(t *testing.T) {
	next := time.Now().AddDate(0, 0, 2).Format(time.DateOnly)
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "config.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, src, map[string]string{
		"content/past.md":   "+++\ntitle = \"Past\"\ndate = 2024-07-26\ndarft = true\n+++\nBody.\n",
		"content/future.md": "+++\ntitle = \"Future\"\ndate = " + next + "\n+++\nBody.\n",
		"content/wire.txt":  "date 2024-07-25 Caf\xe9 talks\n\nBody.\n",
	})
	for _, tc := range []struct {
		name     string
		opts     pipeline.Options
		cache    bool
		articles int
		heldBack bool
	}{
		{name: "clean", articles: 2, heldBack: true},
		{name: "cached", cache: true, articles: 2, heldBack: true},
		{name: "future", opts: pipeline.Options{Future: true}, articles: 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var log bytes.Buffer
			tc.opts.Logger = lineLogger(&log)
			if tc.cache {
				tc.opts.CacheDir = t.TempDir()
			}
			_, stats := buildSite(t, src, tc.opts)
			if tc.cache {
				// The second build takes the articles from the cache;
				// their warnings come with them.
				log.Reset()
				_, stats = buildSite(t, src, tc.opts)
			}
			if stats.Articles != tc.articles {
				t.Errorf("articles = %d, want %d", stats.Articles, tc.articles)
			}
			got := log.String()
			for _, want := range []string{
				`content/past.md:4: warning: front matter: unknown key \"darft\" (did you mean \"draft\"?)`,
				`content/wire.txt:1: warning: not UTF-8: decoded as Windows-1252`,
			} {
				if !strings.Contains(got, want) {
					t.Errorf("log lacks %s:\n%s", want, got)
				}
			}
			if held := strings.Contains(got, "1 article dated in the future held back"); held != tc.heldBack {
				t.Errorf("held back said %v, want %v:\n%s", held, tc.heldBack, got)
			}
		})
	}
}

func TestMissingContentDir(t *testing.T) {
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "config.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, src, map[string]string{"config.toml": "title = \"x\"\ncontentDir = \"contnet\"\n", "content/a.md": "+++\ntitle = \"A\"\ndate = 2024-07-26\n+++\n"})
	for _, cache := range []string{"", t.TempDir()} {
		_, err := Run(context.Background(), pipeline.Options{Source: src, Destination: filepath.Join(t.TempDir(), "out"), CacheDir: cache})
		want := filepath.Join(src, "config.toml") + `:2: contentDir "contnet": folder`
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("cache %q: err = %v, want %s", cache, err, want)
		}
	}
}

func TestUnknownTheme(t *testing.T) {
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "config.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, src, map[string]string{"config.toml": "title = \"x\"\ntheme = \"situaton\"\n", "content/a.md": "+++\ntitle = \"A\"\ndate = 2024-07-26\n+++\n"})
	_, err := Run(context.Background(), pipeline.Options{Source: src, Destination: filepath.Join(t.TempDir(), "out")})
	if err == nil || !strings.Contains(err.Error(), `config.toml:2: theme "situaton" not found (did you mean "situation"?); themes: [default situation]`) {
		t.Errorf("err = %v", err)
	}
}

// TestErrorsNotCut: a build reports how many errors it left out after the
// first ten, instead of cutting the list in silence.
func TestErrorsNotCut(t *testing.T) {
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "config.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"config.toml": "title = \"x\"\n",
		// A layout that fails on every article page, with its path.
		"templates/default/layouts/article.html": `{{define "main"}}{{template "missing" .}}{{end}}`,
	}
	for i := range 14 {
		files[fmt.Sprintf("content/a%02d.md", i)] = fmt.Sprintf("+++\ntitle = \"A %d\"\ndate = 2024-07-%02d\n+++\nBody.\n", i, i+1)
	}
	writeFiles(t, src, files)
	_, err := Run(context.Background(), pipeline.Options{Source: src, Destination: filepath.Join(t.TempDir(), "out")})
	if err == nil || !strings.HasSuffix(err.Error(), "\n… and 4 more errors, 14 in all") || strings.Count(err.Error(), "no such template") != 10 {
		t.Errorf("err = %v", err)
	}
}

// TestWatchWarnsOnce: a Builder, as watch and serve use, reports a warning
// once, not again on every rebuild, and again when it comes back.
func TestWatchWarnsOnce(t *testing.T) {
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "config.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	typo := "+++\ntitle = \"T\"\ndate = 2024-07-26\ndarft = true\n+++\nBody.\n"
	writeFiles(t, src, map[string]string{"content/a.md": typo, "content/b.md": "+++\ntitle = \"B\"\ndate = 2024-07-25\n+++\nBody.\n"})
	var log bytes.Buffer
	b := NewBuilder(pipeline.Options{Source: src, Destination: filepath.Join(t.TempDir(), "out"), Logger: lineLogger(&log)})
	const want = `unknown key \"darft\"`
	for i, step := range []struct {
		file, body string
		warned     bool
	}{
		{"", "", true},
		{"content/b.md", "+++\ntitle = \"B2\"\ndate = 2024-07-25\n+++\nBody.\n", false},
		{"content/a.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\n+++\nBody.\n", false},
		{"content/a.md", typo, true},
	} {
		var changed []string
		if step.file != "" {
			writeFiles(t, src, map[string]string{step.file: step.body})
			changed = []string{filepath.Join(src, step.file)}
		}
		log.Reset()
		if _, err := b.Update(context.Background(), changed); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(log.String(), want); got != step.warned {
			t.Errorf("build %d: warned %v, want %v:\n%s", i, got, step.warned, log.String())
		}
	}
}
