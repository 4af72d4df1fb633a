package build

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/related"
)

// events are the words of a few events: stories of one event within a
// thread window of each other make a thread, and related lists pair the
// events' other stories.
var events = []struct{ title, body string }{
	{"Flood waters cut the Mekong delta road", "Flood waters rose over the delta road; villagers fled the rising river and rescue boats reached the flooded rice fields."},
	{"Missile test over the eastern sea", "A ballistic missile flew over the eastern sea before falling near the maritime boundary, the defence ministry said."},
	{"Tariffs on steel and aluminium raised", "Tariffs on imported steel and aluminium rise next month, the trade ministry said, citing a surge of cheap metal."},
	{"Court rules on the disputed election", "The constitutional court ruled on the disputed presidential election after weeks of protests over the ballot count."},
}

// story is one generated Markdown article of the adversarial sites.
type story struct {
	title, date string
	event       int
	a, b        string
	aliases     []string
	tag         string
}

func (s story) bytes() []byte {
	var aliases string
	if len(s.aliases) > 0 {
		aliases = fmt.Sprintf("aliases = [%q]\n", strings.Join(s.aliases, `", "`))
		aliases = strings.ReplaceAll(aliases, `\"`, `"`)
	}
	e := events[s.event]
	return fmt.Appendf(nil, "+++\ntitle = %q\ndate = %s\ntags = [%q]\n%s+++\n\nMinisters of %s and %s spoke. %s\n\n%s said more would follow.\n",
		s.title, s.date, s.tag, aliases, s.a, s.b, e.body, s.a)
}

