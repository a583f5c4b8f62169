//! Document structure: which section every paragraph belongs to, the ruling items, the party
//! lines, and the header facts (document kind, case kind, case number, date).
//!
//! Rules ask this structure ("the ruling items", "the party lines") instead of scanning the text.
//! The parser works on paragraphs in reading order and anchors on the most reliable landmarks:
//! the signature block is found first (from the end), then the ruling trigger ("判决如下：") before
//! it, then the tail between the items and the signature; the parties follow the header.

use crate::document::Document;
use crate::patterns::{KeywordSet, Patterns, RegexList};
use serde::Serialize;

/// The section of a paragraph (`dump`'s `section` field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Header,
    Parties,
    Procedure,
    Reasoning,
    Ruling,
    Tail,
    Signature,
    Appendix,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Header => "header",
            Section::Parties => "parties",
            Section::Procedure => "procedure",
            Section::Reasoning => "reasoning",
            Section::Ruling => "ruling",
            Section::Tail => "tail",
            Section::Signature => "signature",
            Section::Appendix => "appendix",
        }
    }

    pub fn parse(s: &str) -> Option<Section> {
        Some(match s {
            "header" => Section::Header,
            "parties" => Section::Parties,
            "procedure" => Section::Procedure,
            "reasoning" => Section::Reasoning,
            "ruling" => Section::Ruling,
            "tail" => Section::Tail,
            "signature" => Section::Signature,
            "appendix" => Section::Appendix,
            _ => return None,
        })
    }
}

/// Header facts (`document` object in the JSON contract).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocInfo {
    /// 判决书 / 裁定书 / 调解书 / 决定书 / 通知书 / … (from the title line)
    #[serde(serialize_with = "kinds::word")]
    pub kind: Option<DocKind>,
    /// 民事 / 刑事 / 行政 / 执行 / 国家赔偿 / 司法救助 (from the title line or the case number;
    /// `Structure::case_kind` also reads the parties)
    #[serde(serialize_with = "kinds::word")]
    pub case_kind: Option<CaseKind>,
    pub case_number: Option<String>,
    /// ISO date (YYYY-MM-DD) from the signature block.
    pub date: Option<String>,
}

impl DocInfo {
    /// The date as (year, month, day).
    pub fn ymd(&self) -> Option<(i32, u32, u32)> {
        let d = self.date.as_deref()?;
        let mut it = d.split('-');
        Some((
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
        ))
    }
}

/// A party line (a party or a representative) in the parties section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyLine {
    /// 0-based paragraph index.
    pub para: usize,
    /// The role word as written (原告, 上诉人, 委托诉讼代理人 …), without the parenthesised
    /// procedural status.
    pub role: String,
    /// Byte length of the role prefix (including any （原审被告） and the colon).
    pub prefix_len: usize,
    /// A representative / prosecutor line, never itself a party to identify.
    pub representative: bool,
}

/// One ruling item (判项): its number and paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulingItem {
    /// 1-based item number.
    pub number: u32,
    /// 0-based paragraph indices, first is the item's own paragraph.
    pub paras: Vec<usize>,
    /// Bracketed notes that follow the item and are not part of the order itself (criminal
    /// items: "（刑期从…起计算。罚金于…缴纳。）"): section ruling, no item number.
    pub notes: Vec<usize>,
}

/// The structure of one document.
#[derive(Debug, Clone)]
pub struct Structure {
    pub info: DocInfo,
    /// One section per paragraph of the document.
    pub sections: Vec<Section>,
    /// Ruling item number per paragraph (ruling paragraphs only).
    pub item_of: Vec<Option<u32>>,
    pub parties: Vec<PartyLine>,
    pub items: Vec<RulingItem>,
    /// 0-based index of the paragraph that introduces the items (判决如下：…), if any.
    pub trigger: Option<usize>,
    /// 0-based index of the first signature paragraph, if any.
    pub signature_start: Option<usize>,
    /// `info.case_kind`, or the kind the party roles imply (see `case_kind`).
    case_kind: CaseKind,
    /// A preservation ruling (诉前/诉讼财产保全 民事裁定书): a document kind of its own, whose
    /// operative part (the ruling section) takes the measures.
    pub preservation_ruling: bool,
    /// The kind the title line states, else the one the ruling trigger implies (判决如下 →
    /// judgment, 裁定如下 → ruling, …协议 → mediation).
    pub doc_kind: Option<DocKind>,
}

