package server

import (
	"net"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Timeouts of the preview server's connections. The event stream lifts the
// write timeout for itself: it stays open for as long as a page is.
const (
	ReadTimeout  = 30 * time.Second
	WriteTimeout = 60 * time.Second
	IdleTimeout  = 60 * time.Second
)

// WithTimeouts sets the read, write and idle timeouts of Run's
// connections; the defaults are ReadTimeout, WriteTimeout and IdleTimeout.
func WithTimeouts(read, write, idle time.Duration) Option {
	return func(s *Server) { s.timeouts = [3]time.Duration{read, write, idle} }
}

// WithHostName allows requests for name, such as the host name a server
// bound with "-bind myhost.lan" is announced by.
func WithHostName(name string) Option {
	return func(s *Server) { s.names = append(s.names, strings.ToLower(strings.TrimSuffix(name, "."))) }
}

// WithBoundAddress tells the server the address its listener is bound to:
// requests naming it as their Host are allowed besides loopback names.
// Run sets it from the listener.
func WithBoundAddress(addr net.Addr) Option {
	return func(s *Server) {
		if tcp, ok := addr.(*net.TCPAddr); ok {
			s.bound = tcp.IP
		}
	}
}

// hostAllowed reports whether a request's Host header names this server:
// localhost or a *.localhost name, a loopback address, the address it is
// bound to or, bound to every interface, any address. A page on another
// site that rebinds its own domain name to 127.0.0.1 sends that domain
// name as Host, and is refused, so it cannot read the preview.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || slices.Contains(s.names, host) {
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	return ip.IsLoopback() || s.bound != nil && (s.bound.IsUnspecified() || s.bound.Equal(ip))
}

// refuseHost answers a request for another host.
func refuseHost(w http.ResponseWriter) {
	http.Error(w, "attache preview: this Host is not served here; open the address the server printed", http.StatusMisdirectedRequest)
}

// IsLoopback reports whether host (a name or an address) stays on this
// machine.
func IsLoopback(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ExternalAddress returns a non-loopback address of this machine to
// announce for a server bound to every interface, or "" when it has none.
func ExternalAddress() string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return ""
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() && n.IP.To4() != nil {
			return n.IP.String()
		}
	}
	return ""
}
