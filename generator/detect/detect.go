// Package detect finds the countries and international organisations an
// article is about, with the evidence for each.
//
// Detection tokenises each field once on whole Unicode characters and walks
// a trie of alias token sequences, taking the longest match. Precision rules
// then drop readings that news text shows to be something else: named
// documents ("Paris Agreement"), people ("Michael Jordan"), homonymous towns
// ("Paris, Texas"), currencies ("US$") and shared names resolved by the rest
// of the article ("Georgia", "Congo", "ICC").
package detect

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/attache/attache/generator/gazetteer"
)

// Field says where in an article a mention was found.
type Field int

// The fields of an article, in reading order.
const (
	Title Field = iota
	Dateline
	Lede
	Body
)

// String returns the field's lower-case name.
func (f Field) String() string {
	switch f {
	case Title:
		return "title"
	case Dateline:
		return "dateline"
	case Lede:
		return "lede"
	case Body:
		return "body"
	}
	return "unknown"
}

// Input is the plain text of an article. Body is the text after the lede.
// Source is the agency or outlet ("AAP", "Xinhua"): a national agency's
// home state counts for the readings of a place name shared by several
// states.
type Input struct {
	Title, Dateline, Lede, Body string
	Source                      string
}

func (in *Input) field(f Field) string {
	switch f {
	case Title:
		return in.Title
	case Dateline:
		return in.Dateline
	case Lede:
		return in.Lede
	}
	return in.Body
}

// Evidence is one mention: the matched text and its byte offset in the
// text of the field it was found in.
type Evidence struct {
	Field  Field
	Offset int
	Text   string
}

// Entity is a country or organisation detected in an article.
type Entity struct {
	ID       string // country alpha-2 code or organisation ID
	Mentions int
	Primary  bool    // a subject of the article, not merely mentioned
	Score    float64 // salience used for ordering
	// Confidence, 0 to 1, is how sure detection is that the article
	// refers to the entity: near 1 for a state named outright, lower for
	// a place name shared by several states that only population decided,
	// a metonym or a small town. Each mention adds to it.
	Confidence float64
	Evidence   []Evidence
}

// Result holds the detected entities, each list ordered by salience, most
// salient first, ties by ID.
type Result struct {
	Countries, Organisations []Entity
	// Dropped are entities found in the text but left out by the
	// detector's options, with the reason; nil when none was, and always
	// nil WithoutEvidence, which a build uses and which needs no reasons.
	Dropped []Dropped
}

// Dropped is an entity the text names that a Detector's options keep out
// of its Result.
type Dropped struct {
	Entity
	Organisation bool   // Entity.ID is an organisation's id, not a country code
	Reason       string // "suppressed", "minMentions", "minConfidence"
}

// Detector is a compiled matcher. It is immutable after New and safe for
// concurrent use.
type Detector struct {
	g           *gazetteer.Gazetteer
	root        *node
	maxLen      int
	minMentions int
	// minConfidence drops entities detected with less confidence.
	minConfidence float64
	suppressC     map[string]bool
	suppressO     map[string]bool
	orgs          map[string]*gazetteer.Organisation
	noEvidence    bool
	scans         sync.Pool // *scan, reused to keep Detect free of large allocations
}

// minorCity is the population below which a city needs corroboration.
const minorCity = 300000

// Option configures a Detector.
type Option func(*Detector)

// WithSuppressed drops the given countries (alpha-2 codes) and
// organisations (ids) from every result, site-wide.
func WithSuppressed(countryCodes, orgIDs []string) Option {
	return func(d *Detector) {
		for _, c := range countryCodes {
			d.suppressC[c] = true
		}
		for _, o := range orgIDs {
			d.suppressO[o] = true
		}
	}
}

// WithMinMentions sets the threshold below which an entity that is not
// primary is dropped. The default, 1, keeps any mention.
func WithMinMentions(n int) Option {
	return func(d *Detector) { d.minMentions = n }
}

