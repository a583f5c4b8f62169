//! Ruling-item labels (一、 （二） 3. 4） （5） ⑥): one parser for the structure (numbering the
//! items) and the rules (reading an item without its label).
//!
//! A label is read at the start of a paragraph or clause, after white space. A bracketed year
//! (（2021）, 〔2021〕: a bogus prefix left by copy and paste) is stripped like a label but numbers
//! no item. A figure followed by a decimal point and a digit (1.5万元) is an amount, not a label.

use crate::numerals::cn_number;
use regex::Regex;
use std::sync::LazyLock;

/// How an item is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelStyle {
    /// 一、
    Cn,
    /// （一）
    ParenCn,
    /// 1. 1、 1）
    Num,
    /// （1）
    ParenNum,
    /// ①
    Circled,
}

/// A label at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemLabel {
    pub style: LabelStyle,
    /// The item number the label gives (1-based).
    pub number: u32,
    /// Byte offset just after the label (leading white space included).
    pub end: usize,
}

static RE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?P<cn>[一二三四五六七八九十]{1,4})\s*[、，,．.]",
        r"|[（(](?P<pcn>[一二三四五六七八九十]{1,4})[）)]",
        r"|(?P<num>[0-9０-９]{1,3})\s*(?P<numsep>[、．.，,]|[）)])",
        r"|[（(](?P<pnum>[0-9０-９]{1,3})[）)]",
        r"|(?P<year>[（(〔](?:19|20)[0-9]{2}[）)〕])",
        r"|(?P<circ>[①-⑳]))"
    ))
    .unwrap()
});

/// The raw match at the start of `text` (after white space): (start, end, captures).
fn label_at(text: &str) -> Option<(usize, regex::Captures<'_>)> {
    let start = text.len() - text.trim_start().len();
    let c = RE_LABEL.captures(&text[start..])?;
    // 1.5万元 is an amount
    if let Some(sep) = c.name("numsep") {
        if matches!(sep.as_str(), "." | "．")
            && text[start + sep.end()..]
                .chars()
                .next()
                .is_some_and(|d| d.is_ascii_digit() || ('０'..='９').contains(&d))
        {
            return None;
        }
    }
    Some((start, c))
}

fn digits(s: &str) -> Option<u32> {
    let ascii: String = s
        .chars()
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or('0')
            } else {
                c
            }
        })
        .collect();
    ascii.parse().ok()
}

/// The item label at the start of `text` (after white space), with the number it gives. A
/// bracketed year is no item label.
pub fn item_label(text: &str) -> Option<ItemLabel> {
    let (start, c) = label_at(text)?;
    let end = start + c.get(0)?.end();
    let (style, number) = if let Some(m) = c.name("cn") {
        (LabelStyle::Cn, cn_number(m.as_str())?)
    } else if let Some(m) = c.name("pcn") {
        (LabelStyle::ParenCn, cn_number(m.as_str())?)
    } else if let Some(m) = c.name("num") {
        (LabelStyle::Num, digits(m.as_str())?)
    } else if let Some(m) = c.name("pnum") {
        (LabelStyle::ParenNum, digits(m.as_str())?)
    } else if let Some(m) = c.name("circ") {
        let ch = m.as_str().chars().next()?;
        (LabelStyle::Circled, ch as u32 - '①' as u32 + 1)
    } else {
        return None;
    };
    Some(ItemLabel { style, number, end })
}

/// Bytes of the leading labels of `text` (一、（一） → both, with the white space before and
/// between them; white space after the last label is kept, and so is white space alone).
pub fn label_len(text: &str) -> usize {
    let mut end = 0;
    // a few nested labels at most: 一、（一）1.
    for _ in 0..4 {
        let Some((start, c)) = label_at(&text[end..]) else {
            break;
        };
        let Some(m) = c.get(0) else { break };
        end += start + m.end();
    }
    end
}

/// `text` without its leading labels (see [`label_len`]).
pub fn strip_label(text: &str) -> &str {
    &text[label_len(text)..]
}

/// Does `text` start with a label (after white space)?
pub fn starts_with_label(text: &str) -> bool {
    label_len(text) > 0
}

/// Compile the regex now (see `crate::warm_up`).
pub(crate) fn warm() {
    LazyLock::force(&RE_LABEL);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_numbers() {
        fn l(t: &str) -> Option<(LabelStyle, u32, &str)> {
            item_label(t).map(|l| (l.style, l.number, &t[l.end..]))
        }
        assert_eq!(l("一、被告支付"), Some((LabelStyle::Cn, 1, "被告支付")));
        assert_eq!(l("十二，驳回"), Some((LabelStyle::Cn, 12, "驳回")));
        assert_eq!(l("  （三）被告"), Some((LabelStyle::ParenCn, 3, "被告")));
        assert_eq!(l("4．被告"), Some((LabelStyle::Num, 4, "被告")));
        assert_eq!(l("５）被告"), Some((LabelStyle::Num, 5, "被告")));
        assert_eq!(l("(6)被告"), Some((LabelStyle::ParenNum, 6, "被告")));
        assert_eq!(l("⑦被告"), Some((LabelStyle::Circled, 7, "被告")));
        // no labels: a numeral that begins the clause, an amount, a year, a case number
        for t in [
            "一次性支付",
            "1.5万元由被告负担",
            "（2021）被告",
            "2024年",
            "被告",
        ] {
            assert_eq!(item_label(t), None, "{t}");
        }
    }

    #[test]
    fn strip() {
        assert_eq!(strip_label("二、被告支付"), "被告支付");
        assert_eq!(strip_label("（2021）被告支付"), "被告支付");
        assert_eq!(strip_label("〔2021〕被告支付"), "被告支付");
        assert_eq!(strip_label("一次性支付"), "一次性支付");
        assert_eq!(strip_label("一、（一）1.被告"), "被告");
        assert_eq!(strip_label(" 一、 （一）被告"), "被告");
        assert_eq!(strip_label("4. 家具"), " 家具");
        assert_eq!(strip_label("1.5万元"), "1.5万元");
        assert_eq!(strip_label("  被告"), "  被告");
        assert_eq!(label_len("①被告"), "①".len());
        assert!(starts_with_label(" 3、被告") && !starts_with_label("被告"));
        for t in ["", "、", "（", "一", "十十十十十、", "(((", "⑳"] {
            let _ = (strip_label(t), item_label(t));
        }
    }
}
