package view

import (
	"reflect"
	"slices"

	"github.com/attache/attache/generator/site"
)

// Maker makes the views of a site's pages. It keeps each article's view
// from one build to the next while the article's path and file stay the
// same (the configuration must not change: call Forget when it does), so
// that an incremental build makes and hashes only the views of changed
// articles. Its zero value is ready. It is not safe for concurrent use.
type Maker struct {
	kept map[articleID]*keptArticle
	// named keeps entities' identities, by kind and ID.
	named map[entityID]*Named
	// pages keeps the views of the article, month and digest pages, the
	// most numerous, with what each was made from: a page made from the
	// same views is the same page. gen numbers the calls of Pages.
	pages map[string]*madePage
	gen   uint64
	// once is set for a Maker of one build (see OneBuild).
	once bool
	// made counts the pages whose views the last finished build made
	// rather than kept.
	made int
}

// Made returns how many pages' views the last build that finished (see
// Views.Done) made afresh rather than kept from the build before: a
// measure of the work a rebuild did, which tests assert on.
func (m *Maker) Made() int { return m.made }

// OneBuild makes m keep nothing from build to build, for a process that
// builds once: a page's view is then garbage once the page is signed or
// rendered, and a build need not hold every page's view at once.
func (m *Maker) OneBuild() { m.once = true }

// keptArticle is an article's view with the Pages call that last made or
// kept it.
type keptArticle struct {
	view *Article
	gen  uint64
}

// madePage is a page's view and what it was made from.
type madePage struct {
	from pageSource
	page *Page
	// gen is the Pages call that last made or kept the page.
	gen uint64
}

// pageSource is what an article, month or digest page's view is made
// from: views that are themselves kept from build to build, compared by
// identity, and values.
type pageSource struct {
	kind, title           string
	article, older, newer *Article
	entity                *Named
	list                  *ListName
	month                 site.MonthPage
	// articles are the views of the page's list; before, a digest's
	// articles of the period before, with which its glance compares.
	articles, before []*Article
	// relations are the country pairs an article page lists.
	relations  []ListName
	period     site.Period
	prev, next digestKey
	// regions identifies the site\'s region pages, which a digest\'s
	// region headings link to when they exist.
	regions uint64
	// Set only while the page is compared and made, so that kept pages
	// do not keep old site models alive: the model's lists the views are
	// made of, and the digest.
	listed, listedBefore []*site.Article
	digest               *site.Digest
}

// digestKey identifies a digest a page links to.
type digestKey struct {
	path, topic string
	period      site.Period
	count       int
}

func keyOf(d *site.Digest) digestKey {
	if d == nil {
		return digestKey{}
	}
	return digestKey{path: d.Path, topic: d.Topic, period: d.Period, count: len(d.Articles)}
}

// same reports whether a page made from old would be the page made from
// now, which has its model lists but not yet their views.
func (b *pageMaker) same(old, now *pageSource) bool {
	om, nm := old.month, now.month
	return old.kind == now.kind && old.title == now.title && old.article == now.article && old.older == now.older &&
		old.newer == now.newer && old.entity == now.entity && om.Year == nm.Year && om.Month == nm.Month &&
		om.Label == nm.Label && om.Front == nm.Front && linkEqual(om.Older, nm.Older) && linkEqual(om.Newer, nm.Newer) &&
		listNameEqual(old.list, now.list) && slices.Equal(old.relations, now.relations) &&
		old.period == now.period && old.prev == now.prev && old.next == now.next && old.regions == now.regions &&
		b.sameList(old.articles, now.listed) && b.sameList(old.before, now.listedBefore)
}

// sameList reports whether views are the views of as.
func (b *pageMaker) sameList(views []*Article, as []*site.Article) bool {
	if len(views) != len(as) {
		return false
	}
	for i, a := range as {
		if b.article(a) != views[i] {
			return false
		}
	}
	return true
}

func listNameEqual(a, b *ListName) bool {
	return a == b || a != nil && b != nil && *a == *b
}

func linkEqual(a, b *site.MonthLink) bool {
	return a == b || a != nil && b != nil && *a == *b
}

// articleID names an article's view across builds: its place and its
// file's content, which with the configuration decide everything it shows.
type articleID struct {
	path    string
	version uint64
	// links identifies the stories it links to (stories.go).
	links uint64
}

// key returns the key of the view of the article id names.
func (id articleID) key() uint64 {
	var h hasher
	h.str(id.path)
	h.u64(id.version)
	h.u64(id.links)
	return h.sum()
}

// Forget drops every kept view, as after a change of configuration.
func (m *Maker) Forget() { m.kept, m.named, m.pages = nil, nil, nil }

