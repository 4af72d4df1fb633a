// Package site is attache's site model: it turns parsed articles and their
// detected entities into the linked structure that pages are rendered from —
// slugs and URLs, per-entity indexes, chronology, archive and pagination.
package site

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/textsim"
)

// Input is one parsed article with what detection found in it.
type Input struct {
	Article  *article.Article
	Detected detect.Result
	// Version identifies the file the article was parsed from, for page
	// signatures: it must change whenever the file does. Zero is fine for
	// one-shot builds, which need no signatures.
	Version uint64
	// Features are the story's words for threads and related stories
	// (textsim.Extract of its title, lede and body), worked out with the
	// parse so that a build cache keeps them; New works them out when nil.
	Features *textsim.Features
}

// Site is the whole model of a site. It is immutable once New returns.
type Site struct {
	Config *config.Config
	// Articles are all published articles, newest first.
	Articles []*Article
	// Countries and Organisations are the entities that have at least one
	// article, sorted by name.
	Countries     []*Entity
	Organisations []*Entity
	// Warnings are problems that do not stop a build, such as a front-matter
	// country that names no known country.
	Warnings []error

	// CountriesPath and OrganisationsPath are the URL paths of the entity
	// list pages.
	CountriesPath     string
	OrganisationsPath string

	digests digestCache
	pages   pageCache
	abs     absPrefix
	lists   listCache
	// gaz names the member countries of organisations (see MembersOf).
	gaz *gazetteer.Gazetteer
	// monthsOutOfOrder is set when some article's month, which goes by
	// the date written in its own zone, is later than that of a newer
	// article (see byMonth).
	monthsOutOfOrder bool
}

// Article is an article placed in the site.
type Article struct {
	// Parsed is the article as parsed: its Slug, Countries and
	// Organisations are what its file asked for, the fields below what
	// the site made of them.
	Parsed *article.Article
	// Date is Parsed.Date, which orders every list and cuts it into
	// months, kept beside the rest of the article's place: reading it
	// through Parsed costs a cache miss per article on every build.
	Date time.Time
	// Slug is the final, unique slug.
	Slug string
	// Path is the URL path from the site root: "/articles/2024/07/slug/".
	Path          string
	Countries     []Ref
	Organisations []Ref
	// Older and Newer are the neighbouring articles in time, nil at the ends.
	Older, Newer *Article
	// Version is the Input's Version.
	Version uint64
	// Thread is the story's thread, nil for a story reported once;
	// Related are the stories most related to it, best first (stories.go).
	Thread  *Thread
	Related []*Article
	// sigKey hashes Path and Version, for signatures.
	sigKey uint64
	// year and month are Date's, read once: every list the article is
	// in is cut into months by them.
	year  int
	month time.Month
	// index is the article's place in its site's Articles.
	index int
}

// Ref links an article to an entity it refers to.
type Ref struct {
	Entity   *Entity
	Mentions int
	// Primary marks an entity that is a subject of the article rather than
	// a passing mention.
	Primary bool
	// Confidence is how sure detection is of the reading, from 0 to 1;
	// an entity named in front matter is certain.
	Confidence float64
}

// Kind tells countries from organisations.
type Kind string

// Entity kinds.
const (
	CountryKind      Kind = "country"
	OrganisationKind Kind = "organisation"
)

// Entity is a country or organisation with its articles.
type Entity struct {
	Kind Kind
	// ID is the alpha-2 code of a country or the id of an organisation.
	ID   string
	Slug string
	Name string
	Path string
	// Country is set for countries, Organisation for organisations.
	Country      *gazetteer.Country
	Organisation *gazetteer.Organisation
	// Articles lists the entity's articles, newest first.
	Articles []*Article
	// PrimaryCount counts the articles the entity is a subject of.
	PrimaryCount int
	// cov is the entity's coverage, for "most covered" lists.
	cov coverage
	// Related are the entities most often found in the same articles, most
	// frequent first.
	Related []Related
	// index numbers the entity among the site's, for counting.
	index int
	// sigKey hashes Kind and ID, for signatures.
	sigKey uint64
}

