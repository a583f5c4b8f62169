//! The rule registry: every rule's metadata in one place (code, severity, Chinese message and
//! help, English summary, the seed item it serves, bad/good examples that run as tests) and the
//! function that checks it. One file per rule family.
//!
//! Rules receive the [`Context`] (document + structure + vocabulary) and return [`Diagnostic`]s
//! with byte spans; locations are resolved later through the document's source map.

pub mod drafts;
pub mod enforceability;
pub mod fees;
pub mod identity;
pub mod performance;
pub mod privacy;
pub mod recognition;
pub mod ruling_items;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::patterns::Patterns;
use crate::structure::{Section, Structure};
use serde::Serialize;
use std::ops::Range;

/// Which documents a run is checking: drafts before issue, or copies prepared for publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    #[default]
    Draft,
    Public,
}

impl Profile {
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Draft => "draft",
            Profile::Public => "public",
        }
    }
}

/// A bad or good example: the listed sections of a clean template judgment are replaced by these
/// texts (several lines allowed). The test suite checks that bad examples fire and good ones don't.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    pub parts: &'static [(Section, &'static str)],
}

/// A rule's metadata and check.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub code: &'static str,
    /// A readable PascalCase name, distinct from the code (SARIF `rule.name`).
    pub name: &'static str,
    pub severity: Severity,
    /// identity, privacy, performance, enforceability, fees
    pub family: &'static str,
    /// English one-line summary (`rules`, SARIF shortDescription).
    pub summary: &'static str,
    /// Chinese title of the defect (the default message).
    pub message: &'static str,
    /// Chinese: what to write instead.
    pub help: &'static str,
    /// Chinese: what the rule checks, at length (`explain`).
    pub explain: &'static str,
    /// Which item of 绵中法〔2022〕92号 it serves.
    pub seed: &'static str,
    /// Profiles in which the rule is on by default.
    pub profiles: &'static [Profile],
    pub bad: &'static [Example],
    pub good: &'static [Example],
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

pub const BOTH: &[Profile] = &[Profile::Draft, Profile::Public];
pub const DRAFT_ONLY: &[Profile] = &[Profile::Draft];
pub const PUBLIC_ONLY: &[Profile] = &[Profile::Public];

/// Every rule, in catalogue order.
pub fn all() -> Vec<&'static Rule> {
    let mut v: Vec<&'static Rule> = Vec::new();
    v.extend(identity::RULES.iter());
    v.extend(performance::RULES.iter());
    v.extend(enforceability::RULES.iter());
    v.extend(ruling_items::RULES.iter());
    v.extend(fees::RULES.iter());
    v.extend(privacy::RULES.iter());
    v.extend(recognition::RULES.iter());
    v.extend(drafts::RULES.iter());
    v.sort_by_key(|r| catalogue_order(r.code));
    v
}

fn catalogue_order(code: &str) -> (usize, &str) {
    let fam = ["ID", "PV", "PW", "EX", "PR", "FE", "DR", "ST"]
        .iter()
        .position(|p| code.starts_with(p))
        .unwrap_or(9);
    (fam, code)
}

/// Validate what the rules read from tables in the vocabulary (e.g. the statute-article table),
/// so a bad row in an override folder is an error at load time naming file and line.
pub fn validate_patterns(p: &Patterns) -> Result<(), crate::patterns::PatternError> {
    performance::validate(p)?;
    ruling_items::validate(p)
}

pub fn by_code(code: &str) -> Option<&'static Rule> {
    all()
        .into_iter()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The kind of case a document decides: which rules apply depends on it (each rule's `explain`
/// says which kinds it covers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseKind {
    Civil,
    Administrative,
    Criminal,
    /// 执行 (enforcement) cases: rulings, notices and decisions of the execution agency.
    Execution,
    /// 国家赔偿 decisions.
    StateCompensation,
    Unknown,
}

