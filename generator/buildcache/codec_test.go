package buildcache

import (
	"reflect"
	"testing"
)

func sampleIndexes() []*index {
	full := &index{Format: Format, InputsKey: [32]byte{1, 2}, OutputsKey: [32]byte{3},
		Pack: packRef{Name: "articles-0123.pack", ID: [16]byte{9, 9},
			Segments: []segment{{Off: 33, Len: 4096, Sum: [32]byte{7}, Records: 4000, Bodies: 2048}, {Off: 4129, Len: 10, Records: 10}}},
		Inputs: []Input{{Name: "2024/a.md", Size: 1234, ModTime: 1730000000123456789, Version: 1<<63 + 5},
			{Name: "ünïcode/b.md", Size: 0, ModTime: 0, Version: 0}},
		Where: []record{{Seg: 33, Len: 100}, {Seg: 4129, Len: 10}},
		Outputs: Manifest{
			{Name: ".", Time: 1730000000000000000, Files: []OutputFile{{Name: "index.html", Out: Output{Sig: 1<<64 - 1, Sum: 42, Deps: 5, Size: 9000, ModTime: -1}}}},
			{Name: "articles", Time: 0},
			{Name: "articles/2024", Time: 17, Files: []OutputFile{{Name: "a.html"}, {Name: "b.html", Out: Output{Deps: 1<<32 - 1}}}},
		},
		Report: &Report{At: 1, Until: -2, Log: []LogRecord{{Level: -4, Message: "debug"}, {Level: 4, Message: "warning: x"}},
			Articles: 2, Pages: 3, Countries: 4, Organisations: 5, Warnings: []string{"content/a.md:3: no country named Atlantis"}},
	}
	return []*index{
		full,
		{Format: Format, Inputs: []Input{}, Where: []record{}},
		{Format: Format, Inputs: []Input{}, Where: []record{}, Outputs: Manifest{{Name: "."}}, Report: &Report{}},
	}
}

// TestIndexRoundTrip checks that every field of the index survives its
// encoding, nil and empty parts included.
func TestIndexRoundTrip(t *testing.T) {
	for i, ix := range sampleIndexes() {
		var e encoder
		e.index(ix)
		got, err := decodeIndex(string(e.buf))
		if err != nil {
			t.Fatalf("index %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, ix) {
			t.Errorf("index %d:\ngot  %+v\nwant %+v", i, got, ix)
		}
		// Every cut of it is refused, and so is anything after it.
		for n := range len(e.buf) {
			if _, err := decodeIndex(string(e.buf[:n])); err == nil {
				t.Errorf("index %d cut at %d of %d bytes decodes", i, n, len(e.buf))
			}
		}
		if _, err := decodeIndex(string(e.buf) + "\x00"); err == nil {
			t.Errorf("index %d with a byte after it decodes", i)
		}
	}
}

// FuzzDecodeIndex checks that no index bytes make the decoder crash, hang
// or allocate more than they could describe, and that what decodes
// encodes back to the same index. The index's checksum keeps a fuzzer of
// Load (FuzzLoad) away from the decoder.
func FuzzDecodeIndex(f *testing.F) {
	for _, ix := range sampleIndexes() {
		var e encoder
		e.index(ix)
		f.Add(e.buf)
	}
	f.Add([]byte{Format, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, err := decodeIndex(string(data))
		if err != nil {
			return
		}
		var e encoder
		e.index(ix)
		again, err := decodeIndex(string(e.buf))
		if err != nil || !reflect.DeepEqual(again, ix) {
			t.Fatalf("decoded, encoded and decoded again: %v\n%+v\n%+v", err, again, ix)
		}
	})
}

// TestIndexSize checks that the encoder's buffer is made large enough at
// once.
func TestIndexSize(t *testing.T) {
	for i, ix := range sampleIndexes() {
		var e encoder
		e.index(ix)
		if n := indexSize(ix); n < len(e.buf) {
			t.Errorf("index %d: indexSize %d, encoded %d bytes", i, n, len(e.buf))
		}
	}
}
