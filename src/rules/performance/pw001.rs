//! PW001 (no voluntary-performance warning) and PW002 (the warning is misplaced): one decision,
//! never both for a document.

use super::SEED;
use crate::diagnostic::{Diagnostic, Severity};
use crate::patterns::Patterns;
use crate::rules::items::{
    document_kind, find_warning, first_obligation, is_judgment_or_mediation, item_name,
};
use crate::rules::{
    CaseKind, Check, Context, Default, DocKind, Emitter, Example, Family, Rule, Scope, BOTH,
};
use crate::structure::Section;
use std::ops::Range;

const FILE: &str = Family::Performance.pattern_file();

/// What PW001 and PW002 read: the ruling (obligations), the tail (the warning in place), the
/// procedure and reasoning (misplaced warnings) and what follows the signature (notices).
const SCOPE_WARNING: Scope = Scope {
    sections: &[
        Section::Procedure,
        Section::Reasoning,
        Section::Ruling,
        Section::Tail,
        Section::Appendix,
    ],
    cases: &[CaseKind::Civil, CaseKind::Administrative],
    documents: &[DocKind::Judgment, DocKind::Mediation],
};

pub const PW001: Rule = Rule {
    code: "PW001",
    name: "MissingPerformanceWarning",
    severity: Severity::Error,
    family: Family::Performance,
    default: Default::On,
    scope: SCOPE_WARNING,
    summary: "A judgment or mediation document that imposes an obligation has no voluntary-performance warning",
    message: "判项确定了履行义务，但文书未载明督促自动履行、警示拒不履行后果的提示",
    help: "在文书尾部、审判组织署名之前增加督促履行提示，例如：“本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行，义务人将被依法纳入失信被执行人名单、限制高消费，情节严重的依法追究拒不执行判决、裁定罪的刑事责任。”不宜写入文书的，应另行制发并送达履行告知书",
    explain: "民事、行政判决书和调解书的判项为当事人确定了给付、返还、交付、腾退、拆除、协助办理等义务时，文书尾部、审判组织署名之前应当有督促自动履行的提示：既要求负有义务的当事人自觉（主动、按期）履行，又告知逾期不履行、拒不履行的后果（强制执行、纳入失信被执行人名单、限制高消费、罚款拘留、拒不执行判决、裁定罪）。识别按含义而非固定句式：同一段落中既有督促履行又有不履行的后果即可。仅有“加倍支付迟延履行期间的债务利息”的迟延履行告知不是督促履行提示。只驳回诉讼请求、准予撤诉、不附给付的准予离婚、驳回上诉维持原判的文书，除诉讼费外不确定义务，不适用本规则；裁定书、刑事和执行文书也不适用。文书后另行附有告知书（如履行告知书、执行催告通知书）的，视为已提示。适用范围：民事、行政案件的判决书（一审、二审、再审）和调解书；裁定书、决定书，刑事（含附带民事部分）、执行和国家赔偿文书不适用。判项被撤销、以“即……”引用的原判内容不是本判决确定的义务；维持原判决某一给付项、增加保证人责任的，视为确定了该义务。",
    seed: SEED,
    profiles: BOTH,
    bad: &[
        Example {
            parts: &[(
                Section::Tail,
                "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，减半收取275元，由被告绵阳市鑫源建材有限公司负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于四川省绵阳市中级人民法院。",
            )],
        },
        Example {
            parts: &[
                (Section::Header, "四川省绵阳市涪城区人民法院\n民 事 调 解 书\n（2024）川0703民初1022号"),
                (Section::Reasoning, "本案审理过程中，经本院主持调解，当事人自愿达成如下协议："),
                (Section::Ruling, "一、被告绵阳市鑫源建材有限公司于2024年12月31日前支付原告张明货款30000元；\n二、案件受理费275元，由被告绵阳市鑫源建材有限公司负担。"),
                (Section::Tail, "上述协议，不违反法律规定，本院予以确认。\n本调解书经双方当事人签收后，即具有法律效力。"),
            ],
        },
    ],
    good: &[
        Example { parts: &[] },
        Example {
            parts: &[
                (Section::Ruling, "驳回原告张明的诉讼请求。"),
                (Section::Tail, "案件受理费550元，由原告张明负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。"),
            ],
        },
        Example {
            parts: &[(
                Section::Tail,
                "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，由被告绵阳市鑫源建材有限公司负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。\n本判决生效后，当事人须按判决确定的期限主动履行义务；一方拒绝履行的，对方可以向本院申请执行。",
            )],
        },
    ],
};

