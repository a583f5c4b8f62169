//! Procedure phase: the procedure paragraphs, the reasoning (本院认为…) and the ruling trigger
//! (判决如下：) that ends them.

use super::{Section, Vocab};

/// A phrase of the procedure paragraph (一案, 诉称, 本院受理 …): never a party line.
pub(super) fn has_procedure_marker(v: &Vocab, text: &str) -> bool {
    v.procedure_marker.is_match(text)
}

/// The court's reasoning opens here (本院认为…).
pub(super) fn starts_reasoning(v: &Vocab, text: &str) -> bool {
    v.reasoning_opening.prefix(text.trim_start()).is_some()
}

/// The procedure phase: finds the ruling trigger (the last "…如下：" before the signature, after
/// the parties) and marks `from..` up to it procedure or, from 本院认为 on, reasoning.
pub(super) fn mark_procedure(
    v: &Vocab,
    texts: &[&str],
    from: usize,
    body_end: usize,
    sections: &mut [Section],
) -> Option<usize> {
    let reasoning_start = (from..body_end).find(|&i| starts_reasoning(v, texts[i]));
    let trigger = (from..body_end)
        .rev()
        .find(|&i| v.trigger.is_match(texts[i].trim_end()));
    let trigger = match (trigger, reasoning_start) {
        (Some(t), Some(r)) if t < r => {
            // a quoted trigger before 本院认为 (appeal quoting the first instance) — look after
            (r..body_end)
                .find(|&i| v.trigger.is_match(texts[i].trim_end()))
                .or(Some(t))
        }
        (t, _) => t,
    };

    // procedure / reasoning
    let proc_end = trigger.map(|t| t + 1).unwrap_or(body_end);
    for (i, section) in sections.iter_mut().enumerate().take(proc_end).skip(from) {
        *section = match reasoning_start {
            Some(r) if i >= r => Section::Reasoning,
            _ => Section::Procedure,
        };
    }
    if let Some(t) = trigger {
        if reasoning_start.is_none_or(|r| r > t) {
            sections[t] = Section::Reasoning;
        }
    }
    trigger
}