// Pages makes the views of pages, all of site s, in the same order.
// Articles whose Version is zero (builds without a cache) are never kept.
func (m *Maker) Pages(s *site.Site, pages []*site.Page) []*Page {
	v := m.Start(s)
	out := make([]*Page, len(pages))
	for i, p := range pages {
		out[i] = v.Page(p)
	}
	v.Done()
	return out
}

// Views makes the views of one build's pages (see Maker.Start).
type Views struct {
	m *Maker
	b *pageMaker
}

// Start begins making the views of site s's pages for one build: Page
// makes each page's view, and Done ends the build, after every page of
// the site was made, so that m forgets the pages s no longer has.
func (m *Maker) Start(s *site.Site) *Views {
	if m.named == nil {
		m.named = map[entityID]*Named{}
	}
	// A build that fails before Done leaves its gen on what it made, so
	// every build takes a gen of its own.
	m.gen++
	b := &pageMaker{s: s, articles: make([]*Article, len(s.Articles)), kept: m.kept,
		named: m.named, pages: m.pages, gen: m.gen, once: m.once}
	if !m.once {
		if b.kept == nil {
			b.kept = make(map[articleID]*keptArticle, len(s.Articles))
		}
		if b.pages == nil {
			b.pages = map[string]*madePage{}
		}
	}
	b.data = &siteData{articles: b.list(s.Articles), countries: b.coveredList(s.Countries), organisations: b.coveredList(s.Organisations)}
	constant := &Site{Config: s.Config, CountriesPath: s.CountriesPath, OrganisationsPath: s.OrganisationsPath}
	b.data.key = contentHash(constant)
	return &Views{m: m, b: b}
}

// Page makes the view of p, a page of the site. It is not safe for
// concurrent use.
func (v *Views) Page(p *site.Page) *Page { return v.b.page(p) }

// Done ends the build: the Maker keeps what it made for the next.
func (v *Views) Done() {
	b := v.b
	// Pages and articles the site no longer has are forgotten.
	for path, made := range b.pages {
		if made.gen != b.gen {
			delete(b.pages, path)
		}
	}
	for id, k := range b.kept {
		if k.gen != b.gen {
			delete(b.kept, id)
		}
	}
	v.m.kept, v.m.pages, v.m.made = b.kept, b.pages, b.made
}

// pageMaker makes the pages of one build, each article's view once.
type pageMaker struct {
	s    *site.Site
	data *siteData
	// articles are the views of the site's articles, by Index, once
	// made; others those of articles of no site.
	articles []*Article
	others   map[*site.Article]**Article
	// kept are the kept articles' views, updated in place as pages are.
	kept  map[articleID]*keptArticle
	named map[entityID]*Named
	// regions is regionsKey's, once regionsKnown.
	regions      uint64
	regionsKnown bool
	// pages are the kept pages, updated in place: those this build made
	// or kept carry its gen.
	pages map[string]*madePage
	gen   uint64
	// once is the Maker's: nothing is kept for another build.
	once bool
	// made counts the page views made rather than kept.
	made int
}

func (b *pageMaker) article(a *site.Article) *Article {
	if a == nil {
		return nil
	}
	slot := b.slot(a)
	if v := *slot; v != nil {
		return v
	}
	id := articleID{a.Path, a.Version, linksKey(a)}
	var v *Article
	k := b.kept[id]
	switch {
	case k == nil || a.Version == 0:
		v = newArticle(a, id)
	default:
		v = k.view
		if v.src != nil {
			// Not shown yet: its links are made from this build's
			// model, which has the same article, so that the last is
			// let go.
			v.src = a
		}
	}
	switch {
	case a.Version == 0 || b.once:
	case k == nil:
		b.kept[id] = &keptArticle{view: v, gen: b.gen}
	default:
		k.gen = b.gen
	}
	*slot = v
	return v
}

// slot returns where a's view is held for this build: by its place among
// the site's articles, or, for an article of no site, by identity.
func (b *pageMaker) slot(a *site.Article) **Article {
	if i := a.Index(); i < len(b.articles) && b.s.Articles[i] == a {
		return &b.articles[i]
	}
	if b.others == nil {
		b.others = map[*site.Article]**Article{}
	}
	p := b.others[a]
	if p == nil {
		p = new(*Article)
		b.others[a] = p
	}
	return p
}

func (b *pageMaker) list(as []*site.Article) []*Article {
	out := make([]*Article, len(as))
	for i, a := range as {
		out[i] = b.article(a)
	}
	return out
}

