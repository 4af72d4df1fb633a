package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime/trace"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/attache/attache/generator/buildcache"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/internal/clock"
	"github.com/attache/attache/generator/internal/parallel"
	"github.com/attache/attache/generator/output"
	"github.com/attache/attache/generator/parse"
	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// Builder rebuilds a site again and again, as its files change, doing as
// little work as it can: it keeps every parsed article and the signature of
// every file it wrote, re-parses only changed files and re-renders only the
// files whose signature changed. After every successful Update the output
// is what a clean build of the same input writes. A Builder is not safe
// for concurrent use.
type Builder struct {
	opts pipeline.Options
	mode mode
	// phase is what the Builder holds and knows of the output; owed is
	// what a failed Update left for the next one to do.
	phase phase
	owed  work
	proj  *pipeline.Project
	// files caches parsed articles by content-relative, slash-separated
	// name.
	files map[string]*entry
	// written records every output file: its signature and a hash of its
	// bytes, in phase current. Entries are pointers so that an
	// incremental build can mark the ones it still has without writing to
	// a map of every output.
	written map[string]*outputState
	// strays are files in the output that a clean build would not write,
	// removed once a build succeeds.
	strays []string
	// folders are the output's folders with their modification times as
	// scanned when the Builder restored the cache, and dirty those a
	// build has changed since (see scan.go).
	folders map[string]int64
	dirty   map[string]bool
	// scanned is what the Builder found of the output when it restored
	// the cache, until settle makes written and folders of it.
	scanned *outputScan
	// listing is the content folder as listed while the cache was
	// restored, for the rescan that follows.
	listing <-chan contentScan
	// year is the year of the clock when the project was loaded, which
	// the parsed articles' date warnings depend on.
	year int
	// unlock releases the build cache, which a Builder that keeps it
	// holds from when it reads it until it is closed (see
	// buildcache.File.Lock).
	unlock func()
	// unsaved is what the last build leaves for Save to write to the
	// build cache, nil when nothing is.
	unsaved *unsaved
	// gen numbers incremental builds, for outputState.gen.
	gen uint64
	// Absolute paths the watcher's reports are matched against;
	// contentTarget is the folder content leads to when it is a symbolic
	// link (or under one), whose files the watcher reports by that path.
	config, templates, content, dest string
	contentTarget                    string
	// templateTargets are where the links in the templates folder lead.
	templateTargets []string
	// links maps the content files that are symbolic links to the files
	// they lead to (see links.go).
	links map[string]string
	// views keeps the articles' views from one build to the next.
	views view.Maker
	// warned holds the warnings the last build reported (see
	// pipeline.Project.Assemble).
	warned map[diag.Warning]bool
	// memo carries each article's slug, path and references from one
	// site model to the next.
	memo *site.Memo
	// disk is the on-disk build cache in mode cached, nil when the
	// program cannot be identified; kept is what it holds, as loaded or
	// last saved, and keptClean is set when that matched the input and
	// output exactly, so that a build changing nothing need not save it.
	disk      *buildcache.File
	kept      *buildcache.State
	keptClean bool
	// changed names the output files whose records changed since kept's
	// manifest was made, which a save patches rather than making a
	// manifest of every file again; remake is set when it must be made
	// again, as after a build that wrote everything.
	changed map[string]bool
	remake  bool
	// log records what a one-shot build logs, for the build cache's
	// Report (see unchanged.go); now is the clock of the last site model.
	log *recorder
	now *clock.Now
}

// mode is how a Builder uses the build cache, fixed when it is made.
type mode uint8

const (
	// cached starts from the on-disk build cache and keeps it up to date.
	cached mode = 1 << iota
	// oneShot is attache build's: the Builder's first full build may free
	// what a later one would reuse, and an Update after that starts
	// afresh from the cache.
	oneShot
)

// phase is what a Builder holds in memory and knows of its output.
type phase uint8

const (
	// empty holds nothing: the next Update loads the project and reads
	// every content file.
	empty phase = iota
	// loaded holds the project and the parsed articles, but the output is
	// not known to match anything: the next Update writes the whole site.
	loaded
	// current also knows the output: it is what written records.
	current
)

// work is what an Update does besides re-reading changed articles; a
// failed Update leaves it owed to the next one.
type work uint8

const (
	// reload loads the configuration and the project again and re-reads
	// every content file.
	reload work = 1 << iota
	// rerender loads the templates again and renders every file.
	rerender
	// rescan compares every content file with the one kept.
	rescan
)

