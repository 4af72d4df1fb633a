// Package deploy publishes a built site to S3-compatible object storage
// (AWS S3, Cloudflare R2, Backblaze B2, MinIO, Ceph, SeaweedFS…), the way
// static hosts are fed.
//
// A deploy compares the output folder with the bucket and uploads only
// what changed: the bucket's listing says what is there, and a manifest
// object kept beside the site records, for each object, the SHA-256 of
// the content and the headers it was uploaded with. Objects no longer in
// the output are deleted, at most MaxDeletes of them. Uploads go in an
// order that never lets a reader follow a link to a missing page: assets,
// then article pages, then the pages that list them, then feeds, the
// sitemap and the search index's manifest; deletions come last, and a
// file named by its content's hash, which a page or manifest still cached
// somewhere may name, is deleted only once it has been out of the output
// for Retention.
package deploy

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/attache/attache/generator/output"
)

// ManifestName is the manifest object's name under the prefix. Its
// leading dot keeps it out of the way; it is never served as a page.
const ManifestName = ".attache-deploy.json"

// File is one file of the output folder.
type File struct {
	// Path is the file's slash-separated path in the output folder, and
	// Key the object's name in the bucket (Path under the prefix).
	Path, Key string
	Size      int64
	// SHA256 is the hex digest of the content.
	SHA256       string
	ContentType  string
	CacheControl string
	// Tier orders uploads: lower tiers go first.
	Tier Tier
	// Reason says why it is uploaded: new, changed, headers, or missing
	// from the manifest.
	Reason string
}

// Tier is the upload order of a kind of file.
type Tier int

// The tiers, in upload order.
const (
	TierAsset   Tier = iota // stylesheets, pictures: what pages load
	TierArticle             // article pages: what listings link to
	TierPage                // every other page: listings, home, archive
	TierFeed                // feeds, sitemap, robots.txt, the search manifest: announce the pages
)

// Retention is how long a deploy keeps an object named by its content's
// hash after the output stopped using it: longer than any page, feed or
// search manifest that names it may be cached (cacheShort), so that no
// reader is sent to an object that is gone.
const Retention = time.Hour

// MaxKeyBytes is the longest object name S3 and its kin take.
const MaxKeyBytes = 1024

// String names the tier: "asset", "article", "page" or "feed".
func (t Tier) String() string {
	return [...]string{"asset", "article", "page", "feed"}[t]
}

// Plan is what a deploy would do.
type Plan struct {
	// Uploads are in upload order.
	Uploads []File
	// Deletes are object keys no longer in the output, sorted.
	Deletes []string
	// Retained are objects no longer in the output, named by their
	// content's hash, kept until they have been out of it for Retention,
	// with the time they left it (Unix seconds).
	Retained map[string]int64
	// Unchanged counts files already in the bucket as they are.
	Unchanged int
	// Files is every file of the output, for the manifest.
	Files []File
	// previous is the manifest the plan was made against.
	previous Manifest
}

// Bytes is the size of the uploads.
func (p *Plan) Bytes() int64 {
	var n int64
	for _, f := range p.Uploads {
		n += f.Size
	}
	return n
}

// Summary is the plan in one line.
func (p *Plan) Summary() string {
	return fmt.Sprintf("%d to upload (%s), %d to delete, %d unchanged%s", len(p.Uploads), size(p.Bytes()), len(p.Deletes), p.Unchanged, p.kept())
}

// Done is the plan in one line, once carried out.
func (p *Plan) Done() string {
	return fmt.Sprintf("%d uploaded (%s), %d deleted, %d unchanged%s", len(p.Uploads), size(p.Bytes()), len(p.Deletes), p.Unchanged, p.kept())
}

func (p *Plan) kept() string {
	if len(p.Retained) == 0 {
		return ""
	}
	return fmt.Sprintf(", %d kept for readers whose pages still name them", len(p.Retained))
}

