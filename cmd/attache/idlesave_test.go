package main

import (
	"context"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// slowSaver is a Builder whose save takes until it is interrupted or a
// second passes.
type slowSaver struct {
	mu          sync.Mutex
	started     int
	done        int
	interrupted int
}

func (s *slowSaver) Save(ctx context.Context) {
	s.mu.Lock()
	s.started++
	s.mu.Unlock()
	select {
	case <-ctx.Done():
		s.mu.Lock()
		s.interrupted++
		s.mu.Unlock()
	case <-time.After(time.Second):
		s.mu.Lock()
		s.done++
		s.mu.Unlock()
	}
}

func (s *slowSaver) counts() (started, done, interrupted int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.started, s.done, s.interrupted
}

func TestIdleSaver(t *testing.T) {
	const delay = 50 * time.Millisecond
	t.Run("saves once quiet", func(t *testing.T) {
		b := &slowSaver{}
		s := newIdleSaver(b, delay)
		s.Hold()
		s.Release()
		waitFor(t, "the save", func() bool { _, done, _ := b.counts(); return done == 1 })
	})
	t.Run("a change before the delay puts the save off", func(t *testing.T) {
		b := &slowSaver{}
		s := newIdleSaver(b, delay)
		for range 5 {
			s.Hold()
			s.Release()
			time.Sleep(delay / 5)
		}
		if started, _, _ := b.counts(); started != 0 {
			t.Errorf("%d saves started while changes kept coming", started)
		}
		waitFor(t, "the save", func() bool { _, done, _ := b.counts(); return done == 1 })
		if started, _, _ := b.counts(); started != 1 {
			t.Errorf("%d saves, want 1", started)
		}
	})
	t.Run("a change interrupts a save", func(t *testing.T) {
		b := &slowSaver{}
		s := newIdleSaver(b, delay)
		s.Hold()
		s.Release()
		waitFor(t, "the save to start", func() bool { started, _, _ := b.counts(); return started == 1 })
		start := time.Now()
		s.Hold()
		if waited := time.Since(start); waited > 500*time.Millisecond {
			t.Errorf("the rebuild waited %v for the save", waited)
		}
		if _, done, interrupted := b.counts(); done != 0 || interrupted != 1 {
			t.Errorf("done %d, interrupted %d; want the save interrupted", done, interrupted)
		}
		s.Release()
		waitFor(t, "the save again", func() bool { _, done, _ := b.counts(); return done == 1 })
	})
	t.Run("flush saves at once", func(t *testing.T) {
		b := &slowSaver{}
		s := newIdleSaver(b, time.Hour)
		s.Hold()
		s.Release()
		s.Flush()
		if _, done, _ := b.counts(); done != 1 {
			t.Errorf("flush did not save")
		}
	})
}

func TestIdleCollector(t *testing.T) {
	const delay = 20 * time.Millisecond
	var mu sync.Mutex
	collected := 0
	count := func() int { mu.Lock(); defer mu.Unlock(); return collected }
	s := newIdleSaver(&slowSaver{}, time.Hour)
	s.collectAfter(delay, func() { mu.Lock(); collected++; mu.Unlock() })
	for range 5 {
		s.Hold()
		s.Release()
		time.Sleep(delay / 5)
	}
	if n := count(); n != 0 {
		t.Errorf("collected %d times while changes kept coming", n)
	}
	waitFor(t, "the collection", func() bool { return count() == 1 })
	s.Hold()
	time.Sleep(3 * delay)
	if n := count(); n != 1 {
		t.Errorf("collected %d times, want 1: a Hold must stop it", n)
	}
	s.Release()
	waitFor(t, "the next collection", func() bool { return count() == 2 })
}

// TestCollectGarbage collects when a rebuild's worth of garbage is on the
// heap, and not right after a collection. The garbage is half the margin
// the runtime leaves after a collection, whatever the rest of the test
// binary holds: more than the quarter collectGarbage waits for, less than
// what would make the runtime collect on its own.
func TestCollectGarbage(t *testing.T) {
	runtime.GC()
	if collectGarbage() {
		t.Errorf("collected right after a collection")
	}
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/goal:bytes"}}
	metrics.Read(samples)
	margin := samples[1].Value.Uint64() - samples[0].Value.Uint64()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	for range margin / 2 >> 16 {
		sink = make([]byte, 1<<16)
	}
	if !collectGarbage() {
		t.Errorf("%d MB of garbage, half the heap's margin: not collected", margin/2>>20)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if after.NumGC == before.NumGC {
		t.Errorf("collectGarbage said it collected, but no collection ran")
	}
}

var sink []byte
