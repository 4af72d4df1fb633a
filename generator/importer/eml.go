package importer

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/attache/attache/generator/sanitize"
)

// maxParts bounds the MIME parts read from one message, and maxNesting
// their nesting, against hostile mail.
const (
	maxParts   = 100
	maxNesting = 10
)

// ParseEML reads one e-mail message (RFC 5322 with MIME), as agencies
// send stories by mail: the subject is the title, the Message-ID the
// GUID, the sender the source, and the body the plain-text part, else the
// HTML part.
func ParseEML(src []byte) (Entry, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(src))
	if err != nil {
		return Entry{}, fmt.Errorf("e-mail: %w", err)
	}
	dec := mime.WordDecoder{CharsetReader: charsetReader}
	e := Entry{}
	if e.Title, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		e.Title = msg.Header.Get("Subject")
	}
	e.Title = clean(e.Title)
	if e.Title == "" {
		return Entry{}, errors.New("e-mail: no Subject")
	}
	e.GUID = strings.Trim(strings.TrimSpace(msg.Header.Get("Message-Id")), "<>")
	date, err := numericZone(msg.Header.Get("Date"))
	if err == nil {
		e.Date, err = mail.ParseDate(date)
	}
	if err != nil {
		return Entry{}, fmt.Errorf("e-mail: Date: %w", err)
	}
	e.Date = e.Date.UTC()
	if from, err := (&mail.AddressParser{WordDecoder: &dec}).Parse(msg.Header.Get("From")); err == nil {
		e.Source = clean(from.Name)
		if e.Source == "" {
			e.Source = from.Address
		}
	}
	plain, htm, err := bodies(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body, 0, new(int))
	if err != nil {
		return Entry{}, fmt.Errorf("e-mail: %w", err)
	}
	switch {
	case strings.TrimSpace(plain) != "":
		e.Body, e.BodyIsText = plain, true
	case strings.TrimSpace(htm) != "":
		e.Body = htm
	default:
		return Entry{}, errors.New("e-mail: no text/plain or text/html part")
	}
	if e.GUID == "" {
		return Entry{}, errors.New("e-mail: no Message-ID to recognise it by")
	}
	return e, nil
}

// bodies returns the first text/plain and text/html parts of a MIME body.
func bodies(contentType, encoding string, r io.Reader, depth int, parts *int) (plain, htm string, err error) {
	if *parts++; *parts > maxParts || depth > maxNesting {
		return "", "", errors.New("too many MIME parts")
	}
	if contentType == "" {
		contentType = "text/plain; charset=us-ascii"
	}
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", "", fmt.Errorf("Content-Type %q: %w", contentType, err)
	}
	if strings.HasPrefix(media, "multipart/") {
		mr := multipart.NewReader(r, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return plain, htm, nil
			}
			if err != nil {
				return "", "", err
			}
			pp, ph, err := bodies(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p, depth+1, parts)
			if err != nil {
				return "", "", err
			}
			plain, htm = first(plain, pp), first(htm, ph)
		}
	}
	if media != "text/plain" && media != "text/html" {
		return "", "", nil // attachments and pictures
	}
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, &newlineSkipper{r: r})
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return "", "", err
	}
	text, err := decodeCharset(params["charset"], raw)
	if err != nil {
		return "", "", err
	}
	if media == "text/html" {
		return "", text, nil
	}
	return text, "", nil
}

// newlineSkipper drops line breaks, which base64 bodies carry every 76
// characters and encoding/base64 refuses.
type newlineSkipper struct{ r io.Reader }

func (n *newlineSkipper) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		j := 0
		for _, c := range p[:k] {
			if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}

// charsetReader decodes the charsets of agency mail and feeds besides
// UTF-8, by their WHATWG labels (windows-1252, iso-8859-15, koi8-r,
// shift_jis…), as a browser reading them would.
func charsetReader(charset string, r io.Reader) (io.Reader, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	text, err := decodeCharset(charset, raw)
	if err != nil {
		return nil, err
	}
	return strings.NewReader(text), nil
}

// decodeCharset decodes raw from charset. Text in UTF-8 (or of no
// charset) that is not valid has U+FFFD for its bad bytes; a charset
// attache cannot read is an error, never text turned to U+FFFD.
func decodeCharset(charset string, raw []byte) (string, error) {
	label := strings.ToLower(strings.TrimSpace(charset))
	if label == "" || label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8" {
		if !utf8.Valid(raw) {
			return strings.ToValidUTF8(string(raw), "\uFFFD"), nil
		}
		return string(raw), nil
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return "", fmt.Errorf("charset %q: not one attache can read", charset)
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return "", fmt.Errorf("charset %q: %w", charset, err)
	}
	return string(out), nil
}

// textOf returns the text of an HTML fragment, blocks separated by blank
// lines.
func textOf(h string) string {
	return strings.Join(sanitize.HTML(h).Blocks, "\n\n")
}

func escapeHTML(s string) string { return html.EscapeString(s) }