// Related is an entity found alongside another, with the number of articles
// they share.
type Related struct {
	Entity *Entity
	// Shared counts the articles that name both.
	Shared int
}

// Count returns the number of articles on the entity's index.
func (e *Entity) Count() int { return len(e.Articles) }

// Label is the short name used in lists: the acronym of an organisation
// that has one, else the name.
func (e *Entity) Label() string {
	if e.Organisation != nil && e.Organisation.Acronym != "" {
		return e.Organisation.Acronym
	}
	return e.Name
}

// Key identifies the article by its URL path and its file's version:
// with the configuration, these decide everything about it but its links.
func (a *Article) Key() uint64 { return a.sigKey }

// Index returns the article's place in its site's Articles, newest first,
// so that what is worked out per article can be kept in a slice rather
// than a map.
func (a *Article) Index() int { return a.index }

// Ref returns the article's reference to e, and whether it has one.
func (a *Article) Ref(e *Entity) (Ref, bool) {
	refs := a.Countries
	if e.Kind == OrganisationKind {
		refs = a.Organisations
	}
	for _, r := range refs {
		if r.Entity == e {
			return r, true
		}
	}
	return Ref{}, false
}

// PrimaryFor reports whether e is a subject of the article.
func (a *Article) PrimaryFor(e *Entity) bool {
	r, ok := a.Ref(e)
	return ok && r.Primary
}

// Summary is the text shown in lists: the front-matter summary or the lede.
func (a *Article) Summary() string {
	if a.Parsed.Summary != "" {
		return a.Parsed.Summary
	}
	return a.Parsed.Lede
}

// New builds the site model. Drafts must already be filtered out by the
// caller. Articles are ordered newest first, ties broken by file name so
// that the order never depends on the order of inputs.
func New(cfg *config.Config, gaz *gazetteer.Gazetteer, inputs []Input, opts ...Option) *Site {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	s := &Site{
		Config:            cfg,
		CountriesPath:     listPath(cfg.Permalinks.Country, "/countries/"),
		OrganisationsPath: listPath(cfg.Permalinks.Organisation, "/organisations/"),
		gaz:               gaz,
	}
	inputs = sortInputs(inputs)

	memo := o.memo.begin(cfg, gaz)
	defer o.memo.end(memo)
	countries := map[string]*Entity{}
	orgs := map[string]*Entity{}
	s.Articles = make([]*Article, len(inputs))
	for i, in := range inputs {
		a := &Article{Parsed: in.Article, Date: in.Article.Date, Version: in.Version}
		a.year, a.month, _ = a.Date.Date()
		a.index = i
		if i > 0 && monthKey(a) > monthKey(s.Articles[i-1]) {
			s.monthsOutOfOrder = true
		}
		s.Articles[i] = a
	}
	placed := memo.placeAll(s, gaz, inputs)
	// Paths are given oldest first, so that a story keeps its URL when a
	// newer one with the same slug arrives: the newcomer takes the suffix.
	paths := pathsTaken{taken: make(map[string]bool, len(inputs))}
	for _, i := range oldestFirst(s.Articles) {
		s.assignPath(s.Articles[i], placed[i], &paths)
	}
	for i, a := range s.Articles {
		p := placed[i]
		a.sigKey = articleKey(a)
		a.Countries = s.resolve(p.countries, func(code string) *Entity { return s.country(gaz, code, countries) })
		a.Organisations = s.resolve(p.orgs, func(id string) *Entity { return s.organisation(gaz, id, orgs) })
		s.Warnings = append(s.Warnings, p.warnings...)
	}
	// Each entity's list is made at its size, not grown story by story.
	size := map[*Entity]int{}
	for _, a := range s.Articles {
		for _, refs := range [2][]Ref{a.Countries, a.Organisations} {
			for _, r := range refs {
				size[r.Entity]++
			}
		}
	}
	for e, n := range size {
		e.Articles = make([]*Article, 0, n)
	}
	for i, a := range s.Articles {
		if i > 0 {
			a.Newer = s.Articles[i-1]
		}
		if i+1 < len(s.Articles) {
			a.Older = s.Articles[i+1]
		}
		for _, r := range a.Countries {
			r.Entity.add(a, r)
		}
		for _, r := range a.Organisations {
			r.Entity.add(a, r)
		}
	}
	s.Countries = sortedEntities(countries)
	s.Organisations = sortedEntities(orgs)
	s.relate()
	s.linkStories(placed, memo)
	s.Warnings = append(s.Warnings, s.Lists().Warnings...)
	return s
}

