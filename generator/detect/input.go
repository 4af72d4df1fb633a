package detect

import "github.com/attache/attache/generator/article"

// InputOf returns the detection input of a parsed article: its title,
// dateline, lede and the plain text after the lede.
func InputOf(a *article.Article) Input {
	return Input{Title: a.Title, Dateline: a.Dateline, Lede: a.Lede, Body: a.Text}
}
