package view

import (
	"html/template"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/site"
)

func TestHash(t *testing.T) {
	day := time.Date(2024, 7, 26, 14, 4, 0, 0, time.UTC)
	base := func() *Page {
		return &Page{Kind: "article", Title: "T", Path: "/a/",
			Article: &Article{Title: "A", Date: day, Tags: []string{"x"}, key: 9, byID: true},
			Latest:  []*Article{{Title: "one", key: 1, byID: true}, {Title: "two", key: 2, byID: true}}}
	}
	tests := []struct {
		name   string
		change func(p *Page)
		same   bool
	}{
		{"nothing", func(p *Page) {}, true},
		{"title", func(p *Page) { p.Title = "U" }, false},
		{"a listed article's key", func(p *Page) { p.Latest[1].key = 3 }, false},
		// A listed article is hashed by its key: what it holds was
		// hashed into the key when it was made.
		{"a listed article's field under the same key", func(p *Page) { p.Latest[1].Title = "other" }, true},
		{"list order", func(p *Page) { p.Latest[0], p.Latest[1] = p.Latest[1], p.Latest[0] }, false},
		{"nil against empty", func(p *Page) { p.Months = []MonthCount{} }, false},
		{"an entity count", func(p *Page) { p.Entity = &Entity{Count: 1} }, false},
	}
	want := Hash(base())
	for _, tt := range tests {
		p := base()
		tt.change(p)
		if got := Hash(p); (got == want) != tt.same {
			t.Errorf("%s: hash changed = %v, want %v", tt.name, got != want, !tt.same)
		}
	}
}

// TestHashArticleLists hashes a list of articles as reflect reaches it
// through an unexported field, element by element, and through an
// exported one, which reads the keys directly: the same.
func TestHashArticleLists(t *testing.T) {
	type exported struct{ A []*Article }
	type unexported struct{ a []*Article }
	lists := [][]*Article{
		nil,
		{},
		{{key: 1, byID: true}},
		{{key: 1, byID: true}, nil, {Title: "keyed by content"}},
	}
	for i, as := range lists {
		if got, want := Hash(exported{as}), Hash(unexported{as}); got != want {
			t.Errorf("list %d: %x through an exported field, %x element by element", i, got, want)
		}
	}
	if Hash(exported{lists[2]}) == Hash(exported{lists[3]}) {
		t.Error("two lists hashed the same")
	}
}

func TestHashTimes(t *testing.T) {
	type at struct{ T time.Time }
	day := time.Date(2024, 7, 26, 14, 4, 0, 0, time.UTC)
	if Hash(at{day}) == Hash(at{day.In(time.FixedZone("X", 3600))}) {
		t.Error("the same instant in another zone, which pages show differently, hashed the same")
	}
	now := time.Now()
	if Hash(at{now}) != Hash(at{now.Round(0)}) {
		t.Error("a monotonic clock reading, which no page shows, changed the hash")
	}
}

func TestHashMapsInAnyOrder(t *testing.T) {
	a := &Article{Params: map[string]any{}}
	b := &Article{Params: map[string]any{}}
	for i := range 50 {
		k := strings.Repeat("k", i+1)
		a.Params[k] = i
	}
	for i := 49; i >= 0; i-- {
		k := strings.Repeat("k", i+1)
		b.Params[k] = i
	}
	if contentHash(a) != contentHash(b) {
		t.Error("the same map hashed differently")
	}
	b.Params["k"] = "0"
	if contentHash(a) == contentHash(b) {
		t.Error("an int and a string hashed the same")
	}
}

func TestHashRefusesFunctions(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for a function in a view")
		}
	}()
	Hash(struct{ F func() }{func() {}})
}

// TestViewsHoldValuesOnly walks every type a layout can reach from a Page
// and fails on anything but values made for layouts: the model's own types
// (whose fields would reach past what a page is signed with) and the
// engine's must not appear.
func TestViewsHoldValuesOnly(t *testing.T) {
	allowed := map[reflect.Type]bool{
		reflect.TypeFor[time.Time]():       true,
		reflect.TypeFor[template.HTML]():   true,
		reflect.TypeFor[site.Period]():     true,
		reflect.TypeFor[site.PeriodKind](): true,
		reflect.TypeFor[site.MonthLink]():  true,
		reflect.TypeFor[site.MonthCount](): true,
	}
	seen := map[reflect.Type]bool{}
	var walk func(t2 reflect.Type, path string)
	walk = func(t2 reflect.Type, path string) {
		if seen[t2] || allowed[t2] {
			return
		}
		seen[t2] = true
		switch t2.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			if t2.Kind() == reflect.Map {
				walk(t2.Key(), path+"[key]")
			}
			walk(t2.Elem(), path+"[]")
			return
		case reflect.Func, reflect.Chan, reflect.UnsafePointer:
			t.Errorf("%s: a %s in a view", path, t2)
			return
		case reflect.Struct:
			if p := t2.PkgPath(); p != "" && !strings.HasSuffix(p, "generator/view") && !strings.HasSuffix(p, "generator/config") {
				t.Errorf("%s: %s is not a view type", path, t2)
				return
			}
			for i := range t2.NumField() {
				f := t2.Field(i)
				if f.IsExported() {
					walk(f.Type, path+"."+f.Name)
				}
			}
		}
	}
	walk(reflect.TypeFor[Page](), "Page")
}

// BenchmarkHashEntityPage hashes the view of a large entity's front page,
// which lists all of its 30,000 stories.
func BenchmarkHashEntityPage(b *testing.B) {
	as := make([]*Article, 30000)
	for i := range as {
		as[i] = &Article{key: uint64(i), byID: true}
	}
	p := &Page{Kind: "entity", Entity: &Entity{Name: "China", Articles: as}, Latest: as[:20]}
	for b.Loop() {
		Hash(p)
	}
}
