//! Party identity (seed item 8): ID001–ID005.
//!
//! The rules read only the party lines the structure found (and each party's continuation
//! paragraphs up to the next party or representative line). Representatives' lines
//! (委托诉讼代理人, 法定代表人, 负责人, 法定代理人, 辩护人, 公诉机关 …) are never findings.

pub mod id006;

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
        let name_end = name_end(rest);
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
        // other registered numbers (注册号, 组织机构代码, 执业证号) are not identity numbers
        let ids: Vec<(usize, FoundId)> = paras
            .iter()
            .flat_map(|&i| {
                let text = ctx.text(i);
                idnum::find_person_ids(text)
                    .into_iter()
                    .filter(move |f| f.label.is_some() || !other_number_label(text, f.span.start))
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
        // a bare name (原告张有文。 / 被告：张庆丰，住…。) with no organisation word and no
        // representative line after it is a natural person; so is a foreign name
        let bare_person = !org_signal && (person_name_shape(bare) || foreign_name(bare));
        let kind = if person_signal && !org_name {
            PartyKind::Person
        } else if org_signal {
            PartyKind::Organisation
        } else if person_signal || bare_person {
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

/// Where the name of a party line ends: at the first comma, full stop or full-width space, or an
/// ASCII space that is not inside a Latin name (Tanaka Taro（田中太郎）is one name).
fn name_end(rest: &str) -> usize {
    let mut prev: Option<char> = None;
    let mut it = rest.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        match c {
            '，' | ',' | '。' | '；' | ';' | '\u{3000}' => return i,
            ' ' => {
                let next = it.peek().map(|(_, n)| *n);
                let latin =
                    |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphabetic() || x == '.');
                if !(latin(prev) && latin(next)) {
                    return i;
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    rest.len()
}

/// 2–4 Chinese characters (or a name with the middle dot of minority and transliterated names):
/// the shape of a person's name, not of an organisation's.
fn person_name_shape(name: &str) -> bool {
    let n = name.chars().count();
    let han = name
        .chars()
        .all(|c| ('\u{3400}'..='\u{9FFF}').contains(&c) || c == '·' || c == '•');
    han && (2..=4).contains(&n) || han && name.contains('·') && n <= 12
}

/// A name written in Latin letters (a foreigner's).
fn foreign_name(name: &str) -> bool {
    let latin = name.chars().filter(|c| c.is_ascii_alphabetic()).count();
    latin >= 2 && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Is the number at `at` labelled as another registered number (注册号, 组织机构代码, 执业证号,
/// 营业执照号 …), not an identity number?
fn other_number_label(text: &str, at: usize) -> bool {
    let before: String = text[..at]
        .chars()
        .rev()
        .take(10)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    [
        "注册号",
        "注册码",
        "组织机构代码",
        "机构代码",
        "执业证号",
        "执业证",
        "营业执照号",
        "营业执照",
        "登记号",
        "许可证号",
    ]
    .iter()
    .any(|w| before.contains(w))
}

/// A placeholder standing for a code or number (XXXXXXXXXXXXXXXXXX, ××, 某某): masking or a blank,
/// never a value to validate.
pub fn placeholder(value: &str) -> bool {
    let v: Vec<char> = value.chars().filter(|c| !c.is_whitespace()).collect();
    let mask = |c: &char| "Xx×＊*Ｘｘ某〇○_＿".contains(*c);
    if v.is_empty() {
        return false;
    }
    let masked = v.iter().filter(|c| mask(c)).count();
    masked == v.len() || (masked * 2 >= v.len() && masked >= 4)
}

/// Is the party a foreigner, or a resident of Hong Kong, Macao or Taiwan (whose substitute
/// documents ID001 accepts)? Returns the Chinese description for the message.
fn foreign_party(name: &str, line: &str) -> Option<&'static str> {
    if [
        "香港特别行政区居民",
        "澳门特别行政区居民",
        "台湾地区居民",
        "香港居民",
        "澳门居民",
        "台湾居民",
    ]
    .iter()
    .any(|w| line.contains(w))
    {
        return Some("港澳台居民");
    }
    let nationality =
        line.contains("国籍") && !line.contains("中国国籍") && !line.contains("中华人民共和国国籍");
    if foreign_name(name) || nationality || line.contains("外国人") {
        return Some("外籍当事人");
    }
    None
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
            let message = match foreign_party(p.name, ctx.text(p.para)) {
                Some("港澳台居民") => format!(
                    "港澳台居民当事人“{}”未载明港澳台居民居住证、来往内地（大陆）通行证或其他身份证件号码",
                    p.name
                ),
                Some(_) => format!(
                    "外籍当事人“{}”未载明护照或外国人永久居留身份证等身份证件号码",
                    p.name
                ),
                None => format!("自然人当事人“{}”未载明公民身份号码", p.name),
            };
            out.push(ctx.diag(&ID001, name_span(ctx, p), message));
        }
    }
}

fn check_id002(ctx: &Context, out: &mut Vec<Diagnostic>) {
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

fn check_id005(ctx: &Context, out: &mut Vec<Diagnostic>) {
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
    explain: "当事人为自然人的，生效裁判文书应当载明公民身份号码；外国人及港澳台居民可载明护照、港澳台居民居住证、来往内地通行证或外国人永久居留身份证号码。委托诉讼代理人、法定代表人、负责人、法定代理人、辩护人和公诉机关不是当事人，不检查。适用范围：所有文书（判决书、裁定书、调解书、决定书、通知书，民事、行政、刑事、执行、国家赔偿）的当事人行；只有名字的当事人行（原告张有文。）视为自然人；外国人、港澳台居民的提示指向护照、居住证、通行证等证件号码。",
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
    explain: "公民身份号码长度或字符错误、出生日期不存在、校验码不符合 GB 11643 MOD 11-2、仍为已停用的15位号码，或与同一行所载出生日期、性别矛盾，执行时身份验证无法通过。适用范围：所有文书的当事人行。注册号、组织机构代码、执业证号等其他登记号码不是身份号码，不报告；隐去或占位的号码由 ID005 报告。",
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
    explain: "当事人为企业法人或其他组织（公司、分公司、有字号的个体工商户、合作社、机关、事业单位等）的，应当载明统一社会信用代码。是否为组织，依当事人名称及其后的法定代表人、负责人、经营者行判断。适用范围：所有文书的当事人行。注册号、组织机构代码不能代替统一社会信用代码。",
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
    explain: "统一社会信用代码应为18位，字符集不含 I O Z S V，登记管理部门和机构类别代码有效，第18位为模31校验码。不符合的，执行时主体信息无法核验。第9至17位内嵌组织机构代码（GB 11714）的校验只在第18位校验码也不符时一并说明：第18位校验码正确的代码是照登记原样抄录的，不少实际发放的代码仅内嵌校验不通过，法院无从更正，故不单独报告。适用范围：所有文书的当事人行。占位符（XXXXXXXXXXXXXXXXXX、××）不是待校验的代码，由 ID005 报告。",
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
    explain: "文书原本中当事人姓名被隐名（王某、张某某）或身份号码、信用代码被部分隐去（5107**********0011），执行立案时身份验证无法通过。上网公布的文本应当隐去这些信息，因此本规则只在 draft 配置下检查。适用范围：draft 配置下所有文书的当事人行；占位符（统一社会信用代码XXXXXXXXXXXXXXXXXX、××）同样报告。",
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

    fn id_findings(parties: &str) -> Vec<(&'static str, String)> {
        use crate::{lint_bytes, Options};
        let text = format!("某某法院\n民事判决书\n（2024）川0703民初1号\n{parties}\n原告与被告纠纷一案，本院于2024年3月1日立案后进行了审理。\n本院认为，原告的请求不能成立。依照《中华人民共和国民事诉讼法》第六十七条之规定，判决如下：\n驳回原告的诉讼请求。\n案件受理费50元，由原告负担。\n审判员　　赵六\n二〇二四年五月六日\n书记员　　孙七");
        lint_bytes(text.as_bytes(), "t.txt", &Options::default())
            .findings
            .into_iter()
            .filter(|f| f.code.starts_with("ID"))
            .map(|f| (f.code, f.message))
            .collect()
    }

    #[test]
    fn bare_names_are_people_foreign_names_are_whole() {
        let f = id_findings("原告张有文。\n被告：张庆丰，住四川省绵阳市涪城区安昌路17号。");
        assert_eq!(f.iter().filter(|(c, _)| *c == "ID001").count(), 2, "{f:?}");
        // an organisation with a representative line is no person
        let f = id_findings("原告：张庆丰，住四川省绵阳市。\n被告：李家沟村民委员会，住所地某某县。\n负责人：王五，主任。");
        assert_eq!(
            f.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            ["ID001", "ID003"],
            "{f:?}"
        );
        let f = id_findings("原告：张有文，男，1980年1月1日出生，公民身份号码510703198001011232。\n被告：Tanaka Taro（田中太郎），男，1975年3月8日出生，日本国籍，住四川省绵阳市。");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].1.contains("Tanaka Taro（田中太郎）") && f[0].1.contains("护照"),
            "{}",
            f[0].1
        );
        let f = id_findings("原告：张有文，男，1980年1月1日出生，公民身份号码510703198001011232。\n被告：陈志明，男，1970年1月1日出生，香港特别行政区居民，住香港九龙。");
        assert!(
            f[0].1.contains("港澳台居民") && !f[0].1.contains("公民身份号码"),
            "{}",
            f[0].1
        );
    }

    #[test]
    fn placeholders_and_other_registered_numbers() {
        // a placeholder code is a blank (DR001 in a draft) or masking (ID005), never a code to
        // validate (ID004)
        let f = id_findings("原告：张有文，男，1980年1月1日出生，公民身份号码510703198001011232。\n被告：绵阳市某某印务有限公司，住所地绵阳市，统一社会信用代码XXXXXXXXXXXXXXXXXX。\n法定代表人：王五，经理。");
        assert!(
            f.iter().all(|(c, _)| *c != "ID004" && *c != "ID003"),
            "{f:?}"
        );
        let f = id_findings("原告：张有文，男，1980年1月1日出生，公民身份号码510703198001011232。\n被告：绵阳市某某纸业有限公司，住所地绵阳市，统一社会信用代码：××。\n法定代表人：王五，经理。");
        assert!(
            f.iter().all(|(c, _)| *c != "ID004" && *c != "ID003"),
            "{f:?}"
        );
        // 注册号 is not an identity number (no ID002), and does not replace the credit code (ID003)
        let f = id_findings("原告：张有文，男，1980年1月1日出生，公民身份号码510703198001011232。\n被告：南京市某某物流货运中心，注册号320121600623179，营业场所南京市。\n负责人：王五。");
        assert_eq!(
            f.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            ["ID003"],
            "{f:?}"
        );
        assert!(
            placeholder("XXXXXXXXXXXXXXXXXX")
                && placeholder("××")
                && placeholder("9151XXXXXXXXXXXXXX")
        );
        assert!(!placeholder("91510703MA6284QXX1"));
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