impl Structure {
    /// 0-based paragraph indices in `section`.
    pub fn in_section(&self, section: Section) -> impl Iterator<Item = usize> + '_ {
        self.sections
            .iter()
            .enumerate()
            .filter(move |(_, s)| **s == section)
            .map(|(i, _)| i)
    }

    pub fn is_mediation(&self) -> bool {
        self.info.kind == Some(DocKind::Mediation)
    }

    /// The case kind of the document: from the title line or the case number, else from the
    /// party roles (被告人 → criminal, 赔偿请求人 → state compensation, 申请执行人 without
    /// 原告/被告 → execution; patterns/structure.txt). A 司法救助 header is read like no case
    /// kind: no rule is scoped to it.
    pub fn case_kind(&self) -> CaseKind {
        self.case_kind
    }
}

/// The case kind from the header, else from the party roles.
fn case_kind_of(v: &Vocab, info: &DocInfo, parties: &[PartyLine]) -> CaseKind {
    match info.case_kind {
        Some(k) if k != CaseKind::JudicialAid => k,
        _ => {
            let roles = |set: &KeywordSet| parties.iter().any(|p| set.exact(&p.role));
            if roles(v.criminal_role) {
                CaseKind::Criminal
            } else if roles(v.state_compensation_role) {
                CaseKind::StateCompensation
            } else if roles(v.execution_role) && !roles(v.litigation_role) {
                CaseKind::Execution
            } else {
                CaseKind::Unknown
            }
        }
    }
}

/// The structure vocabulary (patterns/structure.txt), looked up once per document; the sets are
/// compiled once per `Patterns`.
pub struct Vocab<'p> {
    pub party_role: &'p KeywordSet,
    pub representative_role: &'p KeywordSet,
    pub party_prose: &'p KeywordSet,
    pub procedure_marker: &'p KeywordSet,
    pub reasoning_opening: &'p KeywordSet,
    pub trigger: &'p RegexList,
    pub item_note_word: &'p KeywordSet,
    pub order_opening: &'p KeywordSet,
    pub tail_opening: &'p KeywordSet,
    pub tail_effective_opening: &'p KeywordSet,
    pub tail_warning_word: &'p KeywordSet,
    pub tail_phrase: &'p KeywordSet,
    pub fee_word: &'p KeywordSet,
    pub fee_borne_word: &'p KeywordSet,
    pub fee_both_instances: &'p KeywordSet,
    pub signature_role: &'p KeywordSet,
    pub clerk_role: &'p KeywordSet,
    pub judge_title_word: &'p KeywordSet,
    pub signature_extra: &'p KeywordSet,
    pub court_seal: &'p KeywordSet,
    pub date_placeholder: &'p RegexList,
    pub case_number: &'p RegexList,
    pub bare_case_number: &'p RegexList,
    pub court_ending: &'p KeywordSet,
    pub working_title: &'p RegexList,
    pub criminal_role: &'p KeywordSet,
    pub state_compensation_role: &'p KeywordSet,
    pub execution_role: &'p KeywordSet,
    pub litigation_role: &'p KeywordSet,
    /// Preservation rulings (patterns/preservation.txt): case numbers, applications, measures.
    pub preservation_case_number: &'p RegexList,
    pub preservation_application: &'p RegexList,
    pub preservation_measure: &'p KeywordSet,
}

impl<'p> Vocab<'p> {
    pub fn new(p: &'p Patterns) -> Vocab<'p> {
        let k = |s| p.keywords("structure", s);
        let r = |s| p.regexes("structure", s);
        Vocab {
            party_role: k("party_role"),
            representative_role: k("representative_role"),
            party_prose: k("party_prose"),
            procedure_marker: k("procedure_marker"),
            reasoning_opening: k("reasoning_opening"),
            trigger: r("trigger"),
            item_note_word: k("item_note_word"),
            order_opening: k("order_opening"),
            tail_opening: k("tail_opening"),
            tail_effective_opening: k("tail_effective_opening"),
            tail_warning_word: k("tail_warning_word"),
            tail_phrase: k("tail_phrase"),
            fee_word: k("fee_word"),
            fee_borne_word: k("fee_borne_word"),
            fee_both_instances: k("fee_both_instances"),
            signature_role: k("signature_role"),
            clerk_role: k("clerk_role"),
            judge_title_word: k("judge_title_word"),
            signature_extra: k("signature_extra"),
            court_seal: k("court_seal"),
            date_placeholder: r("date_placeholder"),
            case_number: r("case_number"),
            bare_case_number: r("bare_case_number"),
            court_ending: k("court_ending"),
            working_title: r("working_title"),
            criminal_role: k("criminal_role"),
            state_compensation_role: k("state_compensation_role"),
            execution_role: k("execution_role"),
            litigation_role: k("litigation_role"),
            preservation_case_number: p.regexes("preservation", "case_number"),
            preservation_application: p.regexes("preservation", "application"),
            preservation_measure: p.keywords("preservation", "measure"),
        }
    }

    /// The built-in vocabulary.
    pub fn builtin() -> Vocab<'static> {
        Vocab::new(crate::builtin_patterns())
    }
}

