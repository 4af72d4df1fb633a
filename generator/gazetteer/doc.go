// Package gazetteer holds the states, places and international
// organisations attache detects in articles.
//
// The country and place data are generated from public datasets by the
// program in gen/ (see README.md for sources and licences) and embedded;
// the organisation list is hand-curated in data/organisations.toml.
package gazetteer

//go:generate go run ./gen -out data
