package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"sync"
)

// encodedContent is an article's HTML escaped for XML and quoted for JSON,
// each done once however many feeds carry the article: a recent article
// is an item of the site's feed and of each of its countries' and
// organisations' feeds, and escaping its full text again for each was the
// bulk of the work of writing feeds. Encoding is lazy, so a rebuild that
// writes two feeds escapes only their items; it is safe for concurrent use.
type encodedContent struct {
	html     string
	xmlOnce  sync.Once
	xml      string
	jsonOnce sync.Once
	json     json.RawMessage
}

// escapedXML returns the content as XML character data.
func (c *encodedContent) escapedXML() string {
	c.xmlOnce.Do(func() {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(c.html)) // writes to memory; cannot fail
		c.xml = b.String()
	})
	return c.xml
}

// quotedJSON returns the content as a JSON string.
func (c *encodedContent) quotedJSON() json.RawMessage {
	c.jsonOnce.Do(func() {
		c.json, _ = json.Marshal(c.html) // a string always marshals
	})
	return c.json
}

// escapedXML returns an item's content as XML character data.
func escapedXML(it Item) string { return it.content().escapedXML() }

// quotedJSON returns an item's content as a JSON string.
func quotedJSON(it Item) json.RawMessage { return it.content().quotedJSON() }

// content returns the item's shared encodings, or new ones for an item
// made outside Feeds.
func (it Item) content() *encodedContent {
	if it.encoded != nil {
		return it.encoded
	}
	return &encodedContent{html: it.ContentHTML}
}
