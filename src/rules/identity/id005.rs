//! ID005: a masked identifier or name in a draft (seed item 8).

use super::*;
use crate::diagnostic::Severity;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, DRAFT_ONLY};
use crate::structure::Section::Parties;

pub const ID005: Rule = Rule {
    code: "ID005",
    name: "MaskedIdentifierInDraft",
    severity: Severity::Warning,
    family: Family::Identity,
    default: Default::On,
    scope: PARTY_LINES,
    summary: "Draft: an identifier or name is masked, so identity verification will fail",
    message: "当事人身份信息被隐去",
    help: "签发的文书原本须载明完整的姓名和身份号码；隐名处理只用于上网公布的文本（--profile public）",
    explain: "文书原本中当事人姓名被隐名（王某、张某某）或身份号码、信用代码被部分隐去（5107**********0011），执行立案时身份验证无法通过。上网公布的文本应当隐去这些信息，因此本规则只在 draft 配置下检查。适用范围：draft 配置下所有文书的当事人行；占位符（统一社会信用代码XXXXXXXXXXXXXXXXXX、××）同样报告。",
    seed: SEED,
    profiles: DRAFT_ONLY,
    bad: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：5107**********1232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")],
    }],
    good: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")],
    }],
};

pub const CHECK: Check = Check {
    rules: &[ID005],
    run: check,
};

fn check(ctx: &Context, out: &mut Emitter) {
    for p in ctx.parties() {
        let masked_id = p
            .ids
            .iter()
            .map(|(i, f)| (i, f.span.clone(), f.masked || placeholder(&f.raw)))
            .chain(
                p.codes
                    .iter()
                    .map(|(i, c)| (i, c.span.clone(), c.masked || placeholder(&c.raw))),
            )
            .find(|x| x.2);
        if let Some((para, sp, _)) = masked_id {
            let value = &ctx.text(*para)[sp.start.min(sp.end)..sp.end];
            let message = if placeholder(value) {
                format!(
                    "“{}”的身份号码或信用代码是占位符“{}”，尚未填写真实号码，身份验证将无法通过",
                    p.name, value
                )
            } else {
                format!(
                    "“{}”的身份号码或信用代码被隐去部分字符，身份验证将无法通过",
                    p.name
                )
            };
            out.push(ctx.diag(&ID005, ctx.span_in(*para, sp.start, sp.end), message));
        } else if masked_name(p.name) {
            out.push(ctx.diag(
                &ID005,
                name_span(ctx, p),
                format!(
                    "当事人姓名/名称“{}”经过隐名处理，生效文书须载明真实姓名或名称",
                    p.name
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::identity::masked_name;

    #[test]
    fn masked_names() {
        assert!(masked_name("王某"));
        assert!(masked_name("张某某"));
        assert!(masked_name("徐某1"));
        assert!(masked_name("李××"));
        assert!(!masked_name("王建国"));
        assert!(!masked_name("绵阳市鑫源建材有限公司"));
    }
}
