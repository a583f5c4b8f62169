//! `--redact`: identity numbers, mobile phone numbers and bank accounts masked in what a report
//! shows (excerpts, contexts, messages, the HTML report's text). Masking keeps every string's
//! length in characters and in bytes (an ASCII digit becomes `*`, a full-width one `＊`), so the
//! spans and columns of the findings stay right.

use crate::idnum;
use crate::{Document, FileReport};
use std::ops::Range;

/// Spans to mask in `s`, with how many leading and trailing significant characters stay visible.
fn spans(s: &str) -> Vec<(Range<usize>, usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in s.split('\n') {
        for id in idnum::find_person_ids(line) {
            out.push((line_start + id.span.start..line_start + id.span.end, 4, 2));
        }
        line_start += line.len() + 1;
    }
    for p in idnum::find_phone_numbers(s) {
        out.push((p.span, 3, 4));
    }
    for a in idnum::find_bank_accounts(s) {
        out.push((a.span, 0, 4));
    }
    out
}

/// `s` with identity numbers, phones and accounts masked (same length in chars and bytes).
pub fn text(s: &str) -> String {
    let spans = spans(s);
    if spans.is_empty() {
        return s.to_string();
    }
    let mut mask = vec![false; s.len()];
    for (r, keep_head, keep_tail) in spans {
        let r = r.start.min(s.len())..r.end.min(s.len());
        let Some(sub) = s.get(r.clone()) else {
            continue;
        };
        let sig: Vec<usize> = sub
            .char_indices()
            .filter(|(_, c)| !c.is_whitespace() && !"-－ ".contains(*c))
            .map(|(i, _)| r.start + i)
            .collect();
        let n = sig.len();
        let (head, tail) = if n <= keep_head + keep_tail + 2 {
            (0, 0)
        } else {
            (keep_head, keep_tail)
        };
        for (k, &i) in sig.iter().enumerate() {
            if k >= head && k + tail < n {
                mask[i] = true;
            }
        }
    }
    let mut o = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if mask[i] {
            match c.len_utf8() {
                1 => o.push('*'),
                3 => o.push('＊'),
                n => o.push_str(&"*".repeat(n)),
            }
        } else {
            o.push(c);
        }
    }
    o
}

/// Mask every finding of `r`: its context, and its excerpt as the same characters of the
/// masked context (a number cut by the excerpt's edge is still masked).
pub fn report(r: &mut FileReport) {
    for f in &mut r.findings {
        let masked_ctx = text(&f.context);
        let n = f.excerpt.chars().count();
        let same: String = f
            .context
            .chars()
            .skip(f.context_char_start)
            .take(n)
            .collect();
        f.excerpt = if same == f.excerpt {
            masked_ctx
                .chars()
                .skip(f.context_char_start)
                .take(n)
                .collect()
        } else {
            text(&f.excerpt)
        };
        f.context = masked_ctx;
        f.message = text(&f.message);
        f.help = text(&f.help);
    }
}

/// Mask a document's text in place (its paragraph ranges stay valid).
pub fn document(d: &mut Document) {
    d.text = text(&d.text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_ids_phones_accounts_keeping_lengths() {
        let s =
            "原告张某，公民身份号码11010519491231002X，电话13812345678，账号6222021234567890123。";
        let m = text(s);
        assert_eq!(m.len(), s.len());
        assert_eq!(m.chars().count(), s.chars().count());
        assert!(!m.contains("11010519491231002X"), "{m}");
        assert!(m.contains("1101************2X"), "{m}");
        assert!(m.contains("138****5678"), "{m}");
        assert!(!m.contains("6222021234567890123"), "{m}");
        assert!(m.starts_with("原告张某，公民身份号码"));
        let full = "电话１３８１２３４５６７８";
        let mf = text(full);
        assert_eq!(mf.len(), full.len());
        assert!(!mf.contains("１２３４"), "{mf}");
        assert_eq!(text("没有号码的段落"), "没有号码的段落");
    }
}
