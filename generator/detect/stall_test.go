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

// TestLongInitialism: a run of letters and dots ("a.a.a.…", "U.S.U.S.…"),
// which reads as one initialism, is tokenised in time that grows with its
// length, not with its square (300 KB of it took 39 s of a build).
func TestLongInitialism(t *testing.T) {
	d := New(gazetteer.Default())
	for _, body := range []string{strings.Repeat("a.", 150000), strings.Repeat("U.S.", 100000)} {
		start := cputime.Used()
		d.Detect(Input{Title: "Dots", Body: body})
		if took := cputime.Used() - start; took > 3*time.Second {
			t.Errorf("%.8q…: took %v of CPU on %d bytes", body, took, len(body))
		}
	}
	toks, buf := tokenize("The U.S. and the U.K. met.", nil, nil)
	var got []string
	for _, tk := range toks {
		got = append(got, string(buf[tk.k0:tk.k1]))
	}
	if want := "the u.s. and the u.k. met"; strings.Join(got, " ") != want {
		t.Errorf("tokens %q, want %q", got, want)
	}
}
