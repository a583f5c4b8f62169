//! The rules house: every rule's metadata (code, family, severity, scope, Chinese message and
//! help, English summary, the seed item it serves, bad/good examples that run as tests) and the
//! checks, one file per rule (`<family>/<code>.rs`), listed once in [`REGISTRY`].
//!
//! A check receives the [`Context`] (document + structure + vocabulary) and an [`Emitter`]; it
//! may decide several codes at once (PW001/PW002), and the emitter drops the findings of codes
//! that are not enabled. Diagnostics carry byte spans; locations are resolved later through the
//! document's source map.
//!
//! Adding a rule: write `<family>/<code>.rs` with `pub const RULE: Rule` and `pub const CHECK:
//! Check`, add `pub mod <code>;` to the family's `mod.rs` and one line to [`REGISTRY`].

pub mod drafts;
pub mod enforceability;
pub mod fees;
pub mod identity;
pub mod items;
pub mod performance;
pub mod preservation;
pub mod privacy;
pub mod recognition;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::patterns::Patterns;
use crate::structure::{Section, Structure};
use serde::Serialize;
use std::ops::Range;

pub use items::revoked_spans;

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

/// A rule family: its code prefix, its vocabulary file in `patterns/`, its place in the
/// catalogue (the declaration order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Identity,
    Privacy,
    Performance,
    Enforceability,
    Preservation,
    Fees,
    Drafts,
    Structure,
}

impl Family {
    /// Every family, in catalogue order.
    pub const ALL: [Family; 8] = [
        Family::Identity,
        Family::Privacy,
        Family::Performance,
        Family::Enforceability,
        Family::Preservation,
        Family::Fees,
        Family::Drafts,
        Family::Structure,
    ];

    /// The code prefix (ID001 → ID).
    pub const fn prefix(self) -> &'static str {
        match self {
            Family::Identity => "ID",
            Family::Privacy => "PV",
            Family::Performance => "PW",
            Family::Enforceability => "EX",
            Family::Preservation => "PR",
            Family::Fees => "FE",
            Family::Drafts => "DR",
            Family::Structure => "ST",
        }
    }

    /// The family's name (`rules --format json`, SARIF `properties.family`).
    pub const fn name(self) -> &'static str {
        match self {
            Family::Identity => "identity",
            Family::Privacy => "privacy",
            Family::Performance => "performance",
            Family::Enforceability => "enforceability",
            Family::Preservation => "preservation",
            Family::Fees => "fees",
            Family::Drafts => "drafts",
            Family::Structure => "structure",
        }
    }

    /// The family's name in Chinese (`rules`).
    pub const fn name_zh(self) -> &'static str {
        match self {
            Family::Identity => "身份信息",
            Family::Privacy => "隐私保护",
            Family::Performance => "履行提示",
            Family::Enforceability => "可执行性",
            Family::Preservation => "财产保全",
            Family::Fees => "诉讼费用",
            Family::Drafts => "草稿占位",
            Family::Structure => "文书结构",
        }
    }

    /// The family's vocabulary file in `patterns/` (without `.txt`), as the rules ask
    /// [`Patterns`] for it.
    pub const fn pattern_file(self) -> &'static str {
        self.name()
    }

    /// Position in the catalogue.
    pub const fn order(self) -> usize {
        self as usize
    }

    /// The family of a code (by its prefix).
    pub fn of_code(code: &str) -> Option<Family> {
        Family::ALL
            .into_iter()
            .find(|f| code.starts_with(f.prefix()))
    }
}

/// Whether a rule runs without being asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Default {
    /// On in the profiles the rule lists (and picked by `--select ALL` or a family prefix).
    On,
    /// Off unless its code is named explicitly (`--select FE002`, `select = ["FE002"]` in the
    /// config); `ALL` and prefixes do not turn it on.
    OptIn,
}

/// The kinds of case and document (they live with the structure that reads them from the title
/// line, the case number and the parties).
pub use crate::structure::{CaseKind, DocKind};

