package site

import "sync"

// Derived keeps values derived from a model object for as long as the
// object lives, such as the HTML of a partial a renderer showed in many
// lists: kept with the article or site it was made from, it goes with the
// build it belongs to, with no cache to clean up. Keys must be comparable.
// The zero value is ready; it is safe for concurrent use.
type Derived struct {
	mu sync.Mutex
	// Few values are derived from one object (an article's summary), so a
	// list beats a map for both memory and speed.
	entries []derivedEntry
}

type derivedEntry struct{ key, value any }

// Load returns the value stored for key, if any.
func (d *Derived) Load(key any) (any, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, e := range d.entries {
		if e.key == key {
			return e.value, true
		}
	}
	return nil, false
}

// LoadOrStore returns the value stored for key if there is one, and
// otherwise stores and returns value.
func (d *Derived) LoadOrStore(key, value any) any {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, e := range d.entries {
		if e.key == key {
			return e.value
		}
	}
	d.entries = append(d.entries, derivedEntry{key, value})
	return value
}

// Derived returns the article's derived values.
func (a *Article) Derived() *Derived { return &a.derived }

// Derived returns the site's derived values.
func (s *Site) Derived() *Derived { return &s.derived }
