#!/usr/bin/env python3
"""Write corpus/labels.json (draft profile) and corpus/labels-public.json (--profile public) and check
every anchor: it must occur in exactly one paragraph of the document, in the section where the finding
belongs (ID*/PV001 party lines, EX* ruling items, PW001/FE001 the last tail paragraph before the signature, PW002 the
misplaced warning, PW004 the tail notice)."""
import json, os, re, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DRAFT = {
    'c01-loan-clean': [],
    'c02-sales-clean': [],
    'u01-single-item': [],
    'a01-appeal-affirm': [],
    'a02-appeal-modify': [['PW001', '本判决为终审判决。']],
    'm01-mediation': [],
    'r01-withdraw-ruling': [],
    'k01-criminal-theft': [['EX006', '追缴被告人冯小军的违法所得，发还各被害人']],
    'd01-divorce-vague': [['EX001', '家具家电归原告孙晓燕所有'], ['EX001', '其余夫妻共同财产由双方协商分割']],
    'd02-divorce-specific': [],
    'p01-return-vague': [['EX002', '返还原告向春花财物']],
    'p02-return-specific': [],
    'e01-restore-nuisance': [['EX003', '三十日内排除妨碍，恢复原状']],
    'e02-capital-withdraw': [['EX005', '恒达商贸有限公司支付原告绵阳市科瑞电子器材有限公司货款128,000元'],
                             ['EX004', '在抽逃出资本息范围内对本判决第一项、第二项确定的债务']],
    'e03-distribution-objection': [['EX007', '由本院执行机构重新制作分配方案']],
    'e04-amount-mismatch': [['EX008', '人民币壹万贰仟元（12,500元）'], ['PW004', '第二百五十三条']],
    'i01-id-missing': [['ID002', '原告：唐志刚'], ['ID003', '被告：绵阳市宏泰汽车租赁有限公司'], ['ID001', '被告：周小勇']],
    'i02-id-invalid': [['ID004', '原告：三台县丰源农机销售有限公司'], ['ID002', '被告：龙德胜'], ['ID002', '被告：石慧敏'],
                       ['ID002', '被告：雷大富']],
    'i03-masked-draft': [['ID005', '被告：钱学武']],
    'w01-warning-after-signature': [['PW002', '被告应当在指定期间内自觉履行退款义务']],
    'w02-warning-in-reasoning': [['PW002', '邓美华应当在本判决指定的期间内自觉履行还款义务']],
    'w03-notice-appendix': [],
    'w04-no-delay-notice': [['PW003', None]],
    'f01-no-fee': [['FE001', '本判决生效后，被告应当自觉履行付款义务'], ['ID006', '经营者：柏志军']],
    'v01-public-masked': [['ID001', '原告：张某'], ['ID005', '原告：张某'], ['ID001', '被告：李某'], ['ID005', '被告：李某']],
    'v02-public-leak': [['ID005', '原告：张某'], ['ID001', '被告：李某'], ['ID005', '被告：李某']],
    # issue 9: the failure classes seen on real documents, each with documents that fire and must not
    'q01-appeal-upheld': [['PW003', None]],
    'q02-retrial-revoked': [],
    'n01-shared-deadline': [],
    'n02-labour-obligations': [['EX005', '补齐2021年3月至2023年12月的基本养老保险费'], ['EX005', '工作年限计入其人事档案']],
    'm02-mediation-instalments': [],
    'm03-mediation-no-date': [['EX005', '顺达公司赔偿谢红英医疗费、误工费、护理费等各项损失共计18,000元']],
    'z01-execution-termination': [],
    'k02-criminal-vague-property': [['EX005', '并处罚金人民币五千元'], ['EX006', '扣押在案的作案工具予以没收'],
                                    ['EX006', '扣押的手机、电瓶等物品一批'], ['EX006', '继续追缴被告人向志飞的违法所得']],
    'k03-criminal-specific-property': [],
    'f02-fee-after-affirm': [],
    'w05-creditor-time-limit': [['PW001', '上诉于四川省绵阳市中级人民法院']],
    'e05-money-no-amount': [['EX016', '返还原告谭晓军借款本金及利息'], ['EX016', '支付原告谭晓军律师费']],
    'i04-placeholders-parties': [['DR001', '原告：绵阳市晨光印务有限公司'], ['ID003', '被告：绵阳市涪城区佳艺广告制作部'],
                                 ['ID001', '被告：张庆丰'], ['ID001', '被告：Tanaka Taro（田中太郎）'],
                                 ['DR001', '第三人：绵阳市宏远纸业有限公司']],
    # issue 12 (EX009–EX015): documents that fire, and documents written the way careful courts write
    'g01-interest-vague': [['EX009', '货款86,400元及逾期付款利息；'], ['EX009', '按双方《借款协议》约定的利率计算'],
                           ['EX009', '按中国人民银行同期同类贷款基准利率计算至实际付清之日止']],
    'g02-interest-specific': [],
    'g03-continue-vague': [['EX010', '继续履行双方于2023年9月12日签订的《存量房买卖合同》；'],
                           ['EX005', '继续履行双方于2023年9月12日签订的《存量房买卖合同》；'],
                           ['EX015', '对上述债务承担连带责任']],
    'g04-continue-specific': [],
    'g05-visitation-vague': [['EX011', '探望的时间和方式由双方协商确定']],
    'g06-visitation-specific': [],
    'g07-blank-items': [['EX012', '工程质量保证金元'], ['EX012', '于年月日前支付']],
    'g08-apology-vague': [['EX013', '向原告苟永明赔礼道歉；'], ['EX013', '发布声明，为原告苟永明消除影响']],
    'g09-apology-specific': [],
    'g10-criminal-list-missing': [['EX014', '详见扣押物品清单'], ['EX014', '具体数额见附表']],
    'g11-criminal-list-attached': [],
    'g12-share-vague': [['EX015', '承担百分之七十的赔偿责任'], ['EX015', '对上述债务承担连带赔偿责任']],
    'g13-share-specific': [],
    # document shapes the structure must recognise (issue 8): all clean
    't01-state-compensation': [],
    't02-subtitle-line': [],
    't03-title-first': [],
    't04-masked-number': [],
    't05-notice-before': [],
    't06-one-line': [],
    't07-summary-appendix': [],
    't08-colon-line': [],
    't09-fee-items': [],
    't10-criminal-notes': [],
    # not a court document at all: never "no findings"
    'x01-not-a-document': [['ST001', None]],
    # issue 12 (is12b): preservation rulings (PR001) and judgments in preserved cases (PR002)
    'b01-preservation-pre-suit-vague': [['PR001', '查封被申请人罗文斌所有的房屋及车辆']],
    'b02-preservation-suit-vague': [['PR001', '冻结被告绵阳市金桥商贸有限公司名下的银行存款'],
                                    ['PR001', '查封、扣押被告绵阳市金桥商贸有限公司的其他财产']],
    'b03-preservation-limited': [],
    'b04-preservation-identified': [],
    'b05-preservation-vehicle-share': [['PR001', '冻结被告谢明轩持有的公司股权']],
    'b06-preservation-rejected': [],
    'b07-judgment-preservation-unrecorded': [['PR002', '原告邱建军于同日向本院申请财产保全']],
    'b08-judgment-preservation-recorded': [],
    'b09-mediation-preservation-fee': [['PR002', '保全费620元']],
    # issue 12 (is12b): FE002 is opt-in (labels-optin.json); ID006; EX001 inheritance, EX002
    # registration transfers, EX003 停止侵害
    'h01-fee-prepaid-unsettled': [],
    'h02-fee-refund-collect': [],
    'h03-fee-direct-payment': [],
    'h04-individual-business-operator': [['ID006', '经营者：石永红']],
    'h05-inheritance-vague': [['EX001', '其他遗产由原告向玉兰、被告向玉成各继承二分之一']],
    'h06-inheritance-specific': [],
    'h07-transfer-vague': [['EX002', '协助原告滕家豪办理房屋过户手续'], ['EX002', '协助原告滕家豪办理股权变更登记手续']],
    'h08-transfer-specific': [],
    'h09-stop-infringement-vague': [['EX003', '立即停止侵害原告四川蜀绣坊服饰有限公司注册商标专用权的行为']],
    'h10-stop-infringement-specific': [],
}
# FE002 is opt-in: scored with --select FE002 only, on the documents listed here (tests/corpus_optin.rs)
OPTIN = {
    'h01-fee-prepaid-unsettled': [['FE002', '由被告雷振宇负担（原告严丽华已预交）']],
    'h02-fee-refund-collect': [],
    'h03-fee-direct-payment': [],
    'h04-individual-business-operator': [],
    'h05-inheritance-vague': [['FE002', '由原告向玉兰、被告向玉成各负担400元']],
    'h06-inheritance-specific': [['FE002', '由原告柯文华、被告柯文军各负担900元']],
    'h07-transfer-vague': [['FE002', '由被告武海燕负担']],
    'h08-transfer-specific': [],
    'h09-stop-infringement-vague': [['FE002', '被告绵阳市涪城区丽人服装店负担420元']],
    'h10-stop-infringement-specific': [],
    'b07-judgment-preservation-unrecorded': [['FE002', '保全费1,450元，合计2,960元']],
    'b08-judgment-preservation-recorded': [['FE002', '保全费970元，合计2,025元']],
    'b09-mediation-preservation-fee': [['FE002', '保全费620元']],
    'b01-preservation-pre-suit-vague': [],
    'b04-preservation-identified': [],
    'b06-preservation-rejected': [],
    'f01-no-fee': [],
    'a02-appeal-modify': [['FE002', '一审案件受理费2,980元']],
    't09-fee-items': [['FE002', '一、二审案件受理费各450元']],
    'q02-retrial-revoked': [],
}
# drafts of corpus documents (gen/make_drafts.py): the source's findings plus one DR001 per
# paragraph with placeholders; in the public profile DR001 is off and the rest is the source's
DRAFTS = {
    'c01-loan-clean-draft': ('c01-loan-clean', ['民事判决书（模拟）', '委托诉讼代理人: [XXX]', '审　判　员　　×××']),
    'c02-sales-clean-draft': ('c02-sales-clean', ['民事判决书（草稿）', '××路××号', '书　记　员　　[XXX]']),
    'm01-mediation-draft': ('m01-mediation', ['民事调解书(征求意见稿)', '案件受理费＿＿元', '二〇二四年  月  日']),
    'd01-divorce-vague-draft': ('d01-divorce-vague', ['【待补充：说理要点】']),
}
for _d, (_src, _anchors) in DRAFTS.items():
    DRAFT[_d] = DRAFT[_src] + [['DR001', a] for a in _anchors]
