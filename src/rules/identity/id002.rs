//! ID002: an unusable identity number (seed item 8).

use super::*;
use crate::diagnostic::Severity;
use crate::idnum::{self, IdProblem};
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section::Parties;

pub const ID002: Rule = Rule {
    code: "ID002",
    name: "InvalidCitizenId",
    severity: Severity::Error,
    family: Family::Identity,
    default: Default::On,
    scope: PARTY_LINES,
    summary: "An identity number is present but unusable (length, check digit, birth date, sex, 15-digit form)",
    message: "公民身份号码无法使用",
    help: "核对公民身份号码：18位，出生日期真实且与所载出生日期一致，第17位奇数为男、偶数为女，校验码符合 GB 11643",
    explain: "公民身份号码长度或字符错误、出生日期不存在、校验码不符合 GB 11643 MOD 11-2、仍为已停用的15位号码，或与同一行所载出生日期、性别矛盾，执行时身份验证无法通过。适用范围：所有文书的当事人行。注册号、组织机构代码、执业证号等其他登记号码不是身份号码，不报告；隐去或占位的号码由 ID005 报告。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011233。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")],
    }],
    good: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")],
    }],
};

pub const CHECK: Check = Check {
    rules: &[ID002],
    run: check,
};

fn check(ctx: &Context, out: &mut Emitter) {
    for p in ctx.parties() {
        for (para, f) in &p.ids {
            if f.masked || placeholder(&f.raw) {
                continue; // ID005's business
            }
            let sp = ctx.span_in(*para, f.span.start, f.span.end);
            let shown = idnum::mask_for_log(&f.normalized);
            match f.validate() {
                Err(IdProblem::Masked) => {}
                Err(problem) => out.push(ctx.diag(
                    &ID002,
                    sp,
                    format!(
                        "“{}”的{}（{shown}）无法使用：{}",
                        p.name,
                        f.kind.name_zh(),
                        problem.message_zh()
                    ),
                )),
                Ok(Some(info)) => {
                    let line = ctx.text(p.para);
                    let contradictions = idnum::check_against_line(&info, line);
                    if !contradictions.is_empty() {
                        let why: Vec<String> =
                            contradictions.iter().map(|c| c.message_zh()).collect();
                        out.push(ctx.diag(
                            &ID002,
                            sp,
                            format!(
                                "“{}”的公民身份号码（{shown}）与本行所载信息矛盾：{}",
                                p.name,
                                why.join("；")
                            ),
                        ));
                    }
                }
                Ok(None) => {}
            }
        }
    }
}
