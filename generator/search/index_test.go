package search

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/internal/golden"
)

var sudan = Value{Slug: "sudan", Name: "Sudan", Path: "/countries/sudan/", Region: "Africa"}
var russia = Value{Slug: "russia", Name: "Russia", Path: "/countries/russia/", Region: "Europe"}
var china = Value{Slug: "china", Name: "China", Path: "/countries/china/", Region: "Asia"}
var au = Value{Slug: "au", Name: "AU", Path: "/organisations/au/"}

func day(d int) time.Time { return time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, d) }

// sampleDocs are stories in several scripts, oldest first.
func sampleDocs() []Doc {
	return []Doc{
		{Path: "/a/sudan-talks/", Title: "Sudan ceasefire talks open in Geneva", Lede: "Mediators opened talks on a ceasefire in Sudan.",
			Body: "The army did not send a delegation. Talks will continue.", Date: day(0), Source: "Reuters", Dateline: "GENEVA",
			Countries: []Value{sudan}, Organisations: []Value{au}},
		{Path: "/a/kremlin/", Title: "Kremlin open to negotiations", Lede: "«Мы готовы к переговорам», said the Kremlin.",
			Body: "Negotiations on a prisoner exchange could start soon.", Date: day(3), Source: "AP", Dateline: "MOSCOW",
			Countries: []Value{russia}},
		{Path: "/a/beijing/", Title: "Beijing statement on sovereignty", Lede: "中方坚决维护领土主权。",
			Body: "The ministry spoke of talks, and of a ceasefire elsewhere.", Date: day(40), Source: "Xinhua", Dateline: "BEIJING",
			Countries: []Value{china}},
		{Path: "/a/turkiye/", Title: "Türkiye hosts grain talks", Lede: "Ankara hosted talks on the grain corridor.",
			Body: "", Date: day(41), Source: "Anadolu Agency", Dateline: "ANKARA"},
	}
}

func analyseAll(an *Analyser, docs []Doc) []*Analysis {
	out := make([]*Analysis, len(docs))
	for i, d := range docs {
		out[i] = an.Analyse(d)
	}
	return out
}

// buildDocs builds the index of docs with a new Analyser.
func buildDocs(docs []Doc) []File {
	an := NewAnalyser()
	return Build(an, analyseAll(an, docs))
}

func dump(files []File) string {
	var b strings.Builder
	for _, f := range files {
		fmt.Fprintf(&b, "== %s\n%s\n", f.Name, f.Data)
	}
	return b.String()
}

func reader(t testing.TB, files []File) *Reader {
	t.Helper()
	byName := filesByName(files)
	r, err := NewReader(func(name string) ([]byte, error) {
		if d, ok := byName[name]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("no file %s", name)
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestBuildGolden(t *testing.T) {
	files := buildDocs(sampleDocs())
	golden.Check(t, "index.golden", dump(files))
	again := buildDocs(sampleDocs())
	if dump(again) != dump(files) {
		t.Error("two builds of the same stories differ")
	}
	for _, f := range files {
		if f.Name != Dir+ManifestName && !strings.Contains(f.Name, fmt.Sprintf("-%08x.", f.Sign>>32)) {
			t.Errorf("%s: name does not carry its hash", f.Name)
		}
	}
}

func TestSearch(t *testing.T) {
	r := reader(t, buildDocs(sampleDocs()))
	tests := []struct {
		q      string
		typing bool
		want   []string
	}{
		// Headline and lede outrank the body; among equals, newer first.
		{"ceasefire", false, []string{"/a/sudan-talks/", "/a/beijing/"}},
		{"talks", false, []string{"/a/turkiye/", "/a/sudan-talks/", "/a/beijing/"}},
		// Every word must match.
		{"ceasefire Geneva", false, []string{"/a/sudan-talks/"}},
		// A phrase in a headline or lede ranks first; other stories with
		// its words follow.
		{`"ceasefire talks"`, false, []string{"/a/sudan-talks/", "/a/beijing/"}},
		{`"talks on"`, false, []string{"/a/turkiye/", "/a/sudan-talks/", "/a/beijing/"}},
		{`"talks ceasefire"`, false, []string{"/a/sudan-talks/", "/a/beijing/"}},
		// Stems: "negotiation" was never written, "negotiations" was.
		{"negotiation", false, []string{"/a/kremlin/"}},
		{"Negotiations", false, []string{"/a/kremlin/"}},
		// Typing: the last word is a prefix.
		{"negot", true, []string{"/a/kremlin/"}},
		{"negot", false, nil},
		{"prisoner exch", true, []string{"/a/kremlin/"}},
		// Accents fold both ways.
		{"Turkiye", false, []string{"/a/turkiye/"}},
		{"TÜRKİYE", false, []string{"/a/turkiye/"}},
		// Other scripts.
		{"переговорам", false, []string{"/a/kremlin/"}},
		{"领土主权", false, []string{"/a/beijing/"}},
		{"主权", false, []string{"/a/beijing/"}},
		{"", false, nil},
		{"zzzz", false, nil},
	}
	for _, tt := range tests {
		hits, err := r.Search(ParseQuery(tt.q, tt.typing))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			rec, err := r.Record(h.Doc)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, strings.Split(string(rec), `"`)[1])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q, typing %v) = %v, want %v", tt.q, tt.typing, got, tt.want)
		}
	}
}