// Print writes the plan, one line per object.
func (p *Plan) Print(w io.Writer) {
	for _, f := range p.Uploads {
		fmt.Fprintf(w, "upload %s (%s, %s, %s)\n", f.Key, f.Reason, f.Tier, size(f.Size))
	}
	for _, k := range p.Deletes {
		fmt.Fprintf(w, "delete %s\n", k)
	}
	fmt.Fprintln(w, p.Summary())
}

func size(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1024/1024)
}

// Remote is what the bucket holds under the prefix: the listing's ETag per
// key, and the manifest the last deploy left.
type Remote struct {
	ETags    map[string]string
	Manifest Manifest
}

// Manifest records what each object was uploaded from and with, and
// when the objects the output no longer has but the bucket keeps (see
// Retention) left it, in Unix seconds.
type Manifest struct {
	Version int                      `json:"version"`
	Objects map[string]ManifestEntry `json:"objects"`
	Retired map[string]int64         `json:"retired,omitempty"`
}

// ManifestEntry is one object of the manifest.
type ManifestEntry struct {
	SHA256       string `json:"sha256"`
	ETag         string `json:"etag"`
	ContentType  string `json:"contentType"`
	CacheControl string `json:"cacheControl"`
}

// Classifier assigns content types, cache lifetimes and tiers.
type Classifier struct {
	article *regexp.Regexp
}

// NewClassifier returns a classifier for a site whose article pages follow
// the permalink pattern (such as "/articles/:year/:month/:slug/").
func NewClassifier(articlePermalink string) *Classifier {
	re := regexp.QuoteMeta(strings.Trim(articlePermalink, "/"))
	for ph, sub := range map[string]string{":year": `\d{4}`, ":month": `\d{2}`, ":day": `\d{2}`, ":slug": `[^/]+`, ":filename": `[^/]+`} {
		re = strings.ReplaceAll(re, ph, sub)
	}
	return &Classifier{article: regexp.MustCompile(`^` + re + `/index\.html$`)}
}

// fingerprinted matches the content hash attache puts in asset names
// (main.1a2b3c4d5e.css), and searchFile the search index's files named by
// theirs (t-1a2b3c4d.json): such a file never changes under its name. The
// index's manifest.json names them, and is the one to look at again.
var (
	fingerprinted = regexp.MustCompile(`\.[0-9a-f]{8,}\.[a-z0-9]+$`)
	searchFile    = regexp.MustCompile(`^search/[a-z]-[0-9a-f]{8,}\.json$`)
)

// SearchManifest is the search index's one file of a fixed name.
const SearchManifest = "search/manifest.json"

// immutable reports whether an output path is named by its content's
// hash.
func immutable(p string) bool {
	return strings.HasPrefix(p, "assets/") && fingerprinted.MatchString(path.Base(p)) || searchFile.MatchString(p)
}

// Cache lifetimes.
const (
	cacheImmutable = "public, max-age=31536000, immutable"
	// Pages and feeds change with every story: readers and CDNs should
	// look again within minutes.
	cacheShort = "public, max-age=300, must-revalidate"
	cacheHour  = "public, max-age=3600"
)

// contentTypes are the types of the files attache writes, by name, then
// by extension: the system's MIME table varies from one machine to the
// next, and feeds have types of their own.
var contentTypes = map[string]string{
	"atom.xml":  "application/atom+xml; charset=utf-8",
	"rss.xml":   "application/rss+xml; charset=utf-8",
	"feed.json": "application/feed+json; charset=utf-8",
	".html":     "text/html; charset=utf-8",
	".xml":      "application/xml; charset=utf-8",
	".json":     "application/json; charset=utf-8",
	".txt":      "text/plain; charset=utf-8",
	".css":      "text/css; charset=utf-8",
	".js":       "text/javascript; charset=utf-8",
	".svg":      "image/svg+xml",
}

