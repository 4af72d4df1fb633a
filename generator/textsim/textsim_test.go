package textsim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// termsOf are the hashes of words, as Extract keeps them.
func termsOf(words ...string) []uint32 {
	var out []uint32
	for _, w := range words {
		out = append(out, uint32(mix(hashBytes(fnvOffset, []byte(w)))))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Ren'ai Jiao", []string{"ren'ai", "jiao"}},
		{"REN’AI", []string{"ren'ai"}},
		{"87,000 pilgrims; 2.5 percent", []string{"87,000", "pilgrims", "2.5", "percent"}},
		{"Aswan-Wadi Halfa, then.", []string{"aswan-wadi", "halfa"}},
		{"-- (Xinhua) said the --", nil},
		{"'quoted' end-", []string{"quoted", "end"}},
		{"Türkiye, Côte d'Ivoire", []string{"türkiye", "côte", "d'ivoire"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Extract(tt.in, "", "").Terms; !slices.Equal(got, termsOf(tt.want...)) {
			t.Errorf("Extract(%q) terms %v, want those of %q", tt.in, got, tt.want)
		}
	}
}

func TestBodyText(t *testing.T) {
	tests := []struct {
		lede, body string
		want       []string
	}{
		{"", "<p>MANILA (Xinhua) -- Lede.</p><p>Second &amp; <em>third</em>.</p>", []string{"manila", "lede", "second", "third"}},
		{"lede", "<p>MANILA (Xinhua) -- Lede.</p><p>Second &amp; <em>third</em>.</p>", []string{"lede", "second", "third"}},
		{"lede", "<p>Only the lede</p>", []string{"lede"}},
		{"lede", "plain lede\n\nsecond", []string{"lede", "second"}},
		{"", "<p>Ren&#39;ai <a href=\"x\">link</a> &unterminated words", []string{"ren", "ai", "link", "unterminated", "words"}},
		{"", "<p>broken <tag", []string{"broken"}},
	}
	for _, tt := range tests {
		if got := Extract("", tt.lede, tt.body).Terms; !slices.Equal(got, termsOf(tt.want...)) {
			t.Errorf("Extract(lede %q, body %q) terms %v, want those of %q", tt.lede, tt.body, got, tt.want)
		}
	}
}

const (
	collision = "A Philippine supply vessel collided with a China Coast Guard ship near Ren'ai Jiao in the South China Sea on Monday morning, a spokesperson for the China Coast Guard said. The spokesperson said the Philippine vessel ignored repeated warnings and deliberately approached the Chinese ship in a dangerous manner."
	update    = collision + " China's Foreign Ministry later said it had lodged stern representations with Manila over the collision."
	rewrite   = "A Philippine boat on a resupply mission to troops stationed at the Second Thomas Shoal collided with a Chinese coast guard vessel on Monday, the Philippine armed forces said, accusing Beijing of dangerous manoeuvres."
	fisheries = "Chinese and Philippine officials on Monday held the fourth round of talks on fisheries cooperation in Manila, agreeing to expand trade in aquatic products and to share data on fish stocks."
)

func TestResemblance(t *testing.T) {
	a := Extract("Collision", "", "<p>"+collision+"</p>")
	tests := []struct {
		name     string
		other    *Features
		min, max float64
	}{
		{"itself", a, 1, 1},
		{"its update", Extract("Collision update", "", "<p>"+update+"</p>"), 0.5, 1},
		{"a rewrite", Extract("Collision", "", "<p>"+rewrite+"</p>"), 0, 0.2},
		{"another event", Extract("Fisheries", "", "<p>"+fisheries+"</p>"), 0, 0.2},
		{"nothing", Extract("", "", ""), 0, 0},
	}
	for _, tt := range tests {
		if got := Resemblance(a, tt.other); got < tt.min || got > tt.max {
			t.Errorf("%s: resemblance %.2f, want %.2f to %.2f", tt.name, got, tt.min, tt.max)
		}
	}
}

// TestCosineRanksTheSameEvent checks that salient words tell a rewrite of
// an event from another event about the same countries on the same day.
func TestCosineRanksTheSameEvent(t *testing.T) {
	fs := []*Features{
		Extract("Philippine vessel rammed Chinese ship", collision, ""),
		Extract("Philippine boat and Chinese coast guard ship collide", rewrite, ""),
		Extract("China, Philippines hold fisheries talks", fisheries, ""),
		Extract("Unrelated", "Ministers met to discuss the budget for schools and hospitals.", ""),
	}
	v := Weigh(fs, []int64{0, 0, 0, 0}, 0)
	same, other := Cosine(v[0], v[1]), Cosine(v[0], v[2])
	if same <= other {
		t.Errorf("cosine with a rewrite %.3f, with another event %.3f: want the rewrite higher", same, other)
	}
	if c := Cosine(v[0], v[0]); math.Abs(c-1) > 1e-5 {
		t.Errorf("cosine with itself %.6f, want 1", c)
	}
	if c := Cosine(v[0], v[3]); c != 0 {
		t.Errorf("cosine with an unrelated story %.3f, want 0", c)
	}
}

// TestWeighIgnoresLaterStories checks that a story's weights count only
// the stories up to the horizon after it: a much newer story changes no
// older story's vector.
func TestWeighIgnoresLaterStories(t *testing.T) {
	fs := []*Features{
		Extract("Collision", collision, ""),
		Extract("Rewrite", rewrite, ""),
		Extract("Fisheries", fisheries, ""),
	}
	times := []int64{0, 10, 20}
	before := Weigh(fs, times, 5)
	after := Weigh(append(slices.Clone(fs), Extract("Later", collision+" "+fisheries, "")), append(times, 100), 5)
	for i := range before {
		if !slices.Equal(before[i].Terms, after[i].Terms) || !slices.Equal(before[i].Weights, after[i].Weights) {
			t.Errorf("story %d: weights changed when a story 80 units after it arrived", i)
		}
	}
	near := Weigh(append(slices.Clone(fs), Extract("Near", "Fourth round of fisheries talks", "")), append(times, 22), 5)
	if slices.Equal(before[2].Weights, near[2].Weights) {
		t.Error("a story within the horizon changed no weight of the story before it")
	}
}

func TestIndexNear(t *testing.T) {
	fs := []*Features{
		Extract("Collision", collision, ""),
		Extract("Rewrite", rewrite, ""),
		Extract("Fisheries", fisheries, ""),
		Extract("Collision again", collision, ""),
	}
	times := []int64{0, 10, 20, 1000}
	v := Weigh(fs, times, 1000)
	ix := NewIndex(v, times)
	s := ix.NewScratch()
	var got []int
	ix.Near(0, 0, 100, s, func(j int, cos float64) {
		if want := Cosine(v[0], v[j]); math.Abs(cos-want) > 1e-5 {
			t.Errorf("Near gave cosine %.5f for %d, Cosine %.5f", cos, j, want)
		}
		got = append(got, j)
	})
	if slices.Contains(got, 0) || slices.Contains(got, 3) {
		t.Errorf("Near(0, 0, 100) visited %v: want neither the story itself nor one outside the span", got)
	}
	if !slices.Contains(got, 1) {
		t.Errorf("Near(0, 0, 100) visited %v, want the rewrite (1)", got)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("Title", "Lede", "<p>MANILA, March 3 (Xinhua) -- x</p><p>"+collision+"</p>")
	f.Add("", "", "<p>&#39;&amp</p>")
	f.Add("87,000 ’", "a-", "<<p>>")
	f.Fuzz(func(t *testing.T, title, lede, body string) {
		a := Extract(title, lede, body)
		if !slices.IsSorted(a.Terms) || len(a.Terms) != len(a.Counts) {
			t.Fatal("terms unsorted or counts mismatched")
		}
		if r := Resemblance(a, a); r != 0 && r != 1 {
			t.Fatalf("resemblance with itself %v", r)
		}
		for _, c := range a.Counts {
			if c == 0 {
				t.Fatal("a term counted zero times")
			}
		}
		v := Weigh([]*Features{a, a}, []int64{0, 0}, 0)
		if len(v[0].Terms) > MaxTerms {
			t.Fatalf("%d terms", len(v[0].Terms))
		}
	})
}

func TestBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 5, 24, 25, 300} {
		keys := make([]uint64, size)
		for i := range keys {
			keys[i] = rng.Uint64N(50)
		}
		want := slices.Clone(keys)
		slices.Sort(want)
		want = want[:min(len(want), 24)]
		if got := best(keys, 24); !slices.Equal(got, want) {
			t.Errorf("best of %d: %v, want %v", size, got, want)
		}
	}
}
