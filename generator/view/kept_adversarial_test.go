package view

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/parse"
	"github.com/attache/attache/generator/site"
)

// TestKeptViewsShowWhatFreshOnesDo makes the pages' views with one Maker
// across random changes — stories added (newest, older, or joining a
// thread), removed,
// re-dated, given other words or other entities, given another's title and
// date — and after each compares every value a layout can reach on a
// random third of the pages (the articles' links included, which a kept
// view makes only when a page shows them) with the views a fresh Maker
// makes of a model made afresh. The pages not looked at keep their
// articles' links unmade, so that the next build re-points them at its
// model.
func TestKeptViewsShowWhatFreshOnesDo(t *testing.T) {
	base := viewInputs(t)
	cfg, gaz := config.Default(), gazetteer.Default()
	start := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	for seed := range uint64(2) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 12))
			version := uint64(1 << 30)
			clone := func(src site.Input, date time.Time, file string) site.Input {
				a := *src.Article
				a.Date, a.File = date, file
				version++
				src.Article, src.Version, src.Features = &a, version, nil
				return src
			}
			at := func() time.Time { return start.Add(time.Duration(rng.IntN(40*24)) * time.Hour) }
			var inputs []site.Input
			for i := range 60 {
				inputs = append(inputs, clone(base[rng.IntN(len(base))], at(), fmt.Sprintf("s%03d.md", i)))
			}
			memo, maker := site.NewMemo(), new(Maker)
			var last *site.Site
			for step := range 12 {
				var what string
				if step > 0 {
					inputs = slices.Clone(inputs)
					k, j := rng.IntN(len(inputs)), rng.IntN(len(inputs))
					switch op := rng.IntN(8); op {
					case 0:
						what = "a new story, the newest"
						newest := slices.MaxFunc(inputs, func(a, b site.Input) int { return a.Article.Date.Compare(b.Article.Date) }).Article.Date
						inputs = append(inputs, clone(inputs[j], newest.Add(time.Hour), fmt.Sprintf("n%02d.md", step)))
					case 1:
						what = "a new story among the older, with another's words"
						inputs = append(inputs, clone(inputs[j], inputs[k].Article.Date.Add(time.Hour), fmt.Sprintf("o%02d.md", step)))
					case 7:
						// Into a thread that has two stories or more when
						// there is one, so that its older reports change.
						for _, a := range last.Articles {
							if a.Thread != nil && rng.IntN(2) == 0 {
								k = slices.IndexFunc(inputs, func(in site.Input) bool { return in.Article.File == a.Parsed.File })
								break
							}
						}
						what = "a copy of " + inputs[k].Article.File + " an hour later, in its thread"
						inputs = append(inputs, clone(inputs[k], inputs[k].Article.Date.Add(time.Hour), fmt.Sprintf("c%02d.md", step)))
					case 2:
						what = "removed " + inputs[k].Article.File
						inputs = slices.Delete(inputs, k, k+1)
					case 3:
						what = "re-dated " + inputs[k].Article.File
						inputs[k] = clone(inputs[k], at(), inputs[k].Article.File)
					case 4:
						what = inputs[k].Article.File + " takes the entities of " + inputs[j].Article.File
						in := clone(inputs[k], inputs[k].Article.Date, inputs[k].Article.File)
						in.Detected = inputs[j].Detected
						inputs[k] = in
					case 5:
						what = inputs[k].Article.File + " takes the title and date of " + inputs[j].Article.File
						in := clone(inputs[k], inputs[j].Article.Date, inputs[k].Article.File)
						in.Article.Title = inputs[j].Article.Title
						inputs[k] = in
					default:
						what = inputs[k].Article.File + " takes the words of " + inputs[j].Article.File
						in := clone(inputs[j], inputs[k].Article.Date, inputs[k].Article.File)
						in.Detected = inputs[k].Detected
						inputs[k] = in
					}
				}
				s := site.New(cfg, gaz, inputs, site.WithMemo(memo))
				kept := maker.Pages(s, s.Pages())
				last = s
				f := site.New(cfg, gaz, inputs)
				fresh := new(Maker).Pages(f, f.Pages())
				if len(kept) != len(fresh) {
					t.Fatalf("seed %d, step %d (%s): %d pages, afresh %d", seed, step, what, len(kept), len(fresh))
				}
				if got, want := dumpSite(kept[0].Site), dumpSite(fresh[0].Site); got != want {
					t.Fatalf("seed %d, step %d (%s): the site's data differs from a fresh Maker's:\n%s", seed, step, what, firstLineDiff(got, want))
				}
				for i := range kept {
					if rng.IntN(3) != 0 {
						continue
					}
					if got, want := dumpValue(kept[i]), dumpValue(fresh[i]); got != want {
						t.Fatalf("seed %d, step %d (%s): page %s differs from a fresh Maker's:\n%s", seed, step, what, fresh[i].Path, firstLineDiff(got, want))
					}
				}
			}
		})
	}
}

