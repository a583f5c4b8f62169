//! EX003: Restore / remove obstruction / stop infringement / demolish (seed item 10).

use super::*;
use crate::diagnostic::Severity;
use crate::rules::items::*;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section::Ruling;

pub const EX003: Rule = Rule {
    code: "EX003",
    name: "UnspecifiedRestorationScope",
    severity: Severity::Error,
    family: Family::Enforceability,
    default: Default::On,
    scope: CIVIL_ITEMS,
    summary: "Restore / remove-obstruction / demolish ruling item without the object's location and extent",
    message: "恢复原状、排除妨碍类判项未写明位置和范围",
    help: "写明标的物是什么、在哪里、多大、恢复到什么状态（如“拆除位于××村三组原告房屋东侧长10米、高2米的砖砌围墙”）",
    explain: "恢复原状、排除妨碍/妨害、停止侵害、消除危险、拆除类判项须写明标的物的位置及范围（尺寸、面积或应恢复到的状态），否则执行中无从确定拆除或恢复的对象。停止侵害、停止侵权须写明应当停止的具体行为（如“立即停止在其经营场所放映《……》”），只写“停止侵权行为”的报告。适用范围：同 EX001。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内将原告张明的房屋恢复原状。")] }],
    good: &[Example {
        parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内拆除其在绵阳市涪城区临园路12号院内东侧修建的长10米、高2米的砖砌围墙。")],
    }],
};

pub const CHECK: Check = Check {
    rules: &[EX003],
    run: check,
};

fn check(ctx: &Context, out: &mut Emitter) {
    if !civil_item_rules_apply(ctx) {
        return;
    }
    let p = ctx.patterns;
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        let item_text: String = sentences.iter().map(|s| s.text).collect();
        if is_negative(&item_text) {
            continue;
        }
        let Some(s) = sentences
            .iter()
            .find(|s| p.keywords(F, "restore").is_match(s.text))
        else {
            continue;
        };
        let verb = p
            .keywords(F, "restore")
            .find(s.text)
            .map(|m| m.2)
            .unwrap_or("");
        // 停止侵害/停止侵权: the specific conduct to stop (and the right), not a place and size
        if verb.starts_with("停止侵") {
            if !p.regexes(F, "infringing_conduct").is_match(&item_text) {
                out.push(ctx.diag(
                    &EX003,
                    span(ctx, s),
                    format!("“{verb}”判项未写明应当停止的具体行为（如生产、销售、放映何种产品或作品）及所涉权利，无法据以执行"),
                ));
            }
            continue;
        }
        let location = p.regexes(F, "location").is_match(&item_text)
            || p.regexes(F, "identifier").is_match(&item_text);
        let extent = p.regexes(F, "extent").is_match(&item_text)
            || p.regexes(F, "quantity").is_match(&item_text);
        let needs_extent = matches!(verb, "恢复原状" | "恢复原貌" | "拆除" | "消除危险");
        let mut missing = Vec::new();
        if !location {
            missing.push("位置");
        }
        if needs_extent && !extent {
            missing.push("范围（尺寸、面积或恢复到的状态）");
        }
        if !missing.is_empty() {
            out.push(ctx.diag(
                &EX003,
                span(ctx, s),
                format!(
                    "“{verb}”判项未写明标的物的{}，无法据以执行",
                    missing.join("和")
                ),
            ));
        }
    }
}
