//! Performance rules, seed item 7 (履行义务提前告知、警示):
//!
//! * PW001 — a civil or administrative 判决书 or a 调解书 whose ruling imposes an obligation has
//!   no voluntary-performance warning;
//! * PW002 — the warning exists but not in the tail before the signature block;
//! * PW003 — a civil 判决书 ordering a payment of money has no 迟延履行 notice;
//! * PW004 — the 迟延履行 notice cites the wrong article of the Civil Procedure Law for the
//!   document's date (the table of articles is data: `[delay_article:table]`).
//!
//! The warning is recognised by meaning, not by one sentence: an *urge* to perform together with
//! a *consequence* (a default condition and a sanction), see [`find_warning`]. All vocabulary is
//! in `patterns/performance.txt`; this file decides where to look and what applies.

use super::{Context, Example, Rule, BOTH};
use crate::diagnostic::{Diagnostic, Severity};
use crate::patterns::{Entry, PatternError, Patterns};
use crate::structure::{cn_number, Section};
use std::ops::Range;

/// The pattern file of this family.
const FILE: &str = "performance";

pub static RULES: &[Rule] = &[
    Rule {
        code: "PW001",
        name: "MissingPerformanceWarning",
        severity: Severity::Error,
        family: "performance",
        summary: "A judgment or mediation document that imposes an obligation has no voluntary-performance warning",
        message: "判项确定了履行义务，但文书未载明督促自动履行、警示拒不履行后果的提示",
        help: "在文书尾部、审判组织署名之前增加督促履行提示，例如：“本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行，义务人将被依法纳入失信被执行人名单、限制高消费，情节严重的依法追究拒不执行判决、裁定罪的刑事责任。”不宜写入文书的，应另行制发并送达履行告知书",
        explain: "民事、行政判决书和调解书的判项为当事人确定了给付、返还、交付、腾退、拆除、协助办理等义务时，文书尾部、审判组织署名之前应当有督促自动履行的提示：既要求负有义务的当事人自觉（主动、按期）履行，又告知逾期不履行、拒不履行的后果（强制执行、纳入失信被执行人名单、限制高消费、罚款拘留、拒不执行判决、裁定罪）。识别按含义而非固定句式：同一段落中既有督促履行又有不履行的后果即可。仅有“加倍支付迟延履行期间的债务利息”的迟延履行告知不是督促履行提示。只驳回诉讼请求、准予撤诉、不附给付的准予离婚、驳回上诉维持原判的文书，除诉讼费外不确定义务，不适用本规则；裁定书、刑事和执行文书也不适用。文书后另行附有告知书（如履行告知书、执行催告通知书）的，视为已提示。适用范围：民事、行政案件的判决书（一审、二审、再审）和调解书；裁定书、决定书，刑事（含附带民事部分）、执行和国家赔偿文书不适用。判项被撤销、以“即……”引用的原判内容不是本判决确定的义务；维持原判决某一给付项、增加保证人责任的，视为确定了该义务。",
        seed: "第7项 履行义务提前告知、警示",
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
        check: check_pw001,
    },
    Rule {
        code: "PW002",
        name: "MisplacedPerformanceWarning",
        severity: Severity::Error,
        family: "performance",
        summary: "The voluntary-performance warning is not in the tail before the signature block",
        message: "督促履行提示的位置不当：应在文书尾部、审判组织署名之前",
        help: "将督促自动履行、警示不履行后果的提示移到文书尾部（诉讼费、上诉告知之后）、审判组织署名之前；或在署名后另起一页，以“履行告知书”等标题单独制发并送达",
        explain: "第7项要求在裁判、调解文书尾部、审判组织署名前增加督促自动履行提示内容。提示写在署名、日期之后的零散段落中，或写在本院认为、事实部分的，不是文书尾部的提示，送达和执行时容易被忽略。署名之后单独加标题的告知书（…告知书、执行催告通知书）是第7项允许的“另行制发并送达告知书”，不报告。附录中引用的法律条文（如民事诉讼法关于申请执行的条文）不是提示。与 PW001 不会对同一文书同时报告。适用范围：同 PW001（民事、行政案件的判决书和调解书）。",
        seed: "第7项 履行义务提前告知、警示",
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
        check: check_pw002,
    },
    Rule {
        code: "PW003",
        name: "MissingDelayInterestNotice",
        severity: Severity::Warning,
        family: "performance",
        summary: "A civil judgment ordering payment of money has no delayed-performance (迟延履行) notice",
        message: "判项判令给付金钱，但未告知迟延履行的后果（加倍支付迟延履行期间的债务利息）",
        help: "在判项之后、诉讼费负担之前写明：“如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。”（条文序号按文书日期适用的民事诉讼法）",
        explain: "民事判决判令支付、给付、偿还、赔偿金钱的，应当告知义务人未按期履行时加倍支付迟延履行期间的债务利息，这是执行中计算迟延履行利息的依据，也是第7项“告知其拒不履行的法律责任和后果”的一部分。调解书不适用；只驳回上诉、维持原判的二审判决不适用。适用范围：民事判决书；调解书、裁定书，行政、刑事、执行和国家赔偿文书不适用。只驳回上诉、维持原判的不适用；维持原判决某一给付项、增加保证人对给付的责任的，适用。",
        seed: "第7项 履行义务提前告知、警示",
        profiles: BOTH,
        bad: &[Example {
            parts: &[(
                Section::Tail,
                "案件受理费550元，由被告绵阳市鑫源建材有限公司负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
            )],
        }],
        good: &[
            Example { parts: &[] },
            Example {
                parts: &[
                    (Section::Ruling, "驳回原告张明的诉讼请求。"),
                    (Section::Tail, "案件受理费550元，由原告张明负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。"),
                ],
            },
        ],
        check: check_pw003,
    },
    Rule {
        code: "PW004",
        name: "WrongDelayInterestArticle",
        severity: Severity::Error,
        family: "performance",
        summary: "The delayed-performance notice cites a Civil Procedure Law article that was not in force on the document's date",
        message: "迟延履行告知引用的民事诉讼法条文序号与文书日期不符",
        help: "按文书日期引用当时有效的民事诉讼法条文：2008年4月1日前第二百三十二条，2008年4月1日至2012年12月31日第二百二十九条，2013年1月1日至2021年12月31日第二百五十三条，2022年1月1日至2023年12月31日第二百六十条，2024年1月1日起第二百六十四条",
        explain: "民事诉讼法历次修正后，迟延履行条文的序号变化：第二百三十二条（2008年4月1日前）、第二百二十九条（2008年4月1日至2012年12月31日）、第二百五十三条（2013年1月1日至2021年12月31日）、第二百六十条（2022年1月1日至2023年12月31日）、第二百六十四条（2024年1月1日起）。迟延履行告知引用的条文与文书落款日期不符的，执行中计算迟延履行利息的依据有误。只检查迟延履行告知那一句中引用的民事诉讼法条文，不检查其他法律，也不检查申请执行期间等其他句子。对照表是 patterns/performance.txt 中的 [delay_article:table]，法律再次修正时只需增加一行。适用范围：任何载有迟延履行告知的文书（判决书、调解书、裁定书），按文书落款日期检查。",
        seed: "第7项 履行义务提前告知、警示",
        profiles: BOTH,
        bad: &[Example {
            parts: &[(
                Section::Tail,
                "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百五十三条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，由被告绵阳市鑫源建材有限公司负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
            )],
        }],
        good: &[
            Example { parts: &[] },
            Example {
                parts: &[
                    (
                        Section::Tail,
                        "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百五十三条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，由被告绵阳市鑫源建材有限公司负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
                    ),
                    (Section::Signature, "审　判　员　　李　华\n二〇二一年十月九日\n书　记　员　　赵　敏"),
                ],
            },
        ],
        check: check_pw004,
    },
];

