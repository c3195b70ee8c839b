#!/usr/bin/env bash
# Regenerates the text screenshots in docs/ (and the README's cuts of them)
# from the release binary in tmux: the explorer at 100x30 on the sample's
# chapter 三, the timeline at 120x24, and an imported regulation at 100x30.
# Needs tmux. Run from anywhere: docs/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=$PWD/target/release/gongbao
home=$(mktemp -d)
trap 'tmux kill-session -t shots 2>/dev/null || true; rm -rf "$home"' EXIT
export HOME=$home XDG_CONFIG_HOME=$home/config XDG_CACHE_HOME=$home/cache XDG_DATA_HOME=$home/data
# Waits until the pane shows $1 (never a fixed sleep alone).
wait_for() {
  for _ in $(seq 200); do
    tmux capture-pane -t shots -p | grep -q -- "$1" && return 0
    sleep 0.05
  done
  echo "screenshots.sh: timed out waiting for $1" >&2
  exit 1
}
shot() { # width height command...
  local w=$1 h=$2
  shift 2
  tmux kill-session -t shots 2>/dev/null || true
  tmux new-session -d -s shots -x "$w" -y "$h" "$*"
}
shot 100 30 "$bin"
wait_for "目录树"
tmux send-keys -t shots / ; wait_for "jump"
tmux send-keys -t shots "三、产业发展方向" ; wait_for "chapter"
tmux send-keys -t shots Enter ; sleep 0.3
tmux capture-pane -t shots -p > docs/screenshot.txt
shot 120 24 "$bin"
wait_for "目录树"
tmux send-keys -t shots t ; wait_for "as of"
tmux capture-pane -t shots -p > docs/timeline.txt
# The timeline over a library: the deadlines fixture's two catalogues,
# task table and measure, at 80x24, as of June 2022 (the first
# catalogue's month, March 2021, moved on 15 months).
lib=$home/library
for f in tests/fixtures/deadlines/*.ron; do
  GONGBAO_LIBRARY=$lib "$bin" add "$f" >/dev/null
done
shot 80 24 "GONGBAO_LIBRARY=$lib $bin"
wait_for "文库"; wait_for "目录树"
tmux send-keys -t shots t ; wait_for "as of 2021-03"
for _ in $(seq 15); do tmux send-keys -t shots ']'; done
wait_for "as of 2022-06"
tmux capture-pane -t shots -p > docs/timeline-library.txt
"$bin" import tests/fixtures/import/regulation.txt -o "$home/regulation.ron" 2>/dev/null
shot 100 30 "$bin --data $home/regulation.ron"
wait_for "目录树"
tmux send-keys -t shots 3 ; sleep 0.2
tmux send-keys -t shots / ; wait_for "jump"
tmux send-keys -t shots "第十九条" ; wait_for "article"
tmux send-keys -t shots Enter ; sleep 0.3
tmux capture-pane -t shots -p > docs/regulation.txt
# The README's cuts: between `<!-- shot FILE FIRST LAST -->` and
# `<!-- /shot -->`, lines FIRST..LAST of FILE in a code block.
python3 - <<'PY'
import re
readme = open("README.md", encoding="utf-8").read()
def cut(m):
    path, first, last = m.group(1), int(m.group(2)), int(m.group(3))
    lines = open(path, encoding="utf-8").read().split("\n")[first - 1:last]
    return m.group(0).split("\n")[0] + "\n```\n" + "\n".join(l.rstrip() for l in lines) + "\n```\n<!-- /shot -->"
readme = re.sub(r"<!-- shot (\S+) (\d+) (\d+) -->\n.*?<!-- /shot -->", cut, readme, flags=re.S)
open("README.md", "w", encoding="utf-8").write(readme)
PY
echo "docs/screenshot.txt docs/timeline.txt docs/timeline-library.txt docs/regulation.txt and the README's cuts regenerated"
