package site

import (
	"context"
	"runtime"
	"sync"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/internal/parallel"
	"github.com/attache/attache/generator/textsim"
)

// Option configures New.
type Option func(*options)

type options struct {
	memo *Memo
}

// WithMemo lets New reuse what it worked out for an input in an earlier
// New with the same Memo, configuration and gazetteer: the article's slug,
// URL path and entity references. Inputs are matched by Version, so only
// inputs with a non-zero Version are remembered.
func WithMemo(m *Memo) Option { return func(o *options) { o.memo = m } }

// Memo carries per-article work from one New to the next, for a process
// that rebuilds a site after every edit. It forgets the inputs a New did
// not see. It is safe for concurrent use, though concurrent News with one
// Memo remember only one of their input sets.
type Memo struct {
	mu      sync.Mutex
	cfg     *config.Config
	gaz     *gazetteer.Gazetteer
	entries map[uint64]*placement
	// links are the last New's threads and related stories (stories.go).
	// A New takes them while it runs, so that a concurrent one, which
	// finds none, works its own out afresh.
	links *linkState
	// saved are links restored from an earlier process, for a New that
	// finds no links (links_saved.go).
	saved *savedLinks
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{} }

// placement is what New works out for one input on its own: everything
// that depends on the input, the configuration and the gazetteer, and not
// on other articles.
type placement struct {
	// base is the slug the article asks for, file its :filename, and
	// path its URL path with them; another article may already hold the
	// path.
	base, file, path string
	countries        []refSpec
	orgs             []refSpec
	warnings         []error
	// features are the article's words for threads and related stories,
	// worked out on first use (stories.go).
	featuresOnce sync.Once
	features     *textsim.Features
}

// memoRun is one New's view of a Memo.
type memoRun struct {
	cfg       *config.Config
	gaz       *gazetteer.Gazetteer
	old, next map[uint64]*placement
	// oldLinks and nextLinks are Memo.links before and after; saved is
	// Memo.saved, for want of oldLinks.
	oldLinks, nextLinks *linkState
	saved               *savedLinks
}

// begin starts a New; a nil Memo, or one made for another configuration,
// remembers nothing from before.
func (m *Memo) begin(cfg *config.Config, gaz *gazetteer.Gazetteer) *memoRun {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r := &memoRun{cfg: cfg, gaz: gaz, next: make(map[uint64]*placement, len(m.entries))}
	if m.cfg == cfg && m.gaz == gaz {
		r.old, r.oldLinks, r.saved = m.entries, m.links, m.saved
		m.links, m.saved = nil, nil
	}
	return r
}

// end stores what the New saw, for the next one.
func (m *Memo) end(r *memoRun) {
	if m == nil || r == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	// The configuration is compared by identity: a reloaded one, even if
	// equal, starts the memo afresh.
	m.entries, m.cfg, m.gaz, m.links = r.next, r.cfg, r.gaz, r.nextLinks
}

// placeAll returns the inputs' placements, from the memo where it has
// them. The others are worked out in parallel: a build without a memo, or
// the first of a process, places every story, which at 100,000 stories
// took most of a second on one core.
func (r *memoRun) placeAll(s *Site, gaz *gazetteer.Gazetteer, inputs []Input) []*placement {
	placed := make([]*placement, len(inputs))
	var todo []int
	for i, in := range inputs {
		if r != nil && in.Version != 0 {
			if p := r.old[in.Version]; p != nil {
				placed[i] = p
				continue
			}
		}
		todo = append(todo, i)
	}
	const block = 256
	parallel.Do(context.Background(), (len(todo)+block-1)/block, runtime.GOMAXPROCS(0), func(k int) {
		for _, i := range todo[k*block : min(len(todo), (k+1)*block)] {
			placed[i] = place(s, gaz, inputs[i])
		}
	})
	if r != nil {
		for i, in := range inputs {
			if in.Version != 0 {
				r.next[in.Version] = placed[i]
			}
		}
	}
	return placed
}

// place works out where an input goes: its slug, path and entities.
func place(s *Site, gaz *gazetteer.Gazetteer, in Input) *placement {
	p := &placement{base: baseSlug(in.Article), file: fileSlug(in.Article.File), features: in.Features}
	p.path = expandPermalink(s.Config.Permalinks.Article, p.base, p.file, in.Article.Date)
	p.countries = countryRefs(gaz, in, &p.warnings)
	p.orgs = orgRefs(gaz, in, &p.warnings)
	return p
}
