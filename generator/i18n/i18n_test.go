package i18n

import (
	"strings"
	"testing"
	"time"
)

// layers reads translation files from a map of name to layers' contents,
// base first.
func layers(files map[string][]string) Reader {
	return func(file string) ([]Source, error) {
		var out []Source
		for i, data := range files[file] {
			out = append(out, Source{Name: "layer" + string(rune('0'+i)) + "/" + file, Data: []byte(data)})
		}
		return out, nil
	}
}

const enTOML = `
plural = "one"
[dates]
months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
long = "2 January 2006"
dayMonth = "2 January"
monthYear = "January 2006"
[strings]
latest = "Latest briefings"
filed = "Filed %s"
[plurals]
n_briefings = { one = "%d briefing", other = "%d briefings" }
`

const frTOML = `
plural = "zero-one"
[dates]
months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
firstDay = "1er"
[strings]
latest = "Dernières notes"
[plurals]
n_briefings = { one = "%d note", other = "%d notes" }
`

func TestLoad(t *testing.T) {
	dec := time.Date(2025, 12, 28, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, lang string
		files      map[string][]string
		wantLang   string
		fallback   bool
		latest     string
		filed      string // a key only English has
		zero, one  string
		long       string
	}{
		{"english", "en", map[string][]string{"en.toml": {enTOML}}, "en", false, "Latest briefings", "Filed 09:00", "0 briefings", "1 briefing", "28 December 2025"},
		{"no language is English", "", map[string][]string{"en.toml": {enTOML}}, "en", false, "Latest briefings", "Filed 09:00", "0 briefings", "1 briefing", "28 December 2025"},
		{"french over english", "fr", map[string][]string{"en.toml": {enTOML}, "fr.toml": {frTOML}}, "fr", false, "Dernières notes", "Filed 09:00", "0 note", "1 note", "28 décembre 2025"},
		{"regional tag uses its base language and keeps its tag", "fr-CA", map[string][]string{"en.toml": {enTOML}, "fr.toml": {frTOML}}, "fr-CA", false, "Dernières notes", "Filed 09:00", "0 note", "1 note", "28 décembre 2025"},
		{"regional file wins", "fr_CA", map[string][]string{"en.toml": {enTOML}, "fr.toml": {frTOML}, "fr-ca.toml": {`[strings]
latest = "Nouvelles notes"`}}, "fr_CA", false, "Nouvelles notes", "Filed 09:00", "0 briefings", "1 briefing", "28 December 2025"},
		{"site layer overrides one string", "fr", map[string][]string{"en.toml": {enTOML}, "fr.toml": {frTOML, `[strings]
latest = "Nos dernières notes"`}}, "fr", false, "Nos dernières notes", "Filed 09:00", "0 note", "1 note", "28 décembre 2025"},
		{"unknown language falls back to English", "de", map[string][]string{"en.toml": {enTOML}, "fr.toml": {frTOML}}, "en", true, "Latest briefings", "Filed 09:00", "0 briefings", "1 briefing", "28 December 2025"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := Load(tc.lang, layers(tc.files))
			if err != nil {
				t.Fatal(err)
			}
			if tr.Lang() != tc.wantLang || tr.Fallback() != tc.fallback {
				t.Errorf("Lang, Fallback = %q, %v; want %q, %v", tr.Lang(), tr.Fallback(), tc.wantLang, tc.fallback)
			}
			check := func(what string, got string, err error, want string) {
				t.Helper()
				if err != nil || got != want {
					t.Errorf("%s = %q, %v; want %q", what, got, err, want)
				}
			}
			got, err := tr.String("latest")
			check("latest", got, err, tc.latest)
			got, err = tr.String("filed", "09:00")
			check("filed", got, err, tc.filed)
			got, err = tr.Plural("n_briefings", 0)
			check("0 briefings", got, err, tc.zero)
			got, err = tr.Plural("n_briefings", 1)
			check("1 briefing", got, err, tc.one)
			check("long date", tr.Long(dec), nil, tc.long)
		})
	}
}

