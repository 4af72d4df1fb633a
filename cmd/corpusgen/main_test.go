package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// generate writes a corpus into a fresh temporary folder and returns its
// files by path relative to the folder.
func generate(t *testing.T, n int, f format, seed uint64) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	if err := run(dir, n, f, seed, false); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func articles(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for p, d := range files {
		if strings.HasPrefix(p, "content/") {
			out[p] = d
		}
	}
	return out
}

func TestDeterministic(t *testing.T) {
	for _, f := range []format{formatMarkdown, formatWire, formatMixed} {
		t.Run(string(f), func(t *testing.T) {
			a, b := generate(t, 150, f, 1), generate(t, 150, f, 1)
			if len(a) != len(b) {
				t.Fatalf("two runs wrote %d and %d files", len(a), len(b))
			}
			for p, d := range a {
				if !bytes.Equal(d, b[p]) {
					t.Fatalf("%s differs between two runs with the same seed", p)
				}
			}
			if n := len(articles(a)); n != 150 {
				t.Errorf("wrote %d articles, want 150", n)
			}
			c := generate(t, 150, f, 2)
			same := 0
			for p, d := range articles(a) {
				if bytes.Equal(d, c[p]) {
					same++
				}
			}
			if same > 0 {
				t.Errorf("%d articles identical under seeds 1 and 2", same)
			}
		})
	}
}

// A smaller corpus is a prefix of a larger one, so figures at different N
// measure more of the same articles.
func TestPrefixStable(t *testing.T) {
	small, large := articles(generate(t, 40, formatMixed, 7)), articles(generate(t, 120, formatMixed, 7))
	for p, d := range small {
		if !bytes.Equal(d, large[p]) {
			t.Errorf("%s differs between N=40 and N=120", p)
		}
	}
}

func TestSizes(t *testing.T) {
	for _, f := range []format{formatMarkdown, formatWire} {
		for p, d := range articles(generate(t, 400, f, 3)) {
			if len(d) < 3<<10 || len(d) > 6<<10 {
				t.Errorf("%s: %d bytes, want 3 to 6 KiB", p, len(d))
			}
		}
	}
}

type frontMatter struct {
	Title         string
	Date          time.Time
	Slug          string
	Source        string
	Dateline      string
	Countries     []string
	Organisations []string
}

func TestFrontMatter(t *testing.T) {
	known := map[string]country{}
	for _, c := range countries {
		known[c.Name] = c
	}
	knownOrg := map[string]bool{}
	for _, o := range organisations {
		knownOrg[o.Acronym] = true
	}
	slugs := map[string]string{}
	seenCountry, seenOrg := map[string]bool{}, map[string]bool{}
	years := map[int]bool{}
	for p, d := range articles(generate(t, 800, formatMarkdown, 1)) {
		parts := strings.SplitN(string(d), "+++\n", 3)
		if len(parts) != 3 || parts[0] != "" {
			t.Fatalf("%s: no +++ front matter", p)
		}
		var fm frontMatter
		md, err := toml.Decode(parts[1], &fm)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if u := md.Undecoded(); len(u) > 0 {
			t.Errorf("%s: unexpected keys %v", p, u)
		}
		if fm.Title == "" || fm.Source == "" || fm.Dateline == "" || fm.Date.IsZero() {
			t.Errorf("%s: missing field in %+v", p, fm)
		}
		if want := fm.Slug + ".md"; filepath.Base(p) != want {
			t.Errorf("%s: slug %q does not match the file name", p, fm.Slug)
		}
		if q, dup := slugs[fm.Slug]; dup {
			t.Errorf("slug %q used by %s and %s", fm.Slug, q, p)
		}
		slugs[fm.Slug] = p
		years[fm.Date.Year()] = true
		if len(fm.Countries) == 0 {
			t.Errorf("%s: no countries", p)
		}
		body := parts[2]
		for _, name := range fm.Countries {
			if _, ok := known[name]; !ok {
				t.Errorf("%s: unknown country %q", p, name)
			}
			if !strings.Contains(body, name) {
				t.Errorf("%s: country %q is not named in the body", p, name)
			}
			seenCountry[name] = true
		}
		for _, name := range fm.Organisations {
			if !knownOrg[name] {
				t.Errorf("%s: unknown organisation %q", p, name)
			}
			if !strings.Contains(body, "("+name+")") {
				t.Errorf("%s: organisation %q is not introduced in the body", p, name)
			}
			seenOrg[name] = true
		}
	}
	// Every index should be exercised: most countries and organisations
	// appear in a corpus this size, across several years.
	if len(seenCountry) < 180 || len(seenOrg) < 55 || len(years) < 5 {
		t.Errorf("800 articles cover %d countries, %d organisations, %d years", len(seenCountry), len(seenOrg), len(years))
	}
}

