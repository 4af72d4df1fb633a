package site

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/attache/attache/generator/diag"
)

// ListKind names a kind of story list gathered by what its stories share
// rather than by one entity.
type ListKind string

// The kinds of lists.
const (
	// RegionList is a UN M49 region or subregion: the stories whose main
	// subjects include one of its countries.
	RegionList ListKind = "region"
	// RelationList is a pair of countries both main subjects of the same
	// stories.
	RelationList ListKind = "relation"
	// TagList is the stories that carry a front-matter tag.
	TagList ListKind = "tag"
)

// URL paths of the lists' folders.
const (
	RegionsPath   = "/regions/"
	RelationsPath = "/relations/"
	TagsPath      = "/tags/"
)

// List is a region's, a pair of countries' or a tag's stories. Like an
// entity, it has a front page with its newest stories, a page per month
// and feeds.
type List struct {
	Kind ListKind
	// Slug names the list in its path; Name is the UN region's name
	// (English, as the gazetteer writes it), "China – Russia" or the tag
	// as its oldest story spells it.
	Slug, Name, Path string
	// Articles are the list's stories, newest first.
	Articles []*Article
	// Countries are a region's covered countries, by name, or a relation's
	// two countries, in slug order.
	Countries []*Entity
	// Organisations are the organisations most often in a relation's
	// stories, most frequent first.
	Organisations []Related
	// Parent is a subregion's region; Subregions a region's subregions
	// with stories, by name.
	Parent     *List
	Subregions []*List
}

// Lists holds a site's regions, relations and tags.
type Lists struct {
	// Regions are the regions, each followed by its subregions, in the
	// order of unRegions; only those with stories are listed.
	Regions []*List
	// Relations are the country pairs with at least
	// config.Relations.MinStories stories, by slug.
	Relations []*List
	// Tags are the tags whose name makes a slug, by slug.
	Tags []*List
	// Warnings name tags that get no page.
	Warnings []error

	// relationsOf holds each article's relations by its Index; articles
	// are the site's, to tell its articles from others.
	relationsOf [][]*List
	articles    []*Article
	partners    map[*Entity][]Partner
	tagOf       map[string]*List
	byName      map[string]*List
}

// Partner is a country most often a main subject together with another:
// the relation page of the two, and their number of stories.
type Partner struct {
	Country  *Entity
	Relation *List
}

// maxPartners bounds the "most frequent partners" of a country.
const maxPartners = 10

// listCache holds a site's lists, made on first use.
type listCache struct {
	once  sync.Once
	lists *Lists
}

// Lists returns the site's regions, relations and tags, made once.
func (s *Site) Lists() *Lists {
	s.lists.once.Do(func() { s.lists.lists = s.makeLists() })
	return s.lists.lists
}

// All returns every list: regions, relations, tags.
func (l *Lists) All() []*List {
	return slices.Concat(l.Regions, l.Relations, l.Tags)
}

// RelationsOf returns the relation pages an article belongs to, by slug.
func (l *Lists) RelationsOf(a *Article) []*List {
	if i := a.index; i < len(l.articles) && l.articles[i] == a {
		return l.relationsOf[i]
	}
	return nil
}

// PartnersOf returns the countries most often main subjects with e, most
// stories first, each with their relation page.
func (l *Lists) PartnersOf(e *Entity) []Partner { return l.partners[e] }

// Tag returns the tag list of a tag as written in front matter, nil when
// the tag makes no slug.
func (l *Lists) Tag(name string) *List { return l.tagOf[Slugify(name)] }

// Region returns the list of a UN region or subregion by its name, nil
// when it has no stories.
func (l *Lists) Region(name string) *List { return l.byName[name] }

func (s *Site) makeLists() *Lists {
	l := &Lists{relationsOf: make([][]*List, len(s.Articles)), articles: s.Articles, partners: map[*Entity][]Partner{}, tagOf: map[string]*List{}, byName: map[string]*List{}}
	s.regionLists(l)
	s.relationLists(l)
	s.tagLists(l)
	return l
}

func listPathOf(folder, slug string) string { return folder + slug + "/" }

