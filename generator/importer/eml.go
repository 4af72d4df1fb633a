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
	if e.Date, err = msg.Header.Date(); err != nil {
		return Entry{}, fmt.Errorf("e-mail: Date: %w", err)
	}
	if _, named := zoneOffsets[zoneToken(msg.Header.Get("Date"))]; named {
		e.Date = withNamedZone(e.Date)
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
	text := decodeCharset(params["charset"], raw)
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

// charsetReader decodes the charsets seen in agency mail and feeds besides
// UTF-8: ISO-8859-1 and Windows-1252 (read as Latin-1).
func charsetReader(charset string, r io.Reader) (io.Reader, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return strings.NewReader(decodeCharset(charset, raw)), nil
}

func decodeCharset(charset string, raw []byte) string {
	switch strings.ToLower(strings.TrimSpace(charset)) {
	case "iso-8859-1", "latin1", "iso-8859-15", "windows-1252", "cp1252":
		var b strings.Builder
		for _, c := range raw {
			b.WriteRune(rune(c))
		}
		return b.String()
	}
	if !utf8.Valid(raw) {
		return strings.ToValidUTF8(string(raw), "\uFFFD")
	}
	return string(raw)
}

// textOf returns the text of an HTML fragment, blocks separated by blank
// lines.
func textOf(h string) string {
	return strings.Join(sanitize.HTML(h).Blocks, "\n\n")
}

func escapeHTML(s string) string { return html.EscapeString(s) }
