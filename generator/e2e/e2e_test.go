package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/attache/attache/generator/build"
	"github.com/attache/attache/generator/e2e/browserlock"
	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/internal/skipped"
)

// themes are the bundled themes the checks cover.
var themes = []string{"default", "situation"}

// prefix is the path of the fixture's baseURL; the server serves the site
// below it so that a link missing the subpath shows as a failed request.
const prefix = "/briefings/"

// maxWeight is the budget for the CSS and JavaScript of an article page,
// uncompressed.
const maxWeight = 40 * 1024

// widths are a small phone and a desktop.
var widths = []int{360, 1280}

// schemes are the colour schemes every page is checked in (Chromium
// emulates prefers-color-scheme): the default theme has a dark mode, and
// axe's contrast checks must pass in both.
var schemes = []string{"light", "dark"}

// tools are the programs and packages the checks need.
type tools struct {
	node, chromium, java, vnu, browserDir string
}

// skips collects the tests skipped for want of a tool, which TestMain
// names once at the end of the run with the command that installs them.
var skips skipped.Log

func TestMain(m *testing.M) { os.Exit(skips.Main(m)) }

// need skips the test when a tool is missing on a developer's machine, and
// fails it in CI, where .ci/run installs everything.
func need(t *testing.T) tools {
	t.Helper()
	if testing.Short() {
		t.Skip("browser checks skipped in -short mode")
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tl := tools{browserDir: filepath.Join(wd, "browser")}
	var missing, packages []string
	look := func(name, pkg string, candidates ...string) string {
		for _, c := range candidates {
			if c == "" {
				continue
			}
			if p, err := exec.LookPath(c); err == nil {
				return p
			}
		}
		missing = append(missing, name)
		packages = append(packages, pkg)
		return ""
	}
	tl.node = look("node", "nodejs npm", "node")
	tl.chromium = look("chromium", "chromium", os.Getenv("ATTACHE_CHROMIUM"), "chromium", "/usr/bin/chromium")
	tl.java = look("java", "default-jre-headless", "java")
	var install []string
	if len(packages) > 0 {
		install = append(install, "apt-get install -y "+strings.Join(packages, " "))
	}
	var modules []string
	for _, m := range []struct{ name, file string }{
		{"playwright-core", "package.json"}, {"axe-core", "axe.min.js"}, {"vnu-jar", "build/dist/vnu.jar"},
	} {
		if _, err := os.Stat(filepath.Join(tl.browserDir, "node_modules", m.name, m.file)); err != nil {
			modules = append(modules, m.name)
		}
	}
	if len(modules) > 0 {
		missing = append(missing, "npm packages "+strings.Join(modules, ", ")+" in generator/e2e/browser")
		install = append(install, "npm ci --ignore-scripts --prefix generator/e2e/browser")
	}
	tl.vnu = filepath.Join(tl.browserDir, "node_modules/vnu-jar/build/dist/vnu.jar")
	if len(missing) > 0 {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser checks need: %s (install: %s)", strings.Join(missing, ", "), strings.Join(install, " && "))
		}
		skips.Skip(t, missing, strings.Join(install, " && "))
	}
	return tl
}

// planPage is one page for browser/check.mjs.
type planPage struct {
	Name string `json:"name"`
	// URL is the page's address; buildTheme sets its path, TestBrowser
	// the origin of the theme's server.
	URL    string `json:"url"`
	Widths []int  `json:"widths"`
	// Schemes are the colour schemes to check the page in.
	Schemes []string `json:"schemes"`
	Weight  bool     `json:"weight,omitempty"`
	// Script allows the page its one script: the search page's.
	Script   bool   `json:"script,omitempty"`
	FullPage bool   `json:"fullPage"`
	file     string // the built file, for the HTML checker
}

type plan struct {
	Chromium  string     `json:"chromium"`
	Out       string     `json:"out"`
	MaxWeight int        `json:"maxWeight"`
	Pages     []planPage `json:"pages"`
}

