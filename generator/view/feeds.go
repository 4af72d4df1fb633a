package view

import "github.com/attache/attache/generator/site"

// FeedSet is the feeds of one list of stories, one per format.
type FeedSet struct {
	// Kind is "site", "digests", "country", "organisation", "region",
	// "relation" or "tag".
	Kind string
	// Name says whose stories the feeds carry: the site's title,
	// "Digests", an entity's name; Label is an organisation's acronym
	// where it has one, else Name.
	Name, Label string
	// Path is the URL path of the page listing the same stories.
	Path  string
	Feeds []FeedLink
}

// feedSets lists every feed the site writes. It names entities without
// their counts, so that the feeds page changes only when an entity appears
// or goes away, not with every story.
func (b *pageMaker) feedSets() []FeedSet {
	cfg := b.s.Config
	title := cfg.Title
	var out []FeedSet
	add := func(set FeedSet, name string) {
		if set.Feeds = feedLinks(cfg, set.Kind, name, set.Path); len(set.Feeds) > 0 {
			out = append(out, set)
		}
	}
	add(FeedSet{Kind: "site", Name: title, Label: title, Path: "/"}, title)
	add(FeedSet{Kind: "digests", Name: "Digests", Label: "Digests", Path: site.DigestsPath}, "")
	if len(cfg.Feeds.ListFormats) == 0 {
		return out
	}
	for _, group := range [][]*site.Entity{b.s.Countries, b.s.Organisations} {
		for _, e := range group {
			n := b.namedOf(e)
			add(FeedSet{Kind: n.Kind, Name: n.Name, Label: n.Label, Path: n.Path}, n.Name)
		}
	}
	for _, l := range b.s.Lists().All() {
		add(FeedSet{Kind: string(l.Kind), Name: l.Name, Label: l.Name, Path: l.Path}, l.Name)
	}
	return out
}

// FeedSetsOf returns the feed sets of one kind, on the feeds page:
// "country", "organisation".
func (p *Page) FeedSetsOf(kind string) []FeedSet {
	var out []FeedSet
	for _, s := range p.FeedSets {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}
