// Package feed writes a site's syndication and hosting files: Atom 1.0,
// RSS 2.0 and JSON Feed 1.1 feeds for the whole site, every country, every
// organisation and the digests, plus sitemap.xml and robots.txt.
//
// Every URL in these files is absolute: feed readers and crawlers fetch
// them out of context.
package feed

import (
	"bytes"
	"cmp"
	"fmt"
	"sync"
	"time"

	"github.com/attache/attache/generator/i18n"
	"github.com/attache/attache/generator/site"
)

// Generator names attache in the feeds it writes.
const Generator = "attache"

// Feed is one feed, with every URL already absolute.
type Feed struct {
	Title       string
	Description string
	Language    string
	// Author is the feed's publisher, the site's title.
	Author string
	// Link is the HTML page the feed follows; Dir the folder URL its files
	// are published in, ending in a slash.
	Link, Dir string
	// Updated is when the newest item was published.
	Updated time.Time
	Items   []Item
}

// Item is one entry of a feed.
type Item struct {
	// URL is the item's page; it doubles as its permanent id.
	URL     string
	Title   string
	Summary string
	// ContentHTML is the item's full text as HTML, if any.
	ContentHTML string
	Published   time.Time
	// Author is the agency or outlet, if known.
	Author     string
	Categories []string

	// encoded caches the item's entry in each format when the same
	// article is an item of many feeds.
	encoded *encodedContent
}

// text is the item's plain text for a format that needs one when there is
// no HTML content: its summary, else its title.
func (it Item) text() string { return cmp.Or(it.Summary, it.Title) }

// File is a generated file and the URL path it is published at.
type File struct {
	Path string
	Data []byte
}

// Option configures a Set.
type Option func(*Set)

// WithStrings sets the language of the words the feeds write themselves —
// descriptions, the digests' titles, headings and dates — to the site's
// (see render.Renderer.Strings). The default is English.
func WithStrings(tr *i18n.Table) Option { return func(set *Set) { set.words = NewWords(tr) } }

// Feeds returns every feed of the site: the site's own first, then each
// country's and organisation's, then the digests'.
func Feeds(s *site.Site, opts ...Option) ([]Feed, error) {
	set := NewSet(s, opts...)
	var feeds []Feed
	for _, dir := range set.Dirs() {
		f, err := set.Feed(dir)
		if err != nil {
			return nil, err
		}
		feeds = append(feeds, f)
	}
	return feeds, nil
}

// Set makes the feeds of a site one at a time, as they are asked for: an
// incremental build writes the feeds of a new story's entities, not the
// hundreds of others. Articles' encoded entries are shared by every feed
// of the set that carries them. A Set is safe for concurrent use.
type Set struct {
	s       *site.Site
	words   *Words
	mu      sync.Mutex
	encoded map[*site.Article]*encodedContent
	byDir   map[string]*site.Entity
	lists   map[string]*site.List
}

// NewSet returns the feeds of s.
func NewSet(s *site.Site, opts ...Option) *Set {
	set := &Set{s: s, encoded: map[*site.Article]*encodedContent{}, byDir: map[string]*site.Entity{}, lists: map[string]*site.List{}}
	for _, o := range opts {
		o(set)
	}
	if set.words == nil {
		set.words = NewWords(nil)
	}
	for _, l := range s.Lists().All() {
		set.lists[l.Path] = l
	}
	for _, group := range [][]*site.Entity{s.Countries, s.Organisations} {
		for _, e := range group {
			set.byDir[e.Path] = e
		}
	}
	return set
}

// Dirs lists the folders of the site's feeds, as URL paths: the site's
// own first, then each country's and organisation's, then the digests'.
func (set *Set) Dirs() []string {
	dirs := []string{"/"}
	for _, group := range [][]*site.Entity{set.s.Countries, set.s.Organisations} {
		for _, e := range group {
			dirs = append(dirs, e.Path)
		}
	}
	for _, l := range set.s.Lists().All() {
		dirs = append(dirs, l.Path)
	}
	return append(dirs, site.DigestsPath)
}

// Feed returns the feed published in dir, a URL path from Dirs.
func (set *Set) Feed(dir string) (Feed, error) {
	s := set.s
	n := s.Config.Feeds.Items
	switch e := set.byDir[dir]; {
	case dir == "/":
		return set.articleFeed(s.Config.Title, s.Config.Description, "/", s.Articles[:min(n, len(s.Articles))])
	case e != nil:
		return set.articleFeed(set.words.Title(s.Config, string(e.Kind), e.Name), set.describe(e.Name), e.Path, e.Articles[:min(n, len(e.Articles))])
	case set.lists[dir] != nil:
		l := set.lists[dir]
		name := l.Name
		if l.Kind == site.RegionList {
			name = set.words.Region(name)
		}
		return set.articleFeed(set.words.Title(s.Config, string(l.Kind), l.Name), set.describe(name), l.Path, l.Articles[:min(n, len(l.Articles))])
	case dir == site.DigestsPath:
		digests, err := s.Digests(site.PeriodKind(s.Config.Digests.Period), site.DigestFilter{})
		if err != nil {
			return Feed{}, err
		}
		return set.digestFeed(digests[:min(n, len(digests))])
	}
	return Feed{}, fmt.Errorf("no feed in %s", dir)
}

