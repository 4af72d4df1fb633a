// Command statfloor measures the floor of a cached build that finds
// nothing changed: the time to lstat every file and folder under the given
// folders (a site's output and content), on as many goroutines as the
// build uses, with nothing else done. A build with nothing changed stats
// each of them once, so it cannot take less on the same machine.
//
//	go run ./bench/statfloor [-workers N] [-rounds N] DIR...
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

func main() {
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "goroutines statting at once")
	rounds := flag.Int("rounds", 3, "times to stat every path")
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	var paths []string
	for _, root := range flag.Args() {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			paths = append(paths, p)
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "statfloor:", err)
			os.Exit(1)
		}
	}
	for range *rounds {
		start := time.Now()
		var wg sync.WaitGroup
		for w := range *workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(paths); i += *workers {
					os.Lstat(paths[i])
				}
			}()
		}
		wg.Wait()
		fmt.Printf("%d paths statted in %v on %d goroutines\n", len(paths), time.Since(start).Round(time.Millisecond), *workers)
	}
}
