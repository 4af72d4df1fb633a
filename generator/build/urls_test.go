package build

import (
	"context"
	"github.com/attache/attache/generator/pipeline"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStableURLs builds a wire desk's site whose article URLs follow the
// file name: a corrected headline keeps the URL, and an alias written at
// the old URL of a moved story redirects to it.
func TestStableURLs(t *testing.T) {
	src := t.TempDir()
	must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("baseURL = \"https://example.org/b/\"\n[permalinks]\narticle = \"/:year/:filename/\"\n"), 0o644))
	must(t, os.MkdirAll(filepath.Join(src, "content"), 0o755))
	story := filepath.Join(src, "content", "2024-07-26-xinhua-laos.md")
	write := func(title, aliases string) {
		must(t, os.WriteFile(story, []byte("+++\ntitle = \""+title+"\"\n"+aliases+"+++\n\nMinisters of Laos met.\n"), 0o644))
	}
	write("Laos talks open", "")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), pipeline.Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	page := "2024/xinhua-laos/index.html"
	if !strings.Contains(read(t, dest, page), "Laos talks open") {
		t.Fatalf("no page at %s", page)
	}
	write("Laos talks open in Vientiane", `aliases = ["/articles/2024/07/laos-talks-open/", "/old.html"]`+"\n")
	if _, err := Run(context.Background(), pipeline.Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(read(t, dest, page), "Laos talks open in Vientiane") {
		t.Errorf("the corrected headline moved the page away from %s", page)
	}
	for _, alias := range []string{"articles/2024/07/laos-talks-open/index.html", "old.html"} {
		got := read(t, dest, alias)
		for _, want := range []string{
			`<link rel="canonical" href="https://example.org/b/2024/xinhua-laos/">`,
			`<meta http-equiv="refresh" content="0; url=https://example.org/b/2024/xinhua-laos/">`,
			`<title>Laos talks open in Vientiane</title>`,
		} {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %s:\n%s", alias, want, got)
			}
		}
		if strings.Contains(got, "<script") {
			t.Errorf("%s redirects with a script", alias)
		}
	}
}

// TestOneURLOnePage checks that two outputs at one path fail the build,
// naming both, and leave the output as it was.
func TestOneURLOnePage(t *testing.T) {
	tests := []struct {
		name, config, file, front string
		want                      []string
	}{
		{"an article over the countries page", "[permalinks]\narticle = \"/:slug/\"\n", "a.md", "title = \"Countries\"\n",
			[]string{"two pages at /countries/index.html", "content/a.md", "the countries page"}},
		{"an alias over a country", "", "a.md", "title = \"T\"\naliases = [\"/countries/laos/\"]\n",
			[]string{"two pages at /countries/laos/index.html", "the country LA", "content/a.md (aliases)"}},
		// Tags are user content: a tag's page at another page's URL
		// fails too.
		{"an article over a tag's page", "[permalinks]\narticle = \"/tags/:slug/\"\n", "a.md", "title = \"Energy\"\ntags = [\"ENERGY\"]\n",
			[]string{"two pages at /tags/energy/index.html", "content/a.md", "the tag page"}},
		{"an alias over a region", "", "a.md", "title = \"T\"\naliases = [\"/regions/asia/\"]\n",
			[]string{"two pages at /regions/asia/index.html", "the region page", "content/a.md (aliases)"}},
		// A path that runs through a file of the site.
		{"an alias under the feed", "", "a.md", "title = \"T\"\naliases = [\"/rss.xml/\"]\n",
			[]string{"/rss.xml is a file, the site's rss.xml, and the folder of /rss.xml/index.html, content/a.md (aliases)"}},
	}
	for _, tt := range tests {
		for _, cached := range []bool{false, true} {
			t.Run(tt.name+map[bool]string{true: ", cached"}[cached], func(t *testing.T) {
				src := t.TempDir()
				must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte(tt.config), 0o644))
				must(t, os.MkdirAll(filepath.Join(src, "content"), 0o755))
				must(t, os.WriteFile(filepath.Join(src, "content", "b.md"), []byte("+++\ntitle = \"Laos\"\ndate = 2024-07-25\n+++\nLaos and Laos.\n"), 0o644))
				opts := pipeline.Options{Source: src, Destination: filepath.Join(t.TempDir(), "public")}
				if cached {
					opts.CacheDir = t.TempDir()
				}
				if _, err := Run(context.Background(), opts); err != nil {
					t.Fatal(err)
				}
				before := fullTree(t, opts.Destination)
				must(t, os.WriteFile(filepath.Join(src, "content", tt.file), []byte("+++\ndate = 2024-07-26\n"+tt.front+"+++\nLaos.\n"), 0o644))
				_, err := Run(context.Background(), opts)
				if err == nil {
					t.Fatal("no error for two pages at one path")
				}
				for _, w := range tt.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				if !mapsEqual(before, fullTree(t, opts.Destination)) {
					t.Error("the failed build changed the output")
				}
			})
		}
	}
	t.Run("countries and organisations in one folder", func(t *testing.T) {
		src := t.TempDir()
		must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("[permalinks]\ncountry = \"/e/:slug/\"\norganisation = \"/e/:slug/\"\n"), 0o644))
		must(t, os.MkdirAll(filepath.Join(src, "content"), 0o755))
		_, err := Run(context.Background(), pipeline.Options{Source: src, Destination: filepath.Join(t.TempDir(), "public")})
		if err == nil || !strings.Contains(err.Error(), "two pages at /e/index.html: the countries page and the organisations page") {
			t.Errorf("error = %v, want one naming both list pages", err)
		}
	})
}
