package digest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"github.com/attache/attache/generator/site"
)

// eml writes d as an RFC 5322 message with a multipart/alternative body:
// the plain text first and the email HTML last, as clients prefer the last
// part they can show. Lines end in CRLF.
func (w *Writer) eml(b *bytes.Buffer, d *site.Digest) error {
	var errs []string
	if w.from == "" {
		errs = append(errs, "no From address: pass -from or set from under [digests] in config.toml")
	}
	if len(w.to) == 0 {
		errs = append(errs, "no To address: pass -to or set to under [digests] in config.toml")
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "; "))
	}
	from, err := parseAddress(w.from)
	if err != nil {
		return fmt.Errorf("from %q: %w", w.from, err)
	}
	// An address is folded at its spaces, as a subject is; one with a
	// word past RFC 5322's 998 characters cannot be sent.
	fromHeader, ok := addressHeader(from, len("From: "))
	if !ok {
		return fmt.Errorf("from %q: a word of its name is longer than an e-mail header line may be", w.from)
	}
	to := make([]string, len(w.to))
	for i, addr := range w.to {
		a, err := parseAddress(addr)
		if err != nil {
			return fmt.Errorf("to %q: %w", addr, err)
		}
		// Each address but the last is followed by a comma.
		if to[i], ok = addressHeader(a, len("To: ,")); !ok {
			return fmt.Errorf("to %q: a word of its name is longer than an e-mail header line may be", addr)
		}
	}
	var plain bytes.Buffer
	w.text(&plain, d)
	html, err := w.emailHTML(d)
	if err != nil {
		return err
	}
	date := w.date
	if date.IsZero() {
		date = time.Now()
	}
	// A boundary derived from the content keeps the output reproducible;
	// it cannot occur in the quoted-printable parts, which write every "="
	// as "=3D".
	sum := sha256.Sum256(append(plain.Bytes(), html...))
	boundary := "=_attache_" + hex.EncodeToString(sum[:12])
	// The Message-ID is unique to the content and the time of sending, and
	// names the site's host, as RFC 5322 asks.
	idSum := sha256.Sum256(fmt.Appendf(sum[:], "%d", date.UnixNano()))
	host := "attache.invalid"
	if u, err := url.Parse(w.site.AbsURL("/")); err == nil && u.Hostname() != "" {
		// A header is ASCII: an international name goes as its punycode.
		if ascii, err := idna.Lookup.ToASCII(u.Hostname()); err == nil {
			host = ascii
		}
	}

	lu, err := w.listUnsubscribe()
	if err != nil {
		return err
	}

	hdr := func(k, v string) { fmt.Fprintf(b, "%s: %s\r\n", k, v) }
	hdr("From", fromHeader)
	// One address a line keeps the header within the recommended width.
	hdr("To", strings.Join(to, ",\r\n "))
	hdr("Subject", encodeSubject(w.Subject(d)))
	hdr("Date", date.Format(time.RFC1123Z))
	hdr("Message-ID", "<"+d.Period.Key()+"."+hex.EncodeToString(idSum[:10])+"@"+host+">")
	if lu != "" {
		hdr("List-Unsubscribe", lu)
		// RFC 8058 one-click: the mailbox provider POSTs to the URL.
		if w.unsubscribeURL != "" {
			hdr("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
		}
	} else {
		w.warn("digest " + d.Title() + ": no unsubscribe address: set unsubscribeURL or unsubscribeEmail under [digests] in config.toml; Gmail and Yahoo require one-click unsubscribe from bulk senders")
	}
	hdr("MIME-Version", "1.0")
	contentType, _ := fold(mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": boundary}), len("Content-Type: "))
	hdr("Content-Type", contentType)
	b.WriteString("\r\n")

	mw := multipart.NewWriter(b)
	if err := mw.SetBoundary(boundary); err != nil {
		return err
	}
	for _, part := range []struct {
		typ  string
		body []byte
	}{{"text/plain; charset=utf-8", plain.Bytes()}, {"text/html; charset=utf-8", html}} {
		pw, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.typ},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return err
		}
		qp := quotedprintable.NewWriter(pw)
		if _, err := qp.Write(part.body); err != nil {
			return err
		}
		if err := qp.Close(); err != nil {
			return err
		}
	}
	return mw.Close()
}

// listUnsubscribe is the List-Unsubscribe header (RFC 2369): the URL
// first, as mailbox providers prefer it, each entry on its own line, in
// ASCII as a header must be.
func (w *Writer) listUnsubscribe() (string, error) {
	var parts []string
	if w.unsubscribeURL != "" {
		u, err := asciiURL(w.unsubscribeURL)
		if err != nil {
			return "", fmt.Errorf("unsubscribeURL %q: %w", w.unsubscribeURL, err)
		}
		parts = append(parts, "<"+u+">")
	}
	if w.unsubscribeEmail != "" {
		a, err := parseAddress(w.unsubscribeEmail)
		if err != nil {
			return "", fmt.Errorf("unsubscribeEmail %q: %w", w.unsubscribeEmail, err)
		}
		parts = append(parts, "<mailto:"+a.Address+"?subject=unsubscribe>")
	}
	return strings.Join(parts, ",\r\n "), nil
}

