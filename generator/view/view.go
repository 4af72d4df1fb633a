package view

import (
	"errors"
	"html/template"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/site"
)

// Page is what one page's layouts receive. Exactly the fields its kind
// shows are set; the README's template data model lists which.
type Page struct {
	// Kind is the page kind, also the name of its layout: "home",
	// "article", "countries", "organisations", "entity", "archive",
	// "404", "digests", "digest", "feeds".
	Kind  string
	Title string
	// Path is the URL path from the site root: "/countries/laos/".
	Path string
	Site *Site

	// The page's Description, Feeds and NewsArticle, which its head
	// shows, are methods: they follow from the fields.

	// Article is an article page's story; Older and Newer its neighbours
	// in time, nil at the ends.
	Article      *Article
	Older, Newer *Article

	// Latest are the newest stories: on the home page and an entity's
	// front page.
	Latest []*Article

	// Entity is an entity's front page's entity, with its counts; Months
	// lists every month of its stories with counts, newest first.
	Entity *Entity
	Months []MonthCount
	// Month is a month page's month: of the archive or of an entity.
	Month *Month

	// Archive lists every year with its months and counts, on the archive
	// and its year pages; Year is a year page's year.
	Archive []Year
	Year    *Year

	// Digest is a digest page's digest; Digests lists every digest on the
	// digest list, newest first.
	Digest  *Digest
	Digests []DigestLink

	// FeedSets lists every feed of the site on the feeds page: the
	// site's, the digests', then each country's and organisation's.
	FeedSets []FeedSet

	// List is the region, relation or tag of a list's front page, with
	// Latest and Months as on an entity's; a list's month page has Month,
	// whose List names it.
	List *List
	// Regions lists every region with stories, and its subregions, on
	// the regions page.
	Regions []RegionGroup
	// Relations names the country pairs with pages of their own that an
	// article page's story is about.
	Relations []ListName

	hashOnce sync.Once `hash:"-"`
	viewHash uint64    `hash:"-"`
}

// Site is the site as a whole. Its fields, the configuration and the paths
// of the fixed pages, are the same on every page of a build. Its methods
// give what the site has — every story, every entity with its counts —
// which changes with every story: a page that calls one is signed with
// what it returned (see Signature), and a page that does not is not.
type Site struct {
	Config            *config.Config
	CountriesPath     string
	OrganisationsPath string

	data *siteData `hash:"-"`
	// deps records which methods this page called.
	deps *deps `hash:"-"`
}

func (s *Site) viewKey() uint64 { return s.data.key }

// Articles returns every story, newest first.
func (s *Site) Articles() []*Article {
	s.deps.add(DependsOnArticles)
	return s.data.articles
}

// Countries returns every covered country with its counts, by name.
func (s *Site) Countries() []Covered {
	s.deps.add(DependsOnCountries)
	return s.data.countries
}

// Organisations returns every covered organisation with its counts, by
// name.
func (s *Site) Organisations() []Covered {
	s.deps.add(DependsOnOrganisations)
	return s.data.organisations
}

// TopCountries returns the n countries with the most stories.
func (s *Site) TopCountries(n int) []Covered {
	s.deps.add(DependsOnCountries)
	return top(s.data.countries, n)
}

// TopOrganisations returns the n organisations with the most stories.
func (s *Site) TopOrganisations(n int) []Covered {
	s.deps.add(DependsOnOrganisations)
	return top(s.data.organisations, n)
}

func top(es []Covered, n int) []Covered {
	out := slices.Clone(es)
	slices.SortStableFunc(out, func(a, b Covered) int { return b.Count - a.Count })
	return out[:max(0, min(n, len(out)))]
}

// siteData is what a build's Site views share.
type siteData struct {
	key                      uint64
	articles                 []*Article
	countries, organisations []Covered
	partials                 store
	once                     [depKinds]sync.Once
	sums                     [depKinds]uint64
}

