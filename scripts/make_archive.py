#!/usr/bin/env python3
"""Build a court-archive-like folder of N documents from corpus/, for benchmarks (stdlib only).

usage: make_archive.py N OUTDIR [--kind mixed|docx|pdf] [--broken-every K] [--seed S]

  docx   copies of corpus/*.docx (LibreOffice renderings of the judgments)
  pdf    copies of corpus/*.lo.pdf and *.chromium.pdf
  mixed  both, 3 DOCX for every 2 PDF
Every K-th file (default 100 for mixed, 0 = none for docx/pdf) is a broken one instead: a copy of
corpus/broken/* (renamed .doc, truncated PDF, empty, damaged zip, encrypted PDF) or the scanned PDF.
Files get unique names in nested folders (YEAR/DEPT/BATCH/NNNNNN-name.ext, 200 to a folder) like a
clerk's export. OUTDIR is emptied first; keep it outside the repository (e.g. under /tmp).
Prints the number of files and bytes by kind.
"""
import argparse
import os
import random
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "corpus")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--kind", choices=["mixed", "docx", "pdf"], default="mixed")
    ap.add_argument("--broken-every", type=int, default=None)
    ap.add_argument("--seed", type=int, default=20241127)
    a = ap.parse_args()
    names = sorted(os.listdir(CORPUS))
    docx = [n for n in names if n.endswith(".docx")]
    pdf = [n for n in names if n.endswith(".lo.pdf") or n.endswith(".chromium.pdf")]
    broken = [os.path.join("broken", n) for n in sorted(os.listdir(os.path.join(CORPUS, "broken")))]
    broken.append("s01-scanned.pdf")
    if not docx or not pdf:
        sys.exit("corpus/ has no DOCX or PDF renderings")
    every = a.broken_every if a.broken_every is not None else (100 if a.kind == "mixed" else 0)
    out = os.path.abspath(a.outdir)
    if out == ROOT or out.startswith(ROOT + os.sep):
        sys.exit("OUTDIR must be outside the repository (e.g. /tmp/wenshu-archive)")
    if os.path.exists(out):
        shutil.rmtree(out)
    rng = random.Random(a.seed)
    depts = ["民事", "刑事", "行政", "执行"]
    counts, sizes = {}, {}
    cache = {}
    for i in range(a.n):
        if every and i % every == every - 1:
            src, kind = broken[(i // every) % len(broken)], "broken"
        elif a.kind == "docx" or (a.kind == "mixed" and i % 5 < 3):
            src, kind = docx[rng.randrange(len(docx))], "docx"
        else:
            src, kind = pdf[rng.randrange(len(pdf))], "pdf"
        base = os.path.basename(src)
        folder = os.path.join(out, str(2019 + i % 5), depts[(i // 5) % 4], "%04d" % (i // 200))
        os.makedirs(folder, exist_ok=True)
        if src not in cache:
            with open(os.path.join(CORPUS, src), "rb") as f:
                cache[src] = f.read()
        data = cache[src]
        with open(os.path.join(folder, "%06d-%s" % (i, base)), "wb") as f:
            f.write(data)
        counts[kind] = counts.get(kind, 0) + 1
        sizes[kind] = sizes.get(kind, 0) + len(data)
    for k in sorted(counts):
        print("%s\t%d files\t%d bytes" % (k, counts[k], sizes[k]))


if __name__ == "__main__":
    main()
