package pipeline

import (
	"sync"

	"github.com/attache/attache/generator/feed"
	"github.com/attache/attache/generator/i18n"
	"github.com/attache/attache/generator/internal/mix"
	"github.com/attache/attache/generator/site"
)

// feedOutputs lists what feed.Files makes — the feeds in their formats,
// sitemap.xml and robots.txt — but encodes each feed only when it is
// written, so that an incremental build encodes just the feeds whose
// articles changed (TestFeedOutputsMatchFiles keeps the two in step).
func feedOutputs(s *site.Site, pages []*site.Page, tr *i18n.Table) []Output {
	// Each feed is made once, for all its formats, and only if one of
	// them is written.
	set := feed.NewSet(s, feed.WithStrings(tr))
	var mu sync.Mutex
	made := map[string]func() (feed.Feed, error){}
	load := func(dir string) (feed.Feed, error) {
		mu.Lock()
		f := made[dir]
		if f == nil {
			f = sync.OnceValues(func() (feed.Feed, error) { return set.Feed(dir) })
			made[dir] = f
		}
		mu.Unlock()
		return f()
	}
	n := s.Config.Feeds.Items
	sm := feed.NewSitemap(s, pages)
	files := sm.Files()
	// The formats of the site's, each entity's and list's and the
	// digests' feeds, robots.txt and the sitemap's files.
	feeds := 2*len(s.FeedFormats("/")) + (len(s.Countries)+len(s.Organisations)+len(s.Lists().All()))*len(s.Config.Feeds.ListFormats)
	outs := make([]Output, 0, feeds+1+len(files))
	add := func(dir string, sign func() uint64) {
		for _, format := range s.FeedFormats(dir) {
			outs = append(outs, Output{name: dir + format.File, sign: sign, readsBodies: true, render: func() ([]byte, error) {
				f, err := load(dir)
				if err != nil {
					return nil, ContentError(err)
				}
				return feed.Encode(format, f)
			}})
		}
	}
	add("/", func() uint64 { return site.ArticlesSignature(s.Articles[:min(n, len(s.Articles))]) })
	for _, group := range [][]*site.Entity{s.Countries, s.Organisations} {
		for _, e := range group {
			add(e.Path, func() uint64 { return site.ArticlesSignature(e.Articles[:min(n, len(e.Articles))]) })
		}
	}
	listFeeds(s, n, add)
	add(site.DigestsPath, func() uint64 {
		ds, _ := s.Digests(site.PeriodKind(s.Config.Digests.Period), site.DigestFilter{})
		return site.DigestsSignature(ds[:min(n, len(ds))])
	})
	outs = append(outs, Output{name: "/robots.txt", sign: func() uint64 { return 1 }, render: func() ([]byte, error) { return feed.Robots(s), nil }})
	for _, name := range files {
		outs = append(outs, Output{name: name,
			sign:   func() uint64 { return sm.Signature(name) },
			render: func() ([]byte, error) { return sm.Render(name) }})
	}
	return outs
}

// listFeeds adds the feeds of the regions, relations and tags, each signed
// by its name and its newest n stories.
func listFeeds(s *site.Site, n int, add func(dir string, sign func() uint64)) {
	for _, l := range s.Lists().All() {
		add(l.Path, func() uint64 {
			var h mix.Hash
			h.Str(l.Name)
			h.U64(site.ArticlesSignature(l.Articles[:min(n, len(l.Articles))]))
			return h.Sum()
		})
	}
}
