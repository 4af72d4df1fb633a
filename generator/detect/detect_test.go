package detect

import (
	"os"
	"reflect"
	"sort"
	"testing"

	"github.com/attache/attache/generator/article"
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

func TestWithoutEvidence(t *testing.T) {
	in := Input{Title: "China and Laos sign rail deal", Body: "Chinese and Lao officials met in Vientiane."}
	with := New(gazetteer.Default()).Detect(in)
	without := New(gazetteer.Default(), WithoutEvidence()).Detect(in)
	if len(with.Countries) == 0 || len(with.Countries[0].Evidence) == 0 {
		t.Fatalf("no evidence by default: %+v", with.Countries)
	}
	if len(without.Countries) != len(with.Countries) {
		t.Fatalf("WithoutEvidence changed what was found: %+v vs %+v", without.Countries, with.Countries)
	}
	for i, e := range without.Countries {
		if e.Evidence != nil || e.Mentions != with.Countries[i].Mentions || e.Primary != with.Countries[i].Primary {
			t.Errorf("%s: %+v, want the same counts as %+v and no evidence", e.ID, e, with.Countries[i])
		}
	}
}

func TestDerivedTitleNotCountedTwice(t *testing.T) {
	a := &article.Article{Title: "Kenya and Uganda agree rail link", TitleDerived: true, Lede: "Kenya and Uganda agree rail link. Work starts soon."}
	r := New(gazetteer.Default()).Detect(InputOf(a))
	for _, e := range r.Countries {
		if e.Mentions != 1 {
			t.Errorf("%s: %d mentions, want 1: a derived title repeats the lede", e.ID, e.Mentions)
		}
	}
	if len(r.Countries) != 2 {
		t.Errorf("countries = %v, want KE UG", ids(r.Countries))
	}
}
