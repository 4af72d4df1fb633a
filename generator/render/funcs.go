package render

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/attache/attache/generator/chart"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
	"github.com/attache/attache/generator/worldmap"
)

// funcs are the functions templates may call, documented in the README.
func (r *Renderer) funcs() template.FuncMap {
	fm := template.FuncMap{
		"url":    r.URL,
		"absURL": r.AbsURL,
		"asset": func(name string) (string, error) {
			p, ok := r.assetPath[name]
			if !ok {
				return "", fmt.Errorf("asset %q: no such file in the theme's static folder", name)
			}
			// A file name may hold what a URL would read otherwise
			// (C#.svg, "a?.css"): the path is escaped.
			return (&url.URL{Path: r.URL(p)}).EscapedPath(), nil
		},
		"isoDate": func(t time.Time) string {
			return t.Format("2006-01-02")
		},
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return fmt.Sprintf("%d %s", n, one)
			}
			return fmt.Sprintf("%d %s", n, many)
		},
		"join":  strings.Join,
		"add":   func(a, b int) int { return a + b },
		"dict":  dict,
		"upper": strings.ToUpper,

		"partialCached": r.partialCached,
		"headMeta":      r.headMeta,

		"worldmap":  r.worldMap,
		"regionMap": r.regionMap,
		"offMap":    offMap,
		"timeline":  r.timeline,
		"ranked":    r.ranked,
		"ofKind":    ofKind,
	}
	for name, f := range r.langFuncs() {
		fm[name] = f
	}
	return fm
}

// worldMap draws the coverage map of countries, each linked to its page.
// from is either covered entities (shaded by their article counts, as on
// the countries index) or articles (shaded by how many of them name each
// country, as for "the latest briefings" on the home page). The map is
// followed by its key in HTML, which themes show on narrow screens.
func (r *Renderer) worldMap(title string, from any) (template.HTML, error) {
	var regions []worldmap.Region
	switch v := from.(type) {
	case []view.Covered:
		regions = make([]worldmap.Region, 0, len(v))
		for _, e := range v {
			if e.Kind == string(site.CountryKind) {
				regions = append(regions, worldmap.Region{Code: e.ID, Name: e.Name, Href: r.URL(e.Path), Count: e.Count})
			}
		}
	case []*view.Article:
		index := map[string]int{}
		for _, a := range v {
			for _, c := range a.Countries() {
				i, ok := index[c.ID]
				if !ok {
					i = len(regions)
					index[c.ID] = i
					regions = append(regions, worldmap.Region{Code: c.ID, Name: c.Name, Href: r.URL(c.Path)})
				}
				regions[i].Count++
			}
		}
	default:
		return "", fmt.Errorf("worldmap: want countries or articles, got %T", from)
	}
	m := worldmap.Default()
	return m.SVGWith(r.mapWords(), title, regions) + m.KeyWith(r.mapWords(), regions), nil
}

// offMap returns the countries among es that are too small for the world
// map to show, so that a page can name them beside it.
func offMap(es []view.Covered) []view.Covered {
	var out []view.Covered
	m := worldmap.Default()
	for _, e := range es {
		if e.Kind == string(site.CountryKind) && !m.Has(e.ID) {
			out = append(out, e)
		}
	}
	return out
}

// timeline draws the articles' coverage over time: bars per week over a
// short span, per month over a long one.
//
// With a list path, such as an entity's or "/archive/", each bar links to
// the page of its month below it.
func (r *Renderer) timeline(title string, articles []*view.Article, list ...string) (template.HTML, error) {
	if len(list) > 1 {
		return "", fmt.Errorf("timeline: at most one list path, got %d", len(list))
	}
	bars := r.chartWords().TimelineOf(len(articles), func(i int) time.Time { return articles[i].Date })
	if len(list) == 1 {
		chart.LinkMonths(bars, func(y int, m time.Month) string { return r.URL(site.MonthPath(list[0], y, m)) })
	}
	return r.chartWords().Bars(title, bars), nil
}

// ranked draws horizontal bars in the given order, each linked to the
// entity's page: related entities with the number of shared articles, or
// covered entities with their article counts.
func (r *Renderer) ranked(title string, from any) (template.HTML, error) {
	var bars []chart.Bar
	switch v := from.(type) {
	case []view.Related:
		for _, e := range v {
			bars = append(bars, chart.Bar{Label: e.Label, Value: e.Count, Href: r.URL(e.Path)})
		}
	case []view.Covered:
		for _, e := range v {
			bars = append(bars, chart.Bar{Label: e.Label, Value: e.Count, Href: r.URL(e.Path)})
		}
	default:
		return "", fmt.Errorf("ranked: want related or covered entities, got %T", from)
	}
	return chart.Ranked(title, bars), nil
}

// ofKind keeps the related entities of one kind, "country" or
// "organisation", so that a page can chart them apart.
func ofKind(kind string, rel []view.Related) ([]view.Related, error) {
	if kind != string(site.CountryKind) && kind != string(site.OrganisationKind) {
		return nil, fmt.Errorf("ofKind: kind %q: want country or organisation", kind)
	}
	var out []view.Related
	for _, e := range rel {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out, nil
}

// dict makes a map of its key and value arguments, to pass several values
// to a template: {{template "x" (dict "Entity" $e "Articles" .Latest)}}.
func dict(pairs ...any) (map[string]any, error) {
	if len(pairs)%2 != 0 {
		return nil, fmt.Errorf("dict: %d arguments, want key and value pairs", len(pairs))
	}
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		k, ok := pairs[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is a %T, want a string", pairs[i], pairs[i])
		}
		m[k] = pairs[i+1]
	}
	return m, nil
}
