package view

import (
	"github.com/attache/attache/generator/site"
	"reflect"
)

// Maker makes the views of a site's pages. It keeps each article's view
// from one build to the next while the article's path and file stay the
// same (the configuration must not change: call Forget when it does), so
// that an incremental build makes and hashes only the views of changed
// articles. Its zero value is ready. It is not safe for concurrent use.
type Maker struct {
	kept map[articleID]*Article
}

// articleID names an article's view across builds: its place and its
// file's content, which with the configuration decide everything it shows.
type articleID struct {
	path    string
	version uint64
}

// Forget drops every kept view, as after a change of configuration.
func (m *Maker) Forget() { m.kept = nil }

// Pages makes the views of pages, all of site s, in the same order.
// Articles whose Version is zero (builds without a cache) are never kept.
func (m *Maker) Pages(s *site.Site, pages []*site.Page) []*Page {
	b := &pageMaker{s: s, articles: map[*site.Article]*Article{}, prev: m.kept, kept: map[articleID]*Article{}}
	b.data = &siteData{articles: b.list(s.Articles), countries: coveredList(s.Countries), organisations: coveredList(s.Organisations)}
	constant := &Site{Config: s.Config, CountriesPath: s.CountriesPath, OrganisationsPath: s.OrganisationsPath}
	b.data.key = contentHash(constant)
	out := make([]*Page, len(pages))
	for i, p := range pages {
		out[i] = b.page(p)
	}
	m.kept = b.kept
	return out
}

// pageMaker makes the pages of one build, each article's view once.
type pageMaker struct {
	s          *site.Site
	data       *siteData
	articles   map[*site.Article]*Article
	prev, kept map[articleID]*Article
}

func (b *pageMaker) article(a *site.Article) *Article {
	if a == nil {
		return nil
	}
	if v := b.articles[a]; v != nil {
		return v
	}
	id := articleID{a.Path, a.Version}
	v := b.prev[id]
	if v == nil || a.Version == 0 {
		v = newArticle(a)
	}
	if a.Version != 0 {
		b.kept[id] = v
	}
	b.articles[a] = v
	return v
}

func (b *pageMaker) list(as []*site.Article) []*Article {
	out := make([]*Article, len(as))
	for i, a := range as {
		out[i] = b.article(a)
	}
	return out
}

func (b *pageMaker) page(p *site.Page) *Page {
	// Each page has a Site of its own, to record what its layouts read.
	pageSite := &Site{Config: b.s.Config, CountriesPath: b.s.CountriesPath, OrganisationsPath: b.s.OrganisationsPath, data: b.data, deps: new(deps)}
	v := &Page{Kind: string(p.Kind), Title: p.Title, Path: p.Path, Site: pageSite,
		Description: p.Description(), Updated: p.Updated(), Feeds: p.Feeds(), NewsArticle: p.NewsArticle()}
	switch p.Kind {
	case site.HomePage:
		v.Latest = b.list(p.Pager.Articles)
	case site.ArticlePage:
		v.Article = b.article(p.Article)
		v.Older, v.Newer = b.article(p.Article.Older), b.article(p.Article.Newer)
	case site.EntityPage:
		if p.Month != nil {
			v.Month = b.month(p.Month, named(p.Entity))
			break
		}
		v.Entity = b.entity(p.Entity)
		v.Latest = b.list(p.Pager.Articles)
		v.Months = p.Months
	case site.ArchivePage:
		switch {
		case p.Month != nil:
			v.Month = b.month(p.Month, nil)
		case p.Year != nil:
			v.Archive, v.Year = years(p.Archive), &years([]site.Year{*p.Year})[0]
		default:
			v.Archive = years(p.Archive)
		}
	case site.DigestsPage:
		for _, d := range p.Digests {
			v.Digests = append(v.Digests, *digestLink(d))
		}
	case site.DigestPage:
		v.Digest = b.digest(p.Digest)
	}
	return v
}

func (b *pageMaker) entity(e *site.Entity) *Entity {
	n := named(e)
	v := &Entity{Kind: n.Kind, ID: n.ID, Name: n.Name, Label: n.Label, Slug: n.Slug, Path: n.Path,
		Country: n.Country, Organisation: n.Organisation, Count: e.Count(), PrimaryCount: e.PrimaryCount,
		Articles: b.list(e.Articles)}
	for _, r := range e.Related {
		rn := named(r.Entity)
		v.Related = append(v.Related, Related{Kind: rn.Kind, ID: rn.ID, Name: rn.Name, Label: rn.Label, Slug: rn.Slug,
			Path: rn.Path, Country: rn.Country, Organisation: rn.Organisation, Count: r.Count})
	}
	return v
}

func (b *pageMaker) month(m *site.MonthPage, e *Named) *Month {
	return &Month{Year: m.Year, Month: m.Month, Label: m.Label, Entity: e, Front: m.Front,
		Articles: b.list(m.Articles), Older: m.Older, Newer: m.Newer}
}

