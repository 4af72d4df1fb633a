package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/attache/attache/generator/config"
)

// DefaultMaxDeletes is how many objects a deploy may delete unless told
// otherwise: enough for a normal day's changes, far fewer than a site
// that an empty or broken build would wipe out.
const DefaultMaxDeletes = 256

// Deployer publishes output folders to one bucket and prefix.
type Deployer struct {
	client     *minio.Client
	bucket     string
	prefix     string
	maxDeletes int
	workers    int
	classifier *Classifier
	progress   func(done, total int, f File)
	// now is the clock that times retired objects (see Retention).
	now func() time.Time

	creds    *credentials.Credentials
	endpoint string
	secure   bool
	region   string
}

// Option configures a Deployer.
type Option func(*Deployer)

// WithMaxDeletes sets how many objects a deploy may delete; a plan that
// deletes more is refused before anything is uploaded. A negative n
// allows any number.
func WithMaxDeletes(n int) Option { return func(d *Deployer) { d.maxDeletes = n } }

// WithWorkers sets how many uploads run at once (default 8).
func WithWorkers(n int) Option {
	return func(d *Deployer) {
		if n > 0 {
			d.workers = n
		}
	}
}

// WithArticlePermalink sets the site's article URL pattern, which tells
// article pages (uploaded before the listings) from other pages.
func WithArticlePermalink(p string) Option {
	return func(d *Deployer) { d.classifier = NewClassifier(p) }
}

// WithProgress calls f after each upload, from one goroutine at a time.
func WithProgress(f func(done, total int, f File)) Option {
	return func(d *Deployer) { d.progress = f }
}

// WithClock sets the clock that times how long an object has been out of
// the output (see Retention); the default is time.Now.
func WithClock(now func() time.Time) Option { return func(d *Deployer) { d.now = now } }

// WithStaticCredentials uses the given keys instead of the environment and
// the AWS files: for tests, which must not read the user's credentials.
func WithStaticCredentials(accessKey, secretKey string) Option {
	return func(d *Deployer) { d.creds = credentials.NewStaticV4(accessKey, secretKey, "") }
}

// New returns a Deployer for the [deploy] config. Credentials come from
// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or
// else from the shared credentials file (~/.aws/credentials, or
// AWS_SHARED_CREDENTIALS_FILE) and profile (AWS_PROFILE): the places every
// S3 tool reads, never config.toml.
func New(cfg config.Deploy, opts ...Option) (*Deployer, error) {
	if cfg.Bucket == "" {
		return nil, errors.New("no bucket: set bucket under [deploy] in config.toml")
	}
	d := &Deployer{
		bucket: cfg.Bucket, prefix: strings.Trim(cfg.Prefix, "/"), region: cfg.Region,
		maxDeletes: DefaultMaxDeletes, workers: 8, now: time.Now,
		classifier: NewClassifier(config.Default().Permalinks.Article),
		endpoint:   "s3.amazonaws.com", secure: true,
	}
	if cfg.Endpoint != "" {
		u, err := url.Parse(cfg.Endpoint)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("deploy.endpoint %q: want a URL such as https://ACCOUNT_ID.r2.cloudflarestorage.com", cfg.Endpoint)
		}
		d.endpoint, d.secure = u.Host, u.Scheme != "http"
	}
	for _, o := range opts {
		o(d)
	}
	if d.creds == nil {
		d.creds = credentials.NewChainCredentials([]credentials.Provider{
			&credentials.EnvAWS{},
			&credentials.FileAWSCredentials{},
		})
		v, err := d.creds.GetWithContext(nil)
		if err != nil || v.AccessKeyID == "" || v.SecretAccessKey == "" {
			return nil, errors.New("no storage credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials (AWS_PROFILE picks one)")
		}
	}
	var err error
	d.client, err = minio.New(d.endpoint, &minio.Options{Creds: d.creds, Secure: d.secure, Region: d.region})
	if err != nil {
		return nil, fmt.Errorf("deploy: %w", err)
	}
	return d, nil
}

// Target names the bucket and prefix, for messages: s3://bucket/prefix/.
func (d *Deployer) Target() string {
	t := "s3://" + d.bucket + "/"
	if d.prefix != "" {
		t += d.prefix + "/"
	}
	return t
}

func (d *Deployer) manifestKey() string { return Key(d.prefix, ManifestName) }

// Plan compares the output folder with the bucket.
func (d *Deployer) Plan(ctx context.Context, out fs.FS) (*Plan, error) {
	files, err := Scan(out, d.prefix, d.classifier)
	if err != nil {
		return nil, err
	}
	remote, err := d.remote(ctx)
	if err != nil {
		return nil, err
	}
	return Diff(files, remote, d.manifestKey(), d.prefix, d.now()), nil
}