type entry struct {
	size int64
	// mtime is the later of the file's modification and status-change
	// times (see contentStat).
	mtime   time.Time
	version uint64
	// inputs are the file's articles: one, or several for a NewsML-G2
	// newsMessage, or none for an agency file that held no story.
	inputs []site.Input
	err    error
	// unread marks a file the build cache holds as it is, whose inputs
	// are not read until a build needs them (see readArticles).
	unread bool
	// racy marks a file whose time was within folderSettle of when it was
	// read: an edit in the same tick of a coarse file-system clock that
	// kept its size would leave size and time as they were, so the next
	// rescan reads its bytes again rather than trust them (as Git does
	// with an index entry as new as the index).
	racy bool
}

type outputState struct {
	sig, sum uint64
	// deps are the site-wide data a page read when it was rendered: its
	// signature covers them.
	deps view.Deps
	// gen is the Builder's gen of the last build that listed the file.
	gen uint64
	// onDisk is the file's size and modification time as the build cache
	// records them, when known without asking the file system again: as
	// listed when the Builder restored the cache, for a file no build
	// has rewritten since.
	onDisk *diskStamp
}

// diskStamp is what the build cache records of an output file on disk.
type diskStamp struct{ size, mtime int64 }

// NewBuilder returns a Builder of the site opts describes, which keeps
// what it knows in memory only. Nothing is read until the first Update.
// opts.CacheDir is not used.
func NewBuilder(opts pipeline.Options) *Builder {
	return &Builder{opts: opts}
}

// NewCachedBuilder returns a Builder of the site opts describes that starts
// from the build cache in opts.CacheDir, as attache build does, so that
// its first Update renders only what changed since the last build into
// the destination, and that keeps the cache up to date: Save writes what
// each Update did, once the caller has reported it. It holds the cache,
// and so any other build of the same site into the same destination
// waits, from its first Update until Close.
func NewCachedBuilder(opts pipeline.Options) *Builder {
	// What builds log is kept with the cache, as attache build keeps it.
	rec := newRecorder(opts.Logger)
	opts.Logger = slog.New(rec)
	return &Builder{opts: opts, mode: cached, log: rec}
}

// Close lets other builds of the site use the build cache again.
func (b *Builder) Close() {
	if b.unlock != nil {
		b.unlock()
		b.unlock = nil
	}
}

// unsaved is a build's report, which the build cache keeps with the
// rest of what the Builder knows.
type unsaved struct {
	r   Report
	rep *buildcache.Report
}

// Save writes to the build cache what the Updates since the last Save
// did, if anything: the output is right whether or not it is, and a
// failure to save is a warning. When ctx is done before the cache is
// written, Save writes nothing and returns, and the next Save writes it
// all, so that a watcher can interrupt a save to rebuild. A Builder of
// NewBuilder keeps no cache.
func (b *Builder) Save(ctx context.Context) {
	u := b.unsaved
	if u == nil || b.disk == nil || ctx.Err() != nil {
		return
	}
	if err := b.saveCache(ctx, u.r, nil, u.rep); err != nil {
		if ctx.Err() != nil {
			return
		}
		// The output is right; the next build is merely slower.
		b.proj.Options.Logger.Warn(fmt.Sprintf("build cache: %v", err))
	}
	b.unsaved = nil
	b.saveSides(ctx)
}

// Report summarises one Builder.Update.
type Report struct {
	Stats pipeline.Stats
	// Idle is set when the changed paths changed none of the site's
	// inputs, and the clock decides what it decided: nothing was done.
	Idle bool
	// Full is set when everything was re-read: the first build and a
	// configuration change. Theme is set when every page was re-rendered
	// because the templates changed.
	Full, Theme bool
	// Unchanged is set when a one-shot build found its inputs, output and
	// clock as the last build left them, and so had nothing to write (see
	// unchanged.go).
	Unchanged bool
	// Changed are the changed inputs, relative to the source folder.
	Changed []string
	// Parsed counts re-parsed articles; Rendered, Written and Removed
	// count output files.
	Parsed, Rendered, Written, Removed int
	// Viewed counts the pages whose views were made afresh rather than
	// kept from the build before (view.Maker.Made).
	Viewed int
}

// String is the line watch prints for a rebuild: what changed, the files
// written and removed of the site's, and the time taken.
func (r Report) String() string {
	what := "everything"
	switch {
	case r.Theme:
		what = "templates"
	case !r.Full:
		what = strings.Join(r.Changed, ", ")
		if len(r.Changed) > 3 {
			what = strings.Join(r.Changed[:3], ", ") + " and " + strconv.Itoa(len(r.Changed)-3) + " more"
		}
	}
	return fmt.Sprintf("%s: %d written, %d removed of %d files in %d ms",
		what, r.Written, r.Removed, r.Stats.Pages, r.Stats.Elapsed.Milliseconds())
}

