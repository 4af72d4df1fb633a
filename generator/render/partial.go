package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"

	"github.com/attache/attache/generator/view"
)

// partialKey names one partial rendered by one renderer. Its output is kept
// with the article or site view it was rendered for, so that it
// lives exactly as long as the build it belongs to: an article appears in a
// dozen listings — home, each of its countries and organisations, digests —
// and its summary is the same in all of them; the masthead of fifteen
// thousand pages differs only by which section is current.
type partialKey struct {
	renderer *Renderer
	name     string
	variant  string
}

// partialCached renders the named partial once and reuses the output:
//
//   - with an article as data, once per article: the partial must depend on
//     nothing but the article;
//   - with a page as data, once per build of the site and per variant: the
//     partial must depend on nothing but the site and the variants, such as
//     {{partialCached "header" . .Kind}}.
func (r *Renderer) partialCached(name string, data any, variants ...any) (template.HTML, error) {
	key := partialKey{renderer: r, name: name}
	render := func(data any) (any, error) {
		var b bytes.Buffer
		if err := r.partials.ExecuteTemplate(&b, name, data); err != nil {
			if errors.Is(err, view.ErrCallsItself) {
				// Said once, not wrapped by every level of the
				// recursion it stopped.
				return nil, fmt.Errorf("partialCached %q: %w", name, view.ErrCallsItself)
			}
			return nil, err
		}
		return template.HTML(b.String()), nil
	}
	var v any
	var err error
	switch d := data.(type) {
	case *view.Article:
		if d == nil {
			return "", fmt.Errorf("partialCached %q: no article", name)
		}
		if len(variants) > 0 {
			return "", fmt.Errorf("partialCached %q: an article takes no variants", name)
		}
		v, err = d.Cached(key, func() (any, error) { return render(d) })
	case *view.Page:
		if d == nil || d.Site == nil {
			return "", fmt.Errorf("partialCached %q: page without a site", name)
		}
		key.variant = variantKey(variants)
		v, err = view.CachedForBuild(d, key, func(p *view.Page) (any, error) { return render(p) })
	default:
		return "", fmt.Errorf("partialCached %q: data is %T, want an article or a page", name, data)
	}
	if err != nil {
		return "", err
	}
	return v.(template.HTML), nil
}

// variantKey joins the variants into one comparable key; %#v keeps "1" and
// 1 apart.
func variantKey(variants []any) string {
	var b strings.Builder
	for _, v := range variants {
		fmt.Fprintf(&b, "%#v\x00", v)
	}
	return b.String()
}
