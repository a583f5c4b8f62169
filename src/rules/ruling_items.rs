//! The rest of what a 主文 must state (法发〔2018〕9号, seed item 10), EX009–EX015: interest
//! formulas, continued performance, visitation, blanks, apologies, referenced lists, shares and
//! joint liability. Like EX001–EX008 these look only at the ruling items; one finding per item and
//! code. Vocabulary: `patterns/items.txt` (the reference-rate cut-over of 2019-08-20 is a table
//! there).

use super::performance::Ymd;
use super::{CaseKind, Context, Example, Rule, BOTH};
use crate::diagnostic::{Diagnostic, Severity};
use crate::patterns::{Entry, PatternError, Patterns};
use crate::structure::Section;
use crate::structure::Section::{Ruling, Tail};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const F: &str = "items";
/// The EX001–EX008 vocabulary (deadlines, amounts) shared with these rules.
const E: &str = "enforceability";
const SEED: &str = "第10项 裁判文书执行内容的明确性：判项、调解项必须明确具体、具有可执行性";

// ---------------------------------------------------------------------------------------------
// Items and sentences

/// A sentence of a ruling item: byte range within its paragraph's text.
#[derive(Debug, Clone, Copy)]
pub struct Sentence<'a> {
    pub para: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// A ruling item: its number, its sentences (label stripped) and its whole text.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    pub number: u32,
    pub sentences: Vec<Sentence<'a>>,
    pub text: String,
    pub last_para: usize,
}

static RE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[一二三四五六七八九十]{1,4}\s*[、，,．.]|[（(][一二三四五六七八九十\d]{1,4}[）)]|\d{1,3}\s*[、．.]|[①-⑳])").unwrap()
});

/// Split at ；。; outside brackets: an interest formula in （…） may hold a ； of its own.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            '；' | '。' | ';' if depth == 0 => {
                if text[start..i].trim().is_empty() {
                    start = i + c.len_utf8();
                    continue;
                }
                out.push(start..i);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out
}

/// The ruling items with revoked quotes blanked (see `Context::live_text`).
pub fn items<'a>(ctx: &'a Context) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    for item in &ctx.st.items {
        let mut ss = Vec::new();
        let mut text = String::new();
        for &p in &item.paras {
            let t = ctx.live_text(p);
            let off = RE_LABEL.find(t).map(|m| m.end()).unwrap_or(0);
            for r in sentences(&t[off..]) {
                let (s, e) = (r.start + off, r.end + off);
                ss.push(Sentence {
                    para: p,
                    start: s,
                    end: e,
                    text: &t[s..e],
                });
            }
            text.push_str(&t[off..]);
            text.push('\n');
        }
        out.push(Item {
            number: item.number,
            sentences: ss,
            text,
            last_para: item.paras.iter().copied().max().unwrap_or(0),
        });
    }
    out
}

/// Items that dismiss, allow withdrawal, affirm or revoke order nothing to enforce.
pub fn is_negative(text: &str) -> bool {
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
        "确认",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// Civil, administrative and state-compensation documents (not criminal, not the execution
/// agency's rulings, which carry out a title and are not one).
fn civil(ctx: &Context) -> bool {
    !matches!(ctx.case_kind(), CaseKind::Criminal | CaseKind::Execution)
}

fn sentence_span(ctx: &Context, s: &Sentence) -> Range<usize> {
    ctx.span_in(s.para, s.start, s.end)
}

fn quote(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| format!("“{p}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// Does a paragraph of the ruling or tail at or after `from` state one deadline for several
/// items (上述款项/义务，于…内履行)?
fn shared_deadline_after(ctx: &Context, from: usize) -> bool {
    let p = ctx.patterns;
    (from..ctx.st.sections.len())
        .filter(|&i| matches!(ctx.st.sections[i], Ruling | Tail))
        .any(|i| {
            let t = ctx.live_text(i);
            p.regexes(E, "collective").is_match(t)
                && p.regexes(E, "deadline").is_match(t)
                && !t.contains("迟延履行")
                && !t.contains("延迟履行")
        })
}

// ---------------------------------------------------------------------------------------------
// EX009 interest / penalty formula

/// One reference rate of `[reference_rate:table]`: the days it was published and its name.
#[derive(Debug, Clone)]
pub struct ReferenceRate {
    pub start: Option<Ymd>,
    pub end: Option<Ymd>,
    pub name: Regex,
    pub source: String,
}

fn parse_date(s: &str) -> Option<Ymd> {
    let mut it = s.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): Ymd = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && d >= 1 && d <= crate::numerals::days_in_month(y, m))
        .then_some((y, m, d))
}

/// The reference-rate table, validated: three columns (first day, last day, name regex).
pub fn reference_rates(entries: &[Entry]) -> Result<Vec<ReferenceRate>, PatternError> {
    let mut out = Vec::new();
    for e in entries {
        let err = |message: String| PatternError {
            file: e.file.clone(),
            line: e.line,
            message,
        };
        let cols: Vec<&str> = e.text.split_whitespace().collect();
        let [start, end, name] = cols.as_slice() else {
            return Err(err(format!(
                "[reference_rate] 每行应为三列：起始日期 截止日期 名称（正则，不含空格），此行有 {} 列",
                cols.len()
            )));
        };
        let date = |s: &str| -> Result<Option<Ymd>, PatternError> {
            if s == "-" {
                return Ok(None);
            }
            parse_date(s).map(Some).ok_or_else(|| {
                err(format!(
                    "[reference_rate] “{s}”不是有效日期（格式 YYYY-MM-DD，或 - 表示不限）"
                ))
            })
        };
        let (start, end) = (date(start)?, date(end)?);
        if let (Some(s), Some(e)) = (start, end) {
            if s > e {
                return Err(err("[reference_rate] 起始日期晚于截止日期".into()));
            }
        }
        let name =
            Regex::new(name).map_err(|x| err(format!("[reference_rate] 名称正则无效：{x}")))?;
        out.push(ReferenceRate {
            start,
            end,
            name,
            source: cols[2].to_string(),
        });
    }
    Ok(out)
}

/// Validate this module's tables (for override folders).
pub fn validate(p: &Patterns) -> Result<(), PatternError> {
    reference_rates(p.table(F, "reference_rate")).map(|_| ())
}

static RE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日").unwrap()
});
static RE_PERFORMANCE_DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[自从于在]?(?:本)?(?:判决|调解书|裁定|调解协议)(?:书)?[^，。；]{0,6}(?:生效|发生法律效力)(?:之日|后)(?:起)?[^，。；]{0,8}内").unwrap()
});
static RE_AMOUNT_BASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:万|亿)?\s*元?\s*(?:为|作为)(?:计算)?(?:基数|本金)").unwrap()
});

