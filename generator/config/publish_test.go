package config

import (
	"net/url"
	"strings"
	"testing"
)

func TestParsePublish(t *testing.T) {
	c, err := Parse("config.toml", []byte(`[deploy]
bucket = "briefings.example.org"
prefix = "/www/briefings/"
region = "auto"
endpoint = "https://abc123.r2.cloudflarestorage.com"
[digests]
from = "Desk <desk@example.org>"
to = ["list@example.org"]
unsubscribeURL = "https://example.org/unsubscribe"
unsubscribeEmail = "mailto:unsubscribe@example.org"
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Deploy.Prefix != "www/briefings" {
		t.Errorf("prefix = %q, want it without slashes", c.Deploy.Prefix)
	}
	if c.Digests.BudgetKB != 90 || c.Digests.From != "Desk <desk@example.org>" {
		t.Errorf("digests = %+v", c.Digests)
	}
}

func TestNonPublicURL(t *testing.T) {
	tests := []struct {
		url    string
		public bool
	}{
		{"http://localhost:1313/", false},
		{"http://LOCALHOST./", false},
		{"http://127.0.0.1:8080/", false},
		{"http://[::1]/", false},
		{"http://10.1.2.3/", false},
		{"http://192.168.0.4/site/", false},
		{"http://169.254.1.1/", false},
		{"http://0.0.0.0/", false},
		{"http://intranet/", false},
		{"http://briefings.local/", false},
		{"http://app.localhost/", false},
		{"https://example.org/briefings/", true},
		{"https://93.184.216.34/", true},
		{"https://briefings.example.co.uk/", true},
	}
	for _, tt := range tests {
		why := NonPublicURL(tt.url)
		if (why == "") != tt.public {
			t.Errorf("NonPublicURL(%q) = %q, want public %v", tt.url, why, tt.public)
		}
	}
}

func TestBaseURLWarning(t *testing.T) {
	c, err := Parse("site/config.toml", []byte("title = \"x\"\nbaseURL = \"http://localhost:1313/\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if w := c.BaseURLWarning(); !strings.HasPrefix(w, "site/config.toml:2: warning: baseURL http://localhost:1313/") {
		t.Errorf("warning = %q", w)
	}
	c.BaseURL = "https://example.org/"
	if w := c.BaseURLWarning(); w != "" {
		t.Errorf("public base URL warned: %q", w)
	}
}

func FuzzNonPublicURL(f *testing.F) {
	for _, s := range []string{"http://localhost:1313/", "https://example.org/", "http://[::1]/", "http://10.0.0.1", "::", "http://%zz/", "https://xn--bcher-kva.example/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		why := NonPublicURL(raw)
		if why != "" {
			return
		}
		// Only an absolute URL with a dotted or numeric host passes.
		u, err := url.Parse(raw)
		if err != nil || u.Hostname() == "" {
			t.Fatalf("%q passed as public", raw)
		}
		if h := strings.ToLower(u.Hostname()); h == "localhost" || strings.HasSuffix(h, ".localhost") {
			t.Fatalf("%q passed as public", raw)
		}
	})
}
