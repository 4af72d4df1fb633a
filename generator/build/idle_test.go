package build

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/attache/attache/generator/pipeline"
)

// TestUpdateIdleWhenInputsAreUnchanged: a watched folder made, or an
// article saved with the same bytes, changes nothing a page shows, and at
// 100,000 articles a rebuild costs seconds; but a change of what the clock
// decides (a story whose date has come) is still a rebuild, even when the
// event that wakes the Builder changed nothing.
func TestUpdateIdleWhenInputsAreUnchanged(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 11))
	src := writeFixture(t, rng, 6)
	content := filepath.Join(src, "content")
	soon := filepath.Join(content, "2024", "soon.md")
	must(t, os.WriteFile(soon, []byte("+++\ntitle = \"Talks set for March\"\ndate = 2026-03-02\n+++\n\nLaos and Japan will meet.\n"), 0o644))
	backdate(t, src)
	clock := &settableClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	opts := pipeline.Options{Source: src, Destination: filepath.Join(t.TempDir(), "public"), Clock: clock.Now}
	b := NewBuilder(opts)
	ctx := context.Background()
	_, err := b.Update(ctx, nil)
	must(t, err)

	same := filepath.Join(content, "2024", "a001.md")
	data, err := os.ReadFile(same)
	must(t, err)
	steps := []struct {
		name string
		do   func() []string
		idle bool
	}{
		{"an empty folder", func() []string {
			dir := filepath.Join(content, "incoming")
			must(t, os.Mkdir(dir, 0o755))
			return []string{dir}
		}, true},
		{"an article saved unchanged", func() []string {
			must(t, os.WriteFile(same, data, 0o644))
			return []string{same}
		}, true},
		{"an article edited", func() []string {
			must(t, os.WriteFile(same, append(data, "Kenya said so too.\n"...), 0o644))
			return []string{same}
		}, false},
		{"nothing changed, but a held story's date has come", func() []string {
			clock.set(time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC))
			return []string{filepath.Join(content, "incoming")}
		}, false},
		{"an article removed", func() []string {
			must(t, os.Remove(same))
			return []string{same}
		}, false},
	}
	for _, st := range steps {
		r, err := b.Update(ctx, st.do())
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if r.Idle != st.idle {
			t.Fatalf("%s: Idle %v (%d rendered), want %v", st.name, r.Idle, r.Rendered, st.idle)
		}
		sameTree(t, st.name, opts.Destination, cleanBuildAt(t, src, clock.Now))
	}
}
