package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"github.com/attache/attache/generator/pipeline"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/attache/attache/internal/golden"
)

// buildSite builds the fixture site into a fresh folder and returns it.
func buildSite(t *testing.T, source string, opts pipeline.Options) (string, pipeline.Stats) {
	t.Helper()
	opts.Source = source
	if opts.Destination == "" {
		opts.Destination = filepath.Join(t.TempDir(), "public")
	}
	stats, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("build %s: %v", source, err)
	}
	return opts.Destination, stats
}

// tree returns every file under dir with a hash of its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildBasic(t *testing.T) {
	out, stats := buildSite(t, "testdata/sites/basic", pipeline.Options{})
	files := slices.Sorted(func(yield func(string) bool) {
		for f := range tree(t, out) {
			if !yield(regexp.MustCompile(`\.[0-9a-f]{10}\.`).ReplaceAllString(f, ".HASH.")) {
				return
			}
		}
	})
	golden.Check(t, "basic.files", strings.Join(files, "\n")+"\n")
	if stats.Articles != 5 {
		t.Errorf("built %d articles, want 5 (the draft left out)", stats.Articles)
	}

	seed := read(t, out, "articles/2024/07/china-russia-can-maintain-communication-coordination-on-east-asia-cooperation/index.html")
	for _, want := range []string{
		"<title>China, Russia can maintain communication, coordination on East Asia cooperation: Chinese FM · Fixture &lt;Briefings&gt; &amp; Co</title>",
		`href="/briefings/countries/china/"`,
		`href="/briefings/countries/laos/"`,
		`href="/briefings/countries/palestine/"`,
		`href="/briefings/organisations/asean/"`,
		`href="/briefings/organisations/cpc/"`,
		"Zhang Kaiwei, Zhong Wenxing",
		"VIENTIANE",
		"Xinhua",
	} {
		if !strings.Contains(seed, want) {
			t.Errorf("seed article page lacks %q", want)
		}
	}
	asean := read(t, out, "articles/2024/07/asean-ministers-meet-in-vientiane-as-laos-chairs-the-bloc/index.html")
	if strings.Contains(asean, "<script>alert") || !strings.Contains(asean, "&lt;script&gt;") {
		t.Error("raw HTML in Markdown reached the page unescaped, or vanished without trace")
	}
	// A slug of "../../../../escape" stays a plain slug inside the output,
	// and a repeated title gets a stable suffix.
	for _, f := range []string{
		"articles/2024/07/escape/index.html",
		"articles/2024/07/japan-china-discuss-seafood-ban-in-tokyo-talks/index.html",
		"articles/2024/07/japan-china-discuss-seafood-ban-in-tokyo-talks-2/index.html",
		"countries/japan/2024/07/index.html",
	} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "articles/2024/07/unpublished-draft-on-japan")); err == nil {
		t.Error("draft was published")
	}
}

func TestBuildDrafts(t *testing.T) {
	out, stats := buildSite(t, "testdata/sites/basic", pipeline.Options{Drafts: true})
	if stats.Articles != 6 {
		t.Errorf("built %d articles with drafts, want 6", stats.Articles)
	}
	if _, err := os.Stat(filepath.Join(out, "articles/2024/07/unpublished-draft-on-japan/index.html")); err != nil {
		t.Error(err)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a, _ := buildSite(t, "../..", pipeline.Options{Workers: 1})
	b, _ := buildSite(t, "../..", pipeline.Options{Workers: 8})
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) == 0 {
		t.Fatal("empty output")
	}
	for f, h := range ta {
		if tb[f] != h {
			t.Errorf("%s differs between a single-threaded and a parallel build", f)
		}
	}
	if len(ta) != len(tb) {
		t.Errorf("%d files vs %d", len(ta), len(tb))
	}
}

func TestBrokenBuildKeepsPreviousOutput(t *testing.T) {
	out, _ := buildSite(t, "testdata/sites/basic", pipeline.Options{})
	before := tree(t, out)
	_, err := Run(context.Background(), pipeline.Options{Source: "testdata/sites/broken", Destination: out})
	if err == nil {
		t.Fatal("broken site built without error")
	}
	if !errors.Is(err, pipeline.ErrContent) {
		t.Errorf("error is not marked as a content error: %v", err)
	}
	msg := err.Error()
	for _, want := range []string{
		"content/bad-toml.md:4:",
		"content/no-title.md:",
		"content/no-date.txt:1:",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not report %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "good.md") {
		t.Errorf("error blames the good article:\n%s", msg)
	}
	after := tree(t, out)
	if len(before) != len(after) {
		t.Fatalf("output changed from %d to %d files", len(before), len(after))
	}
	for f, h := range before {
		if after[f] != h {
			t.Errorf("%s changed after a failed build", f)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("a failed build left files beside the output: %v", entries)
	}
}

func TestBuildRemovesStaleFiles(t *testing.T) {
	out, _ := buildSite(t, "testdata/sites/basic", pipeline.Options{})
	stale := filepath.Join(out, "articles", "gone", "index.html")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(stale, []byte("stale"), 0o644)
	buildSite(t, "testdata/sites/basic", pipeline.Options{Destination: out})
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale page survived a rebuild: %v", err)
	}
}

