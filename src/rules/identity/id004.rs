//! ID004: a credit code that fails GB 32100-2015 (seed item 8).

use super::*;
use crate::diagnostic::Severity;
use crate::idnum::{self, UsccProblem};
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section::Parties;

pub const ID004: Rule = Rule {
    code: "ID004",
    name: "InvalidCreditCode",
    severity: Severity::Error,
    family: Family::Identity,
    default: Default::On,
    scope: PARTY_LINES,
    summary: "A unified social credit code fails GB 32100-2015",
    message: "统一社会信用代码不符合国家标准",
    help: "核对统一社会信用代码：18位，不含 I、O、Z、S、V，第18位校验码及第9—17位组织机构代码校验正确",
    explain: "统一社会信用代码应为18位，字符集不含 I O Z S V，登记管理部门和机构类别代码有效，第18位为模31校验码。不符合的，执行时主体信息无法核验。第9至17位内嵌组织机构代码（GB 11714）的校验只在第18位校验码也不符时一并说明：第18位校验码正确的代码是照登记原样抄录的，不少实际发放的代码仅内嵌校验不通过，法院无从更正，故不单独报告。适用范围：所有文书的当事人行。占位符（XXXXXXXXXXXXXXXXXX、××）不是待校验的代码，由 ID005 报告。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX2。")],
    }],
    good: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")],
    }],
};

pub const CHECK: Check = Check {
    rules: &[ID004],
    run: check,
};

fn check(ctx: &Context, out: &mut Emitter) {
    for p in ctx.parties() {
        for (para, c) in &p.codes {
            if c.masked || placeholder(&c.raw) || c.kind != idnum::CodeKind::Uscc {
                continue;
            }
            let problem = match c.validate() {
                Ok(()) => continue,
                // The mod-31 check character is right, so the code was copied as issued (mod 31
                // catches every single-character change); only the embedded GB 11714 check of
                // characters 9–17 fails. Many codes in circulation — the shared reading fixtures'
                // among them — are like this, and a court can't correct an issued code: reporting
                // them would bury real errors. `idnum::validate_uscc` still reports it.
                Err(UsccProblem::BadOrgCode { .. }) => continue,
                Err(UsccProblem::Masked) => continue,
                Err(problem) => problem,
            };
            let sp = ctx.span_in(*para, c.span.start, c.span.end);
            out.push(ctx.diag(
                &ID004,
                sp,
                format!(
                    "“{}”的统一社会信用代码（{}）不符合 GB 32100-2015：{}",
                    p.name,
                    idnum::mask_for_log(&c.normalized),
                    problem.message_zh()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_org_code_alone_is_not_reported() {
        use crate::idnum::{validate_uscc, UsccProblem};
        // the shared fixtures' codes: right mod-31 character, embedded GB 11714 check fails
        for code in ["91510703MA6284QX7W", "91510100MA61R2KX3C"] {
            assert!(
                matches!(validate_uscc(code), Err(UsccProblem::BadOrgCode { .. })),
                "{code}"
            );
        }
    }
}
