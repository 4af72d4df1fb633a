package render

import (
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/i18n"
	"github.com/attache/attache/internal/golden"
	"github.com/attache/attache/templates"
)

// bundledLanguages are the languages every bundled string must exist in.
var bundledLanguages = []string{"en", "fr", "es"}

// keysInGo are the keys the renderer itself looks up (see pageTitle and
// period).
var keysInGo = []string{"countries", "organisations", "page_not_found", "digests", "archive", "archive_of", "entity_month", "week_title",
	"n_articles", "chart_in", "chart_from_to", "chart_peak", "chart_peak_desc", "map_legend", "map_zero", "map_none", "map_covered_one", "map_covered",
	"redirect_moved"}

var (
	keyUse    = regexp.MustCompile(`\{\{-?\s*(?:[^{}]*[(\s])?(?:t|tn)\s+"([^"]+)"`)
	keyPrintf = regexp.MustCompile(`\(?(?:t|tn)\s+\(printf\s+"([^"%]+)%s"`)
)

// layoutKeys returns every key the theme's layouts pass to t or tn; a key
// made with printf "prefix_%s" stands for prefix_day, _week and _month, the
// digest periods.
func layoutKeys(t *testing.T, theme fs.FS) []string {
	t.Helper()
	var keys []string
	err := fs.WalkDir(theme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(src), -1) {
			keys = append(keys, m[1])
		}
		for _, m := range keyPrintf.FindAllStringSubmatch(string(src), -1) {
			for _, k := range []string{"day", "week", "month"} {
				keys = append(keys, m[1]+k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// ownTable loads one language's files alone, without English under them,
// so that a key it lacks is missing rather than English.
func ownTable(t *testing.T, theme fs.FS, lang string) *i18n.Table {
	t.Helper()
	tr, err := i18n.Load(i18n.Reference, func(string) ([]i18n.Source, error) { return readLayers(theme, "i18n/"+lang+".toml") })
	if err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	return tr
}

func TestEveryKeyInEveryLanguage(t *testing.T) {
	for _, name := range []string{"default", "situation"} {
		theme, err := Theme(templates.FS, "", name)
		if err != nil {
			t.Fatal(err)
		}
		used := layoutKeys(t, theme)
		if len(used) < 50 {
			t.Fatalf("%s: found only %d keys in the layouts; is the pattern right?", name, len(used))
		}
		en := ownTable(t, theme, "en")
		for _, lang := range bundledLanguages {
			own := ownTable(t, theme, lang)
			for _, k := range append(used, keysInGo...) {
				if !own.Has(k) {
					t.Errorf("%s: key %q is used but missing from i18n/%s.toml", name, k, lang)
				}
			}
			// Every English string is translated, used here or not: a
			// site's layouts may use it.
			for _, k := range en.Keys() {
				if !own.Has(k) {
					t.Errorf("%s: i18n/%s.toml lacks %q, which en.toml has", name, lang, k)
				}
			}
		}
	}
}

// TestLayoutsHaveNoLiteralWords fails on an English word left between tags
// of a bundled layout: interface text goes through t.
func TestLayoutsHaveNoLiteralWords(t *testing.T) {
	words := regexp.MustCompile(`>([^<>{}]*[A-Za-z]{2,}[^<>{}]*)<|(?:aria-label|title|alt)="([^"{}]*[A-Za-z]{2,}[^"{}]*)"`)
	// Names of formats are the same in every language.
	allowed := map[string]bool{"Atom": true, "RSS": true, "JSON Feed": true}
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(p, "/layouts/") {
			return err
		}
		src, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		// Template comments are for theme authors.
		text := regexp.MustCompile(`(?s)\{\{-?\s*/\*.*?\*/\s*-?\}\}`).ReplaceAllString(string(src), "")
		for _, m := range words.FindAllStringSubmatch(text, -1) {
			w := strings.TrimSpace(m[1] + m[2])
			if !allowed[w] {
				t.Errorf("%s: literal text %q: use {{t \"key\"}}", p, w)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestTranslatedPages is the golden test of the interface in each bundled
// language: the text of one page of each kind, as a reader sees it.
func TestTranslatedPages(t *testing.T) {
	s := picturesSite(t)
	paths := []string{"/", "/articles/2024/07/b-md/", "/countries/laos/", "/countries/laos/2024/07/", "/archive/", "/archive/2024/", "/digests/", "/digests/2024-w29/", "/organisations/", "/404.html",
		"/regions/", "/regions/south-eastern-asia/", "/regions/asia/2024/07/", "/relations/china-laos/", "/tags/mekong/", "/organisations/asean/"}
	for _, lang := range bundledLanguages {
		for _, name := range []string{"default", "situation"} {
			theme, err := Theme(templates.FS, "", name)
			if err != nil {
				t.Fatal(err)
			}
			r, err := New(theme, "https://example.org/", WithThemeName(name), WithLanguage(lang))
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			for _, p := range viewsOf(s) {
				if !slices.Contains(paths, p.Path) || (name == "situation" && p.Path != "/" && p.Path != "/articles/2024/07/b-md/" && p.Path != "/countries/") {
					continue
				}
				b, err := r.RenderBytes(p)
				if err != nil {
					t.Fatalf("%s %s %s: %v", lang, name, p.Path, err)
				}
				fmt.Fprintf(&out, "=== %s\n%s\n", p.Path, readerText(string(b)))
			}
			golden.Check(t, "lang-"+name+"-"+lang+".golden", out.String())
		}
	}
}

// readerText is the page's lang and the text a reader sees, a line per
// block, without the head's metadata or the pictures' drawing.
func readerText(page string) string {
	lang := regexp.MustCompile(`<html lang="[^"]*">`).FindString(page)
	title := regexp.MustCompile(`<title>.*</title>`).FindString(page)
	body := page[strings.Index(page, "<body"):]
	// A picture shows its text equivalent and its labels, not its shapes.
	body = regexp.MustCompile(`(?s)<svg.*?</svg>`).ReplaceAllStringFunc(body, func(svg string) string {
		var words []string
		for _, m := range regexp.MustCompile(`<(desc|text)[^>]*>([^<]*)<`).FindAllStringSubmatch(svg, -1) {
			words = append(words, m[2])
		}
		return "\n[picture: " + strings.Join(words, " | ") + "]\n"
	})
	body = regexp.MustCompile(`(?:aria-label|title)="([^"]*)"`).ReplaceAllString(body, ">[$0]<")
	body = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(body, "\n")
	var lines []string
	for l := range strings.SplitSeq(html.UnescapeString(body), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return lang + "\n" + title + "\n" + strings.Join(lines, "\n")
}

func TestLanguageFallsBackToEnglishAndSaysSo(t *testing.T) {
	for _, tc := range []struct {
		lang, wantLang string
		warnings       int
	}{
		{"fr", "fr", 0},
		{"es-MX", "es-MX", 0},
		{"de", "en", 1},
		{"", "en", 0},
	} {
		theme, err := Theme(templates.FS, "", "default")
		if err != nil {
			t.Fatal(err)
		}
		var warned []string
		r, err := New(theme, "https://example.org/", WithLanguage(tc.lang), WithWarnings(func(m string) { warned = append(warned, m) }))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range viewsOf(picturesSite(t)) {
			b, err := r.RenderBytes(p)
			if err != nil {
				t.Fatal(err)
			}
			if want := `<html lang="` + tc.wantLang + `">`; !strings.Contains(string(b), want) {
				t.Errorf("%q: %s lacks %s", tc.lang, p.Path, want)
			}
			// Link previews show the page's title in its language.
			if want := `<meta property="og:title" content="Pays">`; tc.lang == "fr" && p.Kind == "countries" && !strings.Contains(string(b), want) {
				t.Errorf("fr countries page lacks %s", want)
			}
		}
		if len(warned) != tc.warnings {
			t.Errorf("%q: warnings %q, want %d", tc.lang, warned, tc.warnings)
		}
		if tc.warnings > 0 && !strings.Contains(warned[0], `"de"`) {
			t.Errorf("warning %q does not name the language", warned[0])
		}
	}
}

func TestSiteOverridesStrings(t *testing.T) {
	siteTemplates := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(siteTemplates, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The site's situation folder overrides a string the default theme
	// defines, over the two bundled layers.
	write("situation/i18n/fr.toml", "[strings]\nlatest_briefings = \"Nos dernières notes\"\n")
	// The site's default folder overrides even a string the bundled
	// situation theme sets over default's.
	write("default/i18n/fr.toml", "[strings]\ntempo = \"Cadence\"\n")
	theme, err := Theme(templates.FS, siteTemplates, "situation")
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(theme, "https://example.org/", WithThemeName("situation"), WithLanguage("fr"))
	if err != nil {
		t.Fatal(err)
	}
	home, err := r.RenderBytes(viewsOf(picturesSite(t))[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Nos dernières notes", "Cadence", "Aller au contenu"} {
		if !strings.Contains(string(home), want) {
			t.Errorf("home lacks %q", want)
		}
	}

	write("situation/i18n/fr.toml", "[strings]\nlatest_briefings = \"x\"\nbroken\n")
	theme, _ = Theme(templates.FS, siteTemplates, "situation")
	if _, err := New(theme, "https://example.org/", WithLanguage("fr")); err == nil || !strings.Contains(err.Error(), filepath.Join(siteTemplates, "situation/i18n/fr.toml")+":3") {
		t.Errorf("err = %v, want one naming the site's file and line", err)
	}
}

// TestEveryRegionTranslated checks that the bundled languages name every
// UN M49 region and subregion of the gazetteer, and the digests' own
// sections.
func TestEveryRegionTranslated(t *testing.T) {
	names := map[string]bool{"International": true, "Other": true}
	for _, c := range gazetteer.Default().Countries() {
		for _, n := range []string{c.Region, c.Subregion} {
			if n != "" {
				names[n] = true
			}
		}
	}
	theme, err := Theme(templates.FS, "", "default")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range bundledLanguages[1:] {
		own := ownTable(t, theme, lang)
		for n := range names {
			if !slices.Contains(own.Regions(), n) {
				t.Errorf("i18n/%s.toml [regions] lacks %q", lang, n)
			}
		}
	}
}

// TestMonthNameOutOfRange: monthName of a number that is no month is an
// error, not January or November.
func TestMonthNameOutOfRange(t *testing.T) {
	name := siteRenderer(t, "", "https://example.org/").langFuncs()["monthName"].(func(time.Month) (string, error))
	if got, err := name(7); err != nil || got != "July" {
		t.Errorf("monthName 7 = %q, %v", got, err)
	}
	for _, m := range []time.Month{0, 13, -1} {
		if got, err := name(m); err == nil {
			t.Errorf("monthName %d = %q, want an error", m, got)
		}
	}
}
