//! Enforceable ruling items (seed item 10): EX001–EX008, EX016, one file each.
//!
//! Every rule here looks only at the ruling items (判项) the structure found — claims, defences
//! and reasoning quote vague phrases all the time and are never findings. One finding per item
//! and code; the message names the vague parts. The items in pieces (sentences, clauses, without
//! labels and revoked text) come from [`crate::rules::items`]; this file holds what the EX rules
//! share: what identifies an object, and which documents the civil item rules apply to.

pub mod ex001;
pub mod ex002;
pub mod ex003;
pub mod ex004;
pub mod ex005;
pub mod ex006;
pub mod ex007;
pub mod ex008;
pub mod ex016;
pub mod transfer;

// EX009–EX015 (issue 12) and the sentence splitting they share
pub mod bracketed;
pub mod ex009;
pub mod ex010;
pub mod ex011;
pub mod ex012;
pub mod ex013;
pub mod ex014;
pub mod ex015;

use crate::rules::items::Piece;
use crate::rules::{CaseKind, Context, Family, Scope};
use crate::structure::Section;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub const SEED: &str = "第10项 裁判文书执行内容的明确性：判项、调解项必须明确具体、具有可执行性";
/// The pattern file of this family.
pub const F: &str = Family::Enforceability.pattern_file();

/// Where the civil item rules (EX001–EX004, EX007, EX016) apply: the ruling items of civil,
/// administrative and state-compensation documents (see [`civil_item_rules_apply`]).
pub const CIVIL_ITEMS: Scope = Scope {
    sections: &[Section::Ruling],
    cases: &[
        CaseKind::Civil,
        CaseKind::Administrative,
        CaseKind::StateCompensation,
    ],
    documents: &[],
};

pub fn span(ctx: &Context, p: &Piece) -> Range<usize> {
    ctx.span_in(p.para, p.start, p.end)
}

pub fn quote(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| format!("“{p}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// Case numbers ("（2014）旌刑初字第514号") name a case, not an object: they never identify one.
pub static RE_CASE_NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(〔\[]\s*(?:19|20)\d{2}\s*[）)〕\]][^，。；、]{0,30}?号(?:之[一二三四五六七八九十\d]+)?").unwrap()
});

/// Does the text identify an object: address/certificate/plate/serial/list, quantity, or amount?
pub fn identified(ctx: &Context, text: &str) -> bool {
    let p = ctx.patterns;
    let cleaned = RE_CASE_NO.replace_all(text, "");
    let text = cleaned.as_ref();
    p.regexes(F, "identifier").is_match(text)
        || p.regexes(F, "quantity").is_match(text)
        || p.regexes("common", "amount").is_match(text)
}

pub fn has_amount(ctx: &Context, text: &str) -> bool {
    ctx.patterns.regexes("common", "amount").is_match(text)
}

pub fn is_criminal(ctx: &Context) -> bool {
    ctx.case_kind() == CaseKind::Criminal
}

/// Do the civil item rules (EX001–EX005, EX007, EX016) apply? Judgments, rulings and mediation
/// documents of civil and administrative cases and state-compensation decisions: yes. Criminal
/// documents have EX006 (and EX005 for fines) instead; the execution agency's rulings, notices
/// and decisions carry out a title, they are not one (their measures are not orders to a party).
pub fn civil_item_rules_apply(ctx: &Context) -> bool {
    !is_criminal(ctx) && ctx.case_kind() != CaseKind::Execution
}

