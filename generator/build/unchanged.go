package build

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/attache/attache/generator/buildcache"
	"github.com/attache/attache/generator/internal/clock"
	"github.com/attache/attache/generator/site"
)

// A one-shot build whose inputs, configuration, theme and output are all
// as the last build left them, and whose clock answers as the last one's
// did (see clock.Now), would make exactly what is already there: it says
// again what the last build said, from the build cache's Report, and
// writes nothing.

// unchanged reports whether the Update that has just re-read the content
// folder, with r so far, has nothing to do but say what the last build
// said.
func (b *Builder) unchanged(r Report, now time.Time) bool {
	k := b.kept
	if b.mode&oneShot == 0 || b.phase != current || !b.keptClean || k == nil || k.Report == nil || b.log == nil ||
		r.Parsed != 0 || len(b.files) != len(k.Inputs) {
		return false
	}
	until := time.Time{}
	if k.Report.Until != 0 {
		until = time.Unix(0, k.Report.Until)
	}
	if !now.After(time.Unix(0, k.Report.At)) || !until.IsZero() && !now.Before(until) {
		return false
	}
	for name, e := range b.files {
		if e.err != nil {
			return false
		}
		if in, ok := k.Inputs[name]; !ok || in.Version != e.version {
			return false
		}
	}
	return true
}

// replay says what the last build said: the messages it logged that this
// build has not logged yet, and its figures.
func (b *Builder) replay(r *Report) {
	rep := b.kept.Report
	said := map[buildcache.LogRecord]int{}
	for _, rec := range b.log.records() {
		said[rec]++
	}
	logger := slog.New(b.log.inner)
	for _, rec := range rep.Log {
		if said[rec] > 0 {
			said[rec]--
			continue
		}
		logger.Log(context.Background(), slog.Level(rec.Level), rec.Message)
	}
	r.Stats.Articles, r.Stats.Pages, r.Stats.Countries, r.Stats.Organisations = rep.Articles, rep.Pages, rep.Countries, rep.Organisations
	r.Stats.Destination = b.proj.Destination
	r.Stats.Warnings = nil
	for _, w := range rep.Warnings {
		r.Stats.Warnings = append(r.Stats.Warnings, errors.New(w))
	}
}

// report is what the build that made s said, and how long s holds; nil
// when what it logged cannot be said again.
func (b *Builder) report(s *site.Site, pages int, now *clock.Now) *buildcache.Report {
	if b.log == nil || now == nil {
		return nil
	}
	log, ok := b.log.replayable()
	if !ok {
		return nil
	}
	rep := &buildcache.Report{At: now.Time().UnixNano(), Log: log, Articles: len(s.Articles), Pages: pages,
		Countries: len(s.Countries), Organisations: len(s.Organisations)}
	if u := now.Until(); !u.IsZero() {
		rep.Until = u.UnixNano()
	}
	for _, w := range s.Warnings {
		rep.Warnings = append(rep.Warnings, w.Error())
	}
	return rep
}

// sameReport reports whether a kept report says what rep says and holds as
// long: keeping the older one loses nothing.
func sameReport(kept, rep *buildcache.Report) bool {
	return kept != nil && rep != nil && kept.Until == rep.Until && kept.At <= rep.At && slices.Equal(kept.Log, rep.Log) &&
		kept.Articles == rep.Articles && kept.Pages == rep.Pages && kept.Countries == rep.Countries &&
		kept.Organisations == rep.Organisations && slices.Equal(kept.Warnings, rep.Warnings)
}

// recorder is a slog.Handler that passes every record on and keeps the
// messages, so that a later build can say them again. A record with
// attributes, or a handler with attributes or groups, cannot be said again
// from its message alone: it marks the log as not replayable.
type recorder struct {
	inner slog.Handler
	*recording
}

type recording struct {
	mu    sync.Mutex
	log   []buildcache.LogRecord
	dirty bool
}

func newRecorder(inner *slog.Logger) *recorder {
	if inner == nil {
		inner = slog.New(slog.DiscardHandler)
	}
	return &recorder{inner: inner.Handler(), recording: &recording{}}
}

func (h *recorder) Enabled(ctx context.Context, l slog.Level) bool { return true }

func (h *recorder) Handle(ctx context.Context, r slog.Record) error {
	h.mu.Lock()
	h.log = append(h.log, buildcache.LogRecord{Level: int(r.Level), Message: r.Message})
	if r.NumAttrs() > 0 {
		h.dirty = true
	}
	h.mu.Unlock()
	if !h.inner.Enabled(ctx, r.Level) {
		return nil
	}
	return h.inner.Handle(ctx, r)
}

func (h *recorder) WithAttrs(as []slog.Attr) slog.Handler {
	h.mu.Lock()
	h.dirty = true
	h.mu.Unlock()
	return &recorder{inner: h.inner.WithAttrs(as), recording: h.recording}
}

func (h *recorder) WithGroup(name string) slog.Handler {
	h.mu.Lock()
	h.dirty = true
	h.mu.Unlock()
	return &recorder{inner: h.inner.WithGroup(name), recording: h.recording}
}

// reset forgets what was logged so far.
func (h *recording) reset() {
	h.mu.Lock()
	h.log, h.dirty = nil, false
	h.mu.Unlock()
}

func (h *recording) records() []buildcache.LogRecord {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.log)
}

func (h *recording) replayable() ([]buildcache.LogRecord, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.log), !h.dirty
}
