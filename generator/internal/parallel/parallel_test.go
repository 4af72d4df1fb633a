package parallel

import (
	"context"
	"sync/atomic"
	"testing"
)

func TestDo(t *testing.T) {
	tests := []struct{ n, workers int }{{0, 4}, {1, 4}, {100, 1}, {100, 3}, {5, 0}}
	for _, tt := range tests {
		var calls atomic.Int64
		seen := make([]atomic.Bool, tt.n)
		Do(context.Background(), tt.n, tt.workers, func(i int) {
			calls.Add(1)
			if seen[i].Swap(true) {
				t.Errorf("n=%d workers=%d: %d called twice", tt.n, tt.workers, i)
			}
		})
		if int(calls.Load()) != tt.n {
			t.Errorf("n=%d workers=%d: %d calls, want %d", tt.n, tt.workers, calls.Load(), tt.n)
		}
	}
}

func TestDoStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int64
	Do(ctx, 1000, 1, func(i int) {
		if calls.Add(1) == 10 {
			cancel()
		}
	})
	if n := calls.Load(); n >= 1000 {
		t.Errorf("%d calls after cancelling at the tenth", n)
	}
}

// BenchmarkDoSmallItems measures what Do adds to each of many small
// items, such as the stat of one output file.
func BenchmarkDoSmallItems(b *testing.B) {
	var sink atomic.Int64
	for range b.N {
		Do(context.Background(), 300000, 2, func(i int) { sink.Add(int64(i & 1)) })
	}
}
