package pipeline

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/internal/clock"
	"github.com/attache/attache/generator/internal/parallel"
	"github.com/attache/attache/generator/parse"
	"github.com/attache/attache/generator/site"
)

// ContentFiles lists the article files under the content folder, relative
// and slash-separated, in lexical order. Hidden files and folders (".git",
// editor files) and those starting with "_" are Skipped. The content
// folder may be a symbolic link (to a folder of wire copy kept elsewhere);
// a link to a folder inside it is not followed but returned among links,
// for a warning (see Project.NotFollowed).
func ContentFiles(dir string) (files, links []string, err error) {
	root := dir
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		root = r
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return nil // a new site without content yet
			}
			return err
		}
		name := d.Name()
		if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.Type()&fs.ModeSymlink != 0 && !parse.IsArticle(name) {
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				links = append(links, rel)
			}
			return nil
		}
		if d.IsDir() || !parse.IsArticle(name) {
			return nil
		}
		files = append(files, rel)
		return nil
	})
	slices.Sort(files)
	return files, links, err
}

// NotFollowed returns the warnings for links, content-relative links to
// folders that ContentFiles did not follow.
func (p *Project) NotFollowed(links []string) []error {
	var out []error
	for _, l := range links {
		shown := filepath.ToSlash(filepath.Join(p.Config.ContentDir, filepath.FromSlash(l)))
		out = append(out, &Skipped{diag.Warnf(shown, 0, "symbolic link to a folder; not followed")})
	}
	return out
}

// contentBytes returns the total size of the named content files; those it
// cannot stat count for nothing, and the build reports them when it reads
// them.
func (p *Project) contentBytes(files []string) int64 {
	var total int64
	for _, f := range files {
		if st, err := os.Stat(filepath.Join(p.ContentDir, filepath.FromSlash(f))); err == nil {
			total += st.Size()
		}
	}
	return total
}

// Analyse parses one article file and detects its entities.
func (p *Project) Analyse(name string, src []byte) (site.Input, error) {
	a, err := p.Parser.Parse(name, src)
	if err != nil {
		return site.Input{}, err
	}
	in := site.Input{Article: a, Detected: p.Detector.Detect(detect.InputOf(a)), Features: site.StoryFeatures(a)}
	// Nothing after detection reads the plain text or a wire story's
	// paragraphs (pages use Body), and on a large site they are a good part
	// of the memory a build holds.
	a.Text, a.Paragraphs = "", nil
	return in, nil
}

// Model parses and analyses every article in parallel and assembles the
// site. It reports every broken article, not just the first.
func (p *Project) Model(ctx context.Context) (*site.Site, error) {
	if err := p.CheckContentDir(); err != nil {
		return nil, err
	}
	files, links, err := ContentFiles(p.ContentDir)
	if err != nil {
		return nil, err
	}
	WarnAll(p.Options.Logger, [][]error{p.NotFollowed(links)})
	if p.Options.ContentSize != nil {
		p.Options.ContentSize(p.contentBytes(files))
	}
	content, err := p.OpenContent()
	if err != nil {
		return nil, err
	}
	defer content.Close()
	perFile := make([][]site.Input, len(files))
	errs := make([]error, len(files))
	warnings := make([][]error, len(files))
	p.Options.Progress.Articles(len(files))
	parallel.Do(ctx, len(files), p.Options.Workers, func(i int) {
		defer p.Options.Progress.Parsed()
		src, _, err := content.Read(files[i])
		if skip := (*Skipped)(nil); errors.As(err, &skip) {
			warnings[i] = []error{skip}
			return
		}
		if err != nil {
			errs[i] = err
			return
		}
		perFile[i], warnings[i], errs[i] = p.AnalyseAll(filepath.ToSlash(filepath.Join(p.Config.ContentDir, files[i])), src)
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	WarnAll(p.Options.Logger, warnings)
	var list diag.List
	for _, err := range errs {
		list.Add(err)
	}
	if err := list.Err(); err != nil {
		list.Sort()
		return nil, ContentError(list)
	}
	s, _ := p.Assemble(slices.Concat(perFile...), nil)
	return s, nil
}

// Assemble makes the site of the parsed inputs: it leaves out what a build
// must not publish (see admit and publishable) and logs the site's
// warnings. reported is admit's, for a builder that builds again and again.
// The returned clock says how long the site holds: the same inputs make
// the same site until its Until.
func (p *Project) Assemble(inputs []site.Input, reported *map[diag.Warning]bool, opts ...site.Option) (*site.Site, *clock.Now) {
	now := clock.At(p.Options.Now())
	inputs = admit(inputs, p.Config, now, p.Options.Logger, reported)
	inputs = publishable(inputs, now, p.Options.Logger)
	s := site.New(p.Config, p.Gaz, inputs, opts...)
	for _, w := range s.Warnings {
		p.Options.Logger.Warn(diag.WarningText(w))
	}
	return s, now
}