# documents that are another document run together on one line: anchors and party lines are
# those of the source document
ONE_LINE = {'t06-one-line': 'c01-loan-clean'}
SUBDIRS = ['', 'odd/']
DONTCARE = {
    # a masked number may or may not also be reported as missing (ID001) or malformed (ID002)
    'i03-masked-draft': ['ID001', 'ID002'],
    # the ruling only tells the execution agency to redo the plan: whether that "imposes an obligation"
    # (so that a performance warning is required) is left open by rules.md
    'e03-distribution-objection': ['PW001'],
}
for _d, (_src, _a) in DRAFTS.items():
    if _src in DONTCARE:
        DONTCARE[_d] = DONTCARE[_src]
PUBLIC_EXTRA = {'v02-public-leak': [['PV001', '13912345678'], ['PV001', '6228480469012345678']],
                'b04-preservation-identified': [['PV001', '22710301040012345']]}
# invalid numbers (bad check digit, 15-digit form) may or may not count as an identity number for PV001
PUBLIC_DONTCARE = {'i01-id-missing': ['PV001'], 'i02-id-invalid': ['PV001']}
UNREADABLE = ['s01-scanned', 'empty', 'legacy', 'truncated', 'corrupt', 'encrypted']
WHERE = {'ID': {'parties'}, 'PV': {'parties'}, 'EX': {'ruling'}, 'PW001': {'tail', 'ruling'},
         'PR001': {'ruling'}, 'PR002': {'procedure', 'reasoning', 'ruling', 'tail'}, 'FE002': {'tail', 'ruling'},
         'FE001': {'tail', 'ruling'}, 'PW002': {'appendix', 'reasoning'}, 'PW004': {'tail'},
         'DR001': {'header', 'parties', 'procedure', 'reasoning', 'ruling', 'tail', 'signature', 'appendix'},
         'ST001': {'header', 'parties', 'procedure', 'reasoning', 'ruling', 'tail', 'signature', 'appendix'}}

