package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/digest"
	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/site"
)

func runDigest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o pipeline.Options
	var period, date, format, out, from, to string
	var filter site.DigestFilter
	fs := newFlags("digest", "", stderr)
	siteFlags(fs, &o)
	fs.Var(baseURLFlag{&o.BaseURL}, "baseURL", "override the config's baseURL with this `URL` for the digest's links")
	fs.StringVar(&period, "period", "", "length of the digest's period, `day|week|month` (default: the config's digests.period)")
	fs.StringVar(&date, "date", "", "a `YYYY-MM-DD` day in the period (default: the latest period that has articles)")
	fs.StringVar(&format, "format", "html", "document format, `html|email|eml|markdown|text`: email is HTML for mail clients, eml a whole email message")
	fs.StringVar(&out, "o", "", "write to `FILE` instead of stdout; with -format email, also write FILE's plain-text companion as .txt")
	fs.StringVar(&filter.Country, "country", "", "only articles about this country (`SLUG`, code or name)")
	fs.StringVar(&filter.Region, "region", "", "only articles about countries in this UN region or subregion (`NAME`, \"Eastern Asia\")")
	fs.StringVar(&filter.Organisation, "organisation", "", "only articles about this organisation (`ID` or acronym)")
	fs.StringVar(&from, "from", "", "From `ADDRESS` of an eml message")
	fs.StringVar(&to, "to", "", "To `ADDRESSES` of an eml message, comma-separated")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	usageErr := func(format string, a ...any) error {
		fmt.Fprintf(stderr, "attache digest: "+format+"\n", a...)
		fs.Usage()
		return errUsage
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected argument %q", fs.Arg(0))
	}
	f, err := digest.ParseFormat(format)
	if err != nil {
		return usageErr("%v", err)
	}
	// The digest, and with -format email its plain-text companion, must
	// land on none of the site's files: over config.toml or an article,
	// the next build would fail, or publish the digest as a story.
	var files []string
	if out != "" {
		files = append(files, out)
		if f == digest.Email {
			files = append(files, companion(out))
		}
	}
	if d, err := pipeline.DestinationOf(o); err == nil {
		for _, file := range files {
			if err := d.Apart(file); err != nil {
				return fmt.Errorf("-o: %w", err)
			}
		}
	}
	p, err := pipeline.Load(o)
	if err != nil {
		return err
	}
	// A digest is read away from this machine: its links must work there,
	// whether the address is the configuration's or -baseURL's.
	if why := config.NonPublicURL(p.Config.BaseURL); why != "" {
		if o.BaseURL != "" {
			return usageErr("-baseURL %s: %s, so every link in the digest would be broken for its readers; give the site's public address", o.BaseURL, why)
		}
		return fmt.Errorf("%s: baseURL %s: %s, so every link in the digest would be broken for its readers; set baseURL to the site's public address or pass -baseURL URL", p.Config.Where("baseURL"), p.Config.BaseURL, why)
	}
	kind := site.PeriodKind(p.Config.Digests.Period)
	if period != "" {
		if kind, err = site.ParsePeriodKind(period); err != nil {
			return usageErr("%v", err)
		}
	}
	s, err := p.Model(ctx)
	if err != nil {
		return err
	}
	d, err := s.DigestAt(kind, filter, date)
	if err != nil {
		return err
	}
	fmt.Fprintln(stderr, digestChoice(d, date, period != "", time.Now()))
	var opts []digest.Option
	if from != "" {
		opts = append(opts, digest.WithFrom(from))
	}
	if to != "" {
		// A display name may hold a comma ("Smith, Jane" <jane@example.org>):
		// split the list as RFC 5322 does, not on every comma.
		list, err := mail.ParseAddressList(to)
		if err != nil {
			return usageErr("-to %q: %v", to, err)
		}
		addrs := make([]string, len(list))
		for i, a := range list {
			addrs[i] = a.String()
		}
		opts = append(opts, digest.WithTo(addrs...))
	}
	// Addresses, unsubscribe links and the size budget default to the
	// [digests] config; what falls short of it is said.
	opts = append(opts, digest.WithWarn(func(msg string) { fmt.Fprintf(stderr, "warning: %s\n", msg) }),
		digest.WithStrings(p.Renderer.Strings()))
	w := digest.New(s, opts...)
	var b bytes.Buffer
	if err := w.Write(&b, d, f); err != nil {
		return err
	}
	if out == "" {
		_, err := stdout.Write(b.Bytes())
		return err
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		return err
	}
	if f == digest.Email {
		// Mail should carry a plain-text part; write it beside the HTML.
		var t bytes.Buffer
		if err := w.Write(&t, d, digest.Text); err != nil {
			return err
		}
		txt := companion(out)
		if err := os.WriteFile(txt, t.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote %s and %s\n", out, txt)
	}
	return nil
}

// companion is the file of an e-mail digest's plain-text part, beside
// the HTML one.
func companion(out string) string {
	txt := strings.TrimSuffix(out, filepath.Ext(out)) + ".txt"
	if txt == out {
		txt += ".txt"
	}
	return txt
}