// synthetic returns n stories of words drawn from a vocabulary, oldest
// first, the same for the same n and seed.
func synthetic(n int, seed uint64) []Doc {
	rng := rand.New(rand.NewPCG(seed, 1))
	vocab := make([]string, 3000)
	for i := range vocab {
		var w []byte
		for range 3 + rng.IntN(7) {
			w = append(w, byte('a'+rng.IntN(26)))
		}
		vocab[i] = string(w)
	}
	text := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = vocab[int(rng.ExpFloat64()*300)%len(vocab)]
		}
		return strings.Join(ws, " ")
	}
	values := []Value{sudan, russia, china}
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = Doc{Path: fmt.Sprintf("/a/%d/", i), Title: text(8), Lede: text(30), Body: text(200),
			Date: day(i / 3), Source: []string{"Reuters", "AP"}[i%2], Countries: []Value{values[i%3]}}
		if i%20 == 7 {
			// A value of its own, which goes when the story goes.
			docs[i].Organisations = []Value{{Slug: fmt.Sprintf("org-%d", i), Name: fmt.Sprint("Org ", i), Path: "/o/"}}
			docs[i].Source = fmt.Sprint("Agency ", i)
		}
	}
	return docs
}

// TestNewStoryChangesOnlyWhatItTouches adds a story to an archive and
// wants every file it does not touch left with the same name and bytes.
func TestNewStoryChangesOnlyWhatItTouches(t *testing.T) {
	docs := synthetic(1500, 7)
	an := NewAnalyser()
	analyses := analyseAll(an, docs)
	before := Build(an, analyses[:len(docs)-1])
	after := Build(an, analyses)
	old := map[string]bool{}
	for _, f := range before {
		old[f.Name] = true
	}
	var added []string
	for _, f := range after {
		if !old[f.Name] {
			added = append(added, f.Name)
		}
	}
	// The new story's chunks: the chunk of each of its terms and pairs.
	r := reader(t, after)
	touched := map[string]bool{Dir + ManifestName: true}
	newest := analyses[len(analyses)-1]
	chunkOf := func(kind string, trie map[string]string, term string) {
		key := ""
		for k := range trie {
			if strings.HasPrefix(term, k) && len(k) >= len(key) {
				key = k
			}
		}
		touched[Dir+kind+"-"+trie[key]+".json"] = true
	}
	for _, t := range newest.Terms {
		chunkOf("t", r.manifest.Terms, an.words[t>>8])
	}
	for _, id := range newest.Surfaces {
		chunkOf("t", r.manifest.Terms, an.words[id])
	}
	for _, h := range newest.Pairs {
		touched[Dir+"p-"+r.manifest.Pairs.List[h>>(32-4*r.manifest.Pairs.Digits)*idLen:][:idLen]+".json"] = true
	}
	m := r.manifest
	touched[Dir+"l-"+m.Records[len(m.Records)-idLen:]+".json"] = true
	var shards string
	data, _ := r.fetch(Dir + "l-" + m.Records[len(m.Records)-idLen:] + ".json")
	if err := json.Unmarshal(data, &shards); err != nil {
		t.Fatal(err)
	}
	touched[Dir+"r-"+shards[len(shards)-idLen:]+".json"] = true
	touched[Dir+"f-"+m.Facets[len(m.Facets)-idLen:]+".json"] = true
	// And the top files of its terms and pairs, where it is among the best.
	tops := 0
	for _, name := range added {
		if strings.HasPrefix(name, Dir+"k-") {
			touched[name] = true
			tops++
		}
	}
	for _, name := range added {
		if !touched[name] {
			t.Errorf("the new story changed %s, which holds none of its terms", name)
		}
	}
	terms := len(newest.Terms) + len(newest.Pairs) + len(newest.Surfaces)
	t.Logf("a new story in %d: %d of %d files changed (%d terms and pairs, %d top files)", len(docs), len(added), len(after), terms, tops)
	if len(added) > terms+tops+5 {
		t.Errorf("%d files changed for %d terms", len(added), terms)
	}
	if len(m.Terms) < 10 {
		t.Errorf("%d term chunks: the test wants an index split in many", len(m.Terms))
	}
	if hits, _ := r.Search(ParseQuery(docs[len(docs)-1].Title, false)); len(hits) == 0 || hits[0].Doc != len(docs)-1 {
		t.Errorf("the new story's headline does not find it first: %v", hits[:min(3, len(hits))])
	}
}

