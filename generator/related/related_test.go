package related

import (
	"slices"
	"testing"
	"time"

	"github.com/attache/attache/generator/textsim"
)

var day0 = time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)

type spec struct {
	days     float64
	text     string
	subjects []string
	thread   int
}

func pick(specs []spec, n int) [][]int {
	stories := make([]Story, len(specs))
	feats := make([]*textsim.Features, len(specs))
	times := make([]int64, len(specs))
	for i, s := range specs {
		at := day0.Add(time.Duration(s.days * float64(24*time.Hour)))
		feats[i] = textsim.Extract("", s.text, "")
		times[i] = at.Unix()
		stories[i] = Story{Time: at, Subjects: ids(s.subjects), Thread: s.thread}
	}
	v := textsim.Weigh(feats, times, int64(1000*24*time.Hour/time.Second))
	return Pick(stories, textsim.NewIndex(v, times), n, nil)
}

const (
	indus  = "India and Pakistan held the annual meeting of the Permanent Indus Commission on flood data and hydropower projects on the Chenab river."
	indus2 = "Pakistan objected to the design of the Ratle hydropower project on the Chenab river under the Indus Waters Treaty."
	indus3 = "The Indus Waters Treaty commissioners discussed flood warnings for the monsoon."
	loc    = "Pakistan accused Indian troops of firing across the Line of Control in Kashmir."
	budget = "The finance ministry presented a budget for schools, hospitals and roads."
)

var ip = []string{"country:IN", "country:PK"}

func TestPick(t *testing.T) {
	specs := []spec{
		0: {0, indus, ip, 0},
		1: {-10, indus2, ip, 1},
		2: {-40, indus2, ip, 2},                    // the same words, further back
		3: {-1, indus3, []string{"country:IN"}, 3}, // fewer shared subjects
		4: {0.2, indus + " Update.", ip, 0},        // its own thread
		5: {-2, loc, ip, 5},                        // shares subjects, few words
		6: {-3, budget, nil, 6},                    // nothing in common
		7: {5, indus2, ip, 7},                      // too far after
		8: {-90, indus, ip, 8},                     // too far before
		9: {-10.5, indus2 + " Again.", ip, 1},      // the thread of 1, a second time
	}
	got := pick(specs, 5)[0]
	for _, bad := range []int{4, 6, 7, 8} {
		if slices.Contains(got, bad) {
			t.Errorf("related of 0 = %v: holds %d", got, bad)
		}
	}
	if slices.Contains(got, 1) && slices.Contains(got, 9) {
		t.Errorf("related of 0 = %v: two stories of one thread", got)
	}
	if i, j := slices.Index(got, 1), slices.Index(got, 2); i < 0 || j >= 0 && j < i {
		t.Errorf("related of 0 = %v: want 1 (10 days back) before 2 (40 days back)", got)
	}
	if len(pick(specs, 2)[0]) != 2 {
		t.Errorf("n=2 gave %v", pick(specs, 2)[0])
	}
	if got := pick(specs, 5)[6]; len(got) != 0 {
		t.Errorf("related of an unrelated story = %v, want none", got)
	}
}

// TestNewStoryTouchesRecentOnly checks that a new story enters the
// related lists of the stories of its last days only.
func TestNewStoryTouchesRecentOnly(t *testing.T) {
	var specs []spec
	for i := range 40 {
		specs = append(specs, spec{-float64(i), indus, ip, i})
	}
	before := pick(specs, 5)
	after := pick(append(slices.Clone(specs), spec{0.5, indus, ip, 99}), 5)
	for i := range specs {
		changed := !slices.Equal(before[i], after[i])
		if changed && -specs[i].days > After.Hours()/24 {
			t.Errorf("story %d, %.0f days old, changed: %v → %v", i, -specs[i].days, before[i], after[i])
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
