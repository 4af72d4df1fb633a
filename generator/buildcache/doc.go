// Package buildcache is the format of attache's build cache, which lets a
// build skip what the last one did: it keeps every parsed and analysed
// article, keyed by its file's size, modification time and content hash,
// and a manifest of the output files with their signatures, content hashes,
// sizes and modification times.
//
// The cache lives outside the output folder, which is published, in the
// user's cache folder. Whatever it holds, a build's output is what a clean
// build writes: keys tie the cache to the program, configuration and theme,
// a checksum rejects a damaged file, and the builder checks the manifest
// against the destination before trusting it.
//
// The articles, most of the cache, lie in an append-only pack beside a
// small index (see pack.go), so that a build that parsed a few files again
// writes their articles and the index, not every article.
package buildcache
