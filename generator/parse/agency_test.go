package parse

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/diag"
)

// agencyResult is what a golden file of an agency file records: its
// articles and what was skipped.
type agencyResult struct {
	Articles []*article.Article
	Skipped  []string `json:",omitempty"`
}

// TestAgencyGolden parses every IPTC sample (testdata/newsml-g2,
// testdata/ninjs, copied unchanged from the IPTC's repositories) and every
// fixture of ours (testdata/agency), and compares the articles and skip
// messages with the .golden file beside each.
func TestAgencyGolden(t *testing.T) {
	isAgency := func(file string) bool { ext := filepath.Ext(file); return ext == ".xml" || ext == ".json" }
	for _, dir := range []string{"newsml-g2", "ninjs", "agency"} {
		eachFixture(t, dir, isAgency, func(t *testing.T, name, file string, src []byte) {
			arts, err := New().ParseAll(name, src)
			res := agencyResult{Articles: arts}
			for _, e := range flatten(err) {
				if !errors.Is(e, article.ErrSkipped) {
					t.Errorf("error not marked skipped: %v", e)
				}
				if !strings.HasPrefix(e.Error(), name+":") {
					t.Errorf("error does not name the file: %v", e)
				}
				res.Skipped = append(res.Skipped, e.Error())
			}
			if len(arts) == 0 && len(res.Skipped) == 0 {
				t.Error("neither articles nor a reason to skip")
			}
			for _, a := range arts {
				if a.Title == "" || a.Date.IsZero() {
					t.Errorf("%s: no title or date", a.File)
				}
			}
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			// The extension stays in the golden name: malformed.xml and
			// malformed.json are different files.
			checkGolden(t, file+".golden", string(got)+"\n")
		})
	}
}

// eachFixture runs fn, as a subtest named dir/base, on every file of
// testdata/dir that keep accepts, and fails if there is none.
func eachFixture(t *testing.T, dir string, keep func(file string) bool, fn func(t *testing.T, name, file string, src []byte)) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, file := range files {
		if !keep(file) {
			continue
		}
		n++
		name := dir + "/" + filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fn(t, name, file, src)
		})
	}
	if n == 0 {
		t.Errorf("no files in testdata/%s", dir)
	}
}

func flatten(err error) []error {
	if err == nil {
		return nil
	}
	var l diag.List
	if errors.As(err, &l) {
		return l
	}
	return []error{err}
}

// TestAgencyBodiesSafe checks what reaches the page from hostile agency
// bodies: no script, event handler or javascript: link survives.
func TestAgencyBodiesSafe(t *testing.T) {
	for _, file := range []string{"agency/message-three-items.xml", "agency/embargoed.json"} {
		src, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		arts, _ := New().ParseAll(file, src)
		if len(arts) == 0 {
			t.Fatalf("%s: no articles", file)
		}
		for _, a := range arts {
			body := strings.ToLower(bodyText(a))
			for _, bad := range []string{"<script", "onclick", "onerror", "onmouseover", "javascript:", "<img", "alert("} {
				if strings.Contains(body, bad) {
					t.Errorf("%s: body keeps %q: %s", a.File, bad, bodyText(a))
				}
			}
		}
	}
}

func TestParseAllOtherFormats(t *testing.T) {
	arts, err := New().ParseAll("a.md", []byte("+++\ntitle = \"T\"\ndate = 2024-01-02\n+++\nBody.\n"))
	if err != nil || len(arts) != 1 || arts[0].Title != "T" {
		t.Fatalf("ParseAll(.md) = %v, %v", arts, err)
	}
	if _, err := New().ParseAll("a.md", []byte("+++\n")); err == nil || errors.Is(err, article.ErrSkipped) {
		t.Errorf("a broken Markdown file must stay an error, got %v", err)
	}
	for _, name := range []string{"a.xml", "b.JSON"} {
		if !IsArticle(name) {
			t.Errorf("IsArticle(%q) = false", name)
		}
	}
}

