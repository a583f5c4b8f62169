//! Shared ruling-item helpers: the document kind the document-level rules apply to, the ruling
//! items split into sentences and clauses (labels stripped, revoked text blanked), the first
//! obligation a ruling imposes, dismissals and default clauses, the performance warning's
//! recogniser, and the 迟延履行 article table with its validation.
//!
//! Vocabulary is read from the families' pattern files (performance.txt, enforceability.txt,
//! fees.txt); what to look for stays data, where to look is decided here.

use super::{CaseKind, Context, DocKind, Family};
use crate::labels;
use crate::numerals::{cn_number, days_in_month};
use crate::patterns::{Entry, PatternError, Patterns};
use crate::structure::Section;
use std::ops::Range;

const PW: Family = Family::Performance;
const EX: Family = Family::Enforceability;
const FE: Family = Family::Fees;

// ---------------------------------------------------------------------------------------------
// Document kind

/// The document kind for these rules: the header's kind, or, when the header is missing, the
/// kind implied by the trigger line (判决如下 → 判决书, 裁定如下 → 裁定书, …协议 → 调解书).
pub fn document_kind(ctx: &Context) -> Option<DocKind> {
    ctx.st.doc_kind
}

/// Is this a civil or administrative 判决书, or a 调解书 (PW001, PW002, FE001)?
pub fn is_judgment_or_mediation(ctx: &Context) -> bool {
    matches!(
        document_kind(ctx),
        Some(DocKind::Judgment | DocKind::Mediation)
    ) && ctx.is_civil_or_admin()
}

/// Is this a civil 判决书 (PW003)? A judgment whose header states no case kind counts when
/// nothing marks it as another kind; a stated kind that is not civil does not.
pub fn is_civil_judgment(ctx: &Context) -> bool {
    document_kind(ctx) == Some(DocKind::Judgment)
        && match ctx.case_kind() {
            CaseKind::Civil => true,
            CaseKind::Unknown => ctx.st.info.case_kind.is_none(),
            _ => false,
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
pub fn clauses(text: &str) -> impl Iterator<Item = (usize, &str)> {
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
        let trimmed = labels::strip_label(c);
        (!trimmed.is_empty()).then(|| (s + (c.len() - trimmed.len()), trimmed))
    })
}

/// Does this clause (with the rest of its sentence) impose an obligation (`money`: a payment of
/// money)? Returns the verb.
fn obligation_in(ctx: &Context, clause: &str, sentence: &str, money: bool) -> Option<String> {
    let p = ctx.patterns;
    if p.keywords(FE.pattern_file(), "fee").is_match(clause)
        || p.regexes(PW.pattern_file(), "no_obligation")
            .is_match(clause)
        || p.regexes(EX.pattern_file(), "debt_allocation")
            .is_match(clause)
        || p.regexes(EX.pattern_file(), "statement").is_match(clause)
    {
        return None;
    }
    let verbs = if money {
        p.keywords(PW.pattern_file(), "money_verb")
    } else {
        p.keywords(PW.pattern_file(), "obligation")
    };
    let (_, _, verb) = verbs.find(clause)?;
    // the amount may follow in the next comma clause of the same sentence
    if money
        && !(p.regexes("common", "amount").is_match(sentence)
            || p.keywords(PW.pattern_file(), "money").is_match(sentence))
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
                .regexes(EX.pattern_file(), "default_clause")
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
                    .filter_map(cn_number)
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
        if taking && labels::starts_with_label(t) {
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
            Some((cn_number(m.as_str())?, m.start(), c.get(0)?.end()))
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

/// Chinese ordinal of a ruling item for messages (第一项, 第十二项).
pub fn item_name(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let s = match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", D[(n / 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    };
    format!("第{s}项")
}

// ---------------------------------------------------------------------------------------------
// Items in pieces

/// A piece of an item paragraph: a clause (between ，；。) or a sentence (between ；。).
#[derive(Debug, Clone, Copy)]
pub struct Piece<'a> {
    pub para: usize,
    /// byte range within the paragraph text
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

pub fn split<'a>(para: usize, text: &'a str, seps: &[char]) -> Vec<Piece<'a>> {
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

pub const CLAUSE: &[char] = &['，', '；', '。', ';', ',', '：'];
pub const SENTENCE: &[char] = &['；', '。', ';'];

/// The items' paragraphs, with the label stripped: (item number, paragraph, text offset, text).
pub fn item_paragraphs<'a>(ctx: &'a Context) -> Vec<(u32, usize, usize, &'a str)> {
    let mut v = Vec::new();
    for item in &ctx.st.items {
        for &p in &item.paras {
            let t = ctx.live_text(p);
            let off = labels::label_len(t);
            v.push((item.number, p, off, &t[off..]));
        }
    }
    v
}