/// Compile this family's regexes now (see `crate::warm_up`).
pub(crate) fn warm() {
    LazyLock::force(&RE_CASE_NO);
    ex008::warm();
    bracketed::warm();
    ex009::warm();
    ex015::warm();
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers of the EX tests: a document with given ruling items, and its EX findings.
    use crate::{lint_bytes, Options};

    /// A civil judgment (or, with `kind`, another document) with these ruling items and tail.
    pub fn doc(header: &str, ruling: &str, tail: &str) -> String {
        format!("某某市某某区人民法院\n{header}\n原告：张三，男，1980年1月1日出生。\n被告：李四，男，1981年2月2日出生。\n原告张三与被告李四纠纷一案，本院于2024年3月1日立案后，依法适用简易程序公开开庭进行了审理。\n本院认为，原告的请求成立。依照《中华人民共和国民法典》第五百七十七条之规定，判决如下：\n{ruling}\n{tail}\n审判员　　赵六\n二〇二四年五月六日\n书记员　　孙七")
    }
    pub const CIVIL: &str = "民事判决书\n（2024）川0703民初88号";

    pub fn ex(text: &str) -> Vec<(&'static str, String)> {
        lint_bytes(text.as_bytes(), "t.txt", &Options::default())
            .findings
            .into_iter()
            .filter(|f| f.code.starts_with("EX"))
            .map(|f| (f.code, f.context))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;

    #[test]
    fn obligations_courts_write_need_deadlines() {
        for item in [
            "被告李四为原告张三补齐2021年至2023年的社会保险费。",
            "被告李四将原告张三的工作年限计入其人事档案。",
        ] {
            let got = ex(&doc(CIVIL, item, ""));
            assert_eq!(
                got.iter().filter(|(c, _)| *c == "EX005").count(),
                1,
                "{item}"
            );
        }
        // a specific object needs what tells it apart, not only a count
        let got = ex(&doc(
            CIVIL,
            "被告李四于本判决生效之日起十日内交付原告张三挖掘机一台。",
            "",
        ));
        assert_eq!(got.iter().map(|(c, _)| *c).collect::<Vec<_>>(), ["EX002"]);
        let got = ex(&doc(CIVIL, "被告李四于本判决生效之日起十日内交付原告张三小松PC200-8型挖掘机一台（机身号KMTPC123456）。", ""));
        assert_eq!(got, vec![]);
        let got = ex(&doc(
            CIVIL,
            "被告李四于本判决生效之日起十日内返还原告张三电脑三台。",
            "",
        ));
        assert_eq!(got, vec![]);
        // stopping an infringement needs the conduct
        let got = ex(&doc(CIVIL, "被告李四立即停止侵权行为。", ""));
        assert_eq!(got.iter().map(|(c, _)| *c).collect::<Vec<_>>(), ["EX003"]);
        let got = ex(&doc(
            CIVIL,
            "被告李四立即停止侵害原告张三著作权的行为，即停止在其经营场所放映《春江花月》。",
            "",
        ));
        assert_eq!(got, vec![]);
        // a fine (罚金) is money whatever the verb: never an EX002 "object"
        let crim = "刑事判决书\n（2024）川0703刑初88号";
        let got = ex(&doc(crim, "一、被告人李四犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元；\n（罚金于本判决生效后十日内交付。）", ""));
        assert_eq!(got, vec![]);
        // a criminal fine without any payment period is EX005
        let got = ex(&doc(
            crim,
            "被告人李四犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元。",
            "",
        ));
        assert_eq!(got.iter().map(|(c, _)| *c).collect::<Vec<_>>(), ["EX005"]);
        for paid in ["（罚金已缴纳。）", "（罚金已于判决前预缴。）"] {
            let ruling =
                format!("被告人李四犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元。\n{paid}");
            assert_eq!(ex(&doc(crim, &ruling, "")), vec![], "{paid}");
        }
        let got = ex(&doc(
            crim,
            "被告人李四犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元。",
            "上述罚金于本判决生效之日起十日内缴纳。",
        ));
        assert_eq!(got, vec![]);
    }

    #[test]
    fn revoked_items_are_no_items() {
        let ruling = "一、撤销某某区人民法院（2023）川0703民初1号民事判决第二项，即“二、李四支付张三违约金”；\n二、驳回张三的其他诉讼请求。";
        assert_eq!(ex(&doc(CIVIL, ruling, "")), vec![]);
    }
}
