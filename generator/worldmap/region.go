package worldmap

// Region is one country's data for the map.
type Region struct {
	// Code is the ISO 3166-1 alpha-2 code, or XK for Kosovo.
	Code string
	// Name is the name shown in the country's tooltip; the map's own short
	// name is used when it is empty.
	Name string
	// Href, if set, makes the country a link.
	Href string
	// Count is the number of articles about the country.
	Count int
}
