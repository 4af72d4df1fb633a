package site

import (
	"encoding/binary"
	"math"
	"sync"
	"time"
)

// Signature is a 64-bit hash of the data a page shows. Two pages with the
// same path and signature render the same HTML with the same theme, so an
// incremental build re-renders only pages whose signature changed.
//
// It relies on each Input carrying a Version that changes whenever the
// article's file does: an article's own fields and its entity references
// are functions of its file and the configuration. Kinds it does not know
// are signed with the whole site's content, which is always safe.
func (p *Page) Signature() uint64 {
	var h sig
	h.str(string(p.Kind))
	// Signatures are compared for one path, which need not be hashed.
	// The titles of article and entity pages follow from the article's
	// version and the entity's ID; these are most of a site's pages.
	if p.Kind != ArticlePage && p.Kind != EntityPage {
		h.str(p.Title)
	}
	switch {
	case p.Kind == ArticlePage && p.Article != nil:
		a := p.Article
		h.article(a)
		h.article(a.Older)
		h.article(a.Newer)
		// The references follow from the version; their names and paths
		// from the entity IDs and the configuration.
	case p.Month != nil:
		// A month of the archive or of an entity: its stories, its
		// neighbours' links, and the entity's identity (its name and
		// path follow from the ID and the configuration) but none of
		// its counts, which newer stories change.
		if p.Entity != nil {
			h.u64(p.Entity.sigKey)
		}
		h.str(p.Month.Label)
		h.articles(p.Month.Articles)
		for _, l := range []*MonthLink{p.Month.Older, p.Month.Newer} {
			if l == nil {
				h.u64(math.MaxUint64)
				continue
			}
			h.str(l.Path)
			h.str(l.Label)
		}
	case p.Kind == EntityPage && p.Entity != nil && p.Pager != nil:
		e := p.Entity
		h.entity(e)
		h.pager(p.Pager)
		h.int(len(p.Months))
		for _, m := range p.Months {
			h.str(m.Path)
			h.int(m.Count)
		}
		if p.Pager.Number == 1 {
			// The first page charts every article of the entity.
			h.articles(e.Articles)
		}
		h.int(len(e.Related))
		for _, r := range e.Related {
			h.entity(r.Entity)
			h.int(r.Count)
		}
	case p.Kind == DigestPage && p.Digest != nil:
		h.digest(p.Digest)
		h.digest(p.Digest.Prev)
		h.digest(p.Digest.Next)
	case p.Kind == HomePage && p.Pager != nil:
		// The latest articles, a timeline of every article's date and the
		// most covered entities (a theme shows at most topEntities).
		h.pager(p.Pager)
		h.u64(p.Site.DatesSignature())
		for _, es := range [][]*Entity{p.Site.TopCountries(topEntities), p.Site.TopOrganisations(topEntities)} {
			h.int(len(es))
			for _, e := range es {
				h.entity(e)
			}
		}
	case p.Kind == ArchivePage && p.Year != nil:
		// A year's articles, and links to the other years.
		h.years(p.Archive)
		h.int(p.Year.Count)
		for _, m := range p.Year.Months {
			h.int(int(m.Month))
			h.articles(m.Articles)
		}
	case p.Kind == ArchivePage:
		// Counts by year and month, and a timeline: all follow from the
		// dates.
		h.u64(p.Site.DatesSignature())
	case p.Kind == CountriesPage || p.Kind == OrganisationsPage:
		// Every entity of the kind with its counts, and the number of
		// articles.
		h.int(len(p.Site.Articles))
		for _, es := range [][]*Entity{p.Site.Countries, p.Site.Organisations} {
			h.int(len(es))
			for _, e := range es {
				h.entity(e)
			}
		}
	case p.Kind == DigestsPage:
		h.int(len(p.Digests))
		for _, d := range p.Digests {
			h.str(d.Path)
			h.str(d.Title())
			h.int(len(d.Articles))
		}
	case p.Kind == NotFoundPage:
		// Shows the configuration only.
	default:
		h.u64(p.Site.ContentSignature())
	}
	return h.sum()
}

// ContentSignature hashes every article's path and version in order: it
// changes whenever any article is added, removed, moved or edited. It is
// computed once per Site.
func (s *Site) ContentSignature() uint64 {
	s.content.once.Do(func() {
		var h sig
		h.articles(s.Articles)
		s.content.sum = h.sum()
	})
	return s.content.sum
}

