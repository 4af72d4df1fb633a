// Package s3test starts a real S3-compatible server for tests: versitygw
// (github.com/versity/versitygw, Apache 2.0) with its POSIX backend, a
// single Go binary that .ci/run builds once and caches. It listens on
// loopback only.
package s3test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// Module is what `go install` builds; AccessKey and SecretKey are the
// server's only credentials.
const (
	Module    = "github.com/versity/versitygw/cmd/versitygw@v1.8.0"
	AccessKey = "attachetest"
	SecretKey = "attache-test-secret-key"
)

// serverBinary finds versitygw: $ATTACHE_VERSITYGW, or on the PATH.
func serverBinary() string {
	if p := os.Getenv("ATTACHE_VERSITYGW"); p != "" {
		return p
	}
	p, _ := exec.LookPath("versitygw")
	return p
}

// Server is a versitygw process serving a temporary folder.
type Server struct {
	// Endpoint is http://127.0.0.1:PORT.
	Endpoint string
	// Client is signed in with AccessKey and SecretKey.
	Client *minio.Client
}

// Start starts versitygw on a free loopback port for the test, and
// stops it when the test ends. Without the binary the test is skipped on
// a developer's machine and fails in CI.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := serverBinary()
	if bin == "" {
		msg := "deploy tests need an S3 server: go install " + Module + " (or set ATTACHE_VERSITYGW); .ci/run does this"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	// Object metadata (Content-Type, Cache-Control) goes to a sidecar
	// folder, so that the file system need not support extended
	// attributes.
	root, meta := t.TempDir(), t.TempDir()
	cmd := exec.Command(bin, "--access", AccessKey, "--secret", SecretKey, "--port", addr, "posix", "--sidecar", meta, root)
	logFile, err := os.Create(filepath.Join(t.TempDir(), "versitygw.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		logFile.Close()
	})
	s := &Server{Endpoint: "http://" + addr}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(s.Endpoint + "/")
		if err == nil {
			resp.Body.Close()
			break
		}
		select {
		case <-exited:
			log, _ := os.ReadFile(logFile.Name())
			t.Fatalf("versitygw exited: %s", log)
		default:
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logFile.Name())
			t.Fatalf("versitygw did not start on %s: %v\n%s", addr, err, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.Client, err = minio.New(addr, &minio.Options{Creds: credentials.NewStaticV4(AccessKey, SecretKey, "")})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Bucket creates a bucket.
func (s *Server) Bucket(t testing.TB, name string) {
	t.Helper()
	if err := s.Client.MakeBucket(context.Background(), name, minio.MakeBucketOptions{}); err != nil {
		t.Fatal(err)
	}
}

// Objects returns every object of a bucket with its content and headers.
func (s *Server) Objects(t testing.TB, bucket string) map[string]Object {
	t.Helper()
	ctx := context.Background()
	out := map[string]Object{}
	for info := range s.Client.ListObjects(ctx, bucket, minio.ListObjectsOptions{Recursive: true}) {
		if info.Err != nil {
			t.Fatal(info.Err)
		}
		obj, err := s.Client.GetObject(ctx, bucket, info.Key, minio.GetObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		st, err := obj.Stat()
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		sc := bufio.NewReader(obj)
		if _, err := sc.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		obj.Close()
		out[info.Key] = Object{Body: b.String(), ContentType: st.ContentType, CacheControl: st.Metadata.Get("Cache-Control")}
	}
	return out
}

// Object is a stored object as a reader would get it.
type Object struct {
	Body, ContentType, CacheControl string
}

// String describes the object for test failures: size, type and caching.
func (o Object) String() string {
	return fmt.Sprintf("%d bytes, %s, %s", len(o.Body), o.ContentType, o.CacheControl)
}

// Put stores a text object, as someone editing the bucket by hand would.
func (s *Server) Put(t testing.TB, bucket, key, body string) {
	t.Helper()
	_, err := s.Client.PutObject(context.Background(), bucket, key, strings.NewReader(body), int64(len(body)), minio.PutObjectOptions{ContentType: "text/plain", DisableMultipart: true})
	if err != nil {
		t.Fatal(err)
	}
}
