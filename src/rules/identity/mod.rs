//! Party identity (seed item 8): ID001–ID005, one file each.
//!
//! The rules read only the party lines the structure found (and each party's continuation
//! paragraphs up to the next party or representative line). Representatives' lines
//! (委托诉讼代理人, 法定代表人, 负责人, 法定代理人, 辩护人, 公诉机关 …) are never findings. The
//! parties are classified once per document here ([`parties`], through `Context::parties`).

pub mod id001;
pub mod id002;
pub mod id003;
pub mod id004;
pub mod id005;
pub mod id006;

use crate::idnum::{self, FoundCode, FoundId};
use crate::rules::{Context, Family, Scope};
use crate::structure::Section::{self, Parties};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub const SEED: &str = "第8项 裁判文书当事人信息：自然人应当载明公民身份号码，企业法人或其他组织应当载明统一社会信用代码";
/// The pattern file of this family.
pub const F: &str = Family::Identity.pattern_file();

/// Where the ID rules look: the party lines of every kind of document.
pub const PARTY_LINES: Scope = Scope {
    sections: &[Section::Parties],
    cases: &[],
    documents: &[],
};

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

/// Compile this family's regexes now (see `crate::warm_up`).
pub(crate) fn warm() {
    LazyLock::force(&RE_ETHNIC);
    LazyLock::force(&RE_MASKED_NAME);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn id_findings(parties: &str) -> Vec<(&'static str, String)> {
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
}
