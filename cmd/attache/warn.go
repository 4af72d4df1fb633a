package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/pipeline"
)

// warnBaseURL prints a warning when the site's links would point at
// localhost or another address no reader elsewhere can reach. A config
// that does not load is left for the build to report.
func warnBaseURL(o pipeline.Options, stderr io.Writer) {
	cfg, err := siteConfig(o.Source)
	if err != nil {
		return
	}
	if o.BaseURL != "" {
		// The flag's, not the line of config.toml it overrides.
		if why := config.NonPublicURL(o.BaseURL); why != "" {
			fmt.Fprintf(stderr, "warning: -baseURL %s: %s; feeds, the sitemap and shared links will not work for readers\n", o.BaseURL, why)
		}
		return
	}
	if w := cfg.BaseURLWarning(); w != "" {
		fmt.Fprintln(stderr, w)
	}
}

// siteConfig loads the config.toml of the site in source, for the commands
// that need the configuration but not a whole build.
func siteConfig(source string) (*config.Config, error) {
	path := filepath.Join(source, pipeline.ConfigFile)
	cfg, err := config.Load(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such file: run this in a site folder, pass -source DIR, or start a site with 'attache new site DIR'", path)
	}
	return cfg, err
}
