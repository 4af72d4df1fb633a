// Package ptytest gives tests a real pseudo-terminal, so that what a
// program shows only on a terminal can be tested as a user would see it.
package ptytest

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// Terminal is a pseudo-terminal: a program writes to TTY, its terminal
// side, and the test reads what it wrote with Output.
type Terminal struct {
	// TTY is the terminal side, what a program sees as its stderr.
	TTY    *os.File
	master *os.File
	mu     sync.Mutex
	out    bytes.Buffer
	done   chan struct{}
}

// Open opens a pseudo-terminal, closed at the end of the test, and starts
// reading what is written to it. It skips the test where the system has
// none.
func Open(t testing.TB) *Terminal {
	t.Helper()
	master, tty, err := open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	term := &Terminal{TTY: tty, master: master, done: make(chan struct{})}
	go func() {
		defer close(term.done)
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			term.mu.Lock()
			term.out.Write(buf[:n])
			term.mu.Unlock()
			if err != nil {
				return // io.EOF, or EIO once the terminal side is closed
			}
		}
	}()
	t.Cleanup(func() { term.Close() })
	return term
}

// Close closes both sides and waits for the reader to stop.
func (term *Terminal) Close() {
	term.TTY.Close()
	select {
	case <-term.done:
	case <-time.After(5 * time.Second):
	}
	term.master.Close()
}

// Output returns everything written to the terminal so far.
func (term *Terminal) Output() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.out.String()
}

// WaitFor waits up to timeout for the output to contain s, and reports
// whether it did.
func (term *Terminal) WaitFor(s string, timeout time.Duration) bool {
	for end := time.Now().Add(timeout); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if strings.Contains(term.Output(), s) {
			return true
		}
	}
	return strings.Contains(term.Output(), s)
}
