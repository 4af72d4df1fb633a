package build

import (
	"context"
	"github.com/attache/attache/generator/pipeline"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/attache/attache/generator/site"
)

// TestFeedsPageListsEveryFeed builds the fixture site with each bundled
// theme and checks that /feeds/ links every feed file the build wrote,
// and nothing else ending in a feed's name; that each entity's front
// page, the home page and the digest pages offer their own feeds with
// the address shown in full; and that the footer links /feeds/.
func TestFeedsPageListsEveryFeed(t *testing.T) {
	for _, tc := range []struct {
		name, theme string
		// feeds is the [feeds] table, formats and lists what it publishes.
		feeds          string
		formats, lists []string
	}{
		{"default", "default", "", []string{site.AtomFile, site.RSSFile, site.JSONFile}, []string{site.RSSFile}},
		{"situation", "situation", "", []string{site.AtomFile, site.RSSFile, site.JSONFile}, []string{site.RSSFile}},
		{"formats", "default", "[feeds]\nformats = [\"json\", \"atom\"]\nlistFormats = [\"atom\", \"rss\", \"json\"]\n",
			[]string{site.JSONFile, site.AtomFile}, []string{site.AtomFile, site.RSSFile, site.JSONFile}},
		{"no list feeds", "default", "[feeds]\nlistFormats = []\n", []string{site.AtomFile, site.RSSFile, site.JSONFile}, nil},
		{"no feeds", "default", "[feeds]\nformats = []\nlistFormats = []\n", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := filepath.Join(t.TempDir(), "site")
			must(t, os.CopyFS(src, os.DirFS("testdata/sites/basic")))
			cfg, err := os.ReadFile(filepath.Join(src, pipeline.ConfigFile))
			must(t, err)
			cfg = append([]byte("theme = \""+tc.theme+"\"\n"), cfg...)
			must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), append(cfg, tc.feeds...), 0o644))
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := Run(context.Background(), pipeline.Options{Source: src, Destination: dest}); err != nil {
				t.Fatal(err)
			}
			const base = "/briefings/" // the fixture's baseURL path

			var written []string
			must(t, fs.WalkDir(os.DirFS(dest), ".", func(p string, d fs.DirEntry, err error) error {
				if err == nil && isFeedFile(path.Base(p)) {
					written = append(written, base+p)
				}
				return err
			}))
			// The page's own links, not the head's autodiscovery links.
			page := readFile(t, filepath.Join(dest, "feeds", "index.html"))
			page = page[strings.Index(page, "<main"):strings.Index(page, "</main>")]
			var listed []string
			for _, m := range regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(page, -1) {
				if isFeedFile(path.Base(m[1])) && !slices.Contains(listed, m[1]) {
					listed = append(listed, m[1])
				}
			}
			slices.Sort(written)
			slices.Sort(listed)
			if want := 2*len(tc.formats) + (6+4)*len(tc.lists); len(written) < want {
				t.Fatalf("the build wrote %d feed files, want at least %d: those of the site, the digests, 6 countries and 4 organisations", len(written), want)
			}
			if !slices.Equal(listed, written) {
				t.Errorf("/feeds/ links\n%v\nthe build wrote\n%v", listed, written)
			}
			if none := strings.Contains(page, "This site publishes no feeds."); none != (len(written) == 0) {
				t.Errorf("/feeds/ says it has no feeds: %v, with %d written", none, len(written))
			}

			for _, p := range []struct {
				page, feeds string
				files       []string
			}{
				{"index.html", "", tc.formats},
				{"countries/japan/index.html", "countries/japan/", tc.lists},
				{"organisations/asean/index.html", "organisations/asean/", tc.lists},
				{"digests/index.html", "digests/", tc.formats},
			} {
				html := readFile(t, filepath.Join(dest, filepath.FromSlash(p.page)))
				sub := section(html, `<section class="subscribe"`)
				if len(p.files) == 0 {
					if sub != "" {
						t.Errorf("%s: a subscribe section without feeds:\n%s", p.page, sub)
					}
				} else if sub == "" {
					t.Errorf("%s: no subscribe section", p.page)
				}
				// Each feed is offered once, in the configuration's order.
				var offered []string
				for _, m := range regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(sub, -1) {
					if isFeedFile(path.Base(m[1])) {
						offered = append(offered, m[1])
					}
				}
				var want []string
				for _, f := range p.files {
					want = append(want, base+p.feeds+f)
					shown := `<code class="feed-url">https://example.org` + base + p.feeds + f + `</code>`
					if !strings.Contains(sub, shown) {
						t.Errorf("%s: subscribe section lacks the address of %s shown in full:\n%s", p.page, f, sub)
					}
				}
				if !slices.Equal(offered, want) {
					t.Errorf("%s: subscribe section offers\n%v\nwant\n%v", p.page, offered, want)
				}
				if !strings.Contains(html, `href="`+base+`feeds/"`) {
					t.Errorf("%s: no link to /feeds/", p.page)
				}
			}
		})
	}
}

func isFeedFile(name string) bool {
	return name == site.AtomFile || name == site.RSSFile || name == site.JSONFile
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	must(t, err)
	return string(data)
}

// section returns the element that starts with start, up to its
// </section>.
func section(html, start string) string {
	i := strings.Index(html, start)
	if i < 0 {
		return ""
	}
	end := strings.Index(html[i:], "</section>")
	if end < 0 {
		return ""
	}
	return html[i : i+end]
}

// TestFeedsSpeakTheSiteLanguage builds the fixture site in French: the
// digests' feed and a region's are in French, as its pages are, and the
// search page gives its script the regions' French names.
func TestFeedsSpeakTheSiteLanguage(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	must(t, os.CopyFS(src, os.DirFS("testdata/sites/basic")))
	cfg, err := os.ReadFile(filepath.Join(src, pipeline.ConfigFile))
	must(t, err)
	cfg = append(append([]byte("language = \"fr\"\n"), cfg...), "[search]\nenabled = true\n"...)
	must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), cfg, 0o644))
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), pipeline.Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	for file, words := range map[string][]string{
		"digests/atom.xml":                   {"Synthèses périodiques de", "Semaine 30, 2024", "juillet"},
		"regions/south-eastern-asia/rss.xml": {"Asie du Sud-Est", "Notes sur Asie du Sud-Est de"},
	} {
		feed := readFile(t, filepath.Join(dest, filepath.FromSlash(file)))
		for _, w := range words {
			if !strings.Contains(feed, w) {
				t.Errorf("%s: no %q", file, w)
			}
		}
		for _, w := range []string{"Periodic digests", "Briefings on", "South-Eastern Asia", "See also"} {
			if strings.Contains(feed, w) {
				t.Errorf("%s: English %q left", file, w)
			}
		}
	}
	// The pages announce the feeds by the titles the feeds give
	// themselves.
	for page, title := range map[string]string{
		"digests/index.html":                    ` : synthèses (Atom)"`,
		"regions/south-eastern-asia/index.html": ` : Asie du Sud-Est (RSS)"`,
	} {
		if head := readFile(t, filepath.Join(dest, filepath.FromSlash(page))); !strings.Contains(head, title) {
			t.Errorf("%s: no feed announced as %s", page, title)
		}
	}
	search := readFile(t, filepath.Join(dest, "search", "index.html"))
	if !strings.Contains(search, `data-regions="{`) || !strings.Contains(search, `&#34;South-Eastern Asia&#34;:&#34;Asie du Sud-Est&#34;`) {
		t.Errorf("search page: no French region names for its script:\n%s", section(search, `<div id="search"`))
	}
}
