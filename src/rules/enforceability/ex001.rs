//! EX001: Property division (seed item 10).

use super::*;
use crate::diagnostic::Severity;
use crate::rules::items::*;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section;
use crate::structure::Section::Ruling;

pub const EX001: Rule = Rule {
    code: "EX001",
    name: "UnidentifiedDivisionProperty",
    severity: Severity::Error,
    family: Family::Enforceability,
    default: Default::On,
    scope: CIVIL_ITEMS,
    summary: "Property-division ruling item leaves the property unidentified",
    message: "财产分割判项未列明具体财产",
    help: "逐项列明财产名称、数量、所在地或权属证号及归属，例如“位于××市××路××号的房屋（不动产权证号：……）归原告所有”",
    explain: "财产分割类判项（分割、归…所有、共同财产、共有、析产、各半）只写“共同财产”“其他财产”“家具家电”等概括名词，或写“依法分割”“协商分割”而不列明财产，执行时无法确定标的。本规则只检查判项，诉讼请求、答辩和本院认为中的同类表述不报告。适用范围：民事、行政案件的判决书、裁定书、调解书和国家赔偿决定书的判项；刑事文书（涉财产部分见 EX006）和执行机构的裁定、通知、决定（执行措施不是执行依据）不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "一、准予原告张明与被告李芳离婚；\n二、原告名下的存款归原告所有，其余夫妻共同财产由双方协商分割。")] }],
    good: &[
        Example { parts: &[(Ruling, "一、准予原告张明与被告李芳离婚；\n二、位于绵阳市涪城区临园路12号3栋2单元401号的房屋（不动产权证号：川（2020）绵阳市不动产权第0012345号）归原告所有；\n三、车牌号为川B12345的小型轿车一辆归被告所有。")] },
        Example { parts: &[(Section::Procedure, "原告张明与被告李芳离婚纠纷一案，本院于2024年3月15日立案后，公开开庭进行了审理。\n张明向本院提出诉讼请求：依法分割夫妻共同财产。"), (Ruling, "驳回原告张明的诉讼请求。")] },
    ],
};

pub const CHECK: Check = Check {
    rules: &[EX001],
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
        if !(p.keywords(F, "division").is_match(&item_text)
            || p.regexes(F, "division_re").is_match(&item_text))
        {
            continue;
        }
        let mut vague: Vec<Piece> = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        let mut identified_before = false;
        for s in &sentences {
            for c in split(s.para, s.text, CLAUSE).into_iter().map(|c| Piece {
                start: c.start + s.start,
                end: c.end + s.start,
                ..c
            }) {
                let generic = p.keywords(F, "generic_property").find(c.text);
                let deferral = p.keywords(F, "division_deferral").find(c.text);
                let refers_back = ["上述", "前述", "以上", "前列"]
                    .iter()
                    .any(|w| c.text.contains(w));
                if (generic.is_some() || deferral.is_some())
                    && !identified(ctx, c.text)
                    && !(refers_back && identified_before)
                {
                    for (_, _, w) in [generic, deferral].into_iter().flatten() {
                        if !words.contains(&w) {
                            words.push(w);
                        }
                    }
                    vague.push(c);
                } else if identified(ctx, c.text) {
                    identified_before = true;
                }
            }
        }
        if let Some(first) = vague.first() {
            let last = vague
                .iter()
                .rfind(|c| c.para == first.para)
                .unwrap_or(first);
            let sp = ctx.span_in(first.para, first.start, last.end);
            out.push(ctx.diag(
                &EX001,
                sp,
                format!("财产分割判项未列明具体财产：{} 无法据以执行", quote(&words)),
            ));
        }
    }
}
