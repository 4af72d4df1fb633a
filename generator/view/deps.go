package view

import (
	"reflect"
	"sync/atomic"
)

// Deps is the set of site-wide data a page's layouts read through Site's
// methods.
type Deps uint32

// The site-wide data a page can depend on.
const (
	DependsOnArticles Deps = 1 << iota
	DependsOnCountries
	DependsOnOrganisations
	depKinds = iota
)

// deps records a page's Deps as its layouts run. Several goroutines may
// add to it: partials rendered once per build pass theirs on.
type deps struct{ bits atomic.Uint32 }

func (d *deps) add(x Deps) {
	if d != nil {
		d.bits.Or(uint32(x))
	}
}

func (d *deps) get() Deps {
	if d == nil {
		return 0
	}
	return Deps(d.bits.Load())
}

// DepsOf returns the site-wide data p's layouts read while it rendered.
func DepsOf(p *Page) Deps { return p.Site.deps.get() }

// Signature returns p's signature given the site-wide data d its layouts
// read when it was last rendered: the hash of its view, mixed with the
// hash of each of those data. A page whose signature did not change
// renders the same: its view is the same, and the layouts, running the
// same way on the same view, read the same data, which are the same too.
func Signature(p *Page, d Deps) uint64 {
	var h hasher
	h.u64(p.hash())
	h.u64(uint64(d))
	for i := range depKinds {
		if d&(1<<i) != 0 {
			h.u64(p.Site.data.sum(i))
		}
	}
	return h.sum()
}

// sum returns the hash of the site-wide datum i, worked out once a build.
func (s *siteData) sum(i int) uint64 {
	s.once[i].Do(func() {
		var h hasher
		switch Deps(1 << i) {
		case DependsOnArticles:
			h.value(reflect.ValueOf(s.articles))
		case DependsOnCountries:
			h.value(reflect.ValueOf(s.countries))
		case DependsOnOrganisations:
			h.value(reflect.ValueOf(s.organisations))
		}
		s.sums[i] = h.sum()
	})
	return s.sums[i]
}

// CachedForBuild returns the value kept under key for p's build, or makes
// it once with make, for all the build's pages: what make reads of
// site-wide data is recorded apart and kept with the value. Either way p
// is told of those reads, so that every page showing the value is signed
// with what it shows.
func CachedForBuild(p *Page, key any, make func(*Page) (any, error)) (any, error) {
	v, err := cached(&p.Site.data.partials, key, func() (any, error) {
		// A page renders on one goroutine, so its record can be set
		// aside while the value is made.
		own := p.Site.deps
		p.Site.deps = new(deps)
		defer func() { p.Site.deps = own }()
		v, err := make(p)
		if err != nil {
			return nil, err
		}
		return recorded{v, p.Site.deps.get()}, nil
	})
	if err != nil {
		return nil, err
	}
	r := v.(recorded)
	p.Site.deps.add(r.deps)
	return r.value, nil
}

// recorded is a value made once a build, with the site-wide data its
// making read.
type recorded struct {
	value any
	deps  Deps
}

// hash returns the hash of p's view, worked out once: a page kept from an
// earlier build keeps it.
func (p *Page) hash() uint64 {
	p.hashOnce.Do(func() { p.viewHash = Hash(p) })
	return p.viewHash
}
