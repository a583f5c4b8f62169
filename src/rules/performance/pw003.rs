//! PW003: a civil judgment ordering a payment of money has no 迟延履行 notice.

use super::{delay_notices, SEED};
use crate::diagnostic::Severity;
use crate::rules::items::{first_obligation, is_civil_judgment, item_name};
use crate::rules::{
    CaseKind, Check, Context, Default, DocKind, Emitter, Example, Family, Rule, Scope, BOTH,
};
use crate::structure::Section;

pub const PW003: Rule = Rule {
    code: "PW003",
    name: "MissingDelayInterestNotice",
    severity: Severity::Warning,
    family: Family::Performance,
    default: Default::On,
    scope: Scope {
        sections: &[Section::Procedure, Section::Ruling, Section::Tail],
        cases: &[CaseKind::Civil],
        documents: &[DocKind::Judgment],
    },
    summary: "A civil judgment ordering payment of money has no delayed-performance (迟延履行) notice",
    message: "判项判令给付金钱，但未告知迟延履行的后果（加倍支付迟延履行期间的债务利息）",
    help: "在判项之后、诉讼费负担之前写明：“如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。”（条文序号按文书日期适用的民事诉讼法）",
    explain: "民事判决判令支付、给付、偿还、赔偿金钱的，应当告知义务人未按期履行时加倍支付迟延履行期间的债务利息，这是执行中计算迟延履行利息的依据，也是第7项“告知其拒不履行的法律责任和后果”的一部分。调解书不适用；只驳回上诉、维持原判的二审判决不适用。适用范围：民事判决书；调解书、裁定书，行政、刑事、执行和国家赔偿文书不适用。只驳回上诉、维持原判的不适用；维持原判决某一给付项、增加保证人对给付的责任的，适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example {
        parts: &[(
            Section::Tail,
            "案件受理费550元，由被告绵阳市鑫源建材有限公司负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
        )],
    }],
    good: &[
        Example { parts: &[] },
        Example {
            parts: &[
                (Section::Ruling, "驳回原告张明的诉讼请求。"),
                (Section::Tail, "案件受理费550元，由原告张明负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。"),
            ],
        },
    ],
};

pub const CHECK: Check = Check {
    rules: &[PW003],
    run: check,
};

fn check(ctx: &Context, out: &mut Emitter) {
    if !is_civil_judgment(ctx) {
        return;
    }
    let Some(obligation) = first_obligation(ctx, true) else {
        return;
    };
    if !delay_notices(ctx).is_empty() {
        return;
    }
    let anchor = ctx
        .st
        .in_section(Section::Tail)
        .next()
        .unwrap_or_else(|| ctx.absence_anchor());
    out.push(ctx.diag(
        &PW003,
        ctx.para_span(anchor),
        format!(
            "判项{}判令{}金钱，但判项后没有迟延履行告知（未按期履行给付金钱义务的，加倍支付迟延履行期间的债务利息）",
            item_name(obligation.item),
            obligation.verb
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::performance::testing::*;

    #[test]
    fn delay_notice_parsed_into_the_last_item_still_counts() {
        // "如不按…" has no tail landmark: the parser may keep it in the last item
        let ruling = "一、被告李四于本判决生效后十日内偿还原告张三借款10000元；\n二、驳回原告张三的其他诉讼请求。\n如不按本判决指定的期限履行给付金钱义务的，应当按照《中华人民共和国民事诉讼法》第二百五十三条的规定，加倍支付延迟履行期间的债务利息。";
        let c = codes(&judgment(ruling, FEE, DATE_2016, ""));
        assert!(!c.contains(&"PW003") && !c.contains(&"PW004"), "{c:?}");
    }

    #[test]
    fn revoked_payments_are_not_ordered_upheld_ones_are() {
        let quoted = "本院认为，一审判决部分不当。依照《中华人民共和国民事诉讼法》第一百七十七条之规定，判决如下：";
        let appeal = |ruling: &str| {
            judgment(ruling, FEE, DATE_2016, "")
                .replace("民事判决书\n（2016）川0703民初88号", "民事判决书\n（2016）川07民终88号")
                .replace(
                    "原告张三与被告李四民间借贷纠纷一案，本院于2016年3月1日立案后，依法适用简易程序公开开庭进行了审理。",
                    "上诉人李四因与被上诉人张三民间借贷纠纷一案，不服一审判决提起上诉。一审法院判决：一、李四于判决生效之日起十日内偿还张三借款10000元；二、李四支付张三违约金2000元。",
                )
                .replace("本院认为，借贷关系合法有效。依照《中华人民共和国合同法》第二百零六条之规定，判决如下：", quoted)
        };
        // only revoking a payment imposes nothing
        let c = codes(&appeal("一、撤销一审判决第二项，即“二、李四支付张三违约金2000元”；\n二、驳回张三的其他诉讼请求。"));
        assert!(!c.contains(&"PW001") && !c.contains(&"PW003"), "{c:?}");
        // upholding the payment item by its number orders that payment
        let c = codes(&appeal(
            "一、维持一审判决第一项；\n二、撤销一审判决第二项。",
        ));
        assert!(c.contains(&"PW001") && c.contains(&"PW003"), "{c:?}");
        // so does adding a guarantor's liability for the debt
        let c = codes(&appeal(
            "一、撤销一审判决第二项；\n二、王五对一审判决第一项确定的债务承担连带清偿责任。",
        ));
        assert!(c.contains(&"PW003"), "{c:?}");
    }

    #[test]
    fn pw003_needs_money() {
        // a name with 金 and a non-money return do not make a payment of money
        let ruling = "被告金某某于本判决生效后十日内返还原告张三电脑一台。";
        let c = codes(&judgment(ruling, FEE, DATE_2016, ""));
        assert!(!c.contains(&"PW003"), "{c:?}");
        assert!(c.contains(&"PW001"));
        // the amount may follow the verb in a later comma clause
        let ruling = "被告李四赔偿原告张三各项损失，共计12392.97元，于本判决生效后十日内付清。";
        assert!(codes(&judgment(ruling, FEE, DATE_2016, "")).contains(&"PW003"));
    }

    #[test]
    fn no_header_judgment_is_recognised_by_its_trigger() {
        let text = format!("原告：张三，男。\n被告：李四，男。\n原告张三与被告李四民间借贷纠纷一案，本院于2016年3月1日立案后进行了审理。\n本院认为，借贷关系合法有效。依照《中华人民共和国合同法》第二百零六条之规定，判决如下：\n{PAY}\n{FEE}\n审判员　　赵六\n{DATE_2016}\n书记员　　孙七");
        let c = codes(&text);
        assert!(c.contains(&"PW001") && c.contains(&"PW003"), "{c:?}");
    }
}