/// Byte ranges of `text` that a 撤销/变更 item quotes as revoked or replaced, not ordered:
/// after 撤销, a quoted passage (“…” 「…」 "…") or the unquoted text after 即 to the end of the
/// sentence; after 变更, the quoted passage before 为. Text quoted after 维持 stays live (it is
/// upheld).
pub fn revoked_spans(text: &str) -> Vec<Range<usize>> {
    const OPEN: &[char] = &['“', '「', '"', '‘'];
    fn close_of(c: char) -> &'static [char] {
        match c {
            '“' => &['”', '"'],
            '「' => &['」'],
            '‘' => &['’'],
            _ => &['"', '”'],
        }
    }
    // end of the sentence starting at `from` (a 。 or ； outside quotes), and the quoted ranges in it
    let scan = |from: usize| -> (usize, Vec<Range<usize>>) {
        let mut quotes = Vec::new();
        let mut open: Option<(usize, char)> = None;
        for (i, c) in text[from..].char_indices() {
            let at = from + i;
            match open {
                Some((start, o)) => {
                    if close_of(o).contains(&c) {
                        quotes.push(start..at + c.len_utf8());
                        open = None;
                    }
                }
                None => {
                    if OPEN.contains(&c) {
                        open = Some((at, c));
                    } else if c == '。' || c == '；' || c == ';' {
                        return (at, quotes);
                    }
                }
            }
        }
        if let Some((start, _)) = open {
            quotes.push(start..text.len());
        }
        (text.len(), quotes)
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, _) in text.match_indices("撤销") {
        if out.iter().any(|r| r.contains(&i)) {
            continue;
        }
        let (end, quotes) = scan(i);
        if let Some(q) = quotes.first() {
            out.extend(quotes.iter().cloned().filter(|r| r.start >= q.start));
            continue;
        }
        // 即 introducing the revoked item (not 立即, 即日)
        let scope = &text[i..end];
        let ji = scope.match_indices('即').map(|(j, _)| j).find(|&j| {
            let before = scope[..j].chars().next_back();
            let after = scope[j + '即'.len_utf8()..].chars().next();
            matches!(before, Some('，' | ',' | '、' | '）' | ')'))
                || matches!(after, Some('：' | ':'))
        });
        if let Some(j) = ji {
            out.push(i + j..end);
        }
    }
    for (i, _) in text.match_indices("变更") {
        if out.iter().any(|r| r.contains(&i)) {
            continue;
        }
        let (end, quotes) = scan(i);
        let wei = text[i..end].find('为').map(|w| i + w).unwrap_or(end);
        out.extend(quotes.into_iter().filter(|q| q.end <= wei).take(1));
    }
    out.sort_by_key(|r| r.start);
    out
}

/// What a rule sees.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub st: &'a Structure,
    pub patterns: &'a Patterns,
    pub profile: Profile,
    /// The classified parties, computed once for all the ID rules.
    parties: std::cell::OnceCell<Vec<identity::Party<'a>>>,
    /// Ruling/tail paragraphs whose text quotes revoked orders, with those quotes blanked.
    live: std::cell::OnceCell<std::collections::HashMap<usize, String>>,
}

