package feed

import "time"

// atomNS is the Atom 1.0 namespace, RFC 4287.
const atomNS = "http://www.w3.org/2005/Atom"

// xmlHeader opens every XML file written, as encoding/xml's Header.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// Atom encodes f as an Atom 1.0 document (RFC 4287). Dates are RFC 3339.
// Text that is not valid UTF-8 or holds characters XML forbids is written
// with U+FFFD in their place, so the error is always nil.
func Atom(f Feed) ([]byte, error) {
	items, n := entries(f.Items, entryFormat{
		cache:  func(c *encodedContent) *entryCache { return &c.atom },
		encode: appendAtomEntry, content: true,
	})
	b := make([]byte, 0, 600+2*(len(f.Title)+len(f.Description)+len(f.Author))+3*len(f.Link)+n+3*len(items))
	b = append(b, xmlHeader...)
	b = append(b, `<feed xmlns="`+atomNS+`"`...)
	if f.Language != "" {
		b = appendAttr(b, "xml:lang", f.Language)
	}
	b = append(b, ">\n  <title type=\"text\">"...)
	b = appendXMLText(b, f.Title)
	b = append(b, "</title>\n"...)
	if f.Description != "" {
		b = append(b, `  <subtitle type="text">`...)
		b = appendXMLText(b, f.Description)
		b = append(b, "</subtitle>\n"...)
	}
	b = appendElement(b, "  ", "id", f.Link)
	b = append(b, "  <updated>"...)
	b = f.Updated.AppendFormat(b, time.RFC3339)
	b = append(b, "</updated>\n"...)
	b = appendAtomLink(b, "  ", "self", "application/atom+xml", f.Dir+"atom.xml")
	b = appendAtomLink(b, "  ", "alternate", "text/html", f.Link)
	b = append(b, "  <author>\n"...)
	b = appendElement(b, "    ", "name", f.Author)
	b = append(b, "  </author>\n  <generator>"+Generator+"</generator>\n"...)
	for _, e := range items {
		b = append(b, "  "...)
		b = append(b, e...)
		b = append(b, '\n')
	}
	return append(b, "</feed>\n"...), nil
}

// appendAtomEntry appends it as an Atom entry, indented as the child of
// the feed element, from its start tag to its end tag.
func appendAtomEntry(b []byte, it Item) []byte {
	b = append(b, "<entry>\n    <title type=\"text\">"...)
	b = appendXMLText(b, it.Title)
	b = append(b, "</title>\n"...)
	b = appendElement(b, "    ", "id", it.URL)
	b = appendAtomLink(b, "    ", "alternate", "text/html", it.URL)
	b = append(b, "    <published>"...)
	b = it.Published.AppendFormat(b, time.RFC3339)
	b = append(b, "</published>\n    <updated>"...)
	b = it.Published.AppendFormat(b, time.RFC3339)
	b = append(b, "</updated>\n"...)
	if it.Author != "" {
		b = append(b, "    <author>\n"...)
		b = appendElement(b, "      ", "name", it.Author)
		b = append(b, "    </author>\n"...)
	}
	for _, c := range it.Categories {
		b = append(b, "    <category"...)
		b = appendAttr(b, "term", c)
		b = append(b, "></category>\n"...)
	}
	if it.Summary != "" {
		b = append(b, "    <summary type=\"text\">"...)
		b = appendXMLText(b, it.Summary)
		b = append(b, "</summary>\n"...)
	}
	if it.ContentHTML != "" {
		b = append(b, "    <content type=\"html\">"...)
		b = appendXMLText(b, it.ContentHTML)
		b = append(b, "</content>\n"...)
	}
	return append(b, "  </entry>"...)
}

// appendAtomLink appends a link element on a line of its own.
func appendAtomLink(b []byte, indent, rel, typ, href string) []byte {
	b = append(b, indent...)
	b = append(b, `<link rel="`...)
	b = append(b, rel...)
	b = append(b, `" type="`...)
	b = append(b, typ...)
	b = append(b, '"')
	b = appendAttr(b, "href", href)
	return append(b, "></link>\n"...)
}

// appendElement appends an element holding only text on a line of its own.
func appendElement(b []byte, indent, name, text string) []byte {
	b = append(b, indent...)
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = appendXMLText(b, text)
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, ">\n"...)
}

// appendAttr appends an attribute with a space before it.
func appendAttr(b []byte, name, value string) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="`...)
	b = appendXMLText(b, value)
	return append(b, '"')
}
