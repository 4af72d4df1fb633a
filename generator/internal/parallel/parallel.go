// Package parallel runs a loop's iterations on a bounded number of
// goroutines.
package parallel

import (
	"context"
	"sync"
)

// Do calls fn(i) for i in [0, n) on up to workers goroutines, stopping early
// when ctx is done. It returns once every call it started has returned.
func Do(ctx context.Context, n, workers int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(max(workers, 1), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}
