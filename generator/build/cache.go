package build

import (
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"runtime/trace"
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
	// As Builder.load does, before the content is read.
	if err := p.CheckDestination(); err != nil {
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
	b.views.OneBuild()
	defer b.Close()
	return b.Update(ctx, nil)
}

// saveSides saves what the search index and the site's links keep beside
// the build cache.
func (b *Builder) saveSides(ctx context.Context) {
	if b.disk == nil {
		return
	}
	reg := trace.StartRegion(ctx, "save search cache")
	err := b.proj.SaveSearch()
	reg.End()
	if err != nil {
		b.proj.Options.Logger.Warn(fmt.Sprintf("search cache: %v", err))
	}
	defer trace.StartRegion(ctx, "save links").End()
	if err := b.saveLinks(); err != nil {
		b.proj.Options.Logger.Warn(fmt.Sprintf("build cache: %v", err))
	}
}

// restore fills a Builder that has just loaded its project from the cache:
// the parsed inputs, and what it knows of the output once that is checked
// against the destination.
func (b *Builder) restore(ctx context.Context) {
	reg := trace.StartRegion(ctx, "read cache")
	st := b.disk.Load()
	reg.End()
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
	// A build of this output killed while it committed left a journal:
	// undo it first, or the scan would take the files it moved out for
	// gone, and the undo that follows would put them back behind the
	// manifest's back. This also clears what a build that did nothing
	// would otherwise leave beside the output.
	if err := output.Leftovers(b.dest); err != nil {
		return // the output is not known: write it all
	}
	reg = trace.StartRegion(ctx, "scan output")
	sc := scanOutput(b.dest, st.Outputs, b.proj.Options.Workers)
	reg.End()
	if sc.matched == nil {
		return
	}
	// A build that finds nothing changed needs no more than whether the
	// output is clean: the maps of every output file and folder are made
	// by the first build that needs them (see settle).
	b.scanned, b.strays, b.dirty, b.phase = &sc, sc.strays, nil, current
	b.keptClean = sc.clean
}

// settle makes, from the scan of the output that restore left, the
// records of every output file and folder a build works from.
func (b *Builder) settle() {
	if sc := b.scanned; sc != nil {
		b.written, b.folders, b.scanned = sc.written(), sc.folders(), nil
		// What the scan found other than the manifest records: files
		// gone or edited, and times now trusted.
		for _, names := range [][]string{sc.missing, sc.edited, slices.Collect(maps.Keys(sc.settled))} {
			for _, name := range names {
				b.recordChanged(name)
			}
		}
	}
}

// recordChanged notes that the record of the output file name changed
// since the build cache's manifest was made; a Builder without a cache
// notes nothing.
func (b *Builder) recordChanged(name string) {
	if b.disk == nil {
		return
	}
	if b.changed == nil {
		b.changed = map[string]bool{}
	}
	b.changed[name] = true
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
	if b.kept != nil && b.disk.LoadArticles(b.kept, reread(b.proj)) {
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

// reread parses a content file again for the body of one of its articles,
// when the build cache's copy of it was damaged after the cache was read:
// the build goes on, as if the cache had not kept that article, provided
// the file is still the one the cache recorded.
func reread(p *pipeline.Project) buildcache.Reread {
	return func(name string, version uint64, index int) (template.HTML, error) {
		content, err := p.OpenContent()
		if err != nil {
			return "", err
		}
		defer content.Close()
		src, _, err := content.Read(name)
		if err != nil {
			return "", err
		}
		full := filepath.ToSlash(filepath.Join(p.Config.ContentDir, name))
		if buildcache.Sum([]byte(full), []byte{0}, src) != version {
			return "", fmt.Errorf("%s changed during the build", full)
		}
		p.Options.Logger.Warn(fmt.Sprintf("build cache: the body of %s was damaged; read it again from the file", full))
		inputs, skipped, err := p.AnalyseAll(full, src)
		if err != nil {
			return "", err
		}
		pipeline.WarnAll(p.Options.Logger, [][]error{skipped})
		if index >= len(inputs) {
			return "", fmt.Errorf("%s: no article %d", full, index+1)
		}
		return inputs[index].Article.Body.HTML()
	}
}

// persist saves the Builder's state after a successful build, unless the
// build changed nothing the cache records.
func (b *Builder) persist(ctx context.Context, r Report, rep *buildcache.Report) error {
	if b.keptClean && r.Parsed == 0 && r.Written == 0 && r.Removed == 0 && len(b.files) == len(b.kept.Inputs) &&
		(sameReport(b.kept.Report, rep) || rep == nil && b.kept.Report == nil) {
		return nil
	}
	reg := trace.StartRegion(ctx, "list what was written")
	st := &buildcache.State{Inputs: b.cachedInputs(), Outputs: b.manifest(ctx), Report: rep}
	reg.End()
	if err := ctx.Err(); err != nil {
		return err // the manifest may lack files that were not statted
	}
	// Only the articles of the files parsed since kept was saved are
	// written: the others are in the cache's pack already.
	prev := b.kept
	b.kept, b.keptClean = st, true
	b.changed, b.remake = nil, false
	defer trace.StartRegion(ctx, "write cache").End()
	return b.disk.Append(prev, st)
}

// cachedInputs returns what the cache keeps of the parsed articles.
func (b *Builder) cachedInputs() map[string]buildcache.Input {
	inputs := make(map[string]buildcache.Input, len(b.files))
	for name, e := range b.files {
		if e.err == nil && !slices.ContainsFunc(e.inputs, func(in site.Input) bool { return !buildcache.Cacheable(in.Article.Params) }) {
			// A racy file's time is not kept: no file has time zero, so
			// the next build reads its bytes again.
			mtime := e.mtime.UnixNano()
			if e.racy {
				mtime = 0
			}
			inputs[name] = buildcache.Input{Name: name, Size: e.size, ModTime: mtime, Version: e.version, Inputs: e.inputs}
		}
	}
	return inputs
}

// manifest returns what the cache keeps of the files written, with the
// times of their folders: the kept manifest patched with the files whose
// records changed since it was made, or at 100,000 articles making it
// again from every file's record takes a second.
func (b *Builder) manifest(ctx context.Context) buildcache.Manifest {
	if !b.remake && b.kept != nil && len(b.kept.Outputs) > 0 {
		var names []string
		for name := range b.changed {
			if w := b.written[name]; w != nil && w.onDisk == nil {
				names = append(names, name)
			}
		}
		stats := b.statOutputs(ctx, names)
		changes := make(map[string]*buildcache.Output, len(b.changed))
		for name := range b.changed {
			changes[name] = nil
			if w := b.written[name]; w != nil {
				on, ok := stats[name]
				if w.onDisk != nil {
					on, ok = *w.onDisk, true
				}
				if ok {
					changes[name] = &buildcache.Output{Sig: w.sig, Sum: w.sum, Deps: w.deps, Size: on.size, ModTime: on.mtime}
				}
			}
		}
		m := b.kept.Outputs.Patch(changes)
		b.stampFolders(ctx, m)
		return m
	}
	// Only the files written since the cache was restored are asked
	// about: at 100,000 articles, statting every output again took
	// seconds.
	var names []string
	for name, w := range b.written {
		if w.onDisk == nil {
			names = append(names, name)
		}
	}
	stats := b.statOutputs(ctx, names)
	m := buildcache.NewManifest(len(b.written), func(yield func(string, buildcache.Output) bool) {
		for name, w := range b.written {
			on, ok := stats[name]
			if w.onDisk != nil {
				on, ok = *w.onDisk, true
			}
			if !ok {
				continue // the next build writes it again
			}
			if !yield(name, buildcache.Output{Sig: w.sig, Sum: w.sum, Deps: w.deps, Size: on.size, ModTime: on.mtime}) {
				return
			}
		}
	})
	b.stampFolders(ctx, m)
	return m
}

// statOutputs returns the sizes and times of the named output files, by
// name; a time too recent to trust is 0, and a file that cannot be
// statted is left out.
func (b *Builder) statOutputs(ctx context.Context, names []string) map[string]diskStamp {
	infos := make([]os.FileInfo, len(names))
	parallel.Do(ctx, len(names), b.proj.Options.Workers, func(i int) {
		infos[i], _ = os.Lstat(filepath.Join(b.dest, filepath.FromSlash(names[i])))
	})
	stats := make(map[string]diskStamp, len(names))
	trusted := time.Now().Add(-folderSettle)
	for i, name := range names {
		if infos[i] != nil {
			st := diskStamp{infos[i].Size(), infos[i].ModTime().UnixNano()}
			if infos[i].ModTime().After(trusted) {
				st.mtime = 0 // too recent: the next build compares the bytes (see scan.go)
			}
			stats[name] = st
		}
	}
	return stats
}

// linksFile keeps the site's threads and related stories beside the build
// cache (see site.Memo.SavedLinks), so that a one-shot build after a new
// story works out those of the last few days only.
const linksFile = "links.bin"

// restoreLinks gives the Builder's memo the links the last build saved.
func (b *Builder) restoreLinks() {
	if side := b.disk.Side(linksFile); side != nil {
		if data := side.Load(); data != nil {
			// Links that do not decode are worked out afresh.
			_ = b.memo.RestoreLinks(b.proj.Config, b.proj.Gaz, data)
		}
	}
}

// saveLinks saves the links of the last site model for the next process.
func (b *Builder) saveLinks() error {
	data := b.memo.SavedLinks()
	side := b.disk.Side(linksFile)
	if data == nil || side == nil {
		return nil
	}
	return side.Save(data)
}
