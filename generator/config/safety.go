package config

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/attache/attache/generator/diag"
)

// checkCleanPath checks that a permalink pattern is a clean root-relative
// path: a browser must read it as a path on the site's own host, and every
// page must land inside the output folder. "//x/" would be a link to the
// host x; "%2e%2e" is ".." to a server that decodes it; a backslash is a
// folder separator on Windows and is turned into "/" by browsers.
func checkCleanPath(p string) error {
	switch {
	case strings.HasPrefix(p, "//"):
		return fmt.Errorf("%q: starts with //, which links to another host", p)
	case strings.Contains(p, "//"):
		return fmt.Errorf("%q: empty path segment (//)", p)
	case strings.Contains(p, `\`):
		return fmt.Errorf("%q: backslashes are not allowed", p)
	case strings.Contains(p, "%"):
		return fmt.Errorf("%q: percent-encoding is not allowed; write the characters themselves", p)
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f || r == '?' || r == '#' || r == ' ' {
			return fmt.Errorf("%q: %q is not allowed in a path", p, r)
		}
	}
	for _, seg := range strings.Split(p, "/") {
		switch {
		case seg == ".." || seg == ".":
			return fmt.Errorf("%q: %q segments are not allowed", p, seg)
		case strings.HasPrefix(seg, "."):
			// Hidden on every host, and the output's own marker
			// (.attache-output) is one.
			return fmt.Errorf("%q: %q: a segment may not start with a dot", p, seg)
		}
	}
	return nil
}

// knownKeys lists the keys config.toml accepts in the table named by
// table ([] for the top level), for "did you mean" hints.
func knownKeys(table []string) []string {
	t := reflect.TypeOf(Config{})
	for _, name := range table {
		f, ok := fieldByTag(t, name)
		if !ok {
			return nil
		}
		t = f.Type
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
	}
	var keys []string
	for f := range t.Fields() {
		if tag := f.Tag.Get("toml"); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

func fieldByTag(t reflect.Type, tag string) (reflect.StructField, bool) {
	for f := range t.Fields() {
		if f.Tag.Get("toml") == tag {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// checkText reports string values that hold control characters, which
// TOML escapes such as "\u0001" can write although the file itself may not
// hold them: they would reach every page's HTML and make feeds invalid XML.
func (c *Config) checkText() error {
	var errs diag.List
	var walk func(v reflect.Value, key toml.Key)
	walk = func(v reflect.Value, key toml.Key) {
		switch v.Kind() {
		case reflect.String:
			if i := strings.IndexFunc(v.String(), isControl); i >= 0 {
				errs.Add(c.errorAt(key, "%s: control character %U is not allowed", key, []rune(v.String()[i:])[0]))
			}
		case reflect.Interface, reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), key)
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i), key)
			}
		case reflect.Map:
			iter := v.MapRange()
			for iter.Next() {
				k := fmt.Sprint(iter.Key().Interface())
				if strings.IndexFunc(k, isControl) >= 0 {
					errs.Add(c.errorAt(key, "%s: control character in key %q is not allowed", key, k))
				}
				walk(iter.Value(), append(key[:len(key):len(key)], k))
			}
		case reflect.Struct:
			t := v.Type()
			for i := range t.NumField() {
				tag := t.Field(i).Tag.Get("toml")
				if tag == "" || tag == "-" {
					continue
				}
				walk(v.Field(i), append(key[:len(key):len(key)], tag))
			}
		}
	}
	walk(reflect.ValueOf(c).Elem(), nil)
	errs.Sort()
	return errs.Err()
}

// isControl reports the C0 and C1 control characters other than tab and
// line ends.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f
}