// TestAdversarialEdits applies sequences of edits aimed at what an
// incremental build keeps — stories arriving in and out of date order,
// re-dated across months and years, retitled with their old URL as an
// alias, moved between countries, deleted, given another's title and
// date, joining and leaving threads, placed beyond the related window, a
// change of permalinks — both through a watching Builder and through
// cached one-shot builds, and checks after each step that both outputs
// are exactly a clean build's. The site's own layouts read the links of
// every story a page shows and of its neighbours.
func TestAdversarialEdits(t *testing.T) {
	seeds, steps := []uint64{1, 2}, 12
	if testing.Short() {
		seeds, steps = seeds[:1], 5
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 88))
			defer func() {
				if t.Failed() {
					t.Logf("seed %d", seed)
				}
			}()
			src := t.TempDir()
			content := filepath.Join(src, "content")
			must(t, os.MkdirAll(content, 0o755))
			config := func(filename bool, paginate int) {
				cfg := fmt.Sprintf("title = \"Adversary\"\nbaseURL = \"https://example.org/\"\npaginate = %d\n[relations]\nminStories = 2\n", paginate)
				if filename {
					cfg += "[permalinks]\narticle = \"/:year/:filename/\"\n"
				}
				must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte(cfg), 0o644))
			}
			config(seed%2 == 0, 4)
			writeLinkLayouts(t, src)
			base := time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC)
			stories := map[string]story{}
			// Dates are written in zones far apart, as agencies' are: a
			// story's month goes by its own zone, and so does not always
			// follow the order of instants.
			zones := []*time.Location{time.UTC, time.FixedZone("", 13*3600), time.FixedZone("", -10*3600)}
			at := func(t time.Time) string { return t.In(zones[rng.IntN(len(zones))]).Format(time.RFC3339) }
			country := func() string { return fixtureCountries[rng.IntN(len(fixtureCountries))] }
			newStory := func(date time.Time) story {
				ev := rng.IntN(len(events))
				return story{title: fmt.Sprintf("%s (%d)", events[ev].title, rng.IntN(1000)), date: at(date), event: ev, a: country(), b: country(), tag: []string{"Mekong", "Trade", "trade"}[rng.IntN(3)]}
			}
			put := func(name string, s story) string {
				stories[name] = s
				p := filepath.Join(content, name)
				must(t, os.WriteFile(p, s.bytes(), 0o644))
				return p
			}
			for i := range 16 {
				put(fmt.Sprintf("2024-12-%02d-s%02d.md", 1+i, i), newStory(base.Add(time.Duration(rng.IntN(24*20))*time.Hour)))
			}
			// The later instant of these two is dated 31 December, the
			// earlier 1 January: the years and months of the archive and
			// of every list they share are out of the order of instants.
			late, early := newStory(base), newStory(base)
			late.date, early.date = "2024-12-31T23:00:00-10:00", "2025-01-01T05:00:00+13:00"
			early.a, early.b = late.a, late.b
			put("2024-12-31-late.md", late)
			put("2025-01-01-early.md", early)
			names := func() []string {
				out := make([]string, 0, len(stories))
				for n := range stories {
					out = append(out, n)
				}
				slices.Sort(out)
				return out
			}
			pick := func() string { ns := names(); return ns[rng.IntN(len(ns))] }
			newest := func() time.Time {
				var max time.Time
				for _, s := range stories {
					d, _ := time.Parse(time.RFC3339, s.date)
					if d.After(max) {
						max = d
					}
				}
				return max
			}
			dateOf := func(s story) time.Time { d, _ := time.Parse(time.RFC3339, s.date); return d }

			builds := buildTwoWays(t, src)
			// The same instant written in another zone, first on the same
			// day, then on the next, in the next month and year: what
			// pages show of its date changes, the order of stories not.
			for _, date := range []string{"2024-12-31T22:00:00-11:00", "2025-01-01T10:00:00+01:00"} {
				late.date = date
				builds.step(t, fmt.Sprintf("seed %d: 2024-12-31-late.md written as %s", seed, date), []string{put("2024-12-31-late.md", late)})
			}
			filename := seed%2 == 0
			next := 100
			for step := range steps {
				var changed []string
				var what string
				switch op := rng.IntN(12); op {
				case 0, 1:
					// The newest story, sometimes of the newest's event
					// within a day: it joins that thread.
					s := newStory(newest().Add(time.Duration(1+rng.IntN(20)) * time.Hour))
					if op == 1 {
						for _, o := range stories {
							if dateOf(o).Equal(newest()) {
								s.event = o.event
							}
						}
					}
					name := fmt.Sprintf("%s-n%03d.md", dateOf(s).Format("2006-01-02"), next)
					what = "newest " + name
					changed = []string{put(name, s)}
				case 2:
					// Out of date order: within the old stories, or a
					// year and more before them, beyond every window.
					d := base.Add(time.Duration(rng.IntN(24*20)) * time.Hour)
					if rng.IntN(2) == 0 {
						d = base.AddDate(-1, -rng.IntN(3), 0)
					}
					name := fmt.Sprintf("old-o%03d.md", next)
					what = "older " + name
					changed = []string{put(name, newStory(d))}
				case 3:
					// Re-dated across a month or a year, or by a thread
					// window exactly.
					name := pick()
					s := stories[name]
					shift := []time.Duration{-48 * time.Hour, 48 * time.Hour, 24 * 32 * time.Hour, -24 * 370 * time.Hour, 31 * 24 * time.Hour}[rng.IntN(5)]
					s.date = at(dateOf(s).Add(shift))
					what = fmt.Sprintf("re-date %s by %v", name, shift)
					changed = []string{put(name, s)}
				case 4:
					// Retitled, its old URL kept as an alias.
					name := pick()
					s := stories[name]
					if !filename && rng.IntN(2) == 0 {
						d := dateOf(s)
						s.aliases = append(s.aliases, fmt.Sprintf("/articles/%d/%02d/%s/", d.Year(), d.Month(), slugOf(s.title)))
					}
					s.title = fmt.Sprintf("Corrected: %s", s.title)
					what = "retitle " + name
					changed = []string{put(name, s)}
				case 5:
					// Moved between countries.
					name := pick()
					s := stories[name]
					s.a, s.b = country(), country()
					what = "move " + name
					changed = []string{put(name, s)}
				case 6:
					name := pick()
					what = "delete " + name
					p := filepath.Join(content, name)
					must(t, os.Remove(p))
					delete(stories, name)
					changed = []string{p}
				case 7:
					// Another's title and date: a slug taken twice.
					from := stories[pick()]
					s := newStory(dateOf(from))
					s.title = from.title
					name := fmt.Sprintf("%s-d%03d.md", dateOf(s).Format("2006-01-02"), next)
					what = "duplicate title as " + name
					changed = []string{put(name, s)}
				case 8:
					// Leaves its thread for another event.
					name := pick()
					s := stories[name]
					s.event = (s.event + 1 + rng.IntN(len(events)-1)) % len(events)
					what = "change event of " + name
					changed = []string{put(name, s)}
				case 9:
					// A copy of a story a thread window away, either side.
					from := stories[pick()]
					s := from
					s.aliases = nil
					s.title = fmt.Sprintf("Report %d: %s", next, from.title)
					s.date = at(dateOf(from).Add([]time.Duration{-49 * time.Hour, -47 * time.Hour, 47 * time.Hour, 49 * time.Hour}[rng.IntN(4)]))
					name := fmt.Sprintf("%s-c%03d.md", dateOf(s).Format("2006-01-02"), next)
					what = "copy " + name
					changed = []string{put(name, s)}
				case 10:
					// The permalinks or pagination change; aliases of the
					// old scheme are dropped so that none lands on a page.
					filename = !filename
					config(filename, 2+rng.IntN(3))
					for name, s := range stories {
						if len(s.aliases) > 0 {
							s.aliases = nil
							put(name, s)
						}
					}
					what = fmt.Sprintf("config, by file name %v", filename)
					changed = []string{filepath.Join(src, pipeline.ConfigFile)}
				default:
					// Several stories at once, as a desk saves them.
					n := 2 + rng.IntN(3)
					for i := range n {
						name := fmt.Sprintf("2024-12-%02d-m%03d-%d.md", 1+rng.IntN(28), next, i)
						changed = append(changed, put(name, newStory(base.Add(time.Duration(rng.IntN(24*25))*time.Hour))))
					}
					what = fmt.Sprintf("%d new stories", n)
				}
				next++
				// An alias may fall on a page: every build then fails alike.
				builds.step(t, fmt.Sprintf("seed %d step %d (%s)", seed, step, what), changed)
			}
		})
	}
}

