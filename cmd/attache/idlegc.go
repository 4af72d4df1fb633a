package main

import (
	"runtime"
	"runtime/metrics"
	"time"
)

// collectIdle is how long watch waits after a rebuild, with nothing
// changing, before it collects the rebuild's garbage.
const collectIdle = 250 * time.Millisecond

// collectGarbage runs a garbage collection when the heap has grown by more
// than a quarter of what it may grow by before the runtime starts one, and
// reports whether it did. Watch calls it in a quiet spell: a rebuild
// allocates a good part of the live heap (the site's model and page list
// are made again), so that every second or third one met a collection,
// whose marking of a large site's heap (about a second on two cores at
// 100,000 articles) it then waited through. Collected while idle, the next
// rebuild starts with the whole margin.
func collectGarbage() bool {
	samples := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/heap/goal:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
	}
	metrics.Read(samples)
	for _, s := range samples {
		if s.Value.Kind() != metrics.KindUint64 {
			return false // a runtime without these metrics
		}
	}
	live, goal, heap := samples[0].Value.Uint64(), samples[1].Value.Uint64(), samples[2].Value.Uint64()
	if goal <= live || heap <= live || heap-live < (goal-live)/4 {
		return false
	}
	runtime.GC()
	return true
}
