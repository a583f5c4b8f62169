#!/usr/bin/env python3
"""Typeset corpus/<id>.txt as a court document, for LibreOffice (.fodt) and Chromium (.html).

usage: render.py ID OUTDIR [--no-footer] [--ttf FONTDIR]

A4, 16pt Noto Serif CJK SC body (stand-in for 仿宋), 28pt line pitch, justified paragraphs with a
2-character first-line indent; court name (Noto Sans CJK SC, bold) and document kind centred, case
number right-aligned, signature block right-aligned, appendix headings bold or centred.
Paragraph roles come from corpus/sections/ID.tsv. Footer "— N —" page numbers unless --no-footer.
"""
import html, os, sys
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def roles(doc):
    lines = [l for l in open(f'{ROOT}/{doc}.txt', encoding='utf-8').read().split('\n') if l.strip()]
    secs = [r.split('\t')[0] for r in open(f'{ROOT}/sections/{doc}.tsv', encoding='utf-8').read().split('\n') if r]
    out = []
    for i, (l, s) in enumerate(zip(lines, secs)):
        if i == 0:
            r = 'court'
        elif i == 1:
            r = 'title'
        elif s == 'header':
            r = 'caseno'
        elif s == 'signature':
            r = 'sign'
        elif s == 'appendix':
            if l.startswith('附：') or (l.startswith('《') and l.endswith('》')):
                r = 'apphead'
            elif l.endswith('告知书') or l.endswith('通知书'):
                r = 'apptitle'
            elif l.endswith('人民法院') or l.endswith('日') and len(l) < 16:
                r = 'sign'
            elif l.endswith('：') and len(l) < 30:
                r = 'addressee'
            else:
                r = 'body'
        else:
            r = 'body'
        out.append((r, l))
    return out


FODT_HEAD = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Noto Serif CJK SC" svg:font-family="&apos;Noto Serif CJK SC&apos;" style:font-family-generic="roman"/>
 <style:font-face style:name="Noto Sans CJK SC" svg:font-family="&apos;Noto Sans CJK SC&apos;" style:font-family-generic="swiss"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="Noto Serif CJK SC" style:font-name-asian="Noto Serif CJK SC" fo:font-size="16pt" style:font-size-asian="16pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text">
  <style:paragraph-properties fo:text-indent="32pt" fo:line-height="28pt" fo:text-align="justify" fo:margin-top="0pt" fo:margin-bottom="0pt" style:punctuation-wrap="simple"/>
 </style:style>
 <style:style style:name="Court" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:text-indent="0pt" fo:line-height="40pt"/>
  <style:text-properties style:font-name="Noto Sans CJK SC" style:font-name-asian="Noto Sans CJK SC" fo:font-size="22pt" style:font-size-asian="22pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:text-indent="0pt" fo:line-height="48pt"/>
  <style:text-properties style:font-name="Noto Sans CJK SC" style:font-name-asian="Noto Sans CJK SC" fo:font-size="26pt" style:font-size-asian="26pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="CaseNo" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="end" fo:text-indent="0pt" fo:margin-bottom="14pt"/>
 </style:style>
 <style:style style:name="Sign" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="end" fo:text-indent="0pt" fo:margin-right="32pt"/>
 </style:style>
 <style:style style:name="AppHead" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-indent="0pt"/>
  <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="AppTitle" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:text-indent="0pt" fo:margin-top="28pt" fo:margin-bottom="14pt" fo:break-before="page"/>
  <style:text-properties style:font-name="Noto Sans CJK SC" style:font-name-asian="Noto Sans CJK SC" fo:font-size="22pt" style:font-size-asian="22pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Addressee" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-indent="0pt"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:text-indent="0pt"/>
  <style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="3.7cm" fo:margin-bottom="2.5cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm"/>
  <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.3cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">@FOOTER@</style:master-page>
</office:master-styles>
<office:body><office:text>
'''
FOOTER = '<style:footer><text:p text:style-name="Footer">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>'
FSTYLE = {'court': 'Court', 'title': 'Title', 'caseno': 'CaseNo', 'sign': 'Sign', 'apphead': 'AppHead',
          'apptitle': 'AppTitle', 'addressee': 'Addressee', 'body': 'Standard'}

CSS = """
@page { size: A4; margin: 37mm 26mm 30mm 28mm; @FOOTER@ }
body { font-family: "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28pt; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.court { font-family: "Noto Sans CJK SC", sans-serif; text-align: center; text-indent: 0; font-size: 22pt; line-height: 36pt; font-weight: bold; }
p.title { font-family: "Noto Sans CJK SC", sans-serif; text-align: center; text-indent: 0; font-size: 26pt; line-height: 44pt; font-weight: bold; }
p.caseno { text-align: right; text-indent: 0; margin-bottom: 14pt; }
p.sign { text-align: right; text-indent: 0; margin-right: 2em; }
p.apphead { text-indent: 0; font-weight: bold; }
p.apptitle { font-family: "Noto Sans CJK SC", sans-serif; text-align: center; text-indent: 0; font-size: 22pt; line-height: 36pt; font-weight: bold; page-break-before: always; margin: 14pt 0; }
p.addressee { text-indent: 0; }
"""
CSS_FOOTER = '@bottom-center { content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC", serif; font-size: 14pt; }'


def main():
    doc, outdir = sys.argv[1], sys.argv[2]
    footer = '--no-footer' not in sys.argv
    rs = roles(doc)
    body = '\n'.join(f'<text:p text:style-name="{FSTYLE[r]}">{escape(l)}</text:p>' for r, l in rs)
    fodt = FODT_HEAD.replace('@FOOTER@', FOOTER if footer else '') + body + '\n</office:text></office:body></office:document>\n'
    open(os.path.join(outdir, doc + '.fodt'), 'w', encoding='utf-8').write(fodt)
    ps = '\n'.join(f'<p class="{r}">{html.escape(l)}</p>' if r != 'body' else f'<p>{html.escape(l)}</p>' for r, l in rs)
    title = rs[1][1].replace(' ', '').replace('\u3000', '')
    css = CSS.replace("@FOOTER@", CSS_FOOTER if footer else "")
    if '--ttf' in sys.argv:   # TrueType subsets made by make_ttf.py: Chromium embeds CIDFontType2 instead of Type 3
        d = sys.argv[sys.argv.index('--ttf') + 1]
        css = ('@font-face { font-family: "CorpusSerif"; src: url("file://%s/serif.ttf"); }\n'
               '@font-face { font-family: "CorpusSans"; font-weight: bold; src: url("file://%s/sansbold.ttf"); }\n' % (d, d)
               + css.replace('"Noto Serif CJK SC"', '"CorpusSerif"').replace('"Noto Sans CJK SC"', '"CorpusSans"'))
    page = (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>\n'
            f'<style>{css}</style></head>\n<body>\n{ps}\n</body></html>\n')
    open(os.path.join(outdir, doc + '.html'), 'w', encoding='utf-8').write(page)


if __name__ == '__main__':
    main()