fn rule(code: &str) -> &'static Rule {
    RULES.iter().find(|r| r.code == code).unwrap_or(&RULES[0])
}

// ---------------------------------------------------------------------------------------------
// Applicability

/// The document kind for these rules: the header's kind, or, when the header is missing, the
/// kind implied by the trigger line (判决如下 → 判决书, 裁定如下 → 裁定书, …协议 → 调解书).
pub fn document_kind<'a>(ctx: &Context<'a>) -> Option<&'a str> {
    if let Some(k) = ctx.st.info.kind.as_deref() {
        return Some(k);
    }
    let t = ctx.text(ctx.st.trigger?);
    if t.contains("判决如下") || t.contains("判决：") {
        Some("判决书")
    } else if t.contains("裁定如下") || t.contains("裁定：") {
        Some("裁定书")
    } else if t.contains("协议") {
        Some("调解书")
    } else {
        None
    }
}

/// Is this a civil or administrative 判决书, or a 调解书 (PW001, PW002, FE001)?
pub fn is_judgment_or_mediation(ctx: &Context) -> bool {
    matches!(document_kind(ctx), Some("判决书") | Some("调解书")) && ctx.is_civil_or_admin()
}

/// Is this a civil 判决书 (PW003)?
fn is_civil_judgment(ctx: &Context) -> bool {
    document_kind(ctx) == Some("判决书")
        && match ctx.st.info.case_kind.as_deref() {
            Some(k) => k == "民事",
            None => ctx.is_civil_or_admin(),
        }
}

/// A ruling clause that imposes an obligation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    /// The ruling item's number (1-based).
    pub item: u32,
    /// 0-based paragraph index.
    pub para: usize,
    /// The obligation verb as written (支付, 腾退 …).
    pub verb: String,
}

