package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// usageWidth is where usage lines wrap, for an 80-column terminal.
const usageWidth = 80

// printUsage writes a command's usage: the synopsis made from the flags
// defined on fs at the time it is printed, so that it cannot drift from
// them, then each flag with its default. operands is what follows the
// flags, such as "FILE...".
func printUsage(w io.Writer, fs *flag.FlagSet, operands string) {
	fmt.Fprintf(w, "Usage: %s\n", wrapWords(synopsis(fs, operands), usageWidth, "       "))
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprint(w, "\nFlags:\n")
	fs.PrintDefaults()
}

// synopsis is the one-line form of a command: "attache check [-dir FOLDER]
// [-source DIR] FILE...", its flags in the flag package's order, each
// with the name its usage gives the value (`DIR`) or its type.
func synopsis(fs *flag.FlagSet, operands string) string {
	parts := []string{"attache", fs.Name()}
	fs.VisitAll(func(f *flag.Flag) {
		value, _ := flag.UnquoteUsage(f)
		if value == "" {
			parts = append(parts, "[-"+f.Name+"]")
			return
		}
		parts = append(parts, "[-"+f.Name+" "+value+"]")
	})
	if operands = operandsOf(operands); operands != "" {
		parts = append(parts, operands)
	}
	return strings.Join(parts, " ")
}

// operandsOf drops the flags from a hand-written synopsis such as
// "[-source DIR] [-json] FILE...", keeping the operands: newFlags used to
// take the whole synopsis, and a command written that way still gets a
// usage line with each flag once.
func operandsOf(s string) string {
	var keep []string
	depth, skipping := 0, false
	for _, word := range strings.Fields(s) {
		if depth == 0 {
			skipping = strings.HasPrefix(word, "[-")
		}
		depth += strings.Count(word, "[") - strings.Count(word, "]")
		if !skipping {
			keep = append(keep, word)
		}
		if depth <= 0 {
			depth, skipping = 0, false
		}
	}
	return strings.Join(keep, " ")
}

// wrapWords breaks s between words into lines of at most width bytes
// where it can, starting every line after the first with indent. A flag
// and its value stay together.
func wrapWords(s string, width int, indent string) string {
	var b strings.Builder
	line := len(indent) // the first line follows "Usage: ", as wide
	for i, word := range splitKeepingBrackets(s) {
		if i > 0 {
			if line+1+len(word) > width {
				b.WriteString("\n" + indent)
				line = len(indent)
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(word)
		line += len(word)
	}
	return b.String()
}

// splitKeepingBrackets splits s at spaces outside square brackets.
func splitKeepingBrackets(s string) []string {
	var words []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
		case ' ':
			if depth <= 0 {
				if i > start {
					words = append(words, s[start:i])
				}
				start = i + 1
			}
		}
	}
	if start < len(s) {
		words = append(words, s[start:])
	}
	return words
}
