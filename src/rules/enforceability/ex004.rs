//! EX004: Liability within a range without an amount (seed item 10).

use super::*;
use crate::diagnostic::Severity;
use crate::rules::items::*;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section::Ruling;

pub const EX004: Rule = Rule {
    code: "EX004",
    name: "LiabilityLimitWithoutAmount",
    severity: Severity::Error,
    family: Family::Enforceability,
    default: Default::On,
    scope: CIVIL_ITEMS,
    summary: "Liability \"within a range\" without a concrete amount or object",
    message: "在一定范围内承担责任的判项未写明具体金额",
    help: "写明责任范围的具体金额或执行标的（如“在未出资的200000元范围内对前项债务承担补充赔偿责任”）",
    explain: "责令义务人“在其过错范围内”“在抽逃出资范围内”等承担责任，应当明确该责任范围的具体金额或执行标的，否则执行机构无法确定执行数额。适用范围：同 EX001。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example {
        parts: &[(Ruling, "一、被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元；\n二、第三人王建国在其抽逃出资范围内对上述债务承担补充赔偿责任。")],
    }],
    good: &[Example {
        parts: &[(Ruling, "一、被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元；\n二、第三人王建国在其抽逃出资200000元范围内对上述债务承担补充赔偿责任。")],
    }],
};

pub const CHECK: Check = Check {
    rules: &[EX004],
    run: check,
};

fn check(ctx: &Context, out: &mut Emitter) {
    if !civil_item_rules_apply(ctx) {
        return;
    }
    let p = ctx.patterns;
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        for s in &sentences {
            if is_negative(s.text) {
                continue;
            }
            if let Some((a, b)) = p.regexes(F, "range_liability").find(s.text) {
                if !has_amount(ctx, s.text) {
                    let phrase = &s.text[a..b];
                    out.push(ctx.diag(
                        &EX004,
                        ctx.span_in(s.para, s.start + a, s.start + b),
                        format!("“{phrase}”承担责任，未写明该范围的具体金额或执行标的"),
                    ));
                    break;
                }
            }
        }
    }
}
