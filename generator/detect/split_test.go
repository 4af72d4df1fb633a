package detect

import (
	"regexp"
	"strings"
)

var (
	headerRe   = regexp.MustCompile(`^\s*date \d{4}-\d{2}-\d{2}\s+`)
	datelineRe = regexp.MustCompile(`^([A-Z][A-Z .,'’\-]+(?:,[^\n]{0,40}?)?(?:\([^)]*\))?\s*(?:--|—|–))\s*`)
)

// splitWire splits wire copy as the seed corpus writes it: a header line
// "date YYYY-MM-DD Title", a source line, then paragraphs, the first
// starting with a dateline.
func splitWire(src string) Input {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	lines := strings.SplitN(src, "\n", 2)
	in := Input{Title: headerRe.ReplaceAllString(lines[0], "")}
	if len(lines) < 2 {
		return in
	}
	var paras []string
	for _, p := range strings.Split(lines[1], "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	// drop the source line ("Xinhua) 14:04, July 26, 2024")
	if len(paras) > 0 && len(paras[0]) < 60 && !datelineRe.MatchString(paras[0]) {
		paras = paras[1:]
	}
	if len(paras) == 0 {
		return in
	}
	in.Lede = paras[0]
	if m := datelineRe.FindStringSubmatch(in.Lede); m != nil {
		in.Dateline = strings.TrimSpace(m[1])
		in.Lede = in.Lede[len(m[0]):]
	}
	in.Body = strings.Join(paras[1:], "\n\n")
	return in
}
