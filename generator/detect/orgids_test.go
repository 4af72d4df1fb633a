package detect

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/attache/attache/generator/gazetteer"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestOrgIDsGolden keeps testdata/org-ids.txt, the list the evaluation
// set's writers use for expected organisations, in step with the data.
func TestOrgIDsGolden(t *testing.T) {
	var b strings.Builder
	for _, o := range gazetteer.Default().Organisations() {
		b.WriteString(o.ID + "\t" + o.Name + "\n")
	}
	const path = "testdata/org-ids.txt"
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != b.String() {
		t.Errorf("%s is out of date; run go test ./generator/detect -run OrgIDs -update", path)
	}
}