// Destination returns the output folder, once the first Update has loaded
// the configuration.
func (b *Builder) Destination() string {
	if b.phase == empty {
		return ""
	}
	return b.proj.Destination
}

// Update brings the output up to date. changed lists the paths that changed
// since the last call, as a watcher reports them; the first call, and any
// call with nil, looks at every file. A failed Update leaves the output as
// it was and is retried with the next changes to the site's files: the
// Builder remembers what it still has to do.
func (b *Builder) Update(ctx context.Context, changed []string) (Report, error) {
	start := time.Now()
	var r Report
	todo, content := b.owed, map[string]bool{}
	if b.phase == empty || b.proj.Cache().Year != b.year {
		// A new year changes which article dates parsing warns about.
		todo |= reload
	}
	if changed == nil {
		todo |= rescan
	}
	if b.phase != empty && slices.ContainsFunc(changed, func(c string) bool { return isUnder(b.content, absPath(c)) }) {
		b.noteContentTarget() // the content folder, or a folder above it, was replaced
	}
	for _, c := range changed {
		c = absPath(c)
		if b.contentTarget != "" && isUnder(c, b.contentTarget) && !isUnder(c, b.content) {
			c = b.content + c[len(b.contentTarget):]
		}
		switch {
		case b.phase == empty:
		case c == b.config || isUnder(c, b.config) || isUnder(b.config, c) || c == resolved(b.config):
			// The configuration, or the file it links to.
			todo |= reload
		case isUnder(c, b.templates) || isUnder(b.templates, c) ||
			slices.ContainsFunc(b.templateTargets, func(t string) bool { return isUnder(c, t) }):
			todo |= rerender
		case isUnder(c, b.content):
			// Articles, and folders, whose names may have a dot too
			// ("2024.06"): one moved away is reported by its path
			// alone. Other files in the content folder are not the
			// site's.
			if rel, _ := filepath.Rel(b.content, c); !isContentFile(filepath.ToSlash(rel)) && filepath.Ext(c) != "" &&
				!b.holdsFiles(filepath.ToSlash(rel)) && !isDir(c) {
				continue
			}
			content[c] = true
			// A link in the content folder to this file is edited too.
			for _, l := range b.linksTo(c) {
				content[l] = true
			}
		case isUnder(b.content, c):
			todo |= rescan // a parent of the content folder was replaced
		default:
			links := b.linksTo(c)
			if len(links) == 0 {
				continue
			}
			for _, l := range links {
				content[l] = true
			}
		}
		r.Changed = append(r.Changed, b.rel(c))
	}
	// Changes to nothing the site is made of (a build's own staging folder
	// gone, beside an output in the site folder) do not retry what a
	// failed build left owed: it would fail the same way, and its
	// staging folder's removal would call for the next try.
	if todo == 0 && len(content) == 0 || changed != nil && len(r.Changed) == 0 && todo&reload == b.owed&reload {
		r.Idle = true
		return r, nil
	}
	// Until this build succeeds, the next one must redo what this one
	// was asked to do.
	b.owed = todo
	switch {
	case todo&reload != 0:
		// load starts again from the build cache, which must then hold
		// what this Builder did.
		b.Save(ctx)
		reg := trace.StartRegion(ctx, "load")
		err := b.load(ctx)
		reg.End()
		if err != nil {
			return r, err
		}
		todo |= rescan
		r.Full = true
	case todo&rerender != 0:
		p, err := pipeline.Load(b.opts)
		if err != nil {
			return r, err
		}
		b.proj, b.phase = p, min(b.phase, loaded)
		b.templateTargets = pipeline.TemplateLinks(b.templates)
		// The kept views hold the partials the old templates rendered
		// for them, and so the old renderer: kept, every edit of a
		// template would add a copy for every article.
		b.views.Forget()
		r.Theme = true
	}
	if b.log != nil {
		b.log.reset() // what loading said is said again by loading
	}
	var err error
	edited := true
	reg := trace.StartRegion(ctx, "read content")
	if todo&rescan != 0 {
		r.Parsed, err = b.rescan(ctx)
	} else {
		r.Parsed, edited, err = b.update(ctx, content)
	}
	reg.End()
	if err != nil {
		b.owed |= rescan // the kept articles may be half updated
		return r, err
	}
	if !edited && todo == 0 && b.phase == current && b.now != nil && b.now.Holds(b.proj.Options.Now()) {
		// A folder made, a file saved as it was: the site's inputs, and
		// what the last build decided by the clock, are as they were.
		r.Idle = true
		r.Stats.Elapsed = time.Since(start)
		return r, nil
	}
	if b.unchanged(r, b.proj.Options.Now()) {
		b.replay(&r)
		r.Unchanged = true
		b.owed = 0
		r.Stats.Elapsed = time.Since(start)
		return r, nil
	}
	b.settle()
	reg = trace.StartRegion(ctx, "read articles from cache")
	n, err := b.readArticles(ctx)
	reg.End()
	r.Parsed += n
	if err != nil {
		b.owed |= rescan
		return r, err
	}
	reg = trace.StartRegion(ctx, "model")
	s, err := b.model()
	reg.End()
	if err != nil {
		return r, err
	}
	// A one-shot build that writes everything lets the site drop each
	// article's body once its page is written (see
	// pipeline.Project.WriteConsuming), and so saves the articles to the
	// cache before rendering, not after.
	consume := b.mode&oneShot != 0 && b.phase < current
	var early *buildcache.Writer
	if consume && b.disk != nil {
		if early, err = b.disk.Create(b.cachedInputs()); err != nil {
			b.proj.Options.Logger.Warn(fmt.Sprintf("build cache: %v", err))
		}
	}
	if b.phase < current {
		reg = trace.StartRegion(ctx, "write all")
		err = b.writeAll(ctx, s, &r, consume)
	} else {
		reg = trace.StartRegion(ctx, "write changed")
		err = b.writeChanged(ctx, s, &r)
	}
	reg.End()
	if err != nil {
		if early != nil {
			early.Abandon()
		}
		if consume {
			b.forget() // the articles lost their bodies: start afresh
		}
		return r, err
	}
	b.owed = 0
	switch {
	case b.mode&oneShot != 0:
		defer trace.StartRegion(ctx, "save cache").End()
		if err := b.saveCache(ctx, r, early, b.report(s, r.Stats.Pages, b.now)); err != nil {
			// The output is right; the next build is merely slower.
			b.proj.Options.Logger.Warn(fmt.Sprintf("build cache: %v", err))
		}
		b.saveSides(ctx)
	case b.disk != nil:
		// A watching Builder's caller reports the build before it saves,
		// perhaps after more builds: what each changed is still unsaved.
		u := &unsaved{r: r, rep: b.report(s, r.Stats.Pages, b.now)}
		if old := b.unsaved; old != nil {
			u.r.Parsed += old.r.Parsed
			u.r.Written += old.r.Written
			u.r.Removed += old.r.Removed
		}
		b.unsaved = u
	}
	r.Stats.Articles, r.Stats.Countries, r.Stats.Organisations = len(s.Articles), len(s.Countries), len(s.Organisations)
	r.Stats.Destination, r.Stats.Warnings = b.proj.Destination, s.Warnings
	r.Stats.Elapsed = time.Since(start)
	if consume {
		b.forget()
	}
	return r, nil
}

