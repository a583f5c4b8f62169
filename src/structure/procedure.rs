//! Procedure phase: the procedure paragraphs, the reasoning (本院认为…) and the ruling trigger
//! (判决如下：) that ends them.

use super::Section;
use regex::Regex;
use std::sync::LazyLock;

/// Phrases that mark the procedure paragraph, never a party line.
const PROCEDURE_MARKERS: &[&str] = &[
    "一案",
    "诉称",
    "辩称",
    "不服",
    "起诉书指控",
    "指控",
    "提起公诉",
    "提起诉讼",
    "向本院提出",
    "向本院申请",
    "本院受理",
    "本院于",
    "立案后",
    "立案受理",
    "审理终结",
    "申请执行",
];

static RE_TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:判决|裁定|决定|调解协议|协议)如下\s*[：:]?\s*$|(?:判决|裁定|决定)\s*[：:]\s*$|达成(?:了)?(?:如下|以下)?[^。；]{0,12}协议\s*[：:]\s*$|协议(?:内容)?如下\s*[：:]?\s*$").unwrap()
});

pub(super) fn has_procedure_marker(text: &str) -> bool {
    PROCEDURE_MARKERS.iter().any(|m| text.contains(m))
}

pub(super) fn starts_reasoning(text: &str) -> bool {
    let s = text.trim_start();
    s.starts_with("本院认为")
        || s.starts_with("本院经审查认为")
        || s.starts_with("本院审查认为")
        || s.starts_with("本院经审理认为")
        || s.starts_with("本院再审认为")
        || s.starts_with("本院二审认为")
        || s.starts_with("合议庭认为")
        || s.starts_with("本院经审查")
}

/// The procedure phase: finds the ruling trigger (the last "…如下：" before the signature, after
/// the parties) and marks `from..` up to it procedure or, from 本院认为 on, reasoning.
pub(super) fn mark_procedure(
    texts: &[&str],
    from: usize,
    body_end: usize,
    sections: &mut [Section],
) -> Option<usize> {
    let reasoning_start = (from..body_end).find(|&i| starts_reasoning(texts[i]));
    let trigger = (from..body_end)
        .rev()
        .find(|&i| RE_TRIGGER.is_match(texts[i].trim_end()));
    let trigger = match (trigger, reasoning_start) {
        (Some(t), Some(r)) if t < r => {
            // a quoted trigger before 本院认为 (appeal quoting the first instance) — look after
            (r..body_end)
                .find(|&i| RE_TRIGGER.is_match(texts[i].trim_end()))
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

pub(super) fn warm() {
    LazyLock::force(&RE_TRIGGER);
}
