// Package server is attache's preview server: it serves a built site from
// its output folder, tells open pages to reload after every rebuild over
// Server-Sent Events, and shows a failed rebuild's error over the page.
package server

import (
	"bytes"
	"html"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// EventsPath is the URL path of the live-reload event stream. It sits
// outside any site path a build writes.
const EventsPath = "/__attache/events"

// Server serves a site's output folder. It is safe for concurrent use.
type Server struct {
	dir   string
	bound net.IP
	names []string
	// timeouts are read, write and idle.
	timeouts [3]time.Duration

	mu sync.Mutex
	// base is the path the site is served under (see SetBasePath).
	base    string
	version int
	errText string
	subs    map[chan struct{}]bool
	done    chan struct{}
}

// Option configures a Server.
type Option func(*Server)

// WithBasePath serves the site under a path prefix, the path of the site's
// baseURL: "/briefings/".
func WithBasePath(p string) Option {
	return func(s *Server) { s.base = basePath(p) }
}

// SetBasePath serves the site under another path prefix from the next
// request on, as when the site's baseURL is edited while it is served.
func (s *Server) SetBasePath(p string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.base = basePath(p)
}

// BasePath returns the path prefix the site is served under.
func (s *Server) BasePath() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.base
}

func basePath(p string) string {
	if p = "/" + strings.Trim(p, "/") + "/"; p == "//" {
		return "/"
	}
	return p
}

// New returns a server of the output folder dir. The folder may be replaced
// as a whole between requests (a full rebuild swaps it in), so it is opened
// afresh for each request.
func New(dir string, opts ...Option) *Server {
	s := &Server{dir: dir, base: "/", subs: map[chan struct{}]bool{}, done: make(chan struct{}),
		timeouts: [3]time.Duration{ReadTimeout, WriteTimeout, IdleTimeout}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Reload tells every open page that the site changed and clears any error
// shown.
func (s *Server) Reload() { s.set("") }

// Fail shows err over every page until the next Reload; the pages on disk,
// the last good build, are still served.
func (s *Server) Fail(err error) { s.set(err.Error()) }

func (s *Server) set(errText string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.version++
	s.errText = errText
	for ch := range s.subs {
		select {
		case ch <- struct{}{}:
		default: // a reload is already pending for this client
		}
	}
}

// Close ends the event streams, so that an http.Server can shut down.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.done:
	default:
		close(s.done)
	}
}

// ServeHTTP serves the event stream and the site's files.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		refuseHost(w)
		return
	}
	if r.URL.Path == EventsPath {
		s.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	base := s.BasePath()
	if r.URL.Path == "/" && base != "/" {
		http.Redirect(w, r, base, http.StatusFound)
		return
	}
	rel, ok := strings.CutPrefix(r.URL.Path, base)
	if !ok && r.URL.Path+"/" == base {
		http.Redirect(w, r, base, http.StatusMovedPermanently)
		return
	}
	if !ok || !cleanRel(rel) {
		s.notFound(w, r)
		return
	}
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		s.notBuilt(w)
		return
	}
	defer root.Close()
	name := strings.TrimSuffix(rel, "/")
	if name == "" {
		name = "."
	}
	st, err := root.Stat(name)
	switch {
	case err != nil:
		s.notFoundIn(w, r, root)
		return
	case st.IsDir() && rel != "" && !strings.HasSuffix(rel, "/"):
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	case st.IsDir():
		name = path.Join(name, "index.html")
	}
	if !s.serveFile(w, r, root, name, http.StatusOK) {
		s.notFoundIn(w, r, root)
	}
}

// cleanRel accepts a request path below the site's base: no empty, dot or
// dot-dot segments, backslashes or NULs. Requests are decoded before this,
// so %2e%2e arrives as "..".
func cleanRel(rel string) bool {
	if strings.ContainsAny(rel, "\\\x00") {
		return false
	}
	parts := strings.Split(strings.TrimSuffix(rel, "/"), "/")
	if rel == "" {
		return true
	}
	for _, p := range parts {
		if p == "" || p == "." || p == ".." {
			return false
		}
	}
	return true
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer root.Close()
	s.notFoundIn(w, r, root)
}

// notFoundIn serves the site's own 404.html with status 404.
func (s *Server) notFoundIn(w http.ResponseWriter, r *http.Request, root *os.Root) {
	if !s.serveFile(w, r, root, "404.html", http.StatusNotFound) {
		http.NotFound(w, r)
	}
}

// serveFile serves one regular file through root, which refuses names that
// lead out of the output folder, symbolic links included. HTML gets the
// live-reload script.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, root *os.Root, name string, status int) bool {
	f, err := root.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if !strings.HasPrefix(ctype, "text/html") {
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		if status == http.StatusOK {
			http.ServeContent(w, r, name, st.ModTime(), f)
			return true
		}
		w.WriteHeader(status)
		io.Copy(w, f)
		return true
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return false
	}
	data = s.inject(data)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
	return true
}

// notBuilt answers while no build has written the output: a page that
// shows why the first build failed, once it has, and reloads itself when a
// build succeeds, as every page does.
func (s *Server) notBuilt(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	w.Write(s.inject([]byte(notBuiltPage)))
}

const notBuiltPage = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built yet</title></head>" +
	"<body><p>attache: the site is not built yet.</p></body></html>\n"

// inject adds the live-reload script, and the error overlay after a failed
// rebuild, before </body>.
func (s *Server) inject(page []byte) []byte {
	s.mu.Lock()
	version, errText := s.version, s.errText
	s.mu.Unlock()
	var add bytes.Buffer
	if errText != "" {
		add.WriteString(overlayStart)
		add.WriteString(html.EscapeString(errText))
		add.WriteString(overlayEnd)
	}
	add.WriteString(strings.Replace(script, "VERSION", strconv.Itoa(version), 1))
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:i]...)
	out = append(out, add.Bytes()...)
	return append(out, page[i:]...)
}

// OverlayID is the id of the error overlay's element.
const OverlayID = "attache-error"

const overlayStart = `<div id="` + OverlayID + `" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace"><p style="color:#ff8a80;font-weight:bold">attache: the rebuild failed; showing the last good build</p><pre style="white-space:pre-wrap">`

const overlayEnd = `</pre></div>`

// script reloads the page when the site changes. The page was served at
// VERSION; an event with a later version, or one the stream missed while
// reconnecting, reloads it.
// window.attacheLive tells tests that the stream is open.
const script = `<script>(function(){var v=VERSION,es=new EventSource("` + EventsPath + `");es.onopen=function(){window.attacheLive=true};es.addEventListener("reload",function(e){if(+e.data!==v){es.close();location.reload();}});})();</script>`

// events streams a "reload" event carrying the site's version on connect
// and after every change.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	s.subs[ch] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	// The stream outlives the server's write timeout by design.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	keepAlive := time.NewTicker(30 * time.Second)
	defer keepAlive.Stop()
	send := func() bool {
		s.mu.Lock()
		v := s.version
		s.mu.Unlock()
		_, err := io.WriteString(w, "retry: 500\nevent: reload\ndata: "+strconv.Itoa(v)+"\n\n")
		flusher.Flush()
		return err == nil
	}
	if !send() {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-ch:
			if !send() {
				return
			}
		case <-keepAlive.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}
