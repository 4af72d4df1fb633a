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
	title := b.s.Config.Title
	out := []FeedSet{
		{Kind: "site", Name: title, Label: title, Path: "/", Feeds: feedLinks(title, "/")},
		{Kind: "digests", Name: "Digests", Label: "Digests", Path: site.DigestsPath, Feeds: feedLinks(title+": digests", site.DigestsPath)},
	}
	for _, group := range [][]*site.Entity{b.s.Countries, b.s.Organisations} {
		for _, e := range group {
			n := b.namedOf(e)
			out = append(out, FeedSet{Kind: n.Kind, Name: n.Name, Label: n.Label, Path: n.Path, Feeds: feedLinks(title+": "+n.Name, n.Path)})
		}
	}
	for _, l := range b.s.Lists().All() {
		out = append(out, FeedSet{Kind: string(l.Kind), Name: l.Name, Label: l.Name, Path: l.Path, Feeds: feedLinks(title+": "+l.Name, l.Path)})
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
