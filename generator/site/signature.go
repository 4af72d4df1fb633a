package site

import (
	"math"

	"github.com/attache/attache/generator/internal/mix"
)

// ArticlesSignature hashes the paths and versions of a list of articles,
// for outputs other than pages (such as feeds) that list them. It relies
// on each Input carrying a Version that changes whenever the article's
// file does: an article's fields and references are functions of its file,
// its path and the configuration.
func ArticlesSignature(as []*Article) uint64 {
	var h sig
	h.articles(as)
	return h.Sum()
}

// DigestsSignature hashes what a list of digests shows, for outputs other
// than pages (such as the digests' feed).
func DigestsSignature(ds []*Digest) uint64 {
	var h sig
	h.int(len(ds))
	for _, d := range ds {
		h.digest(d)
		h.Str(d.Period.Span())
	}
	return h.Sum()
}

// SitemapSignature hashes what a sitemap shows of pages: their paths and
// when each last changed.
func SitemapSignature(pages []*Page) uint64 {
	var h sig
	for _, p := range pages {
		h.Str(p.Path)
		h.Time(p.Updated())
	}
	return h.Sum()
}

// sig accumulates a signature of model values.
type sig struct{ mix.Hash }

func (h *sig) int(v int) { h.U64(uint64(v)) }

// article hashes what an output may show of an article: its version
// decides its content and references, its path where it lives.
func (h *sig) article(a *Article) {
	if a == nil {
		h.U64(math.MaxUint64)
		return
	}
	h.U64(a.sigKey)
}

// articleKey is computed once per article so that signatures of long
// lists hash eight bytes an article.
func articleKey(a *Article) uint64 {
	var h sig
	h.Str(a.Path)
	h.U64(a.Version)
	return h.Sum()
}

func (h *sig) articles(as []*Article) {
	h.int(len(as))
	for _, a := range as {
		h.article(a)
	}
}

// entity hashes what a list of entities may show: its identity (names and
// paths follow from the ID and the configuration) and its counts.
func (h *sig) entity(e *Entity) {
	if e == nil {
		h.U64(math.MaxUint64)
		return
	}
	h.U64(e.sigKey)
	h.int(len(e.Articles))
	h.int(e.PrimaryCount)
}

// entityKey is computed once per entity, for the same reason as
// articleKey.
func entityKey(e *Entity) uint64 {
	var h sig
	h.Str(string(e.Kind))
	h.Str(e.ID)
	return h.Sum()
}

func (h *sig) digest(d *Digest) {
	if d == nil {
		h.U64(math.MaxUint64)
		return
	}
	h.Str(d.Path)
	h.Str(d.Title())
	h.articles(d.Articles)
	g := d.Glance()
	h.int(g.Articles)
	h.int(g.PrevArticles)
	for _, ts := range [][]Trend{g.Countries, g.Organisations} {
		h.int(len(ts))
		for _, t := range ts {
			h.entity(t.Entity)
			h.int(t.Count)
			h.int(t.Prev)
		}
	}
}
