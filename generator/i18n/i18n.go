// Package i18n holds the interface strings of a theme in one language: a
// table per language, read from TOML files named by language tag (en.toml,
// fr.toml) that later layers — a theme built on another, a site's own
// templates folder — extend and override key by key.
//
// English is the reference: every key a bundled layout uses is in en.toml,
// and a key missing from another language's table falls back to English,
// so a site can add a language one string at a time.
package i18n

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/attache/attache/generator/internal/tomlline"
)

// Reference is the language every key exists in, and the one used when the
// configured language has no table.
const Reference = "en"

// ErrNoReference is returned by Load when no layer has the reference
// table, en.toml: the theme uses no translated strings.
var ErrNoReference = errors.New("i18n: no " + Reference + ".toml")

// Source is one translation file: the name errors show it by and its
// contents.
type Source struct {
	Name string
	Data []byte
}

// Reader returns the files of one name, such as "fr.toml", from every layer
// that has one, the base theme's first and the site's last.
type Reader func(file string) ([]Source, error)

// Plural is a string with a form for one and a form for every other count;
// each holds %d where the count goes.
type Plural struct {
	One   string `toml:"one"`
	Other string `toml:"other"`
}

// Dates names months and days and gives the layouts (Go reference-time
// layouts, written with English names that are replaced by the language's)
// of the dates pages show.
type Dates struct {
	Months      []string `toml:"months"`
	MonthsShort []string `toml:"monthsShort"`
	Days        []string `toml:"days"`
	DaysShort   []string `toml:"daysShort"`
	// Long is a full date: "2 January 2006", "2 de January de 2006".
	Long string `toml:"long"`
	// DayMonth is a date without its year, as in a week's span.
	DayMonth string `toml:"dayMonth"`
	// MonthYear names a month: "January 2006".
	MonthYear string `toml:"monthYear"`
	// FirstDay, if set, writes the first day of a month where a layout
	// has the day unpadded: French "1er juillet".
	FirstDay string `toml:"firstDay"`
}

// file is one translation file as written.
type file struct {
	// Plural names the rule that picks a plural form: "one" (1 is singular,
	// English, Spanish) or "zero-one" (0 and 1 are, French).
	Plural  string            `toml:"plural"`
	Dates   Dates             `toml:"dates"`
	Strings map[string]string `toml:"strings"`
	Plurals map[string]Plural `toml:"plurals"`
	// Regions names UN M49 regions and subregions, and the digests'
	// "International" and "Other" sections, keyed by their English names.
	Regions map[string]string `toml:"regions"`
}

// Table is the interface strings of one language, with English under them.
// It is read-only once loaded and safe for concurrent use.
type Table struct {
	lang     string
	fallback bool
	plural   string
	dates    Dates
	strings  map[string]string
	plurals  map[string]Plural
	regions  map[string]string
}

