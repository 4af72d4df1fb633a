package buildcache

import (
	"fmt"
	"html/template"
	"maps"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/textsim"
)

// BenchmarkLoadIndex measures what a build that finds nothing changed
// reads first on a site of 100,000 articles: the cache's index, with
// 300,000 output files in 100,000 folders.
func BenchmarkLoadIndex(b *testing.B) {
	dir := b.TempDir()
	s := Site{Dir: dir, Source: dir, ContentDir: dir + "/content", Config: dir + "/config.toml", Templates: dir + "/templates", Destination: dir + "/public"}
	c := Open(s)
	st := &State{Inputs: map[string]Input{}}
	outs := map[string]Output{}
	times := map[string]int64{}
	for i := range 100000 {
		name := fmt.Sprintf("articles/%d/story-number-%06d-about-something.md", 2000+i%25, i)
		st.Inputs[name] = Input{Name: name, Size: int64(i), ModTime: int64(i) * 1e9, Version: uint64(i) * 7919}
		d := fmt.Sprintf("articles/%d/%02d/a-fairly-long-slug-of-a-story-%06d", 2000+i%25, 1+i%12, i)
		outs[d+"/index.html"] = Output{Sig: uint64(i), Sum: uint64(i) * 3, Size: 12345, ModTime: int64(i) * 1e9}
		times[d] = int64(i)
		for k := range 2 {
			outs[fmt.Sprintf("countries/c%d/%d/%02d/page-%d.html", i%200, 2000+i%25, 1+i%12, k+i/5000)] = Output{Sig: 1}
		}
	}
	st.Outputs = NewManifest(len(outs), maps.All(outs))
	for i, f := range st.Outputs {
		st.Outputs[i].Time = times[f.Name]
	}
	if err := c.Save(st); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if c.Load() == nil {
			b.Fatal("no load")
		}
	}
}

// packState returns n inputs like those a build caches: one Markdown
// story each, its plain text dropped after detection, with its features,
// detected entities and a body of ten paragraphs.
func packState(n int) *State {
	rnd := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("talks between foreign ministers agreed step up cooperation on green development according joint statement issued after " +
		"senior officials member states gathered here discuss public health amid growing concern over impact recent region")
	phrase := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = words[rnd.IntN(len(words))]
		}
		return strings.Join(w, " ")
	}
	st := &State{Inputs: make(map[string]Input, n)}
	for i := range n {
		name := fmt.Sprintf("articles/%d/story-number-%06d-about-something.md", 2000+i%25, i)
		title := phrase(8)
		var body strings.Builder
		for range 10 {
			body.WriteString("<p>" + phrase(60) + "</p>\n")
		}
		f := &textsim.Features{Terms: make([]uint32, 110), Counts: make([]uint16, 110)}
		for k := range f.Terms {
			f.Terms[k], f.Counts[k] = rnd.Uint32(), uint16(1+rnd.IntN(5))
		}
		slices.Sort(f.Terms)
		for k := range f.Sketch {
			f.Sketch[k] = rnd.Uint32()
		}
		a := &article.Article{File: "content/" + name, Format: article.Markdown, Title: title, Slug: strings.ReplaceAll(title, " ", "-"),
			Date: time.Unix(1.5e9+int64(i)*3600, 0).UTC(), Source: "Xinhua", Dateline: "TOKYO", Editors: []string{},
			Lede: phrase(30), Tags: []string{}, Countries: []string{"Japan", "Latvia"}, Organisations: []string{"ADB"},
			Params: map[string]any{}, Body: article.NewBody(template.HTML(body.String()))}
		det := detect.Result{
			Countries:     []detect.Entity{{ID: "JP", Mentions: 13, Primary: true, Score: 15.4, Confidence: 1}, {ID: "LV", Mentions: 2, Score: 2, Confidence: 1}},
			Organisations: []detect.Entity{{ID: "adb", Mentions: 7, Primary: true, Score: 9, Confidence: 1}},
		}
		st.Inputs[name] = Input{Name: name, Size: 5000, ModTime: int64(i) * 1e9, Version: uint64(i) * 7919,
			Inputs: []site.Input{{Article: a, Detected: det, Version: uint64(i) * 7919, Features: f}}}
	}
	return st
}

// BenchmarkReadPack measures reading the articles of 20,000 stories from
// the cache's pack, as a cached build and the start of attache watch do;
// their bodies stay in the pack.
func BenchmarkReadPack(b *testing.B) {
	c := Open(testSite(b))
	if c == nil {
		b.Skip("the test binary cannot be identified")
	}
	if err := c.Save(packState(20000)); err != nil {
		b.Fatal(err)
	}
	st := c.Load()
	runtime.GC() // not the setup's garbage
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if !c.LoadArticles(st, nil) {
			b.Fatal("no articles")
		}
	}
	b.StopTimer()
	for _, seg := range st.pack.Segments {
		b.ReportMetric(float64(seg.Len-seg.Bodies)/1e6, "records-MB")
	}
	// What the articles read keep alive, which attache watch holds.
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	st.Inputs = maps.Clone(st.Inputs)
	for name, in := range st.Inputs {
		in.Inputs = nil
		st.Inputs[name] = in
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(int64(before.HeapAlloc)-int64(after.HeapAlloc))/1e6, "live-MB")
}
