#!/usr/bin/env python3
"""Image-only OFD: easyofd's PDF -> OFD renders every page as an image (no text layer), which is
what a scanned document delivered as OFD looks like.  The reader must answer READ006 (OCR needed).
The page images are then re-encoded smaller (grey, half size, JPEG quality 40) to keep the
fixture small; the OFD structure is easyofd's.

usage: make_scanned_ofd.py IN.pdf OUT.ofd      (pip install easyofd; it brings Pillow)
"""
import io, sys, zipfile
from easyofd.ofd import OFD
from PIL import Image

with open(sys.argv[1], 'rb') as f:
    pdf = f.read()
ofd = OFD().pdf2ofd(pdf, optional_text=False)
src = zipfile.ZipFile(io.BytesIO(ofd))
with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as out:
    for info in src.infolist():
        data = src.read(info)
        if info.filename.lower().endswith(('.jpg', '.jpeg')):
            im = Image.open(io.BytesIO(data)).convert('L')
            im = im.resize((im.width // 2, im.height // 2))
            buf = io.BytesIO()
            im.save(buf, 'JPEG', quality=40)
            data = buf.getvalue()
        out.writestr(info, data)