// load loads the project afresh and forgets every article and output it
// knew, restoring what the build cache holds in mode cached.
func (b *Builder) load(ctx context.Context) error {
	p, err := pipeline.Load(b.opts)
	if err != nil {
		return err
	}
	// Refused before the content is read: an output inside the content
	// folder would have its files taken for articles.
	if err := p.CheckDestination(); err != nil {
		return err
	}
	b.listing = nil
	b.proj, b.phase, b.year = p, loaded, p.Cache().Year
	b.files, b.written, b.strays, b.folders, b.dirty, b.scanned, b.memo = map[string]*entry{}, nil, nil, nil, nil, nil, site.NewMemo()
	b.changed, b.remake = nil, false
	b.config = absPath(filepath.Join(p.Options.Source, pipeline.ConfigFile))
	b.templates = absPath(filepath.Join(p.Options.Source, "templates"))
	b.content = absPath(p.ContentDir)
	b.noteContentTarget()
	b.templateTargets = pipeline.TemplateLinks(b.templates)
	b.dest = absPath(p.Destination)
	b.views.Forget()
	if b.mode&cached != 0 {
		if b.disk = buildcache.Open(p.Cache()); b.disk != nil {
			if b.unlock == nil {
				// Another build of the site waits; a cache that cannot
				// be locked cannot be saved either, which warns.
				b.unlock, _ = b.disk.Lock(func() {
					p.Options.Logger.Warn("waiting for another build of this site into " + p.Destination + " to finish")
				})
			}
			// The content folder, which the rescan that follows a
			// load reads, is listed while the cache is read.
			listing := make(chan contentScan, 1)
			go func() {
				defer trace.StartRegion(ctx, "scan content").End()
				listing <- scanContent(ctx, p)
			}()
			b.listing = listing
			b.restore(ctx)
			b.restoreLinks()
		}
	}
	return nil
}

