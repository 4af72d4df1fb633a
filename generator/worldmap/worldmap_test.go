package worldmap

import (
	"os"
	"strings"
	"testing"

	"github.com/attache/attache/internal/golden"

	"github.com/attache/attache/generator/internal/xmltree"
)

func TestDefaultHas(t *testing.T) {
	m := Default()
	for code, want := range map[string]bool{
		"FR": true, "fr": true, "US": true, "RU": true, "FJ": true,
		"XK": true, // Kosovo: no ISO numeric code, resolved by name
		"CY": true, "SO": true,
		"AQ": false, // Antarctica is left off
		"VA": false, // too small to draw
		"ZZ": false, "": false,
	} {
		if got := m.Has(code); got != want {
			t.Errorf("Has(%q) = %v, want %v", code, got, want)
		}
	}
	if n := len(m.shapes); n < 170 {
		t.Errorf("only %d countries on the map", n)
	}
	if got := m.Name("CY"); got != "Cyprus" {
		t.Errorf(`Name("CY") = %q, want the state's name, not a merged territory's`, got)
	}
	if fi, err := os.Stat("shapes.txt"); err != nil || fi.Size() > 150<<10 {
		t.Errorf("shapes.txt: %v, size %d, want under 150 KB", err, fi.Size())
	}
}

