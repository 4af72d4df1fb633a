package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/attache/attache/generator/internal/suggest"
)

// DigestsPath is the URL path of the digest list; each digest lives below
// it at its period's key: "/digests/2024-w30/".
const DigestsPath = "/digests/"

// glanceSize bounds the "at a glance" lists of a digest.
const glanceSize = 5

// international names the section of articles about no country.
const international = "International"

// DigestFilter narrows digests to a topic for a newsletter. Empty fields
// match every article; set fields must all match.
type DigestFilter struct {
	// Country is a country's slug, code or name: "laos", "LA", "Laos".
	Country string
	// Region is a UN region or subregion, "Asia", "Eastern Asia",
	// "eastern-asia", or a common short form: "East Asia", "Middle
	// East" (see regionAliases).
	Region string
	// Organisation is an organisation's id, acronym or name: "asean".
	Organisation string
}

// IsZero reports whether the filter lets every article through.
func (f DigestFilter) IsZero() bool { return f == DigestFilter{} }

// Digest is the briefing of one period: its articles grouped by region and
// country, with counts compared to the period before.
type Digest struct {
	Period Period
	// Topic names the filter, "Laos" or "Eastern Asia", empty when the
	// digest covers everything.
	Topic string
	// Path is the digest's page on the site. It is empty for digests the
	// site does not publish: filtered ones, and periods other than the
	// configured one.
	Path string
	// Articles are the period's articles, oldest first; Before are those
	// of the period before, with which Glance compares them.
	Articles, Before []*Article
	// Prev and Next are the nearest earlier and later digests that have
	// articles; empty periods are skipped. Nil at the ends.
	Prev, Next *Digest
	// parts are worked out when first asked for: a rebuild lists every
	// digest but shows only those whose articles changed.
	parts *digestParts
}

type digestParts struct {
	once     sync.Once
	match    matcher
	entities int
	sections []DigestSection
	glance   Glance
}

// Sections files the digest's articles by region and country.
func (d *Digest) Sections() []DigestSection {
	if d.parts == nil {
		return nil
	}
	d.work()
	return d.parts.sections
}

// Glance counts the digest's coverage against the period before.
func (d *Digest) Glance() Glance {
	if d.parts == nil {
		return Glance{Articles: len(d.Articles), PrevArticles: len(d.Before)}
	}
	d.work()
	return d.parts.glance
}

func (d *Digest) work() {
	p := d.parts
	p.once.Do(func() {
		sc := newScratch(p.entities)
		p.glance = p.match.glance(sc, d.Articles, d.Before)
		p.sections = p.match.sections(sc, d.Articles)
	})
}

// Title names the digest: "Laos · Week 30, 2024 (22–28 July)".
func (d *Digest) Title() string {
	if d.Topic != "" {
		return d.Topic + " · " + d.Period.Title()
	}
	return d.Period.Title()
}

// DigestSection is a region of a digest.
type DigestSection struct {
	// Region is the UN subregion of the section's countries, or
	// "International" for articles about no country.
	Region string
	Groups []DigestGroup
}

// DigestGroup lists the articles filed under one country. An article with
// several primary countries is filed under its first and listed as SeeAlso
// under the others.
type DigestGroup struct {
	// Country is nil in the International section.
	Country  *Entity
	Articles []*Article
	SeeAlso  []CrossRef
}

// CrossRef points from one country's group to an article filed under
// another country.
type CrossRef struct {
	Article *Article
	// Under is the country the article is filed under.
	Under *Entity
}

// Glance is the head of a digest: how much was covered, and who was most
// covered, against the period before (whether or not it had a digest).
type Glance struct {
	Articles, PrevArticles int
	Countries              []Trend
	Organisations          []Trend
}

// Change is the difference in article count against the previous period.
func (g Glance) Change() int { return g.Articles - g.PrevArticles }

// Trend is an entity's article count in a period and the one before.
type Trend struct {
	Entity      *Entity
	Count, Prev int
}

// Change is Count minus Prev.
func (t Trend) Change() int { return t.Count - t.Prev }

