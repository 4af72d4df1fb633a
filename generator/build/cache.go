package build

import (
	"context"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/attache/attache/generator/buildcache"
	"github.com/attache/attache/generator/internal/parallel"
	"github.com/attache/attache/generator/output"
	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/site"
)

// Run builds the site opts describes into its destination.
//
// With opts.CacheDir set it keeps a build cache there and, when the
// destination is still what the last build wrote, renders only the pages
// whose data changed and rewrites only the files whose bytes changed, in
// place. The output is the same either way, and a failed build leaves the
// destination as it was.
func Run(ctx context.Context, opts pipeline.Options) (pipeline.Stats, error) {
	if opts.CacheDir != "" {
		r, err := runCached(ctx, opts)
		if err != nil {
			return pipeline.Stats{}, err
		}
		return r.Stats, nil
	}
	start := time.Now()
	p, err := pipeline.Load(opts)
	if err != nil {
		return pipeline.Stats{}, err
	}
	s, err := p.Model(ctx)
	if err != nil {
		return pipeline.Stats{}, err
	}
	stats, err := p.WriteConsuming(ctx, s)
	if err != nil {
		return pipeline.Stats{}, err
	}
	stats.Elapsed = time.Since(start)
	return stats, nil
}

// runCached is Run with a build cache.
func runCached(ctx context.Context, opts pipeline.Options) (Report, error) {
	rec := newRecorder(opts.Logger)
	opts.Logger = slog.New(rec)
	b := &Builder{opts: opts, mode: cached | oneShot, log: rec}
	return b.Update(ctx, nil)
}

// restore fills a Builder that has just loaded its project from the cache:
// the parsed inputs, and what it knows of the output once that is checked
// against the destination.
func (b *Builder) restore() {
	c := b.disk
	// Listing the output folder and decoding the cache take about as long
	// as each other; neither needs the other.
	listed := make(chan outputListing, 1)
	go func() { listed <- listOutput(b.dest) }()
	st := c.Load()
	out := <-listed
	b.kept, b.keptClean = st, false
	if st == nil {
		return
	}
	for name, in := range st.Inputs {
		b.files[name] = &entry{size: in.Size, mtime: time.Unix(0, in.ModTime), version: in.Version, unread: true}
	}
	if st.Outputs == nil {
		return
	}
	written, strays, clean := out.verify(st.Outputs)
	if written == nil {
		return
	}
	b.written, b.strays, b.phase = written, strays, current
	b.keptClean = clean
}

// readArticles reads from the build cache the inputs of the files it holds
// as they are, before a build assembles the site; a build that finds
// nothing changed never needs them. Where the cache no longer holds them,
// the files are parsed again. It returns how many were.
func (b *Builder) readArticles(ctx context.Context) (int, error) {
	var unread []string
	for name, e := range b.files {
		if e.unread {
			unread = append(unread, name)
		}
	}
	if len(unread) == 0 {
		return 0, nil
	}
	if b.kept != nil && b.disk.LoadArticles(b.kept) {
		for _, name := range unread {
			e := b.files[name]
			if in, ok := b.kept.Inputs[name]; ok && in.Version == e.version {
				e.inputs, e.unread = in.Inputs, false
			}
		}
	}
	var again []string
	for _, name := range unread {
		if b.files[name].unread {
			delete(b.files, name)
			again = append(again, name)
		}
	}
	slices.Sort(again)
	return b.parse(ctx, again)
}

// outputListing is what the output folder holds: its files, with size and
// modification time, and its folders, by slash-separated relative path.
// files is nil when the folder could not be listed.
type outputListing struct {
	files map[string]listedFile
	dirs  []string
}

type listedFile struct {
	size, mtime int64
	regular     bool
}

// listOutput lists the output folder, its top-level folders in parallel:
// on a warm rebuild with nothing to do, listing fifteen thousand files was
// half the time.
func listOutput(dest string) outputListing {
	if st, err := os.Lstat(dest); err != nil || !st.IsDir() {
		return outputListing{}
	}
	top, err := os.ReadDir(dest)
	if err != nil {
		return outputListing{}
	}
	parts := make([]outputListing, len(top))
	errs := make([]error, len(top))
	parallel.Do(context.Background(), len(top), runtime.GOMAXPROCS(0), func(i int) {
		parts[i], errs[i] = listFolder(dest, top[i])
	})
	out := outputListing{files: map[string]listedFile{}}
	for i, p := range parts {
		if errs[i] != nil {
			return outputListing{}
		}
		for name, f := range p.files {
			out.files[name] = f
		}
		out.dirs = append(out.dirs, p.dirs...)
	}
	return out
}

