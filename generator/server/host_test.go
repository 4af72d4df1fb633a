package server

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// runOn starts s on a loopback port with Run and returns its address.
func runOn(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := Listen(context.Background(), "127.0.0.1", 0, false)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return ln.Addr().String()
}

// TestHostHeader: a page on another site that rebinds its name to the
// loopback address sends its own name as Host, and gets nothing.
func TestHostHeader(t *testing.T) {
	addr := runOn(t, New(site(t)))
	_, port, _ := net.SplitHostPort(addr)
	for _, tc := range []struct {
		host string
		want int
	}{
		{addr, http.StatusOK},
		{"localhost:" + port, http.StatusOK},
		{"LOCALHOST", http.StatusOK},
		{"preview.localhost:" + port, http.StatusOK},
		{"[::1]:" + port, http.StatusOK},
		{"127.0.0.2:" + port, http.StatusOK},
		{"attacker.example:" + port, http.StatusMisdirectedRequest},
		{"attacker.example", http.StatusMisdirectedRequest},
		{"localhost.attacker.example", http.StatusMisdirectedRequest},
		{"10.0.0.1:" + port, http.StatusMisdirectedRequest},
	} {
		for _, path := range []string{"/", EventsPath} {
			req, _ := http.NewRequest("GET", "http://"+addr+path, nil)
			req.Host = tc.host
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			resp, err := http.DefaultClient.Do(req.WithContext(ctx))
			if err != nil {
				cancel()
				t.Fatalf("Host %q %s: %v", tc.host, path, err)
			}
			resp.Body.Close()
			cancel()
			if resp.StatusCode != tc.want {
				t.Errorf("Host %q %s: status %d, want %d", tc.host, path, resp.StatusCode, tc.want)
			}
		}
	}
}

func TestHostAllowedWhenBoundEverywhere(t *testing.T) {
	s := New(t.TempDir(), WithBoundAddress(&net.TCPAddr{IP: net.IPv4zero, Port: 1313}))
	if !s.hostAllowed("192.168.1.20:1313") || s.hostAllowed("evil.example:1313") {
		t.Error("bound to 0.0.0.0: want any address allowed and names refused")
	}
	s = New(t.TempDir(), WithBoundAddress(&net.TCPAddr{IP: net.ParseIP("192.168.1.20"), Port: 1313}))
	if !s.hostAllowed("192.168.1.20:1313") || s.hostAllowed("192.168.1.21:1313") {
		t.Error("bound to one address: want that address only")
	}
}

// TestIdleTimeout: a keep-alive connection left idle is closed.
func TestIdleTimeout(t *testing.T) {
	addr := runOn(t, New(site(t), WithTimeouts(time.Second, time.Second, 200*time.Millisecond)))
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: "+addr+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	if _, err := br.ReadByte(); err != io.EOF {
		t.Fatalf("idle connection: read %v, want EOF from the server closing it", err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("closed after %v", took)
	}
}

// TestReadTimeout: a client that never finishes its request is cut off.
func TestReadTimeout(t *testing.T) {
	addr := runOn(t, New(site(t), WithTimeouts(300*time.Millisecond, time.Second, time.Second)))
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = io.WriteString(conn, "GET / HTTP/1.1\r\nHost: "+addr+"\r\nX-Slow: ")
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	b, err := io.ReadAll(conn)
	if err != nil {
		t.Fatalf("read: %v (the server did not close the connection)", err)
	}
	if len(b) > 0 && !strings.Contains(string(b), "408") && !strings.Contains(string(b), "400") {
		t.Errorf("got %q", b)
	}
}

// TestEventsOutliveWriteTimeout: the reload stream stays open past the
// write timeout that bounds ordinary responses.
func TestEventsOutliveWriteTimeout(t *testing.T) {
	s := New(site(t), WithTimeouts(time.Second, 200*time.Millisecond, time.Second))
	addr := runOn(t, s)
	resp, err := http.Get("http://" + addr + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	readEvent := func() string {
		var b strings.Builder
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				t.Fatalf("stream ended: %v", err)
			}
			if line == "\n" {
				return b.String()
			}
			b.WriteString(line)
		}
	}
	readEvent()
	time.Sleep(500 * time.Millisecond)
	s.Reload()
	if ev := readEvent(); !strings.Contains(ev, "data: 1") {
		t.Errorf("event after the write timeout = %q", ev)
	}
}