// sortInputs returns the inputs newest first, ties broken by file name.
// The dates are read into keys first: comparing time.Time values in the
// sort was a tenth of a new story's cost at 100,000 articles.
func sortInputs(inputs []Input) []Input {
	type key struct {
		sec  int64
		nsec int32
		i    int32
		file string
	}
	keys := make([]key, len(inputs))
	for i, in := range inputs {
		keys[i] = key{in.Article.Date.Unix(), int32(in.Article.Date.Nanosecond()), int32(i), in.Article.File}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(b.sec, a.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(b.nsec, a.nsec); c != 0 {
			return c
		}
		return strings.Compare(a.file, b.file)
	})
	out := make([]Input, len(inputs))
	for i, k := range keys {
		out[i] = inputs[k.i]
	}
	return out
}

// oldestFirst returns the indexes of articles, which are newest first and
// by file name among equal dates, in order of date and then file name: the
// runs of equal dates in reverse order, each run as it is.
func oldestFirst(articles []*Article) []int {
	order := make([]int, 0, len(articles))
	for hi := len(articles); hi > 0; {
		lo := hi - 1
		for lo > 0 && articles[lo-1].Date.Equal(articles[hi-1].Date) {
			lo--
		}
		for i := lo; i < hi; i++ {
			order = append(order, i)
		}
		hi = lo
	}
	return order
}

// listPath derives an entity list page from the entity permalink pattern:
// "/countries/:slug/" lists at "/countries/".
func listPath(pattern, fallback string) string {
	i := strings.Index(pattern, ":slug")
	if i <= 0 || !strings.HasSuffix(pattern[:i], "/") || strings.Contains(pattern[:i], ":") {
		return fallback
	}
	return pattern[:i]
}

// pathsTaken are the articles' paths given so far, and for each name
// several articles ask for, the suffix its next one tries first: every
// smaller suffix is taken (10,000 stories with one headline tried 50
// million paths).
type pathsTaken struct {
	taken map[string]bool
	next  map[suffixed]int
}

// suffixed is what an article's path is made of but its suffix: the
// values the permalink pattern reads, so that articles of one key try
// the same paths.
type suffixed struct {
	base, file       string
	year, month, day int
}

// assignPath gives a its slug and URL path, adding -2, -3 … when an older
// article already has the path, so the suffixes are stable across builds
// and never move to an older story.
func (s *Site) assignPath(a *Article, p *placement, paths *pathsTaken) {
	slug, file, path := p.base, p.file, p.path
	if paths.taken[path] {
		// The suffix goes where the pattern names the article: on the
		// slug, else on the file name.
		pattern := s.Config.Permalinks.Article
		bySlug := strings.Contains(pattern, ":slug")
		var key suffixed
		if bySlug {
			key.base = p.base
		}
		if strings.Contains(pattern, ":filename") {
			key.file = p.file
		}
		if strings.Contains(pattern, ":year") || strings.Contains(pattern, ":month") || strings.Contains(pattern, ":day") {
			key.year, key.month, key.day = a.year, int(a.month), a.Date.Day()
		}
		n := max(2, paths.next[key])
		for ; ; n++ {
			if bySlug {
				slug = p.base + "-" + strconv.Itoa(n)
			} else {
				file = p.file + "-" + strconv.Itoa(n)
			}
			path = expandPermalink(s.Config.Permalinks.Article, slug, file, a.Date)
			if !paths.taken[path] {
				break
			}
		}
		if paths.next == nil {
			paths.next = map[suffixed]int{}
		}
		paths.next[key] = n + 1
	}
	paths.taken[path] = true
	a.Slug, a.Path = slug, path
}