func TestParseErrors(t *testing.T) {
	const box = "viewBox\t0 0 10 10\n"
	tests := []struct{ name, in, want string }{
		{"no viewBox", "FR\tFrance\tM1 2l3 4z\n", "f.txt: no viewBox line"},
		{"bad viewBox", "viewBox\t0 0 x 10\n", "f.txt:1: bad viewBox"},
		{"fields", box + "FR\tM1 2l3 4z\n", "f.txt:2: want CODE, name and path"},
		{"code", "# c\n" + box + "fra\tFrance\tM1 2z\n", `f.txt:3: bad country code "fra"`},
		{"duplicate", box + "FR\tF\tM1 2z\nFR\tF\tM1 2z\n", "f.txt:3: duplicate country FR"},
		{"path", box + "FR\tF\tM1 2z\"/><script>\n", "f.txt:2: bad path data for FR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse("f.txt", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add(shapesTxt[:2000])
	f.Add([]byte("viewBox\t0 0 10 10\nFR\tFrance\tM1 2l3 4z\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parse("fuzz", data)
		if err != nil {
			return
		}
		// Whatever parses must render to well-formed XML.
		out := string(m.SVG("t", []Region{{Code: "FR", Href: "/fr/", Count: 2}}))
		if _, err := xmltree.Parse(out); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
	})
}

func mustXML(t *testing.T, s string) *xmltree.Node {
	t.Helper()
	n, err := xmltree.Parse(s)
	if err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	return n
}

func TestSVGLinksAndTitles(t *testing.T) {
	regions := []Region{
		{Code: "FR", Name: "France", Href: "/countries/fr/", Count: 12},
		{Code: "tt", Name: "Trinidad & <Tobago>", Href: "/c/?a=1&b=\"2\"", Count: 1},
		{Code: "DE", Name: "Germany", Count: 3},                           // no page: shaded, not a link
		{Code: "KE", Href: "/countries/ke/"},                              // no name: the map's own; no articles
		{Code: "SG", Name: "Singapore", Href: "/countries/sg/", Count: 4}, // too small to draw
		{Code: "FR", Name: "Duplicate", Href: "/dup/", Count: 99},
	}
	root := mustXML(t, string(Default().SVG("Coverage <by> country & more", regions)))
	if root.Attr["role"] != "group" {
		t.Errorf("role = %q, want group", root.Attr["role"])
	}
	if root.Attr["width"] != "" || !strings.HasPrefix(root.Attr["viewBox"], "0 0 ") {
		t.Errorf("want a viewBox and no fixed width, got %v", root.Attr)
	}
	title := root.Child("title")
	if title == nil || title.Text != "Coverage <by> country & more" || root.Attr["aria-labelledby"] != title.Attr["id"] {
		t.Errorf("title = %+v, aria-labelledby = %q", title, root.Attr["aria-labelledby"])
	}
	desc := root.Child("desc")
	const wantDesc = "4 countries have coverage; most: France (12 articles), Singapore (4 articles), Germany (3 articles), Trinidad & <Tobago> (1 article)."
	if desc == nil || desc.Text != wantDesc || root.Attr["aria-describedby"] != desc.Attr["id"] {
		t.Errorf("desc = %q, want %q", desc.Text, wantDesc)
	}
	links := map[string]string{}
	for _, a := range root.All("a") {
		p := a.Child("path")
		tt := a.Child("title")
		if p == nil || tt == nil {
			t.Fatalf("link %v lacks a path or title", a.Attr)
		}
		links[a.Attr["href"]] = tt.Text + " " + p.Attr["class"]
	}
	want := map[string]string{
		"/countries/fr/": "France: 12 articles c q5",
		`/c/?a=1&b="2"`:  "Trinidad & <Tobago>: 1 article c q1",
		"/countries/ke/": "Kenya: 0 articles c q0",
	}
	if len(links) != len(want) {
		t.Errorf("links = %v, want %v", links, want)
	}
	for href, w := range want {
		if links[href] != w {
			t.Errorf("link %s = %q, want %q", href, links[href], w)
		}
	}
	shaded := 0
	for _, p := range root.All("path") {
		if p.Attr["class"] != "c q0" {
			shaded++
		}
		if tt := p.Child("title"); tt != nil && tt.Text != "Germany: 3 articles" {
			t.Errorf("unexpected path title %q", tt.Text)
		}
	}
	if shaded != 3 {
		t.Errorf("%d countries shaded, want FR, TT and DE", shaded)
	}
	if n := len(root.All("path")); n != len(Default().shapes) {
		t.Errorf("%d paths, want one per country (%d)", n, len(Default().shapes))
	}
}

func TestScale(t *testing.T) {
	tests := []struct {
		top    int
		shades map[int]int // count → shade
		legend string
	}{
		{0, map[int]int{0: 0, 1: 5}, "none"},
		{1, map[int]int{0: 0, 1: 5}, "none 1"},
		{3, map[int]int{1: 3, 2: 4, 3: 5}, "none 1 2 3"},
		{5, map[int]int{1: 2, 2: 3, 3: 4, 4: 5, 5: 5}, "none 1 2 3 4–5"},
		{10, map[int]int{1: 1, 2: 2, 3: 3, 4: 4, 6: 4, 7: 5, 10: 5}, "none 1 2 3 4–6 7–10"},
		{32, map[int]int{2: 1, 3: 2, 4: 2, 5: 3, 8: 3, 9: 4, 16: 4, 17: 5, 32: 5}, "none 1–2 3–4 5–8 9–16 17–32"},
		{100, map[int]int{2: 1, 3: 2, 6: 2, 7: 3, 15: 3, 16: 4, 39: 4, 40: 5}, "none 1–2 3–6 7–15 16–39 40–100"},
	}
	for _, tt := range tests {
		s := newScale(tt.top)
		for c, want := range tt.shades {
			if got := s.shade(c); got != want {
				t.Errorf("top %d: shade(%d) = %d, want %d", tt.top, c, got, want)
			}
		}
		var labels []string
		for _, e := range s.legend() {
			labels = append(labels, e.label)
		}
		if got := strings.Join(labels, " "); got != tt.legend {
			t.Errorf("top %d: legend %q, want %q", tt.top, got, tt.legend)
		}
	}
}

func TestSVGLegend(t *testing.T) {
	root := mustXML(t, string(Default().SVG("t", []Region{{Code: "FR", Count: 10}, {Code: "DE", Count: 1}})))
	var got []string
	for _, g := range root.All("g") {
		if g.Attr["class"] != "legend" {
			continue
		}
		for _, r := range g.All("rect") {
			got = append(got, r.Attr["class"])
		}
		for _, x := range g.All("text") {
			got = append(got, x.Text)
		}
	}
	want := "c q0 c q1 c q2 c q3 c q4 c q5 Articles none 1 2 3 4–6 7–10"
	if strings.Join(got, " ") != want {
		t.Errorf("legend = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestSVGNoCoverage(t *testing.T) {
	root := mustXML(t, string(Default().SVG("t", nil)))
	if got := root.Child("desc").Text; got != "No country has coverage." {
		t.Errorf("desc = %q", got)
	}
	if n := len(root.All("a")); n != 0 {
		t.Errorf("%d links, want none", n)
	}
}

func TestSVGDeterministicAndGolden(t *testing.T) {
	regions := []Region{
		{Code: "US", Name: "United States", Href: "/countries/us/", Count: 40},
		{Code: "CN", Name: "China", Href: "/countries/cn/", Count: 25},
		{Code: "UA", Name: "Ukraine", Href: "/countries/ua/", Count: 30},
		{Code: "FR", Name: "France", Href: "/countries/fr/", Count: 9},
		{Code: "KE", Name: "Kenya", Href: "/countries/ke/", Count: 2},
		{Code: "XK", Name: "Kosovo", Href: "/countries/xk/", Count: 1},
	}
	got := string(Default().SVG("Coverage by country", regions))
	if again := string(Default().SVG("Coverage by country", regions)); again != got {
		t.Fatal("output differs between calls")
	}
	id := mustXML(t, got).Attr["aria-labelledby"]
	if other := string(Default().SVG("Other", regions)); strings.Contains(other, id) {
		t.Error("maps with different titles share element ids")
	}
	golden.Check(t, "map.svg", got)
}

func TestCSSCoversEveryClass(t *testing.T) {
	css := CSS()
	for _, s := range []string{".q0", ".q1", ".q2", ".q3", ".q4", ".q5", "--map-q0", "--map-q5", "--map-stroke", ".map-key", ".map-swatch.q5"} {
		if !strings.Contains(css, s) {
			t.Errorf("CSS lacks %s", s)
		}
	}
}

func BenchmarkSVG(b *testing.B) {
	m := Default()
	var regions []Region
	for i, s := range m.shapes {
		if i%2 == 0 {
			regions = append(regions, Region{Code: s.code, Name: s.name, Href: "/countries/" + strings.ToLower(s.code) + "/", Count: i})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		m.SVG("Coverage", regions)
	}
}

// TestKey checks that the HTML key says what the legend inside the map
// says, shade for shade, in the words given, as readable markup.
func TestKey(t *testing.T) {
	regions := []Region{{Code: "FR", Count: 10}, {Code: "DE", Count: 1}, {Code: "fr", Count: 99}}
	tests := []struct {
		name    string
		words   Words
		regions []Region
		want    string
	}{
		{"shades", Words{}, regions, "Articles | q0 none | q1 1 | q2 2 | q3 3 | q4 4–6 | q5 7–10"},
		{"no coverage", Words{}, nil, "Articles | q0 none"},
		{"words", Words{Legend: "Artículos", Zero: "ninguno"}, regions[1:2], "Artículos | q0 ninguno | q5 1"},
		{"escaped", Words{Legend: "<b>&"}, nil, "<b>& | q0 none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := mustXML(t, string(Default().KeyWith(tt.words, tt.regions)))
			if root.Attr["class"] != "map-key" {
				t.Fatalf("root class = %q", root.Attr["class"])
			}
			var got []string
			for _, s := range root.All("span") {
				switch s.Attr["class"] {
				case "map-key-title":
					got = append(got, s.Text)
				case "map-key-item":
					sw := s.Child("span")
					got = append(got, strings.TrimPrefix(sw.Attr["class"], "map-swatch ")+" "+strings.TrimSpace(s.Text))
				}
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Errorf("key = %q, want %q", g, tt.want)
			}
		})
	}
}
