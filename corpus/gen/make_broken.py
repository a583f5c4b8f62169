#!/usr/bin/env python3
"""Inputs that cannot be read, for the read-error tests (each must give a READ* error, never "no findings").
usage: make_broken.py GOOD.docx GOOD.pdf OUTDIR
  empty.docx      0 bytes
  legacy.docx     an OLE2 compound file header (D0CF11E0A1B11AE1, i.e. a Word 97-2003 .doc) + junk, named .docx
  truncated.pdf   a real PDF cut in half (no xref, no trailer, no %%EOF)
  corrupt.docx    a real DOCX whose zip central directory and end record are overwritten
  (encrypted.pdf is made by regen.sh with qpdf --encrypt, user password required)"""
import io, os, random, struct, sys, zipfile

good_docx, good_pdf, out = sys.argv[1:4]
rng = random.Random(20241009)
open(os.path.join(out, 'empty.docx'), 'wb').close()

hdr = bytearray(512)
hdr[0:8] = bytes.fromhex('D0CF11E0A1B11AE1')
struct.pack_into('<HHHHH', hdr, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)   # minor, major (v3), byte order, sector/mini shift
struct.pack_into('<I', hdr, 44, 1)                                     # number of FAT sectors
struct.pack_into('<I', hdr, 48, 1)                                     # first directory sector
struct.pack_into('<I', hdr, 56, 4096)                                  # mini stream cutoff
open(os.path.join(out, 'legacy.docx'), 'wb').write(bytes(hdr) + bytes(rng.randrange(256) for _ in range(7680)))

pdf = open(good_pdf, 'rb').read()
open(os.path.join(out, 'truncated.pdf'), 'wb').write(pdf[:len(pdf) // 2])

b = bytearray(open(good_docx, 'rb').read())
cd = b.find(b'PK\x01\x02')
for i in range(cd, len(b)):
    b[i] = rng.randrange(256)
for i in range(len(b) // 3, len(b) // 3 + 64):    # and some damage inside the compressed document.xml stream
    b[i] ^= 0x5A
open(os.path.join(out, 'corrupt.docx'), 'wb').write(bytes(b))
try:
    zipfile.ZipFile(io.BytesIO(bytes(b))).testzip()
    raise SystemExit('corrupt.docx still opens as a zip')
except zipfile.BadZipFile:
    pass
print('wrote empty.docx legacy.docx truncated.pdf corrupt.docx in', out)