pub const PW002: Rule = Rule {
    code: "PW002",
    name: "MisplacedPerformanceWarning",
    severity: Severity::Error,
    family: Family::Performance,
    default: Default::On,
    scope: SCOPE_WARNING,
    summary: "The voluntary-performance warning is not in the tail before the signature block",
    message: "督促履行提示的位置不当：应在文书尾部、审判组织署名之前",
    help: "将督促自动履行、警示不履行后果的提示移到文书尾部（诉讼费、上诉告知之后）、审判组织署名之前；或在署名后另起一页，以“履行告知书”等标题单独制发并送达",
    explain: "第7项要求在裁判、调解文书尾部、审判组织署名前增加督促自动履行提示内容。提示写在署名、日期之后的零散段落中，或写在本院认为、事实部分的，不是文书尾部的提示，送达和执行时容易被忽略。署名之后单独加标题的告知书（…告知书、执行催告通知书）是第7项允许的“另行制发并送达告知书”，不报告。附录中引用的法律条文（如民事诉讼法关于申请执行的条文）不是提示。与 PW001 不会对同一文书同时报告。适用范围：同 PW001（民事、行政案件的判决书和调解书）。",
    seed: SEED,
    profiles: BOTH,
    bad: &[
        Example {
            parts: &[
                (
                    Section::Tail,
                    "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，由被告绵阳市鑫源建材有限公司负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。",
                ),
                (
                    Section::Appendix,
                    "本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
                ),
            ],
        },
        Example {
            parts: &[
                (
                    Section::Reasoning,
                    "本院认为，原、被告之间的买卖合同合法有效，被告应当支付货款。被告应当自觉履行本判决确定的付款义务，逾期不履行的，原告可以申请强制执行。依照《中华人民共和国民法典》第六百二十六条之规定，判决如下：",
                ),
                (
                    Section::Tail,
                    "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，由被告绵阳市鑫源建材有限公司负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。",
                ),
            ],
        },
    ],
    good: &[
        Example { parts: &[] },
        Example {
            parts: &[
                (
                    Section::Tail,
                    "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，由被告绵阳市鑫源建材有限公司负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。",
                ),
                (
                    Section::Appendix,
                    "履 行 告 知 书\n绵阳市鑫源建材有限公司：\n本判决生效后，你方应当在判决指定的期限内主动履行义务。\n拒不履行的，本院将依法强制执行，并将你方纳入失信被执行人名单。",
                ),
            ],
        },
    ],
};

pub const RULES: &[Rule] = &[PW001, PW002];
pub const CHECK: Check = Check {
    rules: RULES,
    run: check,
};

/// Byte ranges of windows of two adjacent sentences (a warning in running text).
fn sentence_windows(text: &str) -> Vec<Range<usize>> {
    let mut bounds = vec![0];
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '；') {
            bounds.push(i + c.len_utf8());
        }
    }
    if bounds.last() != Some(&text.len()) {
        bounds.push(text.len());
    }
    if bounds.len() <= 2 {
        return std::iter::once(0..text.len()).collect();
    }
    bounds.windows(3).map(|w| w[0]..w[2]).collect()
}

/// A paragraph quoting a statute (第二百五十三条被执行人…, 《…》第X条…).
fn is_statute_quote(p: &Patterns, text: &str) -> bool {
    p.regexes(FILE, "statute_quote").is_match(text.trim_start())
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// Where the performance warnings of a document are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarningPlaces {
    /// Paragraphs (0-based) with a warning in place: the ruling/tail before the signature, or a
    /// separately titled notice after it (the first paragraph of the notice).
    pub in_place: Vec<usize>,
    /// Paragraphs with a warning elsewhere: procedure, reasoning, or untitled text after the
    /// signature block.
    pub misplaced: Vec<usize>,
}

