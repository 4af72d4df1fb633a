// Package diag carries located errors: a problem in a file at a line, and a
// list of such problems so that a build can report every broken input at once.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Error is a problem located in a file. Line and Col are 1-based; zero means
// unknown. Its message reads like the standard library's template errors:
// "content/a.md:3:7: front matter: ...".
type Error struct {
	File string
	Line int
	Col  int
	Err  error
}

// Errorf returns an *Error at file:line whose message is formatted from format
// and args.
func Errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Err: fmt.Errorf(format, args...)}
}

// Error reads "file:line:col: message", leaving out what is unknown.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(fileName(e.File))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	if e.Err != nil {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// List is a set of errors reported together. Its zero value is an empty list
// ready to use.
type List []error

// Add appends err to the list, flattening nested lists and ignoring nil.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var inner List
	if errors.As(err, &inner) && isList(err) {
		*l = append(*l, inner...)
		return
	}
	*l = append(*l, err)
}

func isList(err error) bool {
	_, ok := err.(List)
	return ok
}

// Sort orders the list by file, line and message so that reports are stable
// whatever order parallel workers found them in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := locOf(l[i]), locOf(l[j])
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return l[i].Error() < l[j].Error()
	})
}

func locOf(err error) Error {
	var e *Error
	if errors.As(err, &e) {
		return *e
	}
	return Error{}
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error joins the errors' messages, one per line.
func (l List) Error() string {
	msgs := make([]string, len(l))
	for i, err := range l {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap returns the errors of the list, for errors.Is and errors.As.
func (l List) Unwrap() []error { return l }

// Warning is a problem in a file that does not stop a build: a typo in front
// matter, bytes that had to be decoded or removed, an unlikely date. Its
// fields are plain values so that a parsed article can carry its warnings
// through the build cache and report them again on every build.
type Warning struct {
	File    string
	Line    int
	Message string
}

// Warnf returns a Warning at file:line whose message is formatted from
// format and args.
func Warnf(file string, line int, format string, args ...any) Warning {
	return Warning{File: file, Line: line, Message: fmt.Sprintf(format, args...)}
}

// Error reads "file:line: warning: message", the form compilers use, so that
// editors jump to the line.
func (w Warning) Error() string {
	return (&Error{File: w.File, Line: w.Line, Err: errors.New("warning: " + w.Message)}).Error()
}

// AsError returns the warning as an error at the same place, for a site
// that asks for warnings to fail the build.
func (w Warning) AsError() *Error {
	return &Error{File: w.File, Line: w.Line, Err: errors.New(w.Message)}
}

// WarningText formats err as a warning line, "file:line: warning: message",
// whether it is a Warning, a located *Error or a plain error.
func WarningText(err error) string {
	var w Warning
	if errors.As(err, &w) {
		return w.Error()
	}
	var e *Error
	if errors.As(err, &e) {
		return (&Error{File: e.File, Line: e.Line, Col: e.Col, Err: fmt.Errorf("warning: %w", e.Err)}).Error()
	}
	return "warning: " + err.Error()
}

// fileName returns a file's name as messages show it: quoted when it
// holds a control character, so that a name cannot write escape
// sequences to the terminal or forge a message line of its own.
func fileName(name string) string {
	if strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return strconv.Quote(name)
	}
	return name
}