// parseAddress parses an address for a header, which is ASCII: a domain
// in another script goes as its A-label (exämple.org is
// xn--exmple-cua.org). A mailbox name (before the @) in another script
// would need SMTPUTF8, which these messages do not ask of the servers on
// their way, and is refused.
func parseAddress(s string) (*mail.Address, error) {
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, err
	}
	at := strings.LastIndexByte(a.Address, '@')
	local, domain := a.Address[:at], a.Address[at+1:]
	if !plainASCII(local) {
		return nil, fmt.Errorf("the mailbox %q is not ASCII; these messages cannot carry it", local)
	}
	if domain, err = idna.Lookup.ToASCII(domain); err != nil {
		return nil, fmt.Errorf("domain: %w", err)
	}
	a.Address = local + "@" + domain
	return a, nil
}

// asciiURL writes a URL in ASCII: its host as A-labels, its path and
// query percent-encoded.
func asciiURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", err
	}
	host, err := idna.Lookup.ToASCII(u.Hostname())
	if err != nil {
		return "", fmt.Errorf("host: %w", err)
	}
	if port := u.Port(); port != "" {
		host += ":" + port
	}
	u.Host = host
	var q strings.Builder
	for i := 0; i < len(u.RawQuery); i++ {
		if c := u.RawQuery[i]; c >= 0x80 {
			fmt.Fprintf(&q, "%%%02X", c)
		} else {
			q.WriteByte(c)
		}
	}
	u.RawQuery = q.String()
	return u.String(), nil
}

// foldASCII folds a header value at its spaces so that its lines stay
// within 78 characters where its words allow (RFC 5322 2.2.3), and within
// the 998 that the RFC allows at all: a word too long for that is left to
// encoded words.
func foldASCII(s string) string {
	folded, ok := fold(s, len("Subject: "))
	if !ok {
		return encodeWords(s)
	}
	return folded
}

// addressHeader writes an address for a header whose name takes prefix
// characters, folded as fold does. A name that is not plain ASCII goes as
// short encoded words, one a line, as a subject does: net/mail's would be
// up to 75 characters each, too long for a line after a header's name.
func addressHeader(a *mail.Address, prefix int) (string, bool) {
	if !plainASCII(a.Name) {
		return encodeWords(a.Name) + "\r\n " + (&mail.Address{Address: a.Address}).String(), true
	}
	return fold(a.String(), prefix)
}

// plainASCII reports whether s is printable ASCII, which a header carries
// as it is.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x7f || s[i] < 0x20 {
			return false
		}
	}
	return true
}

// fold folds a header value at its spaces so that its lines, the first
// after a header name of prefix characters, stay within 78 characters
// where its words allow (RFC 5322 2.2.3). Folding at a space is allowed
// anywhere in an address or a subject, quoted names and encoded words
// included: unfolding takes away the line break and keeps the space. It
// folds only at a single space between two words, so that no line ends
// in a space nor holds nothing else, which readers may drop. It reports
// false when a line would pass the 998 characters the RFC allows a line
// at all.
func fold(s string, prefix int) (string, bool) {
	width, most := 78-prefix, 998-prefix
	if len(s) <= width {
		return s, true
	}
	// Pieces are the text between single spaces: a run of spaces stays
	// inside a piece.
	var pieces []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && i > 0 && s[i-1] != ' ' && i+1 < len(s) && s[i+1] != ' ' {
			pieces = append(pieces, s[start:i])
			start = i + 1
		}
	}
	pieces = append(pieces, s[start:])
	var b strings.Builder
	line := 0
	for i, p := range pieces {
		if i > 0 {
			if line+1+len(p) > width {
				b.WriteString("\r\n")
				line = 0
			}
			b.WriteByte(' ')
			line++
		}
		if line+len(p) > most {
			return "", false
		}
		b.WriteString(p)
		line += len(p)
	}
	return b.String(), true
}

// encodeSubject writes a subject as RFC 2047 encoded words when it is not
// plain ASCII. Each word holds at most 18 bytes of the subject, so that no
// word exceeds 75 characters and the folded lines stay within 78;
// whitespace between encoded words is dropped by decoders, so spaces travel
// inside the words.
func encodeSubject(s string) string {
	if plainASCII(s) {
		return foldASCII(s)
	}
	return encodeWords(s)
}

// encodeWords writes s as RFC 2047 encoded words, one a line.
func encodeWords(s string) string {
	var words []string
	for len(s) > 0 {
		n := min(len(s), 18)
		for n < len(s) && !utf8.RuneStart(s[n]) {
			n-- // never split a character
		}
		var b strings.Builder
		for i := 0; i < n; i++ {
			switch c := s[i]; {
			case c == ' ':
				b.WriteByte('_')
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!*+-/", c) >= 0:
				b.WriteByte(c)
			default:
				fmt.Fprintf(&b, "=%02X", c)
			}
		}
		words = append(words, "=?utf-8?q?"+b.String()+"?=")
		s = s[n:]
	}
	return strings.Join(words, "\r\n ")
}
