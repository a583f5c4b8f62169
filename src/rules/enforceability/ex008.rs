//! EX008: Capital numerals vs figures (seed item 10).

use super::*;
use crate::diagnostic::Severity;
use crate::numerals::capital_to_fen;
use crate::rules::items::*;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, Scope, BOTH};
use crate::structure::Section;
use crate::structure::Section::Ruling;
use regex::Regex;
use std::sync::LazyLock;

pub const EX008: Rule = Rule {
    code: "EX008",
    name: "AmountInWordsAndFiguresDisagree",
    severity: Severity::Error,
    family: Family::Enforceability,
    default: Default::On,
    scope: Scope {
        sections: &[Section::Ruling],
        cases: &[],
        documents: &[],
    },
    summary: "An amount written in capital numerals and in figures disagrees",
    message: "金额大小写不一致",
    help: "核对金额，使大写与小写一致（如“人民币壹万贰仟元（12,000元）”）",
    explain: "判项中同一金额同时以大写和小写表示而二者不一致，执行时无法确定应执行的数额。适用范围：所有文书的判项，包括刑事判决和执行裁定。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款人民币叁万元（30,500元）。")] }],
    good: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款人民币叁万零伍佰元（30,500元）。")] }],
};

pub const CHECK: Check = Check {
    rules: &[EX008],
    run: check,
};

static RE_CAP_FIG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<cap>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿两]+(?:元|圆)(?:[零壹贰叁肆伍陆柒捌玖]角)?(?:[零壹贰叁肆伍陆柒捌玖]分)?整?)\s*[（(]\s*(?:人民币|￥|¥)?\s*(?P<fig>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(?P<wan>万)?\s*元?\s*[）)]").unwrap()
});
static RE_FIG_CAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<fig>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(?P<wan>万)?\s*元\s*[（(]\s*(?:人民币|大写[：:]?)?\s*(?P<cap>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿两]+(?:元|圆)(?:[零壹贰叁肆伍陆柒捌玖]角)?(?:[零壹贰叁肆伍陆柒捌玖]分)?整?)\s*[）)]").unwrap()
});

fn figure_to_fen(fig: &str, wan: bool) -> Option<i64> {
    let ascii: String = fig
        .chars()
        .filter_map(|c| match c {
            '0'..='9' | '.' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + 0x30),
            '．' => Some('.'),
            _ => None,
        })
        .collect();
    let (int, frac) = ascii.split_once('.').unwrap_or((&ascii, ""));
    let int: i64 = int.parse().ok()?;
    let mut frac2: String = frac.chars().take(6).collect();
    while frac2.len() < 6 {
        frac2.push('0');
    }
    let micro: i64 = frac2.parse().ok()?; // millionths
    let scale = if wan { 10_000 } else { 1 };
    Some(int.checked_mul(100 * scale)? + micro * scale / 10_000)
}

fn check(ctx: &Context, out: &mut Emitter) {
    for (_, para, _, _) in item_paragraphs(ctx) {
        let text = ctx.text(para);
        for re in [&*RE_CAP_FIG, &*RE_FIG_CAP] {
            for c in re.captures_iter(text) {
                let (Some(cap), Some(fig)) = (c.name("cap"), c.name("fig")) else {
                    continue;
                };
                let (Some(a), Some(b)) = (
                    capital_to_fen(cap.as_str()),
                    figure_to_fen(fig.as_str(), c.name("wan").is_some()),
                ) else {
                    continue;
                };
                if a != b {
                    let m = c.get(0).map(|m| m.range()).unwrap_or(0..0);
                    out.push(ctx.diag(
                        &EX008,
                        ctx.span_in(para, m.start, m.end),
                        format!(
                            "金额大写“{}”与小写“{}”不一致",
                            cap.as_str(),
                            &text[fig.start()..m.end.min(text.len())].trim_end_matches(['）', ')'])
                        ),
                    ));
                }
            }
        }
    }
}

/// Compile this rule's regexes now (see `crate::warm_up`).
pub(crate) fn warm() {
    LazyLock::force(&RE_CAP_FIG);
    LazyLock::force(&RE_FIG_CAP);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures() {
        assert_eq!(figure_to_fen("12,000", false), Some(1_200_000));
        assert_eq!(figure_to_fen("1.2", true), Some(1_200_000));
        assert_eq!(figure_to_fen("123456.78", false), Some(12_345_678));
        assert_eq!(figure_to_fen("１２．５", false), Some(1250));
    }
}
