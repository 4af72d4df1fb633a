package feed

import "github.com/attache/attache/generator/site"

// DefaultEntryBytes is the default of config's limits.feedEntryBytes.
const DefaultEntryBytes = 64 << 10

// entryContent is the full text an article's feed entries carry: its body,
// unless that is over the site's limits.feedEntryBytes, when the entries
// carry the summary alone. An article is copied into a dozen feeds or more
// (the site's, each entity's, in three formats); a 50 MB article once made
// 679 MB of output that way.
func entryContent(s *site.Site, a *site.Article) string {
	limit := s.Config.Limits.FeedEntryBytes
	if limit <= 0 {
		limit = DefaultEntryBytes
	}
	if len(a.Body) > limit {
		return ""
	}
	return string(a.Body)
}
