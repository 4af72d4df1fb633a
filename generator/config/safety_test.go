package config

import (
	"path"
	"strings"
	"testing"
)

func TestPermalinkPatterns(t *testing.T) {
	tests := []struct {
		pattern string
		err     string // "" when accepted
	}{
		{pattern: "/articles/:year/:slug/"},
		{pattern: "/:slug/"},
		{pattern: "//etc/:slug/", err: "starts with //"},
		{pattern: "/a//:slug/", err: "empty path segment"},
		{pattern: "/%2e%2e/:slug/", err: "percent-encoding"},
		{pattern: "/%2E%2E/:slug/", err: "percent-encoding"},
		{pattern: `/a\\b/:slug/`, err: "backslashes"},
		{pattern: "/../:slug/", err: `".." segments`},
		{pattern: "/a?b/:slug/", err: "not allowed in a path"},
		{pattern: "/a#b/:slug/", err: "not allowed in a path"},
		{pattern: "/.attache-output/:slug/", err: "may not start with a dot"},
		{pattern: "/a/.:slug/", err: "may not start with a dot"},
	}
	for _, tt := range tests {
		src := "title = \"x\"\n\n[permalinks]\narticle = \"" + tt.pattern + "\"\n"
		_, err := Parse("site/config.toml", []byte(src))
		if tt.err == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.pattern, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "site/config.toml:4: permalinks.article") {
			t.Errorf("%s: err = %v, want site/config.toml:4: permalinks.article …%s", tt.pattern, err, tt.err)
		}
	}
}

func TestUnknownKeyHints(t *testing.T) {
	tests := []struct{ src, want string }{
		{"titel = \"x\"\n", `config.toml:1: unknown key "titel" (did you mean "title"?)`},
		{"[permalinks]\narticel = \"/:slug/\"\n", `config.toml:2: unknown key "permalinks.articel" (did you mean "article"?)`},
		{"[limits]\narticleByte = 1\n", `config.toml:2: unknown key "limits.articleByte" (did you mean "articleBytes"?)`},
		{"colour = \"red\"\n", `config.toml:1: unknown key "colour"`},
	}
	for _, tt := range tests {
		_, err := Parse("config.toml", []byte(tt.src))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: err = %v, want %s", tt.src, err, tt.want)
		}
	}
}

func TestSafetyKeys(t *testing.T) {
	c, err := Parse("config.toml", []byte("strict = true\nbuildFuture = true\nunsafeHTML = true\nunsafeLinks = true\n[limits]\narticleBytes = 1000\nfeedEntryBytes = 500\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Strict || !c.BuildFuture || !c.UnsafeLinks || c.Limits.ArticleBytes != 1000 || c.Limits.FeedEntryBytes != 500 {
		t.Errorf("config = %+v", c)
	}
	d := Default()
	if d.Limits.ArticleBytes != 4<<20 || d.Strict || d.BuildFuture {
		t.Errorf("defaults = %+v", d)
	}
	if _, err := Parse("config.toml", []byte("[limits]\narticleBytes = 0\n")); err == nil || !strings.HasPrefix(err.Error(), "config.toml:2: limits.articleBytes") {
		t.Errorf("zero limit: %v", err)
	}
}

func TestControlCharacters(t *testing.T) {
	_, err := Parse("config.toml", []byte("title = \"a\\u0001b\"\n[params]\nx = [\"\\u001b[31m\"]\n[entities.countryAliases]\nKR = [\"\\u0085\"]\n"))
	want := "config.toml:1: title: control character U+0001 is not allowed\n" +
		"config.toml:3: params.x: control character U+001B is not allowed\n" +
		"config.toml:5: entities.countryAliases.KR: control character U+0085 is not allowed"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want\n%s", err, want)
	}
	if _, err := Parse("config.toml", []byte("title = \"tab\\there\"\n")); err != nil {
		t.Errorf("a tab: %v", err)
	}
}

// FuzzPermalink: a pattern the check accepts is a clean root-relative path.
func FuzzPermalink(f *testing.F) {
	for _, s := range []string{"/articles/:year/:slug/", "//x/", "/%2e%2e/", `/a\\b/`, "/./", "/a/../b/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if checkPermalink(p, true) != nil {
			return
		}
		if path.Clean(p)+"/" != p && p != "/" || strings.Contains(p, "//") || strings.ContainsAny(p, "\\%?#") {
			t.Fatalf("accepted %q", p)
		}
	})
}