// slugOf is the slug of a plain title of the adversarial sites.
func slugOf(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// writeLinkLayouts gives the site layouts of its own that read the links
// of other stories: an article page shows its related stories' countries,
// its thread's reports, and its neighbours' related stories and threads;
// a listing shows each story's thread and first related story; every
// page's footer shows every story's thread.
func writeLinkLayouts(t *testing.T, src string) {
	t.Helper()
	dir := filepath.Join(src, "templates", "default", "layouts")
	must(t, os.MkdirAll(dir, 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "article.html"), []byte(`{{define "main"}}<h1>{{.Article.Title}} ({{.Article.Slug}})</h1>
<ul>{{range .Article.Related}}<li>{{.Title}} {{.Path}} {{range .Countries}}{{.Name}} {{end}}</li>{{end}}</ul>
{{with .Article.Thread}}<p>{{.ID}}: {{range .Reports}}{{.Title}} at {{.Path}}; {{end}}</p>{{end}}
{{with .Older}}<p>Before: {{.Title}}: {{range .Related}}{{.Title}}; {{end}}{{with .Thread}}{{.Count}} reports{{end}}</p>{{end}}
{{with .Newer}}<p>After: {{.Title}}: {{range .Related}}{{.Title}}; {{end}}{{with .Thread}}{{.Count}} reports{{end}}{{range .TagLinks}}{{.Name}} {{end}}</p>{{end}}
{{.Article.Body}}{{end}}`), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "entity.html"), []byte(`{{define "main"}}{{with .Entity}}<h1>{{.Name}}: {{.Count}}</h1>{{end}}
{{range .Latest}}<p>{{.Title}}{{with .Thread}} ({{.Count}} reports from {{(index .Reports 0).Title}}){{end}}{{range .Related}} / {{.Title}}{{break}}{{end}}</p>{{end}}
{{with .Month}}<h2>{{.Label}}</h2>{{range .Articles}}<p>{{.Title}}{{with .Thread}} [{{.ID}}]{{end}}</p>{{end}}{{end}}{{end}}`), 0o644))
	// Every page: the threads of every story, and the first related
	// story of the newest.
	must(t, os.MkdirAll(filepath.Join(dir, "partials"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "partials", "footer.html"), []byte(`{{define "footer"}}<footer>{{range .Site.Articles}}{{with .Thread}}{{.Count}} {{end}}{{end}}
{{with index .Site.Articles 0}}{{range .Related}}{{.Title}}{{break}}{{end}}{{end}}</footer>{{end}}`), 0o644))
}