// listFolder lists one entry of the output folder and, if it is a folder,
// everything under it.
func listFolder(dest string, top fs.DirEntry) (outputListing, error) {
	out := outputListing{files: map[string]listedFile{}}
	err := filepath.WalkDir(filepath.Join(dest, top.Name()), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dest, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out.dirs = append(out.dirs, rel)
			return nil
		}
		f := listedFile{regular: d.Type().IsRegular()}
		if f.regular {
			info, err := d.Info()
			if err != nil {
				return err
			}
			f.size, f.mtime = info.Size(), info.ModTime().UnixNano()
		}
		out.files[rel] = f
		return nil
	})
	return out, err
}

// verify compares the listing with the manifest. It returns what is known
// of the files that are as the manifest says, the files and folders that a
// clean build would not have, and whether everything matched. It returns
// nil when the folder could not be listed.
func (l outputListing) verify(manifest map[string]buildcache.Output) (map[string]*outputState, []string, bool) {
	if l.files == nil {
		return nil, nil, false
	}
	dirs := map[string]bool{}
	for name := range manifest {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			if dirs[d] {
				break
			}
			dirs[d] = true
		}
	}
	written := make(map[string]*outputState, len(manifest))
	var strays []string
	// A stray folder is reported once, not with everything under it.
	strayDir := map[string]bool{}
	under := func(name string) bool {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			if strayDir[d] {
				return true
			}
		}
		return false
	}
	slices.Sort(l.dirs)
	for _, d := range l.dirs {
		if !dirs[d] && !under(d) {
			strayDir[d] = true
			strays = append(strays, d)
		}
	}
	for name, f := range l.files {
		if under(name) || name == output.Marker {
			continue
		}
		m, ok := manifest[name]
		if !ok || !f.regular {
			strays = append(strays, name)
			continue
		}
		if f.size == m.Size && f.mtime == m.ModTime {
			written[name] = &outputState{sig: m.Sig, sum: m.Sum, deps: m.Deps, onDisk: &diskStamp{f.size, f.mtime}}
		}
	}
	slices.Sort(strays)
	return written, strays, len(strays) == 0 && len(written) == len(manifest)
}

// persist saves the Builder's state after a successful build, unless the
// build changed nothing the cache records.
func (b *Builder) persist(ctx context.Context, r Report, rep *buildcache.Report) error {
	if b.keptClean && r.Parsed == 0 && r.Written == 0 && r.Removed == 0 && len(b.files) == len(b.kept.Inputs) &&
		(sameReport(b.kept.Report, rep) || rep == nil && b.kept.Report == nil) {
		return nil
	}
	st := &buildcache.State{Inputs: b.cachedInputs(), Outputs: b.manifest(ctx), Report: rep}
	b.kept, b.keptClean = st, true
	return b.disk.Save(st)
}

// cachedInputs returns what the cache keeps of the parsed articles.
func (b *Builder) cachedInputs() map[string]buildcache.Input {
	inputs := make(map[string]buildcache.Input, len(b.files))
	for name, e := range b.files {
		if e.err == nil && !slices.ContainsFunc(e.inputs, func(in site.Input) bool { return !buildcache.Cacheable(in.Article.Params) }) {
			inputs[name] = buildcache.Input{Name: name, Size: e.size, ModTime: e.mtime.UnixNano(), Version: e.version, Inputs: e.inputs}
		}
	}
	return inputs
}

// manifest returns what the cache keeps of the files written.
func (b *Builder) manifest(ctx context.Context) map[string]buildcache.Output {
	manifest := make(map[string]buildcache.Output, len(b.written))
	// Only the files written since the cache was restored are asked
	// about: at 100,000 articles, statting every output again took
	// seconds.
	var names []string
	for name, w := range b.written {
		if w.onDisk == nil {
			names = append(names, name)
			continue
		}
		manifest[name] = buildcache.Output{Sig: w.sig, Sum: w.sum, Deps: w.deps, Size: w.onDisk.size, ModTime: w.onDisk.mtime}
	}
	infos := make([]os.FileInfo, len(names))
	parallel.Do(ctx, len(names), b.proj.Options.Workers, func(i int) {
		infos[i], _ = os.Lstat(filepath.Join(b.dest, filepath.FromSlash(names[i])))
	})
	for i, name := range names {
		if infos[i] == nil {
			continue // the next build writes it again
		}
		w := b.written[name]
		manifest[name] = buildcache.Output{Sig: w.sig, Sum: w.sum, Deps: w.deps, Size: infos[i].Size(), ModTime: infos[i].ModTime().UnixNano()}
	}
	return manifest
}