// articleFeed makes a feed of articles, encoding each article's content
// once for the whole set.
func (set *Set) articleFeed(title, desc, dir string, articles []*site.Article) (Feed, error) {
	encoded := make(map[*site.Article]*encodedContent, len(articles))
	set.mu.Lock()
	defer set.mu.Unlock()
	for _, a := range articles {
		enc := set.encoded[a]
		if enc == nil {
			html, err := entryContent(set.s, a)
			if err != nil {
				return Feed{}, err
			}
			enc = &encodedContent{html: html}
			set.encoded[a] = enc
		}
		encoded[a] = enc
	}
	return articleFeed(set.s, encoded, title, desc, dir, articles), nil
}

// articleFeed makes the feed of articles; encoded shares each article's
// encoded entries among all the feeds that carry it.
func articleFeed(s *site.Site, encoded map[*site.Article]*encodedContent, title, desc, dir string, articles []*site.Article) Feed {
	f := Feed{Title: title, Description: desc, Language: s.Config.Language, Author: s.Config.Title,
		Link: s.AbsURL(dir), Dir: s.AbsURL(dir)}
	for _, a := range articles {
		enc := encoded[a]
		it := Item{URL: s.AbsURL(a.Path), Title: a.Parsed.Title, Summary: a.Summary(), ContentHTML: enc.html,
			Published: a.Date, Author: a.Parsed.Source, encoded: enc}
		for _, r := range a.Countries {
			if r.Primary {
				it.Categories = append(it.Categories, r.Entity.Name)
			}
		}
		for _, r := range a.Organisations {
			if r.Primary {
				it.Categories = append(it.Categories, r.Entity.Label())
			}
		}
		f.Items = append(f.Items, it)
	}
	f.Updated = updated(f.Items)
	return f
}

// describe is the description of the feed of the stories on name.
func (set *Set) describe(name string) string {
	return set.words.String("feed_description", name, set.s.Config.Title)
}

func (set *Set) digestFeed(digests []*site.Digest) (Feed, error) {
	s := set.s
	w := set.words
	f := Feed{Title: w.Title(s.Config, "digests", ""), Description: w.String("feed_digests_description", s.Config.Title),
		Language: s.Config.Language, Author: s.Config.Title, Link: s.AbsURL(site.DigestsPath), Dir: s.AbsURL(site.DigestsPath)}
	words := digestWords{seeAlso: w.String("see_also"), region: w.Region,
		under: func(name string) string { return w.String("under", name) }}
	count := w.table("n_briefings")
	for _, d := range digests {
		var b bytes.Buffer
		writeDigest(&b, d, s.AbsURL, words)
		title := w.Period(string(d.Period.Kind), d.Period.Start, d.Period.Last())
		n, err := count.Plural("n_briefings", len(d.Articles))
		if err != nil {
			return Feed{}, err
		}
		last := d.Articles[len(d.Articles)-1].Date
		f.Items = append(f.Items, Item{URL: s.AbsURL(d.Path), Title: title,
			Summary:     n + ", " + w.tr.Span(d.Period.Start, d.Period.Last()) + ".",
			ContentHTML: b.String(), Published: last})
	}
	f.Updated = updated(f.Items)
	return f, nil
}

// epoch stands in for the date of an empty feed, so that builds of the same
// content are byte-identical.
var epoch = time.Unix(0, 0).UTC()

func updated(items []Item) time.Time {
	t := epoch
	for _, it := range items {
		if it.Published.After(t) {
			t = it.Published
		}
	}
	return t
}

// Files returns every feed in each of its formats, sitemap.xml and
// robots.txt, ready to write.
func Files(s *site.Site, opts ...Option) ([]File, error) {
	feeds, err := Feeds(s, opts...)
	if err != nil {
		return nil, err
	}
	var files []File
	for _, f := range feeds {
		dir := dirPath(s, f.Dir)
		for _, format := range s.FeedFormats(dir) {
			data, err := Encode(format, f)
			if err != nil {
				return nil, fmt.Errorf("feed %s%s: %w", dir, format.File, err)
			}
			files = append(files, File{Path: dir + format.File, Data: data})
		}
	}
	files = append(files, File{Path: "/robots.txt", Data: Robots(s)})
	m := NewSitemap(s, s.Pages())
	for _, path := range m.Files() {
		data, err := m.Render(path)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: path, Data: data})
	}
	return files, nil
}

// Encode encodes f in format.
func Encode(format site.FeedFormat, f Feed) ([]byte, error) {
	switch format.File {
	case site.AtomFile:
		return Atom(f)
	case site.RSSFile:
		return RSS(f)
	case site.JSONFile:
		return JSON(f)
	}
	return nil, fmt.Errorf("unknown feed format %q", format.Name)
}

// dirPath turns a feed's absolute folder URL back into a site path.
func dirPath(s *site.Site, abs string) string {
	root := s.AbsURL("/")
	return "/" + abs[len(root):]
}
