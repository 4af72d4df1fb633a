package i18n

import (
	"fmt"
	"strconv"
	"strings"
)

// verb is one formatting verb of a string: the argument it formats,
// from 1, and its letter.
type verb struct {
	arg    int
	letter byte
}

// verbs returns the formatting verbs of s as fmt reads them: flags,
// width and precision skipped, an explicit argument index ([2]) taken,
// and the arguments after one counted from it.
func verbs(s string) []verb {
	var out []verb
	next := 1
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		i++
		for i < len(s) && strings.IndexByte("+-# 0", s[i]) >= 0 {
			i++
		}
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == '*') {
			i++
		}
		if i < len(s) && s[i] == '[' {
			if j := strings.IndexByte(s[i:], ']'); j > 0 {
				if n, err := strconv.Atoi(s[i+1 : i+j]); err == nil && n > 0 {
					next = n
				}
				i += j + 1
			}
		}
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			i++
		}
		if i >= len(s) || s[i] == '%' {
			continue
		}
		out = append(out, verb{arg: next, letter: s[i]})
		next++
	}
	return out
}

// argsUsed is the number of arguments s formats: those after it would be
// written as %!(EXTRA …).
func argsUsed(s string) int {
	n := 0
	for _, v := range verbs(s) {
		n = max(n, v.arg)
	}
	return n
}

// checkVerbs reports a verb of a translation that formats an argument the
// reference's verbs do not format, or formats it as something else: the
// page would show fmt's %!d(string=…).
func checkVerbs(translation string, reference []string) error {
	kinds := map[int]byte{}
	for _, r := range reference {
		for _, v := range verbs(r) {
			kinds[v.arg] = kind(v.letter)
		}
	}
	for _, v := range verbs(translation) {
		k, ok := kinds[v.arg]
		switch {
		case !ok:
			return fmt.Errorf("%%%c formats argument %d, which the English string does not have", v.letter, v.arg)
		case kind(v.letter) != k && kind(v.letter) != 'v' && k != 'v':
			return fmt.Errorf("%%%c formats argument %d, which the English string formats with a verb for %s", v.letter, v.arg, kindName(k))
		}
	}
	return nil
}

// kind classes a verb by what it formats: 'n' numbers, 's' text, 'v' any.
func kind(letter byte) byte {
	switch {
	case strings.IndexByte("dbcoOxXUeEfFgG", letter) >= 0:
		return 'n'
	case strings.IndexByte("sq", letter) >= 0:
		return 's'
	}
	return 'v'
}

func kindName(k byte) string {
	if k == 'n' {
		return "a number"
	}
	return "text"
}
