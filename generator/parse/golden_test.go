package parse

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// TestGolden parses every article under testdata/wire and testdata/markdown
// and compares it, as indented JSON, with the .golden file beside it.
func TestGolden(t *testing.T) {
	for _, dir := range []string{"wire", "markdown"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, file := range files {
			if !IsArticle(file) {
				continue
			}
			n++
			name := dir + "/" + filepath.Base(file)
			t.Run(name, func(t *testing.T) {
				src, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				a, err := New().Parse(name, src)
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				got, err := json.MarshalIndent(a, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, '\n')
				golden := strings.TrimSuffix(file, filepath.Ext(file)) + ".golden"
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s (run go test -update and review the diff)\ngot:\n%s", name, golden, got)
				}
			})
		}
		if n == 0 {
			t.Errorf("no articles in testdata/%s", dir)
		}
	}
}
