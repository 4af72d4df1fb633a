// Package xmltree parses a small XML or SVG document into a tree of
// elements, enough for tests to check the structure of what they render.
package xmltree

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// Node is one element: its local name, attributes by local name, the text
// directly inside it and its child elements.
type Node struct {
	Name     string
	Attr     map[string]string
	Text     string
	Children []*Node
}

// Parse parses s, which must be well-formed and have one root element.
func Parse(s string) (*Node, error) {
	d := xml.NewDecoder(strings.NewReader(s))
	root := &Node{}
	stack := []*Node{root}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &Node{Name: tok.Name.Local, Attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.Children = append(top.Children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			stack[len(stack)-1].Text += string(tok)
		}
	}
	if len(root.Children) != 1 {
		return nil, errors.New("want one root element")
	}
	return root.Children[0], nil
}

// All returns every element named name below n, in document order.
func (n *Node) All(name string) []*Node {
	var out []*Node
	for _, c := range n.Children {
		if c.Name == name {
			out = append(out, c)
		}
		out = append(out, c.All(name)...)
	}
	return out
}

// Child returns n's first child element named name, or nil.
func (n *Node) Child(name string) *Node {
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}
