// Package watch reports changes to a site's files in batches: one batch per
// burst of file-system events, so that an editor's three-step save or a git
// checkout of 500 files becomes one rebuild. It uses fsnotify and falls back
// to polling where inotify is missing or exhausted.
package watch

import (
	"context"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Default timings. A single save is reported after Quiet; a continuous
// stream of events is cut into batches no longer than MaxWait.
const (
	DefaultQuiet   = 20 * time.Millisecond
	DefaultMaxWait = time.Second
	// DefaultPoll is the polling interval used when fsnotify cannot start.
	DefaultPoll = 500 * time.Millisecond
)

// Watcher watches files and folders (recursively) and reports changed paths
// in batches.
type Watcher struct {
	roots   []string
	exclude []string
	// added holds the roots Watch was given since the running watch last
	// took them, and more signals them.
	mu      sync.Mutex
	added   []string
	more    chan struct{}
	quiet   time.Duration
	maxWait time.Duration
	poll    time.Duration
	logger  *slog.Logger
	ready   func()
}

// Option configures a Watcher.
type Option func(*Watcher)

// WithExclude names folders never to watch or report, such as the output
// folder: a rebuild must not trigger another.
func WithExclude(paths ...string) Option {
	return func(w *Watcher) {
		for _, p := range paths {
			w.exclude = append(w.exclude, abs(p))
		}
	}
}

// WithQuiet sets how long the file system must stay quiet before a batch is
// reported.
func WithQuiet(d time.Duration) Option { return func(w *Watcher) { w.quiet = d } }

// WithMaxWait bounds how long a continuous stream of events delays a batch.
func WithMaxWait(d time.Duration) Option { return func(w *Watcher) { w.maxWait = d } }

// WithPoll makes the watcher poll every interval instead of using fsnotify,
// for file systems without change notification (network mounts, some
// containers). Zero means fsnotify.
func WithPoll(interval time.Duration) Option { return func(w *Watcher) { w.poll = interval } }

// WithReady calls fn once Run watches every root, before any batch: a
// change made after fn returns is reported. A caller announces "watching"
// from fn, so that nobody edits a file in the moment before the watch
// begins and waits for a rebuild that never comes.
func WithReady(fn func()) Option { return func(w *Watcher) { w.ready = fn } }

// WithLogger receives the watcher's messages, such as a fallback to polling.
func WithLogger(l *slog.Logger) Option { return func(w *Watcher) { w.logger = l } }

// New returns a watcher of roots: folders are watched recursively, files
// singly; a root that does not exist yet is picked up when it appears.
func New(roots []string, opts ...Option) *Watcher {
	w := &Watcher{quiet: DefaultQuiet, maxWait: DefaultMaxWait, logger: slog.New(slog.DiscardHandler), more: make(chan struct{}, 1)}
	for _, r := range roots {
		w.roots = append(w.roots, abs(r))
	}
	for _, o := range opts {
		o(w)
	}
	return w
}

// Run watches until ctx is done, calling fn with each batch of changed
// paths (absolute, sorted, deduplicated). fn runs on its own goroutine, one
// batch at a time; changes made while it runs are collected into the next
// batch. Run returns nil when ctx is done.
func (w *Watcher) Run(ctx context.Context, fn func(changes []string)) error {
	out := make(chan []string)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for b := range out {
			fn(b)
		}
	}()
	defer func() { close(out); <-done }()
	if w.poll > 0 {
		return w.runPoll(ctx, w.poll, out)
	}
	fw, err := fsnotify.NewWatcher()
	if err == nil {
		n := &notifier{w: w, fw: fw, dirs: map[string]bool{}, parents: map[string]map[string]bool{}}
		if err = n.start(); err == nil {
			defer fw.Close()
			w.isReady()
			return n.run(ctx, out)
		}
		fw.Close()
	}
	w.logger.Warn("file-system notification unavailable; polling instead", "interval", DefaultPoll, "err", err)
	return w.runPoll(ctx, DefaultPoll, out)
}

// Watch adds roots to a watcher, running or not: those it watches
// already are left as they are. What a new root holds is not reported as
// changed. It is safe to call from the function Run calls.
func (w *Watcher) Watch(roots ...string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, r := range roots {
		w.added = append(w.added, abs(r))
	}
	select {
	case w.more <- struct{}{}:
	default: // already signalled
	}
}

// newRoots moves the roots Watch was given into roots, returning those
// not watched before.
func (w *Watcher) newRoots() []string {
	w.mu.Lock()
	added := w.added
	w.added = nil
	w.mu.Unlock()
	var out []string
	for _, r := range added {
		if !slices.Contains(w.roots, r) {
			w.roots = append(w.roots, r)
			out = append(out, r)
		}
	}
	return out
}

// isReady tells the caller that the roots are watched.
func (w *Watcher) isReady() {
	if w.ready != nil {
		w.ready()
	}
}