// Digests returns the digests of every period of kind that has articles
// passing f, newest first. A filter naming nothing known is an error, so
// that a typo does not silently produce empty newsletters.
//
// The site's own digests, of the configured period and unfiltered, are
// worked out once per Site, as pages and feeds both list them; callers must
// not modify them.
func (s *Site) Digests(kind PeriodKind, f DigestFilter) ([]*Digest, error) {
	if f.IsZero() && string(kind) == s.Config.Digests.Period {
		s.digests.once.Do(func() { s.digests.list, _ = s.digestsOf(kind, f) })
		return s.digests.list[:len(s.digests.list):len(s.digests.list)], nil
	}
	return s.digestsOf(kind, f)
}

// digestCache holds the site's own digests; Site is otherwise immutable.
type digestCache struct {
	once sync.Once
	list []*Digest
}

func (s *Site) digestsOf(kind PeriodKind, f DigestFilter) ([]*Digest, error) {
	match, topic, err := s.matcher(f)
	if err != nil {
		return nil, err
	}
	var digests []*Digest
	byPeriod := map[Period]*Digest{}
	// s.Articles is newest first, so digests come out newest first.
	for _, a := range s.Articles {
		if !match.article(a) {
			continue
		}
		p := PeriodOf(kind, a.Date)
		d := byPeriod[p]
		if d == nil {
			d = &Digest{Period: p, Topic: topic, parts: &digestParts{match: match, entities: len(s.Countries) + len(s.Organisations)}}
			if f.IsZero() && string(kind) == s.Config.Digests.Period {
				d.Path = DigestsPath + p.Key() + "/"
			}
			byPeriod[p] = d
			digests = append(digests, d)
		}
		d.Articles = append(d.Articles, a)
	}
	// s.Articles is ordered by instant, but a period goes by the date
	// written in each article's own zone: a story late on Sunday in Lima
	// is a later instant than one early on Monday in Kiribati. Order the
	// digests by period, newest first, before linking them.
	slices.SortFunc(digests, func(a, b *Digest) int { return b.Period.Start.Compare(a.Period.Start) })
	for i, d := range digests {
		slices.Reverse(d.Articles)
		if i > 0 {
			d.Next = digests[i-1]
		}
	}
	for i, d := range digests {
		if i+1 < len(digests) {
			d.Prev = digests[i+1]
		}
		if pd := byPeriod[d.Period.Prev()]; pd != nil {
			d.Before = pd.Articles
		}
	}
	return digests, nil
}

// DigestAt returns the digest of kind for the period holding date (a
// "YYYY-MM-DD" string), or the latest digest when date is empty.
func (s *Site) DigestAt(kind PeriodKind, f DigestFilter, date string) (*Digest, error) {
	ds, err := s.Digests(kind, f)
	if err != nil {
		return nil, err
	}
	if date == "" {
		if len(ds) == 0 {
			return nil, fmt.Errorf("no articles to make a digest of")
		}
		return ds[0], nil
	}
	p, err := ParsePeriodKey(date)
	if err != nil || p.Kind != Daily {
		return nil, fmt.Errorf("date %q: want YYYY-MM-DD", date)
	}
	p = PeriodOf(kind, p.Start)
	for _, d := range ds {
		if d.Period == p {
			return d, nil
		}
	}
	return nil, fmt.Errorf("no articles in %s", p.Title())
}

type matcher struct {
	country, org *Entity
	region       *regionGroup
}

