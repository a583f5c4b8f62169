#!/usr/bin/env python3
"""Cross-check our OFD fixtures with an independent reader, ofdkit (PyPI), so that the generator
(gen/make_ofd.py) and our reader (src/read/ofd) can't share a misunderstanding of GB/T 33190.

usage: check_ofd.py OUT.tsv          (pip install ofdkit; run from corpus/)

For every corpus/*.ofd with a text layer, two comparisons with the document's .txt (page-number
lines removed, NFKC, white space removed):
- "runs": ofdkit's positioned text runs (its own reading of pages, templates, TextCode X/Y and
  DeltaX), grouped into lines by baseline and sorted by x here: checks the coordinates;
- "text": ofdkit's own text extraction (its layout heuristics included).
One row per file: file, FNV-1a 64 of its bytes (tests/legacy_reading.rs checks the record matches
the committed files), ofdkit version, characters compared, runs verdict, text verdict.
"""
import glob, os, re, sys, unicodedata
import ofdkit


def squeeze(s):
    return ''.join(c for c in unicodedata.normalize('NFKC', s) if not c.isspace())


def fnv64(b):
    h = 0xcbf29ce484222325
    for x in b:
        h = ((h ^ x) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f'{h:016x}'


PAGE_NO = re.compile(r'^\s*[—-]\s*\d+\s*[—-]\s*$')


def verdict(got, want):
    if got == want:
        return 'same'
    i = next((k for k, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    return f'differs at {i}: ofdkit …{got[max(0, i - 5):i + 10]}… txt …{want[max(0, i - 5):i + 10]}…'


def runs_text(doc):
    out = []
    for page in doc.pages:
        runs = sorted(page.runs, key=lambda r: (r.y, r.x))
        lines = []
        for r in runs:
            if lines and abs(r.y - lines[-1][0]) <= 0.5 * max(r.size, 1.0):
                lines[-1][1].append(r)
            else:
                lines.append((r.y, [r]))
        for _, rs in lines:
            out.append(''.join(r.text for r in sorted(rs, key=lambda r: r.x)))
    return out


rows = []
for path in sorted(glob.glob('*.ofd')):
    doc_id = os.path.basename(path).split('.')[0]
    txt = f'{doc_id}.txt'
    data = open(path, 'rb').read()
    want = squeeze(open(txt, encoding='utf-8').read()) if os.path.exists(txt) else ''  # s01: no .txt
    try:
        with ofdkit.open(data) as doc:
            lines = runs_text(doc)
        text = ofdkit.extract_text(data)
    except Exception as e:  # an image-only file: no text to compare
        rows.append((path, fnv64(data), ofdkit.__version__, 0, f'error {type(e).__name__}', ''))
        continue
    if not lines:
        rows.append((path, fnv64(data), ofdkit.__version__, 0, 'no text', 'no text'))
        continue
    keep = lambda ls: squeeze('\n'.join(l for l in ls if not PAGE_NO.match(l)))
    rows.append((path, fnv64(data), ofdkit.__version__, len(want),
                 verdict(keep(lines), want), verdict(keep(text.split('\n')), want)))
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    f.write('# file\tfnv1a64\tofdkit\tchars\truns\ttext   (written by corpus/gen/check_ofd.py)\n')
    for r in rows:
        f.write('\t'.join(str(x) for x in r) + '\n')
print(f'{len(rows)} files; runs differ: {sum(r[4] != "same" for r in rows)}; text differs: {sum(r[5] != "same" for r in rows)}')
for r in rows:
    if r[4] != 'same' or r[5] != 'same':
        print(r)
