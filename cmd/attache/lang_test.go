package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLanguageWarnings: build and check say once that a language without
// interface strings is built in English, naming config.toml's line; a
// bundled language says nothing.
func TestLanguageWarnings(t *testing.T) {
	for _, tc := range []struct {
		lang string
		warn bool
	}{{"de", true}, {"fr", false}} {
		dir := t.TempDir()
		files := map[string]string{
			"config.toml":   "baseURL = \"https://example.org/\"\nlanguage = \"" + tc.lang + "\"\n",
			"content/a.md":  "+++\ntitle = \"A\"\ndate = 2025-12-28\n+++\nBody.\n",
			"content/b.txt": "date 2025-12-27 B\n\nBody.\n",
		}
		for name, body := range files {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want := `config.toml:2: warning: language "de": theme default has no interface strings in it (i18n/de.toml); pages are in English and say lang="en"`
		for _, cmd := range []string{"build", "check"} {
			code, _, stderr := runArgs(t, cmd, "-source", dir)
			if code != exitOK {
				t.Fatalf("%s %s: exit %d: %s", tc.lang, cmd, code, stderr)
			}
			n := strings.Count(stderr, `language "`)
			if tc.warn && (n != 1 || !strings.Contains(stderr, want)) {
				t.Errorf("%s %s: stderr has %d language warnings, want once %q:\n%s", tc.lang, cmd, n, want, stderr)
			}
			if !tc.warn && n != 0 {
				t.Errorf("%s %s: warned about the language:\n%s", tc.lang, cmd, stderr)
			}
		}
	}
}
