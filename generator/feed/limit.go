package feed

import (
	"fmt"

	"github.com/attache/attache/generator/site"
)

// DefaultEntryBytes is the default of config's limits.feedEntryBytes.
const DefaultEntryBytes = 64 << 10

// entryContent is the full text an article's feed entries carry: its body,
// unless that is over the site's limits.feedEntryBytes, when the entries
// carry the summary alone. An article is copied into a dozen feeds or more
// (the site's, each entity's, in three formats); a 50 MB article once made
// 679 MB of output that way.
func entryContent(s *site.Site, a *site.Article) (string, error) {
	limit := s.Config.Limits.FeedEntryBytes
	if limit <= 0 {
		limit = DefaultEntryBytes
	}
	body, err := a.Parsed.Body.HTML()
	if err != nil {
		return "", fmt.Errorf("%s: %w", a.Parsed.File, err)
	}
	if len(body) > limit {
		return "", nil
	}
	return string(body), nil
}

// appendHTMLTextElement appends an element whose content readers take for
// HTML, such as RSS's description, holding plain text s: s is escaped as
// HTML and then as XML, as html.EscapeString then appendXMLText would,
// without allocating.
func appendHTMLTextElement(b []byte, indent, name, s string) []byte {
	b = append(b, indent...)
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&amp;lt;"
		case '>':
			esc = "&amp;gt;"
		case '&':
			esc = "&amp;amp;"
		case '"':
			esc = "&amp;#34;"
		case '\'':
			esc = "&amp;#39;"
		default:
			continue
		}
		b = appendXMLText(b, s[start:i])
		b = append(b, esc...)
		start = i + 1
	}
	b = appendXMLText(b, s[start:])
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, ">\n"...)
}
