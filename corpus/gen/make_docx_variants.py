#!/usr/bin/env python3
"""Rewrite a LibreOffice DOCX of a corpus document into a Word-feature variant.

usage: make_docx_variants.py tracked|autonum ID BASE.docx OUT.docx

tracked: tracked changes by a reviewer (w:ins / w:del inside paragraphs, one wholly inserted paragraph
         whose text IS in the .txt, one wholly deleted paragraph that is NOT) — the text with all changes
         accepted equals corpus/ID.txt.
autonum: the ruling items are Word auto-numbered list paragraphs (w:numPr -> numbering.xml,
         chineseCounting "%1、"); the 一、二、 labels are NOT in the text runs. Accepted text with the
         labels restored equals corpus/ID.txt.
The script re-reads OUT.docx and asserts the equality."""
import re, sys, zipfile, os
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

mode, doc, base, out = sys.argv[1:5]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
lines = [l for l in open(f'{ROOT}/{doc}.txt', encoding='utf-8').read().split('\n') if l.strip()]
zin = zipfile.ZipFile(base)
parts = {n: zin.read(n) for n in zin.namelist()}
xml = parts['word/document.xml'].decode('utf-8')
pprs = re.findall(r'<w:p>(<w:pPr>.*?</w:pPr>)', xml)
assert len(pprs) == len(lines), (len(pprs), len(lines))
head = xml[:xml.index('<w:body>') + len('<w:body>')]
sect = re.search(r'<w:sectPr>.*?</w:sectPr>', xml, re.S).group(0)
AUTH = 'w:author="审判员助理" w:date="2025-01-14T09:30:00Z"'
nid = iter(range(200, 10000))


def t(s):
    return f'<w:r><w:rPr></w:rPr><w:t xml:space="preserve">{escape(s)}</w:t></w:r>'


def ins(s):
    return f'<w:ins w:id="{next(nid)}" {AUTH}>{t(s)}</w:ins>'


def dele(s):
    return (f'<w:del w:id="{next(nid)}" {AUTH}><w:r><w:rPr></w:rPr><w:delText xml:space="preserve">{escape(s)}'
            f'</w:delText></w:r></w:del>')


def mark(ppr, kind):
    return ppr.replace('<w:rPr></w:rPr></w:pPr>', f'<w:rPr><w:{kind} w:id="{next(nid)}" {AUTH}/></w:rPr></w:pPr>')


def edit(line, old_new_at):
    """line with `at` replaced by del(old)+ins(new) where new == at (accepted text unchanged)"""
    old, new = old_new_at
    i = line.index(new)
    return t(line[:i]) + dele(old) + ins(new) + t(line[i + len(new):])


body = []
if mode == 'tracked':
    for i, (L, ppr) in enumerate(zip(lines, pprs)):
        if L.startswith('上诉人成都锦悦餐饮管理有限公司（以下简称锦悦公司）因与'):
            body.append(f'<w:p>{ppr}{edit(L, ("2024年10月21日", "2024年10月28日"))}</w:p>')
        elif L.startswith('郑丽娟辩称'):
            body.append(f'<w:p>{ppr}{t(L)}</w:p>')
            body.append(f'<w:p>{mark(ppr, "del")}{dele("郑丽娟另称，锦悦公司撤场时损坏房屋装修，其保留另行起诉的权利。")}</w:p>')
        elif L.startswith('本院认为，锦悦公司拖欠租金'):
            a = L.index('酌定违约金为') + len('酌定违约金为')
            body.append(f'<w:p>{ppr}{t(L[:a])}{dele("20,000元")}{ins("15,000元")}{t(L[a + len("15,000元"):])}</w:p>')
        elif L.startswith('三、变更'):
            body.append(f'<w:p>{ppr}{edit(L, ("二十日内", "十日内"))}</w:p>')
        elif L == '本判决为终审判决。':
            body.append(f'<w:p>{mark(ppr, "ins")}{ins(L)}</w:p>')
        else:
            body.append(f'<w:p>{ppr}{t(L)}</w:p>')
elif mode == 'autonum':
    for L, ppr in zip(lines, pprs):
        m = re.match(r'^[一二三四五六七八九十]+、', L)
        if m and ('本判决' in L or L.startswith(('一、', '二、', '三、', '四、', '五、', '六、'))) and '判决如下' not in L:
            p2 = ppr.replace('<w:ind w:firstLine="640"/>', '').replace(
                '<w:bidi w:val="0"/>', '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:bidi w:val="0"/>', 1)
            body.append(f'<w:p>{p2}{t(L[m.end():])}</w:p>')
        else:
            body.append(f'<w:p>{ppr}{t(L)}</w:p>')
    W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    assert 'word/numbering.xml' not in parts
    parts['word/numbering.xml'] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {W}>'
        '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>').encode()
    RT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    rels = parts['word/_rels/document.xml.rels'].decode()
    parts['word/_rels/document.xml.rels'] = rels.replace(
        '</Relationships>', f'<Relationship Id="rIdNum1" Type="{RT}numbering" Target="numbering.xml"/></Relationships>').encode()
    ct = parts['[Content_Types].xml'].decode()
    parts['[Content_Types].xml'] = ct.replace('</Types>', '<Override PartName="/word/numbering.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>').encode()
else:
    raise SystemExit('mode?')

parts['word/document.xml'] = (head + ''.join(body) + sect + '</w:body></w:document>').encode('utf-8')
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for n in ['[Content_Types].xml'] + [n for n in parts if n != '[Content_Types].xml']:
        z.writestr(n, parts[n])

# --- verify: accept changes, restore list labels, compare with the .txt
NS = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
root = ET.fromstring(zipfile.ZipFile(out).read('word/document.xml'))
CN = '一二三四五六七八九十'
got, n = [], 0
for p in root.iter(NS + 'p'):
    ppr = p.find(NS + 'pPr')
    if ppr is not None and ppr.find(f'{NS}rPr/{NS}del') is not None:
        continue  # paragraph mark deleted: the paragraph goes away when changes are accepted
    text = ''.join(x.text or '' for x in p.iter(NS + 't'))   # w:delText is a different element
    if ppr is not None and ppr.find(NS + 'numPr') is not None:
        n += 1
        text = CN[n - 1] + '、' + text
    got.append(text)
assert got == lines, [(a, b) for a, b in zip(got, lines) if a != b][:3]
print('wrote', out, mode, len(got), 'paragraphs (accepted text == .txt)')
