package gazetteer

import "fmt"

// Extension is what a site's config adds to the gazetteer.
type Extension struct {
	CountryAliases      map[string][]string // key: code, name or slug of an existing country
	OrganisationAliases map[string][]string // key: id, name or acronym of an existing organisation
	Organisations       []Organisation      // new organisations
}

// With returns a copy of g extended by ext; g is unchanged.
func (g *Gazetteer) With(ext Extension) (*Gazetteer, error) {
	n := &Gazetteer{places: g.places}
	cmap := make(map[*Country]*Country, len(g.countries))
	for _, c := range g.countries {
		cc := *c
		cc.Aliases = append([]string(nil), c.Aliases...)
		n.countries = append(n.countries, &cc)
		cmap[c] = &cc
	}
	omap := make(map[*Organisation]*Organisation, len(g.orgs))
	for _, o := range g.orgs {
		oc := *o
		oc.Aliases = append([]string(nil), o.Aliases...)
		n.orgs = append(n.orgs, &oc)
		omap[o] = &oc
	}
	for key, aliases := range ext.CountryAliases {
		c, ok := g.LookupCountry(key)
		if !ok {
			return nil, fmt.Errorf("country aliases: unknown country %q", key)
		}
		cmap[c].Aliases = append(cmap[c].Aliases, aliases...)
	}
	for key, aliases := range ext.OrganisationAliases {
		o, ok := g.LookupOrganisation(key)
		if !ok {
			return nil, fmt.Errorf("organisation aliases: unknown organisation %q", key)
		}
		omap[o].Aliases = append(omap[o].Aliases, aliases...)
	}
	for i := range ext.Organisations {
		o := ext.Organisations[i]
		if err := validOrg(&o); err != nil {
			return nil, err
		}
		if g.byID[o.ID] != nil {
			return nil, fmt.Errorf("organisation %q: id already in use", o.ID)
		}
		n.orgs = append(n.orgs, &o)
	}
	n.index()
	if err := n.check(); err != nil {
		return nil, err
	}
	return n, nil
}