/// Clauses of a ruling paragraph: split at 。；; and ，, without the leading item label.
fn clauses(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | ';' | '，' | ',') {
            out.push((start, &text[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((start, &text[start..]));
    out.into_iter().filter_map(|(s, c)| {
        let trimmed = strip_label(c);
        (!trimmed.is_empty()).then(|| (s + (c.len() - trimmed.len()), trimmed))
    })
}

/// A clause without a leading item label (一、 （二） 3. ①) or a bogus (2021) prefix.
fn strip_label(s: &str) -> &str {
    let is_label_char = |c: char| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || ('①'..='⑳').contains(&c)
            || "一二三四五六七八九十、.．（）()〔〕\u{3000}".contains(c)
    };
    let label_end = s
        .char_indices()
        .take(8)
        .find(|(_, c)| !is_label_char(*c))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let label = &s[..label_end];
    // Only strip something that ends like a label (、 ． ） or white space), never a numeral
    // that begins the clause itself (一次性支付).
    if label.ends_with(['、', '.', '．', '）', ')', '〕', ' ', '\u{3000}'])
        || label.chars().any(|c| ('①'..='⑳').contains(&c))
    {
        &s[label_end..]
    } else {
        s
    }
}

/// Does this clause (with the rest of its sentence) impose an obligation (`money`: a payment of
/// money)? Returns the verb.
fn obligation_in(ctx: &Context, clause: &str, sentence: &str, money: bool) -> Option<String> {
    let p = ctx.patterns;
    if p.keywords("fees", "fee").is_match(clause)
        || p.regexes(FILE, "no_obligation").is_match(clause)
        || p.regexes("enforceability", "debt_allocation")
            .is_match(clause)
        || p.regexes("enforceability", "statement").is_match(clause)
    {
        return None;
    }
    let verbs = if money {
        p.keywords(FILE, "money_verb")
    } else {
        p.keywords(FILE, "obligation")
    };
    let (_, _, verb) = verbs.find(clause)?;
    // the amount may follow in the next comma clause of the same sentence
    if money
        && !(p.regexes(FILE, "amount").is_match(sentence)
            || p.keywords(FILE, "money").is_match(sentence))
    {
        return None;
    }
    Some(verb.to_string())
}

/// The first ruling clause that imposes an obligation (`money`: a payment of money), skipping
/// the costs clause, dismissals, affirmations, clauses about claims, default clauses and text
/// quoted as revoked. An item that upholds items of the judgment under appeal (维持…判决第一项)
/// imposes what those items ordered (read from the judgment as the procedure quotes it).
pub fn first_obligation(ctx: &Context, money: bool) -> Option<Obligation> {
    let upheld = upheld_items(ctx);
    for item in &ctx.st.items {
        for &para in &item.paras {
            let text = ctx.live_text(para);
            let text = match ctx
                .patterns
                .regexes("enforceability", "default_clause")
                .find(text)
            {
                Some((s, _)) => &text[..s],
                None => text,
            };
            for (offset, clause) in clauses(text) {
                let rest = &text[offset..];
                let sentence = &rest[..rest.find(['。', '；', ';']).unwrap_or(rest.len())];
                if let Some(verb) = obligation_in(ctx, clause, sentence, money) {
                    return Some(Obligation {
                        item: item.number,
                        para,
                        verb,
                    });
                }
            }
            for (_, quoted) in upheld.iter().filter(|(p, _)| *p == para) {
                for (offset, clause) in clauses(quoted) {
                    let rest = &quoted[offset..];
                    let sentence = &rest[..rest.find(['。', '；', ';']).unwrap_or(rest.len())];
                    if let Some(verb) = obligation_in(ctx, clause, sentence, money) {
                        return Some(Obligation {
                            item: item.number,
                            para,
                            verb,
                        });
                    }
                }
            }
        }
    }
    None
}

/// Items of the judgment under appeal that this document's items uphold by number without
/// quoting them (维持…民事判决第一项、第三项): (paragraph of the upholding item, text of the upheld
/// item as the procedure section quotes the first-instance judgment).
fn upheld_items(ctx: &Context) -> Vec<(usize, String)> {
    use std::sync::LazyLock;
    static RE_UPHOLD: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"维持[^。；，]{0,60}?(?:判决|调解书)(?:主文)?的?(?P<nums>第[一二三四五六七八九十、和及至第项]+项)").unwrap()
    });
    static RE_DECIDED: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"(?:判决|判令)(?:如下)?[：:]").unwrap());
    static RE_ITEM: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?:^|[；;。\s：:])(?P<n>[一二三四五六七八九十]{1,3})[、，．.]").unwrap()
    });
    let mut wanted: Vec<(usize, Vec<u32>)> = Vec::new();
    for item in &ctx.st.items {
        for &para in &item.paras {
            let text = ctx.live_text(para);
            for c in RE_UPHOLD.captures_iter(text) {
                let nums: Vec<u32> = c["nums"]
                    .split(['第', '项', '、', '和', '及'])
                    .filter_map(crate::numerals::cn_number)
                    .collect();
                if !nums.is_empty()
                    && !text[c.get(0).map(|m| m.end()).unwrap_or(0)..]
                        .trim_start_matches(['，', '：', ':'])
                        .starts_with('即')
                {
                    wanted.push((para, nums));
                }
            }
        }
    }
    if wanted.is_empty() {
        return Vec::new();
    }
    // the first-instance judgment as quoted before the reasoning: after "判决：" up to the fee
    let trigger = ctx.st.trigger.unwrap_or(ctx.st.sections.len());
    let mut quoted = String::new();
    let mut taking = false;
    for i in 0..trigger {
        if !matches!(ctx.st.sections[i], Section::Procedure | Section::Reasoning) {
            continue;
        }
        let t = ctx.text(i);
        if let Some(m) = RE_DECIDED.find_iter(t).last() {
            quoted = t[m.end()..].to_string();
            taking = true;
            continue;
        }
        if taking && starts_with_item_label(t) {
            quoted.push('；');
            quoted.push_str(t);
        } else {
            taking = false;
        }
    }
    if quoted.is_empty() {
        return Vec::new();
    }
    let starts: Vec<(u32, usize, usize)> = RE_ITEM
        .captures_iter(&quoted)
        .filter_map(|c| {
            let m = c.name("n")?;
            Some((
                crate::numerals::cn_number(m.as_str())?,
                m.start(),
                c.get(0)?.end(),
            ))
        })
        .collect();
    let mut out = Vec::new();
    for (para, nums) in wanted {
        for n in nums {
            if let Some(k) = starts.iter().position(|(m, _, _)| *m == n) {
                let from = starts[k].2;
                let to = starts.get(k + 1).map(|s| s.1).unwrap_or(quoted.len());
                if from <= to {
                    out.push((para, quoted[from..to].to_string()));
                }
            }
        }
    }
    out
}

/// Does the paragraph start with an item label (一、 （一） 1.)?
fn starts_with_item_label(t: &str) -> bool {
    let s = strip_label(t.trim_start());
    s.len() < t.trim_start().len()
}

