package render

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/attache/attache/generator/chart"
	"github.com/attache/attache/generator/feed"
	"github.com/attache/attache/generator/i18n"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
	"github.com/attache/attache/generator/worldmap"
)

// WithLanguage sets the language of the interface strings and dates, a
// BCP 47 tag such as "fr" (the site's language setting). Without it pages
// are in English.
func WithLanguage(lang string) Option { return func(r *Renderer) { r.lang = lang } }

// WithWarnings receives the renderer's warnings, such as a language with
// no interface strings, once each, when the renderer is made.
func WithWarnings(warn func(msg string)) Option { return func(r *Renderer) { r.warn = warn } }

// Strings returns the interface strings of the site's language, for
// documents made beside the pages, such as digests.
func (r *Renderer) Strings() *i18n.Table { return r.tr }

// Warnings returns what the renderer warned about when it was made, such as
// a language with no interface strings, for a caller that did not listen
// (attache check).
func (r *Renderer) Warnings() []string { return r.warnings }

// loadStrings reads the theme's translation tables: i18n/<lang>.toml of
// every layer, the base theme's first, so that a theme built on another
// and a site's own templates folder override strings one by one.
func (r *Renderer) loadStrings(theme fs.FS) error {
	tr, err := i18n.Load(r.lang, func(file string) ([]i18n.Source, error) { return readLayers(theme, "i18n/"+file) })
	if errors.Is(err, i18n.ErrNoReference) {
		// A theme of the site's own with no tables uses no strings: its
		// pages are in whatever language its layouts are written in.
		tr, err = i18n.Empty(r.lang), nil
	}
	if err != nil {
		return err
	}
	if tr.Fallback() {
		r.warnings = append(r.warnings, fmt.Sprintf("language %q: theme %s has no interface strings in it (i18n/%s.toml); pages are in English and say lang=\"%s\"",
			r.lang, r.themeName, strings.ToLower(r.lang), tr.Lang()))
	}
	if r.warn != nil {
		for _, w := range r.warnings {
			r.warn(w)
		}
	}
	r.tr = tr
	r.feedWords = feed.NewWords(tr)
	return nil
}

