package search

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attache/attache/generator/search/tokenize"
)

// benchDocs reads the stories of $ATTACHE_SEARCH_CORPUS (a content folder,
// such as a corpusgen site's), or of the relevance fixture, as Docs: the
// title from the front matter, the rest as the body.
func benchDocs(b *testing.B) []Doc {
	b.Helper()
	dir := os.Getenv("ATTACHE_SEARCH_CORPUS")
	if dir == "" {
		return fixtureDocs(b)
	}
	docs, err := readDocs(dir)
	if err != nil {
		b.Fatal(err)
	}
	return docs
}

// readDocs reads the Markdown stories under dir.
func readDocs(dir string) ([]Doc, error) {
	var docs []Doc
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc := Doc{Path: p, Date: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)}
		front, body, _ := bytes.Cut(data[3:], []byte("+++"))
		for _, line := range strings.Split(string(front), "\n") {
			if v, ok := strings.CutPrefix(line, "title = "); ok {
				doc.Title = strings.Trim(v, `"`)
			}
		}
		// Rendered Markdown has typographic apostrophes and dashes: most
		// stories are not plain ASCII.
		text := strings.NewReplacer("'", "’", " - ", " — ").Replace(strings.TrimSpace(string(body)))
		lede, rest, _ := strings.Cut(text, "\n\n")
		doc.Lede, doc.Body = lede, lede+"\n\n"+rest
		docs = append(docs, doc)
		return nil
	})
	return docs, err
}

// BenchmarkAnalyse analyses a corpus with one Analyser, as a build does.
func BenchmarkAnalyse(b *testing.B) {
	docs := benchDocs(b)
	b.ResetTimer()
	for range b.N {
		an := NewAnalyser()
		for _, d := range docs {
			an.Analyse(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/story")
}

// resolved is an Analysis with its numbers replaced by the words they
// stand for, so that analyses by different Analysers compare.
type resolved struct {
	Terms    map[string]uint8
	Surfaces map[string]string // word → stem
	Pairs    map[uint32]uint8
	Record   string
	Month    int
	Facets   Doc
}

func resolve(an *Analyser, a *Analysis) resolved {
	r := resolved{Terms: map[string]uint8{}, Surfaces: map[string]string{}, Pairs: map[uint32]uint8{},
		Record: string(a.Record), Month: a.Month, Facets: a.facets}
	for _, t := range a.Terms {
		r.Terms[an.words[t>>8]] = uint8(t)
	}
	for _, s := range a.Surfaces {
		r.Surfaces[an.words[s]] = an.words[an.stems[s]]
	}
	for i, h := range a.Pairs {
		r.Pairs[h] = a.PairWeights[i]
	}
	return r
}

// checkAnalysis checks an analysis by a long-lived Analyser (stems
// remembered, numbers shared, scratch reused, ASCII read in one pass)
// against the same story analysed alone by a new Analyser, and its words
// against tokenize.Words, which stems every word afresh.
func checkAnalysis(t *testing.T, an *Analyser, a *Analysis, d Doc) {
	t.Helper()
	got := resolve(an, a)
	fresh := NewAnalyser()
	if want := resolve(fresh, fresh.Analyse(d)); !reflect.DeepEqual(got, want) {
		t.Fatalf("analysis of %+v:\n got %+v\nwant %+v", d, got, want)
	}
	stems, surfaces := map[string]bool{}, map[string]string{}
	for _, text := range []string{d.Title, d.Lede, d.Body} {
		for _, w := range tokenize.Words(text) {
			stems[w.Stem] = true
			if w.Stem != w.Surface {
				surfaces[w.Surface] = w.Stem
			}
		}
	}
	if !maps.Equal(surfaces, got.Surfaces) {
		t.Fatalf("surfaces of %+v = %v, want %v", d, got.Surfaces, surfaces)
	}
	if len(stems) != len(got.Terms) {
		t.Fatalf("terms of %+v = %v, want %v", d, got.Terms, stems)
	}
	for s := range stems {
		if _, ok := got.Terms[s]; !ok {
			t.Fatalf("terms of %+v = %v, want %v", d, got.Terms, stems)
		}
	}
}

// TestAnalyserSharedMatchesFresh analyses the relevance fixture's stories
// and the sample stories on several goroutines with one Analyser, as a
// build does, and checks each analysis.
func TestAnalyserSharedMatchesFresh(t *testing.T) {
	docs := append(sampleDocs(), fixtureDocs(t)...)
	docs = append(docs, docs...) // each word is met again, remembered
	an := NewAnalyser()
	got := make([]*Analysis, len(docs))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += 4 {
				got[i] = an.Analyse(docs[i])
			}
		}()
	}
	wg.Wait()
	for i, d := range docs {
		checkAnalysis(t, an, got[i], d)
	}
}

// FuzzAnalyse checks any story's analysis, by an Analyser that has
// already analysed the sample stories, as TestAnalyserSharedMatchesFresh
// does.
func FuzzAnalyse(f *testing.F) {
	for _, d := range sampleDocs() {
		f.Add(d.Title, d.Lede, d.Body)
	}
	f.Add("agreed agre", "Agreed. AGRE—agr", "ＵＮ ﬁnance, talks; Talks")
	f.Fuzz(func(t *testing.T, title, lede, body string) {
		an := NewAnalyser()
		analyseAll(an, sampleDocs())
		d := Doc{Path: "/a/x/", Title: title, Lede: lede, Body: body, Date: day(1)}
		checkAnalysis(t, an, an.Analyse(d), d)
	})
}

// fixtureDocs reads the relevance fixture's stories.
func fixtureDocs(t testing.TB) []Doc {
	t.Helper()
	docs, err := readDocs(filepath.Join("testdata", "relevance", "content"))
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// BenchmarkBuild measures a clean build of the index of analysed stories,
// what a clean site build adds besides analysing them:
//
//	ATTACHE_SEARCH_CORPUS=/tmp/c10k/content go test -run '^$' -bench 'Build$' -benchmem ./generator/search/
func BenchmarkBuild(b *testing.B) {
	docs := benchDocs(b)
	an := NewAnalyser()
	analyses := make([]*Analysis, len(docs))
	for i, d := range docs {
		analyses[i] = an.Analyse(d)
	}
	b.ResetTimer()
	for range b.N {
		Build(an, analyses)
	}
}
