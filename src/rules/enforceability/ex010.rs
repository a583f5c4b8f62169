//! EX010: 继续履行 a contract without what is to be performed, by when and how.

use super::bracketed::*;
use super::{CIVIL_ITEMS, SEED};
use crate::diagnostic::Severity;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section::Ruling;

pub const EX010: Rule = Rule {
    code: "EX010",
    name: "ContinuedPerformanceUnspecified",
    severity: Severity::Error,
    family: Family::Enforceability,
    default: Default::On,
    scope: CIVIL_ITEMS,
    summary: "Continued performance of a contract without what is to be performed, by when and how",
    message: "继续履行判项未写明履行内容、期限和方式",
    help: "写明继续履行的具体义务、期限和方式，如“被告于本判决生效之日起三十日内协助原告办理位于……房屋（不动产权证号：……）的转移登记手续”",
    explain: "判令继续履行合同的，应写明继续履行的内容和方式（法发〔2018〕9号），即谁在何时以何种方式完成何种给付：交付何物、支付多少、办理何种手续。只写“继续履行《房屋买卖合同》”，执行机构无从知道应当强制执行什么。判项中另写有具体给付（支付……元、交付……、协助办理……登记手续）和期限的，不报告。适用范围：民事、行政案件的判决书、裁定书、调解书的判项；刑事文书和执行机构的裁定不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "原告张明与被告绵阳市鑫源建材有限公司继续履行双方于2023年5月10日签订的《建材供货合同》。")] }],
    good: &[Example { parts: &[(Ruling, "原告张明与被告绵阳市鑫源建材有限公司继续履行双方于2023年5月10日签订的《建材供货合同》，被告于本判决生效之日起十五日内向原告交付C30商品混凝土200立方米，原告于收货之日起十日内支付货款30000元。")] }],
};

pub const CHECK: Check = Check {
    rules: &[EX010],
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
        let Some(s) = item.sentences.iter().find(|s| {
            p.keywords(FI, "continue")
                .find_iter(s.text)
                .any(|(a, _, _)| {
                    let before: String = s.text[..a].chars().rev().take(3).collect();
                    !["不", "无", "停止", "终止", "拒绝"]
                        .iter()
                        .any(|w| before.contains(&w.chars().rev().collect::<String>()))
                })
        }) else {
            continue;
        };
        let what = p.regexes(FI, "performance_act").is_match(&item.text);
        let when = p.regexes(E, "deadline").is_match(&item.text)
            || shared_deadline_after(ctx, item.last_para);
        let mut missing = Vec::new();
        if !what {
            missing.push("应当履行的具体内容（交付什么、支付多少、办理何种手续）及方式");
        }
        if !when {
            missing.push("履行期限");
        }
        if !missing.is_empty() {
            out.push(ctx.diag(
                &EX010,
                sentence_span(ctx, s),
                format!("“继续履行”判项未写明{}，无法据以执行", missing.join("和")),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::enforceability::bracketed::testing::*;

    #[test]
    fn continued_performance_needs_content_and_deadline() {
        assert!(fires(
            "EX010",
            "原告张三与被告李四继续履行双方签订的《房屋买卖合同》。"
        ));
        assert!(fires(
            "EX010",
            "被告李四继续履行与原告张三签订的《房屋买卖合同》，于本判决生效之日起三十日内履行。"
        ));
        assert!(!fires("EX010", "被告李四继续履行与原告张三签订的《房屋买卖合同》，于本判决生效之日起三十日内协助原告张三办理位于某某市某某区临园路12号房屋的过户登记手续。"));
        assert!(!fires(
            "EX010",
            "解除原告张三与被告李四签订的《房屋买卖合同》，双方不再继续履行。"
        ));
        assert!(!fires(
            "EX010",
            "驳回原告张三要求被告李四继续履行合同的诉讼请求。"
        ));
    }
}
