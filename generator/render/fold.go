package render

import (
	"bytes"
	"html/template"
	"io"
	"reflect"
	"slices"
	"strings"
	"text/template/parse"
)

// Folding constant actions.
//
// Every action of a layout costs a few reflective calls each time a page
// runs it: the function's, then the escapers' html/template puts after it
// (`{{t "skip"}}` runs as `t "skip" | _html_template_htmlescaper`). Many
// actions print the same text on every page of a build — an interface
// string, the URL of a fixed page, an asset — and a build of 10,000
// articles runs them some million times. Once html/template has escaped a
// layout, fold replaces each such action with the text it prints, worked
// out once: the function is called with its literal arguments, and the
// escapers are applied by executing a probe template whose action
// html/template gave exactly the same escapers, so the text is what
// html/template itself would have printed.

// pureFuncs are the template functions whose result follows from their
// arguments and the renderer alone (its language, base URL and assets).
var pureFuncs = map[string]bool{
	"t": true, "tn": true, "lang": true, "url": true, "absURL": true, "asset": true,
	"region": true, "regionNames": true, "monthLabel": true, "upper": true,
}

// escaperPrefix begins the names of the escapers html/template inserts.
const escaperPrefix = "_html_template_"

// probeSources are templates with one action each, in the contexts
// layouts print text in: HTML text, a quoted attribute, a URL attribute,
// the rest of a URL, and a title's RCDATA.
var probeSources = []struct{ before, after string }{
	{"<p>", "</p>"},
	{`<a title="`, `">`},
	{`<a href="`, `">`},
	{`<a href="/x`, `">`},
	{"<title>", "</title>"},
}

// probe applies one chain of html/template's escapers to a string.
type probe struct {
	chain         []string
	t             *template.Template
	before, after string
}

// escape returns s as html/template prints it through the probe's chain,
// or false if the probe did not run as expected.
func (p *probe) escape(s string) (string, bool) {
	var b bytes.Buffer
	if err := p.t.Execute(&b, s); err != nil {
		return "", false
	}
	out := b.String()
	if !strings.HasPrefix(out, p.before) || !strings.HasSuffix(out, p.after) || len(out) < len(p.before)+len(p.after) {
		return "", false
	}
	return out[len(p.before) : len(out)-len(p.after)], true
}

// newProbes makes the probes and learns the escapers html/template gives
// each.
func newProbes() []*probe {
	var out []*probe
	for _, src := range probeSources {
		t, err := template.New("probe").Parse(src.before + "{{.}}" + src.after)
		if err != nil {
			continue
		}
		p := &probe{t: t, before: src.before, after: src.after}
		if got, ok := p.escape("x"); !ok || got != "x" {
			continue
		}
		for _, n := range t.Tree.Root.Nodes {
			if a, ok := n.(*parse.ActionNode); ok {
				p.chain, _ = escapers(a.Pipe.Cmds[1:])
			}
		}
		if len(p.chain) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// escapers returns the names of cmds if each is one of html/template's
// escapers and nothing else.
func escapers(cmds []*parse.CommandNode) ([]string, bool) {
	var names []string
	for _, c := range cmds {
		if len(c.Args) != 1 {
			return nil, false
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || !strings.HasPrefix(id.Ident, escaperPrefix) {
			return nil, false
		}
		names = append(names, id.Ident)
	}
	return names, len(names) > 0
}

// folder folds the constant actions of escaped templates.
type folder struct {
	funcs  template.FuncMap
	probes []*probe
	// done keeps what each folded action printed, by its text, which
	// names its function, arguments and escapers.
	done map[string]string
	// folded counts the actions folded.
	folded int
}

func newFolder(funcs template.FuncMap) *folder {
	return &folder{funcs: funcs, probes: newProbes(), done: map[string]string{}}
}

// foldSet escapes the templates of a set, running each named entry on no
// data (which fails at the first field it reads, after html/template has
// escaped it and every template it calls), then folds their actions.
// Templates html/template has not escaped have no escapers in their
// actions, and are left as they are.
func (f *folder) foldSet(set *template.Template, entries ...string) {
	for _, name := range entries {
		set.ExecuteTemplate(io.Discard, name, nil)
	}
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			f.list(t.Tree.Root)
		}
	}
}

func (f *folder) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := f.fold(n); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)}
				f.folded++
			}
		case *parse.IfNode:
			f.list(n.List)
			f.list(n.ElseList)
		case *parse.RangeNode:
			f.list(n.List)
			f.list(n.ElseList)
		case *parse.WithNode:
			f.list(n.List)
			f.list(n.ElseList)
		}
	}
	l.Nodes = mergeText(l.Nodes)
}

