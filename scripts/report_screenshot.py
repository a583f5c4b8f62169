#!/usr/bin/env python3
"""docs/html-report.png: the HTML report of corpus/d01-divorce-vague.docx in headless Chromium,
cropped to the ruling items with their margin notes (pure-stdlib PNG crop: no ImageMagick/PIL).

Usage: python3 scripts/report_screenshot.py [path/to/wenshu-lint]   (needs chromium)
"""
import os
import struct
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WIDTH, HEIGHT = 1100, 3000
CROP = (1860, 2500)  # rows of the full-page shot: 裁判主文（判项） and the notes beside items 四 and 五


def png_rows(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = ihdr
    assert depth == 8 and ctype in (2, 6) and interlace == 0, ihdr
    bpp = 4 if ctype == 6 else 3
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, ctype, rows


def png_write(path, w, ctype, rows):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\x00" + r for r in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, len(rows), 8, ctype, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "wenshu-lint")
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "report.html")
        with open(page, "wb") as f:
            f.write(subprocess.run([binary, "check", "--format", "html", "corpus/d01-divorce-vague.docx"],
                                   cwd=ROOT, stdout=subprocess.PIPE).stdout)
        shot = os.path.join(tmp, "full.png")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp}/profile",
                        "--hide-scrollbars", f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={shot}",
                        "file://" + page], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        w, ctype, rows = png_rows(open(shot, "rb").read())
        png_write(os.path.join(ROOT, "docs", "html-report.png"), w, ctype, rows[CROP[0]:CROP[1]])
    print("docs/html-report.png")


if __name__ == "__main__":
    main()
