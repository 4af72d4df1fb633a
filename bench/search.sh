#!/bin/bash
# Issue 16's search budget: builds an N-article corpusgen site (default
# 10,000) with and without attache's search index, runs Pagefind (from
# npm, into the work folder) on the same output, and measures a first
# query of each in headless Chromium (bench/search/measure.mjs).
#
#	bash bench/search.sh                 # N=10000
#	N=100000 RUNS=1 bash bench/search.sh
#
# Needs: Go, node/npm, Chromium, and `npm ci --ignore-scripts --prefix
# generator/e2e/browser` (playwright-core). Environment: N, RUNS (clean
# builds timed per variant, default 2), BENCH_DIR (default
# /tmp/attache-search-bench), QUERIES (default below), RUNS_PER_QUERY
# (page loads per query, default 5: the time is their median).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-2}
DIR=${BENCH_DIR:-/tmp/attache-search-bench}
QUERIES=${QUERIES:-"space exploration|maritime security|Nigeria|\"joint exercises\"|sanctions"}
mkdir -p "$DIR"
go build -o "$DIR/attache" ./cmd/attache
SITE="$DIR/c$N"
[ -d "$SITE/content" ] || go run ./cmd/corpusgen -n "$N" -out "$SITE" >/dev/null
# The same site without search: its config with [search] enabled = false.
NOSEARCH="$DIR/c$N-nosearch"
mkdir -p "$NOSEARCH"
# attache does not follow a symbolic link out of the content folder: hard
# links share the files instead.
[ -d "$NOSEARCH/content" ] || cp -al "$SITE/content" "$NOSEARCH/content"
# corpusgen's config has no [search] table: attache's site turns it on,
# and the other has the same config with it off.
grep -q '^\[search\]' "$SITE/config.toml" || printf '\n[search]\nenabled = true\n' >>"$SITE/config.toml"
{ awk '/^\[/ { skip = ($0 == "[search]") } !skip' "$SITE/config.toml"; printf '\n[search]\nenabled = false\n'; } >"$NOSEARCH/config.toml"

# time VARIANT CMD…: wall seconds and peak RSS, appended to $DIR/times.
time_it() {
	local label=$1
	shift
	sync
	/usr/bin/time -f "$label %e s %M KB" "$@" >/dev/null 2>>"$DIR/times.raw"
}
rm -f "$DIR/times.raw"
for i in $(seq "$RUNS"); do
	time_it without "$DIR/attache" build -nocache -source "$NOSEARCH" -destination "$DIR/out-nosearch"
	time_it with "$DIR/attache" build -nocache -source "$SITE" -destination "$DIR/out"
done
grep -E '^(with|without) ' "$DIR/times.raw" >"$DIR/times" || true

# Pagefind indexes the articles of the site built without attache's index.
if [ ! -x "$DIR/pf/node_modules/.bin/pagefind" ]; then
	npm install --silent --prefix "$DIR/pf" pagefind >/dev/null
fi
rm -rf "$DIR/out-nosearch/pagefind"
time_it pagefind "$DIR/pf/node_modules/.bin/pagefind" --site "$DIR/out-nosearch" --glob "articles/**/*.html"
grep -E '^pagefind ' "$DIR/times.raw" >>"$DIR/times" || true
# Both searches side by side in one folder: attache's output with
# Pagefind's index of the same articles.
rm -rf "$DIR/out/pagefind"
cp -r "$DIR/out-nosearch/pagefind" "$DIR/out/pagefind"

IFS='|' read -r -a qs <<<"$QUERIES"
node bench/search/measure.mjs "$DIR/out" "${qs[@]}" >"$DIR/queries.json"

echo "index size: attache $(du -sh "$DIR/out/search" | cut -f1) in $(ls "$DIR/out/search" | wc -l) files; pagefind $(du -sh "$DIR/out/pagefind" | cut -f1) in $(find "$DIR/out/pagefind" -type f | wc -l) files"
echo "clean builds (label, wall, peak RSS):"
cat "$DIR/times"
echo "first queries:"
node -e '
const rows = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
console.log("| query | tool | KB | requests | ms after last byte | shown |");
console.log("|---|---|---:|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.q} | ${r.tool} | ${r.kb} | ${r.requests} | ${r.ms} | ${r.shown} |`);
' "$DIR/queries.json"
