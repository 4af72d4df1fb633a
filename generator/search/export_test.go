package search

// Synthetic, PhraseDocs and CacheWithSegments serve the package's external tests.
var Synthetic, PhraseDocs = synthetic, phraseDocs

// CacheWithSegments returns a Cache that cuts postings in segments past
// limit bytes rather than segLimit, and files top files for pairs in
// pairTop stories or more rather than minPairTop.
func CacheWithSegments(limit, pairTop int) *Cache { return &Cache{segLimit: limit, pairTop: pairTop} }
