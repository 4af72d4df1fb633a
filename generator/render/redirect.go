package render

import (
	"html"
	"strings"
)

// Redirect returns the page written at an old URL of a page: it sends
// browsers and crawlers to the page's URL with a meta refresh and a
// canonical link, without JavaScript, and shows a link for anyone whose
// browser does not follow it, in the site's language lang.
func (r *Renderer) Redirect(title, target, lang string) []byte {
	u := html.EscapeString(r.AbsURL(target))
	t := html.EscapeString(title)
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"" + html.EscapeString(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<title>" + t + "</title>\n")
	b.WriteString("<link rel=\"canonical\" href=\"" + u + "\">\n")
	b.WriteString("<meta name=\"robots\" content=\"noindex\">\n")
	b.WriteString("<meta http-equiv=\"refresh\" content=\"0; url=" + u + "\">\n")
	moved := r.word("redirect_moved")
	if moved == "" {
		moved = "This briefing has moved:"
	}
	b.WriteString("</head>\n<body>\n<p>" + html.EscapeString(moved) + " <a href=\"" + u + "\">" + t + "</a>.</p>\n</body>\n</html>\n")
	return []byte(b.String())
}