// forget drops everything the Builder holds in memory; the next Update
// starts afresh.
func (b *Builder) forget() {
	b.phase, b.proj, b.files, b.written, b.folders, b.dirty, b.scanned, b.listing, b.memo = empty, nil, nil, nil, nil, nil, nil, nil, nil
	b.changed, b.remake = nil, true
	b.views.Forget()
}

// saveCache brings the on-disk cache up to date after a successful build,
// finishing the file early holds if a one-shot build started one; rep is
// the build's report, nil if it has none.
func (b *Builder) saveCache(ctx context.Context, r Report, early *buildcache.Writer, rep *buildcache.Report) error {
	switch {
	case early != nil:
		b.kept, b.keptClean = nil, false
		return early.Finish(b.manifest(ctx), rep)
	case b.disk != nil:
		return b.persist(ctx, r, rep)
	}
	return nil
}

func (b *Builder) rel(p string) string {
	src := absPath(b.opts.Source)
	if b.opts.Source == "" {
		src = absPath(".")
	}
	if r, err := filepath.Rel(src, p); err == nil && filepath.IsLocal(r) {
		return filepath.ToSlash(r)
	}
	return p
}

// rescan compares every content file with the cache by size and
// modification time.
func (b *Builder) rescan(ctx context.Context) (int, error) {
	var sc contentScan
	if b.listing != nil {
		sc, b.listing = <-b.listing, nil
	} else {
		sc = scanContent(ctx, b.proj)
	}
	if sc.err != nil {
		return 0, sc.err
	}
	pipeline.WarnAll(b.proj.Options.Logger, [][]error{b.proj.NotFollowed(sc.links)})
	files, infos := sc.files, sc.infos
	clear(b.links)
	for i, f := range files {
		if infos[i].link {
			b.noteLink(f, true)
		}
	}
	present := make(map[string]bool, len(files))
	var todo []string
	var total int64
	for i, f := range files {
		present[f] = true
		e, st := b.files[f], infos[i]
		total += st.size
		if !st.found || e == nil || e.racy || st.size != e.size || st.mtime != e.mtime.UnixNano() {
			todo = append(todo, f)
		}
	}
	for f := range b.files {
		if !present[f] {
			delete(b.files, f)
		}
	}
	if size := b.proj.Options.ContentSize; size != nil {
		size(total)
	}
	return b.parse(ctx, todo)
}

// contentScan is what the content folder holds: its content files, by
// slash-separated name, and what stat said of each.
type contentScan struct {
	files []string
	infos []contentStat
	// links are the links to folders it did not follow.
	links []string
	err   error
}

// contentStat is what stat said of a content file; found is unset when
// it failed, and link is set for a symbolic link, whose target's size and
// time these are. The time is the later of the file's modification and
// status-change times, as Git compares both: a file renamed over another
// of the same size and time (two files unpacked from one archive,
// swapped), or edited and given its old time back, keeps its size and
// modification time, but not its status-change time, which no user can
// set.
type contentStat struct {
	size, mtime int64
	found, link bool
}

// scanContent lists and stats the content files of p.
func scanContent(ctx context.Context, p *pipeline.Project) contentScan {
	if err := p.CheckContentDir(); err != nil {
		return contentScan{err: err}
	}
	files, links, err := pipeline.ContentFiles(p.ContentDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return contentScan{err: err}
	}
	// At 100,000 articles the stats are most of a build with nothing to
	// do, so they run in parallel.
	infos := make([]contentStat, len(files))
	parallel.Do(ctx, len(files), p.Options.Workers, func(i int) {
		name := filepath.Join(p.ContentDir, filepath.FromSlash(files[i]))
		st, ok := lstat(name)
		link := ok && st.link
		if link {
			st, ok = stat(name)
		}
		switch {
		case ok:
			infos[i] = contentStat{size: st.size, mtime: max(st.mtime, st.ctime), found: true, link: link}
		case link:
			// Dangling: noted, so that the file it leads to is
			// watched for (see noteLink).
			infos[i].link = true
		}
	})
	return contentScan{files: files, infos: infos, links: links, err: ctx.Err()}
}

