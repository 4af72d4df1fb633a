package detect

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/parse"
)

// benchInputs returns the evaluation articles and the seed as inputs.
func benchInputs(b *testing.B) ([]Input, int) {
	files, _ := filepath.Glob("testdata/eval/*.[tm][xd]*")
	files = append(files, "testdata/seed-xinhua.txt")
	p := parse.New()
	var ins []Input
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		a, err := p.Parse(filepath.Base(f), src)
		if err != nil {
			continue
		}
		in := InputOf(a)
		ins = append(ins, in)
		n += len(in.Title) + len(in.Dateline) + len(in.Lede) + len(in.Body)
	}
	if n == 0 {
		b.Skip("no articles")
	}
	return ins, n
}

// BenchmarkDetect measures throughput on realistic article text; the
// target is at least 50 MB/s on one core.
func BenchmarkDetect(b *testing.B) {
	ins, n := benchInputs(b)
	d := New(gazetteer.Default())
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, in := range ins {
			d.Detect(in)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	g := gazetteer.Default()
	for b.Loop() {
		New(g)
	}
}
