package parse

import (
	"bytes"
	"fmt"
	"regexp"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	"github.com/attache/attache/generator/diag"
)

// maxControlWarnings bounds the warnings about control characters in one
// file: after that many lines one more warning counts the rest.
const maxControlWarnings = 10

// decode turns an article file's bytes into UTF-8 text without control
// characters, so that nothing downstream ever sees, or writes, bytes a
// browser would show as garbage:
//
//   - UTF-8, with or without a byte order mark, is taken as it is;
//   - UTF-16 with a byte order mark is decoded;
//   - a file with NUL bytes, or mostly control characters, is binary and an
//     error (UTF-16 without a byte order mark is named as such);
//   - XML that is not UTF-8 is decoded as its declaration's encoding says;
//   - other text that is not UTF-8 is wire copy in Windows-1252 or Latin-1, as
//     agencies still send it, and is decoded with a warning; a UTF-8 file
//     with a few stray bytes has them replaced with U+FFFD, with a warning;
//   - C0 and C1 control characters other than tab, line feed and carriage
//     return are removed with a warning naming each line.
func decode(name string, src []byte) ([]byte, []diag.Warning, error) {
	var warns []diag.Warning
	switch {
	case bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}):
		src = src[3:]
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}), bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(src)
		if err != nil {
			return nil, nil, diag.Errorf(name, 1, "cannot decode UTF-16: %v", err)
		}
		src = out
	}
	if err := checkBinary(name, src); err != nil {
		return nil, nil, err
	}
	if !utf8.Valid(src) {
		if out, ok := decodeDeclared(src); ok {
			src = out
		} else {
			var w diag.Warning
			src, w = decodeLegacy(name, src)
			warns = append(warns, w)
		}
	}
	src, cw := stripControls(name, src)
	return src, append(warns, cw...), nil
}

// checkBinary rejects files that are not text: a NUL byte never appears in
// text in any encoding attache reads (UTF-16 has been decoded by now), and
// text is not mostly control characters.
func checkBinary(name string, src []byte) error {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line := 1 + bytes.Count(src[:i], []byte("\n"))
		if looksUTF16(src) {
			return diag.Errorf(name, line, "looks like UTF-16 without a byte order mark: save the file as UTF-8")
		}
		return diag.Errorf(name, line, "binary file (NUL byte at offset %d): articles must be text", i)
	}
	controls := 0
	for _, b := range src {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			controls++
		}
	}
	// Stray control characters are removed with a warning; a file that is
	// a tenth control characters is not text that lost a few bytes.
	if controls >= 8 && controls*10 >= len(src) {
		return diag.Errorf(name, 1, "binary file (%d control characters in %d bytes): articles must be text", controls, len(src))
	}
	return nil
}

// looksUTF16 reports whether NUL bytes fill every other byte of the start of
// src, as in UTF-16 text that is mostly ASCII.
func looksUTF16(src []byte) bool {
	n := min(len(src), 512) &^ 1
	if n < 4 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if src[i] == 0 {
			even++
		}
		if src[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return even*10 >= half*9 || odd*10 >= half*9
}

// xmlDeclaration matches an XML declaration's encoding, which must open
// the file.
var xmlDeclaration = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// decodeDeclared decodes an XML file in the encoding its declaration names
// (windows-1251, ISO-8859-2, Shift_JIS, GB2312…, by their WHATWG labels),
// and reports false for a file that names none, or one not known.
func decodeDeclared(src []byte) ([]byte, bool) {
	m := xmlDeclaration.FindSubmatch(src[:min(len(src), 512)])
	if m == nil {
		return nil, false
	}
	enc, err := htmlindex.Get(string(m[1]))
	if err != nil || enc == unicode.UTF8 {
		return nil, false
	}
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil || !utf8.Valid(out) {
		return nil, false
	}
	return out, true
}

// decodeLegacy decodes text that is not valid UTF-8. Text that holds more
// well-formed multi-byte UTF-8 characters than invalid bytes is UTF-8 with
// some damage, and only the damage is replaced; anything else is read as
// Windows-1252, which agrees with Latin-1 on every letter.
func decodeLegacy(name string, src []byte) ([]byte, diag.Warning) {
	valid, invalid, firstBad := 0, 0, -1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
			if firstBad < 0 {
				firstBad = i
			}
		case size > 1:
			valid++
		}
		i += size
	}
	line := 1 + bytes.Count(src[:firstBad], []byte("\n"))
	if valid > invalid {
		return bytes.ToValidUTF8(src, []byte("\uFFFD")), diag.Warnf(name, line,
			"%d bytes are not valid UTF-8 and were replaced with U+FFFD", invalid)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(src)
	if err != nil {
		// The decoder maps every byte; keep the file readable regardless.
		out = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	}
	return out, diag.Warnf(name, line, "not UTF-8: decoded as Windows-1252 (Latin-1); save the file as UTF-8 to silence this")
}

// stripControls removes C0 control characters other than tab, line feed and
// carriage return, DEL, and the C1 controls U+0080 to U+009F, which HTML
// forbids and no reader can see. src is valid UTF-8.
func stripControls(name string, src []byte) ([]byte, []diag.Warning) {
	if !hasControls(src) {
		return src, nil
	}
	out := make([]byte, 0, len(src))
	var warns []diag.Warning
	line, lineCount, lastLine, more := 1, 0, 0, 0
	flush := func() {
		if lineCount == 0 {
			return
		}
		if len(warns) < maxControlWarnings {
			warns = append(warns, diag.Warnf(name, lastLine, "removed %d control %s", lineCount, plural(lineCount, "character", "characters")))
		} else {
			more++
		}
		lineCount = 0
	}
	for i := 0; i < len(src); {
		b := src[i]
		size := 1
		ctl := b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f
		if b == 0xC2 && i+1 < len(src) && src[i+1] >= 0x80 && src[i+1] <= 0x9F {
			ctl, size = true, 2
		}
		if ctl {
			if lastLine != line {
				flush()
				lastLine = line
			}
			lineCount++
		} else {
			out = append(out, src[i:i+size]...)
		}
		if b == '\n' {
			line++
		}
		i += size
	}
	flush()
	if more > 0 {
		warns = append(warns, diag.Warnf(name, 0, "removed control characters on %d more %s", more, plural(more, "line", "lines")))
	}
	return out, warns
}

// hasControls is stripControls' quick test, for the usual clean file.
func hasControls(src []byte) bool {
	for i, b := range src {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f {
			return true
		}
		if b == 0xC2 && i+1 < len(src) && src[i+1] >= 0x80 && src[i+1] <= 0x9F {
			return true
		}
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// sizeError reports an article over the size limit, at the line where the
// limit is passed.
func sizeError(name string, src []byte, limit int) error {
	line := 1 + bytes.Count(src[:limit], []byte("\n"))
	return diag.Errorf(name, line, "article is %s, over the limit of %s per article (limits.articleBytes in config.toml); the limit is passed on this line",
		byteSize(len(src)), byteSize(limit))
}

// byteSize writes n bytes the way people say it.
func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