// viewInputs reads the thread evaluation set and the sample site.
func viewInputs(t *testing.T) []site.Input {
	t.Helper()
	p, d := parse.New(), detect.New(gazetteer.Default())
	var inputs []site.Input
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
			inputs = append(inputs, site.Input{Article: a, Detected: d.Detect(detect.InputOf(a)), Version: uint64(len(inputs) + 1)})
		}
	}
	return inputs
}

// dumpSite writes out what a Site's methods give a layout.
func dumpSite(s *Site) string {
	var b strings.Builder
	for _, a := range s.Articles() {
		dump(&b, reflect.ValueOf(a))
	}
	dump(&b, reflect.ValueOf(s.Countries()))
	dump(&b, reflect.ValueOf(s.Organisations()))
	return b.String()
}

// dumpValue writes out every exported value v reaches, one per line, and
// each article's links; the Site, which every page shares, is left to
// dumpSite.
func dumpValue(v any) string {
	var b strings.Builder
	dump(&b, reflect.ValueOf(v))
	return b.String()
}

var (
	articleType = reflect.TypeFor[*Article]()
	siteType    = reflect.TypeFor[*Site]()
)

func dump(b *strings.Builder, v reflect.Value) {
	switch {
	case !v.IsValid():
		b.WriteString("nil\n")
		return
	case v.Type() == siteType:
		b.WriteString("site\n")
		return
	case v.Type() == timeType:
		tm := v.Interface().(time.Time)
		fmt.Fprintf(b, "%s %s\n", tm.Format(time.RFC3339Nano), tm.Location())
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil\n")
			return
		}
		if v.Type() == articleType {
			a := v.Interface().(*Article)
			dump(b, v.Elem())
			for _, links := range []any{a.Countries(), a.Organisations(), a.TagLinks(), a.Subjects(), a.Related(), a.Thread()} {
				dump(b, reflect.ValueOf(links))
			}
			return
		}
		dump(b, v.Elem())
	case reflect.Struct:
		b.WriteString("{\n")
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				b.WriteString(f.Name + ": ")
				dump(b, v.Field(i))
			}
		}
		b.WriteString("}\n")
	case reflect.Slice, reflect.Array:
		fmt.Fprintf(b, "[%d\n", v.Len())
		for i := range v.Len() {
			dump(b, v.Index(i))
		}
		b.WriteString("]\n")
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(fmt.Sprint(x), fmt.Sprint(y)) })
		fmt.Fprintf(b, "map %d\n", len(keys))
		for _, k := range keys {
			fmt.Fprintf(b, "%v: ", k)
			dump(b, v.MapIndex(k))
		}
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
	default:
		fmt.Fprintf(b, "%v\n", v.Interface())
	}
}

// firstLineDiff returns the lines around the first that differs.
func firstLineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			from := max(0, i-6)
			return fmt.Sprintf("line %d:\n  kept:  %s\n  fresh: %s\n  before:\n    %s", i, g[i], w[i], strings.Join(w[from:i], "\n    "))
		}
	}
	return fmt.Sprintf("%d lines, afresh %d", len(g), len(w))
}
