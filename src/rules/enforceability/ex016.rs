//! EX016: Money without an amount (seed item 10).

use super::*;
use crate::diagnostic::Severity;
use crate::rules::items::*;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section::Ruling;

pub const EX016: Rule = Rule {
    code: "EX016",
    name: "MoneyWithoutAmount",
    severity: Severity::Error,
    family: Family::Enforceability,
    default: Default::On,
    scope: CIVIL_ITEMS,
    summary: "A payment or return of money with no amount and no computable formula",
    message: "金钱给付判项未写明金额",
    help: "写明给付的具体金额（如“返还原告借款本金50,000元及利息（以50,000元为基数，自2023年5月1日起按年利率6%计算至实际付清之日止）”），或明确引用本判决其他判项确定的款项（“上述第一项款项”）",
    explain: "判令支付、给付、偿还、赔偿、返还、退还金钱（借款本金、利息、货款、工资、律师费、损失等），判项及其引用的判项既没有金额，也没有可据以计算的基数、标准和期间的，执行法院无法确定应执行的数额（法发〔2018〕9号：给付金钱的应写明数额）。引用本判决其他判项确定的款项（上述款项、第一项确定的债务）、对他人债务承担连带或补充责任、写明计算方法的利息，不报告。适用范围：民事、行政案件的判决书、裁定书和调解书，国家赔偿决定书；刑事文书的财产判项见 EX006，执行机构的裁定、通知和决定不是执行依据，不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款及逾期付款利息。")] }],
    good: &[
        Example { parts: &[] },
        Example {
            parts: &[(Ruling, "一、被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元及逾期付款利息（以30000元为基数，自2024年3月1日起按一年期贷款市场报价利率计算至实际付清之日止）；\n二、王建国对上述第一项款项承担连带清偿责任。")],
        },
    ],
};

pub const CHECK: Check = Check {
    rules: &[EX016],
    run: check,
};

fn check(ctx: &Context, out: &mut Emitter) {
    if !civil_item_rules_apply(ctx) {
        return;
    }
    let p = ctx.patterns;
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        let orders: Vec<(&Piece, &str)> = sentences
            .iter()
            .map(|s| (s, order_part(ctx, s.text)))
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        let item_text: String = orders.iter().map(|(_, t)| *t).collect();
        if is_negative(&item_text)
            || has_amount(ctx, &item_text)
            || p.regexes(F, "attached").is_match(&item_text)
            || p.regexes(F, "formula").is_match(&item_text)
            || p.regexes(F, "collective").is_match(&item_text)
            || p.keywords(Family::Fees.pattern_file(), "fee")
                .is_match(&item_text)
            || p.regexes(F, "debt_allocation").is_match(&item_text)
            // a blank amount (保证金元) is EX012's finding
            || !super::ex012::blanks(p, &item_text).is_empty()
        {
            continue;
        }
        let hit = orders.iter().find_map(|(s, t)| {
            let (vs, ve, _) = p.keywords(F, "money_verb").find(t)?;
            p.keywords(F, "money_word").find(&t[ve..])?;
            let phrase: String = t[vs..].trim_end().chars().take(40).collect();
            Some((*s, phrase))
        });
        if let Some((s, phrase)) = hit {
            out.push(ctx.diag(
                &EX016,
                span(ctx, s),
                format!("金钱给付判项“{phrase}”未写明金额，也没有可据以计算的基数和标准，执行法院无法确定数额"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::enforceability::testing::*;

    #[test]
    fn money_needs_an_amount_ex016() {
        let tail = "";
        for vague in [
            "被告李四于本判决生效之日起十日内返还原告张三借款本金及利息。",
            "被告李四于本判决生效之日起十日内支付原告张三货款及逾期付款利息。",
            "被告李四于本判决生效之日起十日内支付原告张三律师费。",
        ] {
            let got = ex(&doc(CIVIL, vague, tail));
            assert_eq!(
                got.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
                ["EX016"],
                "{vague}"
            );
        }
        for ok in [
            "一、被告李四于本判决生效之日起十日内返还原告张三借款本金50000元及利息（以50000元为基数，自2023年5月1日起按年利率6%计算至实际付清之日止）；\n二、王五对上述第一项款项承担连带清偿责任。",
            "被告李四于本判决生效之日起十日内交付原告张三小松PC200-8型挖掘机一台（机身号KMTPC123456）。",
            "被告李四自2024年6月起每月20日前支付原告张三抚养费800元。",
        ] {
            assert!(!ex(&doc(CIVIL, ok, tail)).iter().any(|(c, _)| *c == "EX016"), "{ok}");
        }
        // criminal and execution documents are out of EX016's scope
        let crim = "刑事判决书\n（2024）川0703刑初88号";
        assert!(
            !ex(&doc(crim, "责令被告人李四退赔被害人张三经济损失。", tail))
                .iter()
                .any(|(c, _)| *c == "EX016")
        );
    }
}