// baseSlug is the slug an article asks for, before any suffix.
func baseSlug(a *article.Article) string {
	base := Slugify(a.Slug)
	if base == "" {
		base = Slugify(a.Title)
	}
	if base == "" {
		base = "article"
	}
	return base
}

func (s *Site) country(gaz *gazetteer.Gazetteer, code string, seen map[string]*Entity) *Entity {
	if e := seen[code]; e != nil {
		return e
	}
	c := gaz.Country(code)
	e := &Entity{Kind: CountryKind, ID: c.Code, Slug: c.Slug, Name: c.Name, Country: c,
		Path: expandPermalink(s.Config.Permalinks.Country, c.Slug, "", time.Time{})}
	e.sigKey = entityKey(e)
	seen[code] = e
	return e
}

func (s *Site) organisation(gaz *gazetteer.Gazetteer, id string, seen map[string]*Entity) *Entity {
	if e := seen[id]; e != nil {
		return e
	}
	o := gaz.Organisation(id)
	e := &Entity{Kind: OrganisationKind, ID: o.ID, Slug: o.ID, Name: o.Name, Organisation: o,
		Path: expandPermalink(s.Config.Permalinks.Organisation, o.ID, "", time.Time{})}
	e.sigKey = entityKey(e)
	seen[id] = e
	return e
}

// resolve turns an article's references into links to the site's
// entities, creating each entity on first use.
func (s *Site) resolve(specs []refSpec, entity func(string) *Entity) []Ref {
	if len(specs) == 0 {
		return nil
	}
	refs := make([]Ref, len(specs))
	for i, r := range specs {
		e := entity(r.id)
		refs[i] = Ref{Entity: e, Mentions: r.mentions, Primary: r.primary, Confidence: r.confidence}
	}
	return refs
}

// countryRefs and orgRefs work out which entities an input refers to, by
// ID, with the warnings its front matter earns.
func countryRefs(gaz *gazetteer.Gazetteer, in Input, warn *[]error) []refSpec {
	lookup := func(name string) (string, bool) {
		c, ok := gaz.LookupCountry(name)
		if !ok {
			return "", false
		}
		return c.Code, true
	}
	known := func(code string) bool { return gaz.Country(code) != nil }
	return refs(in.Article, "country", in.Detected.Countries, in.Article.Countries, in.Article.ExcludeCountries, lookup, known, warn)
}

func orgRefs(gaz *gazetteer.Gazetteer, in Input, warn *[]error) []refSpec {
	lookup := func(name string) (string, bool) {
		o, ok := gaz.LookupOrganisation(name)
		if !ok {
			return "", false
		}
		return o.ID, true
	}
	known := func(id string) bool { return gaz.Organisation(id) != nil }
	return refs(in.Article, "organisation", in.Detected.Organisations, in.Article.Organisations, in.Article.ExcludeOrganisations, lookup, known, warn)
}

// refSpec is a reference to an entity by ID, before the entity exists.
type refSpec struct {
	id         string
	mentions   int
	primary    bool
	confidence float64
}

