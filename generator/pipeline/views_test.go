package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/internal/parallel"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// TestSignViewsSignsAsMakeViews signs the bundled sample site's pages
// with SignViews, in chunks small enough that each is signed while the
// next is made, twice with one Maker (the second build keeps views): the
// signatures are those of views made and signed one chunk after the other.
// Run with -race, it checks that signing one chunk and making the next
// share nothing unguarded.
func TestSignViewsSignsAsMakeViews(t *testing.T) {
	p, err := Load(Options{Source: filepath.Join("..", ".."), Destination: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	inputs := analysed(t, p)
	reported := map[diag.Warning]bool{}
	signatures := func(views *view.Maker, concurrently bool, chunk int) []uint64 {
		// Assemble leaves out, in place, what it does not publish.
		s, _ := p.Assemble(slices.Clone(inputs), &reported)
		outs, err := p.ListOutputs(s)
		if err != nil {
			t.Fatal(err)
		}
		sigs := make([]uint64, len(outs))
		sign := func(lo, hi int) error {
			parallel.Do(context.Background(), hi-lo, 2, func(k int) {
				sigs[lo+k] = outs[lo+k].Signature(outs[lo+k].Deps())
				outs[lo+k].DropView()
			})
			return nil
		}
		if concurrently {
			err = SignViews(s, views, outs, chunk, sign)
		} else {
			err = MakeViews(s, views, outs, chunk, sign)
		}
		if err != nil {
			t.Fatal(err)
		}
		return sigs
	}
	var one view.Maker
	want := signatures(&one, false, 1<<20)
	if len(want) < 100 {
		t.Fatalf("the sample site has %d outputs; the test needs many chunks", len(want))
	}
	var kept view.Maker
	for build := range 2 {
		if got := signatures(&kept, true, 7); !slices.Equal(got, want) {
			t.Errorf("build %d: SignViews signed differently from MakeViews", build+1)
		}
	}
}

// analysed parses and analyses every article of p, each with a version of
// its own, as a Builder keeps them from build to build.
func analysed(tb testing.TB, p *Project) []site.Input {
	tb.Helper()
	files, _, err := ContentFiles(p.ContentDir)
	if err != nil {
		tb.Fatal(err)
	}
	perFile := make([][]site.Input, len(files))
	parallel.Do(context.Background(), len(files), p.Options.Workers, func(i int) {
		src, err := os.ReadFile(filepath.Join(p.ContentDir, files[i]))
		if err == nil {
			perFile[i], _, err = p.AnalyseAll(files[i], src)
		}
		if err != nil {
			tb.Error(err)
		}
	})
	inputs := slices.Concat(perFile...)
	for i := range inputs {
		inputs[i].Version = uint64(i + 1)
	}
	return inputs
}
