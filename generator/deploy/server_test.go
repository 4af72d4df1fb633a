package deploy

import (
	"testing"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/deploy/s3test"
)

func deployer(t *testing.T, srv *s3test.Server, bucket, prefix string, opts ...Option) *Deployer {
	t.Helper()
	d, err := New(config.Deploy{Bucket: bucket, Prefix: prefix, Endpoint: srv.Endpoint, Region: "us-east-1"},
		append([]Option{WithStaticCredentials(s3test.AccessKey, s3test.SecretKey)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