// Wire files follow the seed article in /work/shared/seed.
func TestWireShape(t *testing.T) {
	dateLine := regexp.MustCompile(`^ date \d{4}-\d\d-\d\d \S.*$`)
	sourceLine := regexp.MustCompile(`^[A-Za-z ]+\) \d\d:\d\d, [A-Z][a-z]+ \d{1,2}, \d{4}$`)
	dateline := regexp.MustCompile(`^[A-Z][A-ZÃ-Ý .'-]+, [A-Z][a-z]+ \d{1,2} \([A-Za-z ]+\) -- \S`)
	footer := regexp.MustCompile(`\n\n\(Web editor: [^()]+\)$`)
	for p, d := range articles(generate(t, 200, formatWire, 1)) {
		if !strings.HasSuffix(p, ".txt") {
			t.Fatalf("%s: wire article without .txt", p)
		}
		paras := strings.Split(string(d), "\n\n")
		if len(paras) < 5 {
			t.Fatalf("%s: %d paragraphs", p, len(paras))
		}
		if !dateLine.MatchString(paras[0]) {
			t.Errorf("%s: date line %q", p, paras[0])
		}
		if !sourceLine.MatchString(paras[1]) {
			t.Errorf("%s: source line %q", p, paras[1])
		}
		if !dateline.MatchString(paras[2]) {
			t.Errorf("%s: dateline %.60q", p, paras[2])
		}
		if !footer.Match(d) {
			t.Errorf("%s: footer %q", p, paras[len(paras)-1])
		}
	}
}

func TestSiteFiles(t *testing.T) {
	files := generate(t, 1, formatMarkdown, 1)
	for _, p := range []string{
		"config.toml", "hugo.toml",
		"layouts/_default/baseof.html", "layouts/_default/single.html",
		"layouts/_default/list.html", "layouts/_default/terms.html",
		"layouts/index.html", "layouts/404.html",
	} {
		if len(files[p]) == 0 {
			t.Errorf("%s not written", p)
		}
	}
	var hugo struct {
		Paginate   int
		Taxonomies map[string]string
	}
	if _, err := toml.Decode(string(files["hugo.toml"]), &hugo); err != nil {
		t.Fatal(err)
	}
	if hugo.Paginate != 10 || hugo.Taxonomies["country"] != "countries" || hugo.Taxonomies["organisation"] != "organisations" {
		t.Errorf("hugo.toml: %+v", hugo)
	}
	var attache struct {
		Title    string
		BaseURL  string
		Paginate int
	}
	if _, err := toml.Decode(string(files["config.toml"]), &attache); err != nil {
		t.Fatal(err)
	}
	if attache.Title == "" || attache.BaseURL == "" || attache.Paginate != 10 {
		t.Errorf("config.toml: %+v", attache)
	}
}

func TestRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	if err := run(dir, 3, formatMarkdown, 1, false); err != nil {
		t.Fatal(err)
	}
	if err := run(dir, 3, formatMarkdown, 1, false); err == nil {
		t.Error("second run without -clean succeeded")
	}
	if err := run(dir, 2, formatWire, 1, true); err != nil {
		t.Fatal(err)
	}
	var n int
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if n != 2 {
		t.Errorf("-clean left %d files, want 2", n)
	}
}

func TestSlugify(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"China, Russia pledge closer ties", "china-russia-pledge-closer-ties"},
		{"Côte d'Ivoire hosts forum", "cote-divoire-hosts-forum"},
		{"Türkiye welcomes U.S. proposal", "turkiye-welcomes-us-proposal"},
		{"Interview: envoy says ties at new high", "interview-envoy-says-ties-at-new-high"},
		{strings.Repeat("word ", 20), "word-word-word-word-word-word-word-word-word-word-word-word"},
	} {
		if got := slugify(c.in); got != c.want {
			t.Errorf("slugify(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
