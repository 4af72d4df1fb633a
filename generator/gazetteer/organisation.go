package gazetteer

// Organisation is an international organisation, grouping, principal body
// or ruling party.
type Organisation struct {
	ID      string   // slug-like id, also the URL slug: "asean"
	Name    string   // "Association of Southeast Asian Nations"
	Acronym string   // "ASEAN"; empty when none
	Kind    string   // "regional", "security", "economic", "un-system", "financial", "legal", "party", ...
	Aliases []string // other names, other acronyms and historical names
	Members []string // alpha-2 codes of members, where membership is well defined

	// Country is the state a party or national body belongs to.
	Country string
	// Weak lists aliases that are ordinary words or shared with other
	// things ("Quad"); they count only when the article confirms the
	// organisation by another alias or by naming two of its members.
	Weak []string
	// Parent is the id of the organisation this one is a body of ("un"
	// for the Security Council); naming the parent confirms weak aliases.
	Parent string
	// Context lists lower-case words whose presence in an article favours
	// this organisation when one of its aliases is shared with another
	// organisation ("cricket" for the International Cricket Council's ICC).
	Context []string
	// Dissolved is the year a historical organisation with an entry of
	// its own ended ("1991" for the Warsaw Pact); empty for current ones.
	Dissolved string
}
