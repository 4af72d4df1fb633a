package build

import (
	"context"
	"fmt"
	"github.com/attache/attache/generator/pipeline"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// searchFiles bounds the search index's files a story changes on this
// small site: the manifest, the chunks of its words, the pair table and
// a pair chunk, its record and facet shards (see generator/search).
const searchFiles = 8

// workStep is one edit of TestEditsRenderWhatTheyShow.
type workStep struct {
	name string
	// edit changes the site and returns the file it changed.
	edit func(t *testing.T, src string) string
	// maxRendered bounds the files rendered; minRendered is what a
	// layout reading site-wide data must cost.
	maxRendered, minRendered int
	// maxViewed bounds the pages whose views are made rather than kept:
	// those of the pages the edit changes, and of the pages made every
	// build, which are no list's months nor any story's (home, archive
	// years, front pages of entities and lists, digests, feeds), 368
	// pages in all here.
	maxViewed int
}

// TestEditsRenderWhatTheyShow checks how much an incremental build
// renders for typical edits, so that a regression to "re-render
// everything" fails, and that a site whose own layouts read site-wide data
// gets those pages re-rendered too: after every step the output is a clean
// build's.
func TestEditsRenderWhatTheyShow(t *testing.T) {
	newStory := func(file, date string, countries ...string) func(t *testing.T, src string) string {
		return func(t *testing.T, src string) string {
			p := filepath.Join(src, "content", "2024", file)
			must(t, os.WriteFile(p, fmt.Appendf(nil, "+++\ntitle = \"New story %s\"\ndate = %s\n+++\n\nMinisters of %s met. %s said the talks went well.\n",
				file, date, countries[0], countries[len(countries)-1]), 0o644))
			return p
		}
	}
	editBody := func(file string) func(t *testing.T, src string) string {
		return func(t *testing.T, src string) string {
			p := filepath.Join(src, "content", "2024", file)
			old, err := os.ReadFile(p)
			must(t, err)
			must(t, os.WriteFile(p, append(old, "A correction was added.\n"...), 0o644))
			return p
		}
	}
	tests := []struct {
		name string
		// layout, if set, replaces the default theme's article layout.
		layout string
		steps  []workStep
	}{
		{
			name: "bundled layouts",
			steps: []workStep{
				// Its page and its older neighbour's; the home page, the
				// archive's index, year and month; each country's front
				// and month page; the country list; the week's digest,
				// the digest list and the week before (its Next link);
				// the feeds of the site, each country and the digests;
				// the sitemap; the front and month pages and the feeds of
				// the regions and subregions of its countries (Asia,
				// Eastern and South-Eastern Asia; Africa, Eastern Africa),
				// of the pair with a page, and the regions page.
				{name: "a new story, the newest", edit: newStory("n1.md", "2025-06-02", "Laos", "Japan"), maxRendered: 56 + searchFiles, maxViewed: 58},
				// The same, and the first new story's page, whose
				// related briefings now list this one (same week, a
				// shared word); lists showing that story re-render too,
				// as its view changed, though their bytes do not: its
				// countries', regions' and pair's pages among them.
				{name: "another new story the same week", edit: newStory("n2.md", "2025-06-03", "Kenya"), maxRendered: 50 + searchFiles, maxViewed: 60},
				// Its page and its neighbours', and the lists and feeds
				// that show it (lists re-render, as an article's view
				// holds its body, but their bytes stay), its regions',
				// pair's and tag's among them: not the pages of the
				// countries' other months.
				{name: "an old story's body edited", edit: editBody("a010.md"), maxRendered: 42 + searchFiles, maxViewed: 54},
			},
		},
		{
			name:   "a layout counting every story on every article page",
			layout: `{{define "main"}}<h1>{{.Article.Title}}</h1><p>{{len .Site.Articles}} stories; {{range .Article.Countries}}{{.Name}} {{end}}</p>{{end}}`,
			steps: []workStep{
				{name: "a new story re-renders every article page", edit: newStory("n1.md", "2025-06-02", "Laos"), minRendered: 61},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(21, 8))
			src := writeFixture(t, rng, 60)
			if tt.layout != "" {
				p := filepath.Join(src, "templates", "default", "layouts", "article.html")
				must(t, os.MkdirAll(filepath.Dir(p), 0o755))
				must(t, os.WriteFile(p, []byte(tt.layout), 0o644))
			}
			dest := filepath.Join(t.TempDir(), "public")
			b := NewBuilder(pipeline.Options{Source: src, Destination: dest})
			if _, err := b.Update(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			for _, st := range tt.steps {
				changed := st.edit(t, src)
				r, err := b.Update(context.Background(), []string{changed})
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s: rendered %d, wrote %d of %d files, made %d views", st.name, r.Rendered, r.Written, r.Stats.Pages, r.Viewed)
				if st.maxRendered > 0 && r.Rendered > st.maxRendered {
					t.Errorf("%s: rendered %d files, want at most %d", st.name, r.Rendered, st.maxRendered)
				}
				if st.maxViewed > 0 && r.Viewed > st.maxViewed {
					t.Errorf("%s: made the views of %d pages, want at most %d", st.name, r.Viewed, st.maxViewed)
				}
				if r.Rendered < st.minRendered {
					t.Errorf("%s: rendered %d files, want at least %d: pages reading site-wide data went stale", st.name, r.Rendered, st.minRendered)
				}
				sameTree(t, st.name, dest, cleanBuild(t, src))
			}
		})
	}
}
