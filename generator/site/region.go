package site

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/attache/attache/generator/gazetteer"
)

// unRegions are the UN M49 regions and the subregions the gazetteer files
// countries under (intermediate regions where M49 has them), as written
// there. TestUNRegionsMatchGazetteer keeps the list in step.
var unRegions = []string{
	"Africa", "Americas", "Asia", "Europe", "Oceania",
	"Eastern Africa", "Middle Africa", "Northern Africa", "Southern Africa", "Western Africa",
	"Caribbean", "Central America", "Northern America", "South America",
	"Central Asia", "Eastern Asia", "South-Eastern Asia", "Southern Asia", "Western Asia",
	"Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe",
	"Australia and New Zealand", "Melanesia", "Micronesia", "Polynesia",
}

// regionGroup is a region filter: countries in any of the UN regions or
// subregions named, or with one of the ISO codes listed.
type regionGroup struct {
	// name is what digests call it: the UN name, or the short form for
	// a group M49 does not have ("Middle East").
	name  string
	un    []string
	codes []string
}

// regionAliases are the common short forms of regions, keyed by
// regionKey. A short form that is only another spelling of one UN name
// stands for it; the others are groups M49 lacks, listed by country.
// README.md (Digests) documents the table; keep the two in step.
var regionAliases = map[string]regionGroup{
	"eastasia":                    {name: "Eastern Asia", un: []string{"Eastern Asia"}},
	"southeastasia":               {name: "South-Eastern Asia", un: []string{"South-Eastern Asia"}},
	"southasia":                   {name: "Southern Asia", un: []string{"Southern Asia"}},
	"westasia":                    {name: "Western Asia", un: []string{"Western Asia"}},
	"northafrica":                 {name: "Northern Africa", un: []string{"Northern Africa"}},
	"eastafrica":                  {name: "Eastern Africa", un: []string{"Eastern Africa"}},
	"westafrica":                  {name: "Western Africa", un: []string{"Western Africa"}},
	"centralafrica":               {name: "Middle Africa", un: []string{"Middle Africa"}},
	"northamerica":                {name: "Northern America", un: []string{"Northern America"}},
	"easteurope":                  {name: "Eastern Europe", un: []string{"Eastern Europe"}},
	"westeurope":                  {name: "Western Europe", un: []string{"Western Europe"}},
	"pacific":                     {name: "Pacific Islands", un: []string{"Melanesia", "Micronesia", "Polynesia"}},
	"pacificislands":              {name: "Pacific Islands", un: []string{"Melanesia", "Micronesia", "Polynesia"}},
	"latinamerica":                {name: "Latin America and the Caribbean", un: []string{"Caribbean", "Central America", "South America"}},
	"latinamericaandthecaribbean": {name: "Latin America and the Caribbean", un: []string{"Caribbean", "Central America", "South America"}},
	"subsaharanafrica":            {name: "Sub-Saharan Africa", un: []string{"Eastern Africa", "Middle Africa", "Southern Africa", "Western Africa"}},
	"middleeast":                  {name: "Middle East", codes: []string{"AE", "BH", "CY", "EG", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE"}},
	"hornofafrica":                {name: "Horn of Africa", codes: []string{"DJ", "ER", "ET", "SO"}},
	"gulf":                        {name: "Gulf states", codes: []string{"AE", "BH", "KW", "OM", "QA", "SA"}},
	"gulfstates":                  {name: "Gulf states", codes: []string{"AE", "BH", "KW", "OM", "QA", "SA"}},
	"maghreb":                     {name: "Maghreb", codes: []string{"DZ", "LY", "MA", "MR", "TN"}},
	"levant":                      {name: "Levant", codes: []string{"IL", "JO", "LB", "PS", "SY"}},
	"sahel":                       {name: "Sahel", codes: []string{"BF", "ML", "MR", "NE", "TD"}},
	"southcaucasus":               {name: "South Caucasus", codes: []string{"AM", "AZ", "GE"}},
	"caucasus":                    {name: "South Caucasus", codes: []string{"AM", "AZ", "GE"}},
	"westernbalkans":              {name: "Western Balkans", codes: []string{"AL", "BA", "ME", "MK", "RS", "XK"}},
	"balkans":                     {name: "Western Balkans", codes: []string{"AL", "BA", "ME", "MK", "RS", "XK"}},
}

// regionKey folds a region's name for comparison: case, hyphens, spaces
// and accents do not matter ("South-Eastern Asia", "south eastern asia").
func regionKey(name string) string {
	return strings.ReplaceAll(Slugify(name), "-", "")
}

// has reports whether country c is in the region.
func (g *regionGroup) has(c *gazetteer.Country) bool {
	return c != nil && (slices.Contains(g.un, c.Subregion) || slices.Contains(g.un, c.Region) || slices.Contains(g.codes, c.Code))
}

// findRegion resolves a region filter: a UN M49 region or subregion, or
// one of the short forms of regionAliases. An unknown name gets a hint
// listing what is known, with the closest name first when one is close.
func findRegion(name string) (*regionGroup, error) {
	key := regionKey(name)
	for _, r := range unRegions {
		if regionKey(r) == key {
			return &regionGroup{name: r, un: []string{r}}, nil
		}
	}
	if g, ok := regionAliases[key]; ok {
		return &g, nil
	}
	return nil, fmt.Errorf("region %q: not a UN M49 region or subregion, nor a known short form%s; UN names: %s; short forms: %s, and East Asia, Southeast Asia, West Africa and the like",
		name, closestRegion(key), strings.Join(unRegions, ", "), strings.Join(regionShortForms(), ", "))
}

// regionShortForms lists the short forms a user may type, one per group,
// by the name each group is shown with.
func regionShortForms() []string {
	var out []string
	for _, g := range regionAliases {
		if len(g.codes) > 0 || len(g.un) > 1 {
			out = append(out, g.name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// closestRegion suggests the known name nearest to key by edit distance,
// when it is near enough to be a typing slip: ` (did you mean "…"?)`.
func closestRegion(key string) string {
	best, bestDist := "", len(key)/3+1
	consider := func(name string) {
		if d := editDistance(key, regionKey(name)); d < bestDist {
			best, bestDist = name, d
		}
	}
	for _, r := range unRegions {
		consider(r)
	}
	keys := slices.Sorted(maps.Keys(regionAliases)) // ties go the same way every run
	for _, k := range keys {
		consider(regionAliases[k].name)
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
