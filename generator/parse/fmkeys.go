package parse

import (
	"fmt"
	"unicode"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/internal/suggest"
)

// knownKeys are the front-matter keys attache reads itself.
var knownKeys = []string{
	"title", "date", "draft", "slug", "summary", "source", "dateline",
	"countries", "organisations", "exclude_countries", "exclude_organisations",
	"tags", "params",
}

// unknownKey reports a top-level key attache does not read. It is a
// warning with a "did you mean" hint, as a typo such as "darft" would
// otherwise publish a draft in silence; the key still reaches .Params. In
// a file that keeps its own keys under [params], a stray top-level key can
// only be a mistake, and it is an error.
func (fm *frontMatter) unknownKey(a *article.Article, key string) error {
	hint := suggest.Hint(key, knownKeys)
	if _, ok := fm.data["params"].(map[string]any); ok {
		return diag.Errorf(fm.file, fm.keyLine(key), "front matter: unknown key %q%s; this file keeps its own keys under [params]", key, hint)
	}
	a.Warnings = append(a.Warnings, diag.Warnf(fm.file, fm.keyLine(key), "front matter: unknown key %q%s; kept for templates as %s", key, hint, paramRef(key)))
	return nil
}

// paramRef is how a template reads the param key: .Params.owner, or
// (index .Params "a key") for a key that is not a template field name.
func paramRef(key string) string {
	for i, r := range key {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
			return fmt.Sprintf("(index .Params %q)", key)
		}
	}
	return ".Params." + key
}

// applyParams copies the keys of a [params] table into .Params, where
// templates find them as .Params.KEY, the same as top-level keys that
// attache does not read.
func (fm *frontMatter) applyParams(a *article.Article, v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fm.errorf("params", "params must be a table, not %s", tomlType(v))
	}
	for k, e := range m {
		setParam(a, k, e)
	}
	return nil
}

func setParam(a *article.Article, key string, v any) {
	if a.Params == nil {
		a.Params = map[string]any{}
	}
	a.Params[key] = utcLocal(v)
}
