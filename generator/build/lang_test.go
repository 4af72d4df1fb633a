package build

import (
	"bytes"
	"context"
	"github.com/attache/attache/generator/pipeline"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLanguage builds a site in each language: the interface strings and
// dates follow `language`, <html lang> says the language the pages are in,
// a language without strings falls back to English with one warning, and a
// site's own translation file overrides the bundled one, in full and
// incremental builds alike.
func TestLanguage(t *testing.T) {
	article := "+++\ntitle = \"Talks in Lima\"\ndate = 2025-12-28\naliases = [\"/old/lima/\"]\n+++\nBody.\n"
	for _, tc := range []struct {
		lang, override string
		want           []string
		warnings       int
		moved          string // on the page at the article's old URL
	}{
		{"fr", "", []string{`<html lang="fr">`, "28 décembre 2025", "Dernières notes", "Aller au contenu"}, 0, "Cette note a été déplacée\u00a0:"},
		{"es", "", []string{`<html lang="es">`, "28 de diciembre de 2025", "Últimos informes"}, 0, "Este informe se ha trasladado:"},
		{"fr", "[strings]\nlatest_briefings = \"Nos dernières notes\"\n", []string{`<html lang="fr">`, "Nos dernières notes", "28 décembre 2025", "Aller au contenu"}, 0, "Cette note a été déplacée"},
		{"de", "", []string{`<html lang="en">`, "28 December 2025", "Latest briefings"}, 1, "This briefing has moved:"},
	} {
		t.Run(tc.lang+map[bool]string{true: "+override"}[tc.override != ""], func(t *testing.T) {
			src := t.TempDir()
			files := map[string]string{
				"config.toml":      "language = \"" + tc.lang + "\"\n",
				"content/lima.md":  article,
				"content/other.md": "+++\ntitle = \"Other\"\ndate = 2025-12-20\n+++\nBody.\n",
			}
			if tc.override != "" {
				files["templates/default/i18n/"+tc.lang+".toml"] = tc.override
			}
			writeFiles(t, src, files)
			var log bytes.Buffer
			dst := filepath.Join(t.TempDir(), "out")
			b := NewBuilder(pipeline.Options{Source: src, Destination: dst, Logger: lineLogger(&log)})
			if _, err := b.Update(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(log.String(), `language \"`+tc.lang+`\"`); n != tc.warnings {
				t.Errorf("%d warnings about the language, want %d:\n%s", n, tc.warnings, log.String())
			}
			home, err := os.ReadFile(filepath.Join(dst, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !bytes.Contains(home, []byte(w)) {
					t.Errorf("home page lacks %q", w)
				}
			}
			if moved, err := os.ReadFile(filepath.Join(dst, "old/lima/index.html")); err != nil || !bytes.Contains(moved, []byte(tc.moved)) {
				t.Errorf("the page at the old URL lacks %q: %s %v", tc.moved, moved, err)
			}

			// A rebuild for a new story does not say it again; a changed
			// translation file reaches every page.
			writeFiles(t, src, map[string]string{
				"content/new.md": "+++\ntitle = \"New\"\ndate = 2025-12-29\n+++\nBody.\n",
				"templates/default/i18n/" + tc.lang + ".toml": "[strings]\nskip = \"Changed skip link\"\n",
			})
			log.Reset()
			if _, err := b.Update(context.Background(), []string{filepath.Join(src, "content/new.md")}); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(log.String(), "language") {
				t.Errorf("a content rebuild warned about the language again:\n%s", log.String())
			}
			if _, err := b.Update(context.Background(), []string{filepath.Join(src, "templates/default/i18n/"+tc.lang+".toml")}); err != nil {
				t.Fatal(err)
			}
			// The article page did not change otherwise: only the
			// translation file re-renders it.
			page, err := os.ReadFile(filepath.Join(dst, "articles/2025/12/talks-in-lima/index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(page, []byte("Changed skip link")) {
				t.Error("the site's changed translation file did not reach an article page")
			}
		})
	}
}
