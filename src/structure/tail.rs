//! Tail phase: the paragraphs between the items and the signature (fees, appeal notice,
//! performance warnings).

use super::ruling::item_label;
use super::{squeeze, Section, Vocab};

/// Tail landmarks: paragraphs after the items that are not items.
pub(super) fn is_tail_paragraph(v: &Vocab, text: &str) -> bool {
    let s = squeeze(text);
    if v.tail_opening.prefix(&s).is_some() {
        return true;
    }
    // "本判决生效后，负有义务的当事人应自觉履行…": a warning, unless it is itself the order
    if v.tail_effective_opening.prefix(&s).is_some() && v.tail_warning_word.is_match(&s) {
        return true;
    }
    if is_fee_paragraph(v, text) {
        return true;
    }
    // a probation admonition after a criminal sentence: 被告人…社区矫正…应当遵守…
    // (…回到社区后… is in [tail_phrase])
    if s.contains("社区矫正") && s.contains("应当遵守") {
        return true;
    }
    v.tail_phrase.is_match(&s)
}

/// The fee decision: court fees and who bears them (…受理费…由…负担/承担), including the
/// "一、二审案件受理费…" form whose 一、 is not an item label.
pub(super) fn is_fee_paragraph(v: &Vocab, text: &str) -> bool {
    let s = squeeze(text);
    let fee = v.fee_word.is_match(&s);
    let borne = v.fee_borne_word.is_match(&s);
    if v.fee_both_instances.prefix(&s).is_some() {
        return fee;
    }
    fee && borne && item_label(text).is_none() && s.chars().count() <= 200
}

/// Without a trigger, everything between the last reasoning/procedure paragraph and the signature
/// stays procedure, but tail-like paragraphs just before the signature are the tail.
pub(super) fn mark_tail_without_trigger(
    v: &Vocab,
    texts: &[&str],
    from: usize,
    body_end: usize,
    sections: &mut [Section],
) {
    let mut i = body_end;
    while i > from && is_tail_paragraph(v, texts[i - 1]) {
        i -= 1;
        sections[i] = Section::Tail;
    }
}
