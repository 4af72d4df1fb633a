package watch

import "strings"

// Ignored reports whether a file name (not a path) is an editor's temporary,
// swap or backup file, or an operating-system droppings file. Editors write
// these around every save; reacting to them would rebuild for nothing.
func Ignored(name string) bool {
	switch {
	case name == "4913", // Vim's probe: can it create files here?
		name == ".DS_Store",
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, ".#"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, ".tmp"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	return false
}
