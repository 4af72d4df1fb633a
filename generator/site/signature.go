package site

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"sync"
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
	h.str(p.Path)
	h.str(p.Title)
	switch {
	case p.Kind == ArticlePage && p.Article != nil:
		a := p.Article
		h.article(a)
		h.article(a.Older)
		h.article(a.Newer)
		// The references follow from the version; their names and paths
		// from the entity IDs and the configuration.
	case p.Kind == EntityPage && p.Entity != nil && p.Pager != nil:
		e := p.Entity
		h.entity(e)
		h.pager(p.Pager)
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

// sig accumulates a signature.
type sig struct {
	buf []byte
}

func (h *sig) u64(v uint64) { h.buf = binary.LittleEndian.AppendUint64(h.buf, v) }
func (h *sig) int(v int)    { h.u64(uint64(v)) }

func (h *sig) str(s string) {
	h.int(len(s))
	h.buf = append(h.buf, s...)
}

func (h *sig) sum() uint64 {
	f := fnv.New64a()
	f.Write(h.buf)
	return f.Sum64()
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
	h.str(string(e.Kind))
	h.str(e.ID)
	h.int(len(e.Articles))
	h.int(e.PrimaryCount)
}

func (h *sig) pager(p *Pager) {
	h.int(p.Number)
	h.int(p.Total)
	h.int(p.First)
	h.str(p.Prev)
	h.str(p.Next)
	h.articles(p.Articles)
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