sq = lambda s: ''.join(unicodedata.normalize('NFKC', s or '').split())


def txt_path(doc):
    return next(f'{ROOT}/{d}{doc}.txt' for d in SUBDIRS if os.path.exists(f'{ROOT}/{d}{doc}.txt'))


def paragraphs(doc):
    doc = ONE_LINE.get(doc, doc)
    lines = [l for l in open(txt_path(doc), encoding='utf-8').read().split('\n') if l.strip()]
    secs = [r.split('\t')[0] for r in open(f'{ROOT}/sections/{doc}.tsv', encoding='utf-8').read().split('\n') if r]
    assert len(lines) == len(secs), doc
    return list(zip(lines, secs))


def check(doc, code, anchor):
    if anchor is None:
        return
    ps = paragraphs(doc)
    hits = [(l, s) for l, s in ps if sq(anchor) in sq(l)]
    want = WHERE.get(code) or WHERE.get(code[:2])
    hits_in = [h for h in hits if h[1] in want]
    assert len(hits_in) == 1, (doc, code, anchor, hits)
    if code == 'PW001' or code == 'FE001':
        # an absent warning / fee paragraph belongs at the end of the tail (or after the last ruling
        # item when there is no tail), before the signature block
        first_sig = next(i for i, (l, s) in enumerate(ps) if s == 'signature')
        body = [(l, s) for l, s in ps[:first_sig]]
        last = next((l for l, s in reversed(body) if s == 'tail'), None) or \
            next(l for l, s in reversed(body) if s == 'ruling')
        assert sq(anchor) in sq(last), (doc, anchor, last)


