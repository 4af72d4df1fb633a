#!/usr/bin/env bash
# Measures what a new story costs on a generated site of N articles (issue
# "One new story, a handful of files"): attache watch running, stories
# added, deleted and re-dated; then cached builds. See bench/README.md.
#
#   bash bench/story.sh              # N = 100000
#   N=10000 STORIES=10 bash bench/story.sh
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-100000}
STORIES=${STORIES:-10}
BENCH_DIR=${BENCH_DIR:-/tmp/attache-bench}
SEED=${SEED:-1}
bin=$BENCH_DIR/bin
mkdir -p "$bin"
go build -o "$bin/corpusgen" ./cmd/corpusgen
go build -o "$bin/benchstory" ./cmd/benchstory
go build -o "$bin/attache" ./cmd/attache

site=$BENCH_DIR/site-$N
stamp="n=$N seed=$SEED format=markdown"
if [ "$(cat "$site/.corpus" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $N articles into $site" >&2
	"$bin/corpusgen" -n "$N" -out "$site" -format markdown -seed "$SEED" -clean >&2
	echo "$stamp" >"$site/.corpus"
fi
sync
"$bin/benchstory" -attache "$bin/attache" -site "$site" -stories "$STORIES" -gap "${GAP:-3s}"