/// Where the interest starts, if a date follows 自/从 (or opens a 至 period).
fn start_date(text: &str) -> Option<Ymd> {
    for c in RE_DATE.captures_iter(text) {
        let m = c.get(0)?;
        let before: String = text[..m.start()].chars().rev().take(3).collect();
        let after = &text[m.end()..];
        if before.contains('自')
            || before.contains('从')
            || after.starts_with('起')
            || after.starts_with('至')
            || after.starts_with("开始")
        {
            let y = c[1].parse().ok()?;
            let mo = c[2].parse().ok()?;
            let d = c[3].parse().ok()?;
            return Some((y, mo, d));
        }
    }
    None
}

fn fmt_date((y, m, d): Ymd) -> String {
    format!("{y}年{m}月{d}日")
}

/// What an interest formula lacks, in Chinese, or None when it is computable.
pub fn interest_defects(p: &Patterns, region: &str, pre: &str, post: &str) -> Vec<String> {
    let mut missing = Vec::new();
    let has_rate = p.regexes(F, "rate").is_match(region);
    if p.regexes(F, "deferral").is_match(region) && !has_rate {
        missing.push("利率或计算标准（仅写“按约定”，文书中没有约定的内容）".to_string());
    } else if !has_rate {
        missing.push("利率或计算标准".to_string());
    }
    let amount = p.regexes(E, "amount");
    let base = p.regexes(F, "base").is_match(region)
        || amount.is_match(pre)
        || ["上述", "前述", "该", "前项", "第"]
            .iter()
            .any(|w| pre.contains(w))
        || {
            // 50000元为基数 written without 以
            amount.regexes().iter().any(|re| {
                re.find_iter(post)
                    .any(|m| RE_AMOUNT_BASE.is_match(&post[m.end()..]))
            })
        };
    if !base {
        missing.push("计算基数".to_string());
    }
    if !p.regexes(F, "start").is_match(region) {
        missing.push("起算日".to_string());
    }
    if has_rate {
        if let Ok(rates) = reference_rates(p.table(F, "reference_rate")) {
            let named: Vec<&ReferenceRate> =
                rates.iter().filter(|r| r.name.is_match(region)).collect();
            if let Some(d) = start_date(region) {
                let covered = named
                    .iter()
                    .any(|r| r.start.is_none_or(|s| s <= d) && r.end.is_none_or(|e| d <= e));
                if !named.is_empty() && !covered {
                    let last = named.iter().filter_map(|r| r.end).max();
                    let what = match last {
                        Some(e) if e < d => format!(
                            "所引用的利率标准在{}以后已不再公布（利息自{}起算），应改用贷款市场报价利率等现行标准",
                            fmt_date(e),
                            fmt_date(d)
                        ),
                        _ => format!("所引用的利率标准在起算日{}尚未公布", fmt_date(d)),
                    };
                    missing.push(what);
                }
            }
        }
    }
    missing
}

/// Interest words of a sentence grouped when only a connector separates them (利息及违约金):
/// byte ranges within the sentence. Words inside brackets explain a formula, they start none.
fn interest_groups(p: &Patterns, text: &str) -> Vec<Range<usize>> {
    let mut depth_at = Vec::with_capacity(text.len());
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        if matches!(c, '）' | ')') {
            depth = depth.saturating_sub(1);
        }
        depth_at.resize(i + 1, depth);
        if matches!(c, '（' | '(') {
            depth += 1;
        }
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for (s, e, _) in p.keywords(F, "interest").find_iter(text) {
        if depth_at.get(s).copied().unwrap_or(0) > 0 {
            continue;
        }
        if let Some(last) = out.last_mut() {
            let gap = &text[last.end..s];
            if gap.chars().count() <= 3
                && gap
                    .chars()
                    .all(|c| "及和与、以并或其逾期的".contains(c) || c.is_whitespace())
            {
                last.end = e;
                continue;
            }
        }
        out.push(s..e);
    }
    // a word inside a base phrase (以未偿还本金、期内利息之和为基准) starts no formula
    out.retain(|g| {
        let pre_start = text[..g.start].rfind(['，', ',']).map_or(0, |i| i + 3);
        let after = &text[g.end..];
        let after = &after[..after.find(['，', ',', '；']).unwrap_or(after.len())];
        !(text[pre_start..g.start].contains('以') && RE_IN_BASE.is_match(after))
    });
    out
}

static RE_IN_BASE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"之和|为(?:计算)?(?:基数|基准|本金)").unwrap());

/// The end of the first clause of `post`: the first ， 、 or 并 outside brackets, or the end of
/// the first bracketed group.
fn first_clause(post: &str) -> &str {
    let mut depth = 0usize;
    for (i, c) in post.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &post[..i + c.len_utf8()];
                }
            }
            '，' | ',' | '、' if depth == 0 => return &post[..i],
            _ => {}
        }
    }
    post
}

