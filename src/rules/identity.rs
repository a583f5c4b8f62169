//! Party identity (seed item 8): ID001–ID005.
//!
//! The rules read only the party lines the structure found (and each party's continuation
//! paragraphs up to the next party or representative line). Representatives' lines
//! (委托诉讼代理人, 法定代表人, 负责人, 法定代理人, 辩护人, 公诉机关 …) are never findings.

use super::{Context, Example, Rule, BOTH, DRAFT_ONLY};
use crate::diagnostic::{Diagnostic, Severity};
use crate::idnum::{self, FoundCode, FoundId, IdProblem, UsccProblem};
use crate::structure::Section::Parties;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const SEED: &str = "第8项 裁判文书当事人信息：自然人应当载明公民身份号码，企业法人或其他组织应当载明统一社会信用代码";
const F: &str = "identity";

/// Natural person, organisation, or not decidable from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyKind {
    Person,
    Organisation,
    Unknown,
}

/// A party (not a representative) with everything the ID rules need.
pub struct Party<'a> {
    /// The party line's paragraph.
    pub para: usize,
    /// Paragraphs of the party: its line and continuation lines (not representative lines).
    pub paras: Vec<usize>,
    /// The name as written, and its byte range in the party line.
    pub name: &'a str,
    pub name_range: Range<usize>,
    pub kind: PartyKind,
    /// Person ids and credit codes found in the party's paragraphs: (paragraph, found).
    pub ids: Vec<(usize, FoundId)>,
    pub codes: Vec<(usize, FoundCode)>,
}

static RE_ETHNIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\x{3400}-\x{9FFF}]{1,4}族(?:[，,。；;]|$)").unwrap());
static RE_MASKED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[\x{3400}-\x{9FFF}]{1,2}某{1,2}[甲乙丙丁戊己庚辛壬癸]?\d?|.*[×＊*Ｘ]{2,}.*|[\x{3400}-\x{9FFF}]{1,2}[×＊*Ｘ]{1,2})$").unwrap()
});

/// The parties of the document, classified.
pub fn parties<'a>(ctx: &Context<'a>) -> Vec<Party<'a>> {
    let st = ctx.st;
    let mut out = Vec::new();
    for (k, pl) in st.parties.iter().enumerate() {
        if pl.representative {
            continue;
        }
        let line = ctx.text(pl.para);
        let rest = &line[pl.prefix_len.min(line.len())..];
        let name_end = rest
            .find(['，', ',', '。', '；', ';', ' ', '\u{3000}'])
            .unwrap_or(rest.len());
        let mut name = &rest[..name_end];
        // "张记五金店（个体工商户）" → the name proper for the suffix check
        let bare = name.split(['（', '(']).next().unwrap_or(name);
        // continuation paragraphs: up to the next party or representative line
        let next_line = st.parties.get(k + 1).map(|p| p.para).unwrap_or_else(|| {
            ctx.section(Parties)
                .last()
                .map(|l| l + 1)
                .unwrap_or(pl.para + 1)
        });
        let paras: Vec<usize> = (pl.para..next_line.max(pl.para + 1))
            .filter(|i| ctx.st.sections.get(*i) == Some(&Parties))
            .collect();
        // the representatives that follow this party
        let reps: Vec<&str> = st.parties[k + 1..]
            .iter()
            .take_while(|p| p.representative)
            .map(|p| p.role.as_str())
            .collect();
        let ids: Vec<(usize, FoundId)> = paras
            .iter()
            .flat_map(|&i| {
                idnum::find_person_ids(ctx.text(i))
                    .into_iter()
                    .map(move |f| (i, f))
            })
            .collect();
        let codes: Vec<(usize, FoundCode)> = paras
            .iter()
            .flat_map(|&i| {
                idnum::find_credit_codes(ctx.text(i))
                    .into_iter()
                    .map(move |f| (i, f))
            })
            .collect();

        let suffixes = ctx.patterns.keywords(F, "organisation_suffix");
        let org_name = suffixes.words().iter().any(|w| bare.ends_with(w.as_str()))
            || ctx.patterns.keywords(F, "organisation_word").is_match(bare);
        let org_signal = org_name
            || !codes.is_empty()
            || reps.iter().any(|r| {
                matches!(
                    *r,
                    "法定代表人" | "负责人" | "经营者" | "代表人" | "诉讼代表人"
                )
            })
            || rest.contains("住所地");
        let person_signal = idnum::stated_sex(line).is_some()
            || line.contains("出生")
            || RE_ETHNIC.is_match(line)
            || ids.iter().any(|(_, f)| f.label.is_some());
        let kind = if person_signal && !org_name {
            PartyKind::Person
        } else if org_signal {
            PartyKind::Organisation
        } else if person_signal {
            PartyKind::Person
        } else {
            PartyKind::Unknown
        };
        if name.is_empty() {
            name = rest;
        }
        let name_start = pl.prefix_len.min(line.len());
        out.push(Party {
            para: pl.para,
            paras,
            name,
            name_range: name_start..name_start + name.len(),
            kind,
            ids,
            codes,
        });
    }
    out
}

