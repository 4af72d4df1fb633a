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
	for _, theme := range []string{"default", "situation"} {
		t.Run(theme, func(t *testing.T) {
			src := filepath.Join(t.TempDir(), "site")
			must(t, os.CopyFS(src, os.DirFS("testdata/sites/basic")))
			cfg, err := os.ReadFile(filepath.Join(src, pipeline.ConfigFile))
			must(t, err)
			must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), append(cfg, "theme = \""+theme+"\"\n"...), 0o644))
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
			if len(written) < 3*(1+1+6+4) {
				t.Fatalf("the build wrote %d feed files, want those of the site, the digests, 6 countries and 4 organisations", len(written))
			}
			if !slices.Equal(listed, written) {
				t.Errorf("/feeds/ links\n%v\nthe build wrote\n%v", listed, written)
			}

			for _, p := range []struct{ page, feeds string }{
				{"index.html", ""},
				{"countries/japan/index.html", "countries/japan/"},
				{"organisations/asean/index.html", "organisations/asean/"},
				{"digests/index.html", "digests/"},
			} {
				html := readFile(t, filepath.Join(dest, filepath.FromSlash(p.page)))
				sub := section(html, `<section class="subscribe"`)
				if sub == "" {
					t.Errorf("%s: no subscribe section", p.page)
					continue
				}
				for _, f := range []string{site.AtomFile, site.RSSFile, site.JSONFile} {
					href := `href="` + base + p.feeds + f + `"`
					shown := `<code class="feed-url">https://example.org` + base + p.feeds + f + `</code>`
					if !strings.Contains(sub, href) || !strings.Contains(sub, shown) {
						t.Errorf("%s: subscribe section lacks %s or its address shown in full:\n%s", p.page, href, sub)
					}
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