def public_pv(doc):
    out = []
    for line, sec in paragraphs(doc):
        if sec != 'parties':
            continue
        m = re.search(r'公民身份号码(\d{17}[\dX])', line)
        if m:
            sys.path.insert(0, os.path.dirname(__file__))
            import ids
            if ids.id_valid(m.group(1))[0]:
                out.append(['PV001', '，'.join(line.split('，')[:2])])
    return out


draft, public = {}, {}
draft['_comment'] = ('Expected findings per document id (file name up to the first dot) for wenshu-lint --profile draft '
                     '(the default). Anchors are substrings of the paragraph the finding belongs to (party line, ruling item, '
                     'the last tail paragraph for absent PW001/FE001, the misplaced warning for PW002, the tail notice for PW004); '
                     'null = anywhere. See corpus/README.md for what each document exercises. Generated by corpus/gen/make_labels.py.')
public['_comment'] = ('Expected findings for wenshu-lint --profile public: ID001, ID003, ID005 off, PV001 on (one per party line with an '
                      'unmasked valid citizen ID, plus the phone and bank account numbers left in v02); other codes as in labels.json. '
                      'Generated by corpus/gen/make_labels.py.')
for doc, exp in DRAFT.items():
    for code, anchor in exp:
        check(doc, code, anchor)
    draft[doc] = {'expect': exp, 'dontcare': DONTCARE.get(doc, []), 'expect_error': False}
    if doc in DRAFTS:
        public[doc] = dict(public[DRAFTS[doc][0]])
        continue
    pexp = [e for e in exp if e[0] not in ('ID001', 'ID003', 'ID005', 'ID006', 'DR001')] + public_pv(doc) + PUBLIC_EXTRA.get(doc, [])
    for code, anchor in pexp:
        if code == 'PV001' and '，' not in anchor:
            assert sum(anchor in l for l, _ in paragraphs(doc)) == 1
        else:
            check(doc, code, anchor)
    pdc = [c for c in DONTCARE.get(doc, []) if c not in ('ID001', 'ID003', 'ID005')] + PUBLIC_DONTCARE.get(doc, [])
    public[doc] = {'expect': pexp, 'dontcare': pdc, 'expect_error': False}
for doc in UNREADABLE:
    draft[doc] = public[doc] = {'expect': [], 'dontcare': [], 'expect_error': True}
docs = {f.split('.')[0] for d in SUBDIRS for f in os.listdir(f'{ROOT}/{d}') if f.endswith('.txt')}
assert docs == set(DRAFT), docs ^ set(DRAFT)
optin = {'_comment': ('Expected findings of the opt-in rules (FE002) for wenshu-lint --select FE002, on the documents '
                      'listed (tests/corpus_optin.rs). Generated by corpus/gen/make_labels.py.')}
for doc, exp in OPTIN.items():
    for code, anchor in exp:
        check(doc, code, anchor)
    optin[doc] = {'expect': exp, 'dontcare': [], 'expect_error': False, 'select': ['FE002']}
json.dump(optin, open(f'{ROOT}/labels-optin.json', 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
json.dump(draft, open(f'{ROOT}/labels.json', 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
json.dump(public, open(f'{ROOT}/labels-public.json', 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
print('labels:', sum(len(v['expect']) for k, v in draft.items() if not k.startswith('_')),
      'public:', sum(len(v['expect']) for k, v in public.items() if not k.startswith('_')))
