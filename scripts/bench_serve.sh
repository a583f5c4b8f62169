#!/usr/bin/env bash
# Load benchmark of `wenshu-lint serve` (never a test): C concurrent clients post a mix of the
# corpus DOCX and PDF drafts for T seconds; throughput, p50/p99 latency and the server's peak RSS,
# next to `check` batch throughput on the same files and cores, and one-draft latency (one client,
# one typical DOCX, warm server).
#
#   scripts/bench_serve.sh                  # C=8 T=20 JOBS=$(nproc)
#   C=4 T=10 scripts/bench_serve.sh
#
# Needs python3 only for the arithmetic. Files are copied under $WORK (default
# /tmp/wenshu-bench-serve), never into the repository. Honours CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
C=${C:-8}
T=${T:-20}
JOBS=${JOBS:-$(nproc)}
WORK=${WORK:-/tmp/wenshu-bench-serve}
TARGET=${CARGO_TARGET_DIR:-target}
BIN="$TARGET/release/wenshu-lint"
LOAD="$TARGET/release/examples/serve_load"

cargo build --release --quiet --bin wenshu-lint --example serve_load
rm -rf "$WORK"; mkdir -p "$WORK/files" "$WORK/batch"
# the mix: every corpus DOCX and LibreOffice PDF (not the broken ones)
cp corpus/*.docx corpus/*.lo.pdf "$WORK/files/"
FILES=("$WORK"/files/*)
# the same files, 40 times over, for the batch run (enough work for a stable rate)
for k in $(seq 1 40); do mkdir -p "$WORK/batch/$k"; cp "$WORK"/files/* "$WORK/batch/$k/"; done
BATCH_N=$(find "$WORK/batch" -type f | wc -l)

# 1. check batch throughput on the same files and cores
t0=$(date +%s.%N)
"$BIN" check --isolated --format jsonl --jobs "$JOBS" "$WORK/batch" >/dev/null || true
t1=$(date +%s.%N)
BATCH_RPS=$(python3 -c "print(f'{$BATCH_N/($t1-$t0):.1f}')")

# 2. the server under load
"$BIN" serve --isolated --addr 127.0.0.1:0 --jobs "$JOBS" --queue 256 2>"$WORK/serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q http:// "$WORK/serve.log" && break; sleep 0.1; done
ADDR=$(grep -o '127.0.0.1:[0-9]*' "$WORK/serve.log" | head -1)
"$LOAD" "$ADDR" "$C" 2 "${FILES[@]}" >/dev/null   # warm-up
LOADED=$("$LOAD" "$ADDR" "$C" "$T" "${FILES[@]}")
# 3. one draft, one client, warm server
ONE=$("$LOAD" "$ADDR" 1 5 corpus/c01-loan-clean.docx)
RSS_KB=$(awk '/VmHWM/ {print $2}' /proc/$PID/status)
kill -TERM $PID; wait $PID || true; trap - EXIT

python3 - "$LOADED" "$ONE" "$BATCH_RPS" "$RSS_KB" "$C" "$JOBS" "${#FILES[@]}" <<'PY'
import json, sys
loaded, one = json.loads(sys.argv[1]), json.loads(sys.argv[2])
batch, rss, c, jobs, nfiles = float(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7]
print(f"| measurement ({jobs} lint threads, {nfiles} corpus DOCX+PDF files) | result | target |")
print("|---|---|---|")
print(f"| serve: {c} clients, {loaded['seconds']:.0f} s | {loaded['rps']:.0f} docs/s, p50 {loaded['p50_ms']:.1f} ms, p99 {loaded['p99_ms']:.1f} ms, {loaded['errors']} errors | — |")
print(f"| `check --jobs {jobs}` batch on the same files | {batch:.0f} docs/s | — |")
print(f"| serve throughput / batch throughput | {100*loaded['rps']/batch:.0f}% | ≥ 80% |")
print(f"| one typical DOCX (c01-loan-clean.docx), warm server, one client | p50 {one['p50_ms']:.2f} ms, p99 {one['p99_ms']:.2f} ms | p50 < 5 ms |")
print(f"| server peak RSS | {rss/1024:.1f} MB | — |")
PY
