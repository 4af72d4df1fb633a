package site

import (
	"strings"
	"testing"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
)

// mentioned is an article dated date that refers to each entity of refs,
// given as "ID:mentions" with a trailing "*" for a main subject.
func mentioned(file, date string, refs ...string) Input {
	in := Input{Article: &article.Article{File: file, Title: file, Date: day(date)}}
	for _, r := range refs {
		id, rest, _ := strings.Cut(r, ":")
		primary := strings.HasSuffix(rest, "*")
		n := 0
		for _, c := range strings.TrimSuffix(rest, "*") {
			n = n*10 + int(c-'0')
		}
		in.Detected.Countries = append(in.Detected.Countries, detect.Entity{ID: id, Mentions: n, Primary: primary})
	}
	return in
}

// TestMostCovered checks the "most covered" order of the home page and of a
// digest's glance: main-subject stories first, passing mentions next,
// then mentions, never the alphabet before those.
func TestMostCovered(t *testing.T) {
	// A Horn of Africa desk: Ethiopia and Somalia are the subjects; Austria
	// is named in passing in three stories, more articles than either.
	s := New(config.Default(), gazetteer.Default(), []Input{
		mentioned("a.md", "2024-07-22", "ET:5*", "AT:1"),
		mentioned("b.md", "2024-07-23", "ET:4*", "SO:6*", "AT:1"),
		mentioned("c.md", "2024-07-24", "SO:2*", "AT:1"),
		mentioned("d.md", "2024-07-25", "DJ:3*", "ER:1"),
		mentioned("e.md", "2024-07-25", "ER:2*"),
	})
	var got []string
	for _, e := range s.TopCountries(10) {
		got = append(got, e.ID)
	}
	// ET and SO are the subjects of two stories each; ET has more mentions
	// (9 to 8). ER and DJ of one; ER is also named in passing once, so it
	// comes before DJ, which sorts before it by name. AT, in three
	// stories, is never a subject.
	want := "ET SO ER DJ AT"
	if strings.Join(got, " ") != want {
		t.Errorf("TopCountries = %v, want %s", got, want)
	}
	ds, _ := s.Digests(Weekly, DigestFilter{})
	got = got[:0]
	for _, tr := range ds[0].Glance().Countries {
		got = append(got, tr.Entity.ID)
	}
	if strings.Join(got, " ") != want {
		t.Errorf("digest glance = %v, want %s", got, want)
	}
}
