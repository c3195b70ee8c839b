#!/usr/bin/env bash
# Runs each fuzz target for $1 seconds (default 600), one after another,
# starting from the seeds in fuzz/seeds/ and growing fuzz/corpus/.
set -u
cd "$(dirname "$0")"
secs=${1:-600}
for t in load import render; do
  mkdir -p corpus/$t artifacts/$t
  max_len=4096
  [ "$t" = import ] && max_len=200000
  [ "$t" = load ] && max_len=300000
  cargo +nightly fuzz run -O "$t" corpus/$t seeds/$t -- \
    -max_total_time="$secs" -max_len="$max_len" -rss_limit_mb=4096 \
    -artifact_prefix=artifacts/$t/ -print_final_stats=1 > "log-$t.txt" 2>&1
  echo "$t exit $?" >> log-summary.txt
done
