package feed

import "time"

// JSONFeedVersion is the version URL of the JSON Feed format written.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

// JSON encodes f as a JSON Feed 1.1 document, indented by two spaces.
// Dates are RFC 3339. Strings are escaped as encoding/json escapes them,
// <, > and & included, and bytes that are not valid UTF-8 become U+FFFD,
// so the error is always nil.
func JSON(f Feed) ([]byte, error) {
	items, n := entries(f.Items, entryFormat{
		cache:  func(c *encodedContent) *entryCache { return &c.jsonf },
		encode: appendJSONItem, content: true,
	})
	b := make([]byte, 0, 300+2*(len(f.Title)+len(f.Description)+len(f.Author))+2*len(f.Link)+n+7*len(items))
	b = append(b, "{\n  \"version\": \""+JSONFeedVersion+"\",\n  \"title\": "...)
	b = appendJSONString(b, f.Title)
	b = append(b, ",\n  \"home_page_url\": "...)
	b = appendJSONString(b, f.Link)
	b = append(b, ",\n  \"feed_url\": "...)
	b = appendJSONString(b, f.Dir+"feed.json")
	if f.Description != "" {
		b = append(b, ",\n  \"description\": "...)
		b = appendJSONString(b, f.Description)
	}
	if f.Language != "" {
		b = append(b, ",\n  \"language\": "...)
		b = appendJSONString(b, f.Language)
	}
	if f.Author != "" {
		b = appendJSONAuthors(b, "  ", f.Author)
	}
	b = append(b, ",\n  \"items\": ["...)
	for i, e := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = append(b, e...)
	}
	if len(items) > 0 {
		b = append(b, "\n  "...)
	}
	return append(b, "]\n}\n"...), nil
}

// appendJSONItem appends it as a JSON Feed item, indented as an element of
// the items array, from its opening brace to its closing one.
func appendJSONItem(b []byte, it Item) []byte {
	b = append(b, "{\n      \"id\": "...)
	b = appendJSONString(b, it.URL)
	b = append(b, ",\n      \"url\": "...)
	b = appendJSONString(b, it.URL)
	b = append(b, ",\n      \"title\": "...)
	b = appendJSONString(b, it.Title)
	if it.ContentHTML != "" {
		b = append(b, ",\n      \"content_html\": "...)
		b = appendJSONString(b, it.ContentHTML)
	} else if text := it.text(); text != "" {
		// An item must have content_html or content_text: an article
		// with a title and no body still gets its summary or title.
		b = append(b, ",\n      \"content_text\": "...)
		b = appendJSONString(b, text)
	}
	if it.Summary != "" {
		b = append(b, ",\n      \"summary\": "...)
		b = appendJSONString(b, it.Summary)
	}
	b = append(b, ",\n      \"date_published\": \""...)
	b = it.Published.AppendFormat(b, time.RFC3339)
	b = append(b, '"')
	if it.Author != "" {
		b = appendJSONAuthors(b, "      ", it.Author)
	}
	if len(it.Categories) > 0 {
		b = append(b, ",\n      \"tags\": ["...)
		for i, c := range it.Categories {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n        "...)
			b = appendJSONString(b, c)
		}
		b = append(b, "\n      ]"...)
	}
	return append(b, "\n    }"...)
}

// appendJSONAuthors appends an authors member naming one author, after a
// comma ending the member before it; indent is the member's own.
func appendJSONAuthors(b []byte, indent, name string) []byte {
	b = append(b, ",\n"...)
	b = append(b, indent...)
	b = append(b, "\"authors\": [\n"...)
	b = append(b, indent...)
	b = append(b, "  {\n"...)
	b = append(b, indent...)
	b = append(b, "    \"name\": "...)
	b = appendJSONString(b, name)
	b = append(b, '\n')
	b = append(b, indent...)
	b = append(b, "  }\n"...)
	b = append(b, indent...)
	return append(b, ']')
}