// TestAgencyLimits refuses huge and deeply nested files with a located
// message instead of decoding them.
func TestAgencyLimits(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"huge.json", `{"uri":"x","bodies":[{"value":"` + strings.Repeat("a", 5<<20) + `"}]}`, "limited to 4 MB"},
		{"deep.json", strings.Repeat("[", 100000), "deep.json:1: JSON nested deeper than 100"},
		{"deep.xml", "<newsItem>" + strings.Repeat("<a>", 100000), "deep.xml:1: elements nested deeper than 100"},
		{"huge.xml", "<newsItem>" + strings.Repeat(" ", 5<<20) + "</newsItem>", "limited to 4 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := New().ParseAll(tt.name, []byte(tt.src))
			if len(arts) != 0 || err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseAll = %d articles, %v; want an error containing %q", len(arts), err, tt.want)
			}
		})
	}
}

// FuzzNewsML and FuzzNinjs check that no input crashes or hangs the
// parsers, that every error is located and marked skipped, and that every
// article has a title, a date and a safe body.
func FuzzNewsML(f *testing.F) {
	fuzzAgency(f, "x.xml", "newsml-g2", "agency")
}

func FuzzNinjs(f *testing.F) {
	fuzzAgency(f, "x.json", "ninjs", "agency")
}

func fuzzAgency(f *testing.F, name string, dirs ...string) {
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*"+filepath.Ext(name)))
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	p := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		arts, err := p.ParseAll(name, src)
		for _, e := range flatten(err) {
			if !errors.Is(e, article.ErrSkipped) || !strings.HasPrefix(e.Error(), name+":") {
				t.Fatalf("bad error: %v", e)
			}
		}
		for _, a := range arts {
			if a.Title == "" || a.Date.IsZero() {
				t.Fatalf("article without title or date: %+v", a)
			}
			if strings.Contains(strings.ToLower(bodyText(a)), "<script") {
				t.Fatalf("script in body: %s", bodyText(a))
			}
		}
	})
}

// checkGolden compares got with the file golden, rewriting it with -update
// (this package's flag, see TestGolden).
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("differs from %s (run go test -update and review the diff)\ngot:\n%s", golden, got)
	}
}

// TestInlineDataMarkup: an inlineData that holds markup rather than
// escaped text, as some agencies send it, keeps its paragraphs.
func TestInlineDataMarkup(t *testing.T) {
	item := func(ct, data string) string {
		return `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x" version="1"><itemMeta><itemClass qcode="ninat:text"/>` +
			`<versionCreated>2024-05-02T10:00:00Z</versionCreated></itemMeta><contentMeta><headline>Talks</headline></contentMeta>` +
			`<contentSet><inlineData contenttype="` + ct + `">` + data + `</inlineData></contentSet></newsItem>`
	}
	for _, tt := range []struct{ name, ct, data, want string }{
		{"html markup", "text/html", "<p>Kenya and Ethiopia met.</p><p>Talks <b>go on</b>.</p>", "<p>Kenya and Ethiopia met.</p><p>Talks <b>go on</b>.</p>"},
		{"escaped html", "text/html", "&lt;p&gt;Kenya and Ethiopia met.&lt;/p&gt;", "<p>Kenya and Ethiopia met.</p>"},
		{"plain text with markup", "text/plain", "<p>Kenya and Ethiopia met.</p>", "<p>Kenya and Ethiopia met.</p>"},
	} {
		arts, err := New().ParseAll(tt.name+".xml", []byte(item(tt.ct, tt.data)))
		if err != nil || len(arts) != 1 {
			t.Fatalf("%s: %d articles, %v", tt.name, len(arts), err)
		}
		if got := bodyText(arts[0]); got != tt.want {
			t.Errorf("%s: body %q, want %q", tt.name, got, tt.want)
		}
	}
}
