package build

import (
	"bytes"
	"context"
	"fmt"
	"github.com/attache/attache/generator/pipeline"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fixtureCountries feed the generated articles, so that edits move articles
// between entity indexes.
var fixtureCountries = []string{"Laos", "Japan", "China", "Kenya", "Brazil", "France", "Peru"}

// fixtureArticle is a Markdown article about two countries.
func fixtureArticle(rng *rand.Rand, n int) []byte {
	a, b := fixtureCountries[rng.IntN(len(fixtureCountries))], fixtureCountries[rng.IntN(len(fixtureCountries))]
	// Dates span a new year, so that edits move articles between the
	// archive's year pages.
	// Tags by n, not by rng, so that the rest of the fixture stays as it
	// was; two spellings share the tag page /tags/trade-talks/.
	tag := []string{"Mekong", "Trade talks", "trade-talks"}[n%3]
	return fmt.Appendf(nil, "+++\ntitle = \"Talks between %s and %s, round %d\"\ndate = %d-%02d-%02d\ntags = [%q]\n+++\n\nMinisters of %s and %s met for round %d of talks. %s said the talks went well.\n",
		a, b, n, 2023+rng.IntN(2), 1+rng.IntN(3), 1+rng.IntN(28), tag, a, b, n, a)
}

// writeFixture writes a site of n generated articles and returns its folder.
func writeFixture(t *testing.T, rng *rand.Rand, n int) string {
	t.Helper()
	src := t.TempDir()
	must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("title = \"Test\"\nbaseURL = \"https://example.org/b/\"\npaginate = 3\n"), 0o644))
	must(t, os.MkdirAll(filepath.Join(src, "content", "2024"), 0o755))
	for i := range n {
		must(t, os.WriteFile(filepath.Join(src, "content", "2024", fmt.Sprintf("a%03d.md", i)), fixtureArticle(rng, i), 0o644))
	}
	return src
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// fullTree lists every file and folder under dir with the file's bytes.
func fullTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out[rel+"/"] = "dir"
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			out[rel] = "-> " + target
			return err
		}
		b, err := os.ReadFile(p)
		out[rel] = string(b)
		return err
	})
	must(t, err)
	return out
}

// sameTree fails the test if the two folders differ, naming the first few
// differences.
func sameTree(t *testing.T, step string, got, want string) {
	t.Helper()
	g, w := fullTree(t, got), fullTree(t, want)
	var diffs []string
	for name, wb := range w {
		if gb, ok := g[name]; !ok {
			diffs = append(diffs, "missing "+name)
		} else if gb != wb {
			diffs = append(diffs, "differs "+name)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			diffs = append(diffs, "stale "+name)
		}
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		t.Fatalf("%s: incremental output differs from a clean build in %d files: %s", step, len(diffs), strings.Join(diffs[:min(8, len(diffs))], "; "))
	}
}

