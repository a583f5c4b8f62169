//! EX005: No deadline (seed item 10).

use super::*;
use crate::diagnostic::Severity;
use crate::rules::items::*;
use crate::rules::{
    CaseKind, Check, Context, Default, DocKind, Emitter, Example, Family, Rule, Scope, BOTH,
};
use crate::structure::Section;
use crate::structure::Section::{Ruling, Tail};

pub const EX005: Rule = Rule {
    code: "EX005",
    name: "PerformanceWithoutDeadline",
    severity: Severity::Warning,
    family: Family::Enforceability,
    default: Default::On,
    scope: Scope {
        sections: &[Section::Ruling, Section::Tail],
        cases: &[
            CaseKind::Civil,
            CaseKind::Administrative,
            CaseKind::StateCompensation,
            CaseKind::Criminal,
        ],
        documents: &[],
    },
    summary: "Payment or performance ruling item without a deadline",
    message: "给付或履行类判项未写明履行期限",
    help: "写明履行期限，如“于本判决生效之日起十日内”“于2024年7月15日前”或“立即”",
    explain: "给付、履行类判项没有履行期限，执行中无法确定何时可以申请强制执行、迟延履行利息从何时起算。从属于其他判项债务的判项（对前项债务承担连带责任）沿用前项期限，不报告。适用范围：民事、行政案件的判决书、裁定书、调解书和国家赔偿决定书的判项；刑事判决书只检查判处罚金是否写明缴纳期限（刑法第五十三条），罚金已缴纳、已预缴或由他项折抵的不报告；执行机构的裁定、通知、决定不适用（“被执行人负有继续履行债务的义务”是陈述，不是判项）。判项之后或最后一项中“上述款项/以上各项……于……内履行”统一写明的期限，适用于其前各项；调解、分期付款中的违约条款（若/如……未按期足额支付……可就全部未付款项申请强制执行）是前项的条件，不是新的给付。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司支付原告张明货款30000元。")] }],
    good: &[
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于2024年11月15日前支付原告张明货款30000元。")] },
        Example {
            parts: &[(Ruling, "一、被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元；\n二、王建国对第一项债务承担连带清偿责任。")],
        },
    ],
};

pub const CHECK: Check = Check {
    rules: &[EX005],
    run: check,
};

/// Paragraphs of the ruling and tail that state one deadline for several items (上述款项于本判决
/// 生效之日起十日内付清; 以上一、二项判决，于…偿清; 上述罚金于…缴纳): each covers the items
/// before it (and its own). The performance warning and the 迟延履行 notice are not such a
/// paragraph.
fn shared_deadlines(ctx: &Context) -> Vec<usize> {
    let p = ctx.patterns;
    (0..ctx.st.sections.len())
        .filter(|&i| matches!(ctx.st.sections[i], Ruling | Tail))
        .filter(|&i| {
            let t = ctx.live_text(i);
            let t = order_part(ctx, t);
            p.regexes(F, "collective").is_match(t)
                && p.regexes(F, "deadline").is_match(t)
                && !t.contains("迟延履行")
                && !t.contains("延迟履行")
                && !p.keywords(Family::Fees.pattern_file(), "fee").is_match(t)
                && find_warning(p, t).is_none()
        })
        .collect()
}

