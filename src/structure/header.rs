//! Header phase: the court line, the kind line (民事判决书) and the case number, up to the
//! first party line; the case kind from the case number's type code.

use super::parties::party_line;
use super::{squeeze, CaseKind, DocInfo, DocKind, Vocab};
use regex::Regex;
use std::sync::LazyLock;

/// The title line: the kind words are the variants of `DocKind` and `CaseKind` (they stay in
/// code with the enums they parse to).
static RE_KIND_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\x{3400}-\x{9FFF}]{0,30}?(刑事|民事|行政|执行|国家赔偿|司法救助)?(?:附带民事)?(判决书|裁定书|调解书|决定书|通知书|支付令|财产令|执行令|令)$").unwrap()
});

/// The document-kind line (民事判决书, spaced 国 家 赔 偿 决 定 书, a title line ending in the
/// kind): (kind, case kind).
fn kind_line(v: &Vocab, text: &str) -> Option<(DocKind, Option<CaseKind>)> {
    let s = squeeze(text);
    if s.chars().count() > 80 {
        return None;
    }
    // a draft's working title after the kind: 民事判决书（模拟）, 民事判决书(征求意见稿)
    let s = match v.working_title.find(&s) {
        Some((start, _)) => &s[..start + "书".len()],
        None => &s[..],
    };
    let c = RE_KIND_LINE.captures(s)?;
    Some((
        DocKind::from_name(&c[2])?,
        c.get(1).and_then(|k| CaseKind::from_name(k.as_str())),
    ))
}

fn case_number_line(v: &Vocab, text: &str) -> bool {
    let s = squeeze(text);
    s.chars().count() <= 60 && (v.case_number.is_match(&s) || v.bare_case_number.is_match(&s))
}

/// A court line (…人民法院, …法院赔偿委员会, 中华人民共和国…).
pub(super) fn court_line(v: &Vocab, text: &str) -> bool {
    let s = squeeze(text);
    s.chars().count() <= 30
        && (v
            .court_ending
            .words()
            .iter()
            .any(|w| s.ends_with(w.as_str()))
            || (s.contains("法院") && s.ends_with("委员会")))
}

/// A short bracketed subtitle between the kind line and the case number: （追加被执行人）.
fn subtitle_line(text: &str) -> bool {
    let s = squeeze(text);
    s.chars().count() <= 20 && s.starts_with(['（', '(']) && s.ends_with(['）', ')'])
}

/// Find the header: the kind line with its case number (a title line, the court line, a
/// subtitle may stand around them). Whatever is printed before it (a performance notice put in
/// front of the document) belongs to the header too. Returns the end of the header (exclusive)
/// and fills `info.kind`, `info.case_kind`, `info.case_number`.
pub(super) fn find_header(v: &Vocab, texts: &[&str], info: &mut DocInfo) -> usize {
    let limit = texts.len().min(60);
    let set_number = |info: &mut DocInfo, t: &str| {
        if info.case_number.is_none() {
            info.case_number = v
                .case_number
                .find(t)
                .or_else(|| v.bare_case_number.find(t))
                .map(|(start, end)| t[start..end].trim().to_string());
        }
    };
    // the kind of each early paragraph; a kind line split over two paragraphs (民事 / 判决书)
    // counts at its second half
    let mut kinds: Vec<Option<(DocKind, Option<CaseKind>)>> =
        texts.iter().take(limit).map(|t| kind_line(v, t)).collect();
    for i in 0..limit.saturating_sub(1) {
        let (a, b) = (squeeze(texts[i]), squeeze(texts[i + 1]));
        if kinds[i].is_some() || a.chars().count() > 12 || b.chars().count() > 12 {
            continue;
        }
        if kinds[i + 1].as_ref().is_some_and(|k| k.1.is_some()) {
            continue;
        }
        if let Some(k) = kind_line(v, &format!("{a}{b}")) {
            if kinds[i + 1].is_none() || k.1.is_some() {
                kinds[i + 1] = Some(k);
            }
        }
    }
    // 1. a kind line followed (within a few header lines) by the case number or a party line
    for k in 0..limit {
        if kinds[k].is_none() {
            continue;
        }
        let mut last_kind = k;
        let mut j = k + 1;
        while j < limit && j <= k + 5 {
            let t = texts[j];
            if case_number_line(v, t) || party_line(v, t).is_some() {
                if let Some((kind, case_kind)) = kinds[last_kind] {
                    info.kind = Some(kind);
                    info.case_kind = case_kind;
                }
                if case_number_line(v, t) {
                    set_number(info, t);
                    return j + 1;
                }
                return j;
            }
            if kinds[j].is_some() {
                last_kind = j;
            } else if !court_line(v, t) && !subtitle_line(t) {
                break;
            }
            j += 1;
        }
    }
    // 2. no kind line: a case number followed by a party line
    for k in 0..limit {
        if case_number_line(v, texts[k])
            && (k + 1..(k + 3).min(texts.len())).any(|j| party_line(v, texts[j]).is_some())
        {
            set_number(info, texts[k]);
            return k + 1;
        }
    }
    if let Some(k) = (0..limit.min(8)).find(|&k| case_number_line(v, texts[k])) {
        set_number(info, texts[k]);
        return k + 1;
    }
    // 3. court lines only
    texts
        .iter()
        .take(limit)
        .take_while(|t| court_line(v, t))
        .count()
}

/// Case kind from the case number's type code (民初, 刑终, 行初, 执 …).
pub(super) fn case_kind_from_number(number: &str) -> Option<CaseKind> {
    let n = squeeze(number);
    let after = n.split(['）', ')', '〕', ']']).nth(1)?;
    if after.contains("刑") {
        Some(CaseKind::Criminal)
    } else if after.contains("民") || after.contains("商") {
        Some(CaseKind::Civil)
    } else if after.contains("行") {
        Some(CaseKind::Administrative)
    } else if after.contains("执") {
        Some(CaseKind::Execution)
    } else if after.contains("赔") {
        Some(CaseKind::StateCompensation)
    } else {
        None
    }
}

pub(super) fn warm() {
    LazyLock::force(&RE_KIND_LINE);
}