// TestBuilderMatchesCleanBuild applies random edits — add, edit title, body
// or date, delete, rename, new folder, draft, broken file — and checks after
// every rebuild that the output is exactly a clean build's.
//
// With analyst layouts, the site's own layouts read cross-article and
// site-wide data on every page — counts, related entities, neighbours'
// countries, top lists, every story — and new stories also arrive in date
// order, newest last, as on a desk.
func TestBuilderMatchesCleanBuild(t *testing.T) {
	for _, tc := range []struct {
		seed    uint64
		analyst bool
		// cached Builders save the build cache after every build and
		// are replaced by new ones, started from it, every few steps, as
		// attache watch is when stopped and started again.
		cached bool
	}{{1, false, false}, {2, false, false}, {3, false, false}, {4, true, false}, {5, true, false}, {6, true, true}} {
		seed := tc.seed
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			src := writeFixture(t, rng, 14)
			// Pairs of countries in two stories get pages, so that edits
			// make and drop them.
			must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("title = \"Test\"\nbaseURL = \"https://example.org/b/\"\npaginate = 3\n[relations]\nminStories = 2\n[search]\nenabled = true\n"), 0o644))
			if tc.analyst {
				writeAnalystLayouts(t, src)
			}
			newest := 0
			dest := filepath.Join(t.TempDir(), "public")
			opts := pipeline.Options{Source: src, Destination: dest}
			b := NewBuilder(opts)
			if tc.cached {
				opts.CacheDir = t.TempDir()
				b = NewCachedBuilder(opts)
			}
			defer func() { b.Close() }()
			ctx := context.Background()
			if _, err := b.Update(ctx, nil); err != nil {
				t.Fatal(err)
			}
			b.Save(ctx)
			next := 100
			broken := ""
			for step := range 25 {
				if tc.cached && step%5 == 4 {
					b.Close()
					b = NewCachedBuilder(opts)
				}
				files, _, err := pipeline.ContentFiles(filepath.Join(src, "content"))
				must(t, err)
				pick := func() string { return filepath.Join(src, "content", filepath.FromSlash(files[rng.IntN(len(files))])) }
				var changed []string
				var what string
				switch op := rng.IntN(11); {
				case tc.analyst && op >= 9 && broken == "":
					// The newest story yet, as a desk receives them.
					newest++
					p := filepath.Join(src, "content", "2024", fmt.Sprintf("w%03d.md", next))
					what = "newest " + p
					a, c := fixtureCountries[rng.IntN(len(fixtureCountries))], fixtureCountries[rng.IntN(len(fixtureCountries))]
					must(t, os.WriteFile(p, fmt.Appendf(nil, "+++\ntitle = \"Desk story %d\"\ndate = 2025-05-%02dT%02d:00:00Z\n+++\n\nMinisters of %s and %s met at ASEAN.\n",
						next, 1+newest/24, newest%24, a, c), 0o644))
					changed = []string{p}
				case broken != "":
					what = "fix " + broken
					must(t, os.WriteFile(broken, fixtureArticle(rng, next), 0o644))
					changed, broken = []string{broken}, ""
				case op == 0 || len(files) < 4:
					p := filepath.Join(src, "content", "2024", fmt.Sprintf("n%03d.md", next))
					what = "add " + p
					must(t, os.WriteFile(p, fixtureArticle(rng, next), 0o644))
					changed = []string{p}
				case op == 1:
					p := pick()
					what = "delete " + p
					must(t, os.Remove(p))
					changed = []string{p}
				case op == 2:
					p := pick()
					to := filepath.Join(src, "content", "2024", fmt.Sprintf("r%03d.md", next))
					what = "rename " + p
					must(t, os.Rename(p, to))
					changed = []string{p, to}
				case op == 3:
					dir := filepath.Join(src, "content", fmt.Sprintf("d%03d", next))
					what = "new folder " + dir
					must(t, os.MkdirAll(dir, 0o755))
					for i := range 3 {
						must(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("x%d.md", i)), fixtureArticle(rng, next*10+i), 0o644))
					}
					changed = []string{dir}
				case op == 4:
					p := pick()
					what = "break " + p
					must(t, os.WriteFile(p, []byte("+++\ntitle = \n+++\nbroken\n"), 0o644))
					changed, broken = []string{p}, p
				case op == 5:
					p := pick()
					what = "draft " + p
					data, err := os.ReadFile(p)
					must(t, err)
					must(t, os.WriteFile(p, bytes.Replace(data, []byte("+++\ntitle"), []byte("+++\ndraft = true\ntitle"), 1), 0o644))
					changed = []string{p}
				case op == 6:
					// A site layout showing a site-wide count on every page.
					p := filepath.Join(src, "templates", "default", "layouts", "partials", "footer.html")
					what = "template " + p
					must(t, os.MkdirAll(filepath.Dir(p), 0o755))
					must(t, os.WriteFile(p, fmt.Appendf(nil, `{{define "footer"}}<footer>%d · {{len .Site.Articles}} briefings</footer>{{end}}`, next), 0o644))
					changed = []string{p}
				case op == 7:
					p := filepath.Join(src, pipeline.ConfigFile)
					what = "config"
					must(t, os.WriteFile(p, fmt.Appendf(nil, "title = \"Test %d\"\nbaseURL = \"https://example.org/b/\"\npaginate = %d\n", next, 2+rng.IntN(3)), 0o644))
					changed = []string{p}
				case op == 8:
					// Same title and date as another: the two share a slug
					// until one of them changes.
					p, from := pick(), pick()
					what = "copy " + from + " over " + p
					data, err := os.ReadFile(from)
					must(t, err)
					must(t, os.WriteFile(p, data, 0o644))
					changed = []string{p}
				default:
					p := pick()
					what = "edit " + p
					must(t, os.WriteFile(p, fixtureArticle(rng, next), 0o644))
					changed = []string{p}
				}
				next++
				label := fmt.Sprintf("step %d (%s)", step, what)
				before := fullTree(t, dest)
				_, err = b.Update(ctx, changed)
				if broken != "" {
					if err == nil {
						t.Fatalf("%s: no error for a broken file", label)
					}
					if !strings.Contains(err.Error(), filepath.Base(broken)) {
						t.Errorf("%s: error %q does not name the file", label, err)
					}
					if after := fullTree(t, dest); !mapsEqual(before, after) {
						t.Fatalf("%s: a failed rebuild changed the output", label)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", label, err)
				}
				b.Save(ctx)
				clean := filepath.Join(t.TempDir(), "clean")
				if _, err := Run(ctx, pipeline.Options{Source: src, Destination: clean}); err != nil {
					t.Fatal(err)
				}
				sameTree(t, label, dest, clean)
			}
		})
	}
}