// matcher resolves a filter against the site's entities.
func (s *Site) matcher(f DigestFilter) (matcher, string, error) {
	var m matcher
	var topics []string
	if f.Country != "" {
		m.country = findEntity(s.Countries, f.Country)
		if m.country == nil && s.gaz != nil {
			// The names front matter takes: "Türkiye", alpha-3 codes.
			if c, ok := s.gaz.LookupCountry(f.Country); ok {
				if m.country = findEntity(s.Countries, c.Code); m.country == nil {
					return m, "", fmt.Errorf("country %q (%s): no briefing is about it", f.Country, c.Name)
				}
			}
		}
		if m.country == nil {
			return m, "", fmt.Errorf("country %q: no such country%s", f.Country, entityHint(f.Country, s.Countries, "a name, code or slug"))
		}
		topics = append(topics, m.country.Name)
	}
	if f.Region != "" {
		r, err := findRegion(f.Region)
		if err != nil {
			return m, "", err
		}
		if !slices.ContainsFunc(s.Countries, func(e *Entity) bool { return r.has(e.Country) }) {
			return m, "", fmt.Errorf("region %q (%s): no briefing is about a country in it", f.Region, r.name)
		}
		m.region = r
		topics = append(topics, r.name)
	}
	if f.Organisation != "" {
		m.org = findEntity(s.Organisations, f.Organisation)
		if m.org == nil && s.gaz != nil {
			if o, ok := s.gaz.LookupOrganisation(f.Organisation); ok {
				if m.org = findEntity(s.Organisations, o.ID); m.org == nil {
					return m, "", fmt.Errorf("organisation %q (%s): no briefing is about it", f.Organisation, o.Name)
				}
			}
		}
		if m.org == nil {
			return m, "", fmt.Errorf("organisation %q: no such organisation%s", f.Organisation, entityHint(f.Organisation, s.Organisations, "an id, acronym or name"))
		}
		topics = append(topics, m.org.Label())
	}
	return m, strings.Join(topics, ", "), nil
}

// entityHint helps a user who named no entity of es: the one meant, when
// the name is a likely typo of one, or else what to write, with an
// example from the site.
func entityHint(name string, es []*Entity, what string) string {
	var names []string
	for _, e := range es {
		names = append(names, e.Name, e.Slug)
	}
	if hint := suggest.Hint(name, names); hint != "" {
		return hint
	}
	if len(es) == 0 {
		return "; no briefing is about one"
	}
	return fmt.Sprintf("; use %s, such as %q", what, es[0].Slug)
}

func findEntity(es []*Entity, name string) *Entity {
	for _, e := range es {
		if strings.EqualFold(e.Slug, name) || strings.EqualFold(e.ID, name) || strings.EqualFold(e.Name, name) ||
			e.Organisation != nil && e.Organisation.Acronym != "" && strings.EqualFold(e.Organisation.Acronym, name) {
			return e
		}
	}
	return nil
}

func (m matcher) inRegion(e *Entity) bool {
	return m.region == nil || m.region.has(e.Country)
}

// article reports whether a passes the filter. An article passes on any
// reference, as on entity pages: a newsletter on Laos wants the ASEAN
// story that names Laos in passing.
func (m matcher) article(a *Article) bool {
	if m.country != nil {
		if _, ok := a.Ref(m.country); !ok {
			return false
		}
	}
	if m.org != nil {
		if _, ok := a.Ref(m.org); !ok {
			return false
		}
	}
	if m.region != nil && !slices.ContainsFunc(a.Countries, func(r Ref) bool { return m.inRegion(r.Entity) }) {
		return false
	}
	return true
}

