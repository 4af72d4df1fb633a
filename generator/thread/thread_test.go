package thread

import (
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/attache/attache/generator/textsim"
)

const (
	collision = "A Philippine supply vessel collided with a China Coast Guard ship near Ren'ai Jiao in the South China Sea on Monday morning, a spokesperson for the China Coast Guard said. The spokesperson said the Philippine vessel ignored repeated warnings and deliberately approached the Chinese ship in a dangerous manner."
	rewrite   = "A Philippine boat on a resupply mission to troops at Ren'ai Jiao, the Second Thomas Shoal, collided with a Chinese coast guard vessel on Monday, the Philippine armed forces said, accusing Beijing of dangerous manoeuvres near the shoal."
	fisheries = "Chinese and Philippine officials on Monday held the fourth round of talks on fisheries cooperation in Manila, agreeing to expand trade in aquatic products and to share data on fish stocks."
	budget    = "The finance ministry presented a budget for schools, hospitals and roads to parliament, raising spending on health by a tenth."
	election  = "Voters queued from dawn to elect a new parliament, with turnout above sixty percent by noon according to the electoral commission."
)

var t0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

type spec struct {
	hours    int
	title    string
	text     string
	subjects []string
}

func group(specs []spec) []int {
	stories := make([]Story, len(specs))
	feats := make([]*textsim.Features, len(specs))
	times := make([]int64, len(specs))
	for i, s := range specs {
		feats[i] = textsim.Extract(s.title, s.text, "")
		times[i] = t0.Add(time.Duration(s.hours) * time.Hour).Unix()
		stories[i] = Story{Time: t0.Add(time.Duration(s.hours) * time.Hour), Subjects: ids(s.subjects), Features: feats[i]}
	}
	// Background stories, so that word weights are those of a site.
	v := textsim.Weigh(feats, times, int64(1000*time.Hour/time.Second))
	return Group(stories, v, textsim.NewIndex(v, times))
}

var ph = []string{"country:PH", "country:CN"}

func TestGroup(t *testing.T) {
	background := []spec{
		{-200, "Budget", budget, []string{"country:FR"}},
		{-300, "Election", election, []string{"country:DE"}},
	}
	tests := []struct {
		name  string
		specs []spec
		// same lists pairs of specs (after the background) that must share
		// a thread; apart lists pairs that must not.
		same, apart [][2]int
	}{
		{"a version, even without subjects", []spec{{0, "Collision", collision, ph}, {4, "UPDATE: Collision", collision + " China lodged a protest.", nil}},
			[][2]int{{0, 1}}, nil},
		{"another agency's report sharing a subject", []spec{{0, "Collision", collision, ph}, {6, "Boat and coast guard ship collide at Ren'ai Jiao", rewrite, []string{"country:PH"}}},
			[][2]int{{0, 1}}, nil},
		{"the same words, no shared subject", []spec{{0, "Collision", collision, []string{"country:CN"}}, {6, "Boat and coast guard ship collide at Ren'ai Jiao", rewrite, []string{"country:PH"}}},
			nil, [][2]int{{0, 1}}},
		{"another event about the same countries", []spec{{0, "Collision", collision, ph}, {2, "Fisheries talks", fisheries, ph}},
			nil, [][2]int{{0, 1}}},
		{"a version after the window", []spec{{0, "Collision", collision, ph}, {49, "Collision", collision, ph}},
			nil, [][2]int{{0, 1}}},
		{"a story followed for days is cut", []spec{
			{0, "Collision", collision, ph}, {40, "Collision", collision, ph}, {80, "Collision", collision, ph}, {120, "Collision", collision, ph}},
			[][2]int{{0, 1}, {0, 2}}, [][2]int{{0, 3}, {2, 3}}},
	}
	for _, tt := range tests {
		got := group(append(slices.Clone(background), tt.specs...))[len(background):]
		for _, p := range tt.same {
			if got[p[0]] != got[p[1]] {
				t.Errorf("%s: stories %d and %d apart (%v)", tt.name, p[0], p[1], got)
			}
		}
		for _, p := range tt.apart {
			if got[p[0]] == got[p[1]] {
				t.Errorf("%s: stories %d and %d grouped (%v)", tt.name, p[0], p[1], got)
			}
		}
	}
}

// TestGroupIsStable checks that a thread keeps its first story when a
// newer report joins it, and that grouping does not depend on the number
// of workers or the order of the stories.
func TestGroupIsStable(t *testing.T) {
	specs := []spec{
		{-200, "Budget", budget, []string{"country:FR"}},
		{0, "Collision", collision, ph},
		{5, "UPDATE: Collision", collision + " China lodged a protest.", ph},
		{2, "Fisheries talks", fisheries, ph},
	}
	before := group(specs)
	if before[1] != 1 || before[2] != 1 {
		t.Fatalf("roots %v, want the collision's versions under story 1", before)
	}
	after := group(append(slices.Clone(specs), spec{9, "UPDATE 2: Collision", collision + " Manila summoned the ambassador.", ph}))
	if after[1] != 1 || after[2] != 1 || after[4] != 1 {
		t.Errorf("roots %v after a newer report, want 1 for stories 1, 2 and 4", after)
	}
	old := runtime.GOMAXPROCS(1)
	one := group(specs)
	runtime.GOMAXPROCS(old)
	if !slices.Equal(one, before) {
		t.Errorf("one worker: %v, several: %v", one, before)
	}
	rev := slices.Clone(specs)
	slices.Reverse(rev)
	got := group(rev)
	n := len(specs)
	for i := range specs {
		for k := range specs {
			if (before[i] == before[k]) != (got[n-1-i] == got[n-1-k]) {
				t.Errorf("reversed input: stories %d and %d grouped %v, before %v", i, k, got[n-1-i] == got[n-1-k], before[i] == before[k])
			}
		}
	}
}

// ids numbers subjects by name, as the site numbers its entities.
func ids(names []string) []int32 {
	var out []int32
	for _, n := range names {
		var h int32
		for _, c := range n {
			h = h*31 + c
		}
		out = append(out, h)
	}
	return out
}
