// Package build keeps a site's output up to date as its files change. A
// Builder holds the parsed articles and what it last wrote; each Update
// re-reads the changed files, assembles the site model again (package
// pipeline), and re-renders exactly the files whose signature changed — a
// page's signature is the hash of its view (package view) and of the
// site-wide data its layouts read — so that the output is always what a
// clean build writes. Run is attache build: one Update, starting from the
// build cache (package buildcache) when there is one.
package build
