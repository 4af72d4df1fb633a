package site

import (
	"slices"
	"strings"
	"testing"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/gazetteer"
)

// TestRegionFilters files articles under regions as a newsletter editor
// names them: UN M49 names in any spelling, and the short forms whose
// countries M49 groups differently.
func TestRegionFilters(t *testing.T) {
	s := New(config.Default(), gazetteer.Default(), []Input{
		input("cairo.md", "Cairo hosts Gaza talks", "2024-07-22", "EG"),
		input("tehran.md", "Tehran answers", "2024-07-23", "IR"),
		input("riyadh.md", "Riyadh summit", "2024-07-24", "SA"),
		input("addis.md", "Addis Ababa port deal", "2024-07-24", "ET"),
		input("nairobi.md", "Nairobi budget", "2024-07-25", "KE"),
		input("beijing.md", "Beijing statement", "2024-07-25", "CN"),
		input("hanoi.md", "Hanoi visit", "2024-07-26", "VN"),
	})
	tests := []struct {
		region, topic, titles string
	}{
		{"Eastern Asia", "Eastern Asia", "Beijing statement"},
		{"eastern-asia", "Eastern Asia", "Beijing statement"},
		{"East Asia", "Eastern Asia", "Beijing statement"},
		{"Southeast Asia", "South-Eastern Asia", "Hanoi visit"},
		{"South-East Asia", "South-Eastern Asia", "Hanoi visit"},
		{"south eastern asia", "South-Eastern Asia", "Hanoi visit"},
		// Egypt is in Northern Africa and Iran in Southern Asia for M49,
		// yet both are in the Middle East.
		{"Middle East", "Middle East", "Cairo hosts Gaza talks; Tehran answers; Riyadh summit"},
		{"Western Asia", "Western Asia", "Riyadh summit"},
		// Kenya is in Eastern Africa, not in the Horn.
		{"Horn of Africa", "Horn of Africa", "Addis Ababa port deal"},
		{"East Africa", "Eastern Africa", "Addis Ababa port deal; Nairobi budget"},
		{"Gulf", "Gulf states", "Riyadh summit"},
		{"Asia", "Asia", "Tehran answers; Riyadh summit; Beijing statement; Hanoi visit"},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			ds, err := s.Digests(Weekly, DigestFilter{Region: tt.region})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) != 1 || ds[0].Topic != tt.topic {
				t.Fatalf("digests %v, topic %q; want one, %q", keys(ds), ds[0].Topic, tt.topic)
			}
			var titles []string
			for _, a := range ds[0].Articles {
				titles = append(titles, a.Parsed.Title)
			}
			if got := strings.Join(titles, "; "); got != tt.titles {
				t.Errorf("articles = %s, want %s", got, tt.titles)
			}
		})
	}
	errs := []struct{ region, want string }{
		{"Middle Earth", `region "Middle Earth": not a UN M49 region or subregion, nor a known short form (did you mean "Middle East"?)`},
		{"Estern Asia", `did you mean "Eastern Asia"?`},
		{"Narnia", `UN names: Africa, Americas, Asia, Europe, Oceania, Eastern Africa`},
		{"Narnia", `short forms: Gulf states, Horn of Africa, Latin America and the Caribbean, Levant, Maghreb, Middle East,`},
		{"Polynesia", `region "Polynesia" (Polynesia): no briefing is about a country in it`},
		{"Balkans", `region "Balkans" (Western Balkans): no briefing`},
	}
	for _, tt := range errs {
		_, err := s.Digests(Weekly, DigestFilter{Region: tt.region})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("region %q: err = %v, want one containing %s", tt.region, err, tt.want)
		}
	}
	if _, err := s.Digests(Weekly, DigestFilter{Region: "Narnia"}); strings.Contains(err.Error(), "did you mean") {
		t.Errorf("a suggestion for a name like no region: %v", err)
	}
}

// TestUNRegionsMatchGazetteer keeps the list of UN names in step with the
// gazetteer, and every short form pointing at real names and countries.
func TestUNRegionsMatchGazetteer(t *testing.T) {
	gaz := gazetteer.Default()
	var names []string
	for _, c := range gaz.Countries() {
		for _, r := range []string{c.Region, c.Subregion} {
			if r != "" && !slices.Contains(names, r) {
				names = append(names, r)
			}
		}
	}
	slices.Sort(names)
	want := slices.Sorted(slices.Values(unRegions))
	if !slices.Equal(names, want) {
		t.Errorf("gazetteer regions:\n%v\nunRegions:\n%v", names, want)
	}
	for key, g := range regionAliases {
		if key != regionKey(key) {
			t.Errorf("alias key %q is not folded", key)
		}
		for _, r := range g.un {
			if !slices.Contains(unRegions, r) {
				t.Errorf("alias %q: %q is not a UN name", key, r)
			}
		}
		for _, code := range g.codes {
			if gaz.Country(code) == nil {
				t.Errorf("alias %q: no country %s", key, code)
			}
		}
	}
}

// FuzzFindRegion checks that any name either resolves to a region with
// members or is refused with an error that quotes it.
func FuzzFindRegion(f *testing.F) {
	for _, s := range []string{"East Asia", "Middle East", "horn-of-africa", "Estern Asia", "", "日本", strings.Repeat("a", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		g, err := findRegion(name)
		if err != nil {
			if !strings.Contains(err.Error(), "region ") {
				t.Fatalf("findRegion(%q): error %v does not name the filter", name, err)
			}
			return
		}
		if g.name == "" || len(g.un)+len(g.codes) == 0 {
			t.Fatalf("findRegion(%q) = %+v: an empty region", name, g)
		}
	})
}
