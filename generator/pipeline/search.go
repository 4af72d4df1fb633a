package pipeline

import (
	"context"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"github.com/attache/attache/generator/internal/parallel"
	"github.com/attache/attache/generator/search"
	"github.com/attache/attache/generator/site"
)

// searchCache keeps each story's analysis for the search index from one
// build to the next, by path and content version, so that a build
// analyses only the stories that changed.
type searchCache struct {
	mu   sync.Mutex
	an   *search.Analyser
	kept map[searchKey]*search.Analysis
	// last and files are the previous build's analyses, in order, and the
	// index made of them: a build whose stories are all unchanged (an
	// edited layout, a page's data) reuses it.
	last  []*search.Analysis
	files []search.File
	// index keeps the encoded chunks of the last index.
	index search.Cache
}

type searchKey struct {
	path    string
	version uint64
}

// searchOutputs lists the files of the search index (see package search):
// each named by a hash of its bytes but the manifest, and signed with it,
// so that a new story rewrites the chunks of its terms, the last shards
// and the manifest, and nothing else.
func searchOutputs(p *Project, s *site.Site, workers int) []Output {
	if !s.Config.Search.Enabled {
		return nil
	}
	c := p.search
	if c == nil {
		c = new(searchCache) // a Project not made by Load keeps nothing
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.an == nil {
		c.an = search.NewAnalyser()
	}
	// Oldest first, so that the newest story takes the last number.
	arts := slices.Clone(s.Articles)
	slices.Reverse(arts)
	analyses := make([]*search.Analysis, len(arts))
	var todo []int
	for i, a := range arts {
		if kept := c.kept[searchKey{a.Path, a.Version}]; kept != nil && a.Version != 0 {
			analyses[i] = kept
		} else {
			todo = append(todo, i)
		}
	}
	parallel.Do(context.Background(), len(todo), workers, func(j int) {
		i := todo[j]
		analyses[i] = c.an.Analyse(searchDoc(arts[i]))
	})
	c.kept = make(map[searchKey]*search.Analysis, len(arts))
	for i, a := range arts {
		if a.Version != 0 {
			c.kept[searchKey{a.Path, a.Version}] = analyses[i]
		}
	}
	if !slices.Equal(analyses, c.last) {
		c.last, c.files = analyses, c.index.Build(c.an, analyses)
	}
	files := c.files
	outs := make([]Output, len(files))
	for i, f := range files {
		outs[i] = Output{name: f.Name, source: "the search index",
			sign:   func() uint64 { return f.Sign },
			render: func() ([]byte, error) { return f.Data, nil }}
	}
	return outs
}

// searchDoc is what the index reads of a story.
func searchDoc(a *site.Article) search.Doc {
	d := search.Doc{Path: a.Path, Title: a.Title, Lede: a.Lede, Body: plainText(string(a.Body)),
		Date: a.Date, Source: a.Source, Dateline: a.Dateline}
	for _, r := range a.Countries {
		v := search.Value{Slug: r.Slug, Name: r.Name, Path: r.Path}
		if r.Entity.Country != nil {
			v.Region = r.Entity.Country.Region
		}
		d.Countries = append(d.Countries, v)
	}
	for _, r := range a.Organisations {
		d.Organisations = append(d.Organisations, search.Value{Slug: r.Slug, Name: r.Label(), Path: r.Path})
	}
	return d
}

// plainText returns the text of a body's HTML, paragraphs apart.
func plainText(body string) string {
	var b strings.Builder
	b.Grow(len(body)) // the text is shorter than its HTML: one allocation
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}