func (b *pageMaker) page(p *site.Page) *Page {
	if from, ok := b.source(p); ok {
		if old := b.pages[p.Path]; old != nil && old.gen != b.gen && b.same(&old.from, &from) {
			// The same views make the same page; it gets this build's
			// site data and a clean record of what it reads.
			v := old.page
			v.Site.data = b.data
			v.Site.deps = new(deps)
			old.gen = b.gen
			return v
		}
		b.made++
		from.articles, from.before = b.list(from.listed), b.list(from.listedBefore)
		v := b.pageFrom(p.Path, &from)
		from.listed, from.listedBefore, from.digest = nil, nil, nil
		if !b.once {
			b.pages[p.Path] = &madePage{from: from, page: v, gen: b.gen}
		}
		return v
	}
	b.made++
	// Each page has a Site of its own, to record what its layouts read.
	pageSite := &Site{Config: b.s.Config, CountriesPath: b.s.CountriesPath, OrganisationsPath: b.s.OrganisationsPath, data: b.data, deps: new(deps)}
	v := &Page{Kind: string(p.Kind), Title: p.Title, Path: p.Path, Site: pageSite}
	switch p.Kind {
	case site.HomePage:
		v.Latest = b.list(p.Latest)
	case site.EntityPage:
		v.Entity = b.entity(p.Entity)
		v.Entity.Partners, v.Entity.Members = b.partners(p.Entity), b.members(p.Entity)
		v.Latest = b.list(p.Latest)
		v.Months = p.Months
	case site.ArchivePage:
		switch {
		case p.Year != nil:
			v.Archive, v.Year = years(p.Archive), &years([]site.Year{*p.Year})[0]
		default:
			v.Archive = years(p.Archive)
		}
	case site.DigestsPage:
		for _, d := range p.Digests {
			v.Digests = append(v.Digests, *digestLink(d))
		}
	case site.FeedsPage:
		v.FeedSets = b.feedSets()
	case site.RegionsPage:
		v.Regions = b.regionGroups()
	case site.RegionPage, site.RelationPage, site.TagPage:
		v.List = b.listView(p.List)
		v.Latest = b.list(p.Latest)
		v.Months = p.Months
	}
	return v
}

// source returns what an article, month or digest page is made from, and
// false for other pages: page makes those pages from exactly these.
func (b *pageMaker) source(p *site.Page) (pageSource, bool) {
	switch {
	case p.Kind == site.ArticlePage:
		return pageSource{kind: string(p.Kind), title: p.Title, article: b.article(p.Article),
			older: b.article(p.Article.Older), newer: b.article(p.Article.Newer), relations: b.relationsOf(p.Article)}, true
	case p.Kind == site.DigestPage:
		d := p.Digest
		// A digest's sections and glance are worked out from its
		// articles and those before, and only when the page is made.
		return pageSource{kind: string(p.Kind), title: p.Title, digest: d, period: d.Period, listed: d.Articles,
			listedBefore: d.Before, prev: keyOf(d.Prev), next: keyOf(d.Next), regions: b.regionsKey()}, true
	case p.Month != nil:
		from := pageSource{kind: string(p.Kind), title: p.Title, month: *p.Month, listed: p.Month.Articles}
		from.month.Articles = nil
		if p.Entity != nil {
			from.entity = b.namedOf(p.Entity)
		}
		from.list = listName(p.List)
		return from, true
	}
	return pageSource{}, false
}

func (b *pageMaker) entity(e *site.Entity) *Entity {
	n := b.namedOf(e)
	v := &Entity{Kind: n.Kind, ID: n.ID, Name: n.Name, Label: n.Label, Slug: n.Slug, Path: n.Path,
		Country: n.Country, Organisation: n.Organisation, Count: e.Count(), PrimaryCount: e.PrimaryCount,
		Articles: b.list(e.Articles)}
	for _, r := range e.Related {
		rn := b.namedOf(r.Entity)
		v.Related = append(v.Related, Related{Kind: rn.Kind, ID: rn.ID, Name: rn.Name, Label: rn.Label, Slug: rn.Slug,
			Path: rn.Path, Country: rn.Country, Organisation: rn.Organisation, Count: r.Shared})
	}
	return v
}

// pageFrom makes an article or month page from its source alone, so that
// the same source always makes the same page.
func (b *pageMaker) pageFrom(path string, from *pageSource) *Page {
	v := &Page{Kind: from.kind, Title: from.title, Path: path,
		Site: &Site{Config: b.s.Config, CountriesPath: b.s.CountriesPath, OrganisationsPath: b.s.OrganisationsPath, data: b.data, deps: new(deps)}}
	if from.article != nil {
		v.Article, v.Older, v.Newer, v.Relations = from.article, from.older, from.newer, from.relations
		return v
	}
	if from.digest != nil {
		v.Digest = b.digest(from.digest)
		return v
	}
	m := from.month
	v.Month = &Month{Year: m.Year, Month: m.Month, Label: m.Label, Entity: from.entity, List: from.list, Front: m.Front,
		Articles: from.articles, Older: m.Older, Newer: m.Newer}
	return v
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
	g := d.Glance()
	v := &Digest{Title: d.Title(), Path: d.Path, Period: d.Period, Prev: digestLink(d.Prev), Next: digestLink(d.Next),
		Glance: Glance{Articles: g.Articles, PrevArticles: g.PrevArticles,
			Countries: b.trends(g.Countries), Organisations: b.trends(g.Organisations)}}
	for _, sec := range d.Sections() {
		vs := DigestSection{Region: sec.Region, Path: b.regionPath(sec.Region)}
		for _, g := range sec.Groups {
			vg := DigestGroup{Articles: b.list(g.Articles)}
			if g.Country != nil {
				vg.Country = b.namedOf(g.Country)
			}
			for _, x := range g.SeeAlso {
				vg.SeeAlso = append(vg.SeeAlso, SeeAlso{Article: b.article(x.Article), Under: b.namedOf(x.Under)})
			}
			vs.Groups = append(vs.Groups, vg)
		}
		v.Sections = append(v.Sections, vs)
	}
	return v
}

