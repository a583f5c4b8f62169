//! Tail phase: the paragraphs between the items and the signature (fees, appeal notice,
//! performance warnings).

use super::ruling::item_label;
use super::{squeeze, Section};

/// Tail landmarks: paragraphs after the items that are not items.
pub(super) fn is_tail_paragraph(text: &str) -> bool {
    let s = squeeze(text);
    const STARTS: &[&str] = &[
        "如不服",
        "如果未按",
        "如不按",
        "如果不按",
        "如被告未按",
        "如未履行",
        "如未按",
        "如果不服",
        "本判决为终审判决",
        "本裁定为终审裁定",
        "本判决是终审判决",
        "本裁定是终审裁定",
        "本裁定送达后",
        "本裁定书送达后",
        "本裁定立即",
        "本调解书",
        "上述协议",
        "上列协议",
        "以上协议",
        "上述调解协议",
        "本决定",
        "本案案件受理费",
        "案件受理费",
        "本案受理费",
        "受理费",
        "一审案件受理费",
        "二审案件受理费",
        "本案诉讼费",
        "诉讼费",
        "案件诉讼费",
        "申请费",
        "保全费",
        "公告费",
        "鉴定费",
        "执行费",
        "本案一审",
        "本案二审",
        "一审诉讼费",
        "二审诉讼费",
        "督促",
        "特别提示",
        "提示",
        "温馨提示",
        "履行提示",
        "当事人",
        "负有",
        "义务人",
        "被告应",
        "如被告",
        "如义务人",
        "逾期",
        "若",
        "（此页无正文",
    ];
    if STARTS.iter().any(|p| s.starts_with(p)) {
        return true;
    }
    // "本判决生效后，负有义务的当事人应自觉履行…": a warning, unless it is itself the order
    let warning_words = ["自觉", "强制执行", "失信", "拒不履行", "逾期不履行"];
    if [
        "本判决生效后",
        "本调解书生效后",
        "本判决发生法律效力后",
        "判决生效后",
    ]
    .iter()
    .any(|p| s.starts_with(p))
        && warning_words.iter().any(|w| s.contains(w))
    {
        return true;
    }
    if is_fee_paragraph(text) {
        return true;
    }
    // a probation admonition after a criminal sentence: 被告人…回到社区后，应当遵守…
    if s.contains("回到社区后") || (s.contains("社区矫正") && s.contains("应当遵守")) {
        return true;
    }
    s.contains("迟延履行")
        || s.contains("延迟履行")
        || s.contains("履行期间的债务利息")
        || s.contains("上诉于")
        || s.contains("终审判决")
        || s.contains("终审裁定")
}

/// The fee decision: court fees and who bears them (…受理费…由…负担/承担), including the
/// "一、二审案件受理费…" form whose 一、 is not an item label.
pub(super) fn is_fee_paragraph(text: &str) -> bool {
    let s = squeeze(text);
    let fee = ["受理费", "诉讼费", "申请费", "保全费"]
        .iter()
        .any(|w| s.contains(w));
    let borne = [
        "负担",
        "承担",
        "交纳",
        "缴纳",
        "收取",
        "免交",
        "免予",
        "不予收取",
    ]
    .iter()
    .any(|w| s.contains(w));
    if s.starts_with("一、二审") || s.starts_with("一审、二审") {
        return fee;
    }
    fee && borne && item_label(text).is_none() && s.chars().count() <= 200
}

/// Without a trigger, everything between the last reasoning/procedure paragraph and the signature
/// stays procedure, but tail-like paragraphs just before the signature are the tail.
pub(super) fn mark_tail_without_trigger(
    texts: &[&str],
    from: usize,
    body_end: usize,
    sections: &mut [Section],
) {
    let mut i = body_end;
    while i > from && is_tail_paragraph(texts[i - 1]) {
        i -= 1;
        sections[i] = Section::Tail;
    }
}
