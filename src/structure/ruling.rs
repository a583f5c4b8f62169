//! Ruling phase: the items after the trigger (一、…; （一）…; 1.…), their continuation
//! paragraphs and notes, up to the tail.

use super::tail::{is_fee_paragraph, is_tail_paragraph};
use super::{squeeze, RulingItem, Section, Vocab};
use crate::labels::{self, LabelStyle};

/// A top-level ruling item label at the start of a paragraph: (style, number), read by the one
/// label parser the rules use too (`crate::labels`).
pub(super) fn item_label(text: &str) -> Option<(LabelStyle, u32)> {
    labels::item_label(text).map(|l| (l.style, l.number))
}

/// A paragraph of nothing but punctuation (a lone "：").
fn is_punctuation_only(text: &str) -> bool {
    let s = squeeze(text);
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, '：' | ':' | '。' | '；' | ';' | '，' | ','))
}

/// A bracketed note under a criminal item: "（刑期从判决执行之日起计算…）", "（罚金于…缴纳）",
/// "（缓刑考验期限，从判决确定之日起计算。）". Not part of the order itself.
fn is_item_note(v: &Vocab, text: &str) -> bool {
    let s = squeeze(text);
    let s = s.trim_end_matches(['。', '.']);
    (s.starts_with('（') && s.ends_with('）') || s.starts_with('(') && s.ends_with(')'))
        && v.item_note_word.is_match(s)
}

/// Does a paragraph read like an operative item (an order), even though it has tail words?
fn looks_like_item(v: &Vocab, text: &str) -> bool {
    v.order_opening.prefix(&squeeze(text)).is_some()
}

/// The ruling phase: the items after the trigger `t`, their continuations and notes; the first
/// tail paragraph ends them and the rest up to `body_end` is the tail. Fills `sections` and
/// `item_of` for those paragraphs.
pub(super) fn mark_ruling(
    v: &Vocab,
    texts: &[&str],
    t: usize,
    body_end: usize,
    sections: &mut [Section],
    item_of: &mut [Option<u32>],
) -> Vec<RulingItem> {
    let mut items: Vec<RulingItem> = Vec::new();
    let mut top_style: Option<LabelStyle> = None;
    let mut in_tail = false;
    let mut last_number = 0u32;
    for i in t + 1..body_end {
        let text = texts[i];
        // "判决如下" with its colon on a line of its own: the colon belongs to the trigger
        if items.is_empty() && !in_tail && is_punctuation_only(text) {
            sections[i] = Section::Reasoning;
            continue;
        }
        // "一、二审案件受理费…" is the fee paragraph, not item 一
        let label = if is_fee_paragraph(v, text) {
            None
        } else {
            item_label(text)
        };
        if !in_tail && !items.is_empty() && label.is_none() && is_item_note(v, text) {
            sections[i] = Section::Ruling;
            if let Some(it) = items.last_mut() {
                it.notes.push(i);
            }
            continue;
        }
        if !in_tail {
            let is_top = match (label, top_style) {
                (Some((style, _)), None) => {
                    // the first labelled paragraph fixes the top-level style
                    items.is_empty() || matches!(style, LabelStyle::Cn)
                }
                (Some((style, _)), Some(top)) => style == top,
                _ => false,
            };
            if let (true, Some((style, num))) = (is_top, label) {
                // a first unnumbered item already counted as 1: a labelled "二、" continues it
                if top_style.is_none() {
                    top_style = Some(style);
                }
                let number = if num > last_number {
                    num
                } else {
                    last_number + 1
                };
                last_number = number;
                items.push(RulingItem {
                    number,
                    paras: vec![i],
                    notes: Vec::new(),
                });
                sections[i] = Section::Ruling;
                item_of[i] = Some(number);
                continue;
            }
            // a tail paragraph after the items (and not numbered), or before any item when it
            // doesn't read like one
            let tail_here = if items.is_empty() {
                !looks_like_item(v, text)
            } else {
                label.is_none()
            };
            if tail_here && is_tail_paragraph(v, text) {
                in_tail = true;
            } else {
                // unnumbered first item, or a continuation / sub-item of the current item
                if items.is_empty() {
                    last_number = 1;
                    items.push(RulingItem {
                        number: 1,
                        paras: vec![i],
                        notes: Vec::new(),
                    });
                } else if let Some(it) = items.last_mut() {
                    it.paras.push(i);
                }
                sections[i] = Section::Ruling;
                item_of[i] = Some(last_number);
                continue;
            }
        }
        sections[i] = Section::Tail;
    }
    items
}

