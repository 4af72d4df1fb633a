package digest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/attache/attache/generator/site"
)

// eml writes d as an RFC 5322 message with a multipart/alternative body:
// the plain text first and the email HTML last, as clients prefer the last
// part they can show. Lines end in CRLF.
func (w *Writer) eml(b *bytes.Buffer, d *site.Digest) error {
	var plain, html bytes.Buffer
	w.text(&plain, d)
	if err := emailTemplate.Execute(&html, w.view(d)); err != nil {
		return err
	}
	date := w.date
	if date.IsZero() {
		date = time.Now()
	}
	// A boundary derived from the content keeps the output reproducible;
	// it cannot occur in the quoted-printable parts, which write every "="
	// as "=3D".
	sum := sha256.Sum256(append(plain.Bytes(), html.Bytes()...))
	boundary := "=_attache_" + hex.EncodeToString(sum[:12])

	hdr := func(k, v string) { fmt.Fprintf(b, "%s: %s\r\n", k, v) }
	if w.from != "" {
		a, err := mail.ParseAddress(w.from)
		if err != nil {
			return fmt.Errorf("from %q: %w", w.from, err)
		}
		hdr("From", a.String())
	}
	if len(w.to) > 0 {
		to := make([]string, len(w.to))
		for i, addr := range w.to {
			a, err := mail.ParseAddress(addr)
			if err != nil {
				return fmt.Errorf("to %q: %w", addr, err)
			}
			to[i] = a.String()
		}
		hdr("To", strings.Join(to, ", "))
	}
	hdr("Subject", encodeSubject(w.Subject(d)))
	hdr("Date", date.Format(time.RFC1123Z))
	hdr("MIME-Version", "1.0")
	hdr("Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": boundary}))
	b.WriteString("\r\n")

	mw := multipart.NewWriter(b)
	if err := mw.SetBoundary(boundary); err != nil {
		return err
	}
	for _, part := range []struct {
		typ  string
		body []byte
	}{{"text/plain; charset=utf-8", plain.Bytes()}, {"text/html; charset=utf-8", html.Bytes()}} {
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

// encodeSubject writes a subject as RFC 2047 encoded words when it is not
// plain ASCII. Each word holds at most 18 bytes of the subject, so that no
// word exceeds 75 characters and the folded lines stay within 78;
// whitespace between encoded words is dropped by decoders, so spaces travel
// inside the words.
func encodeSubject(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 {
			ascii = false
		}
	}
	if ascii {
		return s
	}
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
