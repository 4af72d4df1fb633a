// Package tomlline finds the line of a TOML file that sets a key, for
// messages that name it: the TOML library keeps key positions private.
package tomlline

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// KeyLine returns the 1-based line of src that sets key, or the header of
// the table key names, or 0 when it cannot tell. It is a small scanner over
// table headers and key/value lines that understands what attache's TOML
// files contain in practice: [tables], [[arrays]], bare and quoted keys,
// and dotted keys.
func KeyLine(src string, key toml.Key) int {
	var table []string
	best := 0
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			name := strings.Trim(line, "[] \t")
			if j := strings.Index(name, "#"); j >= 0 {
				name = strings.TrimSpace(strings.Trim(name[:j], "[] \t"))
			}
			table = splitKey(name)
			if hasPrefix(key, table) && len(table) == len(key) {
				return i + 1
			}
			continue
		}
		eq := strings.Index(line, "=")
		if eq < 0 {
			continue
		}
		full := append(append([]string(nil), table...), splitKey(strings.TrimSpace(line[:eq]))...)
		if hasPrefix(key, full) || hasPrefix(full, key) {
			if len(full) >= len(key) {
				return i + 1
			}
			if best == 0 {
				best = i + 1
			}
		}
	}
	return best
}

func splitKey(s string) []string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return parts
}

// hasPrefix reports whether key starts with prefix.
func hasPrefix(key toml.Key, prefix []string) bool {
	if len(prefix) > len(key) {
		return false
	}
	for i, p := range prefix {
		if key[i] != p {
			return false
		}
	}
	return true
}
