package thread_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/attache/attache/internal/golden"
)

// TestStoriesGolden keeps every article's thread and related briefings on
// the evaluation site with the sample site's stories, so that a change of
// tuning shows as a reviewed diff (go test -update).
func TestStoriesGolden(t *testing.T) {
	s := evalSite(t, "testdata/eval/content", "../../content")
	var b strings.Builder
	for _, a := range s.Articles {
		fmt.Fprintf(&b, "%s %s\n", a.Date.Format("2006-01-02 15:04"), a.Parsed.File)
		if th := a.Thread; th != nil {
			fmt.Fprintf(&b, "  thread %s:", th.ID)
			for _, m := range th.Articles {
				fmt.Fprintf(&b, " %s", m.Parsed.File)
			}
			b.WriteString("\n")
		}
		for _, r := range a.Related {
			fmt.Fprintf(&b, "  related %s\n", r.Parsed.File)
		}
	}
	golden.Check(t, "stories.golden", b.String())
}