// excluded reports whether path is, or is inside, an excluded folder.
func (w *Watcher) excluded(path string) bool {
	for _, e := range w.exclude {
		if path == e || strings.HasPrefix(path, e+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// skipDir reports whether a folder below a root is left unwatched: excluded
// folders and hidden ones such as .git, whose churn means nothing to a site.
func (w *Watcher) skipDir(path string, isRoot bool) bool {
	return w.excluded(path) || (!isRoot && strings.HasPrefix(filepath.Base(path), "."))
}

// batcher collects changed paths and decides when to hand them over.
type batcher struct {
	quiet, maxWait time.Duration
	pending        map[string]bool
	first          time.Time
	timer          *time.Timer
	ready          bool
}

func newBatcher(quiet, maxWait time.Duration) *batcher {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return &batcher{quiet: quiet, maxWait: maxWait, pending: map[string]bool{}, timer: t}
}

func (b *batcher) add(path string) {
	if len(b.pending) == 0 {
		b.first = time.Now()
	}
	b.pending[path] = true
	if time.Since(b.first) >= b.maxWait {
		b.timer.Stop()
		b.ready = true
		return
	}
	b.ready = false
	b.timer.Reset(b.quiet)
}

// next returns ch and the batch to send on it when a batch is ready, else a
// nil channel, which blocks its select case forever.
func (b *batcher) next(ch chan<- []string) (chan<- []string, []string) {
	if !b.ready || len(b.pending) == 0 {
		return nil, nil
	}
	out := make([]string, 0, len(b.pending))
	for p := range b.pending {
		out = append(out, p)
	}
	slices.Sort(out)
	return ch, out
}

func (b *batcher) sent() {
	b.pending = map[string]bool{}
	b.ready = false
}

// notifier is the fsnotify side of a Watcher. One goroutine owns it.
type notifier struct {
	w  *Watcher
	fw *fsnotify.Watcher
	// dirs are the folders watched recursively.
	dirs map[string]bool
	// parents are folders watched only for some of their entries: the
	// parents of roots, so that a root created, replaced or removed is seen.
	parents map[string]map[string]bool
}

func (n *notifier) start() error {
	n.w.newRoots()
	for _, r := range n.w.roots {
		if err := n.addRoot(r); err != nil {
			return err
		}
	}
	return nil
}

// addRoot watches a root: its parent for the root itself, and the root's
// tree when it is a folder.
func (n *notifier) addRoot(r string) error {
	parent := filepath.Dir(r)
	if n.parents[parent] == nil {
		if err := n.fw.Add(parent); err != nil {
			return err
		}
		n.parents[parent] = map[string]bool{}
	}
	n.parents[parent][filepath.Base(r)] = true
	if st, err := os.Stat(r); err == nil && st.IsDir() {
		if _, err := n.addTree(r, true); err != nil {
			return err
		}
	}
	return nil
}

// addTree watches dir and the folders below it, returning the files found,
// which may have been written before the watch began.
func (n *notifier) addTree(dir string, isRoot bool) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // vanished while walking: its removal is reported anyway
		}
		if !d.IsDir() {
			if !Ignored(d.Name()) {
				files = append(files, p)
			}
			return nil
		}
		if n.w.skipDir(p, isRoot && p == dir) {
			return fs.SkipDir
		}
		if err := n.fw.Add(p); err != nil {
			return err
		}
		n.dirs[p] = true
		return nil
	})
	return files, err
}

func (n *notifier) dropTree(dir string) {
	for d := range n.dirs {
		if d == dir || strings.HasPrefix(d, dir+string(filepath.Separator)) {
			delete(n.dirs, d)
			n.fw.Remove(d) // already gone for a removed folder
		}
	}
}

// accept reports whether an event on path concerns the roots.
func (n *notifier) accept(path string) bool {
	if n.w.excluded(path) {
		return false
	}
	// Editor temp and backup names are file names: a folder called
	// "archive.tmp" or "old~" holds articles that builds read, and is
	// watched like any other, when it appears and when it goes.
	if Ignored(filepath.Base(path)) && !n.dirs[path] {
		if st, err := os.Lstat(path); err != nil || !st.IsDir() {
			return false
		}
	}
	dir := filepath.Dir(path)
	return n.dirs[dir] || n.parents[dir][filepath.Base(path)]
}

func (n *notifier) run(ctx context.Context, out chan<- []string) error {
	b := newBatcher(n.w.quiet, n.w.maxWait)
	for {
		send, batch := b.next(out)
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-n.fw.Events:
			if !ok {
				return nil
			}
			n.handle(ev, b)
		case err, ok := <-n.fw.Errors:
			if !ok {
				return nil
			}
			// An overflowed queue loses events: report the roots so that
			// the consumer rescans everything.
			n.w.logger.Warn("watch", "err", err)
			for _, r := range n.w.roots {
				b.add(r)
			}
		case <-n.w.more:
			for _, r := range n.w.newRoots() {
				if err := n.addRoot(r); err != nil {
					n.w.logger.Warn("watch", "path", r, "err", err)
				}
			}
		case <-b.timer.C:
			b.ready = true
		case send <- batch:
			b.sent()
		}
	}
}

func (n *notifier) handle(ev fsnotify.Event, b *batcher) {
	if !n.accept(ev.Name) {
		return
	}
	switch {
	case ev.Has(fsnotify.Create):
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			isRoot := slices.Contains(n.w.roots, ev.Name)
			if n.w.skipDir(ev.Name, isRoot) {
				return
			}
			files, err := n.addTree(ev.Name, isRoot)
			if err != nil {
				n.w.logger.Warn("watch", "path", ev.Name, "err", err)
			}
			for _, f := range files {
				b.add(f)
			}
		}
	case ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
		n.dropTree(ev.Name)
	case ev.Op == fsnotify.Chmod:
		// A touch changes no bytes, but it is how a user asks for a
		// rebuild (a story whose embargo or date has passed is published
		// by the next build), and a file made readable may now be read.
		// The builder makes nothing of a file whose bytes are the same.
	}
	b.add(ev.Name)
}

func abs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}