// regionLists files every story under the regions and subregions of its
// main-subject countries.
func (s *Site) regionLists(l *Lists) {
	byName := map[string]*List{}
	get := func(name string) *List {
		r := byName[name]
		if r == nil {
			slug := Slugify(name)
			r = &List{Kind: RegionList, Slug: slug, Name: name, Path: listPathOf(RegionsPath, slug)}
			byName[name] = r
		}
		return r
	}
	// Each story's lists, once each; counted first, so that each list is
	// made at its size rather than grown story by story.
	var seen []*List
	eachList := func(do func(rl *List, a *Article)) {
		for _, a := range s.Articles {
			seen = seen[:0]
			for _, r := range a.Countries {
				c := r.Entity.Country
				if !r.Primary || c == nil {
					continue
				}
				for _, name := range [2]string{c.Region, c.Subregion} {
					if name == "" {
						continue
					}
					if rl := get(name); !slices.Contains(seen, rl) {
						seen = append(seen, rl)
						do(rl, a)
					}
				}
			}
		}
	}
	count := map[*List]int{}
	eachList(func(rl *List, _ *Article) { count[rl]++ })
	for rl, n := range count {
		rl.Articles = make([]*Article, 0, n)
	}
	eachList(func(rl *List, a *Article) { rl.Articles = append(rl.Articles, a) })
	for _, e := range s.Countries {
		if c := e.Country; c != nil {
			for _, name := range []string{c.Region, c.Subregion} {
				if r := byName[name]; r != nil {
					r.Countries = append(r.Countries, e)
				}
			}
		}
	}
	for _, e := range s.Countries {
		c := e.Country
		if c == nil || c.Region == "" || c.Subregion == "" || c.Region == c.Subregion {
			continue
		}
		parent, sub := byName[c.Region], byName[c.Subregion]
		if parent != nil && sub != nil && sub.Parent == nil {
			sub.Parent = parent
			parent.Subregions = append(parent.Subregions, sub)
		}
	}
	// Regions in the UN's order, each followed by its subregions by name;
	// names the UN list lacks (a site's own gazetteer) last, by name.
	var regions []*List
	for _, name := range unRegions {
		if r := byName[name]; r != nil && r.Parent == nil {
			regions = append(regions, r)
		}
	}
	for _, name := range sortedKeys(byName) {
		if r := byName[name]; r.Parent == nil && !slices.Contains(regions, r) {
			regions = append(regions, r)
		}
	}
	for _, r := range regions {
		slices.SortFunc(r.Subregions, func(a, b *List) int { return strings.Compare(a.Name, b.Name) })
		l.Regions = append(l.Regions, r)
		l.Regions = append(l.Regions, r.Subregions...)
	}
	// A subregion whose region has no page is listed on its own.
	for _, name := range sortedKeys(byName) {
		if r := byName[name]; !slices.Contains(l.Regions, r) {
			l.Regions = append(l.Regions, r)
		}
	}
	l.byName = byName
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// relationLists makes a page for every pair of countries both main
// subjects of at least MinStories stories.
func (s *Site) relationLists(l *Lists) {
	type pair struct{ a, b *Entity }
	// One pass over the stories numbers the pairs and notes each story
	// of each pair, in the stories' order: a story is read once and a
	// pair looked up once per story, at 100,000 stories on every build.
	ids := map[pair]int32{}
	var pairs []pair
	var counts []int
	type hit struct{ pair, article int32 }
	var hits []hit
	var primary []*Entity
	for i, a := range s.Articles {
		primary = primary[:0]
		for _, r := range a.Countries {
			if r.Primary && !slices.Contains(primary, r.Entity) {
				primary = append(primary, r.Entity)
			}
		}
		if len(primary) < 2 {
			continue
		}
		slices.SortFunc(primary, func(x, y *Entity) int { return strings.Compare(x.Slug, y.Slug) })
		for j, x := range primary {
			for _, y := range primary[j+1:] {
				p := pair{x, y}
				id, ok := ids[p]
				if !ok {
					id = int32(len(pairs))
					ids[p] = id
					pairs = append(pairs, p)
					counts = append(counts, 0)
				}
				counts[id]++
				hits = append(hits, hit{id, int32(i)})
			}
		}
	}
	// Only the pairs with a page get a list of their stories, made at
	// its size.
	least := s.Config.Relations.MinStories
	lists := make([][]*Article, len(pairs))
	for id, n := range counts {
		if n >= least {
			lists[id] = make([]*Article, 0, n)
		}
	}
	for _, h := range hits {
		if lists[h.pair] != nil {
			lists[h.pair] = append(lists[h.pair], s.Articles[h.article])
		}
	}
	tally := newTally(s)
	for id, p := range pairs {
		as := lists[id]
		if as == nil {
			continue
		}
		slug := p.a.Slug + "-" + p.b.Slug
		rel := &List{Kind: RelationList, Slug: slug, Name: p.a.Name + " – " + p.b.Name,
			Path: listPathOf(RelationsPath, slug), Articles: as, Countries: []*Entity{p.a, p.b}}
		rel.Organisations = tally.involved(as)
		l.Relations = append(l.Relations, rel)
	}
	slices.SortFunc(l.Relations, func(x, y *List) int { return strings.Compare(x.Slug, y.Slug) })
	for _, rel := range l.Relations {
		for _, a := range rel.Articles {
			l.relationsOf[a.index] = append(l.relationsOf[a.index], rel)
		}
		a, b := rel.Countries[0], rel.Countries[1]
		l.partners[a] = append(l.partners[a], Partner{Country: b, Relation: rel})
		l.partners[b] = append(l.partners[b], Partner{Country: a, Relation: rel})
	}
	for e, ps := range l.partners {
		slices.SortFunc(ps, func(x, y Partner) int {
			return cmp.Or(len(y.Relation.Articles)-len(x.Relation.Articles), strings.Compare(x.Country.Name, y.Country.Name))
		})
		l.partners[e] = ps[:min(maxPartners, len(ps))]
	}
}

// maxInvolved bounds the organisations shown on a relation's page.
const maxInvolved = 10

// involved counts the organisations named in stories, most often first.
func (t *tally) involved(as []*Article) []Related {
	for _, a := range as {
		for _, r := range a.Organisations {
			j := r.Entity.index
			if t.counts[j] == 0 {
				t.seen = append(t.seen, j)
			}
			t.counts[j]++
		}
	}
	out := make([]Related, 0, len(t.seen))
	for _, j := range t.seen {
		out = append(out, Related{Entity: t.all[j], Shared: t.counts[j]})
		t.counts[j] = 0
	}
	t.seen = t.seen[:0]
	slices.SortFunc(out, func(a, b Related) int {
		return cmp.Or(b.Shared-a.Shared, strings.Compare(a.Entity.Name, b.Entity.Name), strings.Compare(a.Entity.ID, b.Entity.ID))
	})
	return out[:min(maxInvolved, len(out))]
}

// tally counts entities in a slice by their index (see relate), which a
// relation list per pair of countries would otherwise do in a map each.
type tally struct {
	all    []*Entity
	counts []int
	seen   []int
}

func newTally(s *Site) *tally {
	all := slices.Concat(s.Countries, s.Organisations)
	return &tally{all: all, counts: make([]int, len(all))}
}

// tagLists makes a page for every tag. Tags that differ only in case or
// punctuation share a page, named as the oldest story spells the tag, so
// that newer stories never rename it; a tag without letters or digits
// gets no page, with a warning.
func (s *Site) tagLists(l *Lists) {
	for _, i := range oldestFirst(s.Articles) {
		a := s.Articles[i]
		for _, name := range a.Parsed.Tags {
			slug := Slugify(name)
			if slug == "" {
				l.Warnings = append(l.Warnings, diag.Errorf(a.Parsed.File, 0, "tag %q: no letters or digits to name its page /tags/…/ with; it gets none", name))
				continue
			}
			if l.tagOf[slug] == nil {
				l.tagOf[slug] = &List{Kind: TagList, Slug: slug, Name: strings.TrimSpace(name), Path: listPathOf(TagsPath, slug)}
				l.Tags = append(l.Tags, l.tagOf[slug])
			}
		}
	}
	for _, a := range s.Articles {
		var seen []*List
		for _, name := range a.Parsed.Tags {
			if t := l.tagOf[Slugify(name)]; t != nil && !slices.Contains(seen, t) {
				seen = append(seen, t)
				t.Articles = append(t.Articles, a)
			}
		}
	}
	slices.SortFunc(l.Tags, func(x, y *List) int { return strings.Compare(x.Slug, y.Slug) })
}

// listPages lists the pages of the regions, relations and tags: the
// regions' index, then each list's front page and month pages.
func (s *Site) listPages(labels monthLabels) []*Page {
	l := s.Lists()
	// The regions page exists even without stories, as every page links
	// it.
	pages := []*Page{{Kind: RegionsPage, Path: RegionsPath, Title: "Regions", Site: s}}
	for _, list := range l.All() {
		kind := listPageKind[list.Kind]
		latest := list.Articles[:min(s.Config.Paginate, len(list.Articles))]
		monthPages, counts, files := months(s.byMonth(list.Articles), list.Path, labels)
		own := make([]Page, 1+len(monthPages))
		own[0] = Page{Kind: kind, Path: list.Path, Title: list.Name, Site: s, List: list, Latest: latest, Months: counts}
		for i, m := range monthPages {
			own[1+i] = Page{Kind: kind, Path: counts[i].Path, file: files[i], Title: list.Name + ": " + m.Label, Site: s, List: list, Month: m}
		}
		for i := range own {
			pages = append(pages, &own[i])
		}
	}
	return pages
}

// listPageKind is the page kind of each kind of list.
var listPageKind = map[ListKind]PageKind{RegionList: RegionPage, RelationList: RelationPage, TagList: TagPage}

// Member is a member country of an organisation, with the page the site
// has on it, if any.
type Member struct {
	Code, Name string
	// Country is the site's country, nil when no story names it.
	Country *Entity
}

// MembersOf returns the member countries of an organisation, by name.
func (s *Site) MembersOf(e *Entity) []Member {
	if e.Organisation == nil {
		return nil
	}
	var out []Member
	for _, code := range e.Organisation.Members {
		m := Member{Code: code, Name: code}
		if s.gaz != nil && s.gaz.Country(code) != nil {
			m.Name = s.gaz.Country(code).Name
		}
		if i := slices.IndexFunc(s.Countries, func(c *Entity) bool { return c.ID == code }); i >= 0 {
			m.Name, m.Country = s.Countries[i].Name, s.Countries[i]
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(x, y Member) int { return cmp.Or(strings.Compare(x.Name, y.Name), strings.Compare(x.Code, y.Code)) })
	return out
}
