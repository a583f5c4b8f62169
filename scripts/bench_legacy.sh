#!/usr/bin/env bash
# Legacy formats (issue #15): speed and fidelity of wenshu-lint on Word 97-2003 .doc and OFD,
# side by side with antiword and catdoc (Debian) on the same .doc files.
#
#   scripts/bench_legacy.sh            # COPIES=40: 26 corpus .doc x 40, 52 corpus .ofd x 20
#
# Needs: python3, hyperfine, antiword, catdoc. Archives go under $WORK (default
# /tmp/wenshu-bench-legacy), never into the repository. Honours CARGO_TARGET_DIR.
# Fidelity: each tool's text of each corpus file against the document's .txt, both NFKC with white
# space removed: "exact" = identical, "similarity" = difflib ratio (1.0 = identical), mean over files.
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${COPIES:-40}
JOBS=${JOBS:-$(nproc)}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/wenshu-bench-legacy}
TARGET=${CARGO_TARGET_DIR:-target}
BIN="$TARGET/release/wenshu-lint"
for tool in hyperfine antiword catdoc python3; do
  command -v "$tool" >/dev/null || { echo "bench_legacy.sh: $tool is missing" >&2; exit 2; }
done
cargo build --release --quiet
rm -rf "$WORK"; mkdir -p "$WORK/doc" "$WORK/ofd"
for k in $(seq 1 "$COPIES"); do
  for f in corpus/*.doc; do cp "$f" "$WORK/doc/$k-$(basename "$f")"; done
done
for k in $(seq 1 $((COPIES / 2))); do
  for f in corpus/*.ofd; do case "$f" in *s01-*) ;; *) cp "$f" "$WORK/ofd/$k-$(basename "$f")";; esac; done
done
NDOC=$(ls "$WORK/doc" | wc -l); NOFD=$(ls "$WORK/ofd" | wc -l)
find "$WORK/doc" -type f -print0 >"$WORK/doc.list"
hyperfine -i --warmup 1 --runs "$RUNS" --export-json "$WORK/doc.json" \
  "$BIN check --format jsonl --jobs $JOBS $WORK/doc > /dev/null" \
  "xargs -0 -P $JOBS -n 1 antiword -w 0 < $WORK/doc.list > /dev/null" \
  "xargs -0 -P $JOBS -n 1 catdoc -d utf-8 -w < $WORK/doc.list > /dev/null" >/dev/null
hyperfine -i --warmup 1 --runs "$RUNS" --export-json "$WORK/ofd.json" \
  "$BIN check --format jsonl --jobs $JOBS $WORK/ofd > /dev/null" >/dev/null
python3 - "$WORK" "$BIN" "$NDOC" "$NOFD" <<'PY'
import difflib, glob, json, os, subprocess, sys, unicodedata
work, binary, ndoc, nofd = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sq = lambda s: ''.join(c for c in unicodedata.normalize('NFKC', s) if not c.isspace())
def ours(f):
    d = json.loads(subprocess.run([binary, 'dump', '--format', 'json', f], capture_output=True, text=True).stdout)
    return '\n'.join(p['text'] for p in d.get('paragraphs') or [])
tools = {'wenshu-lint': ours,
         'antiword': lambda f: subprocess.run(['antiword', '-w', '0', f], capture_output=True, text=True).stdout,
         'catdoc': lambda f: subprocess.run(['catdoc', '-d', 'utf-8', '-w', f], capture_output=True, text=True).stdout}
def fidelity(files, tool):
    exact, ratios, bad = 0, [], []
    for f in files:
        want = sq(open('corpus/' + os.path.basename(f).split('.')[0] + '.txt', encoding='utf-8').read())
        got = sq(tool(f))
        exact += got == want
        r = difflib.SequenceMatcher(None, want, got, autojunk=False).ratio()
        ratios.append(r)
        if got != want:
            bad.append(os.path.basename(f))
    return exact, sum(ratios) / len(ratios), bad
mean = lambda j, i: json.load(open(f'{work}/{j}.json'))['results'][i]['mean']
docs = sorted(glob.glob('corpus/*.doc'))
ofds = sorted(f for f in glob.glob('corpus/*.ofd') if 's01-' not in f)
print(f'| tool | .doc docs/s ({ndoc} files, {os.cpu_count()} cores) | exact text ({len(docs)} corpus .doc) | mean similarity | not exact |')
print('|---|---|---|---|---|')
for i, (name, fn) in enumerate(tools.items()):
    e, r, bad = fidelity(docs, fn)
    print(f'| {name} | {ndoc / mean("doc", i):,.0f} | {e}/{len(docs)} | {r:.4f} | {", ".join(bad) or "—"} |')
e, r, bad = fidelity(ofds, ours)
print(f'\nOFD: wenshu-lint {nofd / mean("ofd", 0):,.0f} docs/s ({nofd} files); exact text {e}/{len(ofds)}, mean similarity {r:.4f}')
PY
