#!/usr/bin/env bash
# Builds the same synthetic corpus with Hugo and with attache, side by side,
# and prints a Markdown table of median wall time and peak RSS. See
# bench/README.md.
#
#   bash bench/run.sh                    # N = 1000 10000 100000
#   NS="1000 10000" RUNS=5 bash bench/run.sh
#
# Environment: NS (corpus sizes), RUNS (timed runs per tool, default 3),
# BENCH_DIR (work folder, default /tmp/attache-bench), FORMAT (markdown,
# wire or mixed; Hugo reads only markdown), SEED (default 1).
set -euo pipefail

cd "$(dirname "$0")/.."
NS=${NS:-"1000 10000 100000"}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/attache-bench}
FORMAT=${FORMAT:-markdown}
SEED=${SEED:-1}
bin=$BENCH_DIR/bin
mkdir -p "$bin"

go build -o "$bin/corpusgen" ./cmd/corpusgen
go build -o "$bin/benchcompare" ./cmd/benchcompare

notes=()
have_attache=1
if ! go build -o "$bin/attache" ./cmd/attache; then
	notes+=("attache: cmd/attache did not build; attache columns are empty.")
	have_attache=0
fi
have_hugo=1
if ! command -v hugo >/dev/null; then
	notes+=("hugo: not installed (apt-get install hugo); Hugo columns are empty.")
	have_hugo=0
elif [ "$FORMAT" != markdown ]; then
	notes+=("hugo: skipped, it reads only Markdown and FORMAT=$FORMAT.")
	have_hugo=0
fi
if [ $have_attache = 0 ] && [ $have_hugo = 0 ]; then
	printf '%s\n' "${notes[@]}" >&2
	exit 1
fi

# fmt_s and fmt_mb format the TSV fields of benchcompare.
fmt_s() { awk -v s="$1" 'BEGIN { if (s == "") print "–"; else printf "%.2f s", s }'; }
fmt_mb() { awk -v k="$1" 'BEGIN { if (k == "") print "–"; else printf "%.0f MB", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "–"; else printf "%.2f", a / b }'; }

# Output folders of earlier runs are moved here, not deleted, until every
# size is measured: on an ext4 file system without a journal, files freed
# in the last minutes slow down creating new ones (see README.md).
trash=$BENCH_DIR/trash
rm -rf "$trash"
trap 'rm -rf "$trash"' EXIT

rows=()
prev_n="" prev_t=""
scaling=()
for n in $NS; do
	site=$BENCH_DIR/site-$n
	stamp="n=$n seed=$SEED format=$FORMAT"
	if [ "$(cat "$site/.corpus" 2>/dev/null)" != "$stamp" ]; then
		echo "generating $n articles into $site" >&2
		"$bin/corpusgen" -n "$n" -out "$site" -format "$FORMAT" -seed "$SEED" -clean
		echo "$stamp" >"$site/.corpus"
	fi

	args=()
	if [ $have_hugo = 1 ]; then
		args+=(-label hugo -clean "$BENCH_DIR/out-hugo-$n"
			hugo --source "$site" --config "$site/hugo.toml" --destination "$BENCH_DIR/out-hugo-$n" --quiet ---)
	fi
	if [ $have_attache = 1 ]; then
		# A clean build reads and writes no build cache, as Hugo's does not:
		# otherwise every run after the first would reuse parsed articles.
		args+=(-label attache -clean "$BENCH_DIR/out-attache-$n"
			"$bin/attache" build -nocache -source "$site" -destination "$BENCH_DIR/out-attache-$n" ---)
		# A second build into an existing, up-to-date folder: the priming run
		# is the first build, the timed runs change nothing.
		args+=(-label attache-warm -warm
			"$bin/attache" build -source "$site" -destination "$BENCH_DIR/out-attache-warm-$n" ---)
	fi
	unset 'args[${#args[@]}-1]'
	echo "N=$n: $RUNS runs each" >&2
	tsv=$("$bin/benchcompare" -runs "$RUNS" -format tsv -trash "$trash" -- "${args[@]}")

	field() { awk -F'\t' -v l="$1" -v f="$2" '$1 == l { print $f }' <<<"$tsv"; }
	ht=$(field hugo 3) hc=$(field hugo 4) hr=$(field hugo 5)
	at=$(field attache 3) ac=$(field attache 4) ar=$(field attache 5)
	wt=$(field attache-warm 3)
	rows+=("| $n | $(fmt_s "$ht") | $(fmt_mb "$hr") | $(fmt_s "$at") | $(fmt_mb "$ar") | $(ratio "$at" "$ht") | $(ratio "$ar" "$hr") | $(fmt_s "$wt") | $(ratio "$at" "$wt") | $(fmt_s "$hc") | $(fmt_s "$ac") | $(ratio "$ac" "$hc") |")
	if [ -n "$prev_t" ] && [ -n "$at" ]; then
		scaling+=("attache $prev_n → $n articles ($(ratio "$n" "$prev_n")× the articles): $(ratio "$at" "$prev_t")× the time")
	fi
	prev_n=$n prev_t=$at
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
echo
echo "Machine: $cpu, $(nproc) cores, $mem RAM; $(go version | cut -d' ' -f3-4); $(hugo version 2>/dev/null | cut -d' ' -f1-2 || echo 'no hugo'). Format: $FORMAT, median of $RUNS runs, $(date -u +%Y-%m-%d)."
echo
echo "| N | Hugo time | Hugo peak RSS | attache time | attache peak RSS | time attache/Hugo | RSS attache/Hugo | attache warm rebuild | cold/warm | Hugo CPU | attache CPU | CPU attache/Hugo |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
for s in "${scaling[@]}"; do echo; echo "$s"; done
for s in "${notes[@]}"; do echo; echo "Note: $s"; done
