//! The ruling items of EX009–EX015 as sentences split outside brackets (an interest formula in
//! （…） may hold a ； of its own), with the item labels stripped and revoked text blanked, and
//! what these rules share: which documents the civil ones apply to, spans, quotes, a deadline
//! stated once for several items. Their vocabulary is `patterns/items.txt`.

use crate::rules::{CaseKind, Context};
use crate::structure::Section::{Ruling, Tail};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The pattern file of EX009–EX015.
pub const FI: &str = "items";
/// The EX001–EX008 vocabulary (deadlines, amounts) shared with these rules.
pub const E: &str = crate::rules::Family::Enforceability.pattern_file();
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

/// Items that dismiss, allow withdrawal, affirm, revoke or only declare (确认…无效) order
/// nothing to enforce.
pub fn orders_nothing(text: &str) -> bool {
    crate::rules::items::is_negative(text) || text.trim_start().starts_with("确认")
}

/// Civil, administrative and state-compensation documents (not criminal, not the execution
/// agency's rulings, which carry out a title and are not one).
pub fn civil(ctx: &Context) -> bool {
    !matches!(ctx.case_kind(), CaseKind::Criminal | CaseKind::Execution)
}

pub fn sentence_span(ctx: &Context, s: &Sentence) -> Range<usize> {
    ctx.span_in(s.para, s.start, s.end)
}

pub fn quote_all(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| format!("“{p}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// Does a paragraph of the ruling or tail at or after `from` state one deadline for several
/// items (上述款项/义务，于…内履行)?
pub fn shared_deadline_after(ctx: &Context, from: usize) -> bool {
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

/// Compile this module's regexes now (see `crate::warm_up`).
pub(crate) fn warm() {
    LazyLock::force(&RE_LABEL);
}

#[cfg(test)]
pub(crate) mod testing {
    //! A document with given ruling items, and the codes it gets in a profile.
    pub use crate::rules::enforceability::testing::{doc, CIVIL};
    pub use crate::rules::Profile;
    use crate::{lint_bytes, Options};

    pub fn codes_in(text: &str, profile: Profile, prefix: &str) -> Vec<&'static str> {
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

    pub fn fires(code: &str, ruling: &str) -> bool {
        codes_in(&doc(CIVIL, ruling, ""), Profile::Draft, code).contains(&code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_brackets_whole() {
        let t = "支付利息（以1000元为基数；自2024年1月1日起）；二、驳回。";
        let s = sentences(t);
        assert_eq!(s.len(), 2);
        assert!(t[s[0].clone()].ends_with('）'));
    }
}