func TestFormatDates(t *testing.T) {
	es := `[dates]
months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
monthsShort = ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."]
days = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"]
daysShort = ["dom.", "lun.", "mar.", "mié.", "jue.", "vie.", "sáb."]
long = "2 de January de 2006"
dayMonth = "2 de January"
monthYear = "January de 2006"`
	// A name holding a layout token ("Mon" in "Montag") must come out as
	// written, not be formatted again.
	de := `[dates]
days = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"]
months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]`
	tr, err := Load("es", layers(map[string][]string{"en.toml": {enTOML}, "es.toml": {es}}))
	if err != nil {
		t.Fatal(err)
	}
	trDE, err := Load("de", layers(map[string][]string{"en.toml": {enTOML}, "de.toml": {de}}))
	if err != nil {
		t.Fatal(err)
	}
	d := time.Date(2025, 12, 28, 0, 0, 0, 0, time.UTC) // a Sunday
	mon := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		tr     *Table
		layout string
		at     time.Time
		want   string
	}{
		{tr, "", d, "28 de diciembre de 2025"},
		{tr, "2 Jan", d, "28 dic."},
		{tr, "Monday 2 January", d, "domingo 28 diciembre"},
		{tr, "Mon 02/01/2006", d, "dom. 28/12/2025"},
		{trDE, "Monday, 2. January 2006", mon, "Montag, 1. Januar 2024"},
		{trDE, "Monday", d, "Sonntag"},
	} {
		got := tc.tr.Long(tc.at)
		if tc.layout != "" {
			got = tc.tr.Format(tc.layout, tc.at)
		}
		if got != tc.want {
			t.Errorf("Format(%q) = %q, want %q", tc.layout, got, tc.want)
		}
	}
	if got := tr.DayMonth(d); got != "28 de diciembre" {
		t.Errorf("DayMonth = %q", got)
	}
	if got := tr.MonthYear(d); got != "diciembre de 2025" {
		t.Errorf("MonthYear = %q", got)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string][]string
		want  []string
	}{
		{"no reference", map[string][]string{"fr.toml": {frTOML}}, []string{"no en.toml"}},
		{"syntax error has a line", map[string][]string{"en.toml": {enTOML}, "fr.toml": {"[strings]\nlatest = \"x\"\nbroken = \n"}}, []string{"layer0/fr.toml:3:"}},
		{"every bad file reported", map[string][]string{"en.toml": {enTOML}, "fr.toml": {"[strngs]\nx = \"y\"", "[dates]\nmonths = [\"a\"]\n[plurals]\nn = { one = \"%d\" }\n"}},
			[]string{`layer0/fr.toml:2: unknown key "strngs.x"`, "layer1/fr.toml:2: [dates] months: want 12 names, got 1", "layer1/fr.toml:4: [plurals] n: needs both one and other"}},
		{"a verb for another kind of argument", map[string][]string{"en.toml": {enTOML}, "fr.toml": {"# mine\n[strings]\nfiled = \"Transmis %d\"\n"}},
			[]string{`layer0/fr.toml:3: [strings] filed: "Transmis %d": %d formats argument 1, which the English string formats with a verb for text`}},
		{"a verb for an argument English lacks", map[string][]string{"en.toml": {enTOML}, "fr.toml": {"[plurals]\nn_briefings = { one = \"une note\", other = \"%d notes de %s\" }\n"}},
			[]string{`layer0/fr.toml:2: [plurals] n_briefings: "%d notes de %s": %s formats argument 2, which the English string does not have`}},
		{"bad plural rule", map[string][]string{"en.toml": {enTOML}, "fr.toml": {`plural = "many"`}}, []string{`plural "many"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("fr", layers(tc.files))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestUnknownKeysSayWhich(t *testing.T) {
	tr, err := Load("en", layers(map[string][]string{"en.toml": {enTOML}}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.String("nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("String(nope) error = %v", err)
	}
	if _, err := tr.String("n_briefings"); err == nil || !strings.Contains(err.Error(), "tn") {
		t.Errorf("String of a plural: error = %v, want a hint to use tn", err)
	}
	if _, err := tr.Plural("latest", 2); err == nil || !strings.Contains(err.Error(), "use t") {
		t.Errorf("Plural of a string: error = %v, want a hint to use t", err)
	}
}

// FuzzLoad feeds any bytes as a translation file: Load returns a table or
// an error, never panics, and a table formats dates and plurals.
func FuzzLoad(f *testing.F) {
	f.Add(frTOML)
	f.Add(`[dates]
months = ["a","b","c","d","e","f","g","h","i","j","k","l"]
long = "Monday January"`)
	f.Add("[plurals]\nx = { one = \"%d %s %[3]q\", other = \"%!\" }")
	f.Add("plural = 3")
	f.Fuzz(func(t *testing.T, data string) {
		tr, err := Load("xx", layers(map[string][]string{"en.toml": {enTOML}, "xx.toml": {data}}))
		if err != nil {
			return
		}
		_ = tr.Long(time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC))
		for _, k := range tr.Keys() {
			if _, err := tr.Plural(k, 2); err != nil {
				_, _ = tr.String(k, "a")
			}
		}
	})
}

// TestFirstDay: French writes the first of the month "1er" where the day
// is written unpadded, and nowhere else.
func TestFirstDay(t *testing.T) {
	fr, err := Load("fr", layers(map[string][]string{"en.toml": {enTOML}, "fr.toml": {frTOML}}))
	if err != nil {
		t.Fatal(err)
	}
	first := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ got, want string }{
		{fr.Long(first), "1er juillet 2024"},
		{fr.Long(first.AddDate(0, 0, 1)), "2 juillet 2024"},
		{fr.Format("2006-01-02", first), "2024-07-01"},
		{fr.Format("02/01/2006", first), "01/07/2024"},
		{fr.Format("_2 January", first), " 1 juillet"},
		{fr.Span(first, first.AddDate(0, 0, 6)), "1er–7 juillet"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// FuzzReplaceMarkers holds Format's one-pass replacement of its markers to
// the strings.Replacer it replaced.
func FuzzReplaceMarkers(f *testing.F) {
	f.Add("\x00a\x00 \x00c\x00 2024", "juillet", "lundi", "1er")
	f.Add("\x00a\x00\x00c\x00\x00e\x00", "", "x", "")
	f.Add("\x00\x00a\x00\x00c\x00\x00b\x00", "a", "b", "c")
	f.Add("plain", "a", "b", "c")
	f.Add("\x00d\x00 \x00a", "a", "b", "c")
	f.Fuzz(func(t *testing.T, s, a, b, c string) {
		names := []string{"\x00a\x00", a, "\x00c\x00", b, "\x00e\x00", c}
		for n := 0; n <= len(names); n += 2 {
			want := s
			if n > 0 {
				want = strings.NewReplacer(names[:n]...).Replace(s)
			}
			if got := replaceMarkers(s, names[:n]); got != want {
				t.Fatalf("replaceMarkers(%q, %q) = %q, want %q", s, names[:n], got, want)
			}
		}
	})
}

// TestFormatsLeaveOutArguments: a translation may leave out an argument
// the English string formats ("une note" for one briefing); the page
// shows the translation, not fmt's %!(EXTRA …).
func TestFormatsLeaveOutArguments(t *testing.T) {
	tr, err := Load("fr", layers(map[string][]string{"en.toml": {enTOML}, "fr.toml": {"[strings]\nfiled = \"Transmis\"\n[plurals]\nn_briefings = { one = \"une note\", other = \"%d notes\" }\n"}}))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ got, want string }{
		{must(tr.Plural("n_briefings", 1)), "une note"},
		{must(tr.Plural("n_briefings", 3)), "3 notes"},
		{must(tr.String("filed", "2 juillet")), "Transmis"},
	} {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}

// TestRegionFileNames: a table for a language and region is found under
// the tag as written in lower case or in its usual casing (pt-BR.toml).
func TestRegionFileNames(t *testing.T) {
	for _, file := range []string{"pt-br.toml", "pt-BR.toml"} {
		tr, err := Load("pt-BR", layers(map[string][]string{"en.toml": {enTOML}, file: {"[strings]\nlatest = \"Últimas\"\n"}}))
		if err != nil || tr.Fallback() || must(tr.String("latest")) != "Últimas" {
			t.Errorf("%s: %v, fell back to English %v", file, err, tr != nil && tr.Fallback())
		}
	}
	if got := candidates("zh-hant-tw"); strings.Join(got, " ") != "zh-hant-tw zh-Hant-TW zh" {
		t.Errorf("candidates(zh-hant-tw) = %v", got)
	}
}
