package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"unicode"
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
	_, err := fmt.Fprintln(h.w, terminalText(msg, false))
	return err
}

// terminalText escapes what input could slip into a message to act on
// the terminal rather than be read: control characters (an escape
// sequence retitling the window or clearing the screen) and the
// direction overrides that reorder what is shown. A warning is one line,
// so a newline in one is escaped too; lines, when set, keeps the newlines
// that part the errors of a list.
func terminalText(s string, lines bool) string {
	unsafe := func(r rune) bool {
		return unicode.IsControl(r) && !(r == '\t' || lines && r == '\n') || unicode.Is(unicode.Bidi_Control, r)
	}
	if strings.IndexFunc(s, unsafe) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafe(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (h warningHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h warningHandler) WithGroup(string) slog.Handler      { return h }
