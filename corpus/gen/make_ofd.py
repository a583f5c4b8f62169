#!/usr/bin/env python3
"""Typeset corpus/<id>.txt as an OFD (GB/T 33190) with a text layer, the way real producers lay
one out.  Our own generator (no OFD library), so that the reader is checked against files whose
every coordinate we know; tests/legacy_reading.rs cross-checks them with an independent reader.

usage: make_ofd.py ID OUT.ofd --layout line|char [--no-footer]

A4 (210 x 297 mm), body 16 pt (5.644 mm) on a 28 pt (9.878 mm) pitch, 28 full-width characters
to a line, 2-character first-line indent; court name and title centred and larger, case number and
signature block right-aligned, appendix title centred on a new page (roles from sections/ID.tsv,
as gen/render.py).  Full-width advance for CJK, half-width for ASCII/Latin.  Footer "— N —".

--layout line: one TextObject per line; a TextCode per run of equal advances, positions in
               DeltaX with the "g N v" repeat syntax (as Suwell/Foxit OFD writers do);
               a template page (a frame: PathObject only) on every page.
--layout char: one TextObject per character (full-width spaces included, ASCII spaces skipped),
               each with its own Boundary, no DeltaX (as PDF-to-OFD converters do); page 1's court name and title live in a template page; body lines
               inside a PageBlock.
Both: a signature (Signs/, a seal whose bytes contain text) and a stamp annotation, which are not
document text.
"""
import argparse, os, sys, zipfile
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from render import roles  # noqa: E402

MM_PER_PT = 25.4 / 72
W, H = 210.0, 297.0
SIZE = 16 * MM_PER_PT
PITCH = 28 * MM_PER_PT
COLS = 28
LEFT = (W - COLS * SIZE) / 2
RIGHT = W - LEFT
TOP, BOTTOM = 37.0, 262.0
NS = 'http://www.ofdspec.org/2016'
SEAL_TEXT = '电子签章专用'


def adv(c, size):
    return size / 2 if ord(c) < 0x1100 else size


def fmt(v):
    return f'{v:.3f}'.rstrip('0').rstrip('.')


def wrap(text, width, indent, size):
    """Greedy lines; closing punctuation never starts a line (it hangs at the end instead)."""
    lines, cur, x, avail = [], '', 0.0, width - indent
    for c in text:
        a = adv(c, size)
        if cur and x + a > avail + 1e-6 and c not in '，。、；：？！）》」』】〕”’,.;:?!)%':
            lines.append(cur)
            cur, x, avail = '', 0.0, width
        cur += c
        x += a
    if cur:
        lines.append(cur)
    return lines


def typeset(doc, footer):
    """Pages of positioned lines: (x, baseline, size, text, font, role)."""
    pages, page, y = [], [], TOP

    def new_page():
        nonlocal page, y
        pages.append(page)
        page, y = [], TOP

    for role, text in roles(doc):
        size, pitch, font = SIZE, PITCH, 1
        if role == 'court':
            size, pitch, font = 22 * MM_PER_PT, 36 * MM_PER_PT, 2
        elif role in ('title', 'apptitle'):
            size, pitch, font = 26 * MM_PER_PT if role == 'title' else 22 * MM_PER_PT, 44 * MM_PER_PT, 2
        if role == 'apptitle' and page:
            new_page()
        indent = 2 * SIZE if role == 'body' else 0.0
        lines = wrap(text, RIGHT - LEFT, indent, size) if role == 'body' else [text]
        for i, line in enumerate(lines):
            if y + pitch > BOTTOM:
                new_page()
            width = sum(adv(c, size) for c in line)
            if role in ('court', 'title', 'apptitle'):
                x = LEFT + (RIGHT - LEFT - width) / 2
            elif role == 'caseno':
                x = RIGHT - width
            elif role == 'sign':
                x = RIGHT - 2 * SIZE - width
            else:
                x = LEFT + (indent if i == 0 else 0.0)
            base = y + pitch / 2 + size * 0.35
            page.append((x, base, size, line, font, role))
            y += pitch
        if role == 'caseno':
            y += 14 * MM_PER_PT
    if page:
        pages.append(page)
    if footer:
        for n, p in enumerate(pages, 1):
            t = f'— {n} —'
            width = sum(adv(c, SIZE * 0.9) for c in t)
            p.append(((W - width) / 2, H - 20.0, SIZE * 0.9, t, 1, 'footer'))
    return pages