// Article is a story as layouts show it, the same on every page that lists
// it.
type Article struct {
	Title string
	// TitleDerived is set when the input had no title and Title is the
	// lede's first sentence.
	TitleDerived bool
	// Slug is the final, unique slug; Path the URL path of its page.
	Slug, Path string
	// File is the source file, relative to the site; Format "wire" or
	// "markdown".
	File, Format string
	Date         time.Time
	// Source is the agency; PublishedText the time on its source line, and
	// Published that time parsed (zero when absent).
	Source, PublishedText string
	Published             time.Time
	// Dateline is the place the story was filed from, as written.
	Dateline string
	Editors  []string
	// Lede is the first paragraph as text; Standfirst the summary the
	// front matter gives, if any, shown above the body, which holds the
	// lede; Summary is what lists show: the standfirst or else the lede.
	Lede, Standfirst, Summary string
	// body is the story as HTML (see Body), apart from the reflective
	// hash: a build cache reads it only for the pages that show it, and
	// an article's key covers it.
	body article.Body `hash:"-"`
	Tags []string
	// Params are the front-matter keys attache does not know.
	Params map[string]any

	// For agency copy (NewsML-G2, ninjs): the secondary headline, the
	// byline and copyright as the agency wrote them, the story's language
	// tag, its subject codes with their labels, and when this version was
	// filed, set when the agency sent more than one (Version counts them).
	Subheadline, Byline, Copyright string
	Language                       string
	Updated                        time.Time
	Version                        int

	// links are the article's links to entities, tags and other stories,
	// which most pages listing it never show: an article kept in a build
	// cache makes them only when a page asks (see Countries).
	links *articleLinks `hash:"-"`
	// src is what links are made from until they are.
	src      *site.Article `hash:"-"`
	linkOnce sync.Once     `hash:"-"`

	// key identifies the view for signatures: set when it is made for an
	// article with a version, else worked out from the whole view the
	// first time a signature asks (builds without a cache never do).
	key      uint64    `hash:"-"`
	byID     bool      `hash:"-"`
	keyOnce  sync.Once `hash:"-"`
	partials store     `hash:"-"`
}

// articleLinks are an article view's links.
type articleLinks struct {
	Countries, Organisations []Ref
	TagLinks                 []TagLink
	Subjects                 []Subject
	Related                  []Story
	Thread                   *Thread
}

// linked returns the article's links, made on first use.
func (a *Article) linked() *articleLinks {
	a.linkOnce.Do(func() {
		if a.src != nil {
			a.links = linksOf(a.src)
		} else {
			a.links = &articleLinks{} // a view made by hand, in tests
		}
		a.src = nil
	})
	return a.links
}

// Countries are the countries the story is about, in the order detection
// ranks them.
func (a *Article) Countries() []Ref { return a.linked().Countries }

// Organisations are the organisations the story is about.
func (a *Article) Organisations() []Ref { return a.linked().Organisations }

// TagLinks are the story's tags with their pages.
func (a *Article) TagLinks() []TagLink { return a.linked().TagLinks }

// Subjects are an agency story's subject codes with their labels.
func (a *Article) Subjects() []Subject { return a.linked().Subjects }

// Related are the stories most related to this one, best first.
func (a *Article) Related() []Story { return a.linked().Related }

// Thread is the reports of the story's event, nil if it is the only one.
func (a *Article) Thread() *Thread { return a.linked().Thread }

// Body is the story as HTML. A build with a cache reads it from the cache
// when a page first shows it, which fails only if the cache was damaged
// during the build.
func (a *Article) Body() (template.HTML, error) { return a.body.HTML() }

// DropBody lets go of an article's body once the last page showing it has
// rendered.
func DropBody(a *Article) { a.body = article.Body{} }

func (a *Article) viewKey() uint64 {
	a.keyOnce.Do(func() {
		if !a.byID {
			var h hasher
			h.u64(contentHash(a))
			if body, err := a.Body(); err != nil {
				h.str(err.Error()) // the page fails to render, with this error
			} else {
				h.str(string(body))
			}
			h.value(reflect.ValueOf(a.linked()))
			a.key = h.sum()
		}
	})
	return a.key
}