fn check(ctx: &Context, out: &mut Emitter) {
    if ctx.case_kind() == CaseKind::Execution {
        return;
    }
    let criminal = is_criminal(ctx);
    let p = ctx.patterns;
    let shared = shared_deadlines(ctx);
    for (number, sentences) in item_pieces(ctx, SENTENCE) {
        let Some(last_para) = sentences.iter().map(|s| s.para).max() else {
            continue;
        };
        // bracketed notes after the item (（刑期…。罚金于判决生效后十日内缴纳。）) belong to it
        let notes: String = ctx
            .st
            .items
            .iter()
            .filter(|it| it.number == number)
            .flat_map(|it| it.notes.iter())
            .map(|&i| ctx.live_text(i))
            .collect();
        // a deadline stated once after (or in) this item covers it
        if shared.iter().any(|&d| d >= last_para) {
            continue;
        }
        let orders: Vec<(&Piece, &str)> = sentences
            .iter()
            .map(|s| (s, order_part(ctx, s.text)))
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        let item_text: String = orders.iter().map(|(_, t)| *t).collect();
        if is_negative(&item_text)
            || p.regexes(F, "deadline").is_match(&item_text)
            || p.regexes(F, "deadline").is_match(&notes)
            || p.regexes(F, "attached").is_match(&item_text)
        {
            continue;
        }
        if criminal {
            // criminal judgments: a fine imposed (并处罚金…) needs its payment period (刑法
            // art. 53); rulings (核准, 减刑) only refer to fines imposed elsewhere
            if document_kind(ctx) != Some(DocKind::Judgment) {
                continue;
            }
            if let Some((s, _)) = orders
                .iter()
                .find(|(_, t)| p.regexes(F, "fine_imposed").is_match(t))
            {
                out.push(ctx.diag(
                    &EX005,
                    span(ctx, s),
                    "判处罚金未写明缴纳期限（刑法第五十三条：罚金在判决指定的期限内缴纳）",
                ));
            }
            continue;
        }
        if !civil_item_rules_apply(ctx) {
            continue;
        }
        // costs borne by a party are the fee paragraph's business
        if p.keywords(Family::Fees.pattern_file(), "fee")
            .is_match(&item_text)
            || item_text.contains("保全费")
        {
            continue;
        }
        let Some((s, t)) = orders.iter().find(|(_, t)| {
            p.keywords(F, "obligation").is_match(t)
                && !p.regexes(F, "debt_allocation").is_match(t)
                && !p.regexes(F, "statement").is_match(t)
        }) else {
            continue;
        };
        let verb = p
            .keywords(F, "obligation")
            .find(t)
            .map(|m| m.2)
            .unwrap_or("");
        out.push(ctx.diag(&EX005, span(ctx, s), format!("“{verb}”判项未写明履行期限")));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::enforceability::testing::*;

    #[test]
    fn a_deadline_stated_once_covers_the_items_before_it() {
        let ruling =
            "一、被告李四支付原告张三货款10000元；\n二、被告李四支付原告张三违约金1000元。";
        assert_eq!(ex(&doc(CIVIL, ruling, "")).len(), 2);
        for tail in [
            "上述款项，被告李四应于本判决生效之日起十日内履行完毕。",
            "以上一、二项判决，于本判决书生效后五日内偿清。",
            "上述第一至二项款项，义务人应于本判决生效之日起十日内付清。",
        ] {
            assert_eq!(ex(&doc(CIVIL, ruling, tail)), vec![], "{tail}");
        }
        // a deadline stated once in the last item covers it and the items before it
        let ruling = "一、被告李四支付原告张三货款10000元；\n二、被告李四支付原告张三违约金1000元，上述款项于本判决生效之日起十日内付清。";
        assert_eq!(ex(&doc(CIVIL, ruling, "")), vec![]);
        // …but not an item after it; and the warning's 生效后 is no deadline
        let ruling = "一、被告李四支付原告张三货款10000元，上述款项于本判决生效之日起十日内付清；\n二、被告李四支付原告张三违约金1000元。";
        assert_eq!(ex(&doc(CIVIL, ruling, "")).len(), 1);
        let warn =
            "本判决生效后，义务人应当自觉履行上述义务，逾期不履行的，权利人可以申请强制执行。";
        assert_eq!(
            ex(&doc(CIVIL, "被告李四支付原告张三货款10000元。", warn)).len(),
            1
        );
    }

    #[test]
    fn default_clauses_are_conditions_not_orders() {
        let ruling = "一、被告李四于2024年6月30日前支付原告张三5000元，于2024年9月30日前支付5000元；\n二、如被告李四未按期足额支付任何一期款项，原告张三可就全部未付款项申请强制执行，被告李四并应另行支付违约金2000元。";
        assert_eq!(ex(&doc(CIVIL, ruling, "")), vec![]);
        let ruling = "一、被告李四支付原告张三5000元；\n二、若被告李四未按约定支付，原告可就全部款项申请强制执行。";
        let got = ex(&doc(CIVIL, ruling, ""));
        assert_eq!(got.len(), 1);
        assert!(got[0].1.starts_with("一、"));
    }
}
