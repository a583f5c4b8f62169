//! EX013: 赔礼道歉/消除影响/恢复名誉 without the form (medium or place, duration or content review).

use super::bracketed::*;
use super::{CIVIL_ITEMS, SEED};
use crate::diagnostic::Severity;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section::Ruling;

pub const EX013: Rule = Rule {
    code: "EX013",
    name: "ApologyWithoutForm",
    severity: Severity::Warning,
    family: Family::Enforceability,
    default: Default::On,
    scope: CIVIL_ITEMS,
    summary: "Apology / eliminate effects / restore reputation without the form (medium or place, length or content review, deadline)",
    message: "赔礼道歉、消除影响、恢复名誉判项未写明方式",
    help: "写明方式和期限，如“于本判决生效之日起十日内在《绵阳日报》上刊登致歉声明（内容须经本院审核），逾期不履行的，本院将在该报公布本判决主要内容，费用由被告负担”",
    explain: "判令赔礼道歉、消除影响、恢复名誉的，应写明以何种方式（书面、当面，或在何种媒体、场所）、多长时间（刊登或保留的期间）、内容是否经法院审核以及履行期限；只写“向原告赔礼道歉”，义务人拒不履行时执行法院无从替代履行（民法典第一千条：可以在报刊、网络等媒体上发布公告或者公布生效裁判文书，费用由行为人负担）。写明书面或当面道歉的，或在媒体上刊登且写明时长或内容审核的，不报告；期限缺失时一并指出。警告级别：部分法院以书面道歉为通行写法。适用范围：民事、行政案件的判决书、调解书的判项；刑事文书和执行机构的裁定不适用。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司向原告张明赔礼道歉。")] }],
    good: &[Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内在《绵阳日报》上刊登致歉声明，向原告张明赔礼道歉（内容须经本院审核）。")] }],
};

pub const CHECK: Check = Check {
    rules: &[EX013],
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
        let Some(s) = item
            .sentences
            .iter()
            .find(|s| p.keywords(FI, "apology").is_match(s.text) && !orders_nothing(s.text))
        else {
            continue;
        };
        let word = p
            .keywords(FI, "apology")
            .find(s.text)
            .map(|m| m.2)
            .unwrap_or("赔礼道歉");
        let manner = p.regexes(FI, "apology_manner").is_match(&item.text)
            || matches!(word, "书面道歉" | "登报道歉");
        let publication = p.keywords(FI, "apology_publication").is_match(&item.text);
        let detail = p.regexes(FI, "apology_detail").is_match(&item.text);
        let deadline = p.regexes(E, "deadline").is_match(&item.text)
            || shared_deadline_after(ctx, item.last_para);
        let mut missing = Vec::new();
        if !manner {
            missing.push("方式（书面、当面，或在何种媒体、场所）");
        }
        if manner && publication && !detail {
            missing.push("刊登的时长或内容须经法院审核");
        }
        if missing.is_empty() {
            continue;
        }
        if !deadline {
            missing.push("期限");
        }
        out.push(ctx.diag(
            &EX013,
            sentence_span(ctx, s),
            format!("“{word}”判项未写明{}，难以据以执行", missing.join("、")),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::enforceability::bracketed::testing::*;

    #[test]
    fn apology_needs_a_form() {
        assert!(fires("EX013", "被告李四向原告张三赔礼道歉。"));
        assert!(fires(
            "EX013",
            "被告李四于本判决生效之日起十日内在其微信公众号上发布致歉声明，为原告张三消除影响。"
        ));
        assert!(!fires(
            "EX013",
            "被告李四于本判决生效之日起十日内向原告张三书面赔礼道歉。"
        ));
        assert!(!fires("EX013", "被告李四于本判决生效之日起十日内在其微信公众号首页连续三十日刊登致歉声明，为原告张三消除影响（内容须经本院审核）。"));
        assert!(!fires(
            "EX013",
            "驳回原告张三要求被告李四赔礼道歉的诉讼请求。"
        ));
    }
}
