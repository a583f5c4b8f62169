#!/usr/bin/env bash
# Batch benchmark: wenshu-lint check on generated archives against reference tools, side by side.
#
#   scripts/bench.sh                  # N=10000 mixed archive, 5000 DOCX, 1000 PDF
#   N=2000 DOCX_N=2000 PDF_N=400 scripts/bench.sh     # quicker
#
# Needs: python3 (stdlib), hyperfine, pdftotext (poppler-utils), GNU time (/usr/bin/time -v; on
# Debian/Ubuntu `apt-get install -y time hyperfine poppler-utils`). Archives go under $WORK
# (default /tmp/wenshu-bench), never into the repository. Honours CARGO_TARGET_DIR.
# Prints one markdown table (also written to $WORK/table.md) for docs/benchmark.md.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
DOCX_N=${DOCX_N:-5000}
PDF_N=${PDF_N:-1000}
JOBS=${JOBS:-$(nproc)}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/wenshu-bench}
TARGET=${CARGO_TARGET_DIR:-target}
BIN="$TARGET/release/wenshu-lint"

for tool in hyperfine pdftotext python3; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing (apt-get install -y hyperfine poppler-utils python3)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench.sh: GNU time is missing (apt-get install -y time)" >&2; exit 2; }

cargo build --release --quiet
mkdir -p "$WORK"
python3 scripts/make_archive.py "$DOCX_N" "$WORK/docx" --kind docx >/dev/null
python3 scripts/make_archive.py "$PDF_N" "$WORK/pdf" --kind pdf >/dev/null
python3 scripts/make_archive.py "$N" "$WORK/mixed" --kind mixed >"$WORK/mixed.txt"

bytes() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {print s}'; }
mean() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][$2]['mean'])" "$1"; }

# 1. DOCX and PDF archives: whole check (walk, read, structure, rules, JSON out), all cores.
#    Exit status 1 (findings) is expected: -i.
hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$WORK/docx.json" \
  "$BIN check --format jsonl --jobs $JOBS $WORK/docx" >/dev/null
# 2. PDF: wenshu-lint against pdftotext alone on the same files and the same number of cores.
find "$WORK/pdf" -type f -name '*.pdf' -print0 >"$WORK/pdf.list"
hyperfine -i --warmup 1 --runs "$RUNS" --export-json "$WORK/pdf.json" \
  "$BIN check --format jsonl --jobs $JOBS $WORK/pdf > /dev/null" \
  "xargs -0 -P $JOBS -I{} pdftotext -q {} /dev/null < $WORK/pdf.list" >/dev/null
# 3. One typical DOCX, process start included.
hyperfine -N -i --warmup 3 --export-json "$WORK/one.json" \
  "$BIN check --format json corpus/c01-loan-clean.docx" \
  "$BIN check --format json corpus/c01-loan-clean.lo.pdf" >/dev/null
# 4. 10,000-file mixed archive with broken files: time and peak RSS (ordered json output).
/usr/bin/time -v "$BIN" check --format json --jobs "$JOBS" "$WORK/mixed" >"$WORK/mixed.json" 2>"$WORK/mixed.time" || true
RSS_KB=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$WORK/mixed.time")
MIXED_S=$(awk '/Elapsed \(wall clock\)/ {n=split($NF,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/mixed.time")
MIXED_SUM=$(python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['summary']; print(s['files'], s['unreadable'], ','.join('%s=%d'%kv for kv in sorted(s['errors_by_code'].items())))" "$WORK/mixed.json")
# 5. In-process: extraction only vs whole pipeline (benches/extract.rs).
BENCH_SECS=${BENCH_SECS:-2} cargo bench --quiet --bench extract >"$WORK/extract.md" 2>/dev/null

DOCX_S=$(mean "$WORK/docx.json" 0); PDF_S=$(mean "$WORK/pdf.json" 0); PDFTOTEXT_S=$(mean "$WORK/pdf.json" 1)
ONE_DOCX_S=$(mean "$WORK/one.json" 0); ONE_PDF_S=$(mean "$WORK/one.json" 1)
DOCX_B=$(bytes "$WORK/docx"); PDF_B=$(bytes "$WORK/pdf")

python3 - "$DOCX_N" "$DOCX_B" "$DOCX_S" "$PDF_N" "$PDF_B" "$PDF_S" "$PDFTOTEXT_S" "$ONE_DOCX_S" "$ONE_PDF_S" "$N" "$MIXED_S" "$RSS_KB" "$MIXED_SUM" "$JOBS" <<'PY' | tee "$WORK/table.md"
import sys
a = sys.argv[1:]
dn, db, ds, pn, pb, ps, pt, o1, o2, mn, ms, rss, msum, jobs = a
dn, db, ds, pn, pb, ps, pt, o1, o2, mn, ms, rss = int(dn), int(db), float(ds), int(pn), int(pb), float(ps), float(pt), float(o1), float(o2), int(mn), float(ms), int(rss)
files, unreadable, codes = (msum.split(" ") + [""])[:3]
def ok(b): return "yes" if b else "**no**"
print("| measurement | result | target | met |")
print("|---|---|---|---|")
print(f"| DOCX archive, {dn} files, --jobs {jobs} | {dn/ds:,.0f} docs/s, {db/ds/1e6:.1f} MB/s ({ds:.2f} s) | ≥ 1,000 docs/s | {ok(dn/ds >= 1000)} |")
print(f"| PDF archive, {pn} files, --jobs {jobs} | {pn/ps:,.0f} docs/s, {pb/ps/1e6:.1f} MB/s ({ps:.2f} s) | | |")
print(f"| pdftotext alone, same PDFs, xargs -P {jobs} | {pn/pt:,.0f} docs/s, {pb/pt/1e6:.1f} MB/s ({pt:.2f} s) | | |")
print(f"| PDF: wenshu-lint time / pdftotext time | {ps/pt:.2f}× | ≤ 1.00× | {ok(ps <= pt)} |")
print(f"| one DOCX judgment, `check`, process start included | {o1*1000:.1f} ms | < 30 ms | {ok(o1 < 0.030)} |")
print(f"| one PDF judgment, `check`, process start included | {o2*1000:.1f} ms | | |")
print(f"| mixed archive, {mn} files ({unreadable} broken: {codes}), json | {ms:.2f} s, {mn/ms:,.0f} docs/s, all {files} files reported | | |")
print(f"| peak RSS of that run | {rss/1024:.1f} MB | < 200 MB | {ok(rss < 200*1024)} |")
PY
echo
echo "In-process (benches/extract.rs, BENCH_SECS=${BENCH_SECS:-2}): extraction only vs read + structure + rules"
cat "$WORK/extract.md"
