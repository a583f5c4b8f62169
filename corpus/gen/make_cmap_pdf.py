#!/usr/bin/env python3
"""Hand-written PDF like Chinese typesetting / OFD->PDF tools emit: a Type0 font with a predefined
Adobe-GB1 CMap (GBK-EUC-H or UniGB-UCS2-H), the font program NOT embedded, and NO /ToUnicode.
A reader must know the predefined CMaps to get the text. Adapted from
shared/fixtures/reading/gen/make_cjk_cmap_pdf.py; adds centred heading lines, right-aligned signature
lines and a "— N —" page number at the foot of every page (which the reader must drop).

usage: make_cmap_pdf.py ID OUT.pdf [GBK-EUC-H|UniGB-UCS2-H]"""
import os, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
doc, out = sys.argv[1], sys.argv[2]
enc = sys.argv[3] if len(sys.argv) > 3 else 'GBK-EUC-H'
lines = [l for l in open(f'{ROOT}/{doc}.txt', encoding='utf-8').read().split('\n') if l.strip()]
secs = [r.split('\t')[0] for r in open(f'{ROOT}/sections/{doc}.tsv', encoding='utf-8').read().split('\n') if r]


def code(s):
    return s.encode('gbk') if enc == 'GBK-EUC-H' else s.encode('utf-16-be')


def width(s):   # every code 1 em (DW 1000; poppler shows GBK-EUC-H one-byte codes with full-width glyphs)
    return len(s)


PER_LINE, PER_PAGE, SIZE, LEFT = 28, 24, 16, 85
vis = []   # (x, text, size)
for i, (p, s) in enumerate(zip(lines, secs)):
    if i < 2:
        sz = 22 if i == 0 else 26
        vis.append((297 - width(p) * sz / 2, p, sz))
        continue
    if s == 'signature' or i == 2:
        vis.append((LEFT + PER_LINE * SIZE - width(p) * SIZE - (32 if s == 'signature' else 0), p, SIZE))
        continue
    rest, first = p, True
    while rest:
        room = PER_LINE - (2 if first else 0)
        n, w = 0, 0
        while n < len(rest) and w + width(rest[n]) <= room:
            w += width(rest[n]); n += 1
        vis.append((LEFT + (2 * SIZE if first else 0), rest[:n], SIZE))
        rest, first = rest[n:], False
pages = [vis[k:k + PER_PAGE] for k in range(0, len(vis), PER_PAGE)]

objs = []
def add(b):
    objs.append(b); return len(objs)
cat = add(None); pgs = add(None)
desc = add(b'<< /Type /FontDescriptor /FontName /FangSong /Flags 6 /FontBBox [-8 -145 1000 859] /ItalicAngle 0 '
           b'/Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>')
cid = add(b'<< /Type /Font /Subtype /CIDFontType2 /BaseFont /FangSong /CIDSystemInfo << /Registry (Adobe) '
          b'/Ordering (GB1) /Supplement 2 >> /FontDescriptor %d 0 R /DW 1000 >>' % desc)
font = add(b'<< /Type /Font /Subtype /Type0 /BaseFont /FangSong /Encoding /%s /DescendantFonts [%d 0 R] >>'
           % (enc.encode(), cid))
kids = []
for pn, pg in enumerate(pages, 1):
    ops = [b'BT']
    y = 780
    for x, txt, sz in pg:
        lead = 36 if sz > SIZE else 28
        ops.append(b'/F1 %d Tf 1 0 0 1 %.1f %d Tm <%s> Tj' % (sz, x, y, code(txt).hex().upper().encode()))
        y -= lead
    foot = '— %d —' % pn
    ops.append(b'/F1 14 Tf 1 0 0 1 %.1f 50 Tm <%s> Tj' % (297 - width(foot) * 7, code(foot).hex().upper().encode()))
    ops.append(b'ET')
    content = b'\n'.join(ops)
    c = add(b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream')
    kids.append(add(b'<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> '
                    b'/Contents %d 0 R >>' % (pgs, font, c)))
objs[cat - 1] = b'<< /Type /Catalog /Pages %d 0 R >>' % pgs
objs[pgs - 1] = b'<< /Type /Pages /Kids [' + b' '.join(b'%d 0 R' % k for k in kids) + b'] /Count %d >>' % len(kids)
buf = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
offs = []
for n, o in enumerate(objs, 1):
    offs.append(len(buf)); buf += b'%d 0 obj\n' % n + o + b'\nendobj\n'
x = len(buf)
buf += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1) + b''.join(b'%010d 00000 n \n' % o for o in offs)
buf += (b'trailer\n<< /Size %d /Root %d 0 R /Info << /Producer (wenshu-lint corpus make_cmap_pdf.py) >> >>\nstartxref\n%d\n%%%%EOF\n'
        % (len(objs) + 1, cat, x))
open(out, 'wb').write(buf)
print('wrote', out, len(pages), 'pages', enc)