// readLayers returns the file name from every layer of the theme that has
// it, the most basic first: the bundled themes', then the site's, so that
// a site's file overrides every bundled one.
func readLayers(theme fs.FS, name string) ([]i18n.Source, error) {
	layers, ok := theme.(overlay)
	if !ok {
		layers = overlay{theme}
	}
	ordered := slices.Clone(layers)
	slices.Reverse(ordered)
	slices.SortStableFunc(ordered, func(a, b fs.FS) int {
		return cmp.Compare(isSite(a), isSite(b))
	})
	var out []i18n.Source
	for _, l := range ordered {
		data, err := fs.ReadFile(l, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		shown := name
		if nl, ok := l.(layer); ok {
			shown = path.Join(nl.name, name)
		}
		out = append(out, i18n.Source{Name: shown, Data: data})
	}
	return out, nil
}

// isSite is 1 for a layer of the site's own templates, 0 for a bundled one.
func isSite(l fs.FS) int {
	if nl, ok := l.(layer); ok && nl.site {
		return 1
	}
	return 0
}

// langFuncs are the template functions that speak the site's language.
func (r *Renderer) langFuncs() map[string]any {
	tr := r.tr
	return map[string]any{
		"t":        tr.String,
		"tn":       tr.Plural,
		"lang":     tr.Lang,
		"longDate": tr.Long,
		"date":     tr.Format,
		"monthName": func(m time.Month) (string, error) {
			if m < time.January || m > time.December {
				return "", fmt.Errorf("monthName %d: a month is from 1 to 12", m)
			}
			return tr.Format("January", time.Date(2000, m, 1, 0, 0, 0, 0, time.UTC)), nil
		},
		"monthLabel":  r.monthLabel,
		"region":      tr.Region,
		"regionNames": r.regionNames,
		"feedTitle":   r.feedTitle,
		"period":      r.period,
		"pageTitle":   r.pageTitle,
	}
}

// feedTitle is the title of a feed page p announces or offers, in the
// site's language, with its format: "Briefings: Laos (RSS)", as the feed
// titles itself.
func (r *Renderer) feedTitle(p *view.Page, f view.FeedLink) string {
	return r.feedWords.Title(p.Site.Config, f.Kind, f.Name) + " (" + f.Format + ")"
}

// regionNames returns, as a JSON object, the name in the site's language
// of every region whose name differs from its English one, keyed by the
// English: for a script that shows names the index holds in English (the
// search page's region facet).
func (r *Renderer) regionNames() (string, error) {
	names := map[string]string{}
	for _, n := range r.tr.Regions() {
		if t := r.tr.Region(n); t != n {
			names[n] = t
		}
	}
	b, err := json.Marshal(names) // keys sorted: the same bytes every build
	return string(b), err
}

// monthLabel translates a month label, which the site model writes in
// English ("August 2024"), as it knows no language. Every month page and
// every front page's list of months shows a few, so each label is
// translated once per renderer (month labels are a few hundred at most).
func (r *Renderer) monthLabel(label string) string {
	if v, ok := r.monthLabels.Load(label); ok {
		return v.(string)
	}
	d, err := time.Parse("January 2006", label)
	if err != nil {
		// Not a month: kept as it is, and not kept, so that what a
		// layout passes cannot grow the cache.
		return label
	}
	out := r.tr.MonthYear(d)
	r.monthLabels.Store(label, out)
	return out
}

// period names a digest's period for readers in the site's language.
func (r *Renderer) period(p site.Period) (string, error) {
	return r.tr.Period(string(p.Kind), p.Start, p.Last())
}

// pageTitle is the page's title in the site's language: the fixed pages'
// titles are interface strings, which the site model writes in English.
func (r *Renderer) pageTitle(p *view.Page) (string, error) {
	if r.tr == nil {
		return p.Title, nil
	}
	t := r.tr.String
	switch site.PageKind(p.Kind) {
	case site.CountriesPage:
		return t("countries")
	case site.OrganisationsPage:
		return t("organisations")
	case site.NotFoundPage:
		return t("page_not_found")
	case site.DigestsPage:
		return t("digests")
	case site.SearchPage:
		return t("search")
	case site.DigestPage:
		if p.Digest != nil {
			return r.period(p.Digest.Period)
		}
	case site.ArchivePage:
		switch {
		case p.Month != nil:
			return t("archive_of", r.tr.MonthYear(monthStart(p.Month)))
		case p.Year != nil:
			return t("archive_of", strconv.Itoa(p.Year.Year))
		}
		return t("archive")
	case site.RegionsPage, site.RegionPage, site.RelationPage, site.TagPage:
		return r.listTitle(p)
	case site.EntityPage:
		if p.Month != nil && p.Entity != nil {
			return t("entity_month", p.Entity.Name, r.tr.MonthYear(monthStart(p.Month)))
		}
	}
	return p.Title, nil
}

func monthStart(m *view.Month) time.Time { return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC) }

// chartWords are the words of the charts in the site's language; a key the
// tables lack leaves the English words.
func (r *Renderer) chartWords() chart.Words {
	if r.tr == nil || !r.tr.Has("n_articles") {
		return chart.Words{}
	}
	return chart.Words{
		Count:    r.articles,
		Month:    func(t time.Time) string { return r.tr.Format("Jan 2006", t) },
		Format:   r.tr.Format,
		In:       r.word("chart_in"),
		FromTo:   r.word("chart_from_to"),
		Peak:     r.word("chart_peak"),
		PeakDesc: r.word("chart_peak_desc"),
	}
}

// mapWords are the words of the world map in the site's language.
func (r *Renderer) mapWords() worldmap.Words {
	if r.tr == nil || !r.tr.Has("n_articles") {
		return worldmap.Words{}
	}
	return worldmap.Words{
		Count:      r.articles,
		Legend:     r.word("map_legend"),
		Zero:       r.word("map_zero"),
		None:       r.word("map_none"),
		CoveredOne: r.word("map_covered_one"),
		Covered:    r.word("map_covered"),
	}
}

func (r *Renderer) articles(n int) string {
	s, _ := r.tr.Plural("n_articles", n)
	return s
}

// word is the string of key unformatted, or "" for the English default.
func (r *Renderer) word(key string) string {
	s, err := r.tr.String(key)
	if err != nil {
		return ""
	}
	return s
}

// listTitle is the title of the regions page and of a region's, a
// relation's or a tag's pages, with the region's name translated.
func (r *Renderer) listTitle(p *view.Page) (string, error) {
	var n view.ListName
	switch {
	case p.List != nil:
		n = view.ListName{Kind: p.List.Kind, Name: p.List.Name}
	case p.Month != nil && p.Month.List != nil:
		n = *p.Month.List
	default:
		return r.tr.String("regions")
	}
	name := n.Name
	if n.Kind == string(site.RegionList) {
		name = r.tr.Region(name)
	}
	if p.Month != nil {
		return r.tr.String("entity_month", name, r.tr.MonthYear(monthStart(p.Month)))
	}
	return name, nil
}
