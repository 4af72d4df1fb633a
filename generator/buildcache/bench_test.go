package buildcache

import (
	"fmt"
	"maps"
	"testing"
)

// BenchmarkLoadIndex measures what a build that finds nothing changed
// reads first on a site of 100,000 articles: the cache's index, with
// 300,000 output files in 100,000 folders.
func BenchmarkLoadIndex(b *testing.B) {
	dir := b.TempDir()
	s := Site{Dir: dir, Source: dir, ContentDir: dir + "/content", Config: dir + "/config.toml", Templates: dir + "/templates", Destination: dir + "/public"}
	c := Open(s)
	st := &State{Inputs: map[string]Input{}}
	outs := map[string]Output{}
	times := map[string]int64{}
	for i := range 100000 {
		name := fmt.Sprintf("articles/%d/story-number-%06d-about-something.md", 2000+i%25, i)
		st.Inputs[name] = Input{Name: name, Size: int64(i), ModTime: int64(i) * 1e9, Version: uint64(i) * 7919}
		d := fmt.Sprintf("articles/%d/%02d/a-fairly-long-slug-of-a-story-%06d", 2000+i%25, 1+i%12, i)
		outs[d+"/index.html"] = Output{Sig: uint64(i), Sum: uint64(i) * 3, Size: 12345, ModTime: int64(i) * 1e9}
		times[d] = int64(i)
		for k := range 2 {
			outs[fmt.Sprintf("countries/c%d/%d/%02d/page-%d.html", i%200, 2000+i%25, 1+i%12, k+i/5000)] = Output{Sig: 1}
		}
	}
	st.Outputs = NewManifest(len(outs), maps.All(outs))
	for i, f := range st.Outputs {
		st.Outputs[i].Time = times[f.Name]
	}
	if err := c.Save(st); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if c.Load() == nil {
			b.Fatal("no load")
		}
	}
}
