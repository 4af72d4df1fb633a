// Package parallel runs a loop's iterations on a bounded number of
// goroutines.
package parallel

import (
	"context"
	"sync"
	"sync/atomic"
)

// Do calls fn(i) for i in [0, n) on up to workers goroutines, stopping early
// when ctx is done. It returns once every call it started has returned.
//
// The goroutines take the next index from a shared counter: a build calls
// Do over hundreds of thousands of small items (a stat each), and handing
// each index over a channel cost 180 ns an item against 75 ns
// (BenchmarkDoSmallItems).
func Do(ctx context.Context, n, workers int, fn func(i int)) {
	if n <= 0 {
		return
	}
	done := ctx.Done()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(max(workers, 1), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if done != nil {
					select {
					case <-done:
						return
					default:
					}
				}
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				fn(int(i))
			}
		}()
	}
	wg.Wait()
}