/// Paragraph text without any white space (letter-spaced titles and signatures).
pub(crate) fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

pub use crate::numerals::cn_number;
pub use kinds::{CaseKind, DocKind};
pub use parties::{classify_parties, foreign_name, party_role, Party, PartyKind};
pub use ruling::revoked_spans;
pub use signature::{parse_date_line, signature_role};

mod appendix;
mod header;
mod kinds;
mod parties;
mod procedure;
mod ruling;
mod signature;
mod tail;

/// Parse the structure of a document with the built-in vocabulary.
pub fn analyze(doc: &Document) -> Structure {
    analyze_with(doc, &Vocab::builtin())
}

/// Parse the structure of a document. The phases run in this order because each bounds the
/// next: the header and the signature block are the most reliable landmarks, the parties follow
/// the header, the trigger ends the procedure, the items and the tail sit between the trigger and
/// the signature, and whatever follows the signature is the appendix.
pub fn analyze_with(doc: &Document, v: &Vocab) -> Structure {
    let n = doc.paragraphs.len();
    let texts: Vec<&str> = (0..n).map(|i| doc.para_text(i)).collect();
    let mut sections = vec![Section::Procedure; n];
    let mut item_of = vec![None; n];
    let mut info = DocInfo::default();

    // Header: court line(s), kind line, case number — up to the first party line.
    let header_end = header::find_header(v, &texts, &mut info);
    mark(&mut sections, 0..header_end, Section::Header);

    // Signature block: the judges and the date, wherever else 审判员 appears.
    let (signature_start, signature_end) = match signature::find_signature(v, &texts, header_end) {
        Some((s, e)) => (Some(s), e),
        None => (None, n),
    };
    let body_end = signature_start.unwrap_or(n);

    // Parties: from the header on, while paragraphs are party/representative lines.
    let (parties, parties_end) = parties::find_parties(v, &texts, header_end, body_end);
    mark(&mut sections, header_end..parties_end, Section::Parties);

    // Procedure and reasoning, up to the ruling trigger ("…如下：").
    let trigger = procedure::mark_procedure(v, &texts, parties_end, body_end, &mut sections);

    // Ruling items and tail.
    let items = match trigger {
        Some(t) => ruling::mark_ruling(v, &texts, t, body_end, &mut sections, &mut item_of),
        None => {
            tail::mark_tail_without_trigger(v, &texts, parties_end, body_end, &mut sections);
            Vec::new()
        }
    };

    // Signature and appendix.
    if let Some(s) = signature_start {
        mark(&mut sections, s..signature_end, Section::Signature);
        appendix::mark_appendix(&mut sections, signature_end);
        info.date = signature::signature_date(&texts, s, signature_end);
    }

    if info.case_kind.is_none() {
        info.case_kind = info
            .case_number
            .as_deref()
            .and_then(header::case_kind_from_number);
    }
    let case_kind = case_kind_of(v, &info, &parties);
    // the kind the title line states, else the one the trigger implies
    let doc_kind = info.kind.or_else(|| {
        let t = texts[trigger?];
        if t.contains("判决如下") || t.contains("判决：") {
            Some(DocKind::Judgment)
        } else if t.contains("裁定如下") || t.contains("裁定：") {
            Some(DocKind::Ruling)
        } else if t.contains("协议") {
            Some(DocKind::Mediation)
        } else {
            None
        }
    });
    let preservation_ruling =
        ruling::is_preservation_ruling(v, &texts, &info, doc_kind, case_kind, &sections, &items);

    Structure {
        info,
        sections,
        item_of,
        parties,
        items,
        trigger,
        signature_start,
        case_kind,
        preservation_ruling,
        doc_kind,
    }
}

