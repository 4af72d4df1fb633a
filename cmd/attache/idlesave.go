package main

import (
	"context"
	"runtime/pprof"
	"sync"
	"time"
)

// saveIdle is how long watch waits after a rebuild, with nothing changing,
// before it brings the build cache up to date: a save costs a second or
// more at 100,000 articles, and a story arriving in a burst need not wait
// for it.
const saveIdle = 2 * time.Second

// idleSaver saves a watching Builder's build cache once the source has been
// quiet for a while. A change arriving while it saves interrupts the save,
// which the next quiet spell does again (build.Builder.Save). The Builder is
// used by one goroutine at a time: Hold before an Update, Release after.
// Given a collector (collectAfter), it also collects garbage in a shorter
// quiet spell.
type idleSaver struct {
	b     saver
	delay time.Duration
	// collect, if set, runs once the source has been quiet for
	// collectDelay; it does not use the Builder.
	collect      func()
	collectDelay time.Duration
	// busy is held by whoever uses the Builder.
	busy sync.Mutex
	// mu guards the rest: gen counts the Holds, so that a save timed
	// before the last one does not start; cancel interrupts the save
	// running, if any.
	mu         sync.Mutex
	gen        uint64
	timer      *time.Timer
	collecting *time.Timer
	cancel     context.CancelFunc
}

// saver is what idleSaver needs of a build.Builder: a Save that returns
// early, saving nothing, once its context is done.
type saver interface{ Save(context.Context) }

func newIdleSaver(b saver, delay time.Duration) *idleSaver {
	return &idleSaver{b: b, delay: delay}
}

// collectAfter makes s call collect after each Release that the source
// is quiet for delay after. Call it before the first Hold.
func (s *idleSaver) collectAfter(delay time.Duration, collect func()) {
	s.collect, s.collectDelay = collect, delay
}

// Hold stops a pending save, interrupts one that is running, and waits
// until the Builder is free.
func (s *idleSaver) Hold() {
	s.mu.Lock()
	s.gen++
	for _, t := range []*time.Timer{s.timer, s.collecting} {
		if t != nil {
			t.Stop()
		}
	}
	if s.cancel != nil {
		s.cancel()
	}
	s.mu.Unlock()
	s.busy.Lock()
}

// Release frees the Builder and times a save for when the source has
// been quiet for the delay.
func (s *idleSaver) Release() {
	s.mu.Lock()
	gen := s.gen
	s.timer = time.AfterFunc(s.delay, func() { s.save(gen) })
	if s.collect != nil {
		s.collecting = time.AfterFunc(s.collectDelay, func() {
			if s.quiet(gen) {
				s.collect()
			}
		})
	}
	s.mu.Unlock()
	s.busy.Unlock()
}

// quiet reports whether no Hold came after the Release of gen.
func (s *idleSaver) quiet(gen uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen == gen
}

func (s *idleSaver) save(gen uint64) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.mu.Lock()
	if s.gen != gen {
		s.mu.Unlock()
		return
	}
	s.cancel = cancel
	s.mu.Unlock()
	s.busy.Lock()
	defer s.busy.Unlock()
	pprof.Do(ctx, pprof.Labels("build", "save"), s.b.Save)
}

// Flush saves what is unsaved now, as watch stops.
func (s *idleSaver) Flush() {
	s.Hold()
	defer s.busy.Unlock()
	s.b.Save(context.Background())
}
