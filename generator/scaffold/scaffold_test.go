package scaffold

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/build"
	"github.com/attache/attache/generator/check"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/parse"
	"github.com/attache/attache/generator/pipeline"
)

var now = time.Date(2026, 11, 30, 9, 41, 0, 0, time.UTC)

// TestNewSiteBuildsAndChecks is a new user's first minutes: a new site,
// built, then checked, with both examples on the home page.
func TestNewSiteBuildsAndChecks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "desk")
	written, err := NewSite(dir, "East Africa Desk", now)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"config.toml", "README.md", ".gitignore", "content/2026-11-30-welcome.md", "content/2026-11-30-example-wire-story.txt"} {
		if !contains(written, want) {
			t.Errorf("new site lacks %s (wrote %v)", want, written)
		}
	}
	cfg, err := config.Load(filepath.Join(dir, "config.toml"))
	if err != nil {
		t.Fatalf("config.toml of a new site: %v", err)
	}
	if cfg.Title != "East Africa Desk" {
		t.Errorf("title = %q", cfg.Title)
	}
	dest := filepath.Join(t.TempDir(), "public")
	stats, err := build.Run(context.Background(), pipeline.Options{Source: dir, Destination: dest})
	if err != nil {
		t.Fatalf("build of a new site: %v", err)
	}
	if stats.Articles != 2 || stats.Countries == 0 || stats.Organisations == 0 {
		t.Errorf("build of a new site: %v; want 2 articles with countries and organisations", stats)
	}
	home, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Welcome to East Africa Desk", "Norway and Iceland agree to share Arctic fisheries data"} {
		if !strings.Contains(string(home), want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	p, err := pipeline.Load(pipeline.Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	r, err := check.Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) > 0 {
		t.Errorf("check of a new site: %v", r.Problems)
	}
}

func TestNewSiteTitleWithQuotes(t *testing.T) {
	dir := t.TempDir()
	title := `The "Desk" \ Briefings`
	if _, err := NewSite(dir, title, now); err != nil {
		t.Fatal(err)
	}
	stats, err := build.Run(context.Background(), pipeline.Options{Source: dir, Destination: filepath.Join(t.TempDir(), "public")})
	if err != nil || stats.Articles != 2 {
		t.Fatalf("new site titled %q: %v, %v", title, stats, err)
	}
}

func TestNewSiteNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewSite(dir, "", now); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("new site in a non-empty folder: err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("new site in a non-empty folder wrote %d entries", len(entries))
	}
	// An empty folder is fine.
	empty := t.TempDir()
	if _, err := NewSite(empty, "", now); err != nil {
		t.Errorf("new site in an empty folder: %v", err)
	}
}

func TestNewArticle(t *testing.T) {
	tests := []struct {
		name, title string
		format      Format
		file        string
		draft       bool
	}{
		{"markdown", "Ministers meet in Nairobi", Markdown, "2026-11-30-ministers-meet-in-nairobi.md", true},
		{"quotes and accents", `Türkiye's "new" \ policy`, Markdown, "2026-11-30-turkiyes-new-policy.md", true},
		{"wire", "Kenya, Ethiopia sign border trade deal", Wire, "_2026-11-30-kenya-ethiopia-sign-border-trade-deal.txt", false},
		{"no letters", "!!!", Markdown, "2026-11-30-article.md", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := filepath.Join(t.TempDir(), "content")
			path, err := NewArticle(content, Article{Title: tt.title, Format: tt.format, Date: now})
			if err != nil {
				t.Fatal(err)
			}
			if got := filepath.Base(path); got != tt.file {
				t.Errorf("file = %s, want %s", got, tt.file)
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// A wire draft is parsed as the story it becomes once renamed.
			name := strings.TrimPrefix(filepath.Base(path), "_")
			a, err := parse.New().Parse(name, src)
			if err != nil {
				t.Fatalf("new article does not parse: %v\n%s", err, src)
			}
			if a.Title != strings.TrimSpace(tt.title) {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if a.Draft != tt.draft {
				t.Errorf("draft = %v, want %v", a.Draft, tt.draft)
			}
			if a.Date.Format(time.DateOnly) != "2026-11-30" {
				t.Errorf("date = %v", a.Date)
			}
			// Never overwritten: the same title again fails and leaves the
			// file as it was.
			if err := os.WriteFile(path, []byte("edited"), 0o644); err != nil {
				t.Fatal(err)
			}
			second, err := NewArticle(content, Article{Title: tt.title, Format: tt.format, Date: now})
			if strings.Contains(tt.file, "-article.") {
				// A title without a slug is numbered: a second one the
				// same day gets a file of its own.
				if want := strings.Replace(tt.file, "-article.", "-article-2.", 1); err != nil || filepath.Base(second) != want {
					t.Errorf("second new article: %s, %v; want %s", second, err, want)
				}
			} else if err == nil || !strings.Contains(err.Error(), "already exists") {
				t.Errorf("second new article: err = %v", err)
			}
			if b, _ := os.ReadFile(path); string(b) != "edited" {
				t.Error("an existing article was overwritten")
			}
		})
	}
}

func TestNewArticleErrors(t *testing.T) {
	for _, title := range []string{"", "  ", "two\nlines"} {
		if _, err := NewArticle(t.TempDir(), Article{Title: title, Date: now}); err == nil {
			t.Errorf("title %q: no error", title)
		}
	}
	if _, err := ParseFormat("docx"); err == nil {
		t.Error("format docx accepted")
	}
}

func FuzzNewArticle(f *testing.F) {
	for _, s := range []string{"Ministers meet", `a "quoted" \ title`, "+++", "]]", "\x00\x7f", "東亜"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		path, err := NewArticle(t.TempDir(), Article{Title: title, Format: Markdown, Date: now})
		if err != nil {
			return
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		a, err := parse.New().Parse(filepath.Base(path), src)
		if err != nil {
			t.Fatalf("title %q: new article does not parse: %v", title, err)
		}
		if !a.Draft {
			t.Fatalf("title %q: not a draft", title)
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
