//go:build unix

package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestEntitiesNamedPipe checks that a named pipe named like an article is
// refused, not read: reading it would wait for a writer forever.
func TestEntitiesNamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	var out, errOut bytes.Buffer
	if err := runEntities(context.Background(), []string{fifo}, &out, &errOut); err == nil || !strings.Contains(errOut.String(), "not a regular file") {
		t.Errorf("err = %v, stderr %q; want the pipe refused", err, errOut.String())
	}
}
