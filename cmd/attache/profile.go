package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"

	"github.com/attache/attache/generator/pipeline"
)

// profiles names the files a command writes its profiles to; empty names
// are not written.
type profiles struct {
	// cpu is a CPU profile, mem a heap profile taken at the end, trace an
	// execution trace whose regions are the build's stages (go tool
	// trace shows where a build waits, which a CPU profile cannot).
	cpu, mem, trace string
}

// startProfiles starts the CPU profile and the trace p names and returns
// a function that stops them and writes the heap profile. They are how
// the figures of bench/README.md were found. It refuses files that would
// land in the output of a build with o or on the site's sources.
func startProfiles(p profiles, o pipeline.Options) (stop func() error, err error) {
	if err := p.apart(o); err != nil {
		return nil, err
	}
	cpuFile, memFile := p.cpu, p.mem
	var tr *os.File
	if p.trace != "" {
		if tr, err = os.Create(p.trace); err != nil {
			return nil, fmt.Errorf("trace: %w", err)
		}
		if err := trace.Start(tr); err != nil {
			tr.Close()
			return nil, fmt.Errorf("trace: %w", err)
		}
	}
	var cpu *os.File
	if cpuFile != "" {
		if cpu, err = os.Create(cpuFile); err != nil {
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			if tr != nil {
				trace.Stop()
				tr.Close()
			}
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
	}
	return func() error {
		if tr != nil {
			trace.Stop()
			if err := tr.Close(); err != nil {
				return fmt.Errorf("trace: %w", err)
			}
		}
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				return fmt.Errorf("cpu profile: %w", err)
			}
		}
		if memFile == "" {
			return nil
		}
		f, err := os.Create(memFile)
		if err != nil {
			return fmt.Errorf("heap profile: %w", err)
		}
		runtime.GC()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			f.Close()
			return fmt.Errorf("heap profile: %w", err)
		}
		return f.Close()
	}, nil
}

// apart refuses profile files that a build with o would remove (in its
// output folder) or that would overwrite the site's sources. A site whose
// configuration cannot be read is not checked: its build says why.
func (p profiles) apart(o pipeline.Options) error {
	if p == (profiles{}) {
		return nil
	}
	files := []struct{ what, file string }{{"cpu profile", p.cpu}, {"heap profile", p.mem}, {"trace", p.trace}}
	// Two of them in one file would leave the last one written.
	for i, f := range files {
		for _, g := range files[i+1:] {
			if f.file != "" && g.file != "" && filepath.Clean(f.file) == filepath.Clean(g.file) {
				return fmt.Errorf("the %s and the %s would both be written to %s", f.what, g.what, f.file)
			}
		}
	}
	d, err := pipeline.DestinationOf(o)
	if err != nil {
		return nil
	}
	for _, f := range files {
		if f.file == "" {
			continue
		}
		if err := d.Apart(f.file); err != nil {
			return fmt.Errorf("%s: %w", f.what, err)
		}
	}
	return nil
}
