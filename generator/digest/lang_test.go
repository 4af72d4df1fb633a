package digest

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/attache/attache/generator/i18n"
	"github.com/attache/attache/internal/golden"
	"github.com/attache/attache/templates"
)

// bundled loads a bundled language of the default theme, as a site in
// that language gets it from its renderer.
func bundled(t *testing.T, lang string) *i18n.Table {
	t.Helper()
	tr, err := templates.Strings(lang)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestDigestLanguages writes the week's digest in French and Spanish: the
// text and Markdown are golden files, and the HTML page and email carry the
// language's lang and words, with no English interface word left.
func TestDigestLanguages(t *testing.T) {
	s := fixture(t)
	d := week30(t, s)
	english := regexp.MustCompile(`\b(At a glance|Most covered|Briefings|Change|See also|under|Read this digest|Previous|Next|On the site|You receive|unsubscribe|July|briefings?)\b`)
	for _, tc := range []struct {
		lang  string
		words []string
	}{
		{"fr", []string{"Semaine 30, 2024 (22–28 juillet)", "EN BREF", "26 juillet 2024", "Asie du Sud-Est"}},
		{"es", []string{"Semana 30 de 2024 (22–28 de julio)", "DE UN VISTAZO", "26 de julio de 2024", "Sudeste asiático"}},
	} {
		w := New(s, WithStrings(bundled(t, tc.lang)))
		w.unsubscribeURL, w.unsubscribeEmail = "https://example.org/unsub", "unsub@example.org"
		text := write(t, w, d, Text)
		golden.Check(t, "week30."+tc.lang+".txt", text)
		golden.Check(t, "week30."+tc.lang+".md", write(t, w, d, Markdown))
		for _, want := range tc.words {
			if !strings.Contains(strings.ToLower(text), strings.ToLower(want)) {
				t.Errorf("%s text lacks %q", tc.lang, want)
			}
		}
		for _, f := range []Format{HTML, Email} {
			html := write(t, w, d, f)
			if !strings.Contains(html, `<html lang="`+tc.lang+`">`) {
				t.Errorf("%s %s: lang is not %s", tc.lang, f, tc.lang)
			}
			// Only what a reader sees of the interface: no tags, styles,
			// links or site title.
			visible := regexp.MustCompile(`(?s)<style.*?</style>|<[^>]*>|https?://\S+|Attaché Briefings`).ReplaceAllString(html, " ")
			for _, m := range english.FindAllString(visible, -1) {
				t.Errorf("%s %s: English word %q left", tc.lang, f, m)
			}
		}
		if subj := w.Subject(d); !strings.Contains(subj, tc.words[0]) {
			t.Errorf("%s subject %q", tc.lang, subj)
		}
	}
}

// TestDigestKeysExist checks that every key the digest's code and
// templates look up is in each bundled language: a missing one would be
// written as its key.
func TestDigestKeysExist(t *testing.T) {
	uses := regexp.MustCompile(`(?:w\.s\(|\{\{-?\s*(?:[^{}]*[(\s])?(?:t|tn)\s+)"([a-z_]+)"|Plural\("([a-z_]+)"|printf "([a-z_]+)%s"`)
	var keys []string
	for _, f := range []string{"digest.go", "markdown.go", "text.go", "eml.go", "templates/page.html", "templates/email.html"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uses.FindAllStringSubmatch(string(src), -1) {
			switch {
			case m[3] != "":
				keys = append(keys, m[3]+"day", m[3]+"week", m[3]+"month")
			case !strings.HasSuffix(m[1], "_"): // a prefix, listed below
				keys = append(keys, m[1]+m[2])
			}
		}
	}
	keys = append(keys, "on_the_before_day", "on_the_before_week", "on_the_before_month", "week_title")
	if len(keys) < 25 {
		t.Fatalf("found only %d keys; is the pattern right?", len(keys))
	}
	for _, lang := range []string{"en", "fr", "es"} {
		tr := bundled(t, lang)
		for _, k := range keys {
			if !tr.Has(k) {
				t.Errorf("%s: no key %q", lang, k)
			}
		}
	}
}