// PrimaryFor reports whether e, an entity on its own page or a month of
// it, is a main subject of the article.
func (a *Article) PrimaryFor(e identified) bool {
	if e == nil {
		return false
	}
	kind, id := e.identity()
	refs := a.Countries()
	if kind == string(site.OrganisationKind) {
		refs = a.Organisations()
	}
	for _, r := range refs {
		if r.ID == id {
			return r.Primary
		}
	}
	return false
}

// identified is an entity that names its kind and ID.
type identified interface {
	identity() (kind, id string)
}

func (e *Entity) identity() (string, string) { return e.Kind, e.ID }
func (e *Named) identity() (string, string)  { return e.Kind, e.ID }

// Subject is an agency's subject code, with its label where the item
// carries one (an IPTC Media Topic such as "diplomacy").
type Subject struct {
	Code, Label string
}

// Country is what the gazetteer says of a country.
type Country struct {
	Name string
	// Code and Code3 are the ISO 3166-1 alpha-2 and alpha-3 codes.
	Code, Code3 string
	// Official is the formal name; Region and Subregion are UN M49's.
	Official, Region, Subregion string
}

// Organisation is what the gazetteer says of an organisation.
type Organisation struct {
	Name, Acronym string
	// Kind is "regional", "security", "economic", "un-system", ….
	Kind string
	// Members are the alpha-2 codes of its members, where membership is
	// well defined.
	Members []string
}

// Ref is an entity an article refers to: which entity, and how.
type Ref struct {
	// Kind is "country" or "organisation"; ID its alpha-2 code or id.
	Kind, ID string
	// Name is its name; Label the acronym of an organisation that has one,
	// else the name; Path the URL path of its page.
	Name, Label, Slug, Path string
	Country                 *Country
	Organisation            *Organisation
	// Mentions counts its mentions; Primary marks a main subject;
	// Confidence is how sure detection is of the reading, from 0 to 1 (1
	// for an entity named in front matter).
	Mentions   int
	Primary    bool
	Confidence float64
}

// Entity is a country or organisation on its front page: what it is, and
// what the site has on it.
type Entity struct {
	Kind, ID                string
	Name, Label, Slug, Path string
	Country                 *Country
	Organisation            *Organisation
	// Count is the number of its stories; PrimaryCount those it is a main
	// subject of.
	Count, PrimaryCount int
	// Articles are all its stories, newest first.
	Articles []*Article
	// Related are the entities most often in the same stories.
	Related []Related
	// Partners are the countries most often main subjects together with
	// a country, each with the page of the pair; Members an
	// organisation's member countries.
	Partners []Partner
	Members  []Member
}

// Named names an entity without any of its counts: on month pages, which
// newer stories must not change, and in digests.
type Named struct {
	Kind, ID                string
	Name, Label, Slug, Path string
	Country                 *Country
	Organisation            *Organisation
}

// Covered is an entity in a list with its counts.
type Covered struct {
	Kind, ID                string
	Name, Label, Slug, Path string
	Country                 *Country
	Organisation            *Organisation
	Count, PrimaryCount     int
}

// Related is an entity found in the same stories as another, with the
// number of stories they share.
type Related struct {
	Kind, ID                string
	Name, Label, Slug, Path string
	Country                 *Country
	Organisation            *Organisation
	Count                   int
}

// Month is one month of a list of stories.
type Month struct {
	Year  int
	Month time.Month
	// Label reads "August 2024".
	Label string
	// Entity is the entity whose month it is, nil in the archive; List
	// the region, relation or tag whose month it is.
	Entity *Named
	List   *ListName
	// Front is the URL path of the list's front page.
	Front    string
	Articles []*Article
	// Older and Newer link the nearest months with stories.
	Older, Newer *site.MonthLink
}

// MonthCount is a month of a list with its number of stories.
type MonthCount = site.MonthCount

// Year is a year of the archive with its months.
type Year struct {
	Year  int
	Path  string
	Count int
	// Months are newest first.
	Months []YearMonth
}

// YearMonth is a month of the archive with its count.
type YearMonth struct {
	Month time.Month
	// Anchor reads "m07".
	Anchor string
	Path   string
	Count  int
}

