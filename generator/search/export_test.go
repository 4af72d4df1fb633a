package search

// Synthetic and CacheWithSegments serve the package's external tests.
var Synthetic = synthetic

// CacheWithSegments returns a Cache that cuts postings in segments past
// limit bytes rather than segLimit.
func CacheWithSegments(limit int) *Cache { return &Cache{segLimit: limit} }
