package site

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/gazetteer"
)

// TestSavedLinksAreKept checks that a New after RestoreLinks keeps the
// saved related stories of the stories a change cannot reach, rather
// than working them out again: the oldest story's saved list is altered,
// and the New shows the altered list.
func TestSavedLinksAreKept(t *testing.T) {
	cfg, gaz := config.Default(), gazetteer.Default()
	inputs := storyInputs(t)
	memo := NewMemo()
	s := New(cfg, gaz, inputs, WithMemo(memo))
	n := len(s.Articles)
	sv, err := decodeLinks(memo.SavedLinks())
	if err != nil {
		t.Fatal(err)
	}
	// Story 0 in time order is the oldest, s.Articles[n-1]; its saved
	// list now names the newest story, which it cannot be related to.
	sv.related[0] = []int32{int32(n - 1)}
	restored := NewMemo()
	if err := restored.RestoreLinks(cfg, gaz, sv.encode()); err != nil {
		t.Fatal(err)
	}
	newest := slices.MaxFunc(inputs, func(a, b Input) int { return a.Article.Date.Compare(b.Article.Date) })
	story := *newest.Article
	story.File, story.Date = "later.md", story.Date.Add(90*24*time.Hour)
	grown := append(slices.Clone(inputs), Input{Article: &story, Detected: newest.Detected, Version: 999})
	got := New(cfg, gaz, grown, WithMemo(restored))
	oldest := got.Articles[len(got.Articles)-1]
	if len(oldest.Related) != 1 || oldest.Related[0].Path != s.Articles[0].Path {
		t.Fatalf("the oldest story's related stories were worked out again, not kept: %v", pathsOf(oldest.Related))
	}
	// The new story's own links are worked out, as a fresh model has them.
	fresh := New(cfg, gaz, grown)
	if a, b := pathsOf(got.Articles[0].Related), pathsOf(fresh.Articles[0].Related); !slices.Equal(a, b) {
		t.Errorf("the new story's related stories %v, afresh %v", a, b)
	}
}

func pathsOf(as []*Article) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Path)
	}
	return out
}

// TestRestoreLinksRejects checks that RestoreLinks refuses what SavedLinks
// did not write, leaving the Memo as it was.
func TestRestoreLinksRejects(t *testing.T) {
	cfg, gaz := config.Default(), gazetteer.Default()
	memo := NewMemo()
	New(cfg, gaz, storyInputs(t), WithMemo(memo))
	good := memo.SavedLinks()
	sv, err := decodeLinks(good)
	if err != nil {
		t.Fatal(err)
	}
	n := len(sv.versions)
	edit := func(change func(sv *savedLinks)) []byte {
		c, err := decodeLinks(good)
		if err != nil {
			t.Fatal(err)
		}
		change(c)
		return c.encode()
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"another format", append([]byte("attache links 0\n"), good[len(savedLinksMagic):]...)},
		{"truncated", good[:len(good)-3]},
		{"trailing bytes", append(slices.Clone(good), 0)},
		{"a story count past the data", append([]byte(savedLinksMagic), 0xff, 0xff, 0xff, 0x7f)},
		{"time going back", edit(func(sv *savedLinks) { sv.times[n-1] = sv.times[n-2] - 1 })},
		{"thread root past the stories", edit(func(sv *savedLinks) { sv.roots[3] = int32(n) })},
		{"a story related to itself", edit(func(sv *savedLinks) { sv.related[2] = []int32{2} })},
		{"a related story past the stories", edit(func(sv *savedLinks) { sv.related[2] = []int32{int32(n + 5)} })},
		{"too many related stories", edit(func(sv *savedLinks) { sv.related[2] = make([]int32, RelatedCount+1) })},
	}
	for _, tt := range tests {
		m := NewMemo()
		if err := m.RestoreLinks(cfg, gaz, tt.data); err == nil {
			t.Errorf("%s: restored", tt.name)
		}
		if m.saved != nil || m.cfg != nil {
			t.Errorf("%s: the Memo changed", tt.name)
		}
	}
}

// FuzzDecodeLinks checks that any bytes decode without a panic, and that
// what decodes encodes to what decodes the same.
func FuzzDecodeLinks(f *testing.F) {
	cfg, gaz := config.Default(), gazetteer.Default()
	memo := NewMemo()
	New(cfg, gaz, storyInputs(f), WithMemo(memo))
	f.Add(memo.SavedLinks())
	f.Add([]byte(savedLinksMagic + "\x00"))
	f.Add([]byte(savedLinksMagic + "\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sv, err := decodeLinks(data)
		if err != nil {
			return
		}
		again, err := decodeLinks(sv.encode())
		if err != nil {
			t.Fatalf("what decoded does not decode once encoded: %v", err)
		}
		if !reflect.DeepEqual(sv, again) {
			t.Fatalf("decoded %+v, then %+v", sv, again)
		}
	})
}