// TestLinkBoundsThroughBuilder builds a site dense enough that the related
// lists' bounds bind — more than related.MostBefore stories within
// related.Before of the newest — and makes the changes that lie on them
// through a watching Builder and cached builds: a story joining the newest
// thread, a story related.Before before the newest, the story MostBefore
// places back removed, an old story re-dated across the bound. Each build
// equals a clean one.
func TestLinkBoundsThroughBuilder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 420 stories ten times")
	}
	rng := rand.New(rand.NewPCG(31, 2))
	src := t.TempDir()
	content := filepath.Join(src, "content")
	must(t, os.MkdirAll(content, 0o755))
	must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("title = \"Bounds\"\nbaseURL = \"https://example.org/\"\npaginate = 50\n"), 0o644))
	writeLinkLayouts(t, src)
	start := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	var names []string // oldest first
	dates := map[string]time.Time{}
	put := func(name string, date time.Time, event int) string {
		s := story{title: fmt.Sprintf("%s %s", events[event].title, strings.TrimSuffix(name, ".md")), date: date.Format(time.RFC3339), event: event,
			a: fixtureCountries[rng.IntN(len(fixtureCountries))], b: fixtureCountries[rng.IntN(len(fixtureCountries))], tag: "Trade"}
		dates[name] = date
		p := filepath.Join(content, name)
		must(t, os.WriteFile(p, s.bytes(), 0o644))
		return p
	}
	// 30 stories over the 40 days before, then one an hour for 400 hours.
	for i := range 30 {
		name := fmt.Sprintf("o%03d.md", i)
		put(name, start.Add(-time.Duration(40*24-i*32)*time.Hour), rng.IntN(len(events)))
		names = append(names, name)
	}
	for i := range 400 {
		name := fmt.Sprintf("h%03d.md", i)
		put(name, start.Add(time.Duration(i)*time.Hour), rng.IntN(len(events)))
		names = append(names, name)
	}
	newest := start.Add(399 * time.Hour)
	builds := buildTwoWays(t, src)
	remove := func(name string) string {
		p := filepath.Join(content, name)
		must(t, os.Remove(p))
		return p
	}
	for i, step := range []struct {
		what string
		do   func() []string
	}{
		{"the newest story joins the newest's thread", func() []string {
			newest = newest.Add(time.Hour)
			return []string{put("n1.md", newest, 0), put("h399.md", newest.Add(-time.Hour), 0)}
		}},
		{"a story related.Before before the newest", func() []string {
			return []string{put("b1.md", newest.Add(-related.Before), 1)}
		}},
		{"the story MostBefore places back removed", func() []string {
			return []string{remove(names[len(names)-related.MostBefore])}
		}},
		{"an old story re-dated across the bound", func() []string {
			return []string{put("o029.md", newest.Add(-related.Before+time.Hour), 2)}
		}},
		{"three new stories", func() []string {
			var out []string
			for k := range 3 {
				newest = newest.Add(time.Hour)
				out = append(out, put(fmt.Sprintf("n%d.md", k+2), newest, k))
			}
			return out
		}},
		{"the oldest of the dense stories removed", func() []string { return []string{remove("h001.md"), remove("h002.md")} }},
	} {
		if err := builds.step(t, fmt.Sprintf("step %d (%s)", i, step.what), step.do()); err != nil {
			t.Fatal(err)
		}
	}
}

