package textsim

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// weighReference is Weigh as it was written before its weights were worked
// out in parallel blocks: one story after another.
func weighReference(all []*Features, times []int64, horizon int64) []Vector {
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Or(cmp.Compare(times[a], times[b]), cmp.Compare(a, b)) })
	df := newCounter(len(all) * 16)
	// logs[i] is log(i): the weights take a logarithm per word of every
	// story, which a table makes a load.
	logs := make([]float64, len(all)+priorStories+1)
	for i := 1; i < len(logs); i++ {
		logs[i] = math.Log(float64(i))
	}
	out := make([]Vector, len(all))
	var keys []uint64
	seen := 0
	for _, i := range order {
		for seen < len(order) && times[order[seen]] <= times[i]+horizon {
			for _, t := range all[order[seen]].Terms {
				df.add(t)
			}
			seen++
		}
		logN := logs[seen+priorStories]
		f := all[i]
		keys = keys[:0]
		for j, t := range f.Terms {
			idf := logN - logs[df.get(t)]
			if idf <= 0 {
				continue
			}
			c := int(f.Counts[j])
			tf := 1 + logs[min(c, len(logs)-1)]
			if c >= len(logs) {
				tf = 1 + math.Log(float64(c))
			}
			// Heaviest first, then by word: the bits of a positive
			// float32 order as the number does.
			keys = append(keys, uint64(^math.Float32bits(float32(tf*idf)))<<32|uint64(t))
		}
		keys = best(keys, MaxTerms)
		for k, x := range keys {
			keys[k] = x<<32 | x>>32 // by word
		}
		slices.Sort(keys)
		var norm float64
		v := Vector{Terms: make([]uint32, len(keys)), Weights: make([]float32, len(keys))}
		for k, x := range keys {
			w := math.Float32frombits(^uint32(x))
			v.Terms[k], v.Weights[k] = uint32(x>>32), w
			norm += float64(w) * float64(w)
		}
		norm = math.Sqrt(norm)
		for k := range v.Weights {
			v.Weights[k] = float32(float64(v.Weights[k]) / norm)
		}
		out[i] = v
	}
	return out
}

// TestWeighMatchesReference checks Weigh against the sequential reference
// on more stories than a block holds, in random time order.
func TestWeighMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	words := []string{"talks", "ceasefire", "minister", "border", "trade", "summit", "sanctions", "election", "aid", "troops"}
	n := 5000
	fs := make([]*Features, n)
	times := make([]int64, n)
	for i := range fs {
		var b []string
		for range 20 + r.IntN(40) {
			b = append(b, words[r.IntN(len(words))]+fmt.Sprint(r.IntN(50)))
		}
		fs[i] = Extract(fmt.Sprint("Story ", i), "", fmt.Sprint(b))
		times[i] = int64(r.IntN(100000))
	}
	if !reflect.DeepEqual(Weigh(fs, times, 3600), weighReference(fs, times, 3600)) {
		t.Fatal("Weigh differs from the sequential reference")
	}
}

// TestWeighFromKeptCounts checks that counts kept from one set of stories,
// less the stories after a change and weighed on from a horizon before it,
// give exactly Weigh's vectors of the changed set: the newest stories
// replaced, and some added.
func TestWeighFromKeptCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	words := []string{"talks", "ceasefire", "minister", "border", "trade", "summit", "sanctions", "election", "aid", "troops"}
	story := func(i int) *Features {
		var b []string
		for range 20 + r.IntN(40) {
			b = append(b, words[r.IntN(len(words))]+fmt.Sprint(r.IntN(50)))
		}
		return Extract(fmt.Sprint("Story ", i), "", fmt.Sprint(b))
	}
	const horizon = 3600
	n := 3000
	fs := make([]*Features, n)
	times := make([]int64, n)
	for i := range fs {
		fs[i], times[i] = story(i), int64(i*60+r.IntN(60))
	}
	for _, same := range []int{0, 1, 1500, 2990, n} {
		counts := NewCounts(0)
		counts.WeighFrom(fs, times, horizon, 0)
		// The stories from same on are replaced by others, later, and
		// more of them.
		for _, f := range fs[same:] {
			counts.Remove(f)
		}
		next, nextTimes := slices.Clone(fs[:same]), slices.Clone(times[:same])
		for i := same; i < n+20; i++ {
			next, nextTimes = append(next, story(i)), append(nextTimes, int64(i*60+30))
		}
		changed := nextTimes[min(same, len(nextTimes)-1)]
		from, _ := slices.BinarySearch(nextTimes[:same], changed-horizon)
		got := counts.WeighFrom(next, nextTimes, horizon, from)
		want := Weigh(next, nextTimes, horizon)
		if !reflect.DeepEqual(got, want[from:]) {
			t.Errorf("same %d: weighs from %d differently from Weigh", same, from)
		}
		if counts.Len() != len(next) {
			t.Errorf("same %d: counts %d stories, want %d", same, counts.Len(), len(next))
		}
		// Kept vectors of the stories before from are Weigh's too.
		if old := Weigh(fs, times, horizon); !reflect.DeepEqual(old[:from], want[:from]) {
			t.Errorf("same %d: the vectors before %d changed", same, from)
		}
	}
}
