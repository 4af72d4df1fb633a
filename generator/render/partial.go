package render

import (
	"bytes"
	"fmt"
	"html/template"
	"runtime"
	"strings"
	"sync"
	"weak"

	"github.com/attache/attache/generator/site"
)

// partialCache keeps the output of partials rendered with partialCached.
// An article appears in a dozen listings — home, each of its countries and
// organisations, digests — and its summary is the same in all of them; the
// masthead of fifteen thousand pages differs only by which section is
// current.
type partialCache struct {
	m sync.Map // partialKey → template.HTML
}

// partialKey names one cached output. The article or site it was rendered
// for is held weakly, so that the cache alone does not keep an old build
// alive.
type partialKey struct {
	name    string
	article weak.Pointer[site.Article]
	site    weak.Pointer[site.Site]
	variant string
}

// partialCached renders the named partial once and reuses the output:
//
//   - with an article as data, once per article: the partial must depend on
//     nothing but the article;
//   - with a page as data, once per build of the site and per variant: the
//     partial must depend on nothing but the site and the variants, such as
//     {{partialCached "header" . .Kind}}.
//
// Entries go when their article or site does, so a long preview session
// does not grow the cache with every rebuild.
func (r *Renderer) partialCached(name string, data any, variants ...any) (template.HTML, error) {
	key := partialKey{name: name}
	var owner any
	switch d := data.(type) {
	case *site.Article:
		if d == nil || len(variants) > 0 {
			return "", fmt.Errorf("partialCached %q: an article takes no variants", name)
		}
		key.article, owner = weak.Make(d), d
	case *site.Page:
		if d == nil || d.Site == nil {
			return "", fmt.Errorf("partialCached %q: page without a site", name)
		}
		key.site, owner = weak.Make(d.Site), d.Site
		key.variant = variantKey(variants)
	default:
		return "", fmt.Errorf("partialCached %q: data is %T, want an article or a page", name, data)
	}
	if v, ok := r.cache.m.Load(key); ok {
		return v.(template.HTML), nil
	}
	var b bytes.Buffer
	if err := r.partials.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	html := template.HTML(b.String())
	if _, loaded := r.cache.m.LoadOrStore(key, html); !loaded {
		switch o := owner.(type) {
		case *site.Article:
			runtime.AddCleanup(o, r.forget, key)
		case *site.Site:
			runtime.AddCleanup(o, r.forget, key)
		}
	}
	return html, nil
}

func (r *Renderer) forget(k partialKey) { r.cache.m.Delete(k) }

// variantKey joins the variants into one comparable key; %#v keeps "1" and
// 1 apart.
func variantKey(variants []any) string {
	var b strings.Builder
	for _, v := range variants {
		fmt.Fprintf(&b, "%#v\x00", v)
	}
	return b.String()
}