fn name_span(ctx: &Context, p: &Party) -> Range<usize> {
    ctx.span_in(
        p.para,
        p.name_range.start,
        p.name_range.end.max(p.name_range.start + 1),
    )
}

/// The name is masked (王某, 张某某, 李××).
pub fn masked_name(name: &str) -> bool {
    RE_MASKED_NAME.is_match(name.trim())
}

// ---------------------------------------------------------------------------------------------

fn check_id001(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in ctx.parties() {
        if p.kind == PartyKind::Person && p.ids.is_empty() {
            out.push(ctx.diag(
                &ID001,
                name_span(ctx, &p),
                format!("自然人当事人“{}”未载明公民身份号码", p.name),
            ));
        }
    }
}

fn check_id002(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in ctx.parties() {
        for (para, f) in &p.ids {
            if f.masked {
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

fn check_id003(ctx: &Context, out: &mut Vec<Diagnostic>) {
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
                name_span(ctx, &p),
                format!("组织当事人“{}”未载明统一社会信用代码{old}", p.name),
            ));
        }
    }
}

fn check_id004(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in ctx.parties() {
        for (para, c) in &p.codes {
            if c.masked || c.kind != idnum::CodeKind::Uscc {
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

fn check_id005(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in ctx.parties() {
        let masked_id = p
            .ids
            .iter()
            .map(|(i, f)| (i, f.span.clone(), f.masked))
            .chain(p.codes.iter().map(|(i, c)| (i, c.span.clone(), c.masked)))
            .find(|x| x.2);
        if let Some((para, sp, _)) = masked_id {
            out.push(ctx.diag(
                &ID005,
                ctx.span_in(*para, sp.start, sp.end),
                format!(
                    "“{}”的身份号码或信用代码被隐去部分字符，身份验证将无法通过",
                    p.name
                ),
            ));
        } else if masked_name(p.name) {
            out.push(ctx.diag(
                &ID005,
                name_span(ctx, &p),
                format!(
                    "当事人姓名/名称“{}”经过隐名处理，生效文书须载明真实姓名或名称",
                    p.name
                ),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------

pub const ID001: Rule = Rule {
    code: "ID001",
    name: "MissingCitizenId",
    severity: Severity::Error,
    family: F,
    summary: "A natural-person party line carries no citizen identity number (or accepted substitute)",
    message: "自然人当事人未载明公民身份号码",
    help: "在当事人基本信息中写明公民身份号码（外国人、港澳台居民写明护照、居住证或通行证号码）",
    explain: "当事人为自然人的，生效裁判文书应当载明公民身份号码；外国人及港澳台居民可载明护照、港澳台居民居住证、来往内地通行证或外国人永久居留身份证号码。委托诉讼代理人、法定代表人、负责人、法定代理人、辩护人和公诉机关不是当事人，不检查。",
    seed: SEED,
    profiles: DRAFT_ONLY,
    bad: &[Example { parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")] }],
    good: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n委托诉讼代理人：刘强，四川涪城律师事务所律师。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。\n法定代表人：王建国，该公司总经理。")],
    }],
    check: check_id001,
};

pub const ID002: Rule = Rule {
    code: "ID002",
    name: "InvalidCitizenId",
    severity: Severity::Error,
    family: F,
    summary: "An identity number is present but unusable (length, check digit, birth date, sex, 15-digit form)",
    message: "公民身份号码无法使用",
    help: "核对公民身份号码：18位，出生日期真实且与所载出生日期一致，第17位奇数为男、偶数为女，校验码符合 GB 11643",
    explain: "公民身份号码长度或字符错误、出生日期不存在、校验码不符合 GB 11643 MOD 11-2、仍为已停用的15位号码，或与同一行所载出生日期、性别矛盾，执行时身份验证无法通过。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011233。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")],
    }],
    good: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")],
    }],
    check: check_id002,
};

pub const ID003: Rule = Rule {
    code: "ID003",
    name: "MissingCreditCode",
    severity: Severity::Error,
    family: F,
    summary: "An organisation party carries no unified social credit code",
    message: "组织当事人未载明统一社会信用代码",
    help: "写明统一社会信用代码（18位，如“统一社会信用代码：91510703MA6284QXX1”）",
    explain: "当事人为企业法人或其他组织（公司、分公司、有字号的个体工商户、合作社、机关、事业单位等）的，应当载明统一社会信用代码。是否为组织，依当事人名称及其后的法定代表人、负责人、经营者行判断。",
    seed: SEED,
    profiles: DRAFT_ONLY,
    bad: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号。\n法定代表人：王建国，该公司总经理。")],
    }],
    good: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。\n法定代表人：王建国，该公司总经理。")],
    }],
    check: check_id003,
};

