//! Signature phase: the block of judges, the date and the clerks (found before the rest, since
//! it bounds the body), and the date of the document.

use super::header::court_line;
use super::{squeeze, Vocab};
use crate::numerals::{cn_number, cn_year};
use regex::Regex;
use std::sync::LazyLock;

/// Judges sign the block; clerks and assistants only follow them.
fn is_judge_role(v: &Vocab, role: &str) -> bool {
    !v.clerk_role.exact(role)
}

static RE_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<y>[〇○零Ｏ0OＯ一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日$").unwrap()
});

static RE_ARABIC_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$").unwrap()
});

/// A signature-block date line (二〇二四年十月九日, also Arabic 2024年10月9日) → ISO date.
pub fn parse_date_line(text: &str) -> Option<String> {
    let s = squeeze(text);
    if let Some(c) = RE_DATE_LINE.captures(&s) {
        let y = cn_year(&c["y"])? as i32;
        let m = cn_number(&c["m"])?;
        let d = cn_number(&c["d"])?;
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    if let Some(c) = RE_ARABIC_DATE_LINE.captures(&s) {
        let (y, m, d): (i32, u32, u32) = (
            c["y"].parse().ok()?,
            c["m"].parse().ok()?,
            c["d"].parse().ok()?,
        );
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

/// The role of a signature line (审判长, 书记员 …) if the paragraph is one: role followed by a
/// short name (white space between the characters allowed: 审　判　长　　毛　龙).
pub fn signature_role<'v>(v: &Vocab<'v>, text: &str) -> Option<&'v str> {
    let s = squeeze(text);
    // "人民审判员" and similar variants: a judge title ending in 审判员/陪审员
    let (role, skip) = match v.signature_role.prefix(&s) {
        Some(r) => (r, r.len()),
        None => {
            let head: String = s.chars().take(6).collect();
            let (word, i) = v
                .judge_title_word
                .words()
                .iter()
                .find_map(|w| head.find(w.as_str()).map(|i| (w.as_str(), i)))?;
            (word, i + word.len())
        }
    };
    let name = &s[skip..];
    let name = name.trim_start_matches(['：', ':']);
    let n = name.chars().count();
    if n <= 8 && !name.contains(['。', '，', '；']) {
        Some(role)
    } else {
        None
    }
}

fn is_signature_extra(v: &Vocab, text: &str) -> bool {
    let s = squeeze(text);
    v.signature_extra.prefix(&s).is_some() || v.court_seal.exact(&s)
}

fn is_signature_line(v: &Vocab, text: &str) -> bool {
    signature_role(v, text).is_some() || is_date_line(v, text) || is_signature_extra(v, text)
}

/// A signature date, filled or (in a draft) still blank.
fn is_date_line(v: &Vocab, text: &str) -> bool {
    parse_date_line(text).is_some() || v.date_placeholder.is_match(&squeeze(text))
}

fn is_judge_line(v: &Vocab, text: &str) -> bool {
    signature_role(v, text).is_some_and(|r| is_judge_role(v, r))
}

/// The signature block: the first run of signature lines after the header that holds a judge
/// and the date. A summary or table appended after the signature may hold 审判员 or a date
/// of its own; it is not the block. Without such a run: the last run with a judge; without a
/// judge (notices, decisions): the court line and the date near the end.
pub(super) fn find_signature(v: &Vocab, texts: &[&str], from: usize) -> Option<(usize, usize)> {
    let n = texts.len();
    let mut runs = Vec::new();
    let mut i = from;
    while i < n {
        if !is_judge_line(v, texts[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut dated = false;
        while j < n && is_signature_line(v, texts[j]) {
            dated |= is_date_line(v, texts[j]);
            j += 1;
        }
        if dated {
            return Some((i, j));
        }
        runs.push((i, j));
        i = j;
    }
    if let Some(last) = runs.last() {
        return Some(*last);
    }
    let d = (from..n)
        .rev()
        .take(8)
        .find(|&i| parse_date_line(texts[i]).is_some())?;
    let court = d > from && court_line(v, texts[d - 1]);
    let mut end = d + 1;
    while end < n && (signature_role(v, texts[end]).is_some() || is_signature_extra(v, texts[end]))
    {
        end += 1;
    }
    Some((if court { d - 1 } else { d }, end))
}

/// The date of the document: the first date line of the signature block.
pub(super) fn signature_date(texts: &[&str], start: usize, end: usize) -> Option<String> {
    (start..end).find_map(|i| parse_date_line(texts[i]))
}

pub(super) fn warm() {
    LazyLock::force(&RE_DATE_LINE);
    LazyLock::force(&RE_ARABIC_DATE_LINE);
}
