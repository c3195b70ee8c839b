#!/usr/bin/env bash
# Whole-process timings of `gongbao find` and `find --text` on a library,
# side by side with `fzf --filter` over the same titles and the same text,
# for every query of the generator's query set
# (`cargo run --release --example genlib -- --queries`), with peak memory.
#
#   benches/library.sh LIBRARY        a library folder (made by `gongbao add`)
#
# Needs fzf and hyperfine (Debian packages); not part of `cargo test`.
# The library is opened as the user's own (GONGBAO_LIBRARY), with a cache
# folder of its own beside the lists.
set -euo pipefail
cd "$(dirname "$0")/.."
lib=$(realpath "$1")
work=$(mktemp -d)
cargo build --release -q --bin gongbao --example genlib
bin=$PWD/target/release/gongbao
export GONGBAO_LIBRARY=$lib XDG_CACHE_HOME=$work/cache
# The titles `find` searches: every titled node (not paragraphs, years,
# issues or the library), as `tree --ids` labels them; the text as Markdown.
"$bin" --data "$lib" tree --ids |
  sed -E 's/^ *//; s/  \[[^]]*\]$//' |
  grep -Ev '^(archive|year|issue|paragraph) ' |
  sed -E 's/^[a-z]+ //' > "$work/titles.txt"
"$bin" --data "$lib" export --format markdown > "$work/text.txt"
"$bin" find x > /dev/null || true # builds any missing index file
echo "library: $(ls "$lib"/*.ron | wc -l) entries, $(du -sb --exclude .gongbao "$lib" | cut -f1) bytes of RON;" \
  "titles $(wc -l < "$work/titles.txt") lines; text $(du -b "$work/text.txt" | cut -f1) bytes"
target/release/examples/genlib --queries | while IFS=$'\t' read -r family query _why; do
  if [ "$family" = text ]; then
    find_args=(--text) list=$work/text.txt
  else
    find_args=() list=$work/titles.txt
  fi
  # fzf exits 1 when nothing matches: -i.
  hyperfine -N -i --warmup 1 --runs 5 --export-json "$work/run.json" \
    "$bin find $query ${find_args[*]} --limit 20" \
    "sh -c 'fzf --filter \"\$0\" < $list' $query" > /dev/null 2>&1
  # `find` exits 1 when nothing matches; /usr/bin/time passes that on.
  peak=$( { /usr/bin/time -f %M "$bin" find "$query" "${find_args[@]}" --limit 20 > /dev/null || true; } 2>&1 | tail -1)
  python3 - "$work/run.json" "$family" "$query" "$peak" <<'EOF'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
a, b = runs[0]["median"], runs[1]["median"]
print(f"{sys.argv[2]:9} {sys.argv[3]:24} gongbao {a:6.3f} s  fzf {b:6.3f} s  ratio {a / b:5.2f}  peak {int(sys.argv[4]) // 1024} MiB")
EOF
done
rm -rf "$work"
