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

use crate::rules::{Context, Family, Scope};
use crate::structure::Section;
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

pub use crate::structure::{foreign_name, Party, PartyKind};

static RE_MASKED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[\x{3400}-\x{9FFF}]{1,2}某{1,2}[甲乙丙丁戊己庚辛壬癸]?\d?|.*[×＊*Ｘ]{2,}.*|[\x{3400}-\x{9FFF}]{1,2}[×＊*Ｘ]{1,2})$").unwrap()
});

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
