package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"github.com/attache/attache/generator/buildcache"
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
	// disk keeps the analyses between processes, beside the build cache;
	// opened tells that it was looked for, changed that kept differs
	// from what it holds.
	disk    *buildcache.Side
	opened  bool
	changed bool
	// indexDisk keeps index's state between processes (search.Cache's
	// EncodeState), so that a new process appends a new story instead of
	// building the index again; lastKeys name last's stories, and
	// indexChanged tells that index differs from what the file holds.
	indexDisk    *buildcache.Side
	lastKeys     []string
	indexChanged bool
}

// searchFile is the name of the analyses' file in the build cache folder,
// and searchIndexFile that of the index's state.
const (
	searchFile      = "search.bin"
	searchIndexFile = "search-index.bin"
)

// keyString names a kept analysis in the index's state.
func (k searchKey) String() string { return k.path + "\x00" + strconv.FormatUint(k.version, 10) }

// load reads the analyses a build of another process kept, once, if the
// project keeps a build cache: a missing, damaged or foreign file is no
// file, and every story is analysed again.
func (c *searchCache) load(p *Project) {
	if c.opened {
		return
	}
	c.opened = true
	if p.Options.CacheDir == "" {
		return
	}
	f := buildcache.Open(p.Cache())
	if f == nil {
		return
	}
	c.disk, c.indexDisk = f.Side(searchFile), f.Side(searchIndexFile)
	data := c.disk.Load()
	if data == nil {
		return
	}
	kept, err := c.an.DecodeKept(data)
	if err != nil {
		p.Options.Logger.Warn("search cache: " + err.Error())
		return
	}
	c.kept = make(map[searchKey]*search.Analysis, len(kept))
	byKey := make(map[string]*search.Analysis, len(kept))
	for _, k := range kept {
		key := searchKey{k.Path, k.Version}
		c.kept[key] = k.Analysis
		byKey[key.String()] = k.Analysis
	}
	c.loadIndex(p, byKey)
}

// loadIndex restores the index a build of another process kept, whose
// stories are among the kept analyses: a missing, damaged or foreign
// state, or one of other stories, is none, and the index is built again.
func (c *searchCache) loadIndex(p *Project, byKey map[string]*search.Analysis) {
	if c.indexDisk == nil {
		return
	}
	data := c.indexDisk.Load()
	if data == nil {
		return
	}
	index, err := search.RestoreCache(c.an, data, func(key string) *search.Analysis { return byKey[key] })
	if err != nil {
		p.Options.Logger.Warn(err.Error())
		return
	}
	c.index = *index
}

// SaveSearch writes the search index's analyses beside the build cache,
// where the next build's process reads them instead of analysing every
// story again. A build calls it once it has succeeded; it does nothing
// when the analyses are those the file holds, or without a build cache.
func (p *Project) SaveSearch() error {
	c := p.search
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.indexDisk != nil && c.indexChanged {
		if state := c.index.EncodeState(c.lastKeys); state != nil {
			if err := c.indexDisk.Save(state); err != nil {
				return err
			}
		}
		c.indexChanged = false
	}
	if c.disk == nil || !c.changed {
		return nil
	}
	kept := make([]search.Kept, 0, len(c.kept))
	for k, a := range c.kept {
		kept = append(kept, search.Kept{Path: k.path, Version: k.version, Analysis: a})
	}
	slices.SortFunc(kept, func(x, y search.Kept) int {
		return cmp.Or(strings.Compare(x.Path, y.Path), cmp.Compare(x.Version, y.Version))
	})
	if err := c.disk.Save(c.an.EncodeKept(kept)); err != nil {
		return err
	}
	c.changed = false
	return nil
}

type searchKey struct {
	path    string
	version uint64
}