/// Chinese ordinal of a ruling item for messages (第一项, 第十二项).
fn item_name(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let s = match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 if n % 10 == 0 => format!("{}十", D[(n / 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    };
    format!("第{s}项")
}

// ---------------------------------------------------------------------------------------------
// The performance warning

/// Where in `text` a voluntary-performance warning is: the byte range from the urge to the
/// sanction, if `text` both urges performance (自觉履行, 应当…履行…义务; not negated like
/// 未自觉履行) and states the consequence of not performing (a default condition such as
/// 逾期不履行 together with a sanction such as 申请强制执行).
pub fn find_warning(p: &Patterns, text: &str) -> Option<Range<usize>> {
    let negation = p.keywords(FILE, "urge_negation");
    let urge = p
        .regexes(FILE, "urge")
        .regexes()
        .iter()
        .flat_map(|r| r.find_iter(text))
        .filter(|m| {
            let before = &text[..m.start()];
            !negation
                .words()
                .iter()
                .any(|w| before.ends_with(w.as_str()))
        })
        .min_by_key(|m| m.start())?;
    if !p.regexes(FILE, "default").is_match(text) {
        return None;
    }
    // a clause that only tells the creditor how long it has to apply for enforcement (…可在…二年
    // 内申请强制执行, 申请执行的期间为二年) warns the obligor of nothing: its sanction word
    // doesn't count
    let limits: Vec<(usize, usize)> = clause_ranges(text)
        .into_iter()
        .filter(|&(a, b)| p.regexes(FILE, "creditor_time_limit").is_match(&text[a..b]))
        .collect();
    let (s_start, s_end, _) = p
        .keywords(FILE, "sanction")
        .find_iter(text)
        .find(|(s, e, _)| !limits.iter().any(|(a, b)| a <= s && e <= b))?;
    Some(urge.start().min(s_start)..urge.end().max(s_end))
}

/// Byte ranges of the clauses of `text` (between ，。；！？).
fn clause_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '，' | '。' | '；' | '！' | '？' | ',' | ';') {
            out.push((start, i));
            start = i + c.len_utf8();
        }
    }
    out.push((start, text.len()));
    out
}

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

fn check_pw001(ctx: &Context, out: &mut Vec<Diagnostic>) {
    out.extend(pw001_pw002(ctx).filter(|d| d.code == "PW001"));
}

fn check_pw002(ctx: &Context, out: &mut Vec<Diagnostic>) {
    out.extend(pw001_pw002(ctx).filter(|d| d.code == "PW002"));
}

/// PW001 and PW002 are one decision (never both for a document): no warning in place and one
/// elsewhere is PW002, none at all is PW001.
fn pw001_pw002(ctx: &Context) -> Option<Diagnostic> {
    if !is_judgment_or_mediation(ctx) {
        return None;
    }
    let obligation = first_obligation(ctx, false)?;
    let mut places = WarningPlaces::default();
    scan_warnings(ctx, &mut places, true);
    if !places.in_place.is_empty() {
        return None;
    }
    let kind = document_kind(ctx).unwrap_or("判决书");
    if let Some(&para) = places.misplaced.first() {
        let r = rule("PW002");
        return Some(ctx.diag(
            r,
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
    let r = rule("PW001");
    Some(ctx.diag(
        r,
        ctx.para_span(anchor),
        format!(
            "{}{}确定了“{}”义务，但没有督促自动履行、警示拒不履行后果（强制执行、失信被执行人名单、限制高消费、拒不执行判决、裁定罪）的提示，也没有另附告知书：在此处（署名之前）补充督促履行提示",
            kind,
            item_name(obligation.item),
            obligation.verb
        ),
    ))
}

// ---------------------------------------------------------------------------------------------
// The 迟延履行 notice

/// Paragraphs before the signature that carry the 迟延履行 notice: (paragraph, match range).
/// The ruling is included because a notice without a tail landmark is sometimes parsed as part
/// of the last item.
pub fn delay_notices(ctx: &Context) -> Vec<(usize, Range<usize>)> {
    let re = ctx.patterns.regexes(FILE, "delay_notice");
    (0..ctx.st.sections.len())
        .filter(|&i| matches!(ctx.st.sections[i], Section::Ruling | Section::Tail))
        .filter_map(|i| re.find(ctx.text(i)).map(|(s, e)| (i, s..e)))
        .collect()
}

fn check_pw003(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !is_civil_judgment(ctx) {
        return;
    }
    let Some(obligation) = first_obligation(ctx, true) else {
        return;
    };
    if !delay_notices(ctx).is_empty() {
        return;
    }
    let anchor = ctx
        .st
        .in_section(Section::Tail)
        .next()
        .unwrap_or_else(|| ctx.absence_anchor());
    let r = rule("PW003");
    out.push(ctx.diag(
        r,
        ctx.para_span(anchor),
        format!(
            "判项{}判令{}金钱，但判项后没有迟延履行告知（未按期履行给付金钱义务的，加倍支付迟延履行期间的债务利息）",
            item_name(obligation.item),
            obligation.verb
        ),
    ));
}

// ---------------------------------------------------------------------------------------------
// PW004: the article table

/// A calendar date (year, month, day).
pub type Ymd = (i32, u32, u32);

/// One row of the 迟延履行 article table: from `start` to `end` (inclusive; `None` = open) the
/// notice cites `article` of the Civil Procedure Law.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticlePeriod {
    pub start: Option<Ymd>,
    pub end: Option<Ymd>,
    /// The article number (253 for 第二百五十三条).
    pub article: u32,
    /// The article as written in the table (第二百五十三条).
    pub text: String,
}

/// The validated 迟延履行 article table (`[delay_article:table]` of performance.txt).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleTable {
    periods: Vec<ArticlePeriod>,
}

use crate::numerals::days_in_month;

fn next_day((y, m, d): Ymd) -> Ymd {
    if d < days_in_month(y, m) {
        (y, m, d + 1)
    } else if m < 12 {
        (y, m + 1, 1)
    } else {
        (y + 1, 1, 1)
    }
}

/// Parse YYYY-MM-DD, checking the calendar.
fn parse_ymd(s: &str) -> Option<Ymd> {
    let mut it = s.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): Ymd = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

fn fmt_ymd((y, m, d): Ymd) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The number of an article written 第二百五十三条 / 第253条 (or just the numeral).
pub fn article_number(s: &str) -> Option<u32> {
    let inner = s.trim();
    let inner = inner.strip_prefix('第').unwrap_or(inner);
    let inner = inner.strip_suffix('条').unwrap_or(inner).trim();
    if inner.is_empty() {
        return None;
    }
    let ascii: String = inner
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c),
            _ => c,
        })
        .collect();
    if ascii.chars().all(|c| c.is_ascii_digit()) {
        return ascii.parse().ok();
    }
    cn_number(inner)
}

