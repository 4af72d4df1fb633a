package parse

import (
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// TestGolden parses every article under testdata/wire and testdata/markdown
// and compares it, as indented JSON, with the .golden file beside it.
func TestGolden(t *testing.T) {
	isArticle := func(file string) bool { return IsArticle(file) }
	for _, dir := range []string{"wire", "markdown"} {
		eachFixture(t, dir, isArticle, func(t *testing.T, name, file string, src []byte) {
			a, err := New().Parse(name, src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got, err := json.MarshalIndent(a, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, strings.TrimSuffix(file, filepath.Ext(file))+".golden", string(got)+"\n")
		})
	}
}
