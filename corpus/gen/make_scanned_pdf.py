#!/usr/bin/env python3
"""Wrap JPEG page images into an image-only PDF (no text layer, no fonts),
like a scanner/copier produces (copied from shared/fixtures/reading/gen).  usage: make_scanned_pdf.py OUT.pdf PAGE1.jpg [PAGE2.jpg ...]
Pages are A4 (595x842 pt); each page's content stream just paints one DCTDecode image."""
import struct, sys

def jpeg_info(b):
    i = 2
    while i < len(b):
        assert b[i] == 0xFF
        m = b[i + 1]
        ln = struct.unpack('>H', b[i + 2:i + 4])[0]
        if m in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack('>HH', b[i + 5:i + 9])
            comps = b[i + 9]
            return w, h, comps
        i += 2 + ln
    raise ValueError('no SOF')

out, pages = sys.argv[1], sys.argv[2:]
objs = []  # index = obj number - 1
def add(data):
    objs.append(data)
    return len(objs)

catalog = add(None); pages_obj = add(None)
kids = []
for jp in pages:
    b = open(jp, 'rb').read()
    w, h, comps = jpeg_info(b)
    cs = '/DeviceGray' if comps == 1 else '/DeviceRGB'
    img = add(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 '
              b'/Filter /DCTDecode /Length %d >>\nstream\n' % (w, h, cs.encode(), len(b)) + b + b'\nendstream')
    content = b'q 595 0 0 842 0 0 cm /Im0 Do Q'
    cobj = add(b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream')
    page = add(b'<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 %d 0 R >> >> '
               b'/Contents %d 0 R >>' % (pages_obj, img, cobj))
    kids.append(page)
objs[catalog - 1] = b'<< /Type /Catalog /Pages %d 0 R >>' % pages_obj
objs[pages_obj - 1] = (b'<< /Type /Pages /Kids [' + b' '.join(b'%d 0 R' % k for k in kids) +
                       b'] /Count %d >>' % len(kids))
buf = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
offs = []
for n, o in enumerate(objs, 1):
    offs.append(len(buf))
    buf += b'%d 0 obj\n' % n + o + b'\nendobj\n'
xref = len(buf)
buf += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
for o in offs:
    buf += b'%010d 00000 n \n' % o
buf += b'trailer\n<< /Size %d /Root %d 0 R /Info << /Producer (wenshu-lint corpus make_scanned_pdf.py) >> >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, catalog, xref)
open(out, 'wb').write(buf)