/// What a rule reads and where it applies: shown by `explain` and in SARIF rule descriptors.
/// An empty list means "all".
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Scope {
    /// The sections whose text the rule reads.
    pub sections: &'static [Section],
    /// The case kinds it applies to (a document whose case kind is not recognised is checked as
    /// a civil one by the rules that list [`CaseKind::Civil`]).
    pub cases: &'static [CaseKind],
    /// The document kinds it applies to.
    pub documents: &'static [DocKind],
}

impl Scope {
    /// Does the rule apply to documents of this case kind?
    pub fn covers_case(&self, k: CaseKind) -> bool {
        let k = if k == CaseKind::Unknown {
            CaseKind::Civil
        } else {
            k
        };
        self.cases.is_empty() || self.cases.contains(&k)
    }
}

/// A bad or good example: the listed sections of a clean template judgment are replaced by these
/// texts (several lines allowed). The test suite checks that bad examples fire and good ones don't.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    pub parts: &'static [(Section, &'static str)],
}

/// A rule's metadata: one code.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub code: &'static str,
    /// A readable PascalCase name, distinct from the code (SARIF `rule.name`).
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// On by default (in its profiles), or only when named.
    pub default: Default,
    /// Which sections, case kinds and document kinds it reads.
    pub scope: Scope,
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
}

impl Rule {
    /// The rule's SARIF `properties`: family, seed item, default state and scope.
    pub fn sarif_properties(&self) -> serde_json::Value {
        serde_json::json!({
            "family": self.family,
            "seed": self.seed,
            "default": self.default,
            "profiles": self.profiles,
            "scope": self.scope,
        })
    }
}

/// A check: the rules (codes) it decides and the function that decides them, once per document.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    pub rules: &'static [Rule],
    pub run: fn(&Context, &mut Emitter),
}

pub const BOTH: &[Profile] = &[Profile::Draft, Profile::Public];
pub const DRAFT_ONLY: &[Profile] = &[Profile::Draft];
pub const PUBLIC_ONLY: &[Profile] = &[Profile::Public];

/// Every check, in catalogue order (family order, then code). Adding a rule adds one line here.
pub static REGISTRY: &[Check] = &[
    identity::id001::CHECK,
    identity::id002::CHECK,
    identity::id003::CHECK,
    identity::id004::CHECK,
    identity::id005::CHECK,
    identity::id006::CHECK,
    privacy::pv001::CHECK,
    performance::pw001::CHECK, // PW001 and PW002, decided together
    performance::pw003::CHECK,
    performance::pw004::CHECK,
    enforceability::ex001::CHECK,
    enforceability::ex002::CHECK,
    enforceability::ex003::CHECK,
    enforceability::ex004::CHECK,
    enforceability::ex005::CHECK,
    enforceability::ex006::CHECK,
    enforceability::ex007::CHECK,
    enforceability::ex008::CHECK,
    enforceability::ex009::CHECK,
    enforceability::ex010::CHECK,
    enforceability::ex011::CHECK,
    enforceability::ex012::CHECK,
    enforceability::ex013::CHECK,
    enforceability::ex014::CHECK,
    enforceability::ex015::CHECK,
    enforceability::ex016::CHECK,
    preservation::pr001::CHECK,
    preservation::pr002::CHECK,
    fees::fe001::CHECK,
    fees::fe002::CHECK,
    drafts::dr001::CHECK,
    recognition::st001::CHECK,
];

/// Every rule, in catalogue order.
pub fn all() -> Vec<&'static Rule> {
    REGISTRY.iter().flat_map(|c| c.rules.iter()).collect()
}

/// Validate what the rules read from tables in the vocabulary (e.g. the statute-article table),
/// so a bad row in an override folder is an error at load time naming file and line.
pub fn validate_patterns(p: &Patterns) -> Result<(), crate::patterns::PatternError> {
    items::validate(p)?;
    enforceability::ex009::validate(p)
}

