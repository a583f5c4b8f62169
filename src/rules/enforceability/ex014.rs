//! EX014: a ruling item refers to a list or table that is not in the document.

use super::bracketed::*;
use crate::diagnostic::Severity;
use crate::rules::CaseKind;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section;
use crate::structure::Section::Ruling;
use crate::structure::Section::Tail;

pub const EX014: Rule = Rule {
    code: "EX014",
    name: "ReferencedListMissing",
    severity: Severity::Warning,
    family: Family::Enforceability,
    default: Default::On,
    scope: crate::rules::Scope {
        sections: &[Ruling, crate::structure::Section::Appendix],
        cases: &[
            crate::rules::CaseKind::Civil,
            crate::rules::CaseKind::Administrative,
            crate::rules::CaseKind::StateCompensation,
            crate::rules::CaseKind::Criminal,
        ],
        documents: &[],
    },
    summary: "A ruling item refers to a list or table that is not in the document",
    message: "判项引用的清单、附表未附在文书中",
    help: "将所引用的清单、附表附在文书之后（署名和日期之后，以“附：……清单”为题），或在判项中逐项写明",
    explain: "判项写“见附表”“按所附清单处理”“详见扣押清单”，而文书署名之后没有相应标题的清单或附表，执行时无从确定清单的内容（第10项：财物应写明名称、数量）。引用另一份文书（判决书、起诉书、合同）所附清单的不报告。警告级别：清单可能作为单独文件随文书送达。适用范围：民事、行政、刑事文书的判项；执行机构的裁定、通知、决定不适用。",
    seed: "第10项① 刑事涉财产部分：对已查封、扣押、冻结的财产应详细列明",
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明寄存的建材（详见附表）。")] }],
    good: &[Example {
        parts: &[
            (Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明寄存的建材（详见附表）。"),
            (Section::Appendix, "附表：返还建材清单\n1.螺纹钢HRB400，直径16毫米，5吨\n2.P.O42.5水泥，200袋"),
        ],
    }],
};

pub const CHECK: Check = Check {
    rules: &[EX014],
    run: check,
};

/// Is a list title (附：扣押物品清单, 附表) among the short paragraphs after paragraph `after`?
fn list_after(ctx: &Context, after: usize) -> bool {
    let p = ctx.patterns;
    (after + 1..ctx.doc.paragraphs.len()).any(|i| {
        let t = ctx.text(i).trim();
        t.chars().count() <= 40
            && matches!(
                ctx.st.sections[i],
                Section::Appendix | Section::Signature | Tail | Ruling
            )
            && p.regexes(FI, "list_title").is_match(t)
            && !p
                .regexes(FI, "list_reference")
                .is_match(t.trim_start_matches(['附', '：', ':']))
            || (t.chars().count() <= 40
                && ctx.st.sections[i] == Section::Appendix
                && (t.starts_with("附") || t.starts_with("清单")))
    })
}

fn check(ctx: &Context, out: &mut Emitter) {
    if ctx.case_kind() == CaseKind::Execution {
        return;
    }
    let p = ctx.patterns;
    for item in items(ctx) {
        let hit = item.sentences.iter().find_map(|s| {
            let (a, b) = p.regexes(FI, "list_reference").find(s.text)?;
            if p.regexes(FI, "other_document_list").is_match(s.text) {
                return None;
            }
            Some((*s, a, b))
        });
        let Some((s, a, b)) = hit else {
            continue;
        };
        if list_after(ctx, s.para) {
            continue;
        }
        out.push(ctx.diag(
            &EX014,
            ctx.span_in(s.para, s.start + a, s.start + b),
            format!(
                "判项引用的“{}”未附在文书中，执行中无从确定其内容",
                &s.text[a..b]
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::enforceability::bracketed::testing::*;

    #[test]
    fn referenced_lists_must_be_attached() {
        let ruling = "被告李四于本判决生效之日起十日内返还原告张三的货物（详见附表）。";
        assert!(fires("EX014", ruling));
        let attached = doc(CIVIL, ruling, "") + "\n附表：返还货物清单\n1.茶叶（明前龙井）20盒";
        assert!(codes_in(&attached, Profile::Draft, "EX014").is_empty());
        assert!(!fires(
            "EX014",
            "被告李四按（2023）川0703民初1号民事判决书所附清单返还原告张三的货物。"
        ));
    }
}
