//! EX007: Distribution plan deferred to the execution agency (seed item 10).

use super::*;
use crate::diagnostic::Severity;
use crate::rules::items::*;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section::Ruling;

pub const EX007: Rule = Rule {
    code: "EX007",
    name: "DistributionDeferredToExecution",
    severity: Severity::Error,
    family: Family::Enforceability,
    default: Default::On,
    scope: CIVIL_ITEMS,
    summary: "Distribution-plan objection judgment only orders the execution agency to redo the plan",
    message: "分配方案异议之诉判项未确定分配顺序和数额",
    help: "异议理由成立的，判决写明异议人参与分配的顺序及本案分配方案中应分配的数额；理由不成立的，判决驳回诉讼请求",
    explain: "分配方案异议之诉中，异议人理由成立的，应对其参与分配的顺序、应分配数额作出判决，不得仅判决由执行机构重新作出分配方案。适用范围：同 EX001。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "一、撤销本院（2023）川0703执123号执行案件分配方案；\n二、由本院执行机构重新制作分配方案。")] }],
    good: &[Example {
        parts: &[(Ruling, "一、变更本院（2023）川0703执123号执行案件分配方案，原告张明按普通债权参与分配；\n二、原告张明在该分配方案中应分配数额为人民币56000元。")],
    }],
};

pub const CHECK: Check = Check {
    rules: &[EX007],
    run: check,
};

fn check(ctx: &Context, out: &mut Emitter) {
    if !civil_item_rules_apply(ctx) {
        return;
    }
    let p = ctx.patterns;
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        if let Some(s) = sentences
            .iter()
            .find(|s| p.regexes(F, "redo_distribution").is_match(s.text))
        {
            out.push(ctx.diag(&EX007, span(ctx, s), "分配方案异议之诉判项仅要求执行机构重新制作分配方案，未对异议人的分配顺序和应分配数额作出判决"));
        }
    }
}
