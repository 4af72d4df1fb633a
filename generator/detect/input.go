package detect

import "github.com/attache/attache/generator/article"

// InputOf returns the detection input of a parsed article: its title,
// dateline, lede, the plain text after the lede, and its source. A title derived from
// the lede is left out, so that its words are not counted twice nor read
// as a headline's.
func InputOf(a *article.Article) Input {
	in := Input{Title: a.Title, Dateline: a.Dateline, Lede: a.Lede, Body: a.Text, Source: a.Source}
	if a.TitleDerived {
		in.Title = ""
	}
	return in
}