// DatesSignature hashes the date of every article in order, as shown (with
// its zone offset): it changes when an article is added, removed or
// re-dated, but not when one is otherwise edited. Pages that chart or count
// articles over time are signed with it. It is computed once per Site.
func (s *Site) DatesSignature() uint64 {
	s.dates.once.Do(func() {
		var h sig
		h.int(len(s.Articles))
		for _, a := range s.Articles {
			h.time(a.Date)
		}
		s.dates.sum = h.sum()
	})
	return s.dates.sum
}

// DigestsSignature hashes what a list of digests shows, for outputs other
// than pages (such as the digests' feed).
func DigestsSignature(ds []*Digest) uint64 {
	var h sig
	h.int(len(ds))
	for _, d := range ds {
		h.digest(d)
		h.str(d.Period.Span())
	}
	return h.sum()
}

// topEntities bounds the "most covered" lists the bundled themes show on
// the home page; top lists of fewer are prefixes of it.
const topEntities = 10

// contentSig caches ContentSignature; Site is otherwise immutable.
type contentSig struct {
	once sync.Once
	sum  uint64
}

// ArticlesSignature hashes the paths and versions of a list of articles,
// for outputs other than pages (such as feeds) that list them.
func ArticlesSignature(as []*Article) uint64 {
	var h sig
	h.articles(as)
	return h.sum()
}

// sig accumulates a signature. It mixes eight bytes at a time into its
// state rather than buffering for FNV: a rebuild signs every page of the
// site. Signatures are the same in every process, so they can be kept on
// disk between builds.
type sig struct {
	h uint64
}

const (
	sigInit = 0x243f6a8885a308d3
	sigMulA = 0xbf58476d1ce4e5b9
	sigMulB = 0x94d049bb133111eb
)

func (h *sig) u64(v uint64) {
	x := (h.h ^ v) * sigMulA
	x ^= x >> 29
	h.h = x*sigMulB + sigInit
}

func (h *sig) int(v int) { h.u64(uint64(v)) }

func (h *sig) time(t time.Time) {
	_, off := t.Zone()
	h.u64(uint64(t.UnixNano()))
	h.int(off)
}

func (h *sig) years(ys []Year) {
	h.int(len(ys))
	for _, y := range ys {
		h.int(y.Year)
	}
}

func (h *sig) str(s string) {
	h.int(len(s))
	for len(s) >= 8 {
		h.u64(binary.LittleEndian.Uint64([]byte(s[:8])))
		s = s[8:]
	}
	if len(s) > 0 {
		var tail [8]byte
		copy(tail[:], s)
		h.u64(binary.LittleEndian.Uint64(tail[:]))
	}
}

func (h *sig) sum() uint64 {
	x := h.h ^ h.h>>31
	x *= sigMulA
	return x ^ x>>32
}

// article hashes what any page may show of an article: its version decides
// its content and references, its path where it lives.
func (h *sig) article(a *Article) {
	if a == nil {
		h.u64(math.MaxUint64)
		return
	}
	h.u64(a.sigKey)
}

// articleKey is computed once per article so that signatures of long
// lists hash eight bytes an article.
func articleKey(a *Article) uint64 {
	var h sig
	h.str(a.Path)
	h.u64(a.Version)
	return h.sum()
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
		h.u64(math.MaxUint64)
		return
	}
	h.u64(e.sigKey)
	h.int(len(e.Articles))
	h.int(e.PrimaryCount)
}

// pager hashes a page of a list. Its links follow from the list's path,
// which the page's own path gives, and its number and total.
func (h *sig) pager(p *Pager) {
	h.int(p.Number)
	h.int(p.Total)
	h.int(p.First)
	h.articles(p.Articles)
}

// entityKey is computed once per entity, for the same reason as
// articleKey.
func entityKey(e *Entity) uint64 {
	var h sig
	h.str(string(e.Kind))
	h.str(e.ID)
	return h.sum()
}

func (h *sig) digest(d *Digest) {
	if d == nil {
		h.u64(math.MaxUint64)
		return
	}
	h.str(d.Path)
	h.str(d.Title())
	h.articles(d.Articles)
	g := d.Glance
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

// SitemapSignature hashes what a sitemap shows of pages: their paths and
// when each last changed.
func SitemapSignature(pages []*Page) uint64 {
	var h sig
	for _, p := range pages {
		h.str(p.Path)
		h.u64(uint64(p.Updated().UnixNano()))
	}
	return h.sum()
}
