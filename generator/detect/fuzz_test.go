package detect

import (
	"testing"
	"unicode/utf8"

	"github.com/attache/attache/generator/gazetteer"
)

// FuzzDetect checks that detection never panics and that every piece of
// evidence points at its text inside its field.
func FuzzDetect(f *testing.F) {
	f.Add("China, Russia talk", "VIENTIANE, July 25 (Xinhua) --", "Chinese FM met U.S. envoy.", "Paris, Texas; the WHO; US$5; Sino-")
	f.Add("Türkiye’s", "", "Côte d’Ivoire's", "Papua New Guinea-")
	f.Add("", "", "", "U.S.A.B. N.M., Calif. OPEC+ G-7 \xff\xfe")
	d := New(gazetteer.Default())
	f.Fuzz(func(t *testing.T, title, dateline, lede, body string) {
		in := Input{Title: title, Dateline: dateline, Lede: lede, Body: body}
		r := d.Detect(in)
		for _, es := range [][]Entity{r.Countries, r.Organisations} {
			for _, e := range es {
				if e.Mentions != len(e.Evidence) || e.Mentions == 0 {
					t.Fatalf("%s: %d mentions, %d evidence", e.ID, e.Mentions, len(e.Evidence))
				}
				for _, ev := range e.Evidence {
					text := in.field(ev.Field)
					if ev.Offset < 0 || ev.Offset+len(ev.Text) > len(text) || text[ev.Offset:ev.Offset+len(ev.Text)] != ev.Text {
						t.Fatalf("%s: evidence %+v not in %s %q", e.ID, ev, ev.Field, text)
					}
					if utf8.ValidString(text) && !utf8.ValidString(ev.Text) {
						t.Fatalf("%s: evidence %q splits a character", e.ID, ev.Text)
					}
				}
			}
		}
	})
}