// mergeText joins neighbouring text nodes, which print one after the
// other anyway.
func mergeText(nodes []parse.Node) []parse.Node {
	out := nodes[:0]
	for _, n := range nodes {
		if t, ok := n.(*parse.TextNode); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*parse.TextNode); ok {
				out[len(out)-1] = &parse.TextNode{NodeType: parse.NodeText, Pos: prev.Pos,
					Text: append(slices.Clip(prev.Text), t.Text...)}
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

// fold returns what the action prints on every page, if it is a pure
// function called with literal arguments whose result html/template
// escapes with a chain one of the probes has.
func (f *folder) fold(a *parse.ActionNode) (string, bool) {
	if a.Pipe == nil || len(a.Pipe.Decl) > 0 || a.Pipe.IsAssign || len(a.Pipe.Cmds) < 2 {
		return "", false
	}
	key := a.Pipe.String()
	if text, ok := f.done[key]; ok {
		return text, true
	}
	chain, ok := escapers(a.Pipe.Cmds[1:])
	if !ok {
		return "", false
	}
	var p *probe
	for _, q := range f.probes {
		if slices.Equal(q.chain, chain) {
			p = q
		}
	}
	if p == nil {
		return "", false
	}
	s, ok := f.call(a.Pipe.Cmds[0])
	if !ok {
		return "", false
	}
	text, ok := p.escape(s)
	if !ok {
		return "", false
	}
	f.done[key] = text
	return text, true
}

var stringType = reflect.TypeFor[string]()

// call calls a pure function with literal arguments; false if the command
// is anything else, or the function returns an error or anything but a
// plain string (html/template escapes typed strings differently), so that
// the page fails or prints as it would have.
func (f *folder) call(c *parse.CommandNode) (string, bool) {
	id, ok := c.Args[0].(*parse.IdentifierNode)
	if !ok || !pureFuncs[id.Ident] {
		return "", false
	}
	fn := reflect.ValueOf(f.funcs[id.Ident])
	if fn.Kind() != reflect.Func {
		return "", false
	}
	ft := fn.Type()
	nargs := len(c.Args) - 1
	if ft.IsVariadic() && nargs < ft.NumIn()-1 || !ft.IsVariadic() && nargs != ft.NumIn() {
		return "", false
	}
	args := make([]reflect.Value, nargs)
	for i, arg := range c.Args[1:] {
		want := ft.In(min(i, ft.NumIn()-1))
		if ft.IsVariadic() && i >= ft.NumIn()-1 {
			want = want.Elem()
		}
		var v reflect.Value
		switch arg := arg.(type) {
		case *parse.StringNode:
			v = reflect.ValueOf(arg.Text)
		case *parse.NumberNode:
			if !arg.IsInt {
				return "", false
			}
			v = reflect.ValueOf(int(arg.Int64))
		default:
			return "", false
		}
		if !v.Type().AssignableTo(want) {
			return "", false
		}
		args[i] = v
	}
	out, ok := safeCall(fn, args)
	if !ok || len(out) == 0 || len(out) > 2 || out[0].Type() != stringType {
		return "", false
	}
	if len(out) == 2 && !out[1].IsNil() {
		return "", false
	}
	return out[0].String(), true
}

// safeCall calls fn, turning a panic into false, as text/template does
// into an error.
func safeCall(fn reflect.Value, args []reflect.Value) (out []reflect.Value, ok bool) {
	defer func() {
		if recover() != nil {
			out, ok = nil, false
		}
	}()
	return fn.Call(args), true
}
