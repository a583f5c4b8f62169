#!/usr/bin/env bash
# Spark local mode next to the CLI batch, same files, same cores (issue 16): prints one table row.
#   CARGO_TARGET_DIR=target scripts/bench_spark.sh [N]      (default N=2000 mixed DOCX/PDF files)
# Needs: a release build, python3, Java and PySpark (spark-submit from /opt/spark-venv or PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
BIN=${CARGO_TARGET_DIR:-target}/release/wenshu-lint
SUBMIT=${WENSHU_SPARK_SUBMIT:-/opt/spark-venv/bin/spark-submit}
[ -x "$SUBMIT" ] || SUBMIT=$(command -v spark-submit)
ARCH=$(mktemp -d); OUT=$(mktemp -d); trap 'rm -rf "$ARCH" "$OUT"' EXIT
python3 scripts/make_archive.py "$N" "$ARCH" --kind mixed >/dev/null
t0=$(date +%s.%N)
"$BIN" check --format json --fail-on never --jobs 2 "$ARCH" >/dev/null || true
t1=$(date +%s.%N)
PATH="$(dirname "$SUBMIT"):$PATH" "$SUBMIT" --master 'local[2]' scripts/spark_check.py "$ARCH" "$OUT/r" \
  --output-format jsonl --binary "$BIN" >/dev/null 2>&1
t2=$(date +%s.%N)
python3 - "$N" "$t0" "$t1" "$t2" <<'PY'
import sys
n, t0, t1, t2 = int(sys.argv[1]), *map(float, sys.argv[2:])
cli, spark = t1 - t0, t2 - t1
print("| measurement | CLI batch (--jobs 2) | Spark local[2] | Spark / CLI throughput |")
print("|---|---|---|---|")
print(f"| {n} mixed files | {n/cli:,.0f} docs/s ({cli:.1f} s) | {n/spark:,.0f} docs/s ({spark:.1f} s, JVM start included) | {cli/spark:.2f}× |")
PY