/// Set the section of the paragraphs in `range`.
fn mark(sections: &mut [Section], range: std::ops::Range<usize>, section: Section) {
    for s in sections.iter_mut().take(range.end).skip(range.start) {
        *s = section;
    }
}

/// Compile this module's regexes now (see `crate::warm_up`).
pub(crate) fn warm() {
    header::warm();
    parties::warm();
    signature::warm();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text;

    fn parse(s: &str) -> (Document, Structure) {
        let doc = text::read(s.as_bytes()).unwrap();
        let st = analyze(&doc);
        (doc, st)
    }

    /// Preservation rulings are a document kind of their own; judgments and mediation documents
    /// in preserved cases are not, however much they speak of 查封 and 保全费.
    #[test]
    fn preservation_rulings_are_a_kind_of_their_own() {
        let corpus = |name: &str| {
            let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpus")
                .join(name);
            std::fs::read_to_string(p).unwrap()
        };
        for (name, want) in [
            ("b01-preservation-pre-suit-vague.txt", true),
            ("b02-preservation-suit-vague.txt", true),
            ("b04-preservation-identified.txt", true),
            ("b06-preservation-rejected.txt", true),
            ("b07-judgment-preservation-unrecorded.txt", false),
            ("b09-mediation-preservation-fee.txt", false),
            ("c01-loan-clean.txt", false),
        ] {
            let (_, st) = parse(&corpus(name));
            assert_eq!(st.preservation_ruling, want, "{name}");
            if want {
                assert!(
                    !st.items.is_empty(),
                    "{name}: the measures are the ruling section"
                );
            }
        }
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(cn_number("十"), Some(10));
        assert_eq!(cn_number("二十一"), Some(21));
        assert_eq!(cn_number("三十"), Some(30));
        assert_eq!(
            parse_date_line("二〇二四年十月九日").as_deref(),
            Some("2024-10-09")
        );
        assert_eq!(
            parse_date_line("二○一五年十一月十六日").as_deref(),
            Some("2015-11-16")
        );
        assert_eq!(
            parse_date_line("二零二二年三月二十一日").as_deref(),
            Some("2022-03-21")
        );
        assert_eq!(parse_date_line("二〇二四年十三月九日"), None);
        assert_eq!(
            signature_role(&Vocab::builtin(), "审　判　长　　毛　龙"),
            Some("审判长")
        );
        assert_eq!(
            signature_role(&Vocab::builtin(), "审判员许艳婷"),
            Some("审判员")
        );
        assert_eq!(
            signature_role(&Vocab::builtin(), "见习书记员王丹"),
            Some("见习书记员")
        );
        assert_eq!(
            signature_role(&Vocab::builtin(), "审判员认为本案事实清楚，证据确实充分。"),
            None
        );
    }

    #[test]
    fn civil_judgment_sections() {
        let text = "四川省绵阳市涪城区人民法院\n民 事 判 决 书\n（2024）川0703民初1022号\n原告：张三，男，1980年1月1日出生。\n委托诉讼代理人：李四，律师。\n被告：某某有限公司，住所地绵阳市。\n法定代表人：王五，总经理。\n原告张三与被告某某有限公司买卖合同纠纷一案，本院于2024年3月1日立案后，依法适用简易程序公开开庭进行了审理。\n张三向本院提出诉讼请求：依法分割共同财产。\n本院认为，双方买卖合同合法有效。依照《中华人民共和国民法典》第五百七十七条之规定，判决如下：\n一、被告某某有限公司于本判决生效之日起十日内支付原告张三货款10000元；\n二、驳回原告张三的其他诉讼请求。\n如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费50元，由被告负担。\n如不服本判决，可以在判决书送达之日起十五日内向本院递交上诉状，上诉于四川省绵阳市中级人民法院。\n审　判　员　　赵　六\n二〇二四年十月九日\n书　记　员　　孙　七\n附：相关法律条文\n《中华人民共和国民法典》第五百七十七条……";
        let (_, st) = parse(text);
        use Section::*;
        assert_eq!(
            st.sections,
            vec![
                Header, Header, Header, Parties, Parties, Parties, Parties, Procedure, Procedure,
                Reasoning, Ruling, Ruling, Tail, Tail, Tail, Signature, Signature, Signature,
                Appendix, Appendix
            ]
        );
        assert_eq!(st.info.kind, Some(DocKind::Judgment));
        assert_eq!(st.info.case_kind, Some(CaseKind::Civil));
        assert_eq!(
            st.info.case_number.as_deref(),
            Some("（2024）川0703民初1022号")
        );
        assert_eq!(st.info.date.as_deref(), Some("2024-10-09"));
        assert_eq!(st.items.len(), 2);
        assert_eq!(st.items[1].number, 2);
        assert_eq!(st.parties.iter().filter(|p| !p.representative).count(), 2);
        assert_eq!(st.parties[1].role, "委托诉讼代理人");
    }

    #[test]
    fn unnumbered_single_item_and_spaced_signature() {
        let text = "某某法院\n民事判决书\n（2015）临潼民初字第01826号\n原告陈某某，女，汉族。\n被告袁某，男，汉族。\n原告陈某某与被告袁某离婚纠纷一案，本院受理后，公开开庭进行了审理。\n本院认为，原告诉请依法不予准许。依照…之规定，判决如下：\n驳回原告陈某某要求离婚的诉讼请求。\n案件受理费300元，由原告陈某某负担。\n审判长毛龙\n二〇一五年十一月十六日\n书记员王丹";
        let (_, st) = parse(text);
        assert_eq!(st.sections[7], Section::Ruling);
        assert_eq!(st.item_of[7], Some(1));
        assert_eq!(st.sections[8], Section::Tail);
        assert_eq!(st.sections[9], Section::Signature);
        assert_eq!(st.info.date.as_deref(), Some("2015-11-16"));
    }

    #[test]
    fn criminal_and_continuations() {
        let text = "某某法院\n刑事判决书\n（2019）沪0112刑初429号\n公诉机关上海市闵行区人民检察院。\n被告人周某，男，1982年1月27日出生，汉族。因涉嫌贩卖毒品罪于2018年12月16日被刑事拘留。\n辩护人许某，律师。\n上海市闵行区人民检察院以沪闵检二部刑诉［2019］472号起诉书指控被告人周某犯贩卖毒品罪，于2019年3月向本院提起公诉。\n本院认为，被告人周某构成贩卖毒品罪。依照《刑法》之规定，判决如下：\n一、被告人周某犯贩卖毒品罪，判处有期徒刑七个月。\n（刑期从判决执行之日起计算。）\n二、扣押在案的毒品予以没收；违法所得予以追缴。\n如不服本判决，可在接到判决书的第二日起十日内提出上诉。\n审判员李群\n二〇一九年三月二十九日\n书记员汪旭莹";
        let (_, st) = parse(text);
        assert_eq!(st.info.case_kind, Some(CaseKind::Criminal));
        assert_eq!(st.sections[3], Section::Parties);
        assert!(st.parties[0].representative);
        assert!(!st.parties[1].representative);
        assert_eq!(st.sections[6], Section::Procedure);
        assert_eq!(st.item_of[8], Some(1));
        // the bracketed sentence note is the item's note, not part of the order
        assert_eq!(st.sections[9], Section::Ruling);
        assert_eq!(st.item_of[9], None);
        assert_eq!(st.items[0].notes, vec![9]);
        assert_eq!(st.items[0].paras, vec![8]);
        assert_eq!(st.item_of[10], Some(2));
        assert_eq!(st.sections[11], Section::Tail);
    }

    #[test]
    fn mediation() {
        let text = "某某法院\n民 事 调 解 书\n（2024）川0703民初88号\n原告：张三，男。\n被告：李四，男。\n原告张三与被告李四民间借贷纠纷一案，本院于2024年1月2日立案后进行了审理。\n本案审理过程中，经本院主持调解，当事人自愿达成如下协议：\n一、李四于2024年3月1日前偿还张三借款5000元；\n二、案件受理费25元，由李四负担。\n上述协议，不违反法律规定，本院予以确认。\n本调解书经双方当事人签收后，即具有法律效力。\n审判员赵六\n二〇二四年一月九日\n书记员孙七";
        let (_, st) = parse(text);
        assert_eq!(st.info.kind, Some(DocKind::Mediation));
        assert_eq!(st.sections[6], Section::Reasoning);
        assert_eq!(st.items.len(), 2);
        assert_eq!(st.sections[8], Section::Ruling);
        assert_eq!(st.sections[9], Section::Tail);
    }
}
