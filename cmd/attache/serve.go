package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/server"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o pipeline.Options
	fs := newFlags("serve", "", stderr)
	siteFlags(fs, &o)
	bind := fs.String("bind", "127.0.0.1", "`ADDRESS` to listen on; 0.0.0.0 shares the preview with the network")
	port := fs.Int("port", 1313, "`PORT` to listen on; 0 picks a free one")
	next := fs.Bool("nextport", false, "use the next free port when -port is taken")
	fs.StringVar(&o.Destination, "destination", "", "output `DIR` (default: a temporary folder removed on exit, so that public/ keeps its real baseURL)")
	fs.BoolVar(&o.Force, "force", false, "replace the destination even if it holds files attache did not write")
	poll := fs.Duration("poll", 0, "poll for changes every `DURATION` (e.g. 1s) instead of using file-system notification")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "attache serve: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "attache serve: -port %d: want a port from 0 to 65535\n", *port)
		fs.Usage()
		return errUsage
	}
	// The server serves whatever folder it is given: one a build refuses
	// must stop serve before it is served.
	if err := checkDestination(o); err != nil {
		return err
	}
	ln, err := server.Listen(ctx, *bind, *port, *next)
	if err != nil {
		return err
	}
	defer ln.Close()
	if o.Destination == "" {
		tmp, err := os.MkdirTemp("", "attache-serve-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		o.Destination = filepath.Join(tmp, "public")
	}
	// Links must lead back to this server, under the site's own path,
	// which follows the config's baseURL as it is edited.
	host := announcedHost(*bind, stderr)
	o.PreviewAt = (&url.URL{Scheme: "http", Host: net.JoinHostPort(host, strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))}).String()
	basePath := func() string {
		if cfg, err := config.Load(filepath.Join(o.Source, pipeline.ConfigFile)); err == nil {
			return pipeline.BasePath(cfg.BaseURL)
		}
		return "/"
	}
	srv := server.New(o.Destination, server.WithBasePath(basePath()), server.WithHostName(host))

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- srv.Run(ctx, ln) }()
	fmt.Fprintf(stdout, "serving %s at %s%s\n", o.Source, o.PreviewAt, srv.BasePath())
	err = preview(ctx, o, *poll, stdout, stderr, func(err error) {
		if err != nil {
			srv.Fail(err)
			return
		}
		if p := basePath(); p != srv.BasePath() {
			srv.SetBasePath(p)
			fmt.Fprintf(stdout, "serving %s at %s%s\n", o.Source, o.PreviewAt, p)
		}
		srv.Reload()
	})
	cancel()
	select {
	case serr := <-served:
		if err == nil {
			err = serr
		}
	case <-time.After(5 * time.Second):
	}
	return err
}

// announcedHost returns the host the preview is announced at. A bind
// address other than the loopback one exposes the preview to the network:
// that is worth a warning, and the address announced is one other machines
// can use, not "localhost".
func announcedHost(bind string, stderr io.Writer) string {
	if server.IsLoopback(bind) {
		return bind
	}
	host := bind
	// "" listens on every interface, as 0.0.0.0 does.
	if ip := net.ParseIP(bind); bind == "" || ip != nil && ip.IsUnspecified() {
		host = server.ExternalAddress()
		if host == "" {
			host = "localhost"
		}
	}
	fmt.Fprintf(stderr, "warning: -bind %s: the preview is served to every machine that can reach %s, not only this one\n", bind, host)
	return host
}
