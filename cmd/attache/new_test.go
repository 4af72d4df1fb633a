package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

// TestNewSiteThenBuildAndCheck is the README's "Start a site" section.
func TestNewSiteThenBuildAndCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "desk")
	if code, _, stderr := runArgs(t, "new", "site", "-title", "Horn of Africa Desk", dir); code != exitOK {
		t.Fatalf("new site: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runArgs(t, "new", "article", "-source", dir, "Ministers meet in Nairobi")
	if code != exitOK {
		t.Fatalf("new article: exit %d: %s", code, stderr)
	}
	want := filepath.Join(dir, "content") + string(filepath.Separator) + `\d{4}-\d\d-\d\d-ministers-meet-in-nairobi\.md\n$`
	if !regexp.MustCompile(want).MatchString(stdout) {
		t.Errorf("new article printed %q, want a path matching %s", stdout, want)
	}
	// Flags after the title work too.
	if code, stdout, stderr := runArgs(t, "new", "article", "-source", dir, "Border trade deal", "-format", "wire"); code != exitOK || !strings.Contains(stdout, "_") || !strings.HasSuffix(strings.TrimSpace(stdout), "-border-trade-deal.txt") {
		t.Errorf("new article -format wire: exit %d, %q, %s", code, stdout, stderr)
	}
	// The same title again never overwrites.
	if code, _, stderr := runArgs(t, "new", "article", "-source", dir, "Ministers meet in Nairobi"); code != exitContent || !strings.Contains(stderr, "already exists") {
		t.Errorf("second new article: exit %d: %s", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr = runArgs(t, "build", "-source", dir, "-destination", out, "-nocache")
	if code != exitOK || !strings.HasPrefix(stdout, "built 2 articles") {
		t.Fatalf("build: exit %d: %s%s", code, stdout, stderr)
	}
	warning := regexp.MustCompile(`(?m)^.*config\.toml:\d+: warning: baseURL http://localhost:1313/: localhost is this machine`)
	if !warning.MatchString(stderr) {
		t.Errorf("build with a localhost baseURL: stderr %q lacks the warning", stderr)
	}
	code, stdout, stderr = runArgs(t, "check", "-source", dir)
	if code != exitOK {
		t.Fatalf("check: exit %d: %s%s", code, stdout, stderr)
	}
	if !warning.MatchString(stderr) {
		t.Errorf("check with a localhost baseURL: stderr %q lacks the warning", stderr)
	}
	// A public base URL says nothing.
	if _, _, stderr := runArgs(t, "build", "-source", dir, "-destination", out, "-nocache", "-baseURL", "https://example.org/desk/"); stderr != "" {
		t.Errorf("build with a public baseURL wrote %q", stderr)
	}
}

func TestNewErrors(t *testing.T) {
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "notes"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no kind", []string{"new"}, exitUsage, "attache new site"},
		{"unknown kind", []string{"new", "theme"}, exitUsage, `unknown kind "theme"`},
		{"site without folder", []string{"new", "site"}, exitUsage, "name the folder"},
		{"site in a full folder", []string{"new", "site", full}, exitContent, "not empty"},
		{"two folders", []string{"new", "site", "a", "b"}, exitUsage, `unexpected argument "b"`},
		{"article without title", []string{"new", "article"}, exitUsage, "give the article's title"},
		{"article outside a site", []string{"new", "article", "-source", full, "T"}, exitContent, "attache new site"},
		{"bad format", []string{"new", "article", "-format", "docx", "T"}, exitUsage, `format "docx"`},
		{"build outside a site", []string{"build", "-source", full}, exitContent, "config.toml: no such file.*attache new site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runArgs(t, tt.args...)
			if code != tt.code || !regexp.MustCompile(tt.stderr).MatchString(stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
}

// TestNewSiteServes is the promise: the first attache serve in a
// new site shows a real page, with both example briefings.
func TestNewSiteServes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "desk")
	if code, _, stderr := runArgs(t, "new", "site", dir); code != exitOK {
		t.Fatalf("new site: %s", stderr)
	}
	s := startServe(t, dir)
	resp, err := http.Get(s.url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", s.url, resp.Status)
	}
	for _, want := range []string{"Welcome to Briefings", "Norway and Iceland agree to share Arctic fisheries data"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("home page of a new site lacks %q", want)
		}
	}
}