// homes returns the countries an article is filed under, first one first:
// its primary countries that pass the filter, else its first country that
// does.
func (m matcher) homes(a *Article) []*Entity {
	var out []*Entity
	for _, r := range a.Countries {
		if r.Primary && m.inRegion(r.Entity) && (m.country == nil || r.Entity == m.country) {
			out = append(out, r.Entity)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, r := range a.Countries {
		if m.inRegion(r.Entity) && (m.country == nil || r.Entity == m.country) {
			return []*Entity{r.Entity}
		}
	}
	return nil
}

func regionOf(e *Entity) string {
	if e == nil {
		return international
	}
	return cmp.Or(e.Country.Subregion, e.Country.Region, "Other")
}

// scratch is working space for a digest, indexed by Entity.index: counting
// in maps was most of the cost of a site's digests.
type scratch struct {
	now, before []int
	// groups holds the International group at 0, then an entity's at
	// its index+1.
	groups []*DigestGroup
	seen   []*Entity
}

func newScratch(entities int) *scratch {
	return &scratch{now: make([]int, entities), before: make([]int, entities), groups: make([]*DigestGroup, entities+1)}
}

// sections files articles, oldest first, by region and country.
func (m matcher) sections(sc *scratch, articles []*Article) []DigestSection {
	var order []*Entity
	slot := func(e *Entity) int {
		if e == nil {
			return 0
		}
		return e.index + 1
	}
	group := func(e *Entity) *DigestGroup {
		g := sc.groups[slot(e)]
		if g == nil {
			g = &DigestGroup{Country: e}
			sc.groups[slot(e)] = g
			order = append(order, e)
		}
		return g
	}
	for _, a := range articles {
		homes := m.homes(a)
		if len(homes) == 0 {
			g := group(nil)
			g.Articles = append(g.Articles, a)
			continue
		}
		g := group(homes[0])
		g.Articles = append(g.Articles, a)
		for _, e := range homes[1:] {
			g := group(e)
			g.SeeAlso = append(g.SeeAlso, CrossRef{Article: a, Under: homes[0]})
		}
	}
	slices.SortFunc(order, func(a, b *Entity) int {
		ra, rb := regionOf(a), regionOf(b)
		if (ra == international) != (rb == international) {
			if ra == international {
				return 1
			}
			return -1
		}
		if c := strings.Compare(ra, rb); c != 0 {
			return c
		}
		if a == nil || b == nil {
			return 0
		}
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	var out []DigestSection
	for _, e := range order {
		r := regionOf(e)
		if len(out) == 0 || out[len(out)-1].Region != r {
			out = append(out, DigestSection{Region: r})
		}
		sec := &out[len(out)-1]
		sec.Groups = append(sec.Groups, *sc.groups[slot(e)])
		sc.groups[slot(e)] = nil
	}
	return out
}

// glance counts who was covered in a period and the one before. A
// regional digest counts only the region's countries.
func (m matcher) glance(sc *scratch, cur, prev []*Article) Glance {
	g := Glance{Articles: len(cur), PrevArticles: len(prev)}
	g.Countries = sc.trends(cur, prev, func(a *Article) []Ref { return a.Countries }, m.inRegion)
	g.Organisations = sc.trends(cur, prev, func(a *Article) []Ref { return a.Organisations }, func(*Entity) bool { return true })
	return g
}

func (sc *scratch) trends(cur, prev []*Article, refs func(*Article) []Ref, keep func(*Entity) bool) []Trend {
	for _, a := range cur {
		for _, r := range refs(a) {
			if keep(r.Entity) {
				if sc.now[r.Entity.index] == 0 {
					sc.seen = append(sc.seen, r.Entity)
				}
				sc.now[r.Entity.index]++
			}
		}
	}
	count := func(delta int) {
		for _, a := range prev {
			for _, r := range refs(a) {
				if keep(r.Entity) {
					sc.before[r.Entity.index] += delta
				}
			}
		}
	}
	count(1)
	out := make([]Trend, 0, len(sc.seen))
	for _, e := range sc.seen {
		out = append(out, Trend{Entity: e, Count: sc.now[e.index], Prev: sc.before[e.index]})
		sc.now[e.index] = 0
	}
	sc.seen = sc.seen[:0]
	count(-1)
	cov := make(map[*Entity]coverage, len(out))
	for _, a := range cur {
		for _, r := range refs(a) {
			if keep(r.Entity) {
				c := cov[r.Entity]
				c.add(r)
				cov[r.Entity] = c
			}
		}
	}
	slices.SortFunc(out, func(a, b Trend) int { return moreCovered(a.Entity, b.Entity, cov[a.Entity], cov[b.Entity]) })
	return out[:min(len(out), glanceSize)]
}

// Delta writes the change in article count for readers: "+2", "−1", "±0".
func (g Glance) Delta() string { return delta(g.Change()) }

// Delta writes Change for readers: "+2", "−1", "±0".
func (t Trend) Delta() string { return delta(t.Change()) }

func delta(n int) string {
	switch {
	case n > 0:
		return fmt.Sprintf("+%d", n)
	case n < 0:
		return fmt.Sprintf("−%d", -n) // a minus sign, not a hyphen
	}
	return "±0"
}
