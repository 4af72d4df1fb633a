package thread_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/parse"
	"github.com/attache/attache/generator/site"
)

// evalSite builds the site model of a folder of article files, as a build
// would: parsed, detected, placed.
func evalSite(t testing.TB, dirs ...string) *site.Site {
	t.Helper()
	gaz := gazetteer.Default()
	p, d := parse.New(), detect.New(gaz)
	var files []string
	for _, dir := range dirs {
		fs, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	var inputs []site.Input
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := p.Parse(filepath.Base(f), src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		inputs = append(inputs, site.Input{Article: a, Detected: d.Detect(detect.InputOf(a))})
	}
	return site.New(config.Default(), gaz, inputs)
}

type labelled struct {
	same       bool
	kind, a, b string
}

func readPairs(t *testing.T, path string) []labelled {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if strings.HasPrefix(sc.Text(), "#") || sc.Text() == "" {
			continue
		}
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 4 || (fs[0] != "0" && fs[0] != "1") {
			t.Fatalf("%s:%d: want label, kind, file, file", path, line)
		}
		out = append(out, labelled{fs[0] == "1", fs[1], fs[2], fs[3]})
	}
	return out
}

// TestThreadEvaluation measures pairwise precision and recall of threads
// on the labelled set in testdata/eval: 120 pairs of 48 reports of 16
// events, written for this before any tuning (README "Story threads").
func TestThreadEvaluation(t *testing.T) {
	// The sample site's stories, all older, stand for the archive a real
	// site has: word weights count the stories up to each one's time.
	s := evalSite(t, "testdata/eval/content", "../../content")
	thread := map[string]string{}
	for _, a := range s.Articles {
		thread[a.Parsed.File] = a.Parsed.File
		if a.Thread != nil {
			thread[a.Parsed.File] = a.Thread.ID
		}
	}
	pairs := readPairs(t, "testdata/eval/pairs.tsv")
	if len(pairs) < 100 {
		t.Fatalf("%d labelled pairs, want at least 100", len(pairs))
	}
	var tp, fp, fn int
	perKind := map[string][2]int{} // right, all
	for _, p := range pairs {
		ta, ok1 := thread[p.a]
		tb, ok2 := thread[p.b]
		if !ok1 || !ok2 {
			t.Fatalf("pair %s %s: no such article", p.a, p.b)
		}
		got := ta == tb
		k := perKind[p.kind]
		k[1]++
		if got == p.same {
			k[0]++
		} else {
			t.Logf("wrong: %s pair %s %s: grouped %v", p.kind, p.a, p.b, got)
		}
		perKind[p.kind] = k
		switch {
		case got && p.same:
			tp++
		case got:
			fp++
		case p.same:
			fn++
		}
	}
	precision := float64(tp) / float64(max(1, tp+fp))
	recall := float64(tp) / float64(max(1, tp+fn))
	f1 := 2 * precision * recall / max(1e-9, precision+recall)
	t.Logf("pairs %d: precision %.3f recall %.3f F1 %.3f", len(pairs), precision, recall, f1)
	for _, k := range []string{"versions", "agencies", "different"} {
		t.Logf("  %s: %d of %d right", k, perKind[k][0], perKind[k][1])
	}
	if f1 < 0.90 {
		t.Errorf("F1 %.3f, want at least 0.90", f1)
	}
}
