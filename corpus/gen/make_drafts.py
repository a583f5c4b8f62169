#!/usr/bin/env python3
"""Write draft versions of corpus documents, as judges' drafts look before issue (issue 17):
half-width brackets and punctuation, working titles after the kind line, a kind line spaced
irregularly or split over two lines, 居民身份证号码 for 公民身份号码, item labels 1. / (一) / 一.,
empty paragraphs and stray spaces, and unfilled placeholders ([XXX], ×××, ＿＿, 【待补充】, a blank
date). Each draft must read with the same structure and give the same findings as its source,
plus one DR001 per paragraph with placeholders (tests/corpus.rs checks both).

usage: make_drafts.py            writes corpus/<id>-draft.txt and corpus/sections/<id>-draft.tsv
The DR001 anchors are listed in make_labels.py (DRAFTS)."""
import os, re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HALF = {'：': ': ', '，': ', ', '；': '; ', '（': '(', '）': ')'}


def half_width(line, chars='：，；'):
    return ''.join(HALF[c] if c in chars else c for c in line)


def relabel(line, style):
    """一、 → 1. / (一) / 一."""
    m = re.match(r'^([一二三四五六七八九十]{1,3})、', line)
    if not m:
        return line
    cn = m.group(1)
    n = '一二三四五六七八九十'.index(cn[-1]) + 1 if len(cn) == 1 else None
    rest = line[m.end():]
    if style == 'num' and n:
        return f'{n}. {rest}'
    if style == 'paren':
        return f'({cn}){rest}'
    if style == 'dot':
        return f'{cn}.{rest}'
    return line


def draft(src, title, label_style, edits, split_kind=False, id_label=False):
    lines = [l for l in open(f'{ROOT}/{src}.txt', encoding='utf-8').read().split('\n') if l.strip()]
    secs = [r for r in open(f'{ROOT}/sections/{src}.tsv', encoding='utf-8').read().split('\n') if r]
    assert len(lines) == len(secs), src
    out, out_secs = [], []
    for i, (line, sec) in enumerate(zip(lines, secs)):
        s = sec.split('\t')[0]
        if s == 'header' and re.search(r'[判裁调决]\s*[决定解]\s*书', line) and not line.endswith('法院'):
            line = line + title
            if split_kind:
                # the kind line split over two paragraphs, spaced irregularly
                k = line.replace('\u3000', '').replace(' ', '')
                cut = k.index('判') if '判' in k else k.index('裁') if '裁' in k else k.index('调')
                out += [k[:cut].replace('', ' ').strip(), k[cut:]]
                out_secs += ['header', 'header']
                continue
        if s == 'header' and re.search(r'（\d{4}）', line):
            line = half_width(line, '（）')
        if s == 'parties':
            line = half_width(line)
            if id_label:
                line = line.replace('公民身份号码', '居民身份证号码: ')
        if s in ('procedure', 'reasoning') and i % 2:
            line = half_width(line, '，')
        if s == 'reasoning' and line.endswith('如下：'):
            line = line[:-1] + ':'
        if s == 'ruling':
            line = half_width(relabel(line, label_style), '；')
        for old, new in edits.get(i, []):
            assert old in line, (src, i, old, line)
            line = line.replace(old, new)
        # stray spaces and empty paragraphs
        if i % 5 == 1:
            line = '  ' + line + ' '
        out.append(line)
        out_secs.append(sec)
        if i in (2, len(lines) - 4):
            out.append('')
            out_secs.append('')
    name = f'{src}-draft'
    open(f'{ROOT}/{name}.txt', 'w', encoding='utf-8').write('\n'.join(out) + '\n')
    open(f'{ROOT}/sections/{name}.tsv', 'w', encoding='utf-8').write(
        '\n'.join(s for l, s in zip(out, out_secs) if l.strip()) + '\n')


def line_no(src, needle):
    lines = [l for l in open(f'{ROOT}/{src}.txt', encoding='utf-8').read().split('\n') if l.strip()]
    hits = [i for i, l in enumerate(lines) if needle in l]
    assert len(hits) == 1, (src, needle, hits)
    return hits[0]


def main():
    c01 = 'c01-loan-clean'
    draft(c01, '（模拟）', 'num', {
        line_no(c01, '委托诉讼代理人：黄晓宇'): [('黄晓宇', '[XXX]')],
        line_no(c01, '审　判　员'): [('王　蕾', '×××')],
    }, id_label=True)
    c02 = 'c02-sales-clean'
    draft(c02, '（草稿）', 'paren', {
        line_no(c02, '书　记　员'): [('书　记　员　　', '书　记　员　　[XXX]')],
        line_no(c02, '被告：江油市鸿远建筑工程有限公司，住所地'): [('诗城路西段88号', '××路××号')],
    })
    m01 = 'm01-mediation'
    draft(m01, '(征求意见稿)', 'dot', {
        line_no(m01, '二〇二四年九月十二日'): [('二〇二四年九月十二日', '二〇二四年  月  日')],
        line_no(m01, '案件受理费1,950元'): [('1,950元，减半收取计975元', '＿＿元，减半收取计＿＿元')],
    })
    d01 = 'd01-divorce-vague'
    draft(d01, '', 'num', {
        line_no(d01, '本院认为'): [('本院认为，', '本院认为，【待补充：说理要点】')],
    }, split_kind=True, id_label=True)


if __name__ == '__main__':
    main()