/// Byte ranges of `text` that a 撤销/变更 item quotes as revoked or replaced, not ordered:
/// after 撤销, a quoted passage (“…” 「…」 "…") or the unquoted text after 即 to the end of the
/// sentence; after 变更, the quoted passage before 为. Text quoted after 维持 stays live (it is
/// upheld).
pub fn revoked_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    const OPEN: &[char] = &['“', '「', '"', '‘'];
    fn close_of(c: char) -> &'static [char] {
        match c {
            '“' => &['”', '"'],
            '「' => &['」'],
            '‘' => &['’'],
            _ => &['"', '”'],
        }
    }
    // end of the sentence starting at `from` (a 。 or ； outside quotes), and the quoted ranges in it
    let scan = |from: usize| -> (usize, Vec<std::ops::Range<usize>>) {
        let mut quotes = Vec::new();
        let mut open: Option<(usize, char)> = None;
        for (i, c) in text[from..].char_indices() {
            let at = from + i;
            match open {
                Some((start, o)) => {
                    if close_of(o).contains(&c) {
                        quotes.push(start..at + c.len_utf8());
                        open = None;
                    }
                }
                None => {
                    if OPEN.contains(&c) {
                        open = Some((at, c));
                    } else if c == '。' || c == '；' || c == ';' {
                        return (at, quotes);
                    }
                }
            }
        }
        if let Some((start, _)) = open {
            quotes.push(start..text.len());
        }
        (text.len(), quotes)
    };
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, _) in text.match_indices("撤销") {
        if out.iter().any(|r| r.contains(&i)) {
            continue;
        }
        let (end, quotes) = scan(i);
        if let Some(q) = quotes.first() {
            out.extend(quotes.iter().filter(|r| r.start >= q.start).cloned());
            continue;
        }
        // 即 introducing the revoked item (not 立即, 即日)
        let scope = &text[i..end];
        let ji = scope.match_indices('即').map(|(j, _)| j).find(|&j| {
            let before = scope[..j].chars().next_back();
            let after = scope[j + '即'.len_utf8()..].chars().next();
            matches!(before, Some('，' | ',' | '、' | '）' | ')'))
                || matches!(after, Some('：' | ':'))
        });
        if let Some(j) = ji {
            out.push(i + j..end);
        }
    }
    for (i, _) in text.match_indices("变更") {
        if out.iter().any(|r| r.contains(&i)) {
            continue;
        }
        let (end, quotes) = scan(i);
        let wei = text[i..end].find('为').map(|w| i + w).unwrap_or(end);
        out.extend(quotes.into_iter().filter(|q| q.end <= wei).take(1));
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Is this a preservation ruling (诉前/诉讼/执行前 财产保全 民事裁定书)? Its operative part is the
/// ruling section: the measures (查封, 冻结, 扣押) on the respondent's property. Decided by the
/// case number (…财保56号, 诉保, 执保), or by an application for preservation in the procedure or
/// reasoning of a civil ruling whose items take a measure (outside any revoked, quoted order).
pub(super) fn is_preservation_ruling(
    v: &super::Vocab,
    texts: &[&str],
    info: &super::DocInfo,
    kind: Option<super::DocKind>,
    case_kind: super::CaseKind,
    sections: &[super::Section],
    items: &[super::RulingItem],
) -> bool {
    use super::{CaseKind, DocKind, Section};
    if kind != Some(DocKind::Ruling)
        || matches!(case_kind, CaseKind::Criminal | CaseKind::StateCompensation)
    {
        return false;
    }
    if info
        .case_number
        .as_deref()
        .is_some_and(|n| v.preservation_case_number.is_match(n))
    {
        return true;
    }
    if case_kind == CaseKind::Execution {
        return false;
    }
    let applied = sections
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s, Section::Procedure | Section::Reasoning))
        .any(|(i, _)| v.preservation_application.is_match(texts[i]));
    applied
        && items.iter().flat_map(|it| it.paras.iter()).any(|&i| {
            // the text as it orders: revoked quotes blanked (as the rules' `live_text` does)
            let mut live = texts[i].to_string();
            for r in revoked_spans(texts[i]) {
                if live.is_char_boundary(r.start) && live.is_char_boundary(r.end) {
                    live.replace_range(r.clone(), &" ".repeat(r.end - r.start));
                }
            }
            v.preservation_measure.is_match(&live)
        })
}
