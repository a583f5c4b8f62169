#!/usr/bin/env python3
"""Subset a Noto CJK SC face (CFF outlines, .ttc) to the characters of the corpus and convert it to
TrueType (quadratic) outlines, so that Chromium embeds it as CIDFontType2/Identity-H + ToUnicode (the
set-up Word produces) instead of Type 3 fonts, and the PDFs stay small.
usage: make_ttf.py TTC INDEX OUT.ttf TEXTFILE...     (needs fontTools: pip install fonttools)"""
import sys
from fontTools.ttLib import TTCollection, newTable
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

ttc, idx, out, files = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
chars = set()
for f in files:
    chars |= set(open(f, encoding='utf-8').read())
chars |= set('—0123456789 ')
font = TTCollection(ttc).fonts[idx]
opts = subset.Options()
opts.layout_features = []
opts.name_IDs = ['*']
opts.notdef_outline = True
opts.hinting = False
sub = subset.Subsetter(opts)
sub.populate(unicodes=[ord(c) for c in chars if c.strip() or c == ' '])
sub.subset(font)
# CFF -> glyf
gs = font.getGlyphSet()
glyf = newTable('glyf'); glyf.glyphs = {}; glyf.glyphOrder = font.getGlyphOrder()
for name in font.getGlyphOrder():
    pen = TTGlyphPen(gs)
    gs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
    glyf.glyphs[name] = pen.glyph()
font['glyf'] = glyf
font['loca'] = newTable('loca')
maxp = font['maxp']; maxp.tableVersion = 0x00010000
for a in ('maxZones', 'maxTwilightPoints', 'maxStorage', 'maxFunctionDefs', 'maxInstructionDefs',
          'maxStackElements', 'maxSizeOfInstructions', 'maxComponentElements'):
    setattr(maxp, a, 0)
maxp.maxZones = 1
for a in ('maxPoints', 'maxContours', 'maxCompositePoints', 'maxCompositeContours', 'maxComponentDepth'):
    setattr(maxp, a, 0)
font['head'].indexToLocFormat = 0
font['head'].glyphDataFormat = 0
del font['CFF ']
if 'VORG' in font:
    del font['VORG']
font['post'].formatType = 2.0; font['post'].extraNames = []; font['post'].mapping = {}
font.sfntVersion = '\x00\x01\x00\x00'
font.save(out)
print(out, len(chars), 'chars')