// writeAnalystLayouts gives the site layouts of its own that read what
// the bundled ones do not: on article pages, the number of stories, each
// country's count and the most covered countries, and the neighbours'
// countries; on entity pages, related entities with counts and every
// organisation's count.
func writeAnalystLayouts(t *testing.T, src string) {
	t.Helper()
	dir := filepath.Join(src, "templates", "default", "layouts")
	must(t, os.MkdirAll(dir, 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "article.html"), []byte(`{{define "main"}}{{$site := .Site}}<h1>{{.Article.Title}}</h1>
<p>{{len .Site.Articles}} stories.</p>
<ul>{{range .Article.Countries}}{{$id := .ID}}<li>{{.Name}}{{range $site.Countries}}{{if eq .ID $id}}: {{.Count}} ({{.PrimaryCount}} main){{end}}{{end}}</li>{{end}}</ul>
<p>Most covered: {{range .Site.TopCountries 3}}{{.Name}} {{.Count}}; {{end}}</p>
{{with .Older}}<p>Before: {{.Title}} on {{range .Countries}}{{.Name}} {{end}}</p>{{end}}
{{with .Newer}}<p>After: {{.Title}} on {{range .Countries}}{{.Name}} {{end}}</p>{{end}}
{{.Article.Body}}{{end}}`), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "entity.html"), []byte(`{{define "main"}}{{with .Entity}}<h1>{{.Name}}: {{.Count}}</h1>
<ul>{{range .Related}}<li>{{.Name}} {{.Count}}</li>{{end}}</ul>
<ol>{{range .Articles}}<li>{{.Title}}</li>{{end}}</ol>{{end}}
{{with .Month}}<h1>{{.Label}}</h1>{{range .Articles}}<p>{{.Title}}</p>{{end}}{{end}}
<p>{{range .Site.Organisations}}{{.Label}} {{.Count}}; {{end}}</p>{{end}}`), 0o644))
	// A list's front page shows every one of its stories.
	for _, kind := range []string{"region", "tag"} {
		must(t, os.WriteFile(filepath.Join(dir, kind+".html"), []byte(`{{define "main"}}{{with .List}}<h1>{{.Name}}: {{.Count}}</h1>
<ol>{{range .Articles}}<li>{{.Title}}</li>{{end}}</ol>{{end}}
{{with .Month}}<h1>{{.Label}}</h1>{{range .Articles}}<p>{{.Title}}</p>{{end}}{{end}}{{end}}`), 0o644))
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
