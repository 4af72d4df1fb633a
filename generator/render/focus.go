package render

import (
	"html/template"

	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
	"github.com/attache/attache/generator/worldmap"
)

// regionMap draws the world map zoomed onto countries, a region's, each
// shaded by its briefings and linked to its page.
func (r *Renderer) regionMap(title string, countries []view.Covered) template.HTML {
	var regions []worldmap.Region
	var codes []string
	for _, e := range countries {
		if e.Kind == string(site.CountryKind) {
			regions = append(regions, worldmap.Region{Code: e.ID, Name: e.Name, Href: r.URL(e.Path), Count: e.Count})
			codes = append(codes, e.ID)
		}
	}
	m := worldmap.Default()
	return m.Focus(m.SVGWith(r.mapWords(), title, regions), codes)
}
