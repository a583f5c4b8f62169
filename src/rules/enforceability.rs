//! Enforceable ruling items (seed item 10): EX001–EX008.
//!
//! Every rule here looks only at the ruling items (判项) the structure found — claims, defences
//! and reasoning quote vague phrases all the time and are never findings. One finding per item
//! and code; the message names the vague parts.

use super::{CaseKind, Context, Example, Rule, BOTH};
use crate::diagnostic::{Diagnostic, Severity};
use crate::structure::Section;
use crate::structure::Section::{Parties, Ruling, Tail};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const SEED: &str = "第10项 裁判文书执行内容的明确性：判项、调解项必须明确具体、具有可执行性";
const F: &str = "enforceability";

/// A piece of an item paragraph: a clause (between ，；。) or a sentence (between ；。).
#[derive(Debug, Clone, Copy)]
struct Piece<'a> {
    para: usize,
    /// byte range within the paragraph text
    start: usize,
    end: usize,
    text: &'a str,
}

fn split<'a>(para: usize, text: &'a str, seps: &[char]) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if seps.contains(&c) {
            if i > start {
                out.push(Piece {
                    para,
                    start,
                    end: i,
                    text: &text[start..i],
                });
            }
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(Piece {
            para,
            start,
            end: text.len(),
            text: &text[start..],
        });
    }
    out
}

const CLAUSE: &[char] = &['，', '；', '。', ';', ',', '：'];
const SENTENCE: &[char] = &['；', '。', ';'];

/// Strip the item label (一、 / （一） / 1.) so it doesn't count as a quantity or number.
fn strip_label(text: &str) -> usize {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:[一二三四五六七八九十]{1,4}\s*[、，,．.]|[（(][一二三四五六七八九十\d]{1,4}[）)]|\d{1,3}\s*[、．.]|[①-⑳])").unwrap()
    });
    RE.find(text).map(|m| m.end()).unwrap_or(0)
}

/// The items' paragraphs, with the label stripped: (item number, paragraph, text offset, text).
fn item_paragraphs<'a>(ctx: &'a Context) -> Vec<(u32, usize, usize, &'a str)> {
    let mut v = Vec::new();
    for item in &ctx.st.items {
        for &p in &item.paras {
            let t = ctx.live_text(p);
            let off = strip_label(t);
            v.push((item.number, p, off, &t[off..]));
        }
    }
    v
}

/// Pieces of each item, grouped by item: (item number, pieces with offsets in the full paragraph).
fn item_pieces<'a>(ctx: &'a Context, seps: &[char]) -> Vec<(u32, Vec<Piece<'a>>)> {
    let mut out: Vec<(u32, Vec<Piece<'a>>)> = Vec::new();
    for (num, para, off, text) in item_paragraphs(ctx) {
        let pieces = split(para, text, seps).into_iter().map(|p| Piece {
            start: p.start + off,
            end: p.end + off,
            ..p
        });
        match out.last_mut() {
            Some((n, v)) if *n == num => v.extend(pieces),
            _ => out.push((num, pieces.collect())),
        }
    }
    out
}

fn span(ctx: &Context, p: &Piece) -> Range<usize> {
    ctx.span_in(p.para, p.start, p.end)
}

fn quote(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| format!("“{p}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// Case numbers ("（2014）旌刑初字第514号") name a case, not an object: they never identify one.
static RE_CASE_NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(〔\[]\s*(?:19|20)\d{2}\s*[）)〕\]][^，。；、]{0,30}?号(?:之[一二三四五六七八九十\d]+)?").unwrap()
});

/// Does the text identify an object: address/certificate/plate/serial/list, quantity, or amount?
fn identified(ctx: &Context, text: &str) -> bool {
    let p = ctx.patterns;
    let cleaned = RE_CASE_NO.replace_all(text, "");
    let text = cleaned.as_ref();
    p.regexes(F, "identifier").is_match(text)
        || p.regexes(F, "quantity").is_match(text)
        || p.regexes(F, "amount").is_match(text)
}

fn has_amount(ctx: &Context, text: &str) -> bool {
    ctx.patterns.regexes(F, "amount").is_match(text)
}

/// Items that dismiss, allow withdrawal or affirm order nothing to enforce.
fn is_negative(text: &str) -> bool {
    let t = text.trim_start();
    [
        "驳回",
        "准予",
        "准许",
        "维持",
        "不予",
        "撤销",
        "终结",
        "中止",
        "本案按",
        "按撤诉",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

fn is_criminal(ctx: &Context) -> bool {
    ctx.case_kind() == CaseKind::Criminal
}

/// Do the civil item rules (EX001–EX005, EX007, EX016) apply? Judgments, rulings and mediation
/// documents of civil and administrative cases and state-compensation decisions: yes. Criminal
/// documents have EX006 (and EX005 for fines) instead; the execution agency's rulings, notices
/// and decisions carry out a title, they are not one (their measures are not orders to a party).
fn civil_item_rules_apply(ctx: &Context) -> bool {
    !is_criminal(ctx) && ctx.case_kind() != CaseKind::Execution
}

/// Where a default clause (若/如…未按期足额支付…) starts in a sentence: what follows is a
/// condition on an earlier order (acceleration, a penalty on default), not a new order.
fn default_clause_start(ctx: &Context, text: &str) -> Option<usize> {
    ctx.patterns
        .regexes(F, "default_clause")
        .find(text)
        .map(|(s, _)| s)
}

/// The sentence without its default clause.
fn order_part<'t>(ctx: &Context, text: &'t str) -> &'t str {
    match default_clause_start(ctx, text) {
        Some(s) => &text[..s],
        None => text,
    }
}

// ---------------------------------------------------------------------------------------------
// EX001 property division

