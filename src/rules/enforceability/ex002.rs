//! EX002: Return / delivery (seed item 10).

use super::*;
use crate::diagnostic::Severity;
use crate::rules::items::*;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section::{self, Ruling};

pub const EX002: Rule = Rule {
    code: "EX002",
    name: "UnspecifiedReturnObject",
    severity: Severity::Error,
    family: Family::Enforceability,
    default: Default::On,
    scope: CIVIL_ITEMS,
    summary: "Return or delivery ruling item names a non-money object without quantity, model, identifier or location",
    message: "返还、交付类判项标的物不明确",
    help: "写明标的物的名称、数量、规格型号或编号、所在地（如“返还原告联想ThinkPad X1笔记本电脑一台（序列号：PF2ABC12）”；腾退房屋须写明详细地址）",
    explain: "返还、交付、退还、交还、归还、腾退类判项只写“财物”“货物及相关物品”“腾退房屋”等，未写明数量、型号/编号或地址，执行时无法确定交付对象。写明金额的金钱给付是具体的，不报告。特定物（房屋、车辆、机器设备、牲畜、艺术品）只写数量不够，须写明能区分它的型号、编号、车牌、地址或证号（“交付挖掘机一台”报告，“交付小松PC200-8型挖掘机一台（机身号……）”不报告）。适用范围：同 EX001。罚金、款项等金钱给付无论用“交付”“返还”何种动词都不是“物”。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明财物。")] }],
    good: &[
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明挖掘机一台（型号：三一SY75C，出厂编号：SY0751234）。")] },
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明货款30000元。")] },
    ],
};

pub const CHECK: Check = Check {
    rules: &[EX002],
    run: check,
};

fn check(ctx: &Context, out: &mut Emitter) {
    if !civil_item_rules_apply(ctx) {
        return;
    }
    let p = ctx.patterns;
    let criminal = is_criminal(ctx);
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        let mut hit: Option<(Piece, &str)> = None;
        for s in &sentences {
            if is_negative(s.text) {
                continue;
            }
            let Some((vs, ve, verb)) = p.keywords(F, "return").find(s.text) else {
                continue;
            };
            // criminal recovery/restitution is EX006's business
            if criminal && p.regexes(F, "confiscate_property").is_match(s.text) {
                continue;
            }
            let object = &s.text[ve..];
            let object_head = object.split(['，', ',']).next().unwrap_or(object);
            // a fine or other money order (罚金, 罚款, 上述款项) is money whatever the verb
            let money = p.keywords(F, "money_object").is_match(object_head)
                || ["罚金", "罚款", "款项", "价款", "欠款"]
                    .iter()
                    .any(|w| s.text[..vs].contains(w));
            if money || p.regexes(F, "reference").is_match(s.text) {
                continue;
            }
            // a specific object (特定物: house, vehicle, machine, animal, work of art) needs what
            // tells it apart, not only a count: 交付挖掘机一台 is not enough
            let specific_object = p.keywords(F, "specific_object").is_match(object_head);
            let told_apart = {
                let cleaned = RE_CASE_NO.replace_all(s.text, "");
                p.regexes(F, "identifier").is_match(&cleaned) || has_amount(ctx, &cleaned)
            };
            if if specific_object {
                told_apart
            } else {
                identified(ctx, s.text)
            } {
                continue;
            }
            // the identification may follow in the next sentence of the same item ("型号为…")
            let rest: String = sentences
                .iter()
                .filter(|o| o.start > s.start || o.para > s.para)
                .map(|o| o.text)
                .collect();
            if p.regexes(F, "identifier").is_match(&rest)
                && !p.keywords(F, "return").is_match(&rest)
            {
                continue;
            }
            hit = Some((*s, verb));
            break;
        }
        // a transfer of registration (过户, 转移登记) must identify what is transferred
        if hit.is_none() {
            // what a reference (上述房屋, 案涉车辆) points at: the ruling and the facts
            let context: String = (0..ctx.st.sections.len())
                .filter(|&i| {
                    matches!(
                        ctx.st.sections[i],
                        Section::Procedure | Section::Reasoning | Ruling
                    )
                })
                .map(|i| ctx.live_text(i))
                .collect();
            for s in &sentences {
                if is_negative(s.text) {
                    continue;
                }
                if let Some(missing) = super::transfer::transfer_lacks(p, s.text, &context) {
                    out.push(ctx.diag(
                        &EX002,
                        span(ctx, s),
                        format!(
                            "过户（转移登记）判项未写明{missing}：“{}”无法据以办理登记",
                            s.text.trim()
                        ),
                    ));
                    break;
                }
            }
            continue;
        }
        if let Some((s, verb)) = hit {
            out.push(ctx.diag(
                &EX002,
                span(ctx, &s),
                format!(
                    "“{verb}”判项未写明标的物的名称、数量、型号/编号或所在地：“{}”无法据以执行",
                    s.text.trim()
                ),
            ));
        }
    }
}
