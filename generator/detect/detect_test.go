package detect

import (
	"os"
	"reflect"
	"sort"
	"testing"

	"github.com/attache/attache/generator/gazetteer"
)

func ids(es []Entity) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	sort.Strings(out)
	return out
}

func TestSeedArticle(t *testing.T) {
	src, err := os.ReadFile("testdata/seed-xinhua.txt")
	if err != nil {
		t.Fatal(err)
	}
	in := splitWire(string(src))
	if in.Dateline == "" {
		t.Fatalf("no dateline split from seed: %+v", in)
	}
	r := New(gazetteer.Default()).Detect(in)
	if got, want := ids(r.Countries), []string{"CN", "LA", "PS", "RU"}; !reflect.DeepEqual(got, want) {
		t.Errorf("countries = %v, want %v\n%+v", got, want, r.Countries)
	}
	if got, want := ids(r.Organisations), []string{"asean", "brics", "cpc", "sco"}; !reflect.DeepEqual(got, want) {
		t.Errorf("organisations = %v, want %v\n%+v", got, want, r.Organisations)
	}
	// China and Russia are the subjects; Laos only hosts.
	if len(r.Countries) > 1 && !(r.Countries[0].Primary && r.Countries[1].Primary) {
		t.Errorf("the two most salient countries should be primary: %+v", r.Countries[:2])
	}
	for _, e := range r.Countries {
		if e.ID == "LA" && e.Evidence[0].Text != "VIENTIANE" {
			t.Errorf("Laos evidence = %+v, want the dateline VIENTIANE", e.Evidence)
		}
	}
}