func TestFacetValuesKeepTheirNumbers(t *testing.T) {
	docs := sampleDocs()
	an := NewAnalyser()
	values := func(as []*Analysis) Values {
		var s facetState
		s.reset()
		for _, a := range as {
			s.add(a)
		}
		return s.vals
	}
	v1 := values(analyseAll(an, docs[:2]))
	v2 := values(analyseAll(an, docs))
	if !slices.Equal(v1.Countries, v2.Countries[:len(v1.Countries)]) || !slices.Equal(v1.Sources, v2.Sources[:len(v1.Sources)]) {
		t.Errorf("new stories renumbered the values: %v then %v", v1, v2)
	}
	if got := slices.Collect(maps.Keys(map[string]bool{Slug("Anadolu Agency"): true})); got[0] != "anadolu-agency" {
		t.Errorf("Slug = %v", got)
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("word ", 100)
	if s := snippet(long, ""); len([]rune(s)) > snippetRunes+1 || !strings.HasSuffix(s, "…") {
		t.Errorf("snippet of a long lede = %q", s)
	}
	if s := snippet("", "Body first."); s != "Body first." {
		t.Errorf("snippet without a lede = %q", s)
	}
}

// FuzzReader feeds the reader damaged index files: it must answer or fail,
// never panic or hang.
func FuzzReader(f *testing.F) {
	files := buildDocs(sampleDocs())
	for _, fl := range files {
		f.Add(fl.Name, fl.Data)
	}
	f.Add(Dir+ManifestName, []byte(`{"n":-1}`))
	f.Add(Dir+ManifestName, []byte(`{"n":3,"t":{"":"x"}}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		byName := map[string][]byte{}
		for _, fl := range files {
			byName[fl.Name] = fl.Data
		}
		byName[name] = data
		r, err := NewReader(func(n string) ([]byte, error) {
			if d, ok := byName[n]; ok {
				return d, nil
			}
			return nil, fmt.Errorf("no %s", n)
		})
		if err != nil {
			return
		}
		for _, q := range []string{"ceasefire talks", `"ceasefire talks"`, "negot", "领土主权"} {
			hits, err := r.Search(ParseQuery(q, true))
			if err != nil {
				continue
			}
			for _, h := range hits[:min(3, len(hits))] {
				r.Record(h.Doc)
			}
		}
	})
}

// TestBuildIndependentOfAnalysisOrder analyses the same stories in two
// orders, as parallel workers may, and wants the same index: a word that
// is first met as another word's stem ("agre", from "agreed") must still
// get its own stem when met as a word.
func TestBuildIndependentOfAnalysisOrder(t *testing.T) {
	docs := append(sampleDocs(), Doc{Path: "/a/agre/", Title: "agre agr", Date: day(50)}, Doc{Path: "/a/agreed/", Title: "They agreed", Date: day(51)})
	forward := NewAnalyser()
	a1 := analyseAll(forward, docs)
	backward := NewAnalyser()
	a2 := make([]*Analysis, len(docs))
	for i := len(docs) - 1; i >= 0; i-- {
		a2[i] = backward.Analyse(docs[i])
	}
	if d1, d2 := dump(Build(forward, a1)), dump(Build(backward, a2)); d1 != d2 {
		t.Errorf("the order of analysis changed the index:\n%s\n---\n%s", d1, d2)
	}
}

// TestCacheBuildsAsBuild checks that an index built with the chunks kept
// from earlier builds is the index built afresh, byte for byte, as
// stories arrive, change and go.
func TestCacheBuildsAsBuild(t *testing.T) {
	docs := synthetic(600, 3)
	an := NewAnalyser()
	analyses := analyseAll(an, docs)
	var c Cache
	for _, step := range []struct {
		name string
		docs []*Analysis
	}{
		{"first", analyses[:500]},
		{"one new story", analyses[:501]},
		{"many new stories", analyses[:600]},
		{"a story gone", slices.Delete(slices.Clone(analyses), 100, 101)},
		{"the same again", slices.Delete(slices.Clone(analyses), 100, 101)},
	} {
		got, want := dump(c.Build(an, step.docs)), dump(Build(an, step.docs))
		if got != want {
			t.Fatalf("%s: the cached build differs from a fresh one", step.name)
		}
	}
}

// TestCacheRandomChanges builds an index through one Cache over random
// additions, deletions and edits of stories, and wants each build to be
// the index built afresh, byte for byte.
func TestCacheRandomChanges(t *testing.T) {
	for _, tt := range []struct{ limit, pairTop int }{{0, 0}, {80, 0}, {80, 2}} {
		t.Run(fmt.Sprintf("segments of %d, pair top files from %d", tt.limit, tt.pairTop), func(t *testing.T) {
			testCacheRandomChanges(t, tt.limit, tt.pairTop)
		})
	}
}

// testCacheRandomChanges is TestCacheRandomChanges with long postings
// cut in segments past limit bytes (0: segLimit), and top files for pairs
// in pairTop stories or more (0: minPairTop).
func testCacheRandomChanges(t *testing.T, limit, pairTop int) {
	fresh := func(an *Analyser, docs []*Analysis) []File {
		return (&Cache{segLimit: limit, pairTop: pairTop}).Build(an, docs)
	}
	pool := synthetic(160, 11)
	an := NewAnalyser()
	rng := rand.New(rand.NewPCG(5, 9))
	cur := analyseAll(an, pool[:100])
	next := 100
	c := Cache{segLimit: limit, pairTop: pairTop}
	segments, pairTops := 0, 0
	for step := range 25 {
		var what string
		switch op := rng.IntN(5); {
		case op <= 1 && next < len(pool):
			k := 1 + rng.IntN(3)
			for range k {
				if next < len(pool) {
					cur = append(cur, an.Analyse(pool[next]))
					next++
				}
			}
			what = fmt.Sprintf("%d new", k)
		case op == 2 && len(cur) > 1:
			i := len(cur) - 1 - rng.IntN(min(len(cur)-1, 20))
			if rng.IntN(3) == 0 {
				i = rng.IntN(len(cur))
			}
			cur = slices.Delete(slices.Clone(cur), i, i+1)
			what = fmt.Sprintf("story %d gone", i)
		default:
			i := len(cur) - 1 - rng.IntN(min(len(cur), 10))
			d := pool[rng.IntN(len(pool))]
			d.Title += " edited " + fmt.Sprint(step)
			cur = slices.Clone(cur)
			cur[i] = an.Analyse(d)
			what = fmt.Sprintf("story %d edited", i)
		}
		got, want := c.Build(an, cur), fresh(an, cur)
		if dump(got) != dump(want) {
			t.Fatalf("step %d (%s): the cached build differs from a fresh one", step, what)
		}
		for _, f := range got {
			if strings.HasPrefix(f.Name, Dir+"s-") {
				segments++
			}
			if strings.HasPrefix(f.Name, Dir+"p-") && strings.Contains(string(f.Data), `"k":{`) {
				pairTops++
			}
		}
	}
	if limit > 0 && segments == 0 {
		t.Errorf("no postings were cut in segments of %d bytes", limit)
	}
	if pairTop > 0 && pairTops == 0 {
		t.Errorf("no pair had a top file from %d stories", pairTop)
	}
}

// TestSegmentsSearchAlike cuts the postings in small segments and wants
// the same answers as from whole lists, and the segments read for them.
func TestSegmentsSearchAlike(t *testing.T) {
	docs := synthetic(400, 17)
	an := NewAnalyser()
	as := analyseAll(an, docs)
	whole := reader(t, Build(an, as))
	cut := (&Cache{segLimit: 100}).Build(an, as)
	byName := map[string][]byte{}
	for _, f := range cut {
		byName[f.Name] = f.Data
	}
	segsRead := 0
	r, err := NewReader(func(name string) ([]byte, error) {
		if strings.HasPrefix(name, Dir+"s-") {
			segsRead++
		}
		if d, ok := byName[name]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("no file %s", name)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs[:40] {
		for _, q := range []string{d.Title, d.Lede[:strings.IndexByte(d.Lede, ' ')], `"` + d.Title + `"`} {
			want, err1 := whole.Search(ParseQuery(q, true))
			got, err2 := r.Search(ParseQuery(q, true))
			if err1 != nil || err2 != nil || !slices.Equal(got, want) {
				t.Fatalf("%q: with segments %v (%v), whole %v (%v)", q, got[:min(5, len(got))], err2, want[:min(5, len(want))], err1)
			}
		}
	}
	if segsRead == 0 {
		t.Error("no segment was read")
	}
}

// BenchmarkCacheNewStory measures what a new story costs an index of
// 10,000 synthetic stories kept in a Cache: the time of the build, and
// the files and bytes it rewrites (files/op, bytes-written/op).
//
//	go test -run '^$' -bench CacheNewStory -benchtime 20x ./generator/search/
func BenchmarkCacheNewStory(b *testing.B) {
	docs := synthetic(10000+b.N, 13)
	an := NewAnalyser()
	analyses := analyseAll(an, docs)
	var c Cache
	last := map[string]bool{}
	for _, f := range c.Build(an, analyses[:10000]) {
		last[f.Name] = true
	}
	files, bytes := 0, 0
	b.ResetTimer()
	for i := range b.N {
		out := c.Build(an, analyses[:10001+i])
		b.StopTimer()
		now := make(map[string]bool, len(out))
		for _, f := range out {
			now[f.Name] = true
			if !last[f.Name] || f.Name == Dir+ManifestName {
				files++
				bytes += len(f.Data)
			}
		}
		last = now
		b.StartTimer()
	}
	b.ReportMetric(float64(files)/float64(b.N), "files/op")
	b.ReportMetric(float64(bytes)/float64(b.N), "bytes-written/op")
}

// TestOneWordFirstPage wants the first page of a one-word query read from
// the word's chunk and its top file alone, with the records the shards
// hold, for words common and rare.
func TestOneWordFirstPage(t *testing.T) {
	docs := synthetic(1500, 21)
	an := NewAnalyser()
	files := Build(an, analyseAll(an, docs))
	byName := filesByName(files)
	plain := reader(t, files)
	for _, w := range []string{docs[0].Title[:strings.IndexByte(docs[0].Title, ' ')], docs[1].Lede[:strings.IndexByte(docs[1].Lede, ' ')],
		docs[700].Body[strings.LastIndexByte(docs[700].Body, ' ')+1:]} {
		var fetched []string
		r, err := NewReader(func(name string) ([]byte, error) {
			fetched = append(fetched, name)
			return byName[name], nil
		})
		if err != nil {
			t.Fatal(err)
		}
		hits, err := r.Search(ParseQuery(w, false))
		if err != nil || len(hits) < minTop {
			t.Fatalf("%q: %d hits, %v", w, len(hits), err)
		}
		var page []int
		for _, h := range hits[:min(TopRecords, len(hits))] {
			page = append(page, h.Doc)
		}
		fetched = nil
		recs, err := r.Records(page)
		if err != nil {
			t.Fatal(err)
		}
		if len(fetched) != len(page) || slices.ContainsFunc(fetched, func(n string) bool { return !strings.HasPrefix(n, Dir+"k-") }) ||
			len(slices.Compact(slices.Sorted(slices.Values(fetched)))) != 1 {
			t.Errorf("%q (%d hits): the first page read %v, want one top file", w, len(hits), fetched)
		}
		for i, d := range page {
			want, err := plain.shardRecord(d)
			if err != nil {
				t.Fatal(err)
			}
			if string(recs[i]) != string(want) {
				t.Errorf("%q: document %d's record in the top file is %s, in its shard %s", w, d, recs[i], want)
			}
		}
	}
}

// TestChunkSignSeesVersions wants a chunk's signature to change whenever
// its entries' versions do, however they change together: the cache takes
// a chunk of the same signature for the same bytes.
func TestChunkSignSeesVersions(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		var c Cache
		x := &entry{key: fmt.Sprintf("%08x", rng.Uint32())}
		y := &entry{key: fmt.Sprintf("%08x", rng.Uint32())}
		v, w := uint64(1+rng.IntN(1000)), uint64(1+rng.IntN(1000))
		x.ver, y.ver = v, w
		before := c.sign("p", []*entry{x, y})
		for _, vs := range [][2]uint64{{w, v}, {v + 1, w - 1}, {v + 2, w + 1}, {v ^ 1, w ^ 1}} {
			if vs == [2]uint64{v, w} {
				continue
			}
			x.ver, y.ver = vs[0], vs[1]
			if c.sign("p", []*entry{x, y}) == before {
				t.Fatalf("case %d: versions %d, %d and %d, %d sign alike", i, v, w, vs[0], vs[1])
			}
		}
	}
}

// TestFirstPageRequests counts the files a query's first page reads, as
// the browser fetches them, and wants at most six requests with the
// page's script for the queries the layout bounds: one word (the
// manifest, its chunk, its top file), and two words whose pair is in the
// headlines or ledes of minPairTop stories or more, quoted or not (the
// manifest, two chunks, the pair's chunk and its top file).
func TestFirstPageRequests(t *testing.T) {
	docs := phraseDocs()
	an := NewAnalyser()
	files := Build(an, analyseAll(an, docs))
	byName := filesByName(files)
	plain := reader(t, files)
	common := strings.Fields(docs[5].Body)
	for _, q := range []string{"regional security", `"joint exercises"`, "climate finance", `"trade agreement"`,
		"security", "exercises", common[0], common[len(common)-1], strings.Fields(docs[2999].Title)[2]} {
		r, fetched := countingReader(t, byName)
		hits, err := r.Search(ParseQuery(q, false))
		if err != nil || len(hits) == 0 {
			t.Fatalf("%q: %d hits, %v", q, len(hits), err)
		}
		page := make([]int, 0, TopRecords)
		for _, h := range hits[:min(TopRecords, len(hits))] {
			page = append(page, h.Doc)
		}
		recs, err := r.Records(page)
		if err != nil {
			t.Fatal(err)
		}
		if requests := len(*fetched) + 1; requests > 6 {
			t.Errorf("%q (%d hits): %d requests with the script, want at most 6: %v", q, len(hits), requests, *fetched)
		}
		for i, d := range page {
			if want, _ := plain.shardRecord(d); string(recs[i]) != string(want) {
				t.Errorf("%q: document %d's record %s, its shard's %s", q, d, recs[i], want)
			}
		}
	}
}

// phraseDocs are synthetic stories of which many hold one of four
// phrases in their headline or lede, and many others the same words
// apart, in short headlines, so that the words' best stories are not the
// phrases'.
func phraseDocs() []Doc {
	docs := synthetic(3000, 41)
	phrases := []string{"regional security", "joint exercises", "climate finance", "trade agreement"}
	rng := rand.New(rand.NewPCG(8, 8))
	for i := range docs {
		switch p := rng.IntN(12); {
		case p < len(phrases) && rng.IntN(2) == 0:
			docs[i].Title = phrases[p] + " " + docs[i].Title
		case p < len(phrases):
			docs[i].Lede += " " + phrases[p]
		case p < 3*len(phrases):
			// The words apart, in short headlines: their own best
			// stories, not the pair's.
			w := strings.Fields(phrases[p%len(phrases)])
			docs[i].Title = w[1] + " " + w[0] + " " + strings.Fields(docs[i].Title)[0] + " " + w[1] + " " + w[0]
		}
	}
	return docs
}

// TestFirstPageBeforePostings wants the first page of two words whose
// pair has a top file read before the words' postings, without their
// segments, and to be Search's first page.
func TestFirstPageBeforePostings(t *testing.T) {
	docs := phraseDocs()
	an := NewAnalyser()
	files := CacheWithSegments(200, 0).Build(an, analyseAll(an, docs))
	byName := filesByName(files)
	for _, q := range []string{"regional security", `"joint exercises"`, "Climate finance", `"trade agreement"`,
		"security", "regional security talks", "regional secur", `"regional security" exercises`} {
		r, fetched := countingReader(t, byName)
		pq := ParseQuery(q, strings.HasSuffix(q, "secur"))
		page, err := r.FirstPage(pq)
		if err != nil {
			t.Fatal(err)
		}
		if eligible := len(strings.Fields(q)) == 2 && !strings.HasSuffix(q, "secur"); (page != nil) != eligible {
			t.Errorf("%q: first page %v, want one: %v", q, page, eligible)
			continue
		}
		if page == nil {
			continue
		}
		recs, err := r.Records(page)
		if err != nil {
			t.Fatal(err)
		}
		if requests := len(*fetched) + 1; requests > 6 || slices.ContainsFunc(*fetched, func(n string) bool { return strings.HasPrefix(n, Dir+"s-") }) {
			t.Errorf("%q: %d requests with the script: %v", q, requests, *fetched)
		}
		hits, err := r.Search(pq)
		if err != nil {
			t.Fatal(err)
		}
		var want []int
		for _, h := range hits[:TopRecords] {
			want = append(want, h.Doc)
		}
		if !slices.Equal(page, want) {
			t.Errorf("%q: first page %v, Search's %v", q, page, want)
		}
		wantRecs, err := r.Records(want)
		if err != nil {
			t.Fatal(err)
		}
		for i := range recs {
			if string(recs[i]) != string(wantRecs[i]) {
				t.Errorf("%q: record %d differs", q, i)
			}
		}
		if !slices.ContainsFunc(*fetched, func(n string) bool { return strings.HasPrefix(n, Dir+"s-") }) {
			t.Errorf("%q: Search read no segment: the test wants common words cut in segments", q)
		}
	}
}

// countingReader reads an index of files by name and lists the files it
// read, each once, as the browser asks for them.
func countingReader(t *testing.T, byName map[string][]byte) (*Reader, *[]string) {
	t.Helper()
	fetched := new([]string)
	r, err := NewReader(func(name string) ([]byte, error) {
		if !slices.Contains(*fetched, name) {
			*fetched = append(*fetched, name)
		}
		return byName[name], nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r, fetched
}

// filesByName maps an index's files' names to their bytes.
func filesByName(files []File) map[string][]byte {
	byName := make(map[string][]byte, len(files))
	for _, f := range files {
		byName[f.Name] = f.Data
	}
	return byName
}
