package gazetteer

import (
	"strings"
	"testing"
)

func TestDefaultCoverage(t *testing.T) {
	g := Default()
	if n := len(g.Countries()); n < 249 {
		t.Errorf("%d countries, want all ISO 3166-1 entries plus Kosovo", n)
	}
	if n := len(g.Organisations()); n < 150 {
		t.Errorf("%d organisations, want at least 150", n)
	}
	slugs := map[string]string{}
	for _, c := range g.Countries() {
		if c.Code == "" || len(c.Code3) != 3 || c.Name == "" || c.Slug == "" {
			t.Errorf("incomplete country %+v", c)
		}
		if c.Region == "" && c.Code != "AQ" && c.Code != "BV" && c.Code != "HM" && c.Code != "TF" && c.Code != "GS" && c.Code != "IO" && c.Code != "UM" && c.Code != "CX" && c.Code != "CC" {
			t.Errorf("%s %s has no M49 region", c.Code, c.Name)
		}
		if o, dup := slugs[c.Slug]; dup {
			t.Errorf("slug %q of %s already used by %s", c.Slug, c.Code, o)
		}
		slugs[c.Slug] = c.Code
	}
	for i := 1; i < len(g.Countries()); i++ {
		if g.Countries()[i-1].Name > g.Countries()[i].Name {
			t.Fatalf("countries not sorted by name at %s", g.Countries()[i].Name)
		}
	}
}

func TestCountryFields(t *testing.T) {
	g := Default()
	tests := []struct{ code, code3, name, slug, region, sub string }{
		{"CN", "CHN", "China", "china", "Asia", "Eastern Asia"},
		{"LA", "LAO", "Laos", "laos", "Asia", "South-Eastern Asia"},
		{"US", "USA", "United States", "united-states", "Americas", "Northern America"},
		{"KR", "KOR", "South Korea", "south-korea", "Asia", "Eastern Asia"},
		{"RU", "RUS", "Russia", "russia", "Europe", "Eastern Europe"},
		{"XK", "UNK", "Kosovo", "kosovo", "Europe", "Southern Europe"},
		{"PS", "PSE", "Palestine", "palestine", "Asia", "Western Asia"},
		{"CD", "COD", "DR Congo", "dr-congo", "Africa", "Middle Africa"},
		{"CI", "CIV", "Ivory Coast", "ivory-coast", "Africa", "Western Africa"},
	}
	for _, tt := range tests {
		c := g.Country(tt.code)
		if c == nil {
			t.Errorf("no country %s", tt.code)
			continue
		}
		if c.Code3 != tt.code3 || c.Name != tt.name || c.Slug != tt.slug || c.Region != tt.region || c.Subregion != tt.sub {
			t.Errorf("%s = %s %s %s %s %s, want %+v", tt.code, c.Code3, c.Name, c.Slug, c.Region, c.Subregion, tt)
		}
	}
	if g.Country("CN").Official != "People's Republic of China" {
		t.Errorf("China official name = %q", g.Country("CN").Official)
	}
}

func TestLookup(t *testing.T) {
	g := Default()
	countries := map[string]string{
		"cn": "CN", "CHN": "CN", "china": "CN", "People's Republic of China": "CN", "Chinese": "CN",
		"U.S.": "US", "usa": "US", "united-states": "US", "America": "US", "UK": "GB", "Britain": "GB",
		"DPRK": "KP", "ROK": "KR", "Burma": "MM", "Ivory Coast": "CI", "Côte d'Ivoire": "CI", "Türkiye": "TR",
		"Turkey": "TR", "Czech Republic": "CZ", "Czechia": "CZ", "Lao PDR": "LA", "laotian": "LA",
		"Palestinian": "PS", "State of Palestine": "PS", "kosovo": "XK", "  south korea ": "KR",
	}
	for in, want := range countries {
		c, ok := g.LookupCountry(in)
		if !ok || c.Code != want {
			t.Errorf("LookupCountry(%q) = %v, %v; want %s", in, c, ok, want)
		}
	}
	orgs := map[string]string{
		"ASEAN": "asean", "asean": "asean", "Association of Southeast Asian Nations": "asean", "SCO": "sco",
		"Shanghai Cooperation Organisation": "sco", "BRICS": "brics", "CPC": "cpc", "Communist Party of China": "cpc",
		"European Community": "eu", "OPEC+": "opec-plus", "OPEC": "opec", "World Bank": "world-bank", "ICC": "icc",
		"new development bank": "ndb", "G-20": "g20",
	}
	for in, want := range orgs {
		o, ok := g.LookupOrganisation(in)
		if !ok || o.ID != want {
			t.Errorf("LookupOrganisation(%q) = %v, %v; want %s", in, o, ok, want)
		}
	}
	for _, in := range []string{"", "Atlantis", "xx"} {
		if c, ok := g.LookupCountry(in); ok {
			t.Errorf("LookupCountry(%q) = %s, want unknown", in, c.Code)
		}
	}
}

func TestOrganisationsWellFormed(t *testing.T) {
	g := Default()
	for _, id := range []string{"un", "unsc", "unga", "asean", "au", "eu", "european-commission", "european-parliament",
		"oas", "arab-league", "gcc", "ecowas", "sadc", "mercosur", "celac", "pif", "saarc", "bimstec", "cica", "lmc",
		"nato", "csto", "sco", "brics", "g7", "g20", "opec", "opec-plus", "apec", "quad", "aukus", "oecd", "eaeu", "cis",
		"imf", "world-bank", "wto", "aiib", "ndb", "icc", "icj", "iaea", "opcw", "cpc"} {
		if g.Organisation(id) == nil {
			t.Errorf("no organisation %q", id)
		}
	}
	if m := g.Organisation("asean").Members; len(m) != 10 {
		t.Errorf("ASEAN has %d members, want 10", len(m))
	}
	if k := g.Organisation("cpc").Kind; k != "party" {
		t.Errorf("cpc kind = %q, want party", k)
	}
}

