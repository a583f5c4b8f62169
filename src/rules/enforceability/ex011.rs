//! EX011: visitation (探望/探视) without time or frequency and handover.

use super::bracketed::*;
use super::{CIVIL_ITEMS, SEED};
use crate::diagnostic::Severity;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section::Ruling;

pub const EX011: Rule = Rule {
    code: "EX011",
    name: "VisitationUnspecified",
    severity: Severity::Error,
    family: Family::Enforceability,
    default: Default::On,
    scope: CIVIL_ITEMS,
    summary: "Visitation right without manner, time or frequency, and handover",
    message: "探望权判项未写明探望方式、时间和交接",
    help: "写明探望的时间和频次、方式及接送交接，如“原告每月第一、三周星期六上午9时到被告住所接走婚生子张小明，次日下午6时前送回”",
    explain: "判决或调解确定探望权的，应写明探望的方式、时间、地点和交接办法（法发〔2018〕9号），否则一方拒绝时执行机构无法确定应当协助的内容。只写“原告享有探望权”“探望方式由双方协商”的报告；写明每月/每周的时间、频次和接送交接（或在何处探望）的，不报告。中止探望的判项不属本规则。适用范围：民事判决书、裁定书、调解书的判项；刑事文书和执行机构的裁定不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example {
        parts: &[(Ruling, "一、准予原告张明与被告李芳离婚；\n二、婚生子张小明由被告李芳抚养，原告张明享有探望权，探望方式由双方协商。")],
    }],
    good: &[Example {
        parts: &[(Ruling, "一、准予原告张明与被告李芳离婚；\n二、婚生子张小明由被告李芳抚养；\n三、原告张明于每月第一、三周的星期六上午9时到被告李芳住所接走张小明探望，于次日下午6时前送回，被告李芳应予协助。")],
    }],
};

pub const CHECK: Check = Check {
    rules: &[EX011],
    run: check,
};

fn check(ctx: &Context, out: &mut Emitter) {
    if !civil(ctx) {
        return;
    }
    let p = ctx.patterns;
    for item in items(ctx) {
        if orders_nothing(&item.text) {
            continue;
        }
        let Some(s) = item
            .sentences
            .iter()
            .find(|s| p.keywords(FI, "visitation").is_match(s.text) && !s.text.contains("中止"))
        else {
            continue;
        };
        let time = p.regexes(FI, "visit_time").is_match(&item.text);
        let handover = p.regexes(FI, "visit_handover").is_match(&item.text);
        let deferred = p.regexes(FI, "visit_deferral").is_match(&item.text);
        let mut missing = Vec::new();
        if !time {
            missing.push("时间和频次");
        }
        if !handover {
            missing.push("方式及子女的接送交接");
        }
        if missing.is_empty() {
            continue;
        }
        let tail = if deferred {
            "（“由双方协商”不能据以执行）"
        } else {
            ""
        };
        out.push(ctx.diag(
            &EX011,
            sentence_span(ctx, s),
            format!("探望权判项未写明探望的{}{tail}", missing.join("、")),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::enforceability::bracketed::testing::*;

    #[test]
    fn visitation_needs_time_and_handover() {
        assert!(fires(
            "EX011",
            "婚生子张小明由被告李四抚养，原告张三享有探望权。"
        ));
        assert!(fires(
            "EX011",
            "原告张三每月可探望张小明两次，探视方式由双方协商。"
        ));
        assert!(!fires(
            "EX011",
            "原告张三于每月第一、三周的星期六上午9时到被告李四住所接走张小明，次日下午6时前送回。"
        ));
        assert!(!fires(
            "EX011",
            "原告张三每周星期日在被告李四住所探望张小明一次，每次不超过四小时。"
        ));
        assert!(!fires("EX011", "中止原告张三对张小明的探望。"));
    }
}