impl ArticleTable {
    /// Read and validate the table rows: three columns (start, end, article), dates as
    /// YYYY-MM-DD or "-" (open; only the first start and the last end), start ≤ end, rows in
    /// order without gaps or overlaps, articles written 第…条.
    pub fn from_entries(entries: &[Entry]) -> Result<ArticleTable, PatternError> {
        let err = |e: &Entry, message: String| PatternError {
            file: e.file.clone(),
            line: e.line,
            message,
        };
        let mut periods: Vec<ArticlePeriod> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let cols: Vec<&str> = e.text.split_whitespace().collect();
            let [start, end, article] = cols.as_slice() else {
                return Err(err(
                    e,
                    format!(
                        "[delay_article] 每行应为三列：起始日期 截止日期 条文（如 2013-01-01  2021-12-31  第二百五十三条），此行有 {} 列",
                        cols.len()
                    ),
                ));
            };
            let date = |s: &str, what: &str| -> Result<Option<Ymd>, PatternError> {
                if s == "-" {
                    return Ok(None);
                }
                parse_ymd(s).map(Some).ok_or_else(|| {
                    err(
                        e,
                        format!("[delay_article] {what}“{s}”不是有效日期（格式 YYYY-MM-DD，或 - 表示不限）"),
                    )
                })
            };
            let start = date(start, "起始日期")?;
            let end = date(end, "截止日期")?;
            if start.is_none() && i != 0 {
                return Err(err(
                    e,
                    "[delay_article] 只有第一行的起始日期可以为 -".into(),
                ));
            }
            if end.is_none() && i + 1 != entries.len() {
                return Err(err(
                    e,
                    "[delay_article] 只有最后一行的截止日期可以为 -".into(),
                ));
            }
            if let (Some(s), Some(t)) = (start, end) {
                if s > t {
                    return Err(err(
                        e,
                        format!(
                            "[delay_article] 起始日期 {} 晚于截止日期 {}",
                            fmt_ymd(s),
                            fmt_ymd(t)
                        ),
                    ));
                }
            }
            let number = article
                .starts_with('第')
                .then(|| article_number(article))
                .flatten()
                .filter(|_| article.ends_with('条'))
                .ok_or_else(|| {
                    err(
                        e,
                        format!("[delay_article] 条文“{article}”应写作“第二百六十四条”或“第264条”"),
                    )
                })?;
            if let Some(prev) = periods.last() {
                // checked above: only the last row has an open end, only the first an open start
                if let (Some(prev_end), Some(s)) = (prev.end, start) {
                    if s <= prev_end {
                        return Err(err(
                            e,
                            format!(
                                "[delay_article] 起始日期 {} 与上一行（截至 {}）重叠；各行应按时间先后排列",
                                fmt_ymd(s),
                                fmt_ymd(prev_end)
                            ),
                        ));
                    }
                    if s != next_day(prev_end) {
                        return Err(err(
                            e,
                            format!(
                                "[delay_article] 上一行截至 {}，此行自 {} 起，中间有空档",
                                fmt_ymd(prev_end),
                                fmt_ymd(s)
                            ),
                        ));
                    }
                }
            }
            periods.push(ArticlePeriod {
                start,
                end,
                article: number,
                text: article.to_string(),
            });
        }
        if periods.is_empty() {
            return Err(PatternError {
                file: "performance.txt".into(),
                line: 0,
                message: "[delay_article] 条文对照表为空".into(),
            });
        }
        Ok(ArticleTable { periods })
    }

    /// The table of a vocabulary (`performance/delay_article`).
    pub fn from_patterns(p: &Patterns) -> Result<ArticleTable, PatternError> {
        Self::from_entries(p.table(FILE, "delay_article"))
    }

    pub fn periods(&self) -> &[ArticlePeriod] {
        &self.periods
    }

    /// The period that contains `date`, if any.
    pub fn on(&self, date: Ymd) -> Option<&ArticlePeriod> {
        self.periods
            .iter()
            .find(|p| p.start.map_or(true, |s| s <= date) && p.end.map_or(true, |e| date <= e))
    }
}

/// Validate the performance vocabulary beyond what the loader checks (the article table). For
/// callers that load override folders and want to report a bad table before checking files.
pub fn validate(p: &Patterns) -> Result<(), PatternError> {
    ArticleTable::from_patterns(p).map(|_| ())
}

/// The sentence of `text` around `range` (bounded by 。！？).
fn sentence_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = text[..range.start]
        .rfind(['。', '！', '？'])
        .map(|i| i + '。'.len_utf8())
        .unwrap_or(0);
    let end = text[range.end..]
        .find(['。', '！', '？'])
        .map(|i| range.end + i)
        .unwrap_or(text.len());
    start..end
}

fn period_text(p: &ArticlePeriod) -> String {
    match (p.start, p.end) {
        (Some(s), Some(e)) => format!("{}至{}", fmt_ymd(s), fmt_ymd(e)),
        (Some(s), None) => format!("{}起", fmt_ymd(s)),
        (None, Some(e)) => format!("{}及以前", fmt_ymd(e)),
        (None, None) => "任何日期".to_string(),
    }
}