// update re-reads the changed content paths: files, and folders that
// appeared or went away. It returns how many files it parsed, and whether
// any content file was added, removed or changed.
func (b *Builder) update(ctx context.Context, changed map[string]bool) (parsed int, edited bool, err error) {
	before := len(b.files)
	var todo []string
	for c := range changed {
		rel, err := filepath.Rel(b.content, c)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		st, err := os.Stat(c)
		if err == nil && st.IsDir() && rel != "." && isLink(c) && isContentFile(rel+"/x.md") {
			// A link to a folder, which a clean build does not follow.
			b.dropUnder(rel, nil)
			pipeline.WarnAll(b.proj.Options.Logger, [][]error{b.proj.NotFollowed([]string{rel})})
			continue
		}
		if err == nil && st.IsDir() {
			// A new or renamed folder: compare its files with the cache.
			files, links, _ := pipeline.ContentFiles(c)
			if rel != "." && !isContentFile(rel+"/x.md") {
				files, links = nil, nil // a hidden folder holds no articles
			}
			for i, l := range links {
				links[i] = path.Join(rel, l)
			}
			pipeline.WarnAll(b.proj.Options.Logger, [][]error{b.proj.NotFollowed(links)})
			in := map[string]bool{}
			for _, f := range files {
				name := path.Join(rel, f)
				in[name] = true
				todo = append(todo, name)
			}
			b.dropUnder(rel, in)
			continue
		}
		b.dropUnder(rel, nil) // a folder gone, or a file replaced the folder
		if err != nil || !isContentFile(rel) {
			delete(b.files, rel)
			b.noteLink(rel, false)
			continue
		}
		b.noteLink(rel, isLink(c))
		todo = append(todo, rel)
	}
	slices.Sort(todo)
	todo = slices.Compact(todo)
	was := make([]*entry, len(todo))
	for i, name := range todo {
		was[i] = b.files[name]
	}
	parsed, err = b.parse(ctx, todo)
	edited = len(b.files) != before
	for i, name := range todo {
		now, old := b.files[name], was[i]
		if (now == nil) != (old == nil) || now != nil && (now.version != old.version || now.err != nil || old.err != nil) {
			edited = true
		}
	}
	return parsed, edited, err
}

// holdsFiles reports whether the Builder holds content files below the
// folder rel.
func (b *Builder) holdsFiles(rel string) bool {
	prefix := rel + "/"
	for f := range b.files {
		if strings.HasPrefix(f, prefix) {
			return true
		}
	}
	return false
}

// isDir reports whether p is a folder.
func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// dropUnder forgets the cached files below the folder rel except keep.
func (b *Builder) dropUnder(rel string, keep map[string]bool) {
	prefix := rel + "/"
	if rel == "." {
		prefix = ""
	}
	for f := range b.files {
		if strings.HasPrefix(f, prefix) && !keep[f] {
			delete(b.files, f)
		}
	}
}

// noteContentTarget records where the content folder leads when it is a
// symbolic link, or lies under one.
func (b *Builder) noteContentTarget() {
	b.contentTarget = ""
	if r := resolved(b.content); r != b.content {
		b.contentTarget = r
	}
}

// isContentFile applies ContentFiles' rules to a content-relative name.
func isContentFile(rel string) bool {
	for part := range strings.SplitSeq(rel, "/") {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_") {
			return false
		}
	}
	return parse.IsArticle(path.Base(rel))
}

// parse reads and analyses the named files in parallel, skipping those
// whose bytes did not change. It returns how many it parsed.
func (b *Builder) parse(ctx context.Context, names []string) (int, error) {
	p := b.proj
	content, err := p.OpenContent()
	if err != nil {
		return 0, err
	}
	defer content.Close()
	var parsed atomic.Int64
	var mu sync.Mutex
	warnings := make([][]error, len(names))
	defer func() { pipeline.WarnAll(p.Options.Logger, warnings) }()
	p.Options.Progress.Articles(len(names))
	parallel.Do(ctx, len(names), p.Options.Workers, func(i int) {
		defer p.Options.Progress.Parsed()
		name := names[i]
		src, st, err := content.Read(name)
		if skip := (*pipeline.Skipped)(nil); errors.As(err, &skip) {
			warnings[i] = []error{skip}
			mu.Lock()
			delete(b.files, name)
			mu.Unlock()
			return
		}
		if errors.Is(err, fs.ErrNotExist) {
			mu.Lock()
			delete(b.files, name) // gone since it was listed
			mu.Unlock()
			return
		}
		full := filepath.ToSlash(filepath.Join(p.Config.ContentDir, name))
		if err != nil {
			// An article that cannot be read fails the build, as it
			// would a clean one: publishing the site without it would
			// lose it silently.
			mu.Lock()
			b.files[name] = &entry{err: err}
			mu.Unlock()
			return
		}
		// The same in every process, as the build cache keeps it.
		version := buildcache.Sum([]byte(full), []byte{0}, src)
		mu.Lock()
		old := b.files[name]
		mu.Unlock()
		changed := time.Unix(0, changeTime(st))
		e := &entry{size: st.Size(), mtime: changed, version: version, racy: time.Since(changed) < folderSettle}
		if old != nil && old.version == version {
			e.inputs, e.err, e.unread = old.inputs, old.err, old.unread
		} else {
			e.inputs, warnings[i], e.err = p.AnalyseAll(full, src)
			for i := range e.inputs {
				// Every article of a file needs a Version of its own.
				e.inputs[i].Version = version
				if i > 0 {
					e.inputs[i].Version = buildcache.Sum([]byte(full), []byte{0}, src, []byte{0, byte(i), byte(i >> 8), byte(i >> 16)})
				}
			}
			parsed.Add(1)
		}
		mu.Lock()
		b.files[name] = e
		mu.Unlock()
	})
	return int(parsed.Load()), ctx.Err()
}