// Classify fills in a file's content type, Cache-Control and tier.
func (c *Classifier) Classify(f *File) {
	ext := strings.ToLower(path.Ext(f.Path))
	base := path.Base(f.Path)
	f.ContentType = contentTypes[base]
	if f.ContentType == "" {
		f.ContentType = contentTypes[ext]
	}
	if f.ContentType == "" {
		f.ContentType = mime.TypeByExtension(ext)
	}
	if f.ContentType == "" {
		f.ContentType = "application/octet-stream"
	}
	isFeed := ext == ".xml" || base == "feed.json" || base == "robots.txt" || f.Path == SearchManifest
	switch {
	case immutable(f.Path):
		f.CacheControl = cacheImmutable
	case ext == ".html" || isFeed:
		f.CacheControl = cacheShort
	default:
		f.CacheControl = cacheHour
	}
	switch {
	case isFeed:
		f.Tier = TierFeed
	case c.article.MatchString(f.Path):
		f.Tier = TierArticle
	case ext == ".html":
		f.Tier = TierPage
	default:
		f.Tier = TierAsset
	}
}

// Scan reads the output folder: every regular file with its checksum,
// classified. Symbolic links and other special files are refused: a
// deploy uploads exactly what the build wrote.
func Scan(out fs.FS, prefix string, c *Classifier) ([]File, error) {
	var files []File
	err := fs.WalkDir(out, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if p == output.Marker {
			return nil // the build's mark on its folder, not the site's
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file; a deploy uploads only what the build wrote", p)
		}
		r, err := out.Open(p)
		if err != nil {
			return err
		}
		defer r.Close()
		h := sha256.New()
		n, err := io.Copy(h, r)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		f := File{Path: p, Key: Key(prefix, p), Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}
		if len(f.Key) > MaxKeyBytes {
			return fmt.Errorf("%s: its object name is %d bytes, longer than the %d that S3 takes; give it a shorter URL", p, len(f.Key), MaxKeyBytes)
		}
		c.Classify(&f)
		files = append(files, f)
		return nil
	})
	return files, err
}

// Key is the object name of an output path under prefix.
func Key(prefix, p string) string {
	if prefix == "" {
		return p
	}
	return prefix + "/" + p
}

// Diff compares the output with the bucket at now. A file is unchanged
// only when the bucket holds its key, the manifest records the same
// content and headers, and the object's ETag is the one the manifest saw,
// so that an object changed by hand is uploaded again. An object the
// output no longer has is deleted, unless it is named by its content's
// hash and left the output less than Retention ago.
func Diff(files []File, remote Remote, manifestKey, prefix string, now time.Time) *Plan {
	p := &Plan{Files: files, previous: remote.Manifest}
	local := make(map[string]bool, len(files))
	for _, f := range files {
		local[f.Key] = true
		etag, inBucket := remote.ETags[f.Key]
		m, inManifest := remote.Manifest.Objects[f.Key]
		switch {
		case !inBucket:
			f.Reason = "new"
		case !inManifest || m.ETag != etag:
			f.Reason = "not as last deployed"
		case m.SHA256 != f.SHA256:
			f.Reason = "changed"
		case m.ContentType != f.ContentType || m.CacheControl != f.CacheControl:
			f.Reason = "headers changed"
		default:
			p.Unchanged++
			continue
		}
		p.Uploads = append(p.Uploads, f)
	}
	for k := range remote.ETags {
		if local[k] || k == manifestKey {
			continue
		}
		rel := strings.TrimPrefix(k, Key(prefix, ""))
		if _, deployed := remote.Manifest.Objects[k]; immutable(rel) && (deployed || remote.Manifest.Retired[k] != 0) {
			since, ok := remote.Manifest.Retired[k]
			if !ok {
				since = now.Unix()
			}
			if now.Sub(time.Unix(since, 0)) < Retention {
				if p.Retained == nil {
					p.Retained = map[string]int64{}
				}
				p.Retained[k] = since
				continue
			}
		}
		p.Deletes = append(p.Deletes, k)
	}
	slices.Sort(p.Deletes)
	slices.SortStableFunc(p.Uploads, func(a, b File) int {
		if a.Tier != b.Tier {
			return int(a.Tier) - int(b.Tier)
		}
		return strings.Compare(a.Key, b.Key)
	})
	return p
}