func TestPlaces(t *testing.T) {
	in := map[string]string{}
	for _, p := range Default().Places() {
		in[p.Name+"/"+p.Country] = p.Kind
	}
	// Names shared by places in several states keep a reading per state;
	// names often a person's (Victoria, Hamilton) are listed for detection
	// to require corroboration.
	for _, want := range []string{"Aleppo/SY", "Kazan/RU", "Mindanao/PH", "North Carolina/US", "New South Wales/AU", "Ontario/CA", "Texas/US",
		"Perth/AU", "Perth/GB", "Hyderabad/IN", "Hyderabad/PK", "Hamilton/NZ", "Victoria/CA", "Victoria/AU"} {
		if in[want] == "" {
			t.Errorf("place %s missing", want)
		}
	}
	// Words and names that cause false hits are filtered out.
	for _, bad := range []string{"Of/TR", "Mobile/US", "Nice/FR", "Reading/GB", "Jordan/US", "Charlotte/US"} {
		if in[bad] != "" {
			t.Errorf("place %s should be filtered", bad)
		}
	}
}

func TestHistorical(t *testing.T) {
	g := Default()
	for code, dissolved := range map[string]string{"SU": "1991", "YU": "1992", "CS": "1992", "DD": "1990", "RU": "", "DE": ""} {
		c := g.Country(code)
		if c == nil || c.Dissolved != dissolved {
			t.Errorf("%s = %+v, want dissolved %q", code, c, dissolved)
		}
	}
	for name, code := range map[string]string{"USSR": "SU", "Zaire": "CD", "Ceylon": "LK", "Swaziland": "SZ", "West Germany": "DE", "GDR": "DD"} {
		if c, ok := g.LookupCountry(name); !ok || c.Code != code {
			t.Errorf("LookupCountry(%q) = %+v, want %s", name, c, code)
		}
	}
	for name, id := range map[string]string{"GATT": "gatt", "EEC": "eu", "OAU": "au", "CSCE": "osce", "Comecon": "comecon", "Warsaw Pact": "warsaw-pact"} {
		if o, ok := g.LookupOrganisation(name); !ok || o.ID != id {
			t.Errorf("LookupOrganisation(%q) = %+v, want %s", name, o, id)
		}
	}
	if d := g.Organisation("warsaw-pact").Dissolved; d != "1991" {
		t.Errorf("Warsaw Pact dissolved %q, want 1991", d)
	}
}

func TestWith(t *testing.T) {
	g := Default()
	n, err := g.With(Extension{
		CountryAliases:      map[string][]string{"laos": {"Land of a Million Elephants"}},
		OrganisationAliases: map[string][]string{"ASEAN": {"the Ten"}},
		Organisations:       []Organisation{{ID: "mgc", Name: "Mekong-Ganga Cooperation", Acronym: "MGC", Kind: "regional", Members: []string{"IN", "LA"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := n.LookupCountry("land of a million elephants"); !ok || c.Code != "LA" {
		t.Errorf("extended alias not found: %v %v", c, ok)
	}
	if o, ok := n.LookupOrganisation("MGC"); !ok || o.ID != "mgc" {
		t.Errorf("new organisation not found: %v %v", o, ok)
	}
	if _, ok := g.LookupCountry("land of a million elephants"); ok {
		t.Error("With modified the receiver")
	}
	if len(g.Country("LA").Aliases) == len(n.Country("LA").Aliases) {
		t.Error("extended copy shares the alias slice length of the original")
	}
	bad := []Extension{
		{CountryAliases: map[string][]string{"Atlantis": {"x"}}},
		{OrganisationAliases: map[string][]string{"nope": {"x"}}},
		{Organisations: []Organisation{{ID: "asean", Name: "Dup"}}},
		{Organisations: []Organisation{{ID: "Bad ID", Name: "x"}}},
		{Organisations: []Organisation{{ID: "x", Name: "X", Members: []string{"ZZ"}}}},
	}
	for i, ext := range bad {
		if _, err := g.With(ext); err == nil {
			t.Errorf("bad extension %d accepted", i)
		}
	}
}

func TestParseOrganisationsErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"org = [{id=\"x\"}]", "id and name are required"},
		{"org = [{id=\"x\", name=\"X\", colour=\"red\"}]", "unknown field"},
		{"org = [{id=\"x\", name=\"X\"}\n", "site.toml"},
	}
	for _, tt := range tests {
		_, err := ParseOrganisations("site.toml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "site.toml") {
			t.Errorf("ParseOrganisations(%q) error = %v, want one naming site.toml and %q", tt.src, err, tt.want)
		}
	}
}

func FuzzParseOrganisations(f *testing.F) {
	f.Add([]byte(organisationsTOML))
	f.Add([]byte("org = [{id=\"a\", name=\"A\", members=[\"CN\"]}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		orgs, err := ParseOrganisations("f.toml", data)
		if err != nil {
			return
		}
		for _, o := range orgs {
			if o.ID == "" || o.Name == "" {
				t.Fatalf("accepted organisation without id or name: %+v", o)
			}
		}
	})
}

func FuzzLookup(f *testing.F) {
	f.Add("U.S.")
	f.Add("Côte d’Ivoire")
	g := Default()
	f.Fuzz(func(t *testing.T, s string) {
		if c, ok := g.LookupCountry(s); ok && c == nil {
			t.Fatal("ok with nil country")
		}
		if o, ok := g.LookupOrganisation(s); ok && o == nil {
			t.Fatal("ok with nil organisation")
		}
	})
}