def g_deltas(advs):
    """DeltaX with runs of equal values written as "g N v"."""
    out, i = [], 0
    while i < len(advs):
        j = i
        while j < len(advs) and abs(advs[j] - advs[i]) < 1e-9:
            j += 1
        n = j - i
        out.append(f'g {n} {fmt(advs[i])}' if n > 1 else fmt(advs[i]))
        i = j
    return ' '.join(out)


class Ids:
    def __init__(self):
        self.n = 10

    def __call__(self):
        self.n += 1
        return self.n


def line_objects(line, ids):
    """--layout line: one TextObject; one TextCode per run of equal advance (CJK vs half-width)."""
    x, base, size, text, font, _ = line
    width = sum(adv(c, size) for c in text)
    top = base - size
    codes, run, rx, cx = [], '', 0.0, 0.0
    for c in text:
        if run and adv(c, size) != adv(run[-1], size):
            codes.append((rx, run))
            run, rx = '', cx
        run += c
        cx += adv(c, size)
    codes.append((rx, run))
    parts = []
    for rx, run in codes:
        d = [adv(c, size) for c in run[:-1]]
        dx = f' DeltaX="{g_deltas(d)}"' if d else ''
        parts.append(f'<ofd:TextCode X="{fmt(rx)}" Y="{fmt(size)}"{dx}>{escape(run)}</ofd:TextCode>')
    return (f'<ofd:TextObject ID="{ids()}" Boundary="{fmt(x)} {fmt(top)} {fmt(width)} {fmt(size * 1.2)}" '
            f'Font="{font}" Size="{fmt(size)}">' + ''.join(parts) + '</ofd:TextObject>')


def char_objects(line, ids):
    """--layout char: one TextObject per character."""
    x, base, size, text, font, _ = line
    out = []
    for c in text:
        a = adv(c, size)
        if c != ' ':  # full-width spaces (审　判　长) are drawn like any character
            out.append(f'<ofd:TextObject ID="{ids()}" Boundary="{fmt(x)} {fmt(base - size)} {fmt(a)} {fmt(size * 1.2)}" '
                       f'Font="{font}" Size="{fmt(size)}"><ofd:TextCode X="0" Y="{fmt(size)}">{escape(c)}</ofd:TextCode></ofd:TextObject>')
        x += a
    return ''.join(out)


def page_xml(objs, templates=()):
    tpl = ''.join(f'<ofd:Template TemplateID="{t}" ZOrder="Background"/>' for t in templates)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{NS}">'
            f'<ofd:Area><ofd:PhysicalBox>0 0 {fmt(W)} {fmt(H)}</ofd:PhysicalBox></ofd:Area>{tpl}'
            f'<ofd:Content><ofd:Layer ID="{objs[0]}" Type="Body">{objs[1]}</ofd:Layer></ofd:Content></ofd:Page>')


