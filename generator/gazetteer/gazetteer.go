package gazetteer

import (
	"sort"
	"strings"
	"sync"
)

// Gazetteer indexes countries, places and organisations. It is immutable
// once built and safe for concurrent use.
type Gazetteer struct {
	countries []*Country
	orgs      []*Organisation
	places    []Place
	byCode    map[string]*Country
	byID      map[string]*Organisation
	cLookup   map[string]*Country
	oLookup   map[string]*Organisation
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the gazetteer built from the embedded data. The result is
// shared and must not be modified; use With to extend it.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := load()
		if err != nil {
			// The embedded data is checked by the tests, so this is a build defect.
			panic("gazetteer: embedded data: " + err.Error())
		}
		defaultGaz = g
	})
	return defaultGaz
}

// Countries returns all countries sorted by Name.
func (g *Gazetteer) Countries() []*Country { return g.countries }

// Organisations returns all organisations sorted by Name.
func (g *Gazetteer) Organisations() []*Organisation { return g.orgs }

// Places returns the places below country level.
func (g *Gazetteer) Places() []Place { return g.places }

// Country returns the country with the given alpha-2 code, or nil.
func (g *Gazetteer) Country(code string) *Country { return g.byCode[strings.ToUpper(code)] }

// Organisation returns the organisation with the given id, or nil.
func (g *Gazetteer) Organisation(id string) *Organisation { return g.byID[strings.ToLower(id)] }

// LookupCountry resolves what an author writes in front matter or config:
// a name, alias, demonym, alpha-2 or alpha-3 code or slug, case-insensitively.
func (g *Gazetteer) LookupCountry(s string) (*Country, bool) {
	c, ok := g.cLookup[lookupKey(s)]
	return c, ok
}

// LookupOrganisation resolves an organisation id, name, acronym or alias,
// case-insensitively.
func (g *Gazetteer) LookupOrganisation(s string) (*Organisation, bool) {
	o, ok := g.oLookup[lookupKey(s)]
	return o, ok
}

// lookupKey folds case, punctuation and spacing so "U.S.", "us" and
// "United-States" all meet their index entries.
func lookupKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == '.' || r == '\'' || r == '’':
		case r == ' ' || r == '-' || r == '_' || r == '\t':
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// index builds the lookup tables. Earlier keys win, so codes and names take
// precedence over aliases shared between entities.
func (g *Gazetteer) index() {
	sort.SliceStable(g.countries, func(i, j int) bool { return g.countries[i].Name < g.countries[j].Name })
	sort.SliceStable(g.orgs, func(i, j int) bool { return g.orgs[i].Name < g.orgs[j].Name })
	g.byCode = make(map[string]*Country, len(g.countries))
	g.byID = make(map[string]*Organisation, len(g.orgs))
	g.cLookup = make(map[string]*Country, len(g.countries)*8)
	g.oLookup = make(map[string]*Organisation, len(g.orgs)*4)
	add := func(k string, c *Country) {
		if k = lookupKey(k); k != "" {
			if _, ok := g.cLookup[k]; !ok {
				g.cLookup[k] = c
			}
		}
	}
	for _, c := range g.countries {
		g.byCode[c.Code] = c
		add(c.Code, c)
		add(c.Code3, c)
		add(c.Slug, c)
		add(c.Name, c)
		add(c.Official, c)
	}
	for _, c := range g.countries {
		for _, a := range c.Aliases {
			add(a, c)
		}
	}
	for _, c := range g.countries {
		for _, a := range c.Demonyms {
			add(a, c)
		}
	}
	addO := func(k string, o *Organisation) {
		if k = lookupKey(k); k != "" {
			if _, ok := g.oLookup[k]; !ok {
				g.oLookup[k] = o
			}
		}
	}
	for _, o := range g.orgs {
		g.byID[o.ID] = o
		addO(o.ID, o)
		addO(o.Name, o)
	}
	for _, o := range g.orgs {
		addO(o.Acronym, o)
	}
	for _, o := range g.orgs {
		for _, a := range o.Aliases {
			addO(a, o)
		}
	}
}
