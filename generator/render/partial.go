package render

import (
	"bytes"
	"fmt"
	"html/template"
	"runtime"
	"sync"
	"weak"

	"github.com/attache/attache/generator/site"
)

// partialCache keeps the output of partials rendered with partialCached,
// per partial and article. An article appears in a dozen listings — home,
// each of its countries and organisations, digests — and its summary is
// the same in all of them.
type partialCache struct {
	m sync.Map // partialKey → template.HTML
}

// partialKey holds the article weakly, so that the cache alone does not
// keep an article of an old build alive.
type partialKey struct {
	name    string
	article weak.Pointer[site.Article]
}

// partialCached renders the named partial with an article as its data, once
// per article: the partial must depend on nothing but the article. Entries
// go when the article does, so a long preview session does not grow the
// cache with every rebuild.
func (r *Renderer) partialCached(name string, a *site.Article) (template.HTML, error) {
	if a == nil {
		return "", fmt.Errorf("partialCached %q: no article", name)
	}
	key := partialKey{name, weak.Make(a)}
	if v, ok := r.cache.m.Load(key); ok {
		return v.(template.HTML), nil
	}
	var b bytes.Buffer
	if err := r.partials.ExecuteTemplate(&b, name, a); err != nil {
		return "", err
	}
	html := template.HTML(b.String())
	if _, loaded := r.cache.m.LoadOrStore(key, html); !loaded {
		runtime.AddCleanup(a, func(k partialKey) { r.cache.m.Delete(k) }, key)
	}
	return html, nil
}
