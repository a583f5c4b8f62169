#!/usr/bin/env python3
"""Identity numbers for the wenshu-lint corpus.

  GB 11643-1999 公民身份号码: 6-digit region + YYYYMMDD + 3-digit sequence (17th digit odd = male,
  even = female) + MOD 11-2 check character.
  GB 32100-2015 统一社会信用代码: registration authority + type + 6-digit region + 9-char GB 11714
  organisation code (8 body chars + check) + mod-31 check character.

usage:
  ids.py person REGION YYYYMMDD 男|女 [SEQ]     print a valid 18-digit ID
  ids.py org AUTH TYPE REGION BODY8             print a valid credit code (BODY8: the org-code body)
  ids.py check FILE...                          list every ID / credit code found and whether it is valid
  ids.py fill FILE...                           replace placeholders in place (see fill() below)
"""
import hashlib, re, sys

W11643 = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
MAP11643 = '10X98765432'
ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY'
W32100 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
W11714 = [3, 7, 9, 10, 5, 8, 4, 2]


def id_check(first17):
    return MAP11643[sum(int(c) * w for c, w in zip(first17, W11643)) % 11]


def person(region, ymd, sex, seq=None, salt=''):
    """valid ID; seq is the 3-digit sequence; if None derive one from salt (deterministic)."""
    if seq is None:
        h = int(hashlib.sha1((region + ymd + salt).encode()).hexdigest(), 16)
        seq = 10 + h % 980
    seq = int(seq)
    odd = sex == '男'
    if (seq % 2 == 1) != odd:
        seq += 1
    s17 = f'{region}{ymd}{seq:03d}'
    return s17 + id_check(s17)


def id_valid(s):
    """(ok, reason) for an 18-char ID."""
    if len(s) != 18 or not re.fullmatch(r'\d{17}[\dX]', s):
        return False, 'length/characters'
    y, m, d = int(s[6:10]), int(s[10:12]), int(s[12:14])
    import datetime
    try:
        datetime.date(y, m, d)
    except ValueError:
        return False, 'impossible birth date'
    if id_check(s[:17]) != s[17]:
        return False, f'check digit should be {id_check(s[:17])}'
    return True, 'ok'


def charval(c):
    return int(c) if c.isdigit() else ord(c) - ord('A') + 10


def org_check(body8):
    r = 11 - sum(charval(c) * w for c, w in zip(body8, W11714)) % 11
    return {10: 'X', 11: '0'}.get(r, str(r))


def uscc_check(first17):
    return ALPHA[(31 - sum(ALPHA.index(c) * w for c, w in zip(first17, W32100)) % 31) % 31]


def org(auth, typ, region, body8):
    s17 = f'{auth}{typ}{region}{body8}{org_check(body8)}'
    assert len(s17) == 17 and all(c in ALPHA for c in s17), s17
    return s17 + uscc_check(s17)


def uscc_valid(s):
    if len(s) != 18 or any(c not in ALPHA for c in s):
        return False, 'length/character set'
    if org_check(s[8:16]) != s[16]:
        return False, f'org-code check should be {org_check(s[8:16])}'
    if uscc_check(s[:17]) != s[17]:
        return False, f'check char should be {uscc_check(s[:17])}'
    return True, 'ok'


def body_from(salt):
    h = hashlib.sha1(salt.encode()).hexdigest().upper()
    body = 'MA6' + ''.join(c for c in h if c in ALPHA[:10] + 'ABCDEFGHJKLMNPQRTUWXY')[:5]
    return body


def fill(path):
    """Placeholders (written by hand in the drafts):
    {P:REGION:YYYYMMDD:男}      valid citizen ID
    {PBAD:REGION:YYYYMMDD:男}   same ID with a deliberately wrong check digit
    {O:AUTHTYPE:REGION[:KEY]}   valid credit code (org-code body derived from KEY, else file + position)
    {OBAD:AUTHTYPE:REGION[:KEY]}    same with a deliberately wrong final check character"""
    t = open(path, encoding='utf-8').read()
    n = [0]

    def rep(m):
        kind, args = m.group(1), m.group(2).split(':')
        n[0] += 1
        salt = f'{path.rsplit("/", 1)[-1]}#{n[0]}'
        if kind in ('P', 'PBAD'):
            v = person(args[0], args[1], args[2])   # same person -> same number in every document
            if kind == 'PBAD':
                good = v[17]
                v = v[:17] + ('3' if good != '3' else '5')
            return v
        v = org(args[0][0], args[0][1], args[1], body_from(args[2] if len(args) > 2 else salt))
        if kind == 'OBAD':
            v = v[:17] + ALPHA[(ALPHA.index(v[17]) + 7) % 31]
        return v
    t2 = re.sub(r'\{(P|PBAD|O|OBAD):([^}]*)\}', rep, t)
    open(path, 'w', encoding='utf-8').write(t2)
    return n[0]


def check(path):
    for ln, line in enumerate(open(path, encoding='utf-8'), 1):
        for m in re.finditer(r'(?<![0-9A-Z])([0-9A-Z*]{15,18})(?![0-9A-Z])', line):
            s = m.group(1)
            if '公民身份号码' in line[max(0, m.start() - 12):m.start()] or re.fullmatch(r'\d{15}|\d{17}[\dX]', s):
                if len(s) == 18 and '统一社会信用代码' not in line[max(0, m.start() - 12):m.start()]:
                    ok, why = id_valid(s)
                    extra = ''
                    b = re.search(r'(\d{4})年(\d{1,2})月(\d{1,2})日出生', line)
                    if ok and b:
                        ymd = f'{int(b.group(1)):04d}{int(b.group(2)):02d}{int(b.group(3)):02d}'
                        if ymd != s[6:14]:
                            ok, extra = False, f' birth {s[6:14]} != stated {ymd}'
                    sx = re.search(r'，([男女])，', line)
                    if ok and sx and ((int(s[16]) % 2 == 1) != (sx.group(1) == '男')):
                        ok, extra = False, ' sex parity contradicts ' + sx.group(1)
                    print(f'{path}:{ln}: ID   {s} {"VALID" if ok else "INVALID " + why + extra}')
                    continue
                if len(s) == 15 and s.isdigit():
                    print(f'{path}:{ln}: ID15 {s} INVALID obsolete 15-digit')
                    continue
            if '统一社会信用代码' in line[max(0, m.start() - 12):m.start()]:
                ok, why = uscc_valid(s)
                print(f'{path}:{ln}: USCC {s} {"VALID" if ok else "INVALID " + why}')
            elif '*' in s:
                print(f'{path}:{ln}: MASK {s}')


if __name__ == '__main__':
    a = sys.argv[1:]
    if a[0] == 'person':
        print(person(a[1], a[2], a[3], a[4] if len(a) > 4 else None))
    elif a[0] == 'org':
        print(org(a[1], a[2], a[3], a[4]))
    elif a[0] == 'check':
        for p in a[1:]:
            check(p)
    elif a[0] == 'fill':
        for p in a[1:]:
            print(p, fill(p))