// Digest is one period's digest.
type Digest struct {
	Title, Path string
	Period      site.Period
	Glance      Glance
	Sections    []DigestSection
	// Prev and Next are the nearest digests with stories.
	Prev, Next *DigestLink
}

// DigestLink links a digest, with its number of stories.
type DigestLink struct {
	Title, Path string
	Period      site.Period
	Count       int
}

// Glance is the head of a digest: how much was covered, and who was most
// covered, against the period before.
type Glance struct {
	Articles, PrevArticles int
	Countries              []Trend
	Organisations          []Trend
}

// Change is the difference in stories against the previous period.
func (g Glance) Change() int { return g.Articles - g.PrevArticles }

// Delta is Change written with its sign: "+3", "−2", "±0".
func (g Glance) Delta() string {
	return site.Glance{Articles: g.Articles, PrevArticles: g.PrevArticles}.Delta()
}

// Trend is an entity's stories in a period and the one before.
type Trend struct {
	Kind, ID                string
	Name, Label, Slug, Path string
	Count, Prev             int
}

// Change is Count minus Prev.
func (t Trend) Change() int { return t.Count - t.Prev }

// Delta is Change written with its sign.
func (t Trend) Delta() string { return site.Trend{Count: t.Count, Prev: t.Prev}.Delta() }

// DigestSection is a region of a digest.
type DigestSection struct {
	Region string
	// Path is the region's page, "" when it has none.
	Path   string
	Groups []DigestGroup
}

// DigestGroup is the stories filed under one country (nil Country in the
// International section), and those filed under others that name it.
type DigestGroup struct {
	Country  *Named
	Articles []*Article
	SeeAlso  []SeeAlso
}

// SeeAlso points to a story filed under another country.
type SeeAlso struct {
	Article *Article
	Under   *Named
}

// store keeps the HTML of partials rendered once for an article or a
// build (see render's partialCached). Its zero value is ready.
type store struct {
	mu      sync.Mutex
	entries []storeEntry
	// making counts the renders of each key under way (value an int):
	// more of them than goroutines could run at once is a partial that
	// calls itself, each call a fresh template execution whose depth
	// text/template does not bound.
	making []storeEntry
}

type storeEntry struct{ key, value any }

// maxMaking bounds the renders of one key under way at once.
const maxMaking = 1024

// enter counts a render of key as under way, and reports false when too
// many are.
func (s *store) enter(key any) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, e := range s.making {
		if e.key == key {
			n := e.value.(int) + 1
			s.making[i].value = n
			return n <= maxMaking
		}
	}
	s.making = append(s.making, storeEntry{key, 1})
	return true
}

// leave counts a render of key as done.
func (s *store) leave(key any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, e := range s.making {
		if e.key == key {
			if n := e.value.(int) - 1; n > 0 {
				s.making[i].value = n
			} else {
				s.making = slices.Delete(s.making, i, i+1)
			}
			return
		}
	}
}

// ErrCallsItself is the error of a partial rendered within itself, more
// than maxMaking deep.
var ErrCallsItself = errors.New("it is rendered within itself (more than 1024 deep): a partial that calls itself")

// Load returns the value stored for key, if any.
func (s *store) load(key any) (any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.entries {
		if e.key == key {
			return e.value, true
		}
	}
	return nil, false
}

func (s *store) loadOrStore(key, value any) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.entries {
		if e.key == key {
			return e.value
		}
	}
	s.entries = append(s.entries, storeEntry{key, value})
	return value
}

// Cached returns the value kept for key with the article, or computes it
// with make and keeps it.
func (a *Article) Cached(key any, make func() (any, error)) (any, error) {
	return cached(&a.partials, key, make)
}

// cached is load, else make and loadOrStore; make runs unlocked, as a
// partial may itself use partialCached.
func cached(s *store, key any, make func() (any, error)) (any, error) {
	if v, ok := s.load(key); ok {
		return v, nil
	}
	ok := s.enter(key)
	defer s.leave(key)
	if !ok {
		return nil, ErrCallsItself
	}
	v, err := make()
	if err != nil {
		return nil, err
	}
	return s.loadOrStore(key, v), nil
}
