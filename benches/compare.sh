#!/usr/bin/env bash
# Whole-process timings of `gongbao find` against `fzf --filter` on the same
# 500-issue archive, side by side in one hyperfine run each.
# Needs fzf and hyperfine (Debian packages); not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500}
dir=$(mktemp -d)/archive
mkdir -p "$dir"
cargo build --release -q
for k in $(seq 1 "$n"); do
  sed "s/^  number: 15,/  number: $k,/; s/^  total_number: 897,/  total_number: $((882 + k)),/" \
    assets/cq-gazette-2021-15.ron > "$dir/issue-$k.ron"
done
bin=target/release/gongbao
# The same titles and the same text, as plain lines for fzf.
$bin --data "$dir" tree > "$dir.titles.txt"
$bin --data "$dir" export --format markdown > "$dir.text.txt"
echo "archive: $n issues, $(du -sh "$dir" | cut -f1) of RON; titles $(wc -l < "$dir.titles.txt") lines; text $(du -sh "$dir.text.txt" | cut -f1)"
# fzf exits 1 when nothing matches (Latin letters against Chinese titles): -i.
# The first gongbao warm-up run fills the cache; the no-cache run parses the RON.
hyperfine -i --warmup 1 --runs 5 \
  "$bin --data $dir find xcl --limit 20" \
  "GONGBAO_NO_CACHE=1 $bin --data $dir find xcl --limit 20" \
  "fzf --filter xcl < $dir.titles.txt" \
  "fzf --filter 新材料 < $dir.titles.txt"
hyperfine -i --warmup 1 --runs 5 \
  "$bin --data $dir find hangye --text --limit 20" \
  "$bin --data $dir find IGBT --text --limit 20" \
  "fzf --filter hangye < $dir.text.txt" \
  "fzf --filter IGBT < $dir.text.txt"
/usr/bin/time -f "peak memory of find: %M KB" $bin --data "$dir" find xcl --limit 1 > /dev/null
rm -rf "$(dirname "$dir")" "$dir.titles.txt" "$dir.text.txt"
