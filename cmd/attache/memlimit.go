package main

import (
	"os"
	"runtime/debug"
)

// memoryHeadroom is what a build needs besides what grows with its
// articles: the gazetteer, the matcher, templates and the pages being
// rendered.
const memoryHeadroom = 512 << 20

// heapPerContentByte is how many bytes of heap a build holds per byte of
// content at its peak, with room to spare: on a generated 10,000-article
// site (45 MB of content) the live heap peaked at 316 MB — articles' HTML,
// pages' views, threads' word features — about seven times the content.
const heapPerContentByte = 10

// limitMemory sets a soft limit on the Go heap from the size of the site's
// content, unless the user set GOMEMLIMIT, so that the heap of a large
// build stays bounded without every collection waiting for it to double.
// The limit must stay well above what the build holds: below it, the
// collector runs back to back (on the 10,000-article site, a limit of
// twice the content made a clean build take 93 s of CPU instead of 30 s).
// The build calls it once it has listed the content (see
// pipeline.Options.ContentSize), so that the files are not listed twice.
func limitMemory(contentBytes int64) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return
	}
	debug.SetMemoryLimit(heapPerContentByte*contentBytes + memoryHeadroom)
}
