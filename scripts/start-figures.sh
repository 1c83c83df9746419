#!/usr/bin/env bash
# Start, status and idle memory of Kairos, measured as whole processes through ./kairos on a fresh home with no
# model: the figures in the README. Usage: scripts/start-figures.sh [idle-seconds] (default 60). Uses port 7488.
set -u
cd "$(dirname "$0")/.."
idle=${1:-60}
export KAIROS_HOME="$(mktemp -d)" KAIROS_HTTP_PORT=7488
unset KAIROS_MODEL
./kairos init >/dev/null
./kairos status >/dev/null # builds first if the sources changed
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
t0=$(date +%s%N)
./kairos up --every 1s >"$KAIROS_HOME/up.out" 2>&1 &
up=$!
until curl -sf "http://127.0.0.1:$KAIROS_HTTP_PORT/health" >/dev/null 2>&1; do sleep 0.02; done
echo "up answers /health after $(ms "$t0") ms"
runs=(); for _ in 1 2 3 4 5 6 7 8 9; do t=$(date +%s%N); ./kairos status >/dev/null; runs+=("$(ms "$t")"); done
echo "status, agent running: median $(median "${runs[@]}") ms (${runs[*]})"
sleep "$idle"
jvm=$(pgrep -P "$up" java || echo "$up")
echo "up resident after ${idle} s idle: $(awk '/VmRSS/ {print $2 / 1024 " MB"}' "/proc/$jvm/status")"
kill -TERM "$up"; wait "$up" 2>/dev/null
runs=(); for _ in 1 2 3 4 5 6 7 8 9; do t=$(date +%s%N); ./kairos status >/dev/null; runs+=("$(ms "$t")"); done
echo "status, agent stopped: median $(median "${runs[@]}") ms (${runs[*]})"
rm -rf "$KAIROS_HOME"
