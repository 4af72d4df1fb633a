package detect

import (
	"reflect"
	"strings"
	"testing"

	"github.com/attache/attache/generator/gazetteer"
)

// TestTraps covers the precision traps named in issue 3: each case is the
// exact set of countries and organisations a reader would expect.
func TestTraps(t *testing.T) {
	runTraps(t, New(gazetteer.Default()), []trap{
		{"Georgia the US state", Input{Dateline: "ATLANTA, Georgia", Body: "Georgia Governor Brian Kemp said ports in Savannah and Georgia's farms would benefit."}, "US", ""},
		{"Georgia the country", Input{Body: "Georgia's parliament in Tbilisi passed the law despite protests."}, "GE", ""},
		{"Jordan a person", Input{Body: "Basketball star Michael Jordan visited the factory. Jordan Peterson spoke later."}, "", ""},
		{"Jordan the country", Input{Body: "Jordan's King Abdullah met officials in Amman as Jordan hosted the talks."}, "JO", ""},
		{"Chad a person", Input{Body: "Coach Chad Morris praised the team."}, "", ""},
		{"Niger vs Nigeria", Input{Body: "Niger closed its border with Nigeria; Nigerien troops and Nigerian police met."}, "NE NG", ""},
		{"Niger Delta is Nigeria", Input{Body: "Oil theft in the Niger Delta fell."}, "NG", ""},
		{"Guineas", Input{Body: "Guinea, Guinea-Bissau and Equatorial Guinea signed, and Papua New Guinea observed, in the Gulf of Guinea."}, "GN GQ GW PG", ""},
		{"Sudan vs South Sudan", Input{Body: "South Sudan and Sudan agreed on oil transit; South Sudanese officials said."}, "SD SS", ""},
		{"two Congos", Input{Body: "The Democratic Republic of the Congo and the Republic of the Congo share the river. Congolese traders in Kinshasa cheered."}, "CD CG", ""},
		{"Congo alone unresolved", Input{Body: "The novel is set along the Congo in the 1890s."}, "", ""},
		{"Dominica vs Dominican Republic", Input{Body: "Dominica asked the Dominican Republic for help; Dominican officials agreed."}, "DM DO", ""},
		{"Korea alone", Input{Body: "Celadon glazes developed in Goryeo-era Korea."}, "", ""},
		{"Korea with Seoul", Input{Body: "Seoul said Korea would respond."}, "KR", ""},
		{"idioms", Input{Body: "He ordered French fries and Turkish delight, read China Daily, and played Russian roulette."}, "", ""},
		{"seas and states", Input{Body: "Ships crossed the Indian Ocean and the South China Sea to reach New Mexico and New South Wales."}, "AU US", ""},
		{"Paris, Texas", Input{Body: "The festival in Paris, Texas, drew crowds. Paris officials were pleased."}, "US", ""},
		{"London, Ontario", Input{Dateline: "LONDON, Ontario", Body: "The plant in London will employ 1,000."}, "CA", ""},
		{"named documents", Input{Body: "Signatories of the Paris Agreement and the Minsk agreements met; the Beijing Declaration was cited."}, "", ""},
		{"WHO vs who", Input{Body: "The WHO said people who travel should be vaccinated."}, "", "who"},
		{"WHO in a shouting headline", Input{Title: "WHO IS TO BLAME FOR THE FLOODS"}, "", ""},
		{"ICC the court", Input{Body: "The ICC issued an arrest warrant, judges in The Hague said."}, "NL", "icc"},
		{"ICC the cricket council", Input{Body: "The ICC announced the T20 World Cup schedule for cricket fans."}, "", "icc-cricket"},
		{"CPC in China", Input{Body: "The CPC Central Committee met in Beijing."}, "CN", "cpc"},
		{"Quad unconfirmed", Input{Body: "The Quad bike race was held."}, "", ""},
		{"Quad confirmed", Input{Body: "Leaders of the Quad, from Japan, India, Australia and the United States, met."}, "AU IN JP US", "quad"},
		{"AU", Input{Body: "The AU suspended Niger."}, "NE", "au"},
		{"US currency", Input{Body: "The loan of US$5 billion was signed in Manila."}, "PH", ""},
		{"US and U.S.", Input{Body: "US and U.S. officials met."}, "US", ""},
		{"all-caps dateline in lede", Input{Lede: "VIENTIANE, July 25 (Xinhua) -- Talks were held."}, "LA", ""},
		{"Sino compound", Input{Body: "Sino-Russian ties and Sino forests."}, "CN RU", ""},
		{"longest match", Input{Body: "Papua New Guinea and South Sudan"}, "PG SS", ""},
		{"cities to countries", Input{Body: "Shelling hit Aleppo; a summit opened in Kazan; floods struck Mindanao and North Carolina."}, "PH RU SY US", ""},
		{"metonyms", Input{Body: "The Kremlin and the White House traded barbs while Downing Street stayed quiet."}, "GB RU US", ""},
		{"Brussels as the EU", Input{Body: "Farmers protested against the European Union's rules, blaming Brussels."}, "", "eu"},
		{"Brussels the city", Input{Body: "A concert was held in Brussels, Belgium."}, "BE", ""},
		{"people named like cities", Input{Body: "Secretary of State Antony Blinken and lawyer Salvador Medialdea spoke."}, "", ""},
		{"Unicode boundaries", Input{Body: "Türkiye and Côte d’Ivoire signed; Chinaware is not China."}, "CI CN TR", ""},
		{"national security councils", Input{Body: "Russia's Security Council met. The National Security Council in Washington met."}, "RU US", ""},
		{"UN organ confirmed by the UN", Input{Body: "The United Nations said the Security Council would vote."}, "", "un unsc"},
		{"people named like capitals", Input{Body: "Actress Sofia Vergara and Paraguay's President Santiago Peña met."}, "PY", ""},
		{"lower case is no name", Input{Body: "fine china and turkey for dinner"}, "", ""},
		{"airlines are companies", Input{Body: "Emirates, Air Canada, Ethiopian Airlines and Oman Air ordered jets; the Pakistan Air Force flew."}, "PK", ""},
		{"the Emirates is the state", Input{Body: "Investors in the Emirates cheered."}, "AE", ""},
		{"central bank is the state", Input{Body: "The People's Bank of China cut rates; Bank of China lent more."}, "CN", ""},
		{"waters named after states", Input{Body: "Ships crossed the Gulf of Finland, the Strait of Gibraltar and the Bay of Bengal."}, "", ""},
		{"diseases and idioms", Input{Body: "The Spanish flu, German measles, a Mexican standoff, Dutch disease and Chinese New Year."}, "", ""},
		{"groupings named after cities", Input{Body: "The OSCE Minsk Group and the Lima Group were dissolved."}, "", "osce"},
		{"Arabic family names", Input{Body: "Sheikh Sabah Al-Khalid Al-Sabah met the emir."}, "", ""},
		{"country name as a US town", Input{Body: "A plant in Lebanon, Pennsylvania, closed; Lebanon's mayor spoke."}, "US", ""},
		{"lists are not locations", Input{Body: "Storms hit Georgia, Florida and Alabama."}, "US", ""},
		{"dateline city named like a country", Input{Dateline: "ARMENIA, Colombia", Body: "Farmers around Armenia picked coffee."}, "CO", ""},
		{"UN organ confirmed by a UN agency", Input{Body: "UNICEF warned that the Security Council must act."}, "", "unicef unsc"},
		{"UN organ confirmed by the World Court", Input{Body: "The ICJ gave its opinion and the General Assembly voted."}, "", "icj unga"},
	})
}

