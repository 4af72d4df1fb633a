package config

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/internal/tomlline"
)

// Deploy says where `attache deploy` publishes the built site: an
// S3-compatible bucket. Credentials are deliberately not here: they come
// from the environment or the standard AWS files, so that config.toml can
// be committed.
type Deploy struct {
	// Bucket is the bucket's name.
	Bucket string `toml:"bucket"`
	// Prefix is a folder inside the bucket ("" for its root).
	Prefix string `toml:"prefix"`
	// Region is the bucket's region ("auto" for Cloudflare R2).
	Region string `toml:"region"`
	// Endpoint is the storage service's URL; empty means AWS S3.
	Endpoint string `toml:"endpoint"`
}

// credentialKey reports whether a key under [deploy] looks like a secret,
// so that the error can say where secrets go instead of "unknown key".
func credentialKey(k string) bool {
	k = strings.ToLower(k)
	for _, w := range []string{"key", "secret", "token", "password", "credential"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// bucketName follows the S3 naming rules shared by every compatible
// service: 3 to 63 lowercase letters, digits, dots and hyphens.
var bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

func (c *Config) validateDeploy() error {
	var errs diag.List
	d := &c.Deploy
	if d.Bucket != "" && !bucketName.MatchString(d.Bucket) {
		errs.Add(c.errorAt(toml.Key{"deploy", "bucket"}, "deploy.bucket %q: want 3 to 63 lowercase letters, digits, dots and hyphens", d.Bucket))
	}
	if d.Prefix != "" {
		p := strings.Trim(d.Prefix, "/")
		if p == "" || p == "." || path.Clean(p) != p || strings.HasPrefix(p, "..") || strings.ContainsAny(p, `\`) {
			errs.Add(c.errorAt(toml.Key{"deploy", "prefix"}, "deploy.prefix %q: want a clean folder path such as \"site\" or \"www/briefings\"", d.Prefix))
		} else {
			d.Prefix = p
		}
	}
	if d.Endpoint != "" {
		u, err := url.Parse(d.Endpoint)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" || u.User != nil {
			errs.Add(c.errorAt(toml.Key{"deploy", "endpoint"}, "deploy.endpoint %q: want a URL such as https://ACCOUNT.r2.cloudflarestorage.com, without a path or credentials", d.Endpoint))
		}
	}
	return errs.Err()
}

func (c *Config) validateDigests() error {
	var errs diag.List
	d := &c.Digests
	if d.From != "" {
		if _, err := mail.ParseAddress(d.From); err != nil {
			errs.Add(c.errorAt(toml.Key{"digests", "from"}, "digests.from %q: %v", d.From, err))
		}
	}
	for _, to := range d.To {
		if _, err := mail.ParseAddress(to); err != nil {
			errs.Add(c.errorAt(toml.Key{"digests", "to"}, "digests.to %q: %v", to, err))
		}
	}
	if d.UnsubscribeURL != "" {
		u, err := url.Parse(d.UnsubscribeURL)
		// It goes between <> in a List-Unsubscribe header, whose list
		// a ">," would extend with targets of its own.
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(d.UnsubscribeURL, "<>,\" \t\r\n") {
			errs.Add(c.errorAt(toml.Key{"digests", "unsubscribeURL"}, "digests.unsubscribeURL %q: want an absolute https URL", d.UnsubscribeURL))
		}
	}
	if d.UnsubscribeEmail != "" {
		if _, err := mail.ParseAddress(strings.TrimPrefix(d.UnsubscribeEmail, "mailto:")); err != nil {
			errs.Add(c.errorAt(toml.Key{"digests", "unsubscribeEmail"}, "digests.unsubscribeEmail %q: %v", d.UnsubscribeEmail, err))
		}
	}
	if d.BudgetKB < 1 {
		errs.Add(c.errorAt(toml.Key{"digests", "budgetKB"}, "digests.budgetKB = %d: want 1 or more", d.BudgetKB))
	}
	return errs.Err()
}

// NonPublicURL explains why rawURL could not be reached by a reader on
// another machine — localhost, a loopback, private or link-local address,
// a single-label name or a reserved local domain — or returns "" when it
// looks public. Links in feeds, sitemaps and digests carry the base URL
// to readers elsewhere.
func NonPublicURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return fmt.Sprintf("%q is not an absolute URL", rawURL)
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if ip := net.ParseIP(host); ip != nil {
		switch {
		case ip.IsLoopback():
			return fmt.Sprintf("%s is a loopback address", host)
		case ip.IsPrivate():
			return fmt.Sprintf("%s is a private address", host)
		case ip.IsLinkLocalUnicast(), ip.IsUnspecified():
			return fmt.Sprintf("%s is not a public address", host)
		}
		return ""
	}
	if host == "localhost" {
		return "localhost is this machine"
	}
	if !strings.Contains(host, ".") {
		return fmt.Sprintf("%s is a name only the local network knows", host)
	}
	for _, tld := range []string{".localhost", ".local", ".internal", ".lan", ".home.arpa", ".test", ".invalid"} {
		if strings.HasSuffix(host, tld) {
			return fmt.Sprintf("%s is a local name", host)
		}
	}
	return ""
}

// BaseURLWarning is a warning about a base URL no reader elsewhere could
// follow, located in the config file, or "" when the base URL looks
// public.
func (c *Config) BaseURLWarning() string {
	why := NonPublicURL(c.BaseURL)
	if why == "" {
		return ""
	}
	return fmt.Sprintf("%s: warning: baseURL %s: %s; feeds, the sitemap and shared links will not work for readers until baseURL is the site's public address", c.Where("baseURL"), c.BaseURL, why)
}

// Where is "file:line" of the line that sets a key, or the file alone
// when no line sets it, for messages about a value.
func (c *Config) Where(key ...string) string {
	loc := c.File
	if loc == "" {
		loc = "config.toml"
	}
	if line := tomlline.KeyLine(c.src, toml.Key(key)); line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, line)
	}
	return loc
}
