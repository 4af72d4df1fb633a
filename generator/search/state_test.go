package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// newProcess encodes a Cache's state and the analyses it indexed, and
// reads both back with a new Analyser, as the next process does.
func newProcess(t *testing.T, an *Analyser, c *Cache, docs []*Analysis) (*Analyser, *Cache, []*Analysis) {
	t.Helper()
	kept := make([]Kept, len(docs))
	keys := make([]string, len(docs))
	for i, a := range docs {
		keys[i] = fmt.Sprint("doc ", i)
		kept[i] = Kept{Path: keys[i], Version: 1, Analysis: a}
	}
	state := c.EncodeState(keys)
	if state == nil {
		t.Fatal("no state")
	}
	an2 := NewAnalyser()
	back, err := an2.DecodeKept(an.EncodeKept(kept))
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]*Analysis{}
	docs2 := make([]*Analysis, len(back))
	for i, k := range back {
		byKey[k.Path], docs2[i] = k.Analysis, k.Analysis
	}
	c2, err := RestoreCache(an2, state, func(k string) *Analysis { return byKey[k] })
	if err != nil {
		t.Fatal(err)
	}
	return an2, c2, docs2
}

// sameIndex wants got to be want, but for files without bytes, which
// must be named as want's and so hold the same bytes.
func sameIndex(t *testing.T, what string, got, want []File) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d files, want %d", what, len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Name != w.Name || g.Sign != w.Sign || (g.Data != nil && string(g.Data) != string(w.Data)) {
			t.Fatalf("%s: file %d is %s (%d bytes), want %s (%d bytes)", what, i, g.Name, len(g.Data), w.Name, len(w.Data))
		}
	}
}

// TestRestoredCacheAppends restores a Cache in a new Analyser after each
// of random additions, removals and edits, and wants its next build to
// be a clean build's, byte for byte, and new bytes only for what changed.
func TestRestoredCacheAppends(t *testing.T) {
	for _, tt := range []struct{ limit, pairTop int }{{0, 0}, {80, 2}} {
		t.Run(fmt.Sprintf("segments of %d, pair top files from %d", tt.limit, tt.pairTop), func(t *testing.T) {
			pool := synthetic(150, 31)
			an := NewAnalyser()
			cur := analyseAll(an, pool[:100])
			c := &Cache{segLimit: tt.limit, pairTop: tt.pairTop}
			c.Build(an, cur)
			rng := rand.New(rand.NewPCG(3, 4))
			next := 100
			for step := range 20 {
				var docs []*Analysis
				an, c, docs = newProcess(t, an, c, cur)
				// Nothing changed: every file is the last build's.
				same := c.Build(an, docs)
				for _, f := range same {
					if f.Data != nil && f.Name != Dir+ManifestName {
						t.Fatalf("step %d: nothing changed, and %s was encoded again", step, f.Name)
					}
				}
				var what string
				switch op := rng.IntN(4); {
				case op <= 1 && next < len(pool):
					docs = append(docs, an.Analyse(pool[next]))
					next++
					what = "a new story"
				case op == 2 && len(docs) > 1:
					i := len(docs) - 1 - rng.IntN(min(len(docs)-1, 10))
					docs = slices.Delete(slices.Clone(docs), i, i+1)
					what = fmt.Sprintf("story %d gone", i)
				default:
					i := len(docs) - 1 - rng.IntN(min(len(docs), 10))
					d := pool[rng.IntN(len(pool))]
					d.Title += fmt.Sprint(" edited ", step)
					docs = slices.Clone(docs)
					docs[i] = an.Analyse(d)
					what = fmt.Sprintf("story %d edited", i)
				}
				got := c.Build(an, docs)
				want := (&Cache{segLimit: tt.limit, pairTop: tt.pairTop}).Build(an, docs)
				sameIndex(t, fmt.Sprintf("step %d (%s)", step, what), got, want)
				cur = docs
			}
		})
	}
}

// TestRestoreCacheRejects wants a damaged, truncated or mismatched state
// refused, never a Cache that builds another index.
func TestRestoreCacheRejects(t *testing.T) {
	an := NewAnalyser()
	docs := analyseAll(an, synthetic(60, 5))
	c := &Cache{}
	c.Build(an, docs)
	keys, byKey := keyed(docs)
	state := c.EncodeState(keys)
	of := func(k string) *Analysis { return byKey[k] }
	if _, err := RestoreCache(an, state, of); err != nil {
		t.Fatalf("the state as written: %v", err)
	}
	for _, tt := range []struct {
		name string
		data []byte
		of   func(string) *Analysis
	}{
		{"empty", nil, of},
		{"another format", append([]byte("attache search index 0\n"), state[len(stateMagic):]...), of},
		{"truncated", state[:len(state)/2], of},
		{"one byte more", append(slices.Clone(state), 0), of},
		{"a story missing", state, func(k string) *Analysis {
			if k == "7" {
				return nil
			}
			return byKey[k]
		}},
		{"other stories", state, func(k string) *Analysis { return byKey[fmt.Sprint((len(k)+3)%60)] }},
	} {
		if _, err := RestoreCache(an, tt.data, tt.of); err == nil {
			t.Errorf("%s: restored", tt.name)
		}
	}
}

// FuzzRestoreCache feeds RestoreCache damaged states: it must restore or
// fail, never panic or allocate without bound.
func FuzzRestoreCache(f *testing.F) {
	an := NewAnalyser()
	docs := analyseAll(an, append(sampleDocs(), synthetic(30, 9)...))
	c := &Cache{pairTop: 2}
	c.Build(an, docs)
	keys, byKey := keyed(docs)
	f.Add(c.EncodeState(keys))
	f.Add([]byte(stateMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := RestoreCache(an, data, func(k string) *Analysis { return byKey[k] })
		if err != nil {
			return
		}
		c.Build(an, docs) // must not panic
	})
}

// keyed names documents by their numbers.
func keyed(docs []*Analysis) ([]string, map[string]*Analysis) {
	keys := make([]string, len(docs))
	byKey := map[string]*Analysis{}
	for i, a := range docs {
		keys[i] = fmt.Sprint(i)
		byKey[keys[i]] = a
	}
	return keys, byKey
}
