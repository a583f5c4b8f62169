//! EX015: liability as a share, or joint liability, whose base is not fixed in the document.

use super::bracketed::*;
use super::{CIVIL_ITEMS, SEED};
use crate::diagnostic::Severity;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section::Ruling;
use regex::Regex;
use std::sync::LazyLock;

pub const EX015: Rule = Rule {
    code: "EX015",
    name: "LiabilityBaseNotFixed",
    severity: Severity::Warning,
    family: Family::Enforceability,
    default: Default::On,
    scope: CIVIL_ITEMS,
    summary: "Liability as a share, or joint liability, whose base is not fixed in the document",
    message: "按份或连带责任的基数不确定",
    help: "写明比例所适用的金额（“赔偿原告损失100,000元的30%，即30,000元”），或写明连带责任所及的判项和义务人（“对本判决第一项确定的借款本息承担连带清偿责任”）",
    explain: "按比例承担责任（承担百分之三十的赔偿责任）而判项中没有比例所适用的金额，执行法院无法计算应执行数额；“对上述债务承担连带责任”而前列判项既有金钱又有非金钱义务，或有多个义务人，责任范围不确定。对本判决某一项确定的款项承担一定比例（对第一项确定的借款本息承担50%）、对……不能清偿部分承担责任、判项本身写明金额的，都可确定，不报告。警告级别。适用范围：民事、行政案件的判决书、裁定书、调解书的判项；刑事文书和执行机构的裁定不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example {
        parts: &[(Ruling, "被告绵阳市鑫源建材有限公司对原告张明的各项损失承担百分之三十的赔偿责任。")],
    }],
    good: &[Example {
        parts: &[(Ruling, "一、被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元；\n二、王建国对被告绵阳市鑫源建材有限公司不能清偿部分承担百分之三十的补充赔偿责任。")],
    }],
};

pub const CHECK: Check = Check {
    rules: &[EX015],
    run: check,
};

static RE_SUBJECT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"于|应|在|自|向|将|对|支付|偿还|给付|赔偿|返还|交付|退还|腾退|拆除|协助|办理|继续|承担|共同|连带").unwrap()
});

/// The party an item orders (the text before its first verb or 于), if short enough to be one.
fn debtor(text: &str) -> Option<String> {
    let m = RE_SUBJECT_END.find(text)?;
    let s = text[..m.start()].trim();
    let s = s.trim_start_matches("由");
    (!s.is_empty() && s.chars().count() <= 40).then(|| {
        s.trim_start_matches(['被', '原'])
            .trim_start_matches(['告', '诉'])
            .to_string()
    })
}

fn check(ctx: &Context, out: &mut Emitter) {
    if !civil(ctx) {
        return;
    }
    let p = ctx.patterns;
    let all = items(ctx);
    for (idx, item) in all.iter().enumerate() {
        if orders_nothing(&item.text) || p.keywords("fees", "fee").is_match(&item.text) {
            continue;
        }
        for s in &item.sentences {
            let t = s.text;
            let based = p.regexes(FI, "share_base").is_match(t);
            if p.regexes(FI, "share").is_match(t) {
                if !based && !p.regexes("common", "amount").is_match(&item.text) {
                    out.push(ctx.diag(
                        &EX015,
                        sentence_span(ctx, s),
                        "按比例承担责任的判项未写明比例所适用的金额（损失或债务总额），执行法院无法计算应执行的数额",
                    ));
                    break;
                }
                continue;
            }
            let Some((j, _)) = p.regexes(FI, "joint").find(t) else {
                continue;
            };
            if based {
                continue;
            }
            let referent = &t[..j];
            let money_referent = ["款项", "欠款", "借款", "货款", "本息", "金钱", "给付金钱"]
                .iter()
                .any(|w| referent.contains(w));
            let earlier: Vec<&Item> = all[..idx]
                .iter()
                .filter(|it| !orders_nothing(&it.text))
                .collect();
            if earlier.is_empty() {
                continue;
            }
            let own = debtor(t);
            // whose debt: a named debtor narrows the earlier items to theirs
            let debtors: Vec<(String, &Item)> = earlier
                .iter()
                .filter_map(|it| debtor(&it.text).map(|d| (d, *it)))
                .filter(|(d, _)| Some(d) != own.as_ref())
                .collect();
            let named: Vec<&(String, &Item)> = debtors
                .iter()
                .filter(|(d, _)| d.chars().count() >= 2 && referent.contains(d.as_str()))
                .collect();
            let scope: Vec<&Item> = if named.is_empty() {
                earlier.clone()
            } else {
                named.iter().map(|(_, it)| *it).collect()
            };
            let mut distinct: Vec<&str> = Vec::new();
            if named.is_empty() {
                for (d, _) in &debtors {
                    if !distinct.contains(&d.as_str()) {
                        distinct.push(d);
                    }
                }
            }
            let non_money = !money_referent
                && scope
                    .iter()
                    .any(|it| p.regexes(FI, "non_money").is_match(&it.text));
            let mut why = Vec::new();
            if non_money {
                why.push("前列判项包含非金钱给付义务");
            }
            if distinct.len() >= 2 {
                why.push("前列判项有多个义务人");
            }
            if !why.is_empty() {
                out.push(ctx.diag(
                    &EX015,
                    sentence_span(ctx, s),
                    format!(
                        "连带/补充责任判项未写明对哪一项、哪一义务人的哪部分债务承担责任（{}），责任范围无法确定",
                        why.join("，")
                    ),
                ));
                break;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
/// Compile this rule's regexes now (see `crate::warm_up`).
pub(crate) fn warm() {
    LazyLock::force(&RE_SUBJECT_END);
}

#[cfg(test)]
mod tests {
    use crate::rules::enforceability::bracketed::testing::*;

    #[test]
    fn shares_and_joint_liability_need_a_base() {
        assert!(fires(
            "EX015",
            "被告李四承担原告张三损失百分之三十的赔偿责任。"
        ));
        assert!(!fires(
            "EX015",
            "被告李四赔偿原告张三损失100000元的30%，即30000元。"
        ));
        assert!(!fires("EX015", "一、被告李四于本判决生效之日起十日内偿还原告张三借款50000元；\n二、王五对本判决第一项确定的借款本息承担50%的赔偿责任。"));
        assert!(!fires("EX015", "一、被告李四于本判决生效之日起十日内偿还原告张三借款50000元；\n二、王五对被告李四不能清偿部分承担30%的补充赔偿责任。"));
        // 上述债务 after a money item and a non-money item
        assert!(fires("EX015", "一、被告李四于本判决生效之日起十日内偿还原告张三借款50000元；\n二、被告李四于本判决生效之日起三十日内腾退位于某某市某某区临园路12号的房屋；\n三、王五对上述债务承担连带责任。"));
        // 上述债务 of several debtors
        assert!(fires("EX015", "一、被告李四于本判决生效之日起十日内偿还原告张三借款50000元；\n二、被告赵七于本判决生效之日起十日内偿还原告张三借款30000元；\n三、王五对上述债务承担连带清偿责任。"));
        // one money debt of one debtor: 上述债务 is determinable
        assert!(!fires("EX015", "一、被告李四于本判决生效之日起十日内偿还原告张三借款50000元；\n二、王五对上述债务承担连带清偿责任。"));
        // naming the debtor narrows it
        assert!(!fires("EX015", "一、被告李四于本判决生效之日起十日内偿还原告张三借款50000元；\n二、被告赵七于本判决生效之日起十日内偿还原告张三借款30000元；\n三、王五对被告李四的上述债务承担连带清偿责任。"));
    }
}
