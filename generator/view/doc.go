// Package view makes the values a page's layouts see: one flat struct per
// kind of thing shown (an article, an entity with its counts, a month of
// stories), built from the site model and holding values only, never the
// model itself.
//
// A page's view is everything its layouts can reach, so Hash of the view is
// the page's signature: an incremental build re-renders a page exactly when
// its view changed, whatever a theme's own layouts choose to read. What a
// page must not depend on is simply not in its view. An article page, for
// instance, shows its article and its neighbours, but not how many
// briefings each of its countries has: that count changes with every new
// story, and a layout asking for it gets a template error at build time,
// never a stale page.
package view