// TestURLsTakenAndFreed makes the URL changes a clean build decides from
// the whole site — suffixes of a :filename taken twice in two folders,
// moving as the stories are re-dated; an alias landing on a page, which
// fails every build, while other edits arrive; the alias dropped; a
// story retitled back to its old slug with its alias dropped — through a
// watching Builder and cached builds, each equal to a clean build, or
// failing as it does with the output left as it was.
func TestURLsTakenAndFreed(t *testing.T) {
	for _, byFile := range []bool{false, true} {
		t.Run(fmt.Sprint("by file name ", byFile), func(t *testing.T) {
			src := t.TempDir()
			cfg := "title = \"URLs\"\nbaseURL = \"https://example.org/\"\n"
			if byFile {
				cfg += "[permalinks]\narticle = \"/:year/:filename/\"\n"
			}
			must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte(cfg), 0o644))
			writeLinkLayouts(t, src)
			write := func(name, title, date, aliases string) string {
				p := filepath.Join(src, "content", filepath.FromSlash(name))
				must(t, os.MkdirAll(filepath.Dir(p), 0o755))
				must(t, os.WriteFile(p, fmt.Appendf(nil, "+++\ntitle = %q\ndate = %s\n%s+++\n\nMinisters of Laos and Japan met. %s\n", title, date, aliases, events[0].body), 0o644))
				return p
			}
			// Two files of one name in two folders, and one title twice.
			write("a/talks.md", "Talks open", "2024-03-01", "")
			write("b/talks.md", "Talks open", "2024-03-02", "")
			write("c/other.md", "Other talks", "2024-03-03", "")
			builds := buildTwoWays(t, src)
			// The page of c/other.md, which an alias will land on.
			other := "/articles/2024/03/other-talks/"
			if byFile {
				other = "/2024/other/"
			}
			for i, step := range []struct {
				what  string
				fails bool
				do    func() []string
			}{
				{"the younger re-dated older: the suffix moves", false, func() []string {
					return []string{write("b/talks.md", "Talks open", "2024-02-28", "")}
				}},
				{"an alias over another page", true, func() []string {
					return []string{write("a/talks.md", "Talks open in Vientiane", "2024-03-01", fmt.Sprintf("aliases = [%q]\n", other))}
				}},
				{"another edit while the alias stands", true, func() []string {
					return []string{write("b/talks.md", "Talks open", "2024-03-05", "")}
				}},
				{"the alias moved to the old URL", false, func() []string {
					return []string{write("a/talks.md", "Talks open in Vientiane", "2024-03-01", `aliases = ["/old/talks/"]`+"\n")}
				}},
				{"retitled back, the alias dropped", false, func() []string {
					return []string{write("a/talks.md", "Talks open", "2024-03-01", "")}
				}},
				{"the older of the two deleted", false, func() []string {
					p := filepath.Join(src, "content", "b", "talks.md")
					must(t, os.Remove(p))
					return []string{p}
				}},
				{"a third of the name, the oldest", false, func() []string {
					return []string{write("d/talks.md", "Talks open", "2023-12-31", "")}
				}},
			} {
				label := fmt.Sprintf("step %d (%s)", i, step.what)
				if err := builds.step(t, label, step.do()); (err != nil) != step.fails {
					t.Fatalf("%s: the builds say %v", label, err)
				}
			}
		})
	}
}

// twoWays builds one site both incremental ways — a watching Builder and
// cached one-shot builds — to hold each to a clean build.
type twoWays struct {
	src, watchDest, cachedDest, cache string
	b                                 *Builder
}

// buildTwoWays makes the first builds of src both ways.
func buildTwoWays(t *testing.T, src string) *twoWays {
	t.Helper()
	w := &twoWays{src: src, watchDest: filepath.Join(t.TempDir(), "watch"), cachedDest: filepath.Join(t.TempDir(), "cached"), cache: t.TempDir()}
	w.b = NewBuilder(pipeline.Options{Source: src, Destination: w.watchDest})
	_, err := w.b.Update(context.Background(), nil)
	must(t, err)
	must(t, cachedBuild(t, src, w.cachedDest, w.cache))
	return w
}

// step builds again both ways after the changed paths, and a clean build:
// both outputs must equal the clean one, or, when the clean build fails,
// both builds must fail and leave their outputs as they were. It returns
// the clean build's error.
func (w *twoWays) step(t *testing.T, label string, changed []string) error {
	t.Helper()
	ctx := context.Background()
	watchBefore, cachedBefore := fullTree(t, w.watchDest), fullTree(t, w.cachedDest)
	clean := filepath.Join(t.TempDir(), "clean")
	_, cleanErr := Run(ctx, pipeline.Options{Source: w.src, Destination: clean})
	_, watchErr := w.b.Update(ctx, changed)
	cachedErr := cachedBuild(t, w.src, w.cachedDest, w.cache)
	if (cleanErr != nil) != (watchErr != nil) || (cleanErr != nil) != (cachedErr != nil) {
		t.Fatalf("%s: a clean build says %v, the watching one %v, the cached one %v", label, cleanErr, watchErr, cachedErr)
	}
	if cleanErr != nil {
		if !mapsEqual(watchBefore, fullTree(t, w.watchDest)) || !mapsEqual(cachedBefore, fullTree(t, w.cachedDest)) {
			t.Fatalf("%s: a failed build changed the output", label)
		}
		return cleanErr
	}
	sameTree(t, label+" watching", w.watchDest, clean)
	sameTree(t, label+" cached", w.cachedDest, clean)
	return nil
}