// trap is a text and the exact set of entities a reader would expect.
type trap struct {
	name            string
	in              Input
	countries, orgs string // space-separated, sorted
}

func runTraps(t *testing.T, d *Detector, traps []trap) {
	t.Helper()
	for _, tt := range traps {
		t.Run(tt.name, func(t *testing.T) {
			r := d.Detect(tt.in)
			if got := strings.Join(ids(r.Countries), " "); got != tt.countries {
				t.Errorf("countries = %q, want %q (%+v)", got, tt.countries, r.Countries)
			}
			if got := strings.Join(ids(r.Organisations), " "); got != tt.orgs {
				t.Errorf("organisations = %q, want %q (%+v)", got, tt.orgs, r.Organisations)
			}
		})
	}
}

func TestSalience(t *testing.T) {
	d := New(gazetteer.Default())
	in := Input{
		Title: "China and Russia pledge closer ties",
		Lede:  "Chinese and Russian ministers met on Thursday.",
		Body:  "China said cooperation with Russia would deepen. Japan was not mentioned again.",
	}
	r := d.Detect(in)
	if got := ids(r.Countries); !reflect.DeepEqual(got, []string{"CN", "JP", "RU"}) {
		t.Fatalf("countries = %v", got)
	}
	if r.Countries[0].ID != "CN" || !r.Countries[0].Primary || r.Countries[0].Mentions != 3 {
		t.Errorf("most salient = %+v, want CN, primary, 3 mentions", r.Countries[0])
	}
	for _, e := range r.Countries {
		if e.ID == "JP" && (e.Primary || e.Mentions != 1) {
			t.Errorf("JP = %+v, want one non-primary mention", e)
		}
	}
	// A threshold of two drops the passing mention but keeps the subjects.
	r = New(gazetteer.Default(), WithMinMentions(2)).Detect(in)
	if got := ids(r.Countries); !reflect.DeepEqual(got, []string{"CN", "RU"}) {
		t.Errorf("with min mentions 2: countries = %v, want [CN RU]", got)
	}
	r = New(gazetteer.Default(), WithSuppressed([]string{"RU"}, nil)).Detect(in)
	if got := ids(r.Countries); !reflect.DeepEqual(got, []string{"CN", "JP"}) {
		t.Errorf("with RU suppressed: countries = %v, want [CN JP]", got)
	}
}

func TestEvidenceOffsets(t *testing.T) {
	in := Input{Title: "Türkiye’s talks", Dateline: "ANKARA", Lede: "Turkish officials met U.S. envoys.", Body: "The Kremlin's view."}
	r := New(gazetteer.Default()).Detect(in)
	want := map[string][]Evidence{
		"TR": {{Title, 0, "Türkiye"}, {Dateline, 0, "ANKARA"}, {Lede, 0, "Turkish"}},
		"US": {{Lede, 22, "U.S."}},
		"RU": {{Body, 4, "Kremlin"}},
	}
	for _, e := range r.Countries {
		if !reflect.DeepEqual(e.Evidence, want[e.ID]) {
			t.Errorf("%s evidence = %+v, want %+v", e.ID, e.Evidence, want[e.ID])
		}
	}
	if len(r.Countries) != len(want) {
		t.Errorf("countries = %v", ids(r.Countries))
	}
}
