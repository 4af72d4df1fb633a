package gazetteer

// Place is a city, province or state below country level.
type Place struct {
	Name       string
	Country    string // alpha-2 code
	Kind       string // "city" or "admin" (province, state, region)
	Population int    // 0 when unknown
}
