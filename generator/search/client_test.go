package search_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attache/attache/generator/search"
	"github.com/attache/attache/generator/search/tokenize"
)

// TestClient runs the search page's script under Node's test runner
// against the relevance site's index, with what Go's reader answers to
// the same queries: the two must tokenize, parse and rank alike.
func TestClient(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is missing: apt-get install -y nodejs")
	}
	dest := buildSite(t, "testdata/relevance", "../../content")
	r := openIndex(t, dest)
	var expect clientExpect
	for _, text := range []string{"Ceasefire talks", "Türkiye, Côte d’Ivoire", "ﬁnance Ｕ Ｎ", "Переговоры в Киеве",
		"مُفَاوَضَات", "停火谈判", "東京G7サミット", "UN 2024", "a\u0301b", "ǅ İstanbul"} {
		var ws []string
		for _, w := range tokenize.Words(text) {
			ws = append(ws, w.Surface)
		}
		if ws == nil {
			ws = []string{}
		}
		expect.Words = append(expect.Words, [2]any{text, ws})
	}
	for _, q := range []struct {
		q      string
		typing bool
	}{
		{"ceasefire talks", false}, {`"ceasefire talks"`, false}, {"negot", true}, {"negotiation", false},
		{"insurance", false}, {"Türkiye grain", false}, {"переговорам", false}, {"领土主权", false},
		{"climate fin", true}, {`"war-risk premiums" Red`, false}, {"talks ", true}, {"zzzqqq", false},
	} {
		expect.Queries = append(expect.Queries, clientQuery(t, r, q.q, q.typing))
	}
	runClient(t, node, dest, expect, false)
}

// TestClientSegments runs the script's ranking against an index whose
// postings are cut in small segments, with the first pages of two words
// whose pair has a top file, which the script shows before the postings.
func TestClientSegments(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is missing: apt-get install -y nodejs")
	}
	docs := search.PhraseDocs()
	an := search.NewAnalyser()
	var as []*search.Analysis
	for _, d := range docs {
		as = append(as, an.Analyse(d))
	}
	dest := t.TempDir()
	segments := 0
	for _, f := range search.CacheWithSegments(100, 0).Build(an, as) {
		p := filepath.Join(dest, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(f.Name, search.Dir+"s-") {
			segments++
		}
	}
	if segments == 0 {
		t.Fatal("no segments")
	}
	r := openIndex(t, dest)
	var expect clientExpect
	expect.Words = [][2]any{}
	for _, d := range docs[:30] {
		for _, q := range []struct {
			q      string
			typing bool
		}{{d.Title, false}, {d.Lede[:strings.IndexByte(d.Lede, ' ')+3], true}, {`"` + d.Title + `"`, false},
			{strings.Join(strings.Fields(d.Title)[:2], " "), false}, {`"` + strings.Join(strings.Fields(d.Title)[1:3], " ") + `"`, false}} {
			expect.Queries = append(expect.Queries, clientQuery(t, r, q.q, q.typing))
		}
	}
	firsts := 0
	for _, c := range expect.Queries {
		if c.First != nil {
			firsts++
		}
	}
	if firsts == 0 {
		t.Fatal("no query has a first page before its postings")
	}
	runClient(t, node, dest, expect, true)
}

// clientExpect is what Go's reader answered, for client.test.js.
type clientExpect struct {
	Words   [][2]any      `json:"words"`
	Queries []clientCheck `json:"queries"`
}

type clientCheck struct {
	Q      string       `json:"q"`
	Typing bool         `json:"typing"`
	Parsed search.Query `json:"parsed"`
	Docs   []int        `json:"docs"`
	Paths  []string     `json:"paths"`
	// First is Reader.FirstPage's answer, null for a query without one.
	First []int `json:"first"`
}

// clientQuery asks r a query: its parse, its hits and its first page's
// paths.
func clientQuery(t *testing.T, r *search.Reader, q string, typing bool) clientCheck {
	t.Helper()
	p := search.ParseQuery(q, typing)
	first, err := r.FirstPage(p)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := r.Search(p)
	if err != nil {
		t.Fatal(err)
	}
	docs := []int{}
	for _, h := range hits {
		docs = append(docs, h.Doc)
	}
	recs, err := r.Records(docs[:min(20, len(docs))])
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{}
	for _, rec := range recs {
		var fields []any
		if err := json.Unmarshal(rec, &fields); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, fields[0].(string))
	}
	if first != nil && !slices.Equal(first, docs[:len(first)]) {
		t.Fatalf("%q: first page %v, Search's %v", q, first, docs[:len(first)])
	}
	return clientCheck{q, typing, p, docs, paths, first}
}

// runClient runs client.test.js with what Go answered.
func runClient(t *testing.T, node, dest string, expect clientExpect, rankOnly bool) {
	t.Helper()
	data, err := json.Marshal(expect)
	if err != nil {
		t.Fatal(err)
	}
	expectFile := filepath.Join(t.TempDir(), "expect.json")
	if err := os.WriteFile(expectFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script, _ := filepath.Abs("../../templates/default/static/js/search.js")
	cmd := exec.Command(node, "--test", "testdata/client.test.js")
	cmd.Env = append(os.Environ(), "SEARCH_SCRIPT="+script, "SEARCH_EXPECT="+expectFile, "SEARCH_SITE="+dest)
	if rankOnly {
		cmd.Env = append(cmd.Env, "SEARCH_RANK_ONLY=1")
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
