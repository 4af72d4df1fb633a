package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/attache/attache/generator/build"
	"github.com/attache/attache/generator/config"
)

// warnBaseURL prints a warning when the site's links would point at
// localhost or another address no reader elsewhere can reach. A config
// that does not load is left for the build to report.
func warnBaseURL(o build.Options, stderr io.Writer) {
	cfg, err := config.Load(filepath.Join(o.Source, build.ConfigFile))
	if err != nil {
		return
	}
	if o.BaseURL != "" {
		cfg.BaseURL = o.BaseURL
	}
	if w := cfg.BaseURLWarning(); w != "" {
		fmt.Fprintln(stderr, w)
	}
}
