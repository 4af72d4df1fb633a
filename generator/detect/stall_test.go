package detect

import (
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/internal/cputime"
)

// TestRepeatedSharedPlaceName: an article repeating a place name that
// several places share ("Victoria" is in Canada and Australia) is
// detected in time that grows with its mentions, not with their square
// (40 KB of them took 9 s).
func TestRepeatedSharedPlaceName(t *testing.T) {
	in := Input{Title: "Victoria", Body: strings.Repeat("Victoria, ", 4000)}
	d := New(gazetteer.Default())
	start := cputime.Used()
	d.Detect(in)
	if took := cputime.Used() - start; took > 3*time.Second {
		t.Errorf("took %v of CPU on %d bytes", took, len(in.Body))
	}
}