def build(doc, out, layout, footer):
    pages = typeset(doc, footer)
    ids = Ids()
    files = {}
    files['OFD.xml'] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
                        f'<ofd:DocBody><ofd:DocInfo><ofd:DocID>{doc}</ofd:DocID><ofd:Title>{doc}</ofd:Title>'
                        f'<ofd:Creator>wenshu-lint corpus/gen/make_ofd.py</ofd:Creator></ofd:DocInfo>'
                        f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
                        f'<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody></ofd:OFD>')
    files['Doc_0/PublicRes.xml'] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
                                    '<ofd:Fonts><ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/>'
                                    '<ofd:Font ID="2" FontName="黑体" FamilyName="黑体" Bold="true"/></ofd:Fonts></ofd:Res>')
    tpl_pages, page_templates = [], [[] for _ in pages]
    if layout == 'line':
        frame = (f'<ofd:PathObject ID="{ids()}" Boundary="{fmt(LEFT - 4)} {fmt(TOP - 10)} {fmt(RIGHT - LEFT + 8)} 0.5" LineWidth="0.3">'
                 f'<ofd:AbbreviatedData>M 0 0 L {fmt(RIGHT - LEFT + 8)} 0</ofd:AbbreviatedData></ofd:PathObject>')
        tpl_pages.append(('3', 'Tpls/Tpl_0/Content.xml', frame))
        for t in page_templates:
            t.append('3')
    else:
        head = [l for l in pages[0] if l[5] in ('court', 'title')]
        pages[0] = [l for l in pages[0] if l[5] not in ('court', 'title')]
        tpl_pages.append(('4', 'Tpls/Tpl_1/Content.xml', ''.join(char_objects(l, ids) for l in head)))
        page_templates[0].append('4')
    for tid, loc, body in tpl_pages:
        files[f'Doc_0/{loc}'] = page_xml((ids(), body))
    page_entries = []
    for n, (p, tpls) in enumerate(zip(pages, page_templates)):
        if layout == 'line':
            body = ''.join(line_objects(l, ids) for l in p)
        else:
            lines = [l for l in p if l[5] != 'footer']
            foot = [l for l in p if l[5] == 'footer']
            body = (f'<ofd:PageBlock ID="{ids()}">' + ''.join(char_objects(l, ids) for l in lines) + '</ofd:PageBlock>'
                    + ''.join(char_objects(l, ids) for l in foot))
        files[f'Doc_0/Pages/Page_{n}/Content.xml'] = page_xml((ids(), body), tpls)
        page_entries.append(f'<ofd:Page ID="{ids()}" BaseLoc="Pages/Page_{n}/Content.xml"/>')
    tpl_decl = ''.join(f'<ofd:TemplatePage ID="{tid}" BaseLoc="{loc}"/>' for tid, loc, _ in tpl_pages)
    files['Doc_0/Document.xml'] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{NS}">'
                                   f'<ofd:CommonData><ofd:MaxUnitID>{ids.n + 10}</ofd:MaxUnitID>'
                                   f'<ofd:PageArea><ofd:PhysicalBox>0 0 {fmt(W)} {fmt(H)}</ofd:PhysicalBox></ofd:PageArea>'
                                   f'<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{tpl_decl}</ofd:CommonData>'
                                   f'<ofd:Pages>{"".join(page_entries)}</ofd:Pages>'
                                   f'<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations></ofd:Document>')
    # a stamp annotation and a signature with its seal: not document text
    last = len(pages) - 1
    files['Doc_0/Annots/Annotations.xml'] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Annotations xmlns:ofd="{NS}">'
                                             f'<ofd:Page PageID="{last}"><ofd:FileLoc>Page_{last}/Annotation.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>')
    files[f'Doc_0/Annots/Page_{last}/Annotation.xml'] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:PageAnnot xmlns:ofd="{NS}"><ofd:Annot ID="{ids()}" Type="Stamp">'
        f'<ofd:Appearance Boundary="120 200 40 40"><ofd:TextObject ID="{ids()}" Boundary="0 0 40 40" Font="1" Size="5">'
        f'<ofd:TextCode X="2" Y="20">{SEAL_TEXT}</ofd:TextCode></ofd:TextObject></ofd:Appearance></ofd:Annot></ofd:PageAnnot>')
    files['Doc_0/Signs/Signatures.xml'] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Signatures xmlns:ofd="{NS}">'
                                           f'<ofd:Signature ID="1" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>')
    files['Doc_0/Signs/Sign_0/Signature.xml'] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Signature xmlns:ofd="{NS}"><ofd:SignedInfo>'
        f'<ofd:Provider ProviderName="wenshu-lint test"/><ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>'
        f'<ofd:StampAnnot ID="1" PageRef="{last}" Boundary="120 200 40 40"/><ofd:Seal><ofd:BaseLoc>Seal.esl</ofd:BaseLoc></ofd:Seal>'
        f'</ofd:SignedInfo><ofd:SignedValue>SignedValue.dat</ofd:SignedValue></ofd:Signature>')
    files['Doc_0/Signs/Sign_0/Seal.esl'] = ('SEAL ' + SEAL_TEXT + ' (not a real seal)').encode('utf-8')
    files['Doc_0/Signs/Sign_0/SignedValue.dat'] = bytes(range(64))
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for name in ['OFD.xml'] + sorted(k for k in files if k != 'OFD.xml'):
            data = files[name]
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data if isinstance(data, bytes) else data.encode('utf-8'))


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('id')
    ap.add_argument('out')
    ap.add_argument('--layout', choices=['line', 'char'], default='line')
    ap.add_argument('--no-footer', action='store_true')
    a = ap.parse_args()
    build(a.id, a.out, a.layout, not a.no_footer)