pub const ID004: Rule = Rule {
    code: "ID004",
    name: "InvalidCreditCode",
    severity: Severity::Error,
    family: F,
    summary: "A unified social credit code fails GB 32100-2015",
    message: "统一社会信用代码不符合国家标准",
    help: "核对统一社会信用代码：18位，不含 I、O、Z、S、V，第18位校验码及第9—17位组织机构代码校验正确",
    explain: "统一社会信用代码应为18位，字符集不含 I O Z S V，登记管理部门和机构类别代码有效，第18位为模31校验码。不符合的，执行时主体信息无法核验。第9至17位内嵌组织机构代码（GB 11714）的校验只在第18位校验码也不符时一并说明：第18位校验码正确的代码是照登记原样抄录的，不少实际发放的代码仅内嵌校验不通过，法院无从更正，故不单独报告。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX2。")],
    }],
    good: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")],
    }],
    check: check_id004,
};

pub const ID005: Rule = Rule {
    code: "ID005",
    name: "MaskedIdentifierInDraft",
    severity: Severity::Warning,
    family: F,
    summary: "Draft: an identifier or name is masked, so identity verification will fail",
    message: "当事人身份信息被隐去",
    help: "签发的文书原本须载明完整的姓名和身份号码；隐名处理只用于上网公布的文本（--profile public）",
    explain: "文书原本中当事人姓名被隐名（王某、张某某）或身份号码、信用代码被部分隐去（5107**********0011），执行立案时身份验证无法通过。上网公布的文本应当隐去这些信息，因此本规则只在 draft 配置下检查。",
    seed: SEED,
    profiles: DRAFT_ONLY,
    bad: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：5107**********1232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")],
    }],
    good: &[Example {
        parts: &[(Parties, "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。")],
    }],
    check: check_id005,
};

pub static RULES: &[Rule] = &[ID001, ID002, ID003, ID004, ID005];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_names() {
        assert!(masked_name("王某"));
        assert!(masked_name("张某某"));
        assert!(masked_name("徐某1"));
        assert!(masked_name("李××"));
        assert!(!masked_name("王建国"));
        assert!(!masked_name("绵阳市鑫源建材有限公司"));
    }

    #[test]
    fn embedded_org_code_alone_is_not_reported() {
        use crate::idnum::validate_uscc;
        // the shared fixtures' codes: right mod-31 character, embedded GB 11714 check fails
        for code in ["91510703MA6284QX7W", "91510100MA61R2KX3C"] {
            assert!(
                matches!(validate_uscc(code), Err(UsccProblem::BadOrgCode { .. })),
                "{code}"
            );
        }
    }
}

/// Compile this module's regexes now (see `crate::warm_up`).
pub(crate) fn warm() {
    LazyLock::force(&RE_ETHNIC);
    LazyLock::force(&RE_MASKED_NAME);
}
