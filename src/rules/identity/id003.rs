//! ID003: an organisation party without a unified social credit code (seed item 8).

use super::*;
use crate::diagnostic::Severity;
use crate::idnum::{self};
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, DRAFT_ONLY};
use crate::structure::Section::Parties;

pub const ID003: Rule = Rule {
    code: "ID003",
    name: "MissingCreditCode",
    severity: Severity::Error,
    family: Family::Identity,
    default: Default::On,
    scope: PARTY_LINES,
    summary: "An organisation party carries no unified social credit code",
    message: "组织当事人未载明统一社会信用代码",
    help: "写明统一社会信用代码（18位，如“统一社会信用代码：91510703MA6284QXX1”）",
    explain: "当事人为企业法人或其他组织（公司、分公司、有字号的个体工商户、合作社、机关、事业单位等）的，应当载明统一社会信用代码。是否为组织，依当事人名称及其后的法定代表人、负责人、经营者行判断。适用范围：所有文书的当事人行。注册号、组织机构代码不能代替统一社会信用代码。",
    seed: SEED,
    profiles: DRAFT_ONLY,
    bad: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号。\n法定代表人：王建国，该公司总经理。")],
    }],
    good: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。\n法定代表人：王建国，该公司总经理。")],
    }],
};

pub const CHECK: Check = Check {
    rules: &[ID003],
    run: check,
};

fn check(ctx: &Context, out: &mut Emitter) {
    for p in ctx.parties() {
        if p.kind != PartyKind::Organisation {
            continue;
        }
        let has_uscc = p.codes.iter().any(|(_, c)| c.kind == idnum::CodeKind::Uscc);
        if !has_uscc {
            let old = if p.codes.is_empty() {
                ""
            } else {
                "（仅有已停用的组织机构代码）"
            };
            out.push(ctx.diag(
                &ID003,
                name_span(ctx, p),
                format!("组织当事人“{}”未载明统一社会信用代码{old}", p.name),
            ));
        }
    }
}
