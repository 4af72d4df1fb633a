package watch

import (
	"context"
	"io/fs"
	"maps"
	"path/filepath"
	"time"
)

// stamp is what polling compares to notice a change.
type stamp struct {
	size  int64
	mtime time.Time
	dir   bool
}

// runPoll reports the differences between successive snapshots of the
// roots, taken every interval.
func (w *Watcher) runPoll(ctx context.Context, interval time.Duration, out chan<- []string) error {
	w.newRoots()
	prev := w.snapshot(w.roots)
	w.isReady()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	b := newBatcher(w.quiet, w.maxWait)
	for {
		send, batch := b.next(out)
		select {
		case <-ctx.Done():
			return nil
		case <-w.more:
			// What a new root holds is not news.
			maps.Copy(prev, w.snapshot(w.newRoots()))
		case <-tick.C:
			cur := w.snapshot(w.roots)
			for p, s := range cur {
				if old, ok := prev[p]; !ok || old != s {
					b.add(p)
				}
			}
			for p := range prev {
				if _, ok := cur[p]; !ok {
					b.add(p)
				}
			}
			prev = cur
		case <-b.timer.C:
			b.ready = true
		case send <- batch:
			b.sent()
		}
	}
}

func (w *Watcher) snapshot(roots []string) map[string]stamp {
	snap := map[string]stamp{}
	for _, r := range roots {
		filepath.WalkDir(r, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // a missing root, or a file gone mid-walk
			}
			if d.IsDir() {
				if w.skipDir(p, p == r) {
					return fs.SkipDir
				}
				snap[p] = stamp{dir: true}
				return nil
			}
			if Ignored(d.Name()) {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			snap[p] = stamp{size: info.Size(), mtime: info.ModTime(), dir: false}
			return nil
		})
	}
	return snap
}