fn check_pw004(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let notices = delay_notices(ctx);
    if notices.is_empty() {
        return;
    }
    let Some(date) = ctx.st.info.ymd() else {
        return;
    };
    let r = rule("PW004");
    let table = match ArticleTable::from_patterns(ctx.patterns) {
        Ok(t) => t,
        Err(e) => {
            // A broken table must not silently switch the rule off.
            if let Some((para, range)) = notices.first() {
                out.push(ctx.diag(
                    r,
                    ctx.span_in(*para, range.start, range.end),
                    format!("无法检查迟延履行条文：条文对照表有误（{e}）"),
                ));
            }
            return;
        }
    };
    let Some(period) = table.on(date) else {
        return;
    };
    let cites = ctx.patterns.regexes(FILE, "cpl_article");
    for (para, range) in notices {
        let text = ctx.text(para);
        let sentence = sentence_around(text, &range);
        let s = &text[sentence.clone()];
        for re in cites.regexes() {
            for caps in re.captures_iter(s) {
                let Some(m) = caps.get(0) else { continue };
                let number = caps
                    .name("art")
                    .and_then(|a| article_number(a.as_str()))
                    .or_else(|| {
                        let t = m.as_str();
                        let from = t.rfind('第')?;
                        article_number(&t[from..])
                    });
                let Some(number) = number else { continue };
                if number == period.article {
                    continue;
                }
                let cited = &m.as_str()[m.as_str().rfind('第').unwrap_or(0)..];
                out.push(ctx.diag(
                    r,
                    ctx.span_in(para, sentence.start + m.start(), sentence.start + m.end()),
                    format!(
                        "迟延履行告知引用民事诉讼法{}，但文书日期{}适用的是{}（{}）",
                        cited,
                        fmt_ymd(date),
                        period.text,
                        period_text(period)
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{lint_bytes, Options};

    fn codes(text: &str) -> Vec<&'static str> {
        let rep = lint_bytes(text.as_bytes(), "t.txt", &Options::default());
        assert!(rep.error.is_none(), "{:?}", rep.error);
        rep.findings
            .iter()
            .map(|f| f.code)
            .filter(|c| c.starts_with("PW") || c.starts_with("FE"))
            .collect()
    }

    fn findings(text: &str) -> Vec<crate::Finding> {
        // a panic in a rule is contained as READ011 with no findings: never read that as "no finding"
        let rep = lint_bytes(text.as_bytes(), "t.txt", &Options::default());
        assert!(rep.error.is_none(), "{:?}", rep.error);
        rep.findings
    }

    fn builtin() -> Patterns {
        Patterns::builtin().unwrap()
    }

    /// A civil judgment with the given ruling, tail, date line and appendix.
    fn judgment(ruling: &str, tail: &str, date: &str, appendix: &str) -> String {
        format!(
            "某某市某某区人民法院\n民事判决书\n（2016）川0703民初88号\n原告：张三，男，1980年1月1日出生。\n被告：李四，男，1981年2月2日出生。\n原告张三与被告李四民间借贷纠纷一案，本院于2016年3月1日立案后，依法适用简易程序公开开庭进行了审理。\n本院认为，借贷关系合法有效。依照《中华人民共和国合同法》第二百零六条之规定，判决如下：\n{ruling}\n{tail}\n审判员　　赵六\n{date}\n书记员　　孙七{appendix}"
        )
    }

    const PAY: &str = "被告李四于本判决生效之日起十日内偿还原告张三借款10000元。";
    const NOTICE_253: &str = "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百五十三条之规定，加倍支付迟延履行期间的债务利息。";
    const FEE: &str = "案件受理费50元，由被告李四负担。";
    const DATE_2016: &str = "二〇一六年五月六日";

    #[test]
    fn warning_by_meaning_not_one_sentence() {
        let p = builtin();
        // the old wording: "must perform … if one side does not, the other may apply for enforcement"
        assert!(find_warning(&p, "本判决生效后，当事人须依判决所定期限自觉履行义务。一方不履行的，对方可以申请强制执行。").is_some());
        // …but when the only consequence is the creditor's time limit for applying, the obligor
        // is warned of nothing
        assert!(find_warning(&p, "本判决生效后，当事人须依判决所定期限自觉履行义务。依据民事诉讼法的规定，一方不履行的，对方可以在履行期限届满后二年内申请强制执行。").is_none());
        assert!(find_warning(&p, "当事人应当按期履行本判决确定的义务。一方逾期不履行的，对方当事人可以在本判决规定的履行期限届满之日起二年内向本院申请强制执行。").is_none());
        assert!(find_warning(&p, "当事人应当按期履行本判决确定的义务。一方逾期不履行的，对方当事人可以在二年内申请强制执行，义务人将被纳入失信被执行人名单。").is_some());
        // urge phrased with 应当…履行…义务, consequence with credit sanctions
        assert!(find_warning(&p, "负有给付义务的当事人应当在指定期限内履行给付义务，逾期未履行的，将被纳入失信被执行人名单并限制高消费。").is_some());
        // the delayed-performance notice alone is not a warning
        assert!(find_warning(&p, NOTICE_253).is_none());
        // a negated urge is a fact, not an urge
        assert!(find_warning(
            &p,
            "被告未自觉履行还款义务，原告遂申请强制执行，本院依法扣划存款。"
        )
        .is_none());
        // the period for applying for enforcement alone is not a warning
        assert!(find_warning(
            &p,
            "根据《中华人民共和国民事诉讼法》第二百三十九条之规定，申请执行的期间为二年。"
        )
        .is_none());
    }

    #[test]
    fn wordings_courts_use_are_recognised() {
        let p = builtin();
        for t in [
            "本判决发生法律效力后，负有金钱给付义务的当事人须依法自觉履行；逾期未履行的，本院将依法采取强制执行措施，并可将其纳入失信被执行人名单。",
            "特别提示：义务人应在判决生效后及时履行义务，拒不履行的，本院将依法采取罚款、拘留等强制措施；构成犯罪的，依法追究刑事责任。",
            "温馨提示：请自动履行生效法律文书确定的义务，否则将承担被强制执行、限制高消费等不利后果。",
            "本调解书生效后，双方应自觉履行。一方不履行的，另一方可以向人民法院申请执行。",
            "被告应于本判决生效后主动、按期履行给付义务，如被告未按期履行，原告可申请本院强制执行。",
        ] {
            assert!(find_warning(&p, t).is_some(), "{t}");
        }
        // the appeal notice and the fee paragraph are no warnings
        for t in [
            "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，逾期不上诉的，本判决即发生法律效力。",
            "案件受理费50元，由被告负担，于本判决生效之日起七日内交纳，逾期不交纳的，本院将依法强制执行。",
        ] {
            assert!(find_warning(&p, t).is_none(), "{t}");
        }
    }

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
            let tail = format!("{FEE}");
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
    fn delay_notice_parsed_into_the_last_item_still_counts() {
        // "如不按…" has no tail landmark: the parser may keep it in the last item
        let ruling = "一、被告李四于本判决生效后十日内偿还原告张三借款10000元；\n二、驳回原告张三的其他诉讼请求。\n如不按本判决指定的期限履行给付金钱义务的，应当按照《中华人民共和国民事诉讼法》第二百五十三条的规定，加倍支付延迟履行期间的债务利息。";
        let c = codes(&judgment(ruling, FEE, DATE_2016, ""));
        assert!(!c.contains(&"PW003") && !c.contains(&"PW004"), "{c:?}");
    }

    #[test]
    fn revoked_payments_are_not_ordered_upheld_ones_are() {
        let quoted = "本院认为，一审判决部分不当。依照《中华人民共和国民事诉讼法》第一百七十七条之规定，判决如下：";
        let appeal = |ruling: &str| {
            judgment(ruling, FEE, DATE_2016, "")
                .replace("民事判决书\n（2016）川0703民初88号", "民事判决书\n（2016）川07民终88号")
                .replace(
                    "原告张三与被告李四民间借贷纠纷一案，本院于2016年3月1日立案后，依法适用简易程序公开开庭进行了审理。",
                    "上诉人李四因与被上诉人张三民间借贷纠纷一案，不服一审判决提起上诉。一审法院判决：一、李四于判决生效之日起十日内偿还张三借款10000元；二、李四支付张三违约金2000元。",
                )
                .replace("本院认为，借贷关系合法有效。依照《中华人民共和国合同法》第二百零六条之规定，判决如下：", quoted)
        };
        // only revoking a payment imposes nothing
        let c = codes(&appeal("一、撤销一审判决第二项，即“二、李四支付张三违约金2000元”；\n二、驳回张三的其他诉讼请求。"));
        assert!(!c.contains(&"PW001") && !c.contains(&"PW003"), "{c:?}");
        // upholding the payment item by its number orders that payment
        let c = codes(&appeal(
            "一、维持一审判决第一项；\n二、撤销一审判决第二项。",
        ));
        assert!(c.contains(&"PW001") && c.contains(&"PW003"), "{c:?}");
        // so does adding a guarantor's liability for the debt
        let c = codes(&appeal(
            "一、撤销一审判决第二项；\n二、王五对一审判决第一项确定的债务承担连带清偿责任。",
        ));
        assert!(c.contains(&"PW003"), "{c:?}");
    }

    #[test]
    fn creditor_time_limit_is_no_warning() {
        let tail = format!("{NOTICE_253}\n{FEE}\n本判决发生法律效力后，当事人应当按期履行本判决确定的义务。一方逾期不履行的，对方当事人可以在本判决规定的履行期限届满之日起二年内向本院申请强制执行。");
        assert_eq!(codes(&judgment(PAY, &tail, DATE_2016, "")), vec!["PW001"]);
    }

    #[test]
    fn pw003_needs_money() {
        // a name with 金 and a non-money return do not make a payment of money
        let ruling = "被告金某某于本判决生效后十日内返还原告张三电脑一台。";
        let c = codes(&judgment(ruling, FEE, DATE_2016, ""));
        assert!(!c.contains(&"PW003"), "{c:?}");
        assert!(c.contains(&"PW001"));
        // the amount may follow the verb in a later comma clause
        let ruling = "被告李四赔偿原告张三各项损失，共计12392.97元，于本判决生效后十日内付清。";
        assert!(codes(&judgment(ruling, FEE, DATE_2016, "")).contains(&"PW003"));
    }

    #[test]
    fn pw004_articles_by_date() {
        let cases = [
            ("二〇〇七年五月六日", "第二百三十二条", true),
            ("二〇一一年十月十日", "第二百二十九条", true),
            ("二〇一二年九月二十二日", "第二百二十九条", true),
            ("二〇一三年一月一日", "第二百二十九条", false),
            ("二〇一六年五月六日", "第二百五十三条", true),
            ("二〇二一年十二月三十一日", "第二百五十三条", true),
            ("二〇二二年三月一日", "第二百五十三条", false),
            ("二〇二三年三月一日", "第二百六十条", true),
            ("二〇二四年三月一日", "第二百六十条", false),
            ("二〇二四年三月一日", "第264条", true),
        ];
        for (date, art, ok) in cases {
            let notice = NOTICE_253.replace("第二百五十三条", art);
            let warn = "本判决生效后，当事人应当自觉履行义务，逾期不履行的，对方可以申请强制执行。";
            let tail = format!("{notice}\n{FEE}\n{warn}");
            let f = findings(&judgment(PAY, &tail, date, ""));
            let pw4: Vec<_> = f.iter().filter(|f| f.code == "PW004").collect();
            assert_eq!(pw4.is_empty(), ok, "{date} {art}: {pw4:?}");
            if let Some(d) = pw4.first() {
                assert!(d.excerpt.contains(art), "{}", d.excerpt);
            }
        }
    }

    #[test]
    fn pw004_only_the_notice_sentence_and_only_the_cpl() {
        // 第二百三十九条 (period for applying for enforcement) in the next sentence is not checked
        let tail = format!("如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百五十三条之规定，加倍支付迟延履行期间的债务利息。申请执行的期间依照《中华人民共和国民事诉讼法》第二百三十九条的规定为二年。\n{FEE}");
        assert!(!codes(&judgment(PAY, &tail, DATE_2016, "")).contains(&"PW004"));
        // the SPC interpretation is not the Civil Procedure Law
        let tail = format!("如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百五十三条、《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五百零五条之规定，加倍支付迟延履行期间的债务利息。\n{FEE}");
        assert!(!codes(&judgment(PAY, &tail, DATE_2016, "")).contains(&"PW004"));
    }

    #[test]
    fn builtin_article_table_is_valid() {
        let t = ArticleTable::from_patterns(&builtin()).unwrap();
        assert_eq!(
            t.periods().iter().map(|p| p.article).collect::<Vec<_>>(),
            [232, 229, 253, 260, 264]
        );
        assert_eq!(t.on((2008, 3, 31)).map(|p| p.article), Some(232));
        assert_eq!(t.on((2008, 4, 1)).map(|p| p.article), Some(229));
        assert_eq!(t.on((2021, 12, 31)).map(|p| p.article), Some(253));
        assert_eq!(t.on((2030, 1, 1)).map(|p| p.article), Some(264));
        assert!(validate(&builtin()).is_ok());
    }

    #[test]
    fn bad_table_rows_are_clear_errors() {
        let rows = |lines: &[&str]| -> Vec<Entry> {
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| Entry {
                    text: l.to_string(),
                    file: "performance.txt".into(),
                    line: i + 10,
                })
                .collect()
        };
        let bad = [
            (vec!["2013-01-01 2021-12-31"], 10, "三列"),
            (vec!["2013-02-30 2021-12-31 第二百五十三条"], 10, "有效日期"),
            (vec!["2021-01-01 2013-12-31 第二百五十三条"], 10, "晚于"),
            (vec!["2013-01-01 2021-12-31 二百五十三"], 10, "条文"),
            (
                vec![
                    "2013-01-01 2021-12-31 第二百五十三条",
                    "2021-06-01 - 第二百六十条",
                ],
                11,
                "重叠",
            ),
            (
                vec![
                    "2013-01-01 2021-12-31 第二百五十三条",
                    "2022-02-01 - 第二百六十条",
                ],
                11,
                "空档",
            ),
            (
                vec!["2013-01-01 - 第二百五十三条", "2022-01-01 - 第二百六十条"],
                10,
                "最后一行",
            ),
            (
                vec!["2013-01-01 2021-12-31 第二百五十三条", "- - 第二百六十条"],
                11,
                "第一行",
            ),
        ];
        for (lines, line, needle) in bad {
            let e = ArticleTable::from_entries(&rows(&lines)).unwrap_err();
            assert_eq!(e.line, line, "{lines:?}: {e}");
            assert!(e.message.contains(needle), "{lines:?}: {e}");
        }
        assert!(ArticleTable::from_entries(&[]).is_err());
        assert!(ArticleTable::from_entries(&rows(&[
            "2013-01-01 2021-12-31 第253条",
            "2022-01-01 - 第二百六十条"
        ]))
        .is_ok());
    }

    #[test]
    fn no_header_judgment_is_recognised_by_its_trigger() {
        let text = format!("原告：张三，男。\n被告：李四，男。\n原告张三与被告李四民间借贷纠纷一案，本院于2016年3月1日立案后进行了审理。\n本院认为，借贷关系合法有效。依照《中华人民共和国合同法》第二百零六条之规定，判决如下：\n{PAY}\n{FEE}\n审判员　　赵六\n{DATE_2016}\n书记员　　孙七");
        let c = codes(&text);
        assert!(c.contains(&"PW001") && c.contains(&"PW003"), "{c:?}");
    }

    #[test]
    fn rulings_and_criminal_documents_are_out_of_scope() {
        let text = judgment(PAY, FEE, DATE_2016, "")
            .replace("民事判决书", "民事裁定书")
            .replace("判决如下", "裁定如下");
        assert_eq!(codes(&text), Vec::<&str>::new());
    }

    #[test]
    fn item_names() {
        assert_eq!(item_name(1), "第一项");
        assert_eq!(item_name(12), "第十二项");
        assert_eq!(item_name(30), "第三十项");
        assert_eq!(strip_label("二、被告支付"), "被告支付");
        assert_eq!(strip_label("（2021）被告支付"), "被告支付");
        assert_eq!(strip_label("一次性支付"), "一次性支付");
    }

    #[test]
    fn no_panic_on_odd_input() {
        // lint_bytes contains a panic as READ011: that must fail here, not pass as "no findings"
        let empty = lint_bytes(b"", "t.txt", &Options::default());
        assert_eq!(empty.error.map(|e| e.code), Some(crate::ReadCode::Empty));
        for text in [
            "判决如下：",
            "审判员\n二〇二四年十三月九日",
            "如果未按加倍支付迟延履行期间的债务利息第条",
            "民事调解书\n协议如下：\n一、\n审判员甲\n二〇二四年一月一日",
        ] {
            let _ = findings(text);
        }
    }
}
