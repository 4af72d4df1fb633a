package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/e2e/browserlock"
	"github.com/attache/attache/internal/skipped"
)

// profileDir returns a folder for a Chromium profile, removed at the end
// of the test once Chromium's helper processes, which outlive the browser
// for a moment, have stopped writing to it (t.TempDir fails the test when
// a file appears while it is being removed).
func profileDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "attache-chromium-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("Chromium profile %s left behind", dir)
	})
	return dir
}

// skips collects the tests skipped for want of a tool, which TestMain
// names once at the end of the run with the command that installs them.
var skips skipped.Log

func TestMain(m *testing.M) { os.Exit(skips.Main(m)) }

// TestBrowserLiveReload opens an article in headless Chromium, edits the
// article's file and waits for the new text to appear in the open page,
// which only the live-reload script can bring about: the test never
// navigates after the first load. Chromium is driven over the DevTools
// protocol with a minimal WebSocket client, so no module is needed.
func TestBrowserLiveReload(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		skips.Skip(t, []string{"chromium"}, "apt-get install -y chromium")
	}
	src := copyDir(t, basicSite)
	s := startServe(t, src)
	page := s.url + "articles/2024/07/asean-ministers-meet-in-vientiane-as-laos-chairs-the-bloc/"

	// One browser at a time on the machine: generator/e2e's may be running.
	unlock, err := browserlock.Lock()
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	// A limit, not a measurement: a loaded machine is slow.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--no-first-run", "--remote-debugging-port=0", "--user-data-dir="+profileDir(t), "about:blank")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); cmd.Wait() }()
	devtools := regexp.MustCompile(`DevTools listening on (ws://\S+)`)
	var browserWS string
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if m := devtools.FindStringSubmatch(sc.Text()); m != nil {
			browserWS = m[1]
			break
		}
	}
	if browserWS == "" {
		t.Fatal("chromium did not announce its DevTools endpoint")
	}
	go io.Copy(io.Discard, stderr)
	u, _ := url.Parse(browserWS)

	// Open the page in a new tab and attach to it.
	req, _ := http.NewRequestWithContext(ctx, http.MethodPut, "http://"+u.Host+"/json/new?"+url.QueryEscape(page), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var target struct {
		WebSocketDebuggerURL string `json:"webSocketDebuggerUrl"`
	}
	err = json.NewDecoder(resp.Body).Decode(&target)
	resp.Body.Close()
	if err != nil || target.WebSocketDebuggerURL == "" {
		t.Fatalf("open tab: %v", err)
	}
	cdp, err := dialCDP(ctx, target.WebSocketDebuggerURL)
	if err != nil {
		t.Fatal(err)
	}
	defer cdp.Close()
	evalErr := func(expr string) (string, error) {
		var out struct {
			Result struct {
				Value any `json:"value"`
			} `json:"result"`
		}
		err := cdp.call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &out)
		return fmt.Sprint(out.Result.Value), err
	}
	eval := func(expr string) string {
		v, err := evalErr(expr)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// poll evaluates expr until it yields a value containing want. While
	// the page navigates, its context is destroyed under the evaluation,
	// an error that only means "not yet"; the connection failing ends
	// the test.
	poll := func(what, expr, want string) {
		t.Helper()
		var last error
		deadline := time.Now().Add(2 * time.Minute)
		for {
			v, err := evalErr(expr)
			if err == nil && strings.Contains(v, want) {
				return
			}
			var op *net.OpError
			if errors.Is(err, io.EOF) || errors.As(err, &op) || ctx.Err() != nil {
				t.Fatalf("waiting for %s: %v", what, err)
			}
			last = err
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s (last error: %v)", what, last)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	heading := `(document.querySelector("h1")||{}).textContent`
	poll("the page to load in chromium", heading, "ASEAN ministers meet")
	// Mark the loaded document: a reload replaces it, so the mark's
	// absence later proves the page really was reloaded by the script.
	eval(`window.attacheMark = 1`)
	poll("the live-reload stream to connect", `String(window.attacheLive)`, "true")

	file := filepath.Join(src, "content", "2024-07-20-asean-talks.md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// The body changes, not the title, which would move the page.
	edited := bytes.Replace(data, []byte("Foreign ministers of"), []byte("Live edit: foreign ministers of"), 1)
	save(t, file, edited)
	poll("the edited text in the open page", `document.body.innerText`, "Live edit: foreign ministers")
	if eval(`String(window.attacheMark)`) != "undefined" {
		t.Errorf("the title changed without a reload")
	}
}

// cdpConn is a DevTools protocol session over a client WebSocket
// (RFC 6455): text frames only, masked as a client must.
type cdpConn struct {
	conn net.Conn
	r    *bufio.Reader
	id   int
}

func dialCDP(ctx context.Context, wsURL string) (*cdpConn, error) {
	u, err := url.Parse(wsURL)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return nil, err
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	key := make([]byte, 16)
	rand.Read(key)
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n",
		u.RequestURI(), u.Host, base64.StdEncoding.EncodeToString(key))
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		conn.Close()
		return nil, fmt.Errorf("websocket handshake: %s", resp.Status)
	}
	return &cdpConn{conn: conn, r: r}, nil
}

func (c *cdpConn) Close() error { return c.conn.Close() }

// call sends a command and decodes its result, skipping events.
func (c *cdpConn) call(method string, params any, result any) error {
	c.id++
	msg, err := json.Marshal(map[string]any{"id": c.id, "method": method, "params": params})
	if err != nil {
		return err
	}
	if err := c.writeText(msg); err != nil {
		return err
	}
	for {
		data, err := c.readMessage()
		if err != nil {
			return err
		}
		var reply struct {
			ID     int             `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := json.Unmarshal(data, &reply); err != nil {
			return err
		}
		if reply.ID != c.id {
			continue
		}
		if reply.Error != nil {
			return fmt.Errorf("%s: %s", method, reply.Error.Message)
		}
		return json.Unmarshal(reply.Result, result)
	}
}

func (c *cdpConn) writeText(payload []byte) error {
	hdr := []byte{0x81} // FIN, text
	switch n := len(payload); {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n <= 0xffff:
		hdr = append(hdr, 0x80|126)
		hdr = binary.BigEndian.AppendUint16(hdr, uint16(n))
	default:
		hdr = append(hdr, 0x80|127)
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	mask := make([]byte, 4)
	rand.Read(mask)
	hdr = append(hdr, mask...)
	masked := make([]byte, len(payload))
	for i, b := range payload {
		masked[i] = b ^ mask[i%4]
	}
	_, err := c.conn.Write(append(hdr, masked...))
	return err
}

// readMessage reads one message, joining continuation frames and ignoring
// control frames.
func (c *cdpConn) readMessage() ([]byte, error) {
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(c.r, h[:]); err != nil {
			return nil, err
		}
		fin, op := h[0]&0x80 != 0, h[0]&0x0f
		n := uint64(h[1] & 0x7f)
		switch n {
		case 126:
			var b [2]byte
			if _, err := io.ReadFull(c.r, b[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(b[:]))
		case 127:
			var b [8]byte
			if _, err := io.ReadFull(c.r, b[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(b[:])
		}
		if h[1]&0x80 != 0 {
			return nil, errors.New("websocket: masked frame from server")
		}
		payload := make([]byte, n)
		if _, err := io.ReadFull(c.r, payload); err != nil {
			return nil, err
		}
		if op == 0x8 {
			return nil, errors.New("websocket: closed by chromium")
		}
		if op >= 0x8 {
			continue // ping or pong
		}
		msg = append(msg, payload...)
		if fin {
			return msg, nil
		}
	}
}