// Load returns the table for lang, a BCP 47 tag such as "fr" or "fr-CA":
// the files of the full tag if any layer has one, else of its base
// language, merged over English. A language with no file at all gives the
// English table with Fallback set.
func Load(lang string, read Reader) (*Table, error) {
	t := Empty(Reference)
	en, err := read(Reference + ".toml")
	if err != nil {
		return nil, err
	}
	if len(en) == 0 {
		return nil, ErrNoReference
	}
	var errs []error
	for _, s := range en {
		errs = append(errs, t.merge(s))
	}
	tag := strings.ToLower(strings.TrimSpace(lang))
	if tag != "" && tag != Reference {
		var own []Source
		for _, c := range candidates(tag) {
			if own, err = read(c + ".toml"); err != nil {
				return nil, err
			}
			if len(own) > 0 {
				break
			}
		}
		if len(own) == 0 {
			t.fallback = true
		} else {
			// The page's lang is the tag the site asked for: French
			// strings are true of a page for readers in Quebec.
			t.lang = lang
			for _, s := range own {
				errs = append(errs, t.merge(s))
			}
		}
	} else if tag == Reference {
		t.lang = lang
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return t, nil
}

// Empty returns a table with no strings, which says its pages are in lang
// and writes dates in English: for a theme whose layouts hold their own
// words.
func Empty(lang string) *Table {
	return &Table{lang: lang, plural: "one", strings: map[string]string{}, plurals: map[string]Plural{}, regions: map[string]string{},
		dates: Dates{Long: "2 January 2006", DayMonth: "2 January", MonthYear: "January 2006"}}
}

// candidates are the file names tried for a tag, most specific first:
// "fr-ca" and its usual casing "fr-CA", then "fr" ("zh-hant-tw" is also
// "zh-Hant-TW").
func candidates(tag string) []string {
	tag = strings.ReplaceAll(tag, "_", "-")
	out := []string{tag}
	if i := strings.IndexByte(tag, '-'); i > 0 {
		parts := strings.Split(tag, "-")
		for j, p := range parts[1:] {
			switch len(p) {
			case 2:
				parts[j+1] = strings.ToUpper(p)
			case 4:
				parts[j+1] = strings.ToUpper(p[:1]) + p[1:]
			}
		}
		if cased := strings.Join(parts, "-"); cased != tag {
			out = append(out, cased)
		}
		out = append(out, tag[:i])
	}
	return out
}

func (t *Table) merge(s Source) error {
	var f file
	md, err := toml.Decode(string(s.Data), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return fmt.Errorf("%s:%d: %s", s.Name, pe.Position.Line, pe.Message)
		}
		return fmt.Errorf("%s: %w", s.Name, err)
	}
	var errs []error
	at := func(key toml.Key, format string, args ...any) {
		place := s.Name
		if line := tomlline.KeyLine(string(s.Data), key); line > 0 {
			place += ":" + strconv.Itoa(line)
		}
		errs = append(errs, fmt.Errorf("%s: %s", place, fmt.Sprintf(format, args...)))
	}
	for _, k := range md.Undecoded() {
		at(k, "unknown key %q (a translation file has plural, [dates], [strings], [plurals] and [regions])", k.String())
	}
	switch f.Plural {
	case "":
	case "one", "zero-one":
		t.plural = f.Plural
	default:
		at(toml.Key{"plural"}, "plural %q: want \"one\" or \"zero-one\"", f.Plural)
	}
	for _, name := range []string{"months", "monthsShort", "days", "daysShort"} {
		list, want := map[string][]string{"months": f.Dates.Months, "monthsShort": f.Dates.MonthsShort, "days": f.Dates.Days, "daysShort": f.Dates.DaysShort}[name], 12
		if strings.HasPrefix(name, "days") {
			want = 7
		}
		if list != nil && len(list) != want {
			at(toml.Key{"dates", name}, "[dates] %s: want %d names%s, got %d", name, want, map[bool]string{true: ", Sunday first"}[want == 7], len(list))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(f.Plurals)) {
		p := f.Plurals[k]
		if p.One == "" || p.Other == "" {
			at(toml.Key{"plurals", k}, "[plurals] %s: needs both one and other", k)
			continue
		}
		// A form formats the count and the layout's arguments as the
		// English one does, or the page shows fmt's %!d(string=…).
		if ref, ok := t.plurals[k]; ok {
			for _, form := range []string{p.One, p.Other} {
				if err := checkVerbs(form, []string{ref.One, ref.Other}); err != nil {
					at(toml.Key{"plurals", k}, "[plurals] %s: %q: %v", k, form, err)
				}
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(f.Strings)) {
		if ref, ok := t.strings[k]; ok {
			if err := checkVerbs(f.Strings[k], []string{ref}); err != nil {
				at(toml.Key{"strings", k}, "[strings] %s: %q: %v", k, f.Strings[k], err)
			}
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	d := &t.dates
	d.Months = or(f.Dates.Months, d.Months)
	d.MonthsShort = or(f.Dates.MonthsShort, d.MonthsShort)
	d.Days = or(f.Dates.Days, d.Days)
	d.DaysShort = or(f.Dates.DaysShort, d.DaysShort)
	d.Long = or(f.Dates.Long, d.Long)
	d.DayMonth = or(f.Dates.DayMonth, d.DayMonth)
	d.MonthYear = or(f.Dates.MonthYear, d.MonthYear)
	d.FirstDay = or(f.Dates.FirstDay, d.FirstDay)
	for k, v := range f.Strings {
		t.strings[k] = v
	}
	for k, v := range f.Plurals {
		t.plurals[k] = v
	}
	for k, v := range f.Regions {
		t.regions[k] = v
	}
	return nil
}

func or[T string | []string](v, def T) T {
	if len(v) > 0 {
		return v
	}
	return def
}

// Lang is the language tag of the pages: the configured one, or "en" when
// it had no table.
func (t *Table) Lang() string { return t.lang }

// Fallback reports that the configured language had no table, so English
// is used.
func (t *Table) Fallback() bool { return t.fallback }

// Has reports whether key is a string or a plural of the table.
func (t *Table) Has(key string) bool {
	_, s := t.strings[key]
	_, p := t.plurals[key]
	return s || p
}

// String returns the string of key, formatted with args as by fmt.Sprintf
// when there are any (translations reorder them with %[2]s).
func (t *Table) String(key string, args ...any) (string, error) {
	s, ok := t.strings[key]
	if !ok {
		if _, ok := t.plurals[key]; ok {
			return "", fmt.Errorf("t %q: a plural; use tn %q COUNT", key, key)
		}
		return "", fmt.Errorf("t %q: no such string in the %s table nor in en.toml", key, t.lang)
	}
	if len(args) == 0 {
		return s, nil
	}
	// A translation may leave out an argument ("une note" for one
	// briefing), which fmt would write as %!(EXTRA …).
	return fmt.Sprintf(s, args[:min(len(args), argsUsed(s))]...), nil
}

// Plural returns the form of key for n, with n and then args formatted
// into it.
func (t *Table) Plural(key string, n int, args ...any) (string, error) {
	p, ok := t.plurals[key]
	if !ok {
		if _, ok := t.strings[key]; ok {
			return "", fmt.Errorf("tn %q: not a plural; use t %q", key, key)
		}
		return "", fmt.Errorf("tn %q: no such plural in the %s table nor in en.toml", key, t.lang)
	}
	form := p.Other
	if n == 1 || (t.plural == "zero-one" && n == 0) {
		form = p.One
	}
	all := append([]any{n}, args...)
	return fmt.Sprintf(form, all[:min(len(all), argsUsed(form))]...), nil
}

// Region returns the name of a UN M49 region or subregion, given in
// English, in the table's language; a name the table lacks is returned as
// it is, since region names come from the data, not the layouts.
func (t *Table) Region(name string) string {
	if v, ok := t.regions[name]; ok {
		return v
	}
	return name
}

// Regions returns the English names of every region the table translates.
func (t *Table) Regions() []string {
	out := make([]string, 0, len(t.regions))
	for k := range t.regions {
		out = append(out, k)
	}
	return out
}

// Keys returns every string and plural key of the table.
func (t *Table) Keys() []string {
	out := make([]string, 0, len(t.strings)+len(t.plurals))
	for k := range t.strings {
		out = append(out, k)
	}
	for k := range t.plurals {
		out = append(out, k)
	}
	return out
}

// Long formats a full date: "28 décembre 2025".
func (t *Table) Long(d time.Time) string { return t.Format(t.dates.Long, d) }

// DayMonth formats a date without its year: "28 décembre".
func (t *Table) DayMonth(d time.Time) string { return t.Format(t.dates.DayMonth, d) }

// MonthYear names the month of d: "décembre 2025".
func (t *Table) MonthYear(d time.Time) string { return t.Format(t.dates.MonthYear, d) }

// Format is time.Format with the table's names of months and days in
// place of the English ones.
func (t *Table) Format(layout string, d time.Time) string {
	// Each name token becomes a marker Go's layout takes literally, so
	// that a translated name containing a layout token ("Mon" in
	// "Montag") is never formatted a second time.
	type token struct {
		name  string
		names []string
		index int
	}
	tokens := []token{
		{"January", t.dates.Months, int(d.Month()) - 1},
		{"Monday", t.dates.Days, int(d.Weekday())},
		{"Jan", t.dates.MonthsShort, int(d.Month()) - 1},
		{"Mon", t.dates.DaysShort, int(d.Weekday())},
	}
	var names []string
	for _, tk := range tokens {
		if len(tk.names) == 0 || !strings.Contains(layout, tk.name) {
			continue
		}
		marker := "\x00" + string(rune('a'+len(names))) + "\x00"
		layout = strings.ReplaceAll(layout, tk.name, marker)
		names = append(names, marker, tk.names[tk.index])
	}
	if d.Day() == 1 && t.dates.FirstDay != "" {
		marker := "\x00" + string(rune('a'+len(names))) + "\x00"
		if l, ok := replaceDay(layout, marker); ok {
			layout = l
			names = append(names, marker, t.dates.FirstDay)
		}
	}
	out := d.Format(layout)
	if len(names) > 0 {
		out = replaceMarkers(out, names)
	}
	return out
}

// replaceMarkers is strings.NewReplacer(names...).Replace(s) for Format's
// markers, "\x00a\x00", "\x00c\x00", … (the letter is the marker's index
// in names), each followed by its replacement: one pass, without building a replacer,
// which was most of the cost of every date a page shows.
func replaceMarkers(s string, names []string) string {
	var b strings.Builder
	written := false
	for {
		i := strings.IndexByte(s, 0)
		if i < 0 || i+2 >= len(s) {
			if !written {
				return s
			}
			b.WriteString(s)
			return b.String()
		}
		written = true
		k := int(s[i+1]) - 'a'
		if k < 0 || k%2 != 0 || k >= len(names) || names[k] != s[i:i+3] {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(names[k+1])
		s = s[i+3:]
	}
}

// Period names a digest period for readers from its kind ("day", "week" or
// "month") and its first and last days: "28 décembre 2025", "Semaine 30,
// 2024 (22–28 juillet)", "juillet 2024". A week's title is the string
// week_title, from the ISO week, its year and the span of days.
func (t *Table) Period(kind string, first, last time.Time) (string, error) {
	switch kind {
	case "week":
		y, w := first.ISOWeek()
		return t.String("week_title", w, y, t.Span(first, last))
	case "month":
		return t.MonthYear(first), nil
	}
	return t.Long(first), nil
}

// Span writes the days from a to b compactly: "22–28 July", "29 July – 4
// August", "30 December 2024 – 5 January 2025".
func (t *Table) Span(a, b time.Time) string {
	switch {
	case a.Equal(b):
		return t.Long(a)
	case a.Year() != b.Year():
		return t.Long(a) + " – " + t.Long(b)
	case a.Month() != b.Month():
		return t.DayMonth(a) + " – " + t.DayMonth(b)
	}
	return t.Format("2", a) + "–" + t.DayMonth(b)
}

// replaceDay replaces the unpadded day of a layout ("2", but not the "2"
// of "2006", "02" or "_2") with s.
func replaceDay(layout, s string) (string, bool) {
	var b strings.Builder
	found := false
	for i := 0; i < len(layout); i++ {
		switch {
		case strings.HasPrefix(layout[i:], "2006"):
			b.WriteString("2006")
			i += 3
			continue
		case layout[i] == '2' && (i == 0 || (layout[i-1] != '0' && layout[i-1] != '_')):
			b.WriteString(s)
			found = true
			continue
		}
		b.WriteByte(layout[i])
	}
	return b.String(), found
}
