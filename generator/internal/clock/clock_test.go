package clock

import (
	"testing"
	"time"
)

// TestHolds asks questions at one time and checks, for later and earlier
// times, that Holds is true exactly when every answer would be the same.
func TestHolds(t *testing.T) {
	base := time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)
	asked := []time.Time{base.Add(-time.Hour), base.Add(3 * time.Hour), base, base.Add(time.Hour), base.Add(48 * time.Hour)}
	n := At(base)
	answers := make([]bool, len(asked))
	for i, q := range asked {
		answers[i] = n.Before(q)
	}
	if want := base.Add(time.Hour); !n.Until().Equal(want) {
		t.Errorf("Until = %v, want %v", n.Until(), want)
	}
	for d := -2 * time.Hour; d <= 50*time.Hour; d += 30 * time.Minute {
		later := At(base.Add(d))
		same := true
		for i, q := range asked {
			if later.Before(q) != answers[i] {
				same = false
			}
		}
		// Earlier times may answer the same by chance; Holds refuses
		// them all, as the clock went back.
		if got, want := n.Holds(base.Add(d)), same && d >= 0; got != want {
			t.Errorf("Holds(base%+v) = %v, want %v", d, got, want)
		}
	}
	if quiet := At(base); !quiet.Until().IsZero() || !quiet.Holds(base.Add(1000*time.Hour)) {
		t.Error("a build that asked nothing holds for good")
	}
}
