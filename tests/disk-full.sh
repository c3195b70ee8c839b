#!/usr/bin/env bash
# A disk that really fills during `add` (issue 14): a 384 KiB tmpfs holds the
# library, one entry is added, then a folder of 80 documents that cannot
# fit. `add` must say so and exit 2; the library must still list and load,
# with every entry it had, and no temporary files left behind.
#
# Needs root to mount the tmpfs: `.ci/run` calls it when it runs as root; it
# says why and exits 0 when it cannot mount. `cargo test` covers the same
# with a file-size limit (tests/library_cli.rs).
#
# Usage: tests/disk-full.sh [BINARY]   (default target/debug/gongbao)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/debug/gongbao}")
if [ "$(id -u)" != 0 ]; then
  echo "disk-full: skipped (mounting a tmpfs needs root)"
  exit 0
fi
work=$(mktemp -d)
mnt=$work/mnt
mkdir -p "$mnt" "$work/home" "$work/inbox"
if ! mount -t tmpfs -o size=384k tmpfs "$mnt" 2>/dev/null; then
  echo "disk-full: skipped (mounting a tmpfs was refused)"
  rm -rf "$work"
  exit 0
fi
trap 'umount "$mnt" 2>/dev/null || true; rm -rf "$work"' EXIT
# Never the user's own folders.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data
export XDG_STATE_HOME=$work/home/state XDG_CACHE_HOME=$work/home/cache
export GONGBAO_LIBRARY=$mnt/lib
unset GONGBAO_NO_CACHE GONGBAO_DATA || true

fail() { echo "disk-full: FAILED: $*" >&2; exit 1; }

"$bin" add tests/fixtures/import/regulation.txt > /dev/null
before=$("$bin" list)
# Distinct documents (each title and number its own), more than the disk holds.
for i in $(seq 1 80); do
  sed "1s/\$/（第${i}批）/" tests/fixtures/import/plan-decimal.txt > "$work/inbox/plan-$i.txt"
done
set +e
"$bin" add "$work/inbox" > "$work/out" 2> "$work/err"
status=$?
set -e
[ "$status" = 2 ] || fail "add exited $status, not 2: $(tail -3 "$work/err")"
grep -q "No space left on device" "$work/out" "$work/err" || fail "add did not say the disk is full: $(tail -3 "$work/err")"
after=$("$bin" list) || fail "list does not load the library"
while IFS= read -r line; do
  grep -qxF "$line" <<< "$after" || fail "lost from the list: $line"
done <<< "$before"
"$bin" tree --depth 1 > /dev/null 2> "$work/tree-err" || fail "the library does not load: $(cat "$work/tree-err")"
if grep -q "did not load\|damaged" "$work/tree-err"; then fail "an entry is damaged: $(cat "$work/tree-err")"; fi
left=$(find "$mnt" -name '*.tmp*' | wc -l)
[ "$left" = 0 ] || fail "$left temporary files left: $(find "$mnt" -name '*.tmp*' | head -3)"
echo "disk-full: ok ($(grep -c . <<< "$after") entries listed after the failed add; $(df -k --output=used "$mnt" | tail -1 | tr -d ' ') KiB used of 384)"
