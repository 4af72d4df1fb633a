package worldmap

import (
	"fmt"
	"strings"
	"testing"
)

// TestWords draws the map in another language: the legend, the tooltips
// and the description use the words given.
func TestWords(t *testing.T) {
	w := Words{
		Count:  func(n int) string { return fmt.Sprintf("%d artículo(s)", n) },
		Legend: "Artículos", Zero: "ninguno", None: "Ningún país.", CoveredOne: "1 país: ", Covered: "%d países; los más: ",
	}
	m := Default()
	svg := string(m.SVGWith(w, "Mapa", []Region{{Code: "FR", Name: "Francia", Count: 2}, {Code: "ES", Name: "España", Count: 1}}))
	for _, want := range []string{"2 países; los más: Francia (2 artículo(s)), España (1 artículo(s)).", ">Artículos<", ">ninguno<", "Francia: 2 artículo(s)"} {
		if !strings.Contains(svg, want) {
			t.Errorf("map lacks %q", want)
		}
	}
	if svg := string(m.SVGWith(w, "Mapa", nil)); !strings.Contains(svg, "Ningún país.") {
		t.Error("empty map does not say so in its words")
	}
}
