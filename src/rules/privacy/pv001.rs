//! PV001 (publication profile, 法释〔2016〕19号): personal identifiers still in a document that is
//! prepared for online publication.

use crate::diagnostic::Severity;
use crate::idnum;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, Scope, PUBLIC_ONLY};
use crate::structure::Section::{self, Appendix, Parties, Tail};

const F: &str = Family::Privacy.pattern_file();

pub const PV001: Rule = Rule {
    code: "PV001",
    name: "UnmaskedPersonalDataInPublicCopy",
    severity: Severity::Error,
    family: Family::Privacy,
    default: Default::On,
    scope: Scope {
        sections: &[],
        cases: &[],
        documents: &[],
    },
    summary: "Publication profile: an unmasked identity number, bank account or mobile number is still in the text",
    message: "上网公布文本含有未隐去的个人信息",
    help: "上网公布前隐去自然人的身份证件号码、银行账号、手机号码（如“5107**********0011”“139****5678”），或删除该信息",
    explain: "依照《最高人民法院关于人民法院在互联网公布裁判文书的规定》（法释〔2016〕19号），上网公布的裁判文书应当删除自然人的身份证件号码、银行账号、手机号码等个人信息。本规则只在 --profile public 下检查，全文检查，法院自身的收费账户不报告。适用范围：public 配置下的所有文书。",
    seed: "第8项（反面）：上网公布文本须隐去当事人身份信息（法释〔2016〕19号）",
    profiles: PUBLIC_ONLY,
    bad: &[Example {
        parts: &[(Parties, "原告：张某，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区，公民身份号码：510703198001011232，联系电话13912345678。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")],
    }],
    good: &[Example {
        parts: &[(Parties, "原告：张某，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")],
    }],
};

pub const CHECK: Check = Check {
    rules: &[PV001],
    run: check,
};

/// Is this account the court's own (fee payment instructions), not a person's?
fn court_account(ctx: &Context, para: usize) -> bool {
    let t = ctx.text(para);
    matches!(
        ctx.st.sections.get(para),
        Some(Tail) | Some(Appendix) | Some(Section::Signature)
    ) && ctx.patterns.keywords(F, "institution_account").is_match(t)
}

fn check(ctx: &Context, out: &mut Emitter) {
    for para in 0..ctx.doc.paragraphs.len() {
        let text = ctx.text(para);
        let mut spans: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        for f in idnum::find_person_ids(text) {
            if f.masked {
                continue;
            }
            // a bare digit run that fails validation is probably not an identity number
            if f.label.is_none() && f.validate().is_err() {
                continue;
            }
            spans.push((
                f.span.clone(),
                format!(
                    "{}（{}）未隐去",
                    f.kind.name_zh(),
                    idnum::mask_for_log(&f.normalized)
                ),
            ));
        }
        for ph in idnum::find_phone_numbers(text) {
            if !ph.masked
                && !spans
                    .iter()
                    .any(|(s, _)| s.start < ph.span.end && ph.span.start < s.end)
            {
                spans.push((
                    ph.span.clone(),
                    format!("手机号码（{}）未隐去", idnum::mask_for_log(&ph.normalized)),
                ));
            }
        }
        if !court_account(ctx, para) {
            for a in idnum::find_bank_accounts(text) {
                if !a.masked
                    && !spans
                        .iter()
                        .any(|(s, _)| s.start < a.span.end && a.span.start < s.end)
                {
                    spans.push((
                        a.span.clone(),
                        format!("银行账号（{}）未隐去", idnum::mask_for_log(&a.normalized)),
                    ));
                }
            }
        }
        for (sp, what) in spans {
            let section = ctx.st.sections.get(para).copied();
            let place = if section == Some(Parties) {
                "当事人信息中的"
            } else {
                ""
            };
            out.push(ctx.diag(
                &PV001,
                ctx.span_in(para, sp.start, sp.end),
                format!("上网公布文本{place}{what}"),
            ));
        }
    }
}