pub fn by_code(code: &str) -> Option<&'static Rule> {
    all()
        .into_iter()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}

/// Compile the rules' regexes now (see `crate::warm_up`).
pub fn warm() {
    enforceability::warm();
    identity::warm();
}

/// Where a check's findings go: those of codes not enabled in this run are dropped, so a check
/// deciding several codes runs once and reports only what was asked for.
pub struct Emitter<'o> {
    enabled: &'o [&'static str],
    out: &'o mut Vec<Diagnostic>,
}

impl<'o> Emitter<'o> {
    pub fn new(enabled: &'o [&'static str], out: &'o mut Vec<Diagnostic>) -> Emitter<'o> {
        Emitter { enabled, out }
    }

    /// Is this code enabled in the run?
    pub fn enabled(&self, code: &str) -> bool {
        self.enabled.contains(&code)
    }

    /// Report a diagnostic (dropped when its code is not enabled).
    pub fn push(&mut self, d: Diagnostic) {
        if self.enabled(d.code) {
            self.out.push(d);
        }
    }
}

impl Extend<Diagnostic> for Emitter<'_> {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        for d in iter {
            self.push(d);
        }
    }
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
    /// Every placeholder of the document (DR001's vocabulary), found once for DR001's
    /// supersession and EX012.
    placeholders: std::cell::OnceCell<Vec<Range<usize>>>,
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
            placeholders: std::cell::OnceCell::new(),
        }
    }

    /// Every placeholder of the document (××, XX, ＿＿, 【…】), as byte ranges of the document text.
    pub fn placeholders(&self) -> &[Range<usize>] {
        self.placeholders
            .get_or_init(|| drafts::placeholder_spans(self))
    }

    /// The parties (not representatives), classified as person or organisation, with the
    /// identifiers found in their lines.
    pub fn parties(&self) -> &[identity::Party<'a>] {
        self.parties
            .get_or_init(|| crate::structure::classify_parties(self.doc, self.st, self.patterns))
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
        self.st.case_kind()
    }

    /// The document kind named on the title line, if recognised (see also
    /// [`items::document_kind`], which falls back on the trigger line).
    pub fn doc_kind(&self) -> Option<DocKind> {
        self.st.info.kind
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
    use std::default::Default as Default_;

    fn codes(text: &str, profile: Profile) -> Vec<&'static str> {
        let opts = Options {
            profile,
            ..Options::default()
        };
        let rep = lint_bytes(text.as_bytes(), "example.txt", &opts);
        assert!(rep.error.is_none(), "{:?}", rep.error);
        rep.findings.iter().map(|f| f.code).collect()
    }

    /// Codes found with `rule` on: its first profile, and an opt-in rule selected by name.
    fn codes_with(text: &str, rule: &Rule) -> Vec<&'static str> {
        let opts = Options {
            profile: rule.profiles[0],
            selection: crate::Selection {
                select: if rule.default == Default::OptIn {
                    vec!["ALL".to_string(), rule.code.to_string()]
                } else {
                    Vec::new()
                },
                ..Default_::default()
            },
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
        // the declared scope is what the rules keep
        for r in all() {
            if r.scope.covers_case(CaseKind::Execution) {
                continue;
            }
            for ex in r.bad {
                let text = document_for(ex);
                let exec = text
                    .replace("民 事 判 决 书", "执 行 裁 定 书")
                    .replace("民 事 调 解 书", "执 行 裁 定 书")
                    .replace("刑 事 判 决 书", "执 行 裁 定 书")
                    .replace("民 事 裁 定 书", "执 行 裁 定 书")
                    .replace("财保", "执")
                    .replace("民初", "执")
                    .replace("刑初", "执")
                    .replace("判决如下", "裁定如下")
                    .replace("达成如下协议", "裁定如下");
                let got = codes_with(&exec, r);
                assert!(
                    !got.contains(&r.code),
                    "{} fired on an execution ruling: {got:?}",
                    r.code
                );
                if r.scope.covers_case(CaseKind::Criminal) {
                    continue;
                }
                let crim = text
                    .replace("民 事 判 决 书", "刑 事 判 决 书")
                    .replace("民 事 调 解 书", "刑 事 判 决 书")
                    .replace("民 事 裁 定 书", "刑 事 裁 定 书")
                    .replace("民初", "刑初")
                    .replace("达成如下协议", "判决如下");
                let got = codes_with(&crim, r);
                assert!(
                    !got.contains(&r.code),
                    "{} fired on a criminal judgment: {got:?}",
                    r.code
                );
            }
        }
    }

    /// The registry is the catalogue: family order, then code; each rule's family is its prefix's.
    #[test]
    fn registry_is_in_catalogue_order() {
        let rules = all();
        for r in &rules {
            assert_eq!(Family::of_code(r.code), Some(r.family), "{}", r.code);
            assert!(r.code.starts_with(r.family.prefix()));
        }
        let keys: Vec<(usize, &str)> = rules.iter().map(|r| (r.family.order(), r.code)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        // every check decides at least one code, each code in one check
        assert!(REGISTRY.iter().all(|c| !c.rules.is_empty()));
        assert_eq!(
            REGISTRY.iter().map(|c| c.rules.len()).sum::<usize>(),
            rules.len()
        );
        assert_eq!(Family::ALL.map(|f| f.order()), [0, 1, 2, 3, 4, 5, 6, 7]);
    }

    /// An opt-in rule runs only when its code is named: not by default, not by ALL or a prefix.
    #[test]
    fn opt_in_rules_need_their_code() {
        const OPT: Rule = Rule {
            code: "FE902",
            name: "SyntheticOptIn",
            default: Default::OptIn,
            ..fees::fe001::FE001
        };
        let sel = |select: &[&str], ignore: &[&str]| crate::Selection {
            select: select.iter().map(|s| s.to_string()).collect(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
            severity: vec![],
        };
        for p in [Profile::Draft, Profile::Public] {
            assert!(!sel(&[], &[]).enabled(&OPT, p));
            assert!(!sel(&["ALL"], &[]).enabled(&OPT, p));
            assert!(!sel(&["FE"], &[]).enabled(&OPT, p));
            assert!(!sel(&["FE9"], &[]).enabled(&OPT, p));
            assert!(sel(&["FE902"], &[]).enabled(&OPT, p));
            assert!(sel(&["ALL", "FE902"], &[]).enabled(&OPT, p));
            assert!(!sel(&["FE902"], &["FE"]).enabled(&OPT, p));
            assert!(!sel(&["FE902"], &["FE902"]).enabled(&OPT, p));
            // the rule it was copied from stays on by default and by prefix
            assert!(sel(&[], &[]).enabled(&fees::fe001::FE001, p));
            assert!(sel(&["FE"], &[]).enabled(&fees::fe001::FE001, p));
        }
        // `rules` and `explain` say so
        use crate::report::catalogue;
        assert!(catalogue::rule_line(&OPT).ends_with("（默认关闭，需 --select 指定）\n"));
        assert!(!catalogue::rule_line(&fees::fe001::FE001).contains("默认关闭"));
        let e = catalogue::explain(&OPT);
        assert!(e.contains("适用：默认关闭，需 --select FE902 指定"), "{e}");
        assert_eq!(OPT.sarif_properties()["default"], "optIn");
    }

    /// A check deciding several codes runs once; the emitter keeps only the enabled codes.
    #[test]
    fn emitter_gates_each_code_of_a_check() {
        let pw001 = &performance::pw001::PW001;
        let pw002 = &performance::pw001::PW002;
        let run = |ex: &Example, select: &[&str]| -> Vec<&'static str> {
            let opts = Options {
                selection: crate::Selection {
                    select: select.iter().map(|s| s.to_string()).collect(),
                    ..Default_::default()
                },
                ..Options::default()
            };
            let rep = lint_bytes(document_for(ex).as_bytes(), "t.txt", &opts);
            rep.findings.iter().map(|f| f.code).collect()
        };
        assert_eq!(run(&pw001.bad[0], &["PW001"]), ["PW001"]);
        assert_eq!(run(&pw001.bad[0], &["PW002"]), Vec::<&str>::new());
        assert_eq!(run(&pw002.bad[0], &["PW002"]), ["PW002"]);
        assert_eq!(run(&pw002.bad[0], &["PW001"]), Vec::<&str>::new());
        assert_eq!(run(&pw002.bad[0], &["PW"]), ["PW002"]);
        // the emitter itself
        let d = |code: &'static str| Diagnostic {
            code,
            severity: Severity::Error,
            message: String::new(),
            help: String::new(),
            span: 0..0,
        };
        let mut out = Vec::new();
        let mut em = Emitter::new(&["PW002"], &mut out);
        em.push(d("PW001"));
        em.extend([d("PW002"), d("PW001")]);
        assert!(em.enabled("PW002") && !em.enabled("PW001"));
        assert_eq!(out.iter().map(|d| d.code).collect::<Vec<_>>(), ["PW002"]);
    }

    /// `explain` and the SARIF descriptors carry the scope.
    #[test]
    fn scope_is_shown() {
        let r = by_code("PW003").unwrap();
        let e = crate::report::catalogue::explain(r);
        assert!(
            e.contains("检查范围：读取 诉讼经过和事实、判项、尾部；案件类型 民事；文书种类 判决书"),
            "{e}"
        );
        let p = r.sarif_properties();
        assert_eq!(p["scope"]["cases"], serde_json::json!(["civil"]));
        assert_eq!(p["scope"]["documents"], serde_json::json!(["judgment"]));
        assert_eq!(p["default"], "on");
        assert_eq!(p["family"], "performance");
        let e = crate::report::catalogue::explain(by_code("PV001").unwrap());
        assert!(e.contains("读取 全文；案件类型 全部；文书种类 全部"), "{e}");
    }

    /// The declared scope is kept in two more ways: a rule reports only in the sections it reads,
    /// and a rule limited to judgments and mediation documents is silent on a 裁定书.
    #[test]
    fn findings_stay_in_the_declared_scope() {
        for r in all() {
            let profile = r.profiles[0];
            for ex in r.bad {
                let text = document_for(ex);
                if !r.scope.sections.is_empty() {
                    let doc = crate::read::text::read(text.as_bytes()).unwrap();
                    let st = crate::structure::analyze(&doc);
                    let opts = Options {
                        profile,
                        ..Options::default()
                    };
                    for f in lint_bytes(text.as_bytes(), "t.txt", &opts).findings {
                        if f.code != r.code {
                            continue;
                        }
                        let sec = st.sections[f.paragraph - 1];
                        assert!(
                            r.scope.sections.contains(&sec),
                            "{} reported in {sec:?}, outside its scope {:?}",
                            r.code,
                            r.scope.sections
                        );
                    }
                }
                if !r.scope.documents.is_empty() && !r.scope.documents.contains(&DocKind::Ruling) {
                    let ruling = text
                        .replace("民 事 判 决 书", "民 事 裁 定 书")
                        .replace("民 事 调 解 书", "民 事 裁 定 书")
                        .replace("判决如下", "裁定如下")
                        .replace("达成如下协议", "裁定如下");
                    let got = codes(&ruling, profile);
                    assert!(
                        !got.contains(&r.code),
                        "{} fired on a 裁定书: {got:?}",
                        r.code
                    );
                }
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
            for (i, ex) in r.bad.iter().enumerate() {
                let got = codes_with(&document_for(ex), r);
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
                let got = codes_with(&document_for(ex), r);
                if got.contains(&r.code) {
                    failures.push(format!("{} good example {} fired", r.code, i + 1));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