// searchOutputs lists the files of the search index (see package search):
// each named by a hash of its bytes but the manifest, and signed with it,
// so that a new story rewrites the chunks of its terms, the last shards
// and the manifest, and nothing else.
func searchOutputs(p *Project, s *site.Site, workers int) ([]Output, error) {
	if !s.Config.Search.Enabled {
		return nil, nil
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
	c.load(p)
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
	for _, i := range todo {
		c.changed = c.changed || arts[i].Version != 0
	}
	errs := make([]error, len(todo))
	parallel.Do(context.Background(), len(todo), workers, func(j int) {
		i := todo[j]
		var d search.Doc
		if d, errs[j] = searchDoc(arts[i]); errs[j] == nil {
			analyses[i] = c.an.Analyse(d)
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	kept := make(map[searchKey]*search.Analysis, len(arts))
	for i, a := range arts {
		if a.Version != 0 {
			kept[searchKey{a.Path, a.Version}] = analyses[i]
		}
	}
	// A story gone changes the kept set too.
	c.changed = c.changed || len(kept) != len(c.kept)
	c.kept = kept
	var files []search.File
	if len(c.kept) == 0 {
		// Stories without versions (a one-shot build without a build
		// cache) are analysed afresh by any next build: keeping their
		// analyses and index would only hold memory while pages render.
		files, c.last, c.files, c.index = search.Build(c.an, analyses), nil, nil, search.Cache{}
	} else {
		if !slices.Equal(analyses, c.last) {
			c.last, c.files = analyses, c.index.Build(c.an, analyses)
			c.lastKeys = make([]string, len(arts))
			for i, a := range arts {
				c.lastKeys[i] = searchKey{a.Path, a.Version}.String()
			}
			c.indexChanged = true
		}
		files = c.files
	}
	outs := make([]Output, len(files))
	// Only an index restored from another process lacks bytes; otherwise
	// the analyses are not held while the pages render.
	var clean func(name string) ([]byte, error)
	if slices.ContainsFunc(files, func(f search.File) bool { return f.Data == nil }) {
		clean = cleanIndex(c.an, analyses)
	}
	for i, f := range files {
		outs[i] = Output{name: f.Name, source: "the search index", holdsBytes: true,
			sign: func() uint64 { return f.Sign },
			render: func() ([]byte, error) {
				if f.Data != nil {
					return f.Data, nil
				}
				return clean(f.Name)
			}}
	}
	return outs, nil
}

// cleanIndex returns the bytes of an index file by its name, from a clean
// build of the index made on first use. An index restored from another
// process lists its unchanged files without their bytes, which the
// output holds: a build writes one again only when the output lacks it
// (another destination, a file removed), and a clean build's file of the
// same name has the same bytes.
func cleanIndex(an *search.Analyser, analyses []*search.Analysis) func(name string) ([]byte, error) {
	var once sync.Once
	var files map[string][]byte
	return func(name string) ([]byte, error) {
		once.Do(func() {
			files = map[string][]byte{}
			for _, f := range search.Build(an, analyses) {
				files[f.Name] = f.Data
			}
		})
		data, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("search index: no file %s in a clean build", name)
		}
		return data, nil
	}
}

// searchDoc is what the index reads of a story.
func searchDoc(a *site.Article) (search.Doc, error) {
	body, err := a.Parsed.Body.HTML()
	if err != nil {
		return search.Doc{}, fmt.Errorf("%s: %w", a.Parsed.File, err)
	}
	d := search.Doc{Path: a.Path, Title: a.Parsed.Title, Lede: a.Parsed.Lede, Body: plainText(string(body)),
		Date: a.Date, Source: a.Parsed.Source, Dateline: a.Parsed.Dateline}
	for _, r := range a.Countries {
		v := search.Value{Slug: r.Entity.Slug, Name: r.Entity.Name, Path: r.Entity.Path}
		if r.Entity.Country != nil {
			v.Region = r.Entity.Country.Region
		}
		d.Countries = append(d.Countries, v)
	}
	for _, r := range a.Organisations {
		d.Organisations = append(d.Organisations, search.Value{Slug: r.Entity.Slug, Name: r.Entity.Label(), Path: r.Entity.Path})
	}
	return d, nil
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
