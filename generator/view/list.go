package view

import (
	"github.com/attache/attache/generator/internal/mix"
	"github.com/attache/attache/generator/site"
)

// List is a region, a pair of countries or a tag on its front page: what
// it is, and what the site has on it.
type List struct {
	// Kind is "region", "relation" or "tag"; Name a region's UN name in
	// English (layouts translate it with the region function), a pair's
	// "China – Russia", or a tag as its oldest story spells it.
	Kind, Slug, Name, Path string
	// Count is the number of its stories; Articles are all of them,
	// newest first.
	Count    int
	Articles []*Article
	// Countries are a region's covered countries with their counts, by
	// name, or a relation's two countries, each counting the pair's
	// stories.
	Countries []Covered
	// Organisations are the organisations most often in a relation's
	// stories, with the number of its stories that name them.
	Organisations []Related
	// Parent is a subregion's region; Subregions a region's subregions
	// with their counts.
	Parent     *ListName
	Subregions []ListCount
}

// ListName names a list without its counts: on month pages, which newer
// stories must not change, and on article pages.
type ListName struct {
	Kind, Slug, Name, Path string
}

// ListCount is a list with its number of stories.
type ListCount struct {
	Kind, Slug, Name, Path string
	Count                  int
}

// RegionGroup is a region on the regions page, with its subregions.
type RegionGroup struct {
	Region     ListCount
	Subregions []ListCount
}

// Partner is a country most often a main subject together with the
// entity of the page: Name and CountryPath are the partner's, Path the
// page of the pair, Count their stories together.
type Partner struct {
	Name, Slug, Path, CountryPath string
	Count                         int
}

// Member is a member country of an organisation; Path is its page, empty
// when the site has no story on it.
type Member struct {
	Code, Name, Path string
}

// TagLink is one of an article's tags, as the article writes it, and the
// tag's page, "" for a tag without letters or digits, which has none.
type TagLink struct {
	Name, Path string
}

func listName(l *site.List) *ListName {
	if l == nil {
		return nil
	}
	return &ListName{Kind: string(l.Kind), Slug: l.Slug, Name: l.Name, Path: l.Path}
}

func listCount(l *site.List) ListCount {
	return ListCount{Kind: string(l.Kind), Slug: l.Slug, Name: l.Name, Path: l.Path, Count: len(l.Articles)}
}

// listView makes a list's front-page view.
func (b *pageMaker) listView(l *site.List) *List {
	v := &List{Kind: string(l.Kind), Slug: l.Slug, Name: l.Name, Path: l.Path, Count: len(l.Articles),
		Articles: b.list(l.Articles), Countries: b.coveredList(l.Countries), Parent: listName(l.Parent)}
	if l.Kind == site.RelationList {
		// A pair's countries count the pair's stories, not all of
		// theirs: a story on one of them elsewhere leaves the page alone.
		for i := range v.Countries {
			v.Countries[i].Count, v.Countries[i].PrimaryCount = v.Count, v.Count
		}
	}
	if len(l.Organisations) > 0 {
		v.Organisations = make([]Related, 0, len(l.Organisations))
	}
	for _, o := range l.Organisations {
		n := b.namedOf(o.Entity)
		v.Organisations = append(v.Organisations, Related{Kind: n.Kind, ID: n.ID, Name: n.Name, Label: n.Label, Slug: n.Slug,
			Path: n.Path, Country: n.Country, Organisation: n.Organisation, Count: o.Shared})
	}
	for _, sub := range l.Subregions {
		v.Subregions = append(v.Subregions, listCount(sub))
	}
	return v
}

// regionGroups lists every region with stories and its subregions, for
// the regions page.
func (b *pageMaker) regionGroups() []RegionGroup {
	var out []RegionGroup
	for _, r := range b.s.Lists().Regions {
		if r.Parent != nil {
			continue
		}
		g := RegionGroup{Region: listCount(r)}
		for _, sub := range r.Subregions {
			g.Subregions = append(g.Subregions, listCount(sub))
		}
		out = append(out, g)
	}
	return out
}

// relationsOf names the relation pages an article belongs to.
func (b *pageMaker) relationsOf(a *site.Article) []ListName {
	rs := b.s.Lists().RelationsOf(a)
	if len(rs) == 0 {
		return nil
	}
	out := make([]ListName, len(rs))
	for i, r := range rs {
		out[i] = ListName{Kind: string(r.Kind), Slug: r.Slug, Name: r.Name, Path: r.Path}
	}
	return out
}

// partners lists the countries most often main subjects with e.
func (b *pageMaker) partners(e *site.Entity) []Partner {
	var out []Partner
	for _, p := range b.s.Lists().PartnersOf(e) {
		out = append(out, Partner{Name: p.Country.Name, Slug: p.Country.Slug, Path: p.Relation.Path,
			CountryPath: p.Country.Path, Count: len(p.Relation.Articles)})
	}
	return out
}

// members lists an organisation's member countries, linked to the pages
// the site has.
func (b *pageMaker) members(e *site.Entity) []Member {
	var out []Member
	for _, m := range b.s.MembersOf(e) {
		v := Member{Code: m.Code, Name: m.Name}
		if m.Country != nil {
			v.Path = m.Country.Path
		}
		out = append(out, v)
	}
	return out
}

// tagLinks links an article's tags to their pages.
func tagLinks(tags []string) []TagLink {
	var out []TagLink
	for _, t := range tags {
		l := TagLink{Name: t}
		if slug := site.Slugify(t); slug != "" {
			l.Path = site.TagsPath + slug + "/"
		}
		out = append(out, l)
	}
	return out
}

// regionsKey identifies the region pages the site has, worked out once
// per build.
func (b *pageMaker) regionsKey() uint64 {
	if !b.regionsKnown {
		var h mix.Hash
		for _, r := range b.s.Lists().Regions {
			h.Str(r.Name)
			h.Str(r.Path)
		}
		b.regions, b.regionsKnown = h.Sum(), true
	}
	return b.regions
}

// regionPath is the page of a region a digest files stories under, ""
// when it has none.
func (b *pageMaker) regionPath(name string) string {
	if r := b.s.Lists().Region(name); r != nil {
		return r.Path
	}
	return ""
}
