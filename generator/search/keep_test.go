package search

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
)

// keptOf analyses docs with an and keys them by path.
func keptOf(an *Analyser, docs []Doc) []Kept {
	kept := make([]Kept, len(docs))
	for i, d := range docs {
		kept[i] = Kept{Path: d.Path, Version: uint64(i + 1), Analysis: an.Analyse(d)}
	}
	return kept
}

func analysesOf(kept []Kept) []*Analysis {
	out := make([]*Analysis, len(kept))
	for i, k := range kept {
		out[i] = k.Analysis
	}
	return out
}

// TestKeptRoundTrip checks that analyses read back in another Analyser —
// a new one, as in a new process, or one that knows other words already —
// are the same analyses and make the same index, byte for byte, and that
// the Analyser goes on analysing as a new one would.
func TestKeptRoundTrip(t *testing.T) {
	docs := append(sampleDocs(), fixtureDocs(t)...)
	an := NewAnalyser()
	kept := keptOf(an, docs)
	want := dump(Build(an, analysesOf(kept)))
	data := an.EncodeKept(kept)
	for _, tt := range []struct {
		name  string
		first []Doc // what the reading Analyser analysed before
	}{
		{"new analyser", nil},
		{"analyser knowing other words", []Doc{{Title: "zebra yak xylophone agreed talks", Body: "Переговоры 停火"}, docs[3]}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			other := NewAnalyser()
			analyseAll(other, tt.first)
			got, err := other.DecodeKept(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(kept) {
				t.Fatalf("read %d analyses, want %d", len(got), len(kept))
			}
			for i, k := range got {
				if k.Path != kept[i].Path || k.Version != kept[i].Version {
					t.Fatalf("analysis %d is of %s@%d, want %s@%d", i, k.Path, k.Version, kept[i].Path, kept[i].Version)
				}
				if g, w := resolve(other, k.Analysis), resolve(an, kept[i].Analysis); !reflect.DeepEqual(g, w) {
					t.Fatalf("analysis of %s:\n got %+v\nwant %+v", k.Path, g, w)
				}
			}
			if g := dump(Build(other, analysesOf(got))); g != want {
				t.Errorf("index of the analyses read back differs:\n%s\nwant\n%s", g, want)
			}
			for _, d := range docs[:8] {
				checkAnalysis(t, other, other.Analyse(d), d)
			}
		})
	}
}

// TestDecodeKeptRejects checks that a damaged or foreign encoding is no
// encoding, and leaves the Analyser as it was.
func TestDecodeKeptRejects(t *testing.T) {
	an := NewAnalyser()
	data := an.EncodeKept(keptOf(an, sampleDocs()))
	bad := map[string][]byte{
		"empty":          nil,
		"another format": bytes.Replace(data, []byte("analyses 1"), []byte("analyses 0"), 1),
		"trailing bytes": append(bytes.Clone(data), 0),
	}
	for n := 1; n < len(data); n += max(1, len(data)/200) {
		bad[fmt.Sprint("truncated to ", n)] = data[:n]
	}
	for name, b := range bad {
		fresh := NewAnalyser()
		if got, err := fresh.DecodeKept(b); err == nil {
			t.Errorf("%s: read %d analyses, want an error", name, len(got))
		}
		if len(fresh.words) != 0 {
			t.Errorf("%s: the Analyser learnt %d words from a rejected encoding", name, len(fresh.words))
		}
	}
}

// FuzzDecodeKept checks that no bytes make DecodeKept crash or hang, and
// that what it accepts makes an index and encodes back to itself.
func FuzzDecodeKept(f *testing.F) {
	an := NewAnalyser()
	f.Add(an.EncodeKept(keptOf(an, sampleDocs())))
	f.Add(an.EncodeKept(nil))
	f.Add([]byte(keepMagic + "\x02\x01a\x00\x01b\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		an := NewAnalyser()
		kept, err := an.DecodeKept(data)
		if err != nil {
			return
		}
		Build(an, analysesOf(kept))
		again, err := NewAnalyser().DecodeKept(an.EncodeKept(kept))
		if err != nil || len(again) != len(kept) {
			t.Fatalf("re-encoded analyses read back as %d, %v; want %d", len(again), err, len(kept))
		}
	})
}