func years(ys []site.Year) []Year {
	out := make([]Year, len(ys))
	for i, y := range ys {
		out[i] = Year{Year: y.Year, Path: y.Path, Count: y.Count}
		for _, m := range y.Months {
			out[i].Months = append(out[i].Months, YearMonth{Month: m.Month, Anchor: m.Anchor, Path: m.Path, Count: m.Count})
		}
	}
	return out
}

func digestLink(d *site.Digest) *DigestLink {
	if d == nil {
		return nil
	}
	return &DigestLink{Title: d.Title(), Path: d.Path, Period: d.Period, Count: len(d.Articles)}
}

func (b *pageMaker) digest(d *site.Digest) *Digest {
	v := &Digest{Title: d.Title(), Path: d.Path, Period: d.Period, Prev: digestLink(d.Prev), Next: digestLink(d.Next),
		Glance: Glance{Articles: d.Glance.Articles, PrevArticles: d.Glance.PrevArticles,
			Countries: trends(d.Glance.Countries), Organisations: trends(d.Glance.Organisations)}}
	for _, sec := range d.Sections {
		vs := DigestSection{Region: sec.Region}
		for _, g := range sec.Groups {
			vg := DigestGroup{Articles: b.list(g.Articles)}
			if g.Country != nil {
				vg.Country = named(g.Country)
			}
			for _, x := range g.SeeAlso {
				vg.SeeAlso = append(vg.SeeAlso, SeeAlso{Article: b.article(x.Article), Under: named(x.Under)})
			}
			vs.Groups = append(vs.Groups, vg)
		}
		v.Sections = append(v.Sections, vs)
	}
	return v
}

func trends(ts []site.Trend) []Trend {
	out := make([]Trend, len(ts))
	for i, t := range ts {
		n := named(t.Entity)
		out[i] = Trend{Kind: n.Kind, ID: n.ID, Name: n.Name, Label: n.Label, Slug: n.Slug, Path: n.Path, Count: t.Count, Prev: t.Prev}
	}
	return out
}

func newArticle(a *site.Article) *Article {
	v := &Article{
		Title: a.Title, Slug: a.Slug, Path: a.Path, File: a.File, Format: string(a.Format),
		Date: a.Date, Source: a.Source, PublishedText: a.PublishedText, Published: a.Published,
		Dateline: a.Dateline, Editors: a.Editors, Lede: a.Lede, Standfirst: a.Article.Summary, Summary: a.Summary(),
		Body: a.Body, Tags: a.Tags, Params: a.Params,
		Countries: refs(a.Countries), Organisations: refs(a.Organisations),
		Subheadline: a.Subheadline, Byline: a.Byline, Copyright: a.Copyright, Language: a.Language,
		Version: a.ItemVersion,
	}
	if a.ItemVersion > 1 {
		v.Updated = a.Article.Updated
	}
	for _, sub := range a.Subjects {
		v.Subjects = append(v.Subjects, Subject{Code: sub.Code, Label: sub.Label})
	}
	v.key = contentHash(v)
	return v
}

func refs(rs []site.Ref) []Ref {
	if len(rs) == 0 {
		return nil
	}
	out := make([]Ref, len(rs))
	for i, r := range rs {
		n := named(r.Entity)
		out[i] = Ref{Kind: n.Kind, ID: n.ID, Name: n.Name, Label: n.Label, Slug: n.Slug, Path: n.Path,
			Country: n.Country, Organisation: n.Organisation, Mentions: r.Mentions, Primary: r.Primary}
	}
	return out
}

// named is an entity's identity, which follows from its ID and the
// configuration alone.
func named(e *site.Entity) *Named {
	n := &Named{Kind: string(e.Kind), ID: e.ID, Name: e.Name, Label: e.Label(), Slug: e.Slug, Path: e.Path}
	if c := e.Country; c != nil {
		n.Country = &Country{Name: c.Name, Code: c.Code, Code3: c.Code3, Official: c.Official, Region: c.Region, Subregion: c.Subregion}
	}
	if o := e.Organisation; o != nil {
		n.Organisation = &Organisation{Name: o.Name, Acronym: o.Acronym, Kind: o.Kind, Members: o.Members}
	}
	return n
}

func covered(e *site.Entity) Covered {
	n := named(e)
	return Covered{Kind: n.Kind, ID: n.ID, Name: n.Name, Label: n.Label, Slug: n.Slug, Path: n.Path,
		Country: n.Country, Organisation: n.Organisation, Count: e.Count(), PrimaryCount: e.PrimaryCount}
}

func coveredList(es []*site.Entity) []Covered {
	out := make([]Covered, len(es))
	for i, e := range es {
		out[i] = covered(e)
	}
	return out
}

// contentHash hashes what the struct p points to, field by field: the key
// of a keyed view.
func contentHash(p any) uint64 {
	var h hasher
	v := reflect.ValueOf(p).Elem()
	for i := range v.NumField() {
		if v.Type().Field(i).Tag.Get("hash") != "-" {
			h.value(v.Field(i))
		}
	}
	return h.sum()
}
