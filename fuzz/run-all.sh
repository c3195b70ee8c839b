#!/usr/bin/env bash
# Runs each fuzz target for $1 seconds (default 600), one after another,
# starting from the project's own inputs (the seed text and asset, the valid
# and invalid files of the tests, the importer's fixtures) and the few seeds
# kept only here (fuzz/seeds/), growing fuzz/corpus/. Logs go to fuzz/logs/
# (not tracked).
set -u
cd "$(dirname "$0")"
secs=${1:-600}
mkdir -p logs
declare -A seeds=(
  [load]="seeds/load ../tests/valid ../tests/invalid ../assets"
  [import]="seeds/import ../tests/data ../tests/fixtures/import ../tests/fixtures/import/blind ../tests/fixtures/import/formats"
  [render]="seeds/render"
  [index]="seeds/index"
  [import-text]="seeds/import-text ../tests/fixtures/import/formats ../tests/data ../tests/fixtures/import ../tests/fixtures/import/blind"
  [import-markdown]="seeds/import-markdown ../tests/fixtures/import/formats"
  [import-html]="seeds/import-html ../tests/fixtures/import/formats"
  [import-docx]="../tests/fixtures/import/formats"
  [citations]="../tests/fixtures/citations ../tests/data"
)
for t in load import render index import-text import-markdown import-html import-docx citations; do
  mkdir -p corpus/$t artifacts/$t
  max_len=4096
  case $t in import*) max_len=200000 ;; esac
  [ "$t" = load ] && max_len=300000
  [ "$t" = index ] && max_len=400000
  # shellcheck disable=SC2086
  cargo +nightly fuzz run -O "$t" corpus/$t ${seeds[$t]} -- \
    -max_total_time="$secs" -max_len="$max_len" -rss_limit_mb=4096 \
    -artifact_prefix=artifacts/$t/ -print_final_stats=1 > "logs/$t.txt" 2>&1
  echo "$t exit $?" >> logs/summary.txt
done