// model assembles the site from the kept articles, or reports every broken
// file.
func (b *Builder) model() (*site.Site, error) {
	var list diag.List
	inputs := make([]site.Input, 0, len(b.files))
	for _, e := range b.files {
		if e.err != nil {
			list.Add(e.err)
			continue
		}
		inputs = append(inputs, e.inputs...)
	}
	if err := list.Err(); err != nil {
		list.Sort()
		return nil, pipeline.ContentError(list)
	}
	s, now := b.proj.Assemble(inputs, &b.warned, site.WithMemo(b.memo))
	b.now = now
	return s, nil
}

// writeAll renders everything into a staging folder and swaps it in, as a
// clean build does, recording what it wrote.
func (b *Builder) writeAll(ctx context.Context, s *site.Site, r *Report, consume bool) error {
	p := b.proj
	if err := p.PrepareDestination(); err != nil {
		return err
	}
	st, err := output.Begin(p.Destination)
	if err != nil {
		return err
	}
	written := map[string]*outputState{}
	var mu sync.Mutex
	n, err := p.RenderAll(ctx, s, &b.views, st, consume, func(o pipeline.Output, data []byte) {
		deps := o.Deps()
		state := &outputState{sig: o.Signature(deps), sum: buildcache.Sum(data), deps: deps}
		mu.Lock()
		written[o.Name()] = state
		mu.Unlock()
	})
	if err != nil {
		st.Abort()
		return err
	}
	if err := st.Commit(); err != nil {
		st.Abort()
		return err
	}
	b.written, b.strays, b.folders, b.dirty, b.scanned, b.phase = written, nil, nil, nil, nil, current
	b.changed, b.remake = nil, true
	r.Stats.Pages, r.Rendered, r.Written, r.Viewed = n, n, n, b.views.Made()
	return nil
}

