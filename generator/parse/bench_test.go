package parse

import (
	"os"
	"testing"
)

func benchParse(b *testing.B, name, file string) {
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	p := New()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Parse(name, src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseWire(b *testing.B)     { benchParse(b, "seed.txt", "testdata/seed.txt") }
func BenchmarkParseMarkdown(b *testing.B) { benchParse(b, "full.md", "testdata/markdown/full.md") }
