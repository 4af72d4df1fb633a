// Package progress shows how far a long build has got on one updating line
// of a terminal: articles parsed and pages written, of how many. On
// anything but a terminal it shows nothing, so that logs and pipes stay
// clean.
package progress

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Reporter counts a build's work and draws it on a terminal. The build
// calls its counting methods from any goroutine; the Reporter's own
// goroutine draws the line, at most every interval, once the build has run
// for longer than the delay. A nil *Reporter reports nothing: builds call
// it without asking whether there is a terminal.
type Reporter struct {
	w                io.Writer
	delay, interval  time.Duration
	width            func() int
	parsed, toParse  atomic.Int64
	written, toWrite atomic.Int64
	stop             chan struct{}
	done             chan struct{}
	stopOnce         sync.Once
	mu               sync.Mutex // guards the fields below and writes to w
	shown            string     // the line on the terminal, "" when none
	finished         bool
}

// Option configures a Reporter.
type Option func(*Reporter)

// WithDelay sets how long a build runs before its progress shows
// (default one second: a quick build prints nothing but its result).
func WithDelay(d time.Duration) Option { return func(r *Reporter) { r.delay = d } }

// WithInterval sets how often the line is redrawn (default 100 ms).
func WithInterval(d time.Duration) Option { return func(r *Reporter) { r.interval = d } }

// New returns a Reporter drawing on w, or nil when w is not a terminal:
// progress on a pipe or in a log file would be noise. Call Done when the
// build ends.
func New(w io.Writer, opts ...Option) *Reporter {
	f, ok := w.(*os.File)
	if !ok || !IsTerminal(f) {
		return nil
	}
	r := newReporter(w, opts...)
	r.width = func() int { return termWidth(f) }
	go r.run()
	return r
}

func newReporter(w io.Writer, opts ...Option) *Reporter {
	r := &Reporter{w: w, delay: time.Second, interval: 100 * time.Millisecond,
		width: func() int { return 0 }, stop: make(chan struct{}), done: make(chan struct{})}
	for _, o := range opts {
		o(r)
	}
	return r
}

// Articles starts counting the parsing of n articles.
func (r *Reporter) Articles(n int) {
	if r != nil {
		r.parsed.Store(0)
		r.toParse.Store(int64(n))
	}
}

// Parsed counts one article parsed.
func (r *Reporter) Parsed() {
	if r != nil {
		r.parsed.Add(1)
	}
}

// Pages starts counting the writing of n pages (and other output files).
// A build that starts writing afresh calls it again.
func (r *Reporter) Pages(n int) {
	if r != nil {
		r.written.Store(0)
		r.toWrite.Store(int64(n))
	}
}

// Written counts one page written.
func (r *Reporter) Written() {
	if r != nil {
		r.written.Add(1)
	}
}

// Done stops the Reporter and clears its line. Later calls of every method
// do nothing, so a command may hand the Reporter to a first build and not
// to later ones.
func (r *Reporter) Done() {
	if r == nil {
		return
	}
	r.stopOnce.Do(func() {
		close(r.stop)
		<-r.done
		r.mu.Lock()
		defer r.mu.Unlock()
		r.clear()
		r.finished = true
		r.toParse.Store(0)
		r.toWrite.Store(0)
	})
}

// Writer returns a writer to w that other output of the build, such as
// warnings, goes through: it clears the progress line before each write,
// so that the two never mix on one line, and the line is drawn again
// below. For a nil Reporter it is w.
func (r *Reporter) Writer(w io.Writer) io.Writer {
	if r == nil {
		return w
	}
	return writer{r, w}
}

type writer struct {
	r *Reporter
	w io.Writer
}

func (w writer) Write(p []byte) (int, error) {
	w.r.mu.Lock()
	defer w.r.mu.Unlock()
	w.r.clear()
	return w.w.Write(p)
}

func (r *Reporter) run() {
	defer close(r.done)
	select {
	case <-r.stop:
		return
	case <-time.After(r.delay):
	}
	t := time.NewTicker(r.interval)
	defer t.Stop()
	for {
		r.draw()
		select {
		case <-r.stop:
			return
		case <-t.C:
		}
	}
}

// draw writes the line again if it changed, or if something cleared it.
func (r *Reporter) draw() {
	line := r.Line()
	if w := r.width(); w > 1 && len(line) >= w {
		// A line that wraps cannot be redrawn in place.
		line = line[:w-1]
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.finished || line == r.shown || line == "" {
		return
	}
	var b bytes.Buffer
	b.WriteByte('\r')
	b.WriteString(line)
	if pad := len(r.shown) - len(line); pad > 0 {
		// Overwrite the rest of a longer line with blanks, which every
		// terminal understands, rather than an escape sequence.
		b.WriteString(strings.Repeat(" ", pad))
		b.WriteString(strings.Repeat("\b", pad))
	}
	r.w.Write(b.Bytes())
	r.shown = line
}

// clear blanks the line, if one is shown; r.mu is held.
func (r *Reporter) clear() {
	if r.shown == "" {
		return
	}
	n := len(r.shown)
	r.w.Write([]byte("\r" + strings.Repeat(" ", n) + "\r"))
	r.shown = ""
}

// Line is the progress line as it reads now: "parsed 1200 of 5000
// articles", then ", wrote 300 of 15017 pages". It is empty before
// anything is counted.
func (r *Reporter) Line() string {
	if r == nil {
		return ""
	}
	var parts []string
	if n := r.toParse.Load(); n > 0 {
		parts = append(parts, fmt.Sprintf("parsed %d of %d articles", min(r.parsed.Load(), n), n))
	}
	if n := r.toWrite.Load(); n > 0 {
		parts = append(parts, fmt.Sprintf("wrote %d of %d pages", min(r.written.Load(), n), n))
	}
	return strings.Join(parts, ", ")
}