fn check_ex001(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !civil_item_rules_apply(ctx) {
        return;
    }
    let p = ctx.patterns;
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        let item_text: String = sentences.iter().map(|s| s.text).collect();
        if is_negative(&item_text) {
            continue;
        }
        if !(p.keywords(F, "division").is_match(&item_text)
            || p.regexes(F, "division_re").is_match(&item_text))
        {
            continue;
        }
        let mut vague: Vec<Piece> = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        let mut identified_before = false;
        for s in &sentences {
            for c in split(s.para, s.text, CLAUSE).into_iter().map(|c| Piece {
                start: c.start + s.start,
                end: c.end + s.start,
                ..c
            }) {
                let generic = p.keywords(F, "generic_property").find(c.text);
                let deferral = p.keywords(F, "division_deferral").find(c.text);
                let refers_back = ["上述", "前述", "以上", "前列"]
                    .iter()
                    .any(|w| c.text.contains(w));
                if (generic.is_some() || deferral.is_some())
                    && !identified(ctx, c.text)
                    && !(refers_back && identified_before)
                {
                    for (_, _, w) in [generic, deferral].into_iter().flatten() {
                        if !words.contains(&w) {
                            words.push(w);
                        }
                    }
                    vague.push(c);
                } else if identified(ctx, c.text) {
                    identified_before = true;
                }
            }
        }
        if let Some(first) = vague.first() {
            let last = vague
                .iter()
                .filter(|c| c.para == first.para)
                .last()
                .unwrap_or(first);
            let sp = ctx.span_in(first.para, first.start, last.end);
            out.push(ctx.diag(
                &EX001,
                sp,
                format!("财产分割判项未列明具体财产：{} 无法据以执行", quote(&words)),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// EX002 return / delivery

fn check_ex002(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !civil_item_rules_apply(ctx) {
        return;
    }
    let p = ctx.patterns;
    let criminal = is_criminal(ctx);
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        let mut hit: Option<(Piece, &str)> = None;
        for s in &sentences {
            if is_negative(s.text) {
                continue;
            }
            let Some((vs, ve, verb)) = p.keywords(F, "return").find(s.text) else {
                continue;
            };
            // criminal recovery/restitution is EX006's business
            if criminal && p.regexes(F, "confiscate_property").is_match(s.text) {
                continue;
            }
            let object = &s.text[ve..];
            let object_head = object.split(['，', ',']).next().unwrap_or(object);
            // a fine or other money order (罚金, 罚款, 上述款项) is money whatever the verb
            let money = p.keywords(F, "money_object").is_match(object_head)
                || ["罚金", "罚款", "款项", "价款", "欠款"]
                    .iter()
                    .any(|w| s.text[..vs].contains(w));
            if money || p.regexes(F, "reference").is_match(s.text) {
                continue;
            }
            // a specific object (特定物: house, vehicle, machine, animal, work of art) needs what
            // tells it apart, not only a count: 交付挖掘机一台 is not enough
            let specific_object = p.keywords(F, "specific_object").is_match(object_head);
            let told_apart = {
                let cleaned = RE_CASE_NO.replace_all(s.text, "");
                p.regexes(F, "identifier").is_match(&cleaned) || has_amount(ctx, &cleaned)
            };
            if if specific_object {
                told_apart
            } else {
                identified(ctx, s.text)
            } {
                continue;
            }
            // the identification may follow in the next sentence of the same item ("型号为…")
            let rest: String = sentences
                .iter()
                .filter(|o| o.start > s.start || o.para > s.para)
                .map(|o| o.text)
                .collect();
            if p.regexes(F, "identifier").is_match(&rest)
                && !p.keywords(F, "return").is_match(&rest)
            {
                continue;
            }
            hit = Some((*s, verb));
            break;
        }
        if let Some((s, verb)) = hit {
            out.push(ctx.diag(
                &EX002,
                span(ctx, &s),
                format!(
                    "“{verb}”判项未写明标的物的名称、数量、型号/编号或所在地：“{}”无法据以执行",
                    s.text.trim()
                ),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// EX003 restore / remove obstruction / stop infringement / demolish

fn check_ex003(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !civil_item_rules_apply(ctx) {
        return;
    }
    let p = ctx.patterns;
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        let item_text: String = sentences.iter().map(|s| s.text).collect();
        if is_negative(&item_text) {
            continue;
        }
        let Some(s) = sentences
            .iter()
            .find(|s| p.keywords(F, "restore").is_match(s.text))
        else {
            continue;
        };
        let verb = p
            .keywords(F, "restore")
            .find(s.text)
            .map(|m| m.2)
            .unwrap_or("");
        // 停止侵害/停止侵权: the specific conduct to stop (and the right), not a place and size
        if verb.starts_with("停止侵") {
            if !p.regexes(F, "infringing_conduct").is_match(&item_text) {
                out.push(ctx.diag(
                    &EX003,
                    span(ctx, s),
                    format!("“{verb}”判项未写明应当停止的具体行为（如生产、销售、放映何种产品或作品）及所涉权利，无法据以执行"),
                ));
            }
            continue;
        }
        let location = p.regexes(F, "location").is_match(&item_text)
            || p.regexes(F, "identifier").is_match(&item_text);
        let extent = p.regexes(F, "extent").is_match(&item_text)
            || p.regexes(F, "quantity").is_match(&item_text);
        let needs_extent = matches!(verb, "恢复原状" | "恢复原貌" | "拆除" | "消除危险");
        let mut missing = Vec::new();
        if !location {
            missing.push("位置");
        }
        if needs_extent && !extent {
            missing.push("范围（尺寸、面积或恢复到的状态）");
        }
        if !missing.is_empty() {
            out.push(ctx.diag(
                &EX003,
                span(ctx, s),
                format!(
                    "“{verb}”判项未写明标的物的{}，无法据以执行",
                    missing.join("和")
                ),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// EX004 liability within a range without an amount

fn check_ex004(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !civil_item_rules_apply(ctx) {
        return;
    }
    let p = ctx.patterns;
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        for s in &sentences {
            if is_negative(s.text) {
                continue;
            }
            if let Some((a, b)) = p.regexes(F, "range_liability").find(s.text) {
                if !has_amount(ctx, s.text) {
                    let phrase = &s.text[a..b];
                    out.push(ctx.diag(
                        &EX004,
                        ctx.span_in(s.para, s.start + a, s.start + b),
                        format!("“{phrase}”承担责任，未写明该范围的具体金额或执行标的"),
                    ));
                    break;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// EX005 no deadline

/// Paragraphs of the ruling and tail that state one deadline for several items (上述款项于本判决
/// 生效之日起十日内付清; 以上一、二项判决，于…偿清; 上述罚金于…缴纳): each covers the items
/// before it (and its own). The performance warning and the 迟延履行 notice are not such a
/// paragraph.
fn shared_deadlines(ctx: &Context) -> Vec<usize> {
    let p = ctx.patterns;
    (0..ctx.st.sections.len())
        .filter(|&i| matches!(ctx.st.sections[i], Ruling | Tail))
        .filter(|&i| {
            let t = ctx.live_text(i);
            let t = order_part(ctx, t);
            p.regexes(F, "collective").is_match(t)
                && p.regexes(F, "deadline").is_match(t)
                && !t.contains("迟延履行")
                && !t.contains("延迟履行")
                && !p.keywords("fees", "fee").is_match(t)
                && super::performance::find_warning(p, t).is_none()
        })
        .collect()
}

fn check_ex005(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.case_kind() == CaseKind::Execution {
        return;
    }
    let criminal = is_criminal(ctx);
    let p = ctx.patterns;
    let shared = shared_deadlines(ctx);
    for (number, sentences) in item_pieces(ctx, SENTENCE) {
        let Some(last_para) = sentences.iter().map(|s| s.para).max() else {
            continue;
        };
        // bracketed notes after the item (（刑期…。罚金于判决生效后十日内缴纳。）) belong to it
        let notes: String = ctx
            .st
            .items
            .iter()
            .filter(|it| it.number == number)
            .flat_map(|it| it.notes.iter())
            .map(|&i| ctx.live_text(i))
            .collect();
        // a deadline stated once after (or in) this item covers it
        if shared.iter().any(|&d| d >= last_para) {
            continue;
        }
        let orders: Vec<(&Piece, &str)> = sentences
            .iter()
            .map(|s| (s, order_part(ctx, s.text)))
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        let item_text: String = orders.iter().map(|(_, t)| *t).collect();
        if is_negative(&item_text)
            || p.regexes(F, "deadline").is_match(&item_text)
            || p.regexes(F, "deadline").is_match(&notes)
            || p.regexes(F, "attached").is_match(&item_text)
        {
            continue;
        }
        if criminal {
            // criminal judgments: a fine imposed (并处罚金…) needs its payment period (刑法
            // art. 53); rulings (核准, 减刑) only refer to fines imposed elsewhere
            if super::performance::document_kind(ctx) != Some("判决书") {
                continue;
            }
            if let Some((s, _)) = orders
                .iter()
                .find(|(_, t)| p.regexes(F, "fine_imposed").is_match(t))
            {
                out.push(ctx.diag(
                    &EX005,
                    span(ctx, s),
                    "判处罚金未写明缴纳期限（刑法第五十三条：罚金在判决指定的期限内缴纳）",
                ));
            }
            continue;
        }
        if !civil_item_rules_apply(ctx) {
            continue;
        }
        // costs borne by a party are the fee paragraph's business
        if p.keywords("fees", "fee").is_match(&item_text) || item_text.contains("保全费") {
            continue;
        }
        let Some((s, t)) = orders.iter().find(|(_, t)| {
            p.keywords(F, "obligation").is_match(t)
                && !p.regexes(F, "debt_allocation").is_match(t)
                && !p.regexes(F, "statement").is_match(t)
        }) else {
            continue;
        };
        let verb = p
            .keywords(F, "obligation")
            .find(t)
            .map(|m| m.2)
            .unwrap_or("");
        out.push(ctx.diag(&EX005, span(ctx, s), format!("“{verb}”判项未写明履行期限")));
    }
}

// ---------------------------------------------------------------------------------------------
// EX006 criminal property disposal

/// Is a list (清单, 附表, 明细表) appended to the document (after the signature)?
fn list_in_document(ctx: &Context) -> bool {
    ctx.section(Section::Appendix).into_iter().any(|i| {
        let t = ctx.text(i);
        t.chars().count() <= 40 && ctx.patterns.regexes(F, "list_title").is_match(t)
    })
}

/// Does a criminal property sentence say what is confiscated, recovered or returned: an amount,
/// a real count (not 一批/若干/…等物品) or an identifier, or the whole property? A reference to a
/// list is EX014's business (whether the list is there), not a vague disposal.
fn criminal_property_specific(ctx: &Context, text: &str) -> bool {
    let p = ctx.patterns;
    if text.contains("全部财产") || has_amount(ctx, text) {
        return true;
    }
    if p.regexes(F, "list_reference").is_match(text) {
        return true;
    }
    if p.regexes(F, "vague_count").is_match(text) {
        return false;
    }
    identified(ctx, text)
}

fn check_ex006(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !is_criminal(ctx) {
        return;
    }
    let p = ctx.patterns;
    let _ = list_in_document;
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        for s in &sentences {
            let Some((a, b)) = p.regexes(F, "confiscate_property").find(s.text) else {
                continue;
            };
            if criminal_property_specific(ctx, s.text) {
                continue;
            }
            let phrase = &s.text[a..b];
            out.push(ctx.diag(
                &EX006,
                span(ctx, s),
                format!("刑事涉财产判项“{phrase}”未写明具体金额或财物的名称、数量"),
            ));
            break;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// EX016 money without an amount

fn check_ex016(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !civil_item_rules_apply(ctx) {
        return;
    }
    let p = ctx.patterns;
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        let orders: Vec<(&Piece, &str)> = sentences
            .iter()
            .map(|s| (s, order_part(ctx, s.text)))
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        let item_text: String = orders.iter().map(|(_, t)| *t).collect();
        if is_negative(&item_text)
            || has_amount(ctx, &item_text)
            || p.regexes(F, "attached").is_match(&item_text)
            || p.regexes(F, "formula").is_match(&item_text)
            || p.regexes(F, "collective").is_match(&item_text)
            || p.keywords("fees", "fee").is_match(&item_text)
            || p.regexes(F, "debt_allocation").is_match(&item_text)
            // a blank amount (保证金元) is EX012's finding
            || !super::ruling_items::blanks(p, &item_text).is_empty()
        {
            continue;
        }
        let hit = orders.iter().find_map(|(s, t)| {
            let (vs, ve, _) = p.keywords(F, "money_verb").find(t)?;
            p.keywords(F, "money_word").find(&t[ve..])?;
            let phrase: String = t[vs..].trim_end().chars().take(40).collect();
            Some((*s, phrase))
        });
        if let Some((s, phrase)) = hit {
            out.push(ctx.diag(
                &EX016,
                span(ctx, s),
                format!("金钱给付判项“{phrase}”未写明金额，也没有可据以计算的基数和标准，执行法院无法确定数额"),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// EX007 distribution plan deferred to the execution agency

fn check_ex007(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !civil_item_rules_apply(ctx) {
        return;
    }
    let p = ctx.patterns;
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        if let Some(s) = sentences
            .iter()
            .find(|s| p.regexes(F, "redo_distribution").is_match(s.text))
        {
            out.push(ctx.diag(&EX007, span(ctx, s), "分配方案异议之诉判项仅要求执行机构重新制作分配方案，未对异议人的分配顺序和应分配数额作出判决"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// EX008 capital numerals vs figures

static RE_CAP_FIG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<cap>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿两]+(?:元|圆)(?:[零壹贰叁肆伍陆柒捌玖]角)?(?:[零壹贰叁肆伍陆柒捌玖]分)?整?)\s*[（(]\s*(?:人民币|￥|¥)?\s*(?P<fig>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(?P<wan>万)?\s*元?\s*[）)]").unwrap()
});
static RE_FIG_CAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<fig>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(?P<wan>万)?\s*元\s*[（(]\s*(?:人民币|大写[：:]?)?\s*(?P<cap>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿两]+(?:元|圆)(?:[零壹贰叁肆伍陆柒捌玖]角)?(?:[零壹贰叁肆伍陆柒捌玖]分)?整?)\s*[）)]").unwrap()
});

/// Capital-numeral amount (壹万贰仟元伍角) → value in fen (1/100 yuan).
pub fn capital_to_fen(s: &str) -> Option<i64> {
    let digit = |c: char| {
        "零壹贰叁肆伍陆柒捌玖"
            .chars()
            .position(|d| d == c)
            .map(|v| v as i64)
            .or(if c == '两' { Some(2) } else { None })
    };
    let (yuan_part, rest) = match s.find(['元', '圆']) {
        Some(i) => (&s[..i], &s[i + 3..]),
        None => (s, ""),
    };
    let mut total: i64 = 0; // completed 亿 / 万 sections
    let mut section: i64 = 0;
    let mut current: i64 = 0;
    let mut any = false;
    for c in yuan_part.chars() {
        if let Some(d) = digit(c) {
            current = d;
            any = true;
            continue;
        }
        let unit = match c {
            '拾' => 10,
            '佰' => 100,
            '仟' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        any = true;
        if unit >= 10_000 {
            total = total.checked_add((section + current).checked_mul(unit)?)?;
            section = 0;
        } else {
            section += if current == 0 && unit == 10 {
                1
            } else {
                current
            } * unit;
        }
        current = 0;
    }
    if !any {
        return None;
    }
    let yuan = total + section + current;
    let mut fen = yuan.checked_mul(100)?;
    let mut pending: Option<i64> = None;
    for c in rest.chars() {
        if let Some(d) = digit(c) {
            pending = Some(d);
        } else if c == '角' {
            fen += pending.take().unwrap_or(0) * 10;
        } else if c == '分' {
            fen += pending.take().unwrap_or(0);
        }
    }
    Some(fen)
}

fn figure_to_fen(fig: &str, wan: bool) -> Option<i64> {
    let ascii: String = fig
        .chars()
        .filter_map(|c| match c {
            '0'..='9' | '.' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + 0x30),
            '．' => Some('.'),
            _ => None,
        })
        .collect();
    let (int, frac) = ascii.split_once('.').unwrap_or((&ascii, ""));
    let int: i64 = int.parse().ok()?;
    let mut frac2: String = frac.chars().take(6).collect();
    while frac2.len() < 6 {
        frac2.push('0');
    }
    let micro: i64 = frac2.parse().ok()?; // millionths
    let scale = if wan { 10_000 } else { 1 };
    Some(int.checked_mul(100 * scale)? + micro * scale / 10_000)
}

fn check_ex008(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, para, _, _) in item_paragraphs(ctx) {
        let text = ctx.text(para);
        for re in [&*RE_CAP_FIG, &*RE_FIG_CAP] {
            for c in re.captures_iter(text) {
                let (Some(cap), Some(fig)) = (c.name("cap"), c.name("fig")) else {
                    continue;
                };
                let (Some(a), Some(b)) = (
                    capital_to_fen(cap.as_str()),
                    figure_to_fen(fig.as_str(), c.name("wan").is_some()),
                ) else {
                    continue;
                };
                if a != b {
                    let m = c.get(0).map(|m| m.range()).unwrap_or(0..0);
                    out.push(ctx.diag(
                        &EX008,
                        ctx.span_in(para, m.start, m.end),
                        format!(
                            "金额大写“{}”与小写“{}”不一致",
                            cap.as_str(),
                            &text[fig.start()..m.end.min(text.len())].trim_end_matches(['）', ')'])
                        ),
                    ));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

pub const EX001: Rule = Rule {
    code: "EX001",
    name: "UnidentifiedDivisionProperty",
    severity: Severity::Error,
    family: F,
    summary: "Property-division ruling item leaves the property unidentified",
    message: "财产分割判项未列明具体财产",
    help: "逐项列明财产名称、数量、所在地或权属证号及归属，例如“位于××市××路××号的房屋（不动产权证号：……）归原告所有”",
    explain: "财产分割类判项（分割、归…所有、共同财产、共有、析产、各半）只写“共同财产”“其他财产”“家具家电”等概括名词，或写“依法分割”“协商分割”而不列明财产，执行时无法确定标的。本规则只检查判项，诉讼请求、答辩和本院认为中的同类表述不报告。适用范围：民事、行政案件的判决书、裁定书、调解书和国家赔偿决定书的判项；刑事文书（涉财产部分见 EX006）和执行机构的裁定、通知、决定（执行措施不是执行依据）不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "一、准予原告张明与被告李芳离婚；\n二、原告名下的存款归原告所有，其余夫妻共同财产由双方协商分割。")] }],
    good: &[
        Example { parts: &[(Ruling, "一、准予原告张明与被告李芳离婚；\n二、位于绵阳市涪城区临园路12号3栋2单元401号的房屋（不动产权证号：川（2020）绵阳市不动产权第0012345号）归原告所有；\n三、车牌号为川B12345的小型轿车一辆归被告所有。")] },
        Example { parts: &[(Section::Procedure, "原告张明与被告李芳离婚纠纷一案，本院于2024年3月15日立案后，公开开庭进行了审理。\n张明向本院提出诉讼请求：依法分割夫妻共同财产。"), (Ruling, "驳回原告张明的诉讼请求。")] },
    ],
    check: check_ex001,
};

pub const EX002: Rule = Rule {
    code: "EX002",
    name: "UnspecifiedReturnObject",
    severity: Severity::Error,
    family: F,
    summary: "Return or delivery ruling item names a non-money object without quantity, model, identifier or location",
    message: "返还、交付类判项标的物不明确",
    help: "写明标的物的名称、数量、规格型号或编号、所在地（如“返还原告联想ThinkPad X1笔记本电脑一台（序列号：PF2ABC12）”；腾退房屋须写明详细地址）",
    explain: "返还、交付、退还、交还、归还、腾退类判项只写“财物”“货物及相关物品”“腾退房屋”等，未写明数量、型号/编号或地址，执行时无法确定交付对象。写明金额的金钱给付是具体的，不报告。特定物（房屋、车辆、机器设备、牲畜、艺术品）只写数量不够，须写明能区分它的型号、编号、车牌、地址或证号（“交付挖掘机一台”报告，“交付小松PC200-8型挖掘机一台（机身号……）”不报告）。适用范围：同 EX001。罚金、款项等金钱给付无论用“交付”“返还”何种动词都不是“物”。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明财物。")] }],
    good: &[
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明挖掘机一台（型号：三一SY75C，出厂编号：SY0751234）。")] },
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明货款30000元。")] },
    ],
    check: check_ex002,
};

pub const EX003: Rule = Rule {
    code: "EX003",
    name: "UnspecifiedRestorationScope",
    severity: Severity::Error,
    family: F,
    summary: "Restore / remove-obstruction / demolish ruling item without the object's location and extent",
    message: "恢复原状、排除妨碍类判项未写明位置和范围",
    help: "写明标的物是什么、在哪里、多大、恢复到什么状态（如“拆除位于××村三组原告房屋东侧长10米、高2米的砖砌围墙”）",
    explain: "恢复原状、排除妨碍/妨害、停止侵害、消除危险、拆除类判项须写明标的物的位置及范围（尺寸、面积或应恢复到的状态），否则执行中无从确定拆除或恢复的对象。停止侵害、停止侵权须写明应当停止的具体行为（如“立即停止在其经营场所放映《……》”），只写“停止侵权行为”的报告。适用范围：同 EX001。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内将原告张明的房屋恢复原状。")] }],
    good: &[Example {
        parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内拆除其在绵阳市涪城区临园路12号院内东侧修建的长10米、高2米的砖砌围墙。")],
    }],
    check: check_ex003,
};

pub const EX004: Rule = Rule {
    code: "EX004",
    name: "LiabilityLimitWithoutAmount",
    severity: Severity::Error,
    family: F,
    summary: "Liability \"within a range\" without a concrete amount or object",
    message: "在一定范围内承担责任的判项未写明具体金额",
    help: "写明责任范围的具体金额或执行标的（如“在未出资的200000元范围内对前项债务承担补充赔偿责任”）",
    explain: "责令义务人“在其过错范围内”“在抽逃出资范围内”等承担责任，应当明确该责任范围的具体金额或执行标的，否则执行机构无法确定执行数额。适用范围：同 EX001。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example {
        parts: &[(Ruling, "一、被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元；\n二、第三人王建国在其抽逃出资范围内对上述债务承担补充赔偿责任。")],
    }],
    good: &[Example {
        parts: &[(Ruling, "一、被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元；\n二、第三人王建国在其抽逃出资200000元范围内对上述债务承担补充赔偿责任。")],
    }],
    check: check_ex004,
};

pub const EX005: Rule = Rule {
    code: "EX005",
    name: "PerformanceWithoutDeadline",
    severity: Severity::Warning,
    family: F,
    summary: "Payment or performance ruling item without a deadline",
    message: "给付或履行类判项未写明履行期限",
    help: "写明履行期限，如“于本判决生效之日起十日内”“于2024年7月15日前”或“立即”",
    explain: "给付、履行类判项没有履行期限，执行中无法确定何时可以申请强制执行、迟延履行利息从何时起算。从属于其他判项债务的判项（对前项债务承担连带责任）沿用前项期限，不报告。适用范围：民事、行政案件的判决书、裁定书、调解书和国家赔偿决定书的判项；刑事判决书只检查判处罚金是否写明缴纳期限（刑法第五十三条），罚金已缴纳、已预缴或由他项折抵的不报告；执行机构的裁定、通知、决定不适用（“被执行人负有继续履行债务的义务”是陈述，不是判项）。判项之后或最后一项中“上述款项/以上各项……于……内履行”统一写明的期限，适用于其前各项；调解、分期付款中的违约条款（若/如……未按期足额支付……可就全部未付款项申请强制执行）是前项的条件，不是新的给付。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司支付原告张明货款30000元。")] }],
    good: &[
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于2024年11月15日前支付原告张明货款30000元。")] },
        Example {
            parts: &[(Ruling, "一、被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元；\n二、王建国对第一项债务承担连带清偿责任。")],
        },
    ],
    check: check_ex005,
};

pub const EX006: Rule = Rule {
    code: "EX006",
    name: "ConfiscationWithoutAmountOrItems",
    severity: Severity::Error,
    family: F,
    summary: "Criminal confiscation / recovery / restitution without amount or items",
    message: "刑事涉财产判项未写明金额或财物",
    help: "写明没收、追缴、退赔的具体金额或财物名称、数量（如“追缴被告人违法所得人民币3000元”“责令被告人退赔被害人张某经济损失人民币5000元”）",
    explain: "判决没收部分财产的，应明确没收的具体财物或者金额；判决追缴或者责令退赔的，应明确追缴或者退赔的金额或财物的名称、数量。“扣押的作案用电动三轮车一辆，予以没收”是具体的。适用范围：刑事判决书、裁定书（含二审改判）的判项；民事、行政、执行文书不适用。扣押、随案移送的作案工具、犯罪工具、物品、毒资“予以没收”而无名称、数量的报告；“一批”“若干”“……等物品”不是数量；写明金额、数量或编号的，或引用清单的（清单是否附在文书中由 EX014 检查），不报告。",
    seed: "第10项① 刑事涉财产部分的裁判内容应明确具体",
    profiles: BOTH,
    bad: &[Example {
        parts: &[
            (Section::Header, "四川省绵阳市涪城区人民法院\n刑 事 判 决 书\n（2024）川0703刑初88号"),
            (Parties, "公诉机关四川省绵阳市涪城区人民检察院。\n被告人王某，男，1990年5月6日出生，汉族，公民身份号码：510703199005061236。\n辩护人李某，四川涪城律师事务所律师。"),
            (Section::Procedure, "四川省绵阳市涪城区人民检察院以绵涪检刑诉〔2024〕88号起诉书指控被告人王某犯盗窃罪，于2024年6月1日向本院提起公诉。"),
            (Section::Reasoning, "本院认为，被告人王某以非法占有为目的，秘密窃取他人财物，其行为已构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，判决如下："),
            (Ruling, "一、被告人王某犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元；\n二、追缴被告人王某的违法所得，发还被害人。"),
            (Tail, "如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向四川省绵阳市中级人民法院提出上诉。"),
        ],
    }],
    good: &[Example {
        parts: &[
            (Section::Header, "四川省绵阳市涪城区人民法院\n刑 事 判 决 书\n（2024）川0703刑初88号"),
            (Parties, "公诉机关四川省绵阳市涪城区人民检察院。\n被告人王某，男，1990年5月6日出生，汉族，公民身份号码：510703199005061236。"),
            (Section::Procedure, "四川省绵阳市涪城区人民检察院以绵涪检刑诉〔2024〕88号起诉书指控被告人王某犯盗窃罪，于2024年6月1日向本院提起公诉。"),
            (Section::Reasoning, "本院认为，被告人王某的行为已构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，判决如下："),
            (Ruling, "一、被告人王某犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元；\n二、追缴被告人王某的违法所得人民币3000元，发还被害人张某；\n三、扣押的作案用电动三轮车一辆，予以没收。"),
            (Tail, "如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向四川省绵阳市中级人民法院提出上诉。"),
        ],
    }],
    check: check_ex006,
};

pub const EX007: Rule = Rule {
    code: "EX007",
    name: "DistributionDeferredToExecution",
    severity: Severity::Error,
    family: F,
    summary: "Distribution-plan objection judgment only orders the execution agency to redo the plan",
    message: "分配方案异议之诉判项未确定分配顺序和数额",
    help: "异议理由成立的，判决写明异议人参与分配的顺序及本案分配方案中应分配的数额；理由不成立的，判决驳回诉讼请求",
    explain: "分配方案异议之诉中，异议人理由成立的，应对其参与分配的顺序、应分配数额作出判决，不得仅判决由执行机构重新作出分配方案。适用范围：同 EX001。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "一、撤销本院（2023）川0703执123号执行案件分配方案；\n二、由本院执行机构重新制作分配方案。")] }],
    good: &[Example {
        parts: &[(Ruling, "一、变更本院（2023）川0703执123号执行案件分配方案，原告张明按普通债权参与分配；\n二、原告张明在该分配方案中应分配数额为人民币56000元。")],
    }],
    check: check_ex007,
};

pub const EX008: Rule = Rule {
    code: "EX008",
    name: "AmountInWordsAndFiguresDisagree",
    severity: Severity::Error,
    family: F,
    summary: "An amount written in capital numerals and in figures disagrees",
    message: "金额大小写不一致",
    help: "核对金额，使大写与小写一致（如“人民币壹万贰仟元（12,000元）”）",
    explain: "判项中同一金额同时以大写和小写表示而二者不一致，执行时无法确定应执行的数额。适用范围：所有文书的判项，包括刑事判决和执行裁定。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款人民币叁万元（30,500元）。")] }],
    good: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款人民币叁万零伍佰元（30,500元）。")] }],
    check: check_ex008,
};

pub const EX016: Rule = Rule {
    code: "EX016",
    name: "MoneyWithoutAmount",
    severity: Severity::Error,
    family: F,
    summary: "A payment or return of money with no amount and no computable formula",
    message: "金钱给付判项未写明金额",
    help: "写明给付的具体金额（如“返还原告借款本金50,000元及利息（以50,000元为基数，自2023年5月1日起按年利率6%计算至实际付清之日止）”），或明确引用本判决其他判项确定的款项（“上述第一项款项”）",
    explain: "判令支付、给付、偿还、赔偿、返还、退还金钱（借款本金、利息、货款、工资、律师费、损失等），判项及其引用的判项既没有金额，也没有可据以计算的基数、标准和期间的，执行法院无法确定应执行的数额（法发〔2018〕9号：给付金钱的应写明数额）。引用本判决其他判项确定的款项（上述款项、第一项确定的债务）、对他人债务承担连带或补充责任、写明计算方法的利息，不报告。适用范围：民事、行政案件的判决书、裁定书和调解书，国家赔偿决定书；刑事文书的财产判项见 EX006，执行机构的裁定、通知和决定不是执行依据，不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款及逾期付款利息。")] }],
    good: &[
        Example { parts: &[] },
        Example {
            parts: &[(Ruling, "一、被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元及逾期付款利息（以30000元为基数，自2024年3月1日起按一年期贷款市场报价利率计算至实际付清之日止）；\n二、王建国对上述第一项款项承担连带清偿责任。")],
        },
    ],
    check: check_ex016,
};

pub static RULES: &[Rule] = &[
    EX001, EX002, EX003, EX004, EX005, EX006, EX007, EX008, EX016,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{lint_bytes, Options};

    /// A civil judgment (or, with `kind`, another document) with these ruling items and tail.
    fn doc(header: &str, ruling: &str, tail: &str) -> String {
        format!("某某市某某区人民法院\n{header}\n原告：张三，男，1980年1月1日出生。\n被告：李四，男，1981年2月2日出生。\n原告张三与被告李四纠纷一案，本院于2024年3月1日立案后，依法适用简易程序公开开庭进行了审理。\n本院认为，原告的请求成立。依照《中华人民共和国民法典》第五百七十七条之规定，判决如下：\n{ruling}\n{tail}\n审判员　　赵六\n二〇二四年五月六日\n书记员　　孙七")
    }
    const CIVIL: &str = "民事判决书\n（2024）川0703民初88号";

    fn ex(text: &str) -> Vec<(&'static str, String)> {
        lint_bytes(text.as_bytes(), "t.txt", &Options::default())
            .findings
            .into_iter()
            .filter(|f| f.code.starts_with("EX"))
            .map(|f| (f.code, f.context))
            .collect()
    }

    #[test]
    fn a_deadline_stated_once_covers_the_items_before_it() {
        let ruling =
            "一、被告李四支付原告张三货款10000元；\n二、被告李四支付原告张三违约金1000元。";
        assert_eq!(ex(&doc(CIVIL, ruling, "")).len(), 2);
        for tail in [
            "上述款项，被告李四应于本判决生效之日起十日内履行完毕。",
            "以上一、二项判决，于本判决书生效后五日内偿清。",
            "上述第一至二项款项，义务人应于本判决生效之日起十日内付清。",
        ] {
            assert_eq!(ex(&doc(CIVIL, ruling, tail)), vec![], "{tail}");
        }
        // a deadline stated once in the last item covers it and the items before it
        let ruling = "一、被告李四支付原告张三货款10000元；\n二、被告李四支付原告张三违约金1000元，上述款项于本判决生效之日起十日内付清。";
        assert_eq!(ex(&doc(CIVIL, ruling, "")), vec![]);
        // …but not an item after it; and the warning's 生效后 is no deadline
        let ruling = "一、被告李四支付原告张三货款10000元，上述款项于本判决生效之日起十日内付清；\n二、被告李四支付原告张三违约金1000元。";
        assert_eq!(ex(&doc(CIVIL, ruling, "")).len(), 1);
        let warn =
            "本判决生效后，义务人应当自觉履行上述义务，逾期不履行的，权利人可以申请强制执行。";
        assert_eq!(
            ex(&doc(CIVIL, "被告李四支付原告张三货款10000元。", warn)).len(),
            1
        );
    }

    #[test]
    fn default_clauses_are_conditions_not_orders() {
        let ruling = "一、被告李四于2024年6月30日前支付原告张三5000元，于2024年9月30日前支付5000元；\n二、如被告李四未按期足额支付任何一期款项，原告张三可就全部未付款项申请强制执行，被告李四并应另行支付违约金2000元。";
        assert_eq!(ex(&doc(CIVIL, ruling, "")), vec![]);
        let ruling = "一、被告李四支付原告张三5000元；\n二、若被告李四未按约定支付，原告可就全部款项申请强制执行。";
        let got = ex(&doc(CIVIL, ruling, ""));
        assert_eq!(got.len(), 1);
        assert!(got[0].1.starts_with("一、"));
    }

    #[test]
    fn obligations_courts_write_need_deadlines() {
        for item in [
            "被告李四为原告张三补齐2021年至2023年的社会保险费。",
            "被告李四将原告张三的工作年限计入其人事档案。",
        ] {
            let got = ex(&doc(CIVIL, item, ""));
            assert_eq!(
                got.iter().filter(|(c, _)| *c == "EX005").count(),
                1,
                "{item}"
            );
        }
        // a specific object needs what tells it apart, not only a count
        let got = ex(&doc(
            CIVIL,
            "被告李四于本判决生效之日起十日内交付原告张三挖掘机一台。",
            "",
        ));
        assert_eq!(got.iter().map(|(c, _)| *c).collect::<Vec<_>>(), ["EX002"]);
        let got = ex(&doc(CIVIL, "被告李四于本判决生效之日起十日内交付原告张三小松PC200-8型挖掘机一台（机身号KMTPC123456）。", ""));
        assert_eq!(got, vec![]);
        let got = ex(&doc(
            CIVIL,
            "被告李四于本判决生效之日起十日内返还原告张三电脑三台。",
            "",
        ));
        assert_eq!(got, vec![]);
        // stopping an infringement needs the conduct
        let got = ex(&doc(CIVIL, "被告李四立即停止侵权行为。", ""));
        assert_eq!(got.iter().map(|(c, _)| *c).collect::<Vec<_>>(), ["EX003"]);
        let got = ex(&doc(
            CIVIL,
            "被告李四立即停止侵害原告张三著作权的行为，即停止在其经营场所放映《春江花月》。",
            "",
        ));
        assert_eq!(got, vec![]);
        // a fine (罚金) is money whatever the verb: never an EX002 "object"
        let crim = "刑事判决书\n（2024）川0703刑初88号";
        let got = ex(&doc(crim, "一、被告人李四犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元；\n（罚金于本判决生效后十日内交付。）", ""));
        assert_eq!(got, vec![]);
        // a criminal fine without any payment period is EX005
        let got = ex(&doc(
            crim,
            "被告人李四犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元。",
            "",
        ));
        assert_eq!(got.iter().map(|(c, _)| *c).collect::<Vec<_>>(), ["EX005"]);
        for paid in ["（罚金已缴纳。）", "（罚金已于判决前预缴。）"] {
            let ruling =
                format!("被告人李四犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元。\n{paid}");
            assert_eq!(ex(&doc(crim, &ruling, "")), vec![], "{paid}");
        }
        let got = ex(&doc(
            crim,
            "被告人李四犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元。",
            "上述罚金于本判决生效之日起十日内缴纳。",
        ));
        assert_eq!(got, vec![]);
    }

    #[test]
    fn criminal_property_needs_names_and_counts() {
        let crim = "刑事判决书\n（2024）川0703刑初88号";
        let item = |t: &str| {
            doc(crim, &format!("一、被告人李四犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元，限于本判决生效后十日内缴纳；\n二、{t}"), "")
        };
        for vague in [
            "扣押在案的作案工具予以没收。",
            "扣押在案的犯罪工具依法没收。",
            "扣押的毒资予以没收。",
            "扣押的手机等物品予以没收。",
            "扣押的电瓶若干予以没收。",
            "查获的赃物一批予以没收。",
        ] {
            let got = ex(&item(vague));
            assert_eq!(
                got.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
                ["EX006"],
                "{vague}"
            );
        }
        for specific in [
            "扣押的作案用电动三轮车一辆，予以没收。",
            "扣押的作案用华为Mate 40手机一部予以没收。",
            "追缴被告人李四的违法所得人民币3000元，发还被害人。",
            "扣押在案的物品按所附扣押物品清单处理。",
            "扣押在案的毒品予以没收。",
        ] {
            // (whether a referenced list is attached is EX014's business)
            let got: Vec<_> = ex(&item(specific))
                .into_iter()
                .filter(|(c, _)| *c != "EX014")
                .collect();
            assert_eq!(got, vec![], "{specific}");
        }
    }

    #[test]
    fn money_needs_an_amount_ex016() {
        let tail = "";
        for vague in [
            "被告李四于本判决生效之日起十日内返还原告张三借款本金及利息。",
            "被告李四于本判决生效之日起十日内支付原告张三货款及逾期付款利息。",
            "被告李四于本判决生效之日起十日内支付原告张三律师费。",
        ] {
            let got = ex(&doc(CIVIL, vague, tail));
            assert_eq!(
                got.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
                ["EX016"],
                "{vague}"
            );
        }
        for ok in [
            "一、被告李四于本判决生效之日起十日内返还原告张三借款本金50000元及利息（以50000元为基数，自2023年5月1日起按年利率6%计算至实际付清之日止）；\n二、王五对上述第一项款项承担连带清偿责任。",
            "被告李四于本判决生效之日起十日内交付原告张三小松PC200-8型挖掘机一台（机身号KMTPC123456）。",
            "被告李四自2024年6月起每月20日前支付原告张三抚养费800元。",
        ] {
            assert!(!ex(&doc(CIVIL, ok, tail)).iter().any(|(c, _)| *c == "EX016"), "{ok}");
        }
        // criminal and execution documents are out of EX016's scope
        let crim = "刑事判决书\n（2024）川0703刑初88号";
        assert!(
            !ex(&doc(crim, "责令被告人李四退赔被害人张三经济损失。", tail))
                .iter()
                .any(|(c, _)| *c == "EX016")
        );
    }

    #[test]
    fn revoked_items_are_no_items() {
        let ruling = "一、撤销某某区人民法院（2023）川0703民初1号民事判决第二项，即“二、李四支付张三违约金”；\n二、驳回张三的其他诉讼请求。";
        assert_eq!(ex(&doc(CIVIL, ruling, "")), vec![]);
    }

    #[test]
    fn capital_numerals() {
        assert_eq!(capital_to_fen("壹万贰仟元"), Some(1_200_000));
        assert_eq!(capital_to_fen("叁万零伍佰元"), Some(3_050_000));
        assert_eq!(capital_to_fen("拾元"), Some(1000));
        assert_eq!(
            capital_to_fen("壹拾贰万叁仟肆佰伍拾陆元柒角捌分"),
            Some(12_345_678)
        );
        assert_eq!(capital_to_fen("壹亿贰仟万元整"), Some(12_000_000_000));
        assert_eq!(figure_to_fen("12,000", false), Some(1_200_000));
        assert_eq!(figure_to_fen("1.2", true), Some(1_200_000));
        assert_eq!(figure_to_fen("123456.78", false), Some(12_345_678));
    }
}

/// Compile this module's regexes now (see `crate::warm_up`).
pub(crate) fn warm() {
    LazyLock::force(&RE_CASE_NO);
    LazyLock::force(&RE_CAP_FIG);
    LazyLock::force(&RE_FIG_CAP);
}
