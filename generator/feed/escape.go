package feed

import "unicode/utf8"

// The feeds are written by hand rather than by encoding/xml and
// encoding/json, whose reflection and re-indenting were most of the cost of
// writing them; these two functions escape text exactly as those packages
// do, so that the output stayed byte for byte what it was
// (TestEncodersMatchReference and FuzzFeeds hold them to it).

// appendXMLText appends s escaped as encoding/xml escapes character data
// and attribute values: the five markup characters and tab, newline and
// carriage return as character references, and every byte that is not
// valid UTF-8 or not an XML character as U+FFFD.
func appendXMLText(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		var esc string
		if b := s[i]; b < utf8.RuneSelf {
			i++
			switch b {
			case '"':
				esc = "&#34;"
			case '\'':
				esc = "&#39;"
			case '&':
				esc = "&amp;"
			case '<':
				esc = "&lt;"
			case '>':
				esc = "&gt;"
			case '\t':
				esc = "&#x9;"
			case '\n':
				esc = "&#xA;"
			case '\r':
				esc = "&#xD;"
			default:
				if b >= 0x20 {
					continue
				}
				esc = "\uFFFD"
			}
			dst = append(dst, s[last:i-1]...)
		} else {
			r, width := utf8.DecodeRuneInString(s[i:])
			i += width
			if isXMLChar(r) && (r != utf8.RuneError || width > 1) {
				continue
			}
			esc = "\uFFFD"
			dst = append(dst, s[last:i-width]...)
		}
		dst = append(dst, esc...)
		last = i
	}
	return append(dst, s[last:]...)
}

// isXMLChar reports whether r, past ASCII, is a character XML 1.0 allows.
func isXMLChar(r rune) bool {
	return r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= utf8.MaxRune
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it by default: quote, backslash and control characters, the HTML
// characters <, > and &, U+2028 and U+2029, and each byte that is not valid
// UTF-8 as \ufffd.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	last := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[last:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			last = i
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && width == 1:
			dst = append(dst, s[last:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[last:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += width
			continue
		}
		i += width
		last = i
	}
	dst = append(dst, s[last:]...)
	return append(dst, '"')
}