func (b *pageMaker) trends(ts []site.Trend) []Trend {
	out := make([]Trend, len(ts))
	for i, t := range ts {
		n := b.namedOf(t.Entity)
		out[i] = Trend{Kind: n.Kind, ID: n.ID, Name: n.Name, Label: n.Label, Slug: n.Slug, Path: n.Path, Count: t.Count, Prev: t.Prev}
	}
	return out
}

// newArticle makes an article's view. Its links to entities, tags and
// other stories are made only when a page shows them: most pages that
// list an article never do, and a build with a cache renders few pages.
// The view of an article kept from build to build (Version not zero) is
// keyed by its identity, which decides everything it shows; another is
// keyed by its content, when a signature first asks.
func newArticle(a *site.Article, id articleID) *Article {
	v := &Article{
		Title: a.Parsed.Title, TitleDerived: a.Parsed.TitleDerived, Slug: a.Slug, Path: a.Path, File: a.Parsed.File, Format: string(a.Parsed.Format),
		Date: a.Date, Source: a.Parsed.Source, PublishedText: a.Parsed.PublishedText, Published: a.Parsed.Published,
		Dateline: a.Parsed.Dateline, Editors: a.Parsed.Editors, Lede: a.Parsed.Lede, Standfirst: a.Parsed.Summary, Summary: a.Summary(),
		body: a.Parsed.Body, Tags: a.Parsed.Tags, Params: a.Parsed.Params,
		Subheadline: a.Parsed.Subheadline, Byline: a.Parsed.Byline, Copyright: a.Parsed.Copyright, Language: a.Parsed.Language,
		Version: a.Parsed.ItemVersion,
		src:     a,
	}
	if a.Parsed.ItemVersion > 1 {
		v.Updated = a.Parsed.Updated
	}
	if a.Version != 0 {
		v.key, v.byID = id.key(), true
	}
	return v
}

// linksOf makes an article's links.
func linksOf(a *site.Article) *articleLinks {
	l := &articleLinks{Countries: refs(a.Countries), Organisations: refs(a.Organisations), TagLinks: tagLinks(a.Parsed.Tags)}
	for _, sub := range a.Parsed.Subjects {
		l.Subjects = append(l.Subjects, Subject{Code: sub.Code, Label: sub.Label})
	}
	storyLinks(l, a)
	return l
}

func refs(rs []site.Ref) []Ref {
	if len(rs) == 0 {
		return nil
	}
	out := make([]Ref, len(rs))
	for i, r := range rs {
		n := named(r.Entity)
		out[i] = Ref{Kind: n.Kind, ID: n.ID, Name: n.Name, Label: n.Label, Slug: n.Slug, Path: n.Path,
			Country: n.Country, Organisation: n.Organisation, Mentions: r.Mentions, Primary: r.Primary, Confidence: r.Confidence}
	}
	return out
}

// namedOf returns the entity's identity, made once per configuration.
// entityID names an entity across builds.
type entityID struct {
	kind site.Kind
	id   string
}

// namedOf returns the entity's identity, made once for all builds: it
// depends only on the gazetteer and the configuration.
func (b *pageMaker) namedOf(e *site.Entity) *Named {
	key := entityID{e.Kind, e.ID}
	n := b.named[key]
	if n == nil {
		n = named(e)
		b.named[key] = n
	}
	return n
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

func (b *pageMaker) covered(e *site.Entity) Covered {
	n := b.namedOf(e)
	return Covered{Kind: n.Kind, ID: n.ID, Name: n.Name, Label: n.Label, Slug: n.Slug, Path: n.Path,
		Country: n.Country, Organisation: n.Organisation, Count: e.Count(), PrimaryCount: e.PrimaryCount}
}

func (b *pageMaker) coveredList(es []*site.Entity) []Covered {
	out := make([]Covered, len(es))
	for i, e := range es {
		out[i] = b.covered(e)
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
