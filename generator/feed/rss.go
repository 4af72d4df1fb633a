package feed

import "time"

// RSS encodes f as an RSS 2.0 document. Dates are RFC 1123 with a numeric
// zone, as RFC 822 requires. Like Atom's, the error is always nil.
//
// The channel carries the atom:link rel="self" the RSS Advisory Board
// recommends, so that readers know the feed's own address.
func RSS(f Feed) ([]byte, error) {
	desc := f.Description
	if desc == "" {
		desc = f.Title // description is required
	}
	items, n := entries(f.Items, entryFormat{
		cache:  func(c *encodedContent) *entryCache { return &c.rss },
		encode: appendRSSItem, content: false,
	})
	b := make([]byte, 0, 600+2*(len(f.Title)+len(desc))+3*len(f.Link)+n+5*len(items))
	b = append(b, xmlHeader...)
	b = append(b, `<rss version="2.0" xmlns:atom="`+atomNS+`">`+"\n  <channel>\n"...)
	b = appendElement(b, "    ", "title", f.Title)
	b = appendElement(b, "    ", "link", f.Link)
	b = appendHTMLTextElement(b, "    ", "description", desc)
	if f.Language != "" {
		b = appendElement(b, "    ", "language", f.Language)
	}
	b = append(b, "    <lastBuildDate>"...)
	b = f.Updated.AppendFormat(b, time.RFC1123Z)
	b = append(b, "</lastBuildDate>\n    <generator>"+Generator+"</generator>\n    <atom:link"...)
	b = appendAttr(b, "href", f.Dir+"rss.xml")
	b = append(b, ` rel="self" type="application/rss+xml"></atom:link>`+"\n"...)
	for _, e := range items {
		b = append(b, "    "...)
		b = append(b, e...)
		b = append(b, '\n')
	}
	return append(b, "  </channel>\n</rss>\n"...), nil
}

// appendRSSItem appends it as an RSS item, indented as the child of the
// channel, from its start tag to its end tag.
func appendRSSItem(b []byte, it Item) []byte {
	b = append(b, "<item>\n"...)
	b = appendElement(b, "      ", "title", it.Title)
	b = appendElement(b, "      ", "link", it.URL)
	b = append(b, `      <guid isPermaLink="true">`...)
	b = appendXMLText(b, it.URL)
	b = append(b, "</guid>\n      <pubDate>"...)
	b = it.Published.AppendFormat(b, time.RFC1123Z)
	b = append(b, "</pubDate>\n"...)
	if it.Summary != "" {
		// Readers take a description for HTML; a summary is text, so its
		// markup is escaped once as HTML before it is escaped as XML.
		b = appendHTMLTextElement(b, "      ", "description", it.Summary)
	}
	for _, c := range it.Categories {
		b = appendElement(b, "      ", "category", c)
	}
	return append(b, "    </item>"...)
}