/// Find the performance warnings of the document and classify their places.
pub fn warning_places(ctx: &Context) -> WarningPlaces {
    let mut places = WarningPlaces::default();
    scan_warnings(ctx, &mut places, false);
    places
}

/// The scan behind [`warning_places`]. With `stop_in_place`, it stops as soon as one warning in
/// place is found (the body is then not read at all).
fn scan_warnings(ctx: &Context, places: &mut WarningPlaces, stop_in_place: bool) {
    let p = ctx.patterns;
    let st = ctx.st;
    let n = st.sections.len();

    // Before the signature, in place: the ruling and tail, paragraph by paragraph and in pairs
    // (a warning split over two paragraphs).
    for i in 0..n {
        if !matches!(st.sections[i], Section::Ruling | Section::Tail) {
            continue;
        }
        let text = ctx.text(i);
        if is_statute_quote(p, text) {
            continue;
        }
        let next_same = i + 1 < n && st.sections[i + 1] == st.sections[i];
        if find_warning(p, text).is_some()
            || (next_same && find_warning(p, &format!("{}{}", text, ctx.text(i + 1))).is_some())
        {
            places.in_place.push(i);
            if stop_in_place {
                return;
            }
        }
    }

    // After the signature: titled notices (in place) and stray text (misplaced). A statute
    // heading (附：相关法律条文) ends a notice; quoted articles are skipped, but a warning
    // written after the statutes is still stray text.
    #[derive(PartialEq)]
    enum Zone {
        Plain,
        Statutes,
        Notice(usize),
    }
    let mut zone = Zone::Plain;
    let mut notice_text = String::new();
    let mut stray = Vec::new();
    let flush = |zone: &Zone, notice_text: &mut String, places: &mut WarningPlaces| {
        if let Zone::Notice(start) = zone {
            if find_warning(p, notice_text).is_some() {
                places.in_place.push(*start);
            }
        }
        notice_text.clear();
    };
    for i in st.in_section(Section::Appendix) {
        let text = ctx.text(i);
        let sq = squeeze(text);
        if sq.chars().count() <= 30 && p.regexes(FILE, "notice_title").is_match(&sq) {
            flush(&zone, &mut notice_text, places);
            zone = Zone::Notice(i);
            continue;
        }
        if p.regexes(FILE, "statute_heading").is_match(&sq) {
            flush(&zone, &mut notice_text, places);
            zone = Zone::Statutes;
            continue;
        }
        match zone {
            Zone::Notice(_) => notice_text.push_str(text),
            Zone::Statutes | Zone::Plain => {
                if !is_statute_quote(p, text) && find_warning(p, text).is_some() {
                    stray.push(i);
                }
            }
        }
    }
    flush(&zone, &mut notice_text, places);
    if stop_in_place && !places.in_place.is_empty() {
        return;
    }

    // Misplaced: the procedure and reasoning, by windows of two sentences; then stray text
    // after the signature.
    for i in 0..n {
        if !matches!(st.sections[i], Section::Procedure | Section::Reasoning) {
            continue;
        }
        let text = ctx.text(i);
        if is_statute_quote(p, text) {
            continue;
        }
        if sentence_windows(text)
            .into_iter()
            .any(|w| find_warning(p, &text[w]).is_some())
        {
            places.misplaced.push(i);
        }
    }
    places.misplaced.extend(stray);
}

/// Chinese name of where a misplaced warning is, for messages.
fn place_name(section: Section) -> &'static str {
    match section {
        Section::Procedure => "事实和诉辩意见部分",
        Section::Reasoning => "说理部分（本院认为）",
        Section::Appendix => "审判组织署名和日期之后，且不是单独加标题的告知书",
        _ => "文书尾部以外的位置",
    }
}

/// PW001 and PW002 are one decision (never both for a document): no warning in place and one
/// elsewhere is PW002, none at all is PW001.
fn check(ctx: &Context, out: &mut Emitter) {
    out.extend(decide(ctx));
}