// writeChanged renders the outputs whose signature changed, and only if all
// of them render does it write, in place, those whose bytes changed, each
// atomically, and remove the files the site no longer has.
func (b *Builder) writeChanged(ctx context.Context, s *site.Site, r *Report) error {
	p := b.proj
	if err := p.PrepareDestination(); err != nil {
		return err
	}
	if st, err := os.Stat(p.Destination); err != nil || !st.IsDir() {
		// The output folder went away: write it all again.
		b.phase = loaded
		return b.writeAll(ctx, s, r, false)
	}
	reg := trace.StartRegion(ctx, "list outputs")
	outs, err := p.ListOutputs(s)
	reg.End()
	if err != nil {
		return err
	}
	type job struct {
		name string
		o    pipeline.Output
		data []byte
		err  error
	}
	var jobs []*job
	// Outputs the site still has are stamped with this build's gen; the
	// others are removed below. Hashing views is most of comparing
	// signatures, so that runs in parallel, a chunk of pages at a time:
	// the view of a page that need not be rendered is let go once signed.
	// Looking every name up also finds two outputs at one path, which
	// fail the build as they would a clean one.
	b.gen++
	olds := make([]*outputState, len(outs))
	same := make([]bool, len(outs))
	var clashes [][2]int
	var fresh map[string]int
	for i, o := range outs {
		name := o.Name()
		if old := b.written[name]; old != nil {
			if old.gen == b.gen {
				first := slices.IndexFunc(outs, func(o pipeline.Output) bool { return o.Name() == name })
				clashes = append(clashes, [2]int{first, i})
			}
			old.gen, olds[i] = b.gen, old
			continue
		}
		if fresh == nil {
			fresh = map[string]int{}
		}
		if first, ok := fresh[name]; ok {
			clashes = append(clashes, [2]int{first, i})
			continue
		}
		fresh[name] = i
	}
	if err := pipeline.SamePath(outs, clashes); err != nil {
		return err
	}
	// A new path may run through a file: an alias /rss.xml/. The files
	// a path could run through are outputs already, or new ones.
	if err := pipeline.FileAsFolder(outs, maps.Values(fresh), func(name string) int {
		if i, ok := fresh[name]; ok {
			return i
		}
		if old := b.written[name]; old != nil && old.gen == b.gen {
			return slices.IndexFunc(outs, func(o pipeline.Output) bool { return o.Name() == name })
		}
		return -1
	}); err != nil {
		return err
	}
	const block, chunk = 512, 16 << 10
	reg = trace.StartRegion(ctx, "sign pages")
	err = pipeline.SignViews(s, &b.views, outs, chunk, func(lo, hi int) error {
		parallel.Do(ctx, (hi-lo+block-1)/block, p.Options.Workers, func(k int) {
			for i := lo + k*block; i < min(hi, lo+(k+1)*block); i++ {
				if old := olds[i]; old != nil {
					sig := outs[i].Signature(old.deps)
					same[i] = sig != 0 && old.sig == sig
				}
				if same[i] {
					outs[i].DropView()
				}
			}
		})
		return ctx.Err()
	})
	reg.End()
	if err != nil {
		return err
	}
	r.Viewed = b.views.Made()
	for i, o := range outs {
		if !same[i] {
			jobs = append(jobs, &job{name: o.Name(), o: o})
		}
	}
	// Everything is rendered before anything is written, so that a
	// failure leaves the output as it was; past maxInPlace bytes that
	// would hold too much in memory, and the output is written afresh
	// and swapped in instead.
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var held atomic.Int64
	p.Options.Progress.Pages(len(jobs))
	reg = trace.StartRegion(ctx, "render")
	parallel.Do(rctx, len(jobs), p.Options.Workers, func(i int) {
		defer p.Options.Progress.Written()
		if rctx.Err() != nil {
			return
		}
		jobs[i].data, jobs[i].err = jobs[i].o.Render()
		if held.Add(int64(len(jobs[i].data))) > maxInPlace {
			cancel()
		}
	})
	reg.End()
	if err := ctx.Err(); err != nil {
		return err
	}
	if held.Load() > maxInPlace {
		jobs = nil
		b.phase = loaded
		return b.writeAll(ctx, s, r, false)
	}
	var errs diag.List
	seen := map[string]bool{}
	for _, j := range jobs {
		if j.err != nil && !seen[j.err.Error()] && len(errs) < pipeline.MaxErrors {
			seen[j.err.Error()] = true
			errs.Add(j.err)
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	r.Stats.Pages, r.Rendered = len(outs), len(jobs)
	// The changes are staged beside the output and swapped in together:
	// any failure leaves the output exactly as it was.
	defer trace.StartRegion(ctx, "write").End()
	u, err := output.BeginUpdate(p.Destination)
	if err != nil {
		return err
	}
	next := map[string]*outputState{}
	for _, j := range jobs {
		sum := buildcache.Sum(j.data)
		var stamp *diskStamp
		if old := b.written[j.name]; old == nil || old.sum != sum {
			if err := u.WriteFile(j.name, j.data); err != nil {
				u.Abort()
				return err
			}
			r.Written++
		} else {
			stamp = old.onDisk // the file stays as it was
		}
		deps := j.o.Deps()
		next[j.name] = &outputState{sig: j.o.Signature(deps), sum: sum, gen: b.gen, deps: deps, onDisk: stamp}
	}
	var gone []string
	for name, st := range b.written {
		if st.gen != b.gen {
			gone = append(gone, name)
		}
	}
	slices.Sort(gone)
	for _, name := range append(gone, b.strays...) {
		if err := u.Remove(name); err != nil {
			u.Abort()
			return err
		}
	}
	if err := u.Commit(); err != nil {
		// Commit undoes what it did, but an undo can fail too (a failing
		// disk): what the output holds is then not known, and the next
		// build writes it all afresh rather than trust written.
		b.phase = loaded
		return err
	}
	for name, st := range next {
		switch {
		case st.onDisk != nil:
		case b.written[name] == nil:
			b.touched(name, added)
		default:
			b.touched(name, replaced)
		}
		b.written[name] = st
		b.recordChanged(name)
	}
	for _, name := range append(gone, b.strays...) {
		b.touched(name, removed)
	}
	for _, name := range gone {
		delete(b.written, name)
		b.recordChanged(name)
	}
	r.Removed += len(gone)
	b.strays = nil
	return nil
}

// maxInPlace bounds the bytes of changed files an incremental build holds
// in memory before writing them in place.
const maxInPlace = 256 << 20

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// isUnder reports whether p is dir or inside it.
func isUnder(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}
