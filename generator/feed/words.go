package feed

import (
	"sync"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/i18n"
	"github.com/attache/attache/templates"
)

// Words are the words feeds say themselves — their titles and
// descriptions, the digests' headings and dates — in a site's language:
// its theme's, and the bundled English ones for any key a theme of the
// site's own lacks. Make one with NewWords; it is safe for concurrent use.
type Words struct {
	tr *i18n.Table
	en func() *i18n.Table
}

// NewWords returns the words of tr, a site's strings (see
// render.Renderer.Strings); nil is English.
func NewWords(tr *i18n.Table) *Words {
	w := &Words{tr: tr, en: sync.OnceValue(templates.English)}
	if w.tr == nil {
		w.tr = w.en()
	}
	return w
}

// table returns the table to take key from: the site's, else the bundled
// English one.
func (w *Words) table(key string) *i18n.Table {
	if w.tr.Has(key) {
		return w.tr
	}
	return w.en()
}

// String is the string of key, formatted with args. Every key the feeds
// use is in the bundled English table (TestFeedKeysExist).
func (w *Words) String(key string, args ...any) string {
	s, err := w.table(key).String(key, args...)
	if err != nil {
		return key
	}
	return s
}

// Period names a digest period (see i18n.Table.Period) with the site's
// dates, and the week's title from the table that has it: a theme of the
// site's own that names its months but lacks week_title still gets its
// own month names in an English week title.
func (w *Words) Period(kind string, first, last time.Time) string {
	if kind == "week" {
		y, wk := first.ISOWeek()
		return w.String("week_title", wk, y, w.tr.Span(first, last))
	}
	p, err := w.tr.Period(kind, first, last)
	if err != nil {
		return w.tr.Long(first)
	}
	return p
}

// Region is the name of a UN region in the site's language.
func (w *Words) Region(name string) string { return w.tr.Region(name) }

// Title is the title of a feed whose stories kind and name say (see
// view.FeedLink): the site's title for its own feed, "TITLE: digests"
// for the digests', "TITLE: NAME" for a list's, in the site's language.
func (w *Words) Title(cfg *config.Config, kind, name string) string {
	switch kind {
	case "site":
		return cfg.Title
	case "digests":
		return w.String("feed_digests_title", cfg.Title)
	case "region":
		name = w.Region(name)
	}
	return w.String("feed_list_title", cfg.Title, name)
}