func TestRefusesDangerousDestination(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "content"), 0o755)
	os.WriteFile(filepath.Join(src, "content", "keep.md"), []byte("+++\ntitle = \"x\"\ndate = 2024-01-01\n+++\nx"), 0o644)
	for _, dest := range []string{src, filepath.Dir(src), "/"} {
		if _, err := Run(context.Background(), pipeline.Options{Source: src, Destination: dest}); err == nil {
			t.Errorf("build into %s succeeded", dest)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "content", "keep.md")); err != nil {
		t.Fatalf("source lost: %v", err)
	}
	// The site folder as the content folder holds the output: refused
	// for that, before its files are read as articles.
	must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("contentDir = \".\"\n"), 0o644))
	must(t, os.MkdirAll(filepath.Join(src, "public"), 0o755))
	must(t, os.WriteFile(filepath.Join(src, "public", "robots.txt"), []byte("User-agent: *\n"), 0o644))
	for _, cache := range []string{"", t.TempDir()} {
		_, err := Run(context.Background(), pipeline.Options{Source: src, CacheDir: cache})
		if err == nil || !strings.Contains(err.Error(), "destination "+filepath.Join(src, "public")) {
			t.Errorf("cache %q: contentDir = \".\": %v, want the destination refused", cache, err)
		}
	}
}

var linkAttr = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// TestSampleSiteLinksResolve builds the bundled sample site, at the root and
// under a subpath, and follows every internal link and asset reference.
func TestSampleSiteLinksResolve(t *testing.T) {
	for _, base := range []string{"http://localhost:1313/", "https://example.org/briefings/"} {
		t.Run(base, func(t *testing.T) {
			out, _ := buildSite(t, "../..", pipeline.Options{BaseURL: base})
			u, _ := url.Parse(base)
			origin, prefix := u.Scheme+"://"+u.Host, u.Path
			checked := 0
			for f := range tree(t, out) {
				if !strings.HasSuffix(f, ".html") {
					continue
				}
				page := read(t, out, f)
				for _, m := range linkAttr.FindAllStringSubmatch(page, -1) {
					link := strings.ReplaceAll(m[1], "&amp;", "&")
					link = strings.TrimPrefix(link, origin)
					if i := strings.IndexAny(link, "#?"); i >= 0 {
						link = link[:i]
					}
					if link == "" || strings.Contains(link, "://") || strings.HasPrefix(link, "mailto:") || strings.HasPrefix(link, "data:") {
						continue
					}
					if !strings.HasPrefix(link, prefix) {
						t.Errorf("%s: link %q lacks the base path %s", f, m[1], prefix)
						continue
					}
					target := strings.TrimPrefix(link, prefix)
					if target == "" || strings.HasSuffix(target, "/") {
						target += "index.html"
					}
					if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(target))); err != nil {
						t.Errorf("%s: broken link %q", f, m[1])
					}
					checked++
				}
			}
			if checked < 100 {
				t.Errorf("checked only %d links", checked)
			}
		})
	}
}

func TestEmptySite(t *testing.T) {
	src := t.TempDir()
	// An empty content folder; a missing one is an error (TestMissingContentDir).
	if err := os.WriteFile(filepath.Join(src, "config.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(src, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, stats := buildSite(t, src, pipeline.Options{})
	if stats.Articles != 0 {
		t.Errorf("articles = %d", stats.Articles)
	}
	if !bytes.Contains([]byte(read(t, out, "index.html")), []byte("No briefings yet")) {
		t.Error("empty home page does not say so")
	}
}

func TestFolderWithoutConfig(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"empty folder", nil},
		{"a Hugo site", map[string]string{"hugo.toml": "title = \"x\"\n", "content/a.md": "+++\ntitle = \"a\"\ndate = 2024-01-02\n+++\nx\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			for name, body := range tt.files {
				p := filepath.Join(src, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			dest := filepath.Join(t.TempDir(), "public")
			_, err := Run(context.Background(), pipeline.Options{Source: src, Destination: dest})
			if err == nil || !strings.Contains(err.Error(), "config.toml") || !strings.Contains(err.Error(), "attache new site") {
				t.Fatalf("build without config.toml: err = %v, want one naming config.toml and suggesting attache new site", err)
			}
			if _, serr := os.Stat(dest); serr == nil {
				t.Error("a build without config.toml wrote output")
			}
			// Commands that read loose files may ask for the defaults.
			p, err := pipeline.Load(pipeline.Options{Source: src, DefaultConfig: true})
			if err != nil || p.Config.Title != "Briefings" {
				t.Errorf("Load with DefaultConfig: %v", err)
			}
		})
	}
}
