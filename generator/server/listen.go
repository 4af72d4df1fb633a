package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"
)

// maxPortTries bounds the search for a free port.
const maxPortTries = 20

// Listen listens on host:port. When the port is in use and next is set, it
// tries the following ports; otherwise that is an error saying so. The
// caller announces the address actually bound, ln.Addr().
func Listen(ctx context.Context, host string, port int, next bool) (net.Listener, error) {
	var lc net.ListenConfig
	tries := 1
	if next && port != 0 {
		tries = maxPortTries
	}
	for i := range tries {
		addr := net.JoinHostPort(host, strconv.Itoa(port+i))
		ln, err := lc.Listen(ctx, "tcp", addr)
		if err == nil {
			return ln, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("listen on %s: %w", addr, err)
		}
	}
	if tries > 1 {
		return nil, fmt.Errorf("ports %d to %d on %s are all in use", port, port+tries-1, host)
	}
	return nil, fmt.Errorf("port %d on %s is in use: stop the other server or pass -port with another number", port, host)
}

// Run serves s on ln until ctx is done, then shuts down, ending the event
// streams so that open pages do not hold the shutdown up.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	if s.bound == nil {
		WithBoundAddress(ln.Addr())(s)
	}
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: min(10*time.Second, s.timeouts[0]),
		ReadTimeout:       s.timeouts[0],
		WriteTimeout:      s.timeouts[1],
		IdleTimeout:       s.timeouts[2],
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.Close()
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		hs.Close()
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