fn decide(ctx: &Context) -> Option<Diagnostic> {
    if !is_judgment_or_mediation(ctx) {
        return None;
    }
    let obligation = first_obligation(ctx, false)?;
    let mut places = WarningPlaces::default();
    scan_warnings(ctx, &mut places, true);
    if !places.in_place.is_empty() {
        return None;
    }
    let kind = document_kind(ctx).map_or("判决书", |k| k.name_zh());
    if let Some(&para) = places.misplaced.first() {
        return Some(ctx.diag(
            &PW002,
            ctx.para_span(para),
            format!(
                "督促履行提示写在{}，不在文书尾部、审判组织署名之前（{}{}确定了“{}”义务）",
                place_name(ctx.st.sections[para]),
                kind,
                item_name(obligation.item),
                obligation.verb
            ),
        ));
    }
    let anchor = ctx.absence_anchor();
    Some(ctx.diag(
        &PW001,
        ctx.para_span(anchor),
        format!(
            "{}{}确定了“{}”义务，但没有督促自动履行、警示拒不履行后果（强制执行、失信被执行人名单、限制高消费、拒不执行判决、裁定罪）的提示，也没有另附告知书：在此处（署名之前）补充督促履行提示",
            kind,
            item_name(obligation.item),
            obligation.verb
        ),
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::performance::testing::*;

    #[test]
    fn mediation_with_warning_in_tail_and_fee_in_agreement() {
        let text = "某某法院\n民 事 调 解 书\n（2024）川0703民初88号\n原告：张三，男。\n被告：李四，男。\n原告张三与被告李四民间借贷纠纷一案，本院于2024年1月2日立案后进行了审理。\n本案审理过程中，经本院主持调解，当事人自愿达成如下协议：\n一、李四于2024年3月1日前偿还张三借款5000元；\n二、案件受理费25元，由李四负担。\n上述协议，不违反法律规定，本院予以确认。\n本调解书经双方当事人签收后，即具有法律效力。义务人应当按期履行本调解书确定的义务，逾期不履行的，权利人可以申请强制执行。\n审判员赵六\n二〇二四年一月九日\n书记员孙七";
        assert_eq!(codes(text), Vec::<&str>::new());
        // without the warning: PW001 (and never PW003, which is not for mediation)
        let bare = text.replace(
            "义务人应当按期履行本调解书确定的义务，逾期不履行的，权利人可以申请强制执行。",
            "",
        );
        assert_eq!(codes(&bare), vec!["PW001"]);
    }

    #[test]
    fn old_style_warning_after_appeal_notice_is_in_place() {
        let tail = format!("{NOTICE_253}\n{FEE}\n如不服本判决，可在判决书送达之日起十五日内上诉。\n本判决生效后，当事人必须按照判决所规定的履行期限自觉履行义务，一方不履行的，对方可向本院申请强制执行。");
        assert_eq!(
            codes(&judgment(PAY, &tail, DATE_2016, "")),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn missing_warning_fires_pw001_at_the_end_of_the_tail() {
        let tail = format!("{NOTICE_253}\n{FEE}");
        let f = findings(&judgment(PAY, &tail, DATE_2016, ""));
        let pw: Vec<_> = f.iter().filter(|f| f.code.starts_with("PW")).collect();
        assert_eq!(pw.len(), 1, "{pw:?}");
        assert_eq!(pw[0].code, "PW001");
        // reported where the warning belongs: after the last tail paragraph, before the signature
        assert_eq!(pw[0].context, FEE);
        assert!(pw[0].message.contains("在此处（署名之前）补充"));
        assert!(pw[0].message.contains("第一项") && pw[0].message.contains("偿还"));
        // no tail at all: the last ruling item
        let f = findings(&judgment(PAY, "", DATE_2016, "").replace("\n\n", "\n"));
        let pw1 = f.iter().find(|f| f.code == "PW001").expect("PW001");
        assert_eq!(pw1.context, PAY);
    }

    #[test]
    fn dismissals_affirmations_and_claims_impose_nothing() {
        for ruling in [
            "驳回原告张三的诉讼请求。",
            "驳回上诉，维持原判。",
            "一、准予原告张三撤回起诉；\n二、驳回原告张三要求被告李四偿还借款10000元，并支付利息的诉讼请求。",
        ] {
            let tail = FEE.to_string();
            assert_eq!(codes(&judgment(ruling, &tail, DATE_2016, "")), Vec::<&str>::new(), "{ruling}");
        }
        // divorce with a payment does impose an obligation
        let ruling =
            "一、准予原告张三与被告李四离婚；\n二、婚生女由原告抚养，被告李四每月支付抚养费800元。";
        assert!(codes(&judgment(ruling, FEE, DATE_2016, "")).contains(&"PW001"));
    }

    #[test]
    fn titled_notice_after_signature_is_allowed_stray_text_is_not() {
        let tail = format!("{NOTICE_253}\n{FEE}");
        let notice = "\n执行催告通知书\n履行义务人：\n你方应在生效判决指定的期限内主动履行判决确定的义务。如果有财产拒不履行，你将承担如下法律责任：\n1、消费行为限制。限制乘坐飞机、高铁。\n2、拘传拘留罚款。拒不履行的处十五日以下拘留。";
        assert_eq!(
            codes(&judgment(PAY, &tail, DATE_2016, notice)),
            Vec::<&str>::new()
        );
        let stray = "\n当事人应自觉履行本判决，逾期不履行的，本院将依法强制执行。";
        let f = findings(&judgment(PAY, &tail, DATE_2016, stray));
        let pw: Vec<_> = f.iter().filter(|f| f.code.starts_with("PW")).collect();
        assert_eq!(pw.len(), 1);
        assert_eq!(pw[0].code, "PW002");
        assert!(pw[0].context.contains("逾期不履行"));
    }

    #[test]
    fn warning_between_date_and_clerk_is_misplaced() {
        let tail = format!("{NOTICE_253}\n{FEE}");
        let text = judgment(PAY, &tail, DATE_2016, "").replace(
            "\n书记员　　孙七",
            "\n本判决生效后，当事人应当自觉履行，逾期不履行的，权利人可以申请强制执行。\n书记员　　孙七",
        );
        assert_eq!(codes(&text), vec!["PW002"]);
    }

    #[test]
    fn statutes_in_the_appendix_are_not_a_warning() {
        let tail = format!("{NOTICE_253}\n{FEE}");
        let statutes = "\n附：相关法律条文\n《中华人民共和国民事诉讼法》\n发生法律效力的民事判决、裁定，当事人必须履行。一方拒绝履行的，对方当事人可以向人民法院申请执行。";
        let c = codes(&judgment(PAY, &tail, DATE_2016, statutes));
        assert_eq!(c, vec!["PW001"]);
        let articles = "\n附：本判决适用的法律条文\n第五百零九条　当事人应当按照约定全面履行自己的义务。\n第一百一十四条　拒不履行人民法院已经发生法律效力的判决、裁定的，人民法院可以予以罚款、拘留；构成犯罪的，依法追究刑事责任。";
        let c = codes(&judgment(PAY, &tail, DATE_2016, articles));
        assert_eq!(c, vec!["PW001"]);
        // a warning written after the statutes is stray text, not a titled notice
        let after =
            format!("{articles}\n当事人应当自觉履行本判决，逾期不履行的，权利人可以申请强制执行。");
        let c = codes(&judgment(PAY, &tail, DATE_2016, &after));
        assert_eq!(c, vec!["PW002"]);
    }

    #[test]
    fn creditor_time_limit_is_no_warning() {
        let tail = format!("{NOTICE_253}\n{FEE}\n本判决发生法律效力后，当事人应当按期履行本判决确定的义务。一方逾期不履行的，对方当事人可以在本判决规定的履行期限届满之日起二年内向本院申请强制执行。");
        assert_eq!(codes(&judgment(PAY, &tail, DATE_2016, "")), vec!["PW001"]);
    }

    #[test]
    fn rulings_and_criminal_documents_are_out_of_scope() {
        let text = judgment(PAY, FEE, DATE_2016, "")
            .replace("民事判决书", "民事裁定书")
            .replace("判决如下", "裁定如下");
        assert_eq!(codes(&text), Vec::<&str>::new());
    }
}
