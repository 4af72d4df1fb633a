package gazetteer

// Country is a state or ISO 3166-1 territory, or a historical state
// (ISO 3166-3) that keeps its own page.
type Country struct {
	Code      string   // ISO 3166-1 alpha-2, "CN"; Kosovo "XK", Palestine "PS"
	Code3     string   // ISO 3166-1 alpha-3, "CHN"
	Name      string   // English short name, "China"
	Official  string   // "People's Republic of China"
	Slug      string   // URL slug derived from Name, "south-korea"
	Region    string   // UN M49 region, "Asia"
	Subregion string   // UN M49 subregion (intermediate region where M49 has one), "Eastern Asia"
	Aliases   []string // other names of the state: "PRC", "Burma", "U.S."
	Demonyms  []string // demonyms and adjectives: "Chinese", "Sino" (as in Sino-Russian)
	Capitals  []string // capitals and seats of government used as metonyms: "Beijing", "Kremlin"
	// Dissolved is the year a historical state with a page of its own
	// ceased to exist ("1991" for the Soviet Union, ISO 3166-3 code SU);
	// empty for current states and territories.
	Dissolved string
}