impl<'a> Context<'a> {
    pub fn new(
        doc: &'a Document,
        st: &'a Structure,
        patterns: &'a Patterns,
        profile: Profile,
    ) -> Context<'a> {
        Context {
            doc,
            st,
            patterns,
            profile,
            parties: std::cell::OnceCell::new(),
            live: std::cell::OnceCell::new(),
        }
    }

    /// The parties (not representatives), classified as person or organisation, with the
    /// identifiers found in their lines.
    pub fn parties(&self) -> &[identity::Party<'a>] {
        self.parties.get_or_init(|| identity::parties(self))
    }

    pub fn text(&self, para: usize) -> &'a str {
        self.doc.para_text(para)
    }

    /// Byte range of a whole paragraph in the document text.
    pub fn para_span(&self, para: usize) -> Range<usize> {
        let p = &self.doc.paragraphs[para];
        p.start..p.end
    }

    /// A span inside paragraph `para`, given as byte offsets within that paragraph's text.
    pub fn span_in(&self, para: usize, start: usize, end: usize) -> Range<usize> {
        let p = &self.doc.paragraphs[para];
        (p.start + start).min(p.end)..(p.start + end).min(p.end)
    }

    /// Paragraphs of a section.
    pub fn section(&self, s: Section) -> Vec<usize> {
        self.st.in_section(s).collect()
    }

    /// A diagnostic with the rule's metadata and a specific message.
    pub fn diag(&self, rule: &Rule, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: rule.code,
            severity: rule.severity,
            message: message.into(),
            help: rule.help.to_string(),
            span,
        }
    }

    /// Where an absent paragraph belongs (PW001, FE001): the last paragraph of the tail before the
    /// signature block, or the last ruling item when there is no tail; the first signature line
    /// (else the last paragraph) when neither was found.
    pub fn absence_anchor(&self) -> usize {
        let end = self.st.signature_start.unwrap_or(self.doc.paragraphs.len());
        let last_in = |s: Section| (0..end).rev().find(|&i| self.st.sections[i] == s);
        last_in(Section::Tail)
            .or_else(|| last_in(Section::Ruling))
            .or(self.st.signature_start)
            .unwrap_or(self.doc.paragraphs.len().saturating_sub(1))
    }

    /// The text of a ruling paragraph as it orders: revoked or replaced text quoted in a
    /// 撤销/变更 item (撤销…判决第三项，即“…支付…”) is blanked out with spaces of the same byte
    /// length, so offsets stay valid and the quoted obligation is never read as a live order.
    pub fn live_text(&self, para: usize) -> &str {
        let live = self.live.get_or_init(|| {
            (0..self.doc.paragraphs.len())
                .filter(|&i| matches!(self.st.sections[i], Section::Ruling | Section::Tail))
                .filter_map(|i| {
                    let text = self.doc.para_text(i);
                    let spans = revoked_spans(text);
                    if spans.is_empty() {
                        return None;
                    }
                    let mut out = String::with_capacity(text.len());
                    let mut last = 0;
                    for r in spans {
                        if r.start < last {
                            continue;
                        }
                        out.push_str(&text[last..r.start]);
                        out.extend(std::iter::repeat_n(' ', r.end - r.start));
                        last = r.end;
                    }
                    out.push_str(&text[last..]);
                    Some((i, out))
                })
                .collect()
        });
        match live.get(&para) {
            Some(s) => s.as_str(),
            None => self.doc.para_text(para),
        }
    }

    /// The case kind of the document: from the title line, the case number, or the parties.
    pub fn case_kind(&self) -> CaseKind {
        match self.st.info.case_kind.as_deref() {
            Some("民事") => CaseKind::Civil,
            Some("行政") => CaseKind::Administrative,
            Some("刑事") => CaseKind::Criminal,
            Some("执行") => CaseKind::Execution,
            Some("国家赔偿") => CaseKind::StateCompensation,
            _ => {
                let roles =
                    |r: &[&str]| self.st.parties.iter().any(|p| r.contains(&p.role.as_str()));
                if roles(&["被告人", "公诉机关", "原公诉机关", "罪犯"]) {
                    CaseKind::Criminal
                } else if roles(&["赔偿请求人", "赔偿义务机关"]) {
                    CaseKind::StateCompensation
                } else if roles(&["申请执行人", "被执行人"])
                    && !roles(&["原告", "被告", "上诉人", "被上诉人"])
                {
                    CaseKind::Execution
                } else {
                    CaseKind::Unknown
                }
            }
        }
    }

    /// Is this a civil or administrative document (not criminal, not enforcement)?
    pub fn is_civil_or_admin(&self) -> bool {
        matches!(
            self.case_kind(),
            CaseKind::Civil | CaseKind::Administrative | CaseKind::Unknown
        )
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! The clean template the rule examples are set into.
    use super::*;

    pub const TEMPLATE: &[(Section, &str)] = &[
        (Section::Header, "四川省绵阳市涪城区人民法院\n民 事 判 决 书\n（2024）川0703民初1022号"),
        (
            Section::Parties,
            "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n委托诉讼代理人：刘强，四川涪城律师事务所律师。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。\n法定代表人：王建国，该公司总经理。",
        ),
        (
            Section::Procedure,
            "原告张明与被告绵阳市鑫源建材有限公司买卖合同纠纷一案，本院于2024年3月15日立案后，依法适用简易程序，公开开庭进行了审理。本案现已审理终结。\n张明向本院提出诉讼请求：判令被告支付货款30000元。事实和理由：双方存在买卖关系，被告欠付货款。\n被告辩称，对欠款金额无异议。",
        ),
        (
            Section::Reasoning,
            "本院认为，原、被告之间的买卖合同合法有效，被告应当支付货款。依照《中华人民共和国民法典》第六百二十六条之规定，判决如下：",
        ),
        (Section::Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元。"),
        (
            Section::Tail,
            "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，减半收取275元，由被告绵阳市鑫源建材有限公司负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于四川省绵阳市中级人民法院。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行，义务人将被依法纳入失信被执行人名单、限制高消费，情节严重的依法追究拒不执行判决、裁定罪的刑事责任。",
        ),
        (Section::Signature, "审　判　员　　李　华\n二〇二四年十月九日\n法官助理　　陈　静\n书　记　员　　赵　敏"),
        (Section::Appendix, ""),
    ];

    /// The template with the example's sections replaced.
    pub fn document_for(ex: &Example) -> String {
        let mut out = Vec::new();
        for (sec, text) in TEMPLATE {
            let t = ex
                .parts
                .iter()
                .find(|(s, _)| s == sec)
                .map(|(_, t)| *t)
                .unwrap_or(text);
            if !t.is_empty() {
                out.push(t);
            }
        }
        out.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::{lint_bytes, Options};

    fn codes(text: &str, profile: Profile) -> Vec<&'static str> {
        let opts = Options {
            profile,
            ..Options::default()
        };
        let rep = lint_bytes(text.as_bytes(), "example.txt", &opts);
        assert!(rep.error.is_none(), "{:?}", rep.error);
        rep.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn template_is_clean_in_both_profiles() {
        let text = document_for(&Example { parts: &[] });
        assert_eq!(codes(&text, Profile::Draft), Vec::<&str>::new());
        assert_eq!(
            codes(&text, Profile::Public)
                .into_iter()
                .filter(|c| *c != "PV001")
                .count(),
            0
        );
    }

    #[test]
    fn revoked_quotes_are_blanked_upheld_ones_kept() {
        let t = "二、撤销某法院（2023）川01民终1号民事判决第三项，即“三、甲公司支付乙公司4亿元”；";
        let r = revoked_spans(t);
        assert_eq!(r.len(), 1);
        assert!(t[r[0].clone()].contains("4亿元"));
        // unquoted after 即, to the end of the sentence
        let t = "一、撤销原判第二项，即：二、被告支付原告违约金5000元；三、驳回其他请求。";
        let r = revoked_spans(t);
        assert_eq!(&t[r[0].clone()], "即：二、被告支付原告违约金5000元");
        // 立即 is no 即
        assert!(revoked_spans("一、撤销原判；被告立即支付原告货款100元。").is_empty());
        // upheld text stays live; 变更 revokes the old wording only
        assert!(revoked_spans("一、维持原判第一项，即“被告支付原告货款100元”；").is_empty());
        let t = "三、变更原判第二项“被告支付违约金30000元”为“被告支付违约金15000元”。";
        let r = revoked_spans(t);
        assert_eq!(r.len(), 1);
        assert!(t[r[0].clone()].contains("30000"));
        // no panics on odd quotes
        for t in ["撤销“", "撤销即", "变更为", "撤销，即“未闭合", "即撤销"] {
            let _ = revoked_spans(t);
        }
    }

    #[test]
    fn case_kinds_decide_scope() {
        let crim = document_for(&Example {
            parts: &[(
                Section::Header,
                "某某法院\n刑 事 判 决 书\n（2024）川0703刑初1号",
            )],
        });
        let exec = document_for(&Example {
            parts: &[
                (
                    Section::Header,
                    "某某法院\n执 行 裁 定 书\n（2024）川0703执1号",
                ),
                (
                    Section::Reasoning,
                    "本院认为，被执行人暂无财产可供执行。裁定如下：",
                ),
                (
                    Section::Ruling,
                    "一、终结本次执行程序；\n二、被执行人支付申请执行人货款。",
                ),
            ],
        });
        for (text, want) in [(&crim, CaseKind::Criminal), (&exec, CaseKind::Execution)] {
            let doc = crate::read::text::read(text.as_bytes()).unwrap();
            let st = crate::structure::analyze(&doc);
            let p = Patterns::builtin().unwrap();
            let ctx = Context::new(&doc, &st, &p, Profile::Draft);
            assert_eq!(ctx.case_kind(), want);
        }
        // the execution agency's ruling is no title: no EX005/EX016 on its items
        let got = codes(&exec, Profile::Draft);
        assert!(
            !got.iter()
                .any(|c| c.starts_with("EX") || c.starts_with("PW") || *c == "FE001"),
            "{got:?}"
        );
    }

    /// Every rule says in `explain` which documents it applies to, and the document-level and item
    /// rules stay silent on the kinds they exclude: each bad example, re-headed as an execution
    /// ruling, fires none of them; re-headed as a criminal judgment, only the criminal ones.
    #[test]
    fn document_kind_scope_is_stated_and_kept() {
        for r in all() {
            assert!(
                r.explain.contains("适用范围"),
                "{} explain states no scope",
                r.code
            );
        }
        let everywhere = |c: &str| {
            c.starts_with("ID")
                || c.starts_with("PV")
                || c.starts_with("ST")
                || c.starts_with("DR")
                || c == "EX008"
                || c == "EX012"
                || c == "PW004"
        };
        for r in all() {
            if everywhere(r.code) {
                continue;
            }
            for ex in r.bad {
                let text = document_for(ex);
                let exec = text
                    .replace("民 事 判 决 书", "执 行 裁 定 书")
                    .replace("民 事 调 解 书", "执 行 裁 定 书")
                    .replace("刑 事 判 决 书", "执 行 裁 定 书")
                    .replace("民初", "执")
                    .replace("刑初", "执")
                    .replace("判决如下", "裁定如下")
                    .replace("达成如下协议", "裁定如下");
                let got = codes(&exec, r.profiles[0]);
                assert!(
                    !got.contains(&r.code),
                    "{} fired on an execution ruling: {got:?}",
                    r.code
                );
                if r.code == "EX006" || r.code == "EX005" || r.code == "EX014" {
                    continue;
                }
                let crim = text
                    .replace("民 事 判 决 书", "刑 事 判 决 书")
                    .replace("民 事 调 解 书", "刑 事 判 决 书")
                    .replace("民初", "刑初")
                    .replace("达成如下协议", "判决如下");
                let got = codes(&crim, r.profiles[0]);
                assert!(
                    !got.contains(&r.code),
                    "{} fired on a criminal judgment: {got:?}",
                    r.code
                );
            }
        }
    }

    #[test]
    fn builtin_tables_validate() {
        validate_patterns(&Patterns::builtin().unwrap()).unwrap();
    }

    #[test]
    fn metadata_is_complete_and_unique() {
        let rules = all();
        let mut seen = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for r in &rules {
            assert!(seen.insert(r.code), "duplicate {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(
                r.name.len() > 5
                    && r.name.starts_with(|c: char| c.is_ascii_uppercase())
                    && r.name.chars().all(|c| c.is_ascii_alphanumeric())
                    && r.name.chars().any(|c| c.is_ascii_lowercase()),
                "{}: name {:?} is not a readable PascalCase name",
                r.code,
                r.name
            );
            assert!(
                !r.summary.is_empty()
                    && !r.message.is_empty()
                    && !r.help.is_empty()
                    && !r.explain.is_empty()
                    && !r.seed.is_empty(),
                "{}",
                r.code
            );
            assert!(
                !r.bad.is_empty() && !r.good.is_empty(),
                "{} needs bad and good examples",
                r.code
            );
        }
    }

    /// Every rule's bad examples fire that rule, and its good examples don't.
    #[test]
    fn rule_examples_hold() {
        let mut failures = Vec::new();
        for r in all() {
            let profile = r.profiles[0];
            for (i, ex) in r.bad.iter().enumerate() {
                let got = codes(&document_for(ex), profile);
                if !got.contains(&r.code) {
                    failures.push(format!(
                        "{} bad example {} did not fire (got {:?})",
                        r.code,
                        i + 1,
                        got
                    ));
                }
            }
            for (i, ex) in r.good.iter().enumerate() {
                let got = codes(&document_for(ex), profile);
                if got.contains(&r.code) {
                    failures.push(format!("{} good example {} fired", r.code, i + 1));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
