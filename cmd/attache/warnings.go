package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
)

// warningHandler prints each warning as one line, the message alone, in
// the form compilers use ("content/a.md:4: warning: unknown key …"), so
// that editors and CI annotate the line; slog's key=value lines hid them.
type warningHandler struct {
	mu *sync.Mutex
	w  io.Writer
}

// newWarningLogger returns a logger printing warnings and errors to w.
func newWarningLogger(w io.Writer) *slog.Logger {
	return slog.New(warningHandler{mu: new(sync.Mutex), w: w})
}

func (h warningHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }

func (h warningHandler) Handle(_ context.Context, r slog.Record) error {
	msg := r.Message
	if !strings.Contains(msg, "warning: ") && r.Level < slog.LevelError {
		msg = "warning: " + msg
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := fmt.Fprintln(h.w, msg)
	return err
}

func (h warningHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h warningHandler) WithGroup(string) slog.Handler      { return h }
