#!/usr/bin/env python3
"""Draft corpus/sections/<id>.tsv from corpus/<id>.txt (one line per non-empty paragraph:
section, or section<TAB>item for ruling paragraphs).  The drafts were checked by eye and corrected;
rerunning overwrites them, so run it only for new documents:  draft_sections.py ../NEW.txt"""
import re, sys, os

CN = '一二三四五六七八九十'
PARTY = re.compile(r'^(原告|被告|第三人|上诉人|被上诉人|原审|申请人|被申请人|申请执行人|被执行人|案外人|再审申请人|'
                   r'公诉机关|被告人|附带民事诉讼|法定代表人|负责人|经营者|委托诉讼代理人|法定代理人|辩护人|委托代理人)')
TAIL = re.compile(r'^(如果未按|如未按|案件受理费|一审案件受理费|二审案件受理费|如不服|本判决为终审|本裁定为终审|上述协议|本调解书|'
                  r'本判决生效后|本判决发生法律效力后)')
SIGN = re.compile(r'^(审\s*判\s*长|审\s*判\s*员|代理审判员|人民陪审员|法官助理|书\s*记\s*员|[二〇○零一三四五六七八九十]{4}年.*月.*日$|本件与原本核对无异)')


def draft(lines):
    out, state, item = [], 'header', 0
    for i, L in enumerate(lines):
        if state == 'header':
            out.append(('header',))
            if re.search(r'（\d{4}）.*号$', L):
                state = 'parties'
            continue
        if state == 'parties':
            if PARTY.match(L) and '一案' not in L and '起诉书指控' not in L:
                out.append(('parties',)); continue
            state = 'procedure'
        if state == 'procedure':
            if L.startswith('本院认为') or L.endswith('如下：') or L.endswith('如下协议：'):
                state = 'reasoning'
            else:
                out.append(('procedure',)); continue
        if state == 'reasoning':
            out.append(('reasoning',))
            if L.endswith('如下：') or L.endswith('如下协议：'):
                state = 'ruling'
            continue
        if state == 'ruling':
            if TAIL.match(L):
                state = 'tail'
            elif SIGN.match(L):
                state = 'signature'
            else:
                m = re.match(r'^([' + CN + ']+)、', L)
                if m:
                    item += 1
                elif item == 0:
                    item = 1
                out.append(('ruling', item)); continue
        if state == 'tail':
            if SIGN.match(L):
                state = 'signature'
            else:
                out.append(('tail',)); continue
        if state == 'signature':
            if SIGN.match(L):
                out.append(('signature',)); continue
            state = 'appendix'
        out.append(('appendix',))
    return out


for p in sys.argv[1:]:
    lines = [l for l in open(p, encoding='utf-8').read().split('\n') if l.strip()]
    doc = os.path.basename(p).split('.')[0]
    rows = draft(lines)
    os.makedirs(os.path.join(os.path.dirname(p), 'sections'), exist_ok=True)
    with open(os.path.join(os.path.dirname(p), 'sections', doc + '.tsv'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write('\t'.join(map(str, r)) + '\n')
