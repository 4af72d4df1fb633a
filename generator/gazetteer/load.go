package gazetteer

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

//go:embed data/countries.tsv
var countriesTSV []byte

//go:embed data/places.tsv
var placesTSV []byte

//go:embed data/organisations.toml
var organisationsTOML []byte

func load() (*Gazetteer, error) {
	cs, err := parseCountries("countries.tsv", countriesTSV)
	if err != nil {
		return nil, err
	}
	ps, err := parsePlaces("places.tsv", placesTSV)
	if err != nil {
		return nil, err
	}
	orgs, err := ParseOrganisations("organisations.toml", organisationsTOML)
	if err != nil {
		return nil, err
	}
	g := &Gazetteer{countries: cs, places: ps}
	for i := range orgs {
		g.orgs = append(g.orgs, &orgs[i])
	}
	g.index()
	return g, g.check()
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func parseCountries(name string, data []byte) ([]*Country, error) {
	var out []*Country
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		if t == "" || t[0] == '#' {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 11 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 11", name, line, len(f))
		}
		out = append(out, &Country{Code: f[0], Code3: f[1], Name: f[2], Official: f[3], Slug: f[4],
			Region: f[5], Subregion: f[6], Aliases: split(f[7]), Demonyms: split(f[8]), Capitals: split(f[9]), Dissolved: f[10]})
	}
	return out, sc.Err()
}

func parsePlaces(name string, data []byte) ([]Place, error) {
	var out []Place
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		if t == "" || t[0] == '#' {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 4", name, line, len(f))
		}
		pop, err := strconv.Atoi(f[3])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: population: %w", name, line, err)
		}
		kind := "city"
		if f[2] == "a" {
			kind = "admin"
		}
		out = append(out, Place{Name: f[0], Country: f[1], Kind: kind, Population: pop})
	}
	return out, sc.Err()
}

type orgFile struct {
	Org []Organisation `toml:"org"`
}

// ParseOrganisations reads organisations in the TOML form of
// data/organisations.toml (an array "org" of tables with the fields of
// Organisation in lower case). Sites use it for organisations in config.
func ParseOrganisations(name string, data []byte) ([]Organisation, error) {
	var f orgFile
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("parse %s: unknown field %s", name, und[0])
	}
	for i := range f.Org {
		if err := validOrg(&f.Org[i]); err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
	}
	return f.Org, nil
}

func validOrg(o *Organisation) error {
	if o.ID == "" || o.Name == "" {
		return fmt.Errorf("organisation %q: id and name are required", o.Name)
	}
	for _, r := range o.ID {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return fmt.Errorf("organisation %q: id must be lower-case letters, digits and dashes", o.ID)
		}
	}
	return nil
}

// check verifies cross references: unique ids and codes, known members.
func (g *Gazetteer) check() error {
	if len(g.byCode) != len(g.countries) {
		return fmt.Errorf("duplicate country code")
	}
	if len(g.byID) != len(g.orgs) {
		seen := map[string]bool{}
		for _, o := range g.orgs {
			if seen[o.ID] {
				return fmt.Errorf("duplicate organisation id %q", o.ID)
			}
			seen[o.ID] = true
		}
	}
	for _, o := range g.orgs {
		for _, m := range o.Members {
			if g.byCode[m] == nil {
				return fmt.Errorf("organisation %s: unknown member %q", o.ID, m)
			}
		}
		if o.Parent != "" && g.byID[o.Parent] == nil {
			return fmt.Errorf("organisation %s: unknown parent %q", o.ID, o.Parent)
		}
		if o.Country != "" && g.byCode[o.Country] == nil {
			return fmt.Errorf("organisation %s: unknown country %q", o.ID, o.Country)
		}
	}
	for _, p := range g.places {
		if g.byCode[p.Country] == nil {
			return fmt.Errorf("place %s: unknown country %q", p.Name, p.Country)
		}
	}
	return nil
}
