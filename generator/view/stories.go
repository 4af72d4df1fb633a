package view

import (
	"slices"
	"time"

	"github.com/attache/attache/generator/site"
)

// Story links another story from an article page: a related briefing or a
// report of the same event.
type Story struct {
	Title, Path string
	Date        time.Time
	Source      string
	// Countries are its main-subject countries.
	Countries []Ref
}

// Thread is the group of reports of one event a story belongs to.
type Thread struct {
	// ID is stable across builds: it follows from the oldest report.
	ID string
	// Reports are every report of the event, this one included, oldest
	// first.
	Reports []Story
	// Agencies are the reports' sources, each once, in the order of their
	// first report.
	Agencies []string
}

// Count is the number of reports.
func (t *Thread) Count() int { return len(t.Reports) }

// Cards returns list with one story per thread: the first of each thread
// in the list's order, standing for the others (its .Thread names them
// and their agencies), so that a listing shows one card per event.
func (p *Page) Cards(list []*Article) []*Article {
	var out []*Article
	seen := map[string]bool{}
	for _, a := range list {
		if t := a.Thread(); t != nil {
			if seen[t.ID] {
				continue
			}
			seen[t.ID] = true
		}
		out = append(out, a)
	}
	return out
}

// storyLinks sets the article's related stories and thread.
func storyLinks(v *articleLinks, a *site.Article) {
	for _, r := range a.Related {
		v.Related = append(v.Related, storyOf(r))
	}
	if t := a.Thread; t != nil {
		v.Thread = &Thread{ID: t.ID}
		for _, m := range t.Articles {
			v.Thread.Reports = append(v.Thread.Reports, storyOf(m))
			if m.Parsed.Source != "" && !slices.Contains(v.Thread.Agencies, m.Parsed.Source) {
				v.Thread.Agencies = append(v.Thread.Agencies, m.Parsed.Source)
			}
		}
	}
}

func storyOf(a *site.Article) Story {
	s := Story{Title: a.Parsed.Title, Path: a.Path, Date: a.Date, Source: a.Parsed.Source}
	var primary []site.Ref
	for _, r := range a.Countries {
		if r.Primary {
			primary = append(primary, r)
		}
	}
	s.Countries = refs(primary)
	return s
}

// linksKey identifies the stories an article links to, by place and
// content: with the article's own identity, it decides the article's view.
func linksKey(a *site.Article) uint64 {
	if len(a.Related) == 0 && a.Thread == nil {
		return 0
	}
	var h hasher
	h.u64(uint64(len(a.Related)))
	for _, r := range a.Related {
		h.u64(r.Key())
	}
	if a.Thread != nil {
		h.u64(a.Thread.Key())
	}
	return h.sum()
}