func TestBrowser(t *testing.T) {
	tl := need(t)
	root := t.TempDir()
	out := reviewFolder(t)
	p := plan{Chromium: tl.chromium, Out: out, MaxWeight: maxWeight}
	var css []string
	for _, theme := range themes {
		dir := filepath.Join(root, theme)
		pages, themeCSS := buildTheme(t, theme, dir)
		origin := serve(t, filepath.Join(dir, "public"))
		for i := range pages {
			pages[i].URL = origin + pages[i].URL
		}
		p.Pages = append(p.Pages, pages...)
		css = append(css, themeCSS...)
	}

	t.Run("chromium", func(t *testing.T) {
		unlock, err := browserlock.Lock()
		if err != nil {
			t.Fatal(err)
		}
		defer unlock()
		planFile := filepath.Join(t.TempDir(), "plan.json")
		data, _ := json.MarshalIndent(p, "", "  ")
		if err := os.WriteFile(planFile, data, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(tl.node, "check.mjs", planFile)
		cmd.Dir = tl.browserDir
		outb, err := cmd.CombinedOutput()
		t.Logf("browser/check.mjs:\n%s", outb)
		if err != nil {
			t.Fatalf("browser checks failed: %v", err)
		}
		if !regexp.MustCompile(`page weight: .*article`).Match(outb) {
			t.Error("no page weight reported for an article page")
		}
		t.Logf("screenshots for review: %s", out)
		if dir := os.Getenv("ATTACHE_SCREENSHOTS"); dir != "" {
			if err := writeDocsScreenshots(out, dir); err != nil {
				t.Fatal(err)
			}
		}
	})

	t.Run("vnu", func(t *testing.T) {
		args := []string{"-jar", tl.vnu, "--errors-only", "--format", "gnu", "--also-check-css"}
		for _, pg := range p.Pages {
			args = append(args, pg.file)
		}
		args = append(args, css...)
		outb, err := exec.Command(tl.java, args...).CombinedOutput()
		if err != nil || len(strings.TrimSpace(string(outb))) > 0 {
			t.Fatalf("Nu HTML Checker found errors (%v):\n%s", err, outb)
		}
		t.Logf("Nu HTML Checker: no errors in %d pages and %d stylesheets", len(p.Pages), len(css))
	})
}

// buildTheme builds the fixture site with theme into dir/public and returns
// one page of every kind, and the theme's stylesheets.
func buildTheme(t *testing.T, theme, dir string) ([]planPage, []string) {
	t.Helper()
	src := filepath.Join(dir, "src")
	if err := os.CopyFS(src, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	cfgFile := filepath.Join(src, "config.toml")
	cfg, err := os.ReadFile(cfgFile)
	if err != nil {
		t.Fatal(err)
	}
	cfg = regexp.MustCompile(`(?m)^theme = .*$`).ReplaceAll(cfg, []byte(fmt.Sprintf("theme = %q", theme)))
	if err := os.WriteFile(cfgFile, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := pipeline.Options{Source: src, Destination: filepath.Join(dir, "public")}
	ctx := context.Background()
	if _, err := build.Run(ctx, opts); err != nil {
		t.Fatalf("build with theme %s: %v", theme, err)
	}
	proj, err := pipeline.Load(opts)
	if err != nil {
		t.Fatal(err)
	}
	s, err := proj.Model(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pages := pickPages(t, s.Pages())
	for i := range pages {
		pages[i].file = filepath.Join(opts.Destination, filepath.FromSlash(site.FileOf(pages[i].URL)))
		pages[i].URL = prefix + strings.TrimPrefix(pages[i].URL, "/")
		pages[i].Name = theme + "-" + pages[i].Name
	}
	var css []string
	fs.WalkDir(os.DirFS(opts.Destination), "assets", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".css") {
			css = append(css, filepath.Join(opts.Destination, p))
		}
		return nil
	})
	return pages, css
}

// pickPages chooses one page of every kind, and the fixture's richest
// article (table, quotation, footnote, long link) besides a wire article.
func pickPages(t *testing.T, all []*site.Page) []planPage {
	t.Helper()
	var out []planPage
	seen := map[string]bool{}
	add := func(name string, p *site.Page) {
		if seen[name] {
			return
		}
		seen[name] = true
		out = append(out, planPage{Name: name, URL: p.Path, Widths: widths, Schemes: schemes, FullPage: true, Weight: p.Kind == site.ArticlePage, Script: p.Kind == site.SearchPage})
	}
	for _, p := range all {
		switch {
		case p.Kind == site.ArticlePage && strings.Contains(p.Article.Parsed.File, "mekong"):
			add("article", p)
		case p.Kind == site.ArticlePage && p.Article.Parsed.Format == "wire":
			add("article-wire", p)
		case p.Kind == site.EntityPage && p.Entity.Kind == site.CountryKind && p.Month == nil && len(p.Months) > 1:
			add("country", p)
		case p.Kind == site.EntityPage && p.Entity.Kind == site.CountryKind && p.Month != nil && len(p.Month.Articles) > 1:
			add("country-month", p)
		case p.Kind == site.EntityPage && p.Entity.Kind == site.OrganisationKind && p.Month == nil:
			add("organisation", p)
		case p.Kind != site.ArticlePage && p.Kind != site.EntityPage:
			add(string(p.Kind), p)
		}
	}
	for _, want := range []string{"home", "article", "article-wire", "countries", "organisations", "country", "country-month", "organisation", "archive", "404",
		"regions", "region", "relation", "tag"} {
		if !seen[want] {
			t.Errorf("fixture has no %s page", want)
		}
	}
	return out
}

// serve serves a built site below prefix on a loopback port, answering
// missing files with the site's 404.html as static hosts do, and returns
// the server's origin.
func serve(t *testing.T, public string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServerFS(os.DirFS(public))
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := site.FileOf(r.URL.Path)
		if _, err := fs.Stat(os.DirFS(public), name); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			data, _ := os.ReadFile(filepath.Join(public, "404.html"))
			w.Write(data)
			return
		}
		files.ServeHTTP(w, r)
	})))
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// reviewFolder is where screenshots of every page are written: the
// ATTACHE_E2E_OUT folder, or attache-e2e in the temporary folder.
func reviewFolder(t *testing.T) string {
	dir := os.Getenv("ATTACHE_E2E_OUT")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "attache-e2e")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		t.Fatal(err)
	}
	return dir
}