// WithMinConfidence drops entities whose Confidence is below c, primary
// or not: a reading the detector is unsure of does not put the article on
// the entity's index page. The default, 0, keeps every entity.
func WithMinConfidence(c float64) Option {
	return func(d *Detector) { d.minConfidence = c }
}

// WithoutEvidence leaves Entity.Evidence empty. A site build needs only
// the counts; evidence holds substrings of the article's text, and keeping
// it would keep every article's whole text alive for the whole build.
func WithoutEvidence() Option {
	return func(d *Detector) { d.noEvidence = true }
}

// New compiles a detector for the gazetteer g.
func New(g *gazetteer.Gazetteer, opts ...Option) *Detector {
	d := &Detector{g: g, root: &node{}, minMentions: 1, suppressC: map[string]bool{}, suppressO: map[string]bool{},
		orgs: map[string]*gazetteer.Organisation{}}
	for _, o := range opts {
		o(d)
	}
	d.compile()
	return d
}

func (d *Detector) compile() {
	for _, c := range d.g.Countries() {
		h := c.Dissolved != ""
		d.add(c.Name, target{id: c.Code, kind: kName, historical: h})
		d.add(c.Official, target{id: c.Code, kind: kName, historical: h})
		for _, a := range c.Aliases {
			d.add(a, target{id: c.Code, kind: kName, historical: h})
		}
		for _, a := range c.Demonyms {
			k := kDemonym
			if combining[a] {
				k = kCombining
			}
			d.add(a, target{id: c.Code, kind: k, historical: h})
		}
		for _, a := range c.Capitals {
			d.add(a, target{id: c.Code, kind: kCapital, historical: h})
		}
	}
	for _, p := range d.g.Places() {
		k := kCity
		if p.Kind == "admin" {
			k = kAdmin
		}
		// A name of three words or more ("Santiago de Compostela") is
		// distinctive enough to stand alone however small the place.
		d.add(p.Name, target{id: p.Country, kind: k, minor: k == kCity && p.Population < minorCity && len(strings.Fields(p.Name)) < 3,
			pop: int32(min(p.Population, math.MaxInt32))})
	}
	for _, o := range d.g.Organisations() {
		d.orgs[o.ID] = o
		weak := map[string]bool{}
		for _, w := range o.Weak {
			weak[w] = true
		}
		d.add(o.Name, target{id: o.ID, org: true, kind: kOrgName, weak: weak[o.Name]})
		if o.Acronym != "" {
			d.add(o.Acronym, target{id: o.ID, org: true, kind: kOrgAcronym, weak: weak[o.Acronym]})
		}
		for _, a := range o.Aliases {
			k := kOrgName
			if isAcronym(a) {
				k = kOrgAcronym
			}
			d.add(a, target{id: o.ID, org: true, kind: k, weak: weak[a]})
		}
	}
	for _, s := range stopPhrases {
		d.add(s, target{kind: kStop})
	}
}

func isAcronym(s string) bool {
	up := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r == ' ' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			up++
		}
	}
	return up >= 2
}

// Detect finds the entities of one article.
func (d *Detector) Detect(in Input) Result {
	s, _ := d.scans.Get().(*scan)
	if s == nil {
		s = newScan(d)
	}
	s.home = agencyHome[strings.ToLower(strings.TrimSpace(in.Source))]
	for f := Title; f <= Body; f++ {
		s.field(f, in.field(f), f == Lede && in.Dateline == "")
	}
	s.resolve()
	r := s.result(d)
	s.reset()
	d.scans.Put(s)
	return r
}

func (d *Detector) suppressed(org bool, id string) bool {
	if org {
		return d.suppressO[id]
	}
	return d.suppressC[id]
}

// sortEntities orders by score, then ID.
func sortEntities(es []Entity) {
	slices.SortFunc(es, func(a, b Entity) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		return strings.Compare(a.ID, b.ID)
	})
}