// refs merges detected entities with the ones the author added and removed
// in front matter. Entities the author named are subjects of the article.
func refs(a *article.Article, kind string, detected []detect.Entity, added, excluded []string,
	lookup func(string) (string, bool), known func(string) bool, warn *[]error) []refSpec {
	drop := map[string]bool{}
	for _, name := range excluded {
		id, ok := lookup(name)
		if !ok {
			key := map[string]string{"country": "exclude_countries", "organisation": "exclude_organisations"}[kind]
			*warn = append(*warn, diag.Errorf(a.File, 0, "%s: unknown %s %q", key, kind, name))
			continue
		}
		drop[id] = true
	}
	var refs []refSpec
	index := map[string]int{}
	for _, d := range detected {
		if drop[d.ID] || !known(d.ID) {
			continue
		}
		index[d.ID] = len(refs)
		refs = append(refs, refSpec{id: d.ID, mentions: d.Mentions, primary: d.Primary, confidence: d.Confidence})
	}
	for _, name := range added {
		id, ok := lookup(name)
		if !ok {
			*warn = append(*warn, diag.Errorf(a.File, 0, "%s %q: no such %s", kind, name, kind))
			continue
		}
		if drop[id] {
			continue
		}
		if i, ok := index[id]; ok {
			refs[i].primary, refs[i].confidence = true, 1
			continue
		}
		if known(id) {
			index[id] = len(refs)
			refs = append(refs, refSpec{id: id, primary: true, confidence: 1})
		}
	}
	return refs
}

func (e *Entity) add(a *Article, r Ref) {
	e.Articles = append(e.Articles, a)
	if r.Primary {
		e.PrimaryCount++
	}
	e.cov.add(r)
}

func sortedEntities(m map[string]*Entity) []*Entity {
	out := make([]*Entity, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *Entity) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	return out
}

// maxRelated bounds the related-entity lists shown on an entity's page.
const maxRelated = 10

// relate fills each entity's Related list from the articles it shares with
// others.
func (s *Site) relate() {
	// Counting in a slice indexed by entity rather than in a map per
	// entity: this runs on every rebuild of a large site.
	all := append(slices.Clip(s.Countries), s.Organisations...)
	for i, e := range all {
		e.index = i
	}
	counts := make([]int, len(all))
	var seen []int
	for i, e := range all {
		for _, a := range e.Articles {
			for _, refs := range [][]Ref{a.Countries, a.Organisations} {
				for _, r := range refs {
					j := r.Entity.index
					if counts[j] == 0 {
						seen = append(seen, j)
					}
					counts[j]++
				}
			}
		}
		// Only the first maxRelated are kept, so they are picked by
		// insertion rather than by sorting every co-occurring entity.
		var rel []Related
		for _, j := range seen {
			c := counts[j]
			counts[j] = 0
			if j == i {
				continue
			}
			r := Related{Entity: all[j], Shared: c}
			if len(rel) == maxRelated && !relatedBefore(r, rel[maxRelated-1]) {
				continue
			}
			if rel == nil {
				rel = make([]Related, 0, maxRelated)
			}
			k := len(rel)
			for k > 0 && relatedBefore(r, rel[k-1]) {
				k--
			}
			if len(rel) == maxRelated {
				rel = rel[:maxRelated-1]
			}
			rel = slices.Insert(rel, k, r)
		}
		seen = seen[:0]
		e.Related = rel
	}
}

// relatedBefore orders related entities: most shared articles first, then
// by name and kind.
func relatedBefore(a, b Related) bool {
	if a.Shared != b.Shared {
		return a.Shared > b.Shared
	}
	return cmp.Or(strings.Compare(a.Entity.Name, b.Entity.Name), strings.Compare(string(a.Entity.Kind), string(b.Entity.Kind))) < 0
}

// TopCountries returns up to n countries, most covered first: by the
// articles they are a main subject of, then by passing mentions.
func (s *Site) TopCountries(n int) []*Entity { return top(s.Countries, n) }

// TopOrganisations returns up to n organisations, most covered first.
func (s *Site) TopOrganisations(n int) []*Entity { return top(s.Organisations, n) }

func top(es []*Entity, n int) []*Entity {
	out := slices.Clone(es)
	slices.SortFunc(out, func(a, b *Entity) int { return moreCovered(a, b, a.cov, b.cov) })
	return out[:min(n, len(out))]
}