/// Pieces of each item, grouped by item: (item number, pieces with offsets in the full paragraph).
pub fn item_pieces<'a>(ctx: &'a Context, seps: &[char]) -> Vec<(u32, Vec<Piece<'a>>)> {
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

/// Items that dismiss, allow withdrawal or affirm order nothing to enforce.
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
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// Where a default clause (若/如…未按期足额支付…) starts in a sentence: what follows is a
/// condition on an earlier order (acceleration, a penalty on default), not a new order.
pub fn default_clause_start(ctx: &Context, text: &str) -> Option<usize> {
    ctx.patterns
        .regexes(EX.pattern_file(), "default_clause")
        .find(text)
        .map(|(s, _)| s)
}

/// The sentence without its default clause.
pub fn order_part<'t>(ctx: &Context, text: &'t str) -> &'t str {
    match default_clause_start(ctx, text) {
        Some(s) => &text[..s],
        None => text,
    }
}

// ---------------------------------------------------------------------------------------------
// Revoked text

pub use crate::structure::revoked_spans;

// ---------------------------------------------------------------------------------------------
// The performance warning

/// Where in `text` a voluntary-performance warning is: the byte range from the urge to the
/// sanction, if `text` both urges performance (自觉履行, 应当…履行…义务; not negated like
/// 未自觉履行) and states the consequence of not performing (a default condition such as
/// 逾期不履行 together with a sanction such as 申请强制执行).
pub fn find_warning(p: &Patterns, text: &str) -> Option<Range<usize>> {
    let negation = p.keywords(PW.pattern_file(), "urge_negation");
    let urge = p
        .regexes(PW.pattern_file(), "urge")
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
    if !p.regexes(PW.pattern_file(), "default").is_match(text) {
        return None;
    }
    // a clause that only tells the creditor how long it has to apply for enforcement (…可在…二年
    // 内申请强制执行, 申请执行的期间为二年) warns the obligor of nothing: its sanction word
    // doesn't count
    let limits: Vec<(usize, usize)> = clause_ranges(text)
        .into_iter()
        .filter(|&(a, b)| {
            p.regexes(PW.pattern_file(), "creditor_time_limit")
                .is_match(&text[a..b])
        })
        .collect();
    let (s_start, s_end, _) = p
        .keywords(PW.pattern_file(), "sanction")
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

// ---------------------------------------------------------------------------------------------
// The 迟延履行 article table

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
pub fn parse_ymd(s: &str) -> Option<Ymd> {
    let mut it = s.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): Ymd = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

pub fn fmt_ymd((y, m, d): Ymd) -> String {
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
        Self::from_entries(p.table(PW.pattern_file(), "delay_article"))
    }

    pub fn periods(&self) -> &[ArticlePeriod] {
        &self.periods
    }

    /// The period that contains `date`, if any.
    pub fn on(&self, date: Ymd) -> Option<&ArticlePeriod> {
        self.periods
            .iter()
            .find(|p| p.start.is_none_or(|s| s <= date) && p.end.is_none_or(|e| date <= e))
    }
}

/// Validate the performance vocabulary beyond what the loader checks (the article table). For
/// callers that load override folders and want to report a bad table before checking files.
pub fn validate(p: &Patterns) -> Result<(), PatternError> {
    ArticleTable::from_patterns(p).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::performance::testing::*;

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
    fn item_names() {
        assert_eq!(item_name(1), "第一项");
        assert_eq!(item_name(12), "第十二项");
        assert_eq!(item_name(30), "第三十项");
        assert_eq!(labels::strip_label("二、被告支付"), "被告支付");
        assert_eq!(labels::strip_label("（2021）被告支付"), "被告支付");
        assert_eq!(labels::strip_label("一次性支付"), "一次性支付");
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
}
