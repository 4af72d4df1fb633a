package site

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/parse"
)

// storyInputs reads the thread evaluation set and the sample site, each
// file with its own version.
func storyInputs(t testing.TB) []Input {
	t.Helper()
	gaz := gazetteer.Default()
	p, d := parse.New(), detect.New(gaz)
	var inputs []Input
	for _, dir := range []string{"../thread/testdata/eval/content", "../../content"} {
		files, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			a, err := p.Parse(filepath.Base(f), src)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, Input{Article: a, Detected: d.Detect(detect.InputOf(a)), Version: uint64(len(inputs) + 1)})
		}
	}
	return inputs
}

// TestKeptLinksMatchFresh checks that a site model made with a memo, after
// each kind of change, has every article's thread and related stories
// exactly as one made afresh.
func TestKeptLinksMatchFresh(t *testing.T) {
	base := storyInputs(t)
	cfg, gaz := config.Default(), gazetteer.Default()
	clone := func(in Input, version uint64, date time.Time, file string) Input {
		a := *in.Article
		a.Date, a.File = date, file
		in.Article, in.Version = &a, version
		return in
	}
	newest := slices.MaxFunc(base, func(a, b Input) int { return a.Article.Date.Compare(b.Article.Date) }).Article.Date
	steps := []struct {
		name string
		edit func([]Input) []Input
	}{
		{"nothing changed", func(in []Input) []Input { return in }},
		{"a new story, the newest", func(in []Input) []Input {
			return append(in, clone(in[3], 1001, newest.Add(time.Hour), "new.md"))
		}},
		{"another the same day, a version of the last", func(in []Input) []Input {
			return append(in, clone(in[len(in)-1], 1002, newest.Add(3*time.Hour), "new-2.md"))
		}},
		{"an old story edited", func(in []Input) []Input {
			in = slices.Clone(in)
			in[10] = clone(in[10], 1003, in[10].Article.Date, in[10].Article.File)
			return in
		}},
		{"a story removed", func(in []Input) []Input { return slices.Delete(slices.Clone(in), 20, 21) }},
		{"a story re-dated into another's thread", func(in []Input) []Input {
			in = slices.Clone(in)
			in[5] = clone(in[5], 1004, in[6].Article.Date, in[5].Article.File)
			return in
		}},
	}
	memo := NewMemo()
	inputs := base
	New(cfg, gaz, inputs, WithMemo(memo))
	for _, st := range steps {
		inputs = st.edit(inputs)
		kept := New(cfg, gaz, inputs, WithMemo(memo))
		fresh := New(cfg, gaz, inputs)
		for i, a := range kept.Articles {
			if got, want := linksOf(a), linksOf(fresh.Articles[i]); got != want {
				t.Errorf("%s: %s: links %q, afresh %q", st.name, a.Parsed.File, got, want)
			}
		}
	}
}
