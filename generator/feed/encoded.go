package feed

import (
	"slices"
	"sync"
)

// encodedContent is an article's entry in each feed format, encoded once
// however many feeds carry the article: a recent article is an item of the
// site's feed and of each of its countries' and organisations' feeds, and
// encoding its full text again for each was the bulk of the work of
// writing feeds. Encoding is lazy, so a rebuild that writes two feeds
// encodes only their items; it is safe for concurrent use.
type encodedContent struct {
	html             string
	atom, rss, jsonf entryCache
}

// entryCache is one format's encoding of an item, made by the first feed
// that needs it.
type entryCache struct {
	once sync.Once
	// item is what data was encoded from, so that an item changed after
	// Feeds made it is encoded afresh rather than given a stale entry.
	item Item
	data []byte
}

// entry returns it encoded by f, from the cache if it was encoded before.
// The result is shared: callers copy it, never append to it.
func (c *entryCache) entry(it Item, f entryFormat) []byte {
	c.once.Do(func() {
		c.item = it
		c.data = f.encode(f.buffer(it), it)
	})
	if !sameItem(c.item, it) {
		return f.encode(f.buffer(it), it)
	}
	return c.data
}

// sameItem reports whether a and b encode alike in every format. Times
// compare with == rather than Equal because the zone is written out too;
// strings shared by the items of one article compare in constant time.
func sameItem(a, b Item) bool {
	return a.URL == b.URL && a.Title == b.Title && a.Summary == b.Summary &&
		a.ContentHTML == b.ContentHTML && a.Published == b.Published &&
		a.Author == b.Author && slices.Equal(a.Categories, b.Categories)
}

// entryFormat is how one feed format encodes an item's entry.
type entryFormat struct {
	// cache picks the format's cache from an article's.
	cache  func(*encodedContent) *entryCache
	encode func([]byte, Item) []byte
	// content says whether entries carry the item's content.
	content bool
}

// entries returns each item's entry encoded by f, shared through the
// article's cache where the item has one, and their total length.
func entries(items []Item, f entryFormat) ([][]byte, int) {
	out := make([][]byte, len(items))
	n := 0
	for i, it := range items {
		if it.encoded != nil {
			out[i] = f.cache(it.encoded).entry(it, f)
		} else {
			out[i] = f.encode(f.buffer(it), it)
		}
		n += len(out[i])
	}
	return out, n
}

// buffer returns a buffer that most often holds it encoded without
// growing: escaping adds about a fifth to HTML, and the markup of an entry
// is under 500 bytes.
func (f entryFormat) buffer(it Item) []byte {
	n := 500 + 3*len(it.URL) + len(it.Title) + 2*len(it.Summary) + len(it.Author)
	if f.content {
		n += len(it.ContentHTML) * 5 / 4
	}
	for _, c := range it.Categories {
		n += 40 + len(c)
	}
	return make([]byte, 0, n)
}