// remote lists the objects under the prefix and reads the manifest.
func (d *Deployer) remote(ctx context.Context) (Remote, error) {
	r := Remote{ETags: map[string]string{}}
	ok, err := d.client.BucketExists(ctx, d.bucket)
	if err != nil {
		return r, d.wrap("bucket", err)
	}
	if !ok {
		return r, fmt.Errorf("%s: no such bucket; create it first with your storage provider's console or tools", d.Target())
	}
	listPrefix := ""
	if d.prefix != "" {
		listPrefix = d.prefix + "/"
	}
	for obj := range d.client.ListObjects(ctx, d.bucket, minio.ListObjectsOptions{Prefix: listPrefix, Recursive: true}) {
		if obj.Err != nil {
			return r, d.wrap("list", obj.Err)
		}
		r.ETags[obj.Key] = strings.Trim(obj.ETag, `"`)
	}
	if _, ok := r.ETags[d.manifestKey()]; !ok {
		return r, nil
	}
	obj, err := d.client.GetObject(ctx, d.bucket, d.manifestKey(), minio.GetObjectOptions{})
	if err != nil {
		return r, d.wrap("manifest", err)
	}
	defer obj.Close()
	data, err := io.ReadAll(obj)
	if err != nil {
		return r, d.wrap("manifest", err)
	}
	// A damaged manifest costs a full upload, not a failed deploy.
	if json.Unmarshal(data, &r.Manifest) != nil || r.Manifest.Version != 1 {
		r.Manifest = Manifest{}
	}
	return r, nil
}

func (d *Deployer) wrap(what string, err error) error {
	return fmt.Errorf("%s: %s: %w", d.Target(), what, err)
}

// ErrTooManyDeletes is returned, before anything is uploaded, by a deploy
// whose plan deletes more objects than allowed.
var ErrTooManyDeletes = errors.New("too many deletions")

// Check reports whether Apply would refuse the plan, as a dry run must
// say too.
func (d *Deployer) Check(p *Plan) error {
	if d.maxDeletes >= 0 && len(p.Deletes) > d.maxDeletes {
		return fmt.Errorf("%w: this deploy would delete %d objects from %s, more than the %d allowed; if the build is complete and the prefix right, pass -maxDeletes %d",
			ErrTooManyDeletes, len(p.Deletes), d.Target(), d.maxDeletes, len(p.Deletes))
	}
	return nil
}

// manifestTimeout bounds the manifest written after an interrupted
// deploy, which cannot use the cancelled context.
const manifestTimeout = 10 * time.Second

// Apply carries out a plan made from out: uploads by tier, in order, then
// the manifest, then deletions. An interrupted deploy leaves every object
// either as it was or as the new build has it, and records what it did
// upload; the next deploy finds what is left to do, and uploads again any
// object the manifest does not vouch for.
func (d *Deployer) Apply(ctx context.Context, out fs.FS, p *Plan) error {
	if err := d.Check(p); err != nil {
		return err
	}
	m := Manifest{Version: 1, Objects: map[string]ManifestEntry{}, Retired: p.Retained}
	uploading := map[string]bool{}
	for _, f := range p.Uploads {
		uploading[f.Key] = true
	}
	for _, f := range p.Files {
		if e, ok := p.previous.Objects[f.Key]; ok && !uploading[f.Key] {
			m.Objects[f.Key] = e
		}
	}
	var mu sync.Mutex
	done := 0
	for tier := TierAsset; tier <= TierFeed; tier++ {
		var batch []File
		for _, f := range p.Uploads {
			if f.Tier == tier {
				batch = append(batch, f)
			}
		}
		err := d.uploadAll(ctx, out, batch, func(f File, etag string) {
			mu.Lock()
			defer mu.Unlock()
			m.Objects[f.Key] = ManifestEntry{SHA256: f.SHA256, ETag: etag, ContentType: f.ContentType, CacheControl: f.CacheControl}
			done++
			if d.progress != nil {
				d.progress(done, len(p.Uploads), f)
			}
		})
		if err != nil {
			// Record what did go up, so that the next deploy does not
			// upload it again.
			mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), manifestTimeout)
			defer cancel()
			if merr := d.putManifest(mctx, m); merr != nil {
				return errors.Join(err, merr)
			}
			return err
		}
	}
	if err := d.putManifest(ctx, m); err != nil {
		return err
	}
	for _, k := range p.Deletes {
		if err := d.client.RemoveObject(ctx, d.bucket, k, minio.RemoveObjectOptions{}); err != nil {
			return d.wrap("delete "+k, err)
		}
	}
	return nil
}

// uploadAll uploads files with d.workers at once, stopping at the first
// failure.
func (d *Deployer) uploadAll(ctx context.Context, out fs.FS, files []File, uploaded func(File, string)) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan File)
	var wg sync.WaitGroup
	for range min(d.workers, max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				etag, err := d.upload(ctx, out, f)
				if err != nil {
					cancel(err)
					continue
				}
				uploaded(f, etag)
			}
		}()
	}
feed:
	for _, f := range files {
		select {
		case jobs <- f:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return context.Cause(ctx)
}

func (d *Deployer) upload(ctx context.Context, out fs.FS, f File) (string, error) {
	r, err := out.Open(f.Path)
	if err != nil {
		return "", err
	}
	defer r.Close()
	info, err := d.client.PutObject(ctx, d.bucket, f.Key, r, f.Size, minio.PutObjectOptions{
		ContentType:  f.ContentType,
		CacheControl: f.CacheControl,
		// One request per file: sites are made of small files, and a
		// single-part upload's ETag is the content's MD5 everywhere.
		DisableMultipart: true,
		SendContentMd5:   true,
	})
	if err != nil {
		return "", d.wrap("upload "+f.Key, err)
	}
	return strings.Trim(info.ETag, `"`), nil
}

func (d *Deployer) putManifest(ctx context.Context, m Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	_, err = d.client.PutObject(ctx, d.bucket, d.manifestKey(), bytes.NewReader(data), int64(len(data)), minio.PutObjectOptions{
		ContentType: "application/json", CacheControl: "no-store", DisableMultipart: true,
	})
	if err != nil {
		return d.wrap("manifest", err)
	}
	return nil
}