fn check_ex009(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !civil(ctx) {
        return;
    }
    let p = ctx.patterns;
    for item in items(ctx) {
        // no amount and no formula at all: EX016 reports the item (money without an amount)
        if is_negative(&item.text)
            || !(p.regexes(E, "amount").is_match(&item.text)
                || p.regexes(E, "formula").is_match(&item.text))
        {
            continue;
        }
        let mut hit: Option<(Sentence, Vec<String>, String)> = None;
        'sentences: for (si, s) in item.sentences.iter().enumerate() {
            let t = s.text;
            if t.contains("迟延履行") || t.contains("加倍支付") || is_negative(t) {
                continue;
            }
            // money owed is ordered paid; a statement (已付利息, 利息由…负担) is not an order
            if !p.keywords(E, "money_verb").is_match(t) && !t.contains("计付") {
                continue;
            }
            // bracketed sentences that follow (。（利息按约定月息1.5%计算，从…始）) explain it
            let follow: String = item.sentences[si + 1..]
                .iter()
                .take_while(|o| o.text.trim_start().starts_with(['（', '(']))
                .map(|o| o.text)
                .collect();
            let groups = interest_groups(p, t);
            for (gi, g) in groups.iter().enumerate() {
                let post: String = match groups.get(gi + 1) {
                    Some(n) => t[g.end..n.start].to_string(),
                    None => format!("{}{follow}", &t[g.end..]),
                };
                let clause_start = t[..g.start]
                    .rfind(['，', ',', '；', '：'])
                    .map(|i| i + '，'.len_utf8())
                    .unwrap_or(0);
                let pre = &t[clause_start..g.start];
                let prev_end = if gi == 0 { 0 } else { groups[gi - 1].end };
                let earlier = &t[prev_end..g.start];
                // 上述利息, 该违约金: fixed elsewhere
                if ["上述", "前述", "该", "前项", "相应", "剩余", "其余"]
                    .iter()
                    .any(|w| pre.ends_with(w))
                {
                    continue;
                }
                let head = first_clause(&post);
                // liability for another's debt (对上述借款本金及利息承担连带责任)
                let clause = format!("{pre}{}{head}", &t[g.clone()]);
                if p.regexes(E, "attached").is_match(&clause)
                    || (clause.contains("承担") && clause.contains("责任"))
                {
                    continue;
                }
                if p.regexes(F, "interest_amount").is_match(&post)
                    || p.regexes(F, "interest_reference").is_match(&clause)
                {
                    continue;
                }
                // a formula written before the word (…按年利率6%计算的利息)
                let before_formula = pre.ends_with("计算的") || pre.ends_with("计付的");
                let region = if before_formula {
                    format!("{earlier}{post}")
                } else {
                    format!("{pre}{post}")
                };
                // the performance deadline (于本判决生效之日起十日内) is no interest start
                let region = RE_PERFORMANCE_DEADLINE
                    .replace_all(&region, "")
                    .into_owned();
                // a blank (按年利率%计算) is EX012's finding, not a second one here
                if !blanks(p, &region).is_empty() {
                    continue;
                }
                // a fixed figure (利息（计至2024年1月1日）12,000元) is an amount, not a formula
                if !p.regexes(F, "rate").is_match(&region)
                    && !p.regexes(F, "deferral").is_match(&region)
                    && p.regexes(E, "amount").is_match(head)
                    && !p.regexes(F, "base").is_match(head)
                {
                    continue;
                }
                let missing = interest_defects(p, &region, earlier, &post);
                if !missing.is_empty() {
                    hit = Some((*s, missing, t[g.clone()].to_string()));
                    break 'sentences;
                }
            }
        }
        if let Some((s, missing, word)) = hit {
            let msg = if missing.len() == 1 && missing[0].starts_with("所引用") {
                format!("“{word}”{}", missing[0])
            } else {
                format!(
                    "“{word}”的计算方式不完整，未写明{}，执行法院无法计算数额",
                    missing.join("、")
                )
            };
            out.push(ctx.diag(&EX009, sentence_span(ctx, &s), msg));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// EX010 continued performance

fn check_ex010(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !civil(ctx) {
        return;
    }
    let p = ctx.patterns;
    for item in items(ctx) {
        if is_negative(&item.text) {
            continue;
        }
        let Some(s) = item.sentences.iter().find(|s| {
            p.keywords(F, "continue")
                .find_iter(s.text)
                .any(|(a, _, _)| {
                    let before: String = s.text[..a].chars().rev().take(3).collect();
                    !["不", "无", "停止", "终止", "拒绝"]
                        .iter()
                        .any(|w| before.contains(&w.chars().rev().collect::<String>()))
                })
        }) else {
            continue;
        };
        let what = p.regexes(F, "performance_act").is_match(&item.text);
        let when = p.regexes(E, "deadline").is_match(&item.text)
            || shared_deadline_after(ctx, item.last_para);
        let mut missing = Vec::new();
        if !what {
            missing.push("应当履行的具体内容（交付什么、支付多少、办理何种手续）及方式");
        }
        if !when {
            missing.push("履行期限");
        }
        if !missing.is_empty() {
            out.push(ctx.diag(
                &EX010,
                sentence_span(ctx, s),
                format!("“继续履行”判项未写明{}，无法据以执行", missing.join("和")),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// EX011 visitation

fn check_ex011(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !civil(ctx) {
        return;
    }
    let p = ctx.patterns;
    for item in items(ctx) {
        if is_negative(&item.text) {
            continue;
        }
        let Some(s) = item
            .sentences
            .iter()
            .find(|s| p.keywords(F, "visitation").is_match(s.text) && !s.text.contains("中止"))
        else {
            continue;
        };
        let time = p.regexes(F, "visit_time").is_match(&item.text);
        let handover = p.regexes(F, "visit_handover").is_match(&item.text);
        let deferred = p.regexes(F, "visit_deferral").is_match(&item.text);
        let mut missing = Vec::new();
        if !time {
            missing.push("时间和频次");
        }
        if !handover {
            missing.push("方式及子女的接送交接");
        }
        if missing.is_empty() {
            continue;
        }
        let tail = if deferred {
            "（“由双方协商”不能据以执行）"
        } else {
            ""
        };
        out.push(ctx.diag(
            &EX011,
            sentence_span(ctx, s),
            format!("探望权判项未写明探望的{}{tail}", missing.join("、")),
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// EX012 blanks and placeholders

/// The blanks of a ruling-item text: byte ranges of the blank itself.
pub fn blanks(p: &Patterns, text: &str) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for re in p.regexes(F, "blank").regexes() {
        for c in re.captures_iter(text) {
            if let Some(m) = c.get(1).or_else(|| c.get(0)) {
                if !m.is_empty() {
                    found.push(m.start()..m.end());
                }
            }
        }
    }
    found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in found {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn check_ex012(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let p = ctx.patterns;
    // In the draft profile DR001 reports the placeholders it knows (××, XX, ＿＿, 【…】) once
    // per paragraph; EX012 adds the blanks DR001 does not see (保证金元, 年利率%, 于年月日前).
    let dr001: Vec<Range<usize>> = if ctx.profile == super::Profile::Draft {
        super::drafts::placeholder_spans(ctx)
    } else {
        Vec::new()
    };
    for it in &ctx.st.items {
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        for &para in it.paras.iter().chain(it.notes.iter()) {
            let text = ctx.live_text(para);
            let base = ctx.doc.paragraphs[para].start;
            for r in blanks(p, text) {
                let abs = base + r.start..base + r.end;
                if dr001.iter().any(|d| d.start < abs.end && abs.start < d.end) {
                    continue;
                }
                found.push((para, r));
            }
        }
        let Some((para, first)) = found.first().cloned() else {
            continue;
        };
        let last = found
            .iter()
            .filter(|(q, _)| *q == para)
            .map(|(_, r)| r.end)
            .max()
            .unwrap_or(first.end);
        let text = ctx.live_text(para);
        let mut names: Vec<String> = Vec::new();
        for (q, r) in &found {
            let s: String = ctx.live_text(*q)[r.clone()].split_whitespace().collect();
            if !names.contains(&s) {
                names.push(s);
            }
        }
        let _ = text;
        out.push(ctx.diag(
            &EX012,
            ctx.span_in(para, first.start, last),
            format!(
                "判项中有未填写的空白或占位：{}，金额、日期或比例缺失，无法据以执行",
                quote(&names)
            ),
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// EX013 apology without form

fn check_ex013(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !civil(ctx) {
        return;
    }
    let p = ctx.patterns;
    for item in items(ctx) {
        if is_negative(&item.text) {
            continue;
        }
        let Some(s) = item
            .sentences
            .iter()
            .find(|s| p.keywords(F, "apology").is_match(s.text) && !is_negative(s.text))
        else {
            continue;
        };
        let word = p
            .keywords(F, "apology")
            .find(s.text)
            .map(|m| m.2)
            .unwrap_or("赔礼道歉");
        let manner = p.regexes(F, "apology_manner").is_match(&item.text)
            || matches!(word, "书面道歉" | "登报道歉");
        let publication = [
            "刊登",
            "登载",
            "发布",
            "发表",
            "登报",
            "网站",
            "报",
            "公众号",
            "平台",
            "张贴",
        ]
        .iter()
        .any(|w| item.text.contains(w));
        let detail = p.regexes(F, "apology_detail").is_match(&item.text);
        let deadline = p.regexes(E, "deadline").is_match(&item.text)
            || shared_deadline_after(ctx, item.last_para);
        let mut missing = Vec::new();
        if !manner {
            missing.push("方式（书面、当面，或在何种媒体、场所）");
        }
        if manner && publication && !detail {
            missing.push("刊登的时长或内容须经法院审核");
        }
        if missing.is_empty() {
            continue;
        }
        if !deadline {
            missing.push("期限");
        }
        out.push(ctx.diag(
            &EX013,
            sentence_span(ctx, s),
            format!("“{word}”判项未写明{}，难以据以执行", missing.join("、")),
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// EX014 referenced list not in the document

/// Is a list title (附：扣押物品清单, 附表) among the short paragraphs after paragraph `after`?
fn list_after(ctx: &Context, after: usize) -> bool {
    let p = ctx.patterns;
    (after + 1..ctx.doc.paragraphs.len()).any(|i| {
        let t = ctx.text(i).trim();
        t.chars().count() <= 40
            && matches!(
                ctx.st.sections[i],
                Section::Appendix | Section::Signature | Tail | Ruling
            )
            && p.regexes(F, "list_title").is_match(t)
            && !p
                .regexes(F, "list_reference")
                .is_match(t.trim_start_matches(['附', '：', ':']))
            || (t.chars().count() <= 40
                && ctx.st.sections[i] == Section::Appendix
                && (t.starts_with("附") || t.starts_with("清单")))
    })
}

fn check_ex014(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.case_kind() == CaseKind::Execution {
        return;
    }
    let p = ctx.patterns;
    for item in items(ctx) {
        let hit = item.sentences.iter().find_map(|s| {
            let (a, b) = p.regexes(F, "list_reference").find(s.text)?;
            if p.regexes(F, "other_document_list").is_match(s.text) {
                return None;
            }
            Some((*s, a, b))
        });
        let Some((s, a, b)) = hit else {
            continue;
        };
        if list_after(ctx, s.para) {
            continue;
        }
        out.push(ctx.diag(
            &EX014,
            ctx.span_in(s.para, s.start + a, s.start + b),
            format!(
                "判项引用的“{}”未附在文书中，执行中无从确定其内容",
                &s.text[a..b]
            ),
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// EX015 share / joint liability without a fixed base

static RE_SUBJECT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"于|应|在|自|向|将|对|支付|偿还|给付|赔偿|返还|交付|退还|腾退|拆除|协助|办理|继续|承担|共同|连带").unwrap()
});

/// The party an item orders (the text before its first verb or 于), if short enough to be one.
fn debtor(text: &str) -> Option<String> {
    let m = RE_SUBJECT_END.find(text)?;
    let s = text[..m.start()].trim();
    let s = s.trim_start_matches("由");
    (!s.is_empty() && s.chars().count() <= 40).then(|| {
        s.trim_start_matches(['被', '原'])
            .trim_start_matches(['告', '诉'])
            .to_string()
    })
}

fn check_ex015(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !civil(ctx) {
        return;
    }
    let p = ctx.patterns;
    let all = items(ctx);
    for (idx, item) in all.iter().enumerate() {
        if is_negative(&item.text) || p.keywords("fees", "fee").is_match(&item.text) {
            continue;
        }
        for s in &item.sentences {
            let t = s.text;
            let based = p.regexes(F, "share_base").is_match(t);
            if p.regexes(F, "share").is_match(t) {
                if !based && !p.regexes(E, "amount").is_match(&item.text) {
                    out.push(ctx.diag(
                        &EX015,
                        sentence_span(ctx, s),
                        "按比例承担责任的判项未写明比例所适用的金额（损失或债务总额），执行法院无法计算应执行的数额",
                    ));
                    break;
                }
                continue;
            }
            let Some((j, _)) = p.regexes(F, "joint").find(t) else {
                continue;
            };
            if based {
                continue;
            }
            let referent = &t[..j];
            let money_referent = ["款项", "欠款", "借款", "货款", "本息", "金钱", "给付金钱"]
                .iter()
                .any(|w| referent.contains(w));
            let earlier: Vec<&Item> = all[..idx]
                .iter()
                .filter(|it| !is_negative(&it.text))
                .collect();
            if earlier.is_empty() {
                continue;
            }
            let own = debtor(t);
            // whose debt: a named debtor narrows the earlier items to theirs
            let debtors: Vec<(String, &Item)> = earlier
                .iter()
                .filter_map(|it| debtor(&it.text).map(|d| (d, *it)))
                .filter(|(d, _)| Some(d) != own.as_ref())
                .collect();
            let named: Vec<&(String, &Item)> = debtors
                .iter()
                .filter(|(d, _)| d.chars().count() >= 2 && referent.contains(d.as_str()))
                .collect();
            let scope: Vec<&Item> = if named.is_empty() {
                earlier.clone()
            } else {
                named.iter().map(|(_, it)| *it).collect()
            };
            let mut distinct: Vec<&str> = Vec::new();
            if named.is_empty() {
                for (d, _) in &debtors {
                    if !distinct.contains(&d.as_str()) {
                        distinct.push(d);
                    }
                }
            }
            let non_money = !money_referent
                && scope
                    .iter()
                    .any(|it| p.regexes(F, "non_money").is_match(&it.text));
            let mut why = Vec::new();
            if non_money {
                why.push("前列判项包含非金钱给付义务");
            }
            if distinct.len() >= 2 {
                why.push("前列判项有多个义务人");
            }
            if !why.is_empty() {
                out.push(ctx.diag(
                    &EX015,
                    sentence_span(ctx, s),
                    format!(
                        "连带/补充责任判项未写明对哪一项、哪一义务人的哪部分债务承担责任（{}），责任范围无法确定",
                        why.join("，")
                    ),
                ));
                break;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

pub const EX009: Rule = Rule {
    code: "EX009",
    name: "InterestFormulaNotComputable",
    severity: Severity::Error,
    family: "enforceability",
    summary: "Interest, penalty or late fee whose formula cannot be computed from the document (base, rate or standard, start date)",
    message: "利息、违约金的计算方式无法据以计算",
    help: "写明计算基数、利率或标准和起算日，如“以40,000元为基数，自2023年11月1日起按一年期贷款市场报价利率计算至实际付清之日止”；2019年8月20日以后的期间不能再按中国人民银行贷款基准利率计算",
    explain: "判令支付利息、违约金、滞纳金、罚息、资金占用费、逾期付款损失的，应写明计算基数（以……为基数，或前面写明的本金数额）、利率或标准（年利率3.65%、日万分之五、一年期贷款市场报价利率、2019年8月20日以前的中国人民银行同期同类贷款基准利率）和起算日（法发〔2018〕9号：利息、违约金应写明基数、标准和期间）。只写“按约定利率”“按合同约定计算”而文书中没有约定内容的，缺的就是利率。“计算至实际付清之日止”是可确定的终点，从不报告；判项写明固定金额的（利息12,000元）、引用他项标准的（按前项标准计算）不报告；迟延履行期间的加倍债务利息另有法律规定，不属本规则。利率标准何时公布是数据（patterns/items.txt 的 [reference_rate] 表）：利息自2019年8月20日以后起算却按中国人民银行贷款基准利率计算的报告。适用范围：民事、行政案件的判决书、裁定书、调解书和国家赔偿决定书的判项；刑事文书和执行机构的裁定、通知、决定不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元及逾期付款利息。")] },
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元及违约金（按合同约定计算）。")] },
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元及利息（以30000元为基数，自2023年3月1日起按中国人民银行同期同类贷款基准利率计算至实际付清之日止）。")] },
    ],
    good: &[
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元及逾期付款利息（以30000元为基数，自2024年3月1日起按一年期贷款市场报价利率计算至实际付清之日止）。")] },
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元及利息（自2018年3月1日起至2019年8月19日止按中国人民银行同期同类贷款基准利率计算，自2019年8月20日起按一年期贷款市场报价利率计算至实际付清之日止）。")] },
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元及违约金5000元。")] },
    ],
    check: check_ex009,
};

pub const EX010: Rule = Rule {
    code: "EX010",
    name: "ContinuedPerformanceUnspecified",
    severity: Severity::Error,
    family: "enforceability",
    summary: "Continued performance of a contract without what is to be performed, by when and how",
    message: "继续履行判项未写明履行内容、期限和方式",
    help: "写明继续履行的具体义务、期限和方式，如“被告于本判决生效之日起三十日内协助原告办理位于……房屋（不动产权证号：……）的转移登记手续”",
    explain: "判令继续履行合同的，应写明继续履行的内容和方式（法发〔2018〕9号），即谁在何时以何种方式完成何种给付：交付何物、支付多少、办理何种手续。只写“继续履行《房屋买卖合同》”，执行机构无从知道应当强制执行什么。判项中另写有具体给付（支付……元、交付……、协助办理……登记手续）和期限的，不报告。适用范围：民事、行政案件的判决书、裁定书、调解书的判项；刑事文书和执行机构的裁定不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "原告张明与被告绵阳市鑫源建材有限公司继续履行双方于2023年5月10日签订的《建材供货合同》。")] }],
    good: &[Example { parts: &[(Ruling, "原告张明与被告绵阳市鑫源建材有限公司继续履行双方于2023年5月10日签订的《建材供货合同》，被告于本判决生效之日起十五日内向原告交付C30商品混凝土200立方米，原告于收货之日起十日内支付货款30000元。")] }],
    check: check_ex010,
};

pub const EX011: Rule = Rule {
    code: "EX011",
    name: "VisitationUnspecified",
    severity: Severity::Error,
    family: "enforceability",
    summary: "Visitation right without manner, time or frequency, and handover",
    message: "探望权判项未写明探望方式、时间和交接",
    help: "写明探望的时间和频次、方式及接送交接，如“原告每月第一、三周星期六上午9时到被告住所接走婚生子张小明，次日下午6时前送回”",
    explain: "判决或调解确定探望权的，应写明探望的方式、时间、地点和交接办法（法发〔2018〕9号），否则一方拒绝时执行机构无法确定应当协助的内容。只写“原告享有探望权”“探望方式由双方协商”的报告；写明每月/每周的时间、频次和接送交接（或在何处探望）的，不报告。中止探望的判项不属本规则。适用范围：民事判决书、裁定书、调解书的判项；刑事文书和执行机构的裁定不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example {
        parts: &[(Ruling, "一、准予原告张明与被告李芳离婚；\n二、婚生子张小明由被告李芳抚养，原告张明享有探望权，探望方式由双方协商。")],
    }],
    good: &[Example {
        parts: &[(Ruling, "一、准予原告张明与被告李芳离婚；\n二、婚生子张小明由被告李芳抚养；\n三、原告张明于每月第一、三周的星期六上午9时到被告李芳住所接走张小明探望，于次日下午6时前送回，被告李芳应予协助。")],
    }],
    check: check_ex011,
};

pub const EX012: Rule = Rule {
    code: "EX012",
    name: "BlankInRulingItem",
    severity: Severity::Error,
    family: "enforceability",
    summary: "A blank or placeholder in a ruling item (保证金元, ××元, 年利率%, 于年月日前)",
    message: "判项中有未填写的空白或占位",
    help: "补全判项中缺失的金额、比例或日期（如“工程质量保证金50,000元”“于2025年6月30日前”），并核对文书其余部分",
    explain: "判项中金额、比例或日期空着（“保证金元”“人民币元”“按年利率%计算”“于年月日前”），或以××、XX、某某、＿＿、【……】代替金额和日期，执行法院无法确定执行数额或期限。本规则在两种配置下都检查判项；上网文本中以××、某隐去的姓名、住址和出生日期不是金额或期限，不报告。与 DR001 的关系：draft 配置下 DR001 已逐段报告它认识的占位符（××、XX、＿＿、【待补充】），同一处不再报告为 EX012，EX012 只补报 DR001 看不出的空白（单位前缺数字、利率缺数字、没有数字的日期）；public 配置下 DR001 关闭，判项中的上述空白全部由 EX012 报告。适用范围：所有文书（含刑事判决的罚金和执行裁定）的判项。",
    seed: SEED,
    profiles: BOTH,
    bad: &[
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明工程质量保证金元。")] },
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元及利息（以30000元为基数，自2024年3月1日起按年利率%计算至实际付清之日止）。")] },
    ],
    good: &[
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明工程质量保证金50,000元。")] },
        Example { parts: &[(Ruling, "一、准予原告张明与被告李芳离婚；\n二、婚生子张某某（××××年××月××日出生）由被告李芳抚养。")] },
    ],
    check: check_ex012,
};

pub const EX013: Rule = Rule {
    code: "EX013",
    name: "ApologyWithoutForm",
    severity: Severity::Warning,
    family: "enforceability",
    summary: "Apology / eliminate effects / restore reputation without the form (medium or place, length or content review, deadline)",
    message: "赔礼道歉、消除影响、恢复名誉判项未写明方式",
    help: "写明方式和期限，如“于本判决生效之日起十日内在《绵阳日报》上刊登致歉声明（内容须经本院审核），逾期不履行的，本院将在该报公布本判决主要内容，费用由被告负担”",
    explain: "判令赔礼道歉、消除影响、恢复名誉的，应写明以何种方式（书面、当面，或在何种媒体、场所）、多长时间（刊登或保留的期间）、内容是否经法院审核以及履行期限；只写“向原告赔礼道歉”，义务人拒不履行时执行法院无从替代履行（民法典第一千条：可以在报刊、网络等媒体上发布公告或者公布生效裁判文书，费用由行为人负担）。写明书面或当面道歉的，或在媒体上刊登且写明时长或内容审核的，不报告；期限缺失时一并指出。警告级别：部分法院以书面道歉为通行写法。适用范围：民事、行政案件的判决书、调解书的判项；刑事文书和执行机构的裁定不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司向原告张明赔礼道歉。")] }],
    good: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内在《绵阳日报》上刊登致歉声明，向原告张明赔礼道歉（内容须经本院审核）。")] }],
    check: check_ex013,
};

pub const EX014: Rule = Rule {
    code: "EX014",
    name: "ReferencedListMissing",
    severity: Severity::Warning,
    family: "enforceability",
    summary: "A ruling item refers to a list or table that is not in the document",
    message: "判项引用的清单、附表未附在文书中",
    help: "将所引用的清单、附表附在文书之后（署名和日期之后，以“附：……清单”为题），或在判项中逐项写明",
    explain: "判项写“见附表”“按所附清单处理”“详见扣押清单”，而文书署名之后没有相应标题的清单或附表，执行时无从确定清单的内容（第10项：财物应写明名称、数量）。引用另一份文书（判决书、起诉书、合同）所附清单的不报告。警告级别：清单可能作为单独文件随文书送达。适用范围：民事、行政、刑事文书的判项；执行机构的裁定、通知、决定不适用。",
    seed: "第10项① 刑事涉财产部分：对已查封、扣押、冻结的财产应详细列明",
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明寄存的建材（详见附表）。")] }],
    good: &[Example {
        parts: &[
            (Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明寄存的建材（详见附表）。"),
            (Section::Appendix, "附表：返还建材清单\n1.螺纹钢HRB400，直径16毫米，5吨\n2.P.O42.5水泥，200袋"),
        ],
    }],
    check: check_ex014,
};

pub const EX015: Rule = Rule {
    code: "EX015",
    name: "LiabilityBaseNotFixed",
    severity: Severity::Warning,
    family: "enforceability",
    summary: "Liability as a share, or joint liability, whose base is not fixed in the document",
    message: "按份或连带责任的基数不确定",
    help: "写明比例所适用的金额（“赔偿原告损失100,000元的30%，即30,000元”），或写明连带责任所及的判项和义务人（“对本判决第一项确定的借款本息承担连带清偿责任”）",
    explain: "按比例承担责任（承担百分之三十的赔偿责任）而判项中没有比例所适用的金额，执行法院无法计算应执行数额；“对上述债务承担连带责任”而前列判项既有金钱又有非金钱义务，或有多个义务人，责任范围不确定。对本判决某一项确定的款项承担一定比例（对第一项确定的借款本息承担50%）、对……不能清偿部分承担责任、判项本身写明金额的，都可确定，不报告。警告级别。适用范围：民事、行政案件的判决书、裁定书、调解书的判项；刑事文书和执行机构的裁定不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example {
        parts: &[(Ruling, "被告绵阳市鑫源建材有限公司对原告张明的各项损失承担百分之三十的赔偿责任。")],
    }],
    good: &[Example {
        parts: &[(Ruling, "一、被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元；\n二、王建国对被告绵阳市鑫源建材有限公司不能清偿部分承担百分之三十的补充赔偿责任。")],
    }],
    check: check_ex015,
};

pub static RULES: &[Rule] = &[EX009, EX010, EX011, EX012, EX013, EX014, EX015];

/// Compile this module's regexes now (see `crate::warm_up`).
pub(crate) fn warm() {
    LazyLock::force(&RE_LABEL);
    LazyLock::force(&RE_DATE);
    LazyLock::force(&RE_AMOUNT_BASE);
    LazyLock::force(&RE_IN_BASE);
    LazyLock::force(&RE_PERFORMANCE_DEADLINE);
    LazyLock::force(&RE_SUBJECT_END);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Profile;
    use crate::{lint_bytes, Options};

    fn doc(header: &str, ruling: &str, tail: &str) -> String {
        format!("某某市某某区人民法院\n{header}\n原告：张三，男，1980年1月1日出生。\n被告：李四，男，1981年2月2日出生。\n原告张三与被告李四纠纷一案，本院于2024年3月1日立案后，依法适用简易程序公开开庭进行了审理。\n本院认为，原告的请求成立。依照《中华人民共和国民法典》第五百七十七条之规定，判决如下：\n{ruling}\n{tail}\n审判员　　赵六\n二〇二四年五月六日\n书记员　　孙七")
    }
    const CIVIL: &str = "民事判决书\n（2024）川0703民初88号";

    fn codes_in(text: &str, profile: Profile, prefix: &str) -> Vec<&'static str> {
        let opts = Options {
            profile,
            ..Options::default()
        };
        lint_bytes(text.as_bytes(), "t.txt", &opts)
            .findings
            .into_iter()
            .filter(|f| f.code.starts_with(prefix))
            .map(|f| f.code)
            .collect()
    }
    fn fires(code: &str, ruling: &str) -> bool {
        codes_in(&doc(CIVIL, ruling, ""), Profile::Draft, code)
            .iter()
            .any(|c| *c == code)
    }

    #[test]
    fn sentences_keep_brackets_whole() {
        let t = "支付利息（以1000元为基数；自2024年1月1日起）；二、驳回。";
        let s = sentences(t);
        assert_eq!(s.len(), 2);
        assert!(t[s[0].clone()].ends_with('）'));
    }

    #[test]
    fn interest_needs_base_rate_and_start() {
        for bad in [
            "被告李四于本判决生效之日起十日内支付原告张三货款40000元及逾期付款利息。",
            "被告李四于本判决生效之日起十日内支付原告张三借款50000元及利息（按年利率6%计算至实际付清之日止）。",
            "被告李四于本判决生效之日起十日内支付原告张三借款50000元及利息（按约定利率自2023年5月1日起计算）。",
            "被告李四于本判决生效之日起十日内支付原告张三借款50000元及利息（按《借款合同》约定的结息方式计算）。",
            "被告李四于本判决生效之日起十日内支付原告张三货款40000元，并支付违约金（以40000元为基数，按日万分之五计算）。",
            "被告李四于本判决生效之日起十日内支付原告张三借款50000元及利息（以50000元为基数，自2020年1月1日起按中国人民银行同期同类贷款利率计算至实际付清之日止）。",
            "被告李四于本判决生效之日起十日内支付原告张三借款50000元及利息（以50000元为基数，自2023年1月1日起按年利率6%计算至实际付清之日止），并支付违约金。",
        ] {
            assert!(fires("EX009", bad), "{bad}");
        }
        for good in [
            "被告李四于本判决生效之日起十日内支付原告张三借款50000元及利息（以50000元为基数，自2023年5月1日起按年利率6%计算至实际付清之日止）。",
            "被告李四于本判决生效之日起十日内支付原告张三借款50000元及利息（自2023年5月1日起按年利率6%计算至实际付清之日止）。",
            "被告李四于本判决生效之日起十日内支付原告张三借款50000元及利息（以50000元为基数，自2018年1月1日起按中国人民银行同期同类贷款利率计算至2019年8月19日）。",
            "被告李四于本判决生效之日起十日内支付原告张三借款利息12,000元。",
            "被告李四于本判决生效之日起十日内支付原告张三违约金5000元。",
            "被告李四于本判决生效之日起十日内支付原告张三借款50000元及利息（利息计算至2024年1月1日为6000元）。",
            "被告李四于本判决生效之日起十日内支付原告张三以50000元为基数、自2023年5月1日起按年利率6%计算的利息。",
            "被告李四于本判决生效之日起十日内支付原告张三借款50000元，利息不予计算。",
            "被告李四对上述借款本金及利息承担连带清偿责任。",
        ] {
            assert!(!fires("EX009", good), "{good}");
        }
        // the doubled interest of the 迟延履行 notice is separate
        let notice =
            "如果未按本判决指定的期间履行给付金钱义务，应当加倍支付迟延履行期间的债务利息。";
        assert!(!fires(
            "EX009",
            &format!("被告李四于本判决生效之日起十日内支付原告张三货款40000元。\n{notice}")
        ));
        // criminal documents are out of scope
        let crim = "刑事判决书\n（2024）川0703刑初88号";
        let t = doc(crim, "被告人李四退赔被害人张三借款50000元及利息。", "");
        assert!(codes_in(&t, Profile::Draft, "EX009").is_empty());
    }

    #[test]
    fn reference_rate_table_is_data() {
        let p = Patterns::builtin().unwrap();
        let rates = reference_rates(p.table(F, "reference_rate")).unwrap();
        let pboc = rates
            .iter()
            .find(|r| r.name.is_match("中国人民银行同期同类贷款基准利率"))
            .unwrap();
        assert_eq!(pboc.end, Some((2019, 8, 19)));
        let lpr = rates
            .iter()
            .find(|r| r.name.is_match("一年期贷款市场报价利率"))
            .unwrap();
        assert_eq!(lpr.end, None);
        // bad rows are load errors naming the line
        let e = |text: &str| Entry {
            text: text.into(),
            file: "items.txt".into(),
            line: 7,
        };
        assert!(reference_rates(&[e("2019-08-20 - LPR extra")]).is_err());
        assert!(reference_rates(&[e("2019-02-30 - LPR")]).is_err());
        assert!(reference_rates(&[e("2019-08-20 2019-01-01 LPR")]).is_err());
        assert!(reference_rates(&[e("- - (")]).is_err());
        assert_eq!(
            reference_rates(&[e("- 2019-08-19 基准利率")])
                .unwrap()
                .len(),
            1
        );
        validate(&p).unwrap();
    }

    #[test]
    fn continued_performance_needs_content_and_deadline() {
        assert!(fires(
            "EX010",
            "原告张三与被告李四继续履行双方签订的《房屋买卖合同》。"
        ));
        assert!(fires(
            "EX010",
            "被告李四继续履行与原告张三签订的《房屋买卖合同》，于本判决生效之日起三十日内履行。"
        ));
        assert!(!fires("EX010", "被告李四继续履行与原告张三签订的《房屋买卖合同》，于本判决生效之日起三十日内协助原告张三办理位于某某市某某区临园路12号房屋的过户登记手续。"));
        assert!(!fires(
            "EX010",
            "解除原告张三与被告李四签订的《房屋买卖合同》，双方不再继续履行。"
        ));
        assert!(!fires(
            "EX010",
            "驳回原告张三要求被告李四继续履行合同的诉讼请求。"
        ));
    }

    #[test]
    fn visitation_needs_time_and_handover() {
        assert!(fires(
            "EX011",
            "婚生子张小明由被告李四抚养，原告张三享有探望权。"
        ));
        assert!(fires(
            "EX011",
            "原告张三每月可探望张小明两次，探视方式由双方协商。"
        ));
        assert!(!fires(
            "EX011",
            "原告张三于每月第一、三周的星期六上午9时到被告李四住所接走张小明，次日下午6时前送回。"
        ));
        assert!(!fires(
            "EX011",
            "原告张三每周星期日在被告李四住所探望张小明一次，每次不超过四小时。"
        ));
        assert!(!fires("EX011", "中止原告张三对张小明的探望。"));
    }

    #[test]
    fn blanks_in_items() {
        let p = Patterns::builtin().unwrap();
        let b = |t: &str| {
            blanks(&p, t)
                .into_iter()
                .map(|r| t[r].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(b("支付被告工程质量保证金元。"), ["保证金元"]);
        assert_eq!(b("支付原告货款人民币元及利息"), ["人民币元"]);
        assert_eq!(b("于年月日前付清"), ["于年月日"]);
        assert_eq!(b("按年利率%计算"), ["年利率%"]);
        assert!(b("支付原告货款人民币30,000元").is_empty());
        assert!(b("支付原告美元5000元").is_empty());
        assert!(b("婚生子张某某（××××年××月××日出生）由原告抚养").is_empty());
        assert!(b("金元证券股份有限公司").is_empty());
        // public: ××元 is EX012; draft: DR001 reports it and EX012 does not repeat it
        let ruling = "被告李四于本判决生效之日起十日内支付原告张三货款××元。";
        let t = doc(CIVIL, ruling, "");
        assert_eq!(codes_in(&t, Profile::Public, "EX012"), ["EX012"]);
        assert!(codes_in(&t, Profile::Draft, "EX012").is_empty());
        assert!(codes_in(&t, Profile::Draft, "DR001").contains(&"DR001"));
        // 保证金元 is EX012 in both profiles (DR001 does not see it)
        let t = doc(
            CIVIL,
            "被告李四于本判决生效之日起十日内返还原告张三保证金元。",
            "",
        );
        assert_eq!(codes_in(&t, Profile::Draft, "EX012"), ["EX012"]);
        assert!(codes_in(&t, Profile::Draft, "DR001").is_empty());
        // criminal fines too
        let crim = "刑事判决书\n（2024）川0703刑初88号";
        let t = doc(crim, "被告人李四犯盗窃罪，判处有期徒刑六个月，并处罚金人民币元，限于本判决生效后十日内缴纳。", "");
        assert_eq!(codes_in(&t, Profile::Draft, "EX012"), ["EX012"]);
    }

    #[test]
    fn apology_needs_a_form() {
        assert!(fires("EX013", "被告李四向原告张三赔礼道歉。"));
        assert!(fires(
            "EX013",
            "被告李四于本判决生效之日起十日内在其微信公众号上发布致歉声明，为原告张三消除影响。"
        ));
        assert!(!fires(
            "EX013",
            "被告李四于本判决生效之日起十日内向原告张三书面赔礼道歉。"
        ));
        assert!(!fires("EX013", "被告李四于本判决生效之日起十日内在其微信公众号首页连续三十日刊登致歉声明，为原告张三消除影响（内容须经本院审核）。"));
        assert!(!fires(
            "EX013",
            "驳回原告张三要求被告李四赔礼道歉的诉讼请求。"
        ));
    }

    #[test]
    fn referenced_lists_must_be_attached() {
        let ruling = "被告李四于本判决生效之日起十日内返还原告张三的货物（详见附表）。";
        assert!(fires("EX014", ruling));
        let attached = doc(CIVIL, ruling, "") + "\n附表：返还货物清单\n1.茶叶（明前龙井）20盒";
        assert!(codes_in(&attached, Profile::Draft, "EX014").is_empty());
        assert!(!fires(
            "EX014",
            "被告李四按（2023）川0703民初1号民事判决书所附清单返还原告张三的货物。"
        ));
    }

    #[test]
    fn shares_and_joint_liability_need_a_base() {
        assert!(fires(
            "EX015",
            "被告李四承担原告张三损失百分之三十的赔偿责任。"
        ));
        assert!(!fires(
            "EX015",
            "被告李四赔偿原告张三损失100000元的30%，即30000元。"
        ));
        assert!(!fires("EX015", "一、被告李四于本判决生效之日起十日内偿还原告张三借款50000元；\n二、王五对本判决第一项确定的借款本息承担50%的赔偿责任。"));
        assert!(!fires("EX015", "一、被告李四于本判决生效之日起十日内偿还原告张三借款50000元；\n二、王五对被告李四不能清偿部分承担30%的补充赔偿责任。"));
        // 上述债务 after a money item and a non-money item
        assert!(fires("EX015", "一、被告李四于本判决生效之日起十日内偿还原告张三借款50000元；\n二、被告李四于本判决生效之日起三十日内腾退位于某某市某某区临园路12号的房屋；\n三、王五对上述债务承担连带责任。"));
        // 上述债务 of several debtors
        assert!(fires("EX015", "一、被告李四于本判决生效之日起十日内偿还原告张三借款50000元；\n二、被告赵七于本判决生效之日起十日内偿还原告张三借款30000元；\n三、王五对上述债务承担连带清偿责任。"));
        // one money debt of one debtor: 上述债务 is determinable
        assert!(!fires("EX015", "一、被告李四于本判决生效之日起十日内偿还原告张三借款50000元；\n二、王五对上述债务承担连带清偿责任。"));
        // naming the debtor narrows it
        assert!(!fires("EX015", "一、被告李四于本判决生效之日起十日内偿还原告张三借款50000元；\n二、被告赵七于本判决生效之日起十日内偿还原告张三借款30000元；\n三、王五对被告李四的上述债务承担连带清偿责任。"));
    }
}
