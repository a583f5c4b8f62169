//! Performance rules, seed item 7 (履行义务提前告知、警示):
//!
//! * PW001 — a civil or administrative 判决书 or a 调解书 whose ruling imposes an obligation has
//!   no voluntary-performance warning; PW002 — the warning exists but not in the tail before the
//!   signature block (one check decides both, [`pw001`]);
//! * PW003 — a civil 判决书 ordering a payment of money has no 迟延履行 notice;
//! * PW004 — the 迟延履行 notice cites the wrong article of the Civil Procedure Law for the
//!   document's date (the table of articles is data: `[delay_article:table]`).
//!
//! The warning is recognised by meaning, not by one sentence: an *urge* to perform together with
//! a *consequence* (a default condition and a sanction), see [`items::find_warning`]. All
//! vocabulary is in `patterns/performance.txt`; the rule files decide where to look and what
//! applies.

pub mod pw001;
pub mod pw003;
pub mod pw004;

#[allow(unused_imports)]
use crate::rules::items;
use crate::rules::{Context, Family};
use crate::structure::Section;
use std::ops::Range;

/// The seed item of this family.
pub const SEED: &str = "第7项 履行义务提前告知、警示";

/// Paragraphs before the signature that carry the 迟延履行 notice: (paragraph, match range).
/// The ruling is included because a notice without a tail landmark is sometimes parsed as part
/// of the last item.
pub fn delay_notices(ctx: &Context) -> Vec<(usize, Range<usize>)> {
    let re = ctx
        .patterns
        .regexes(Family::Performance.pattern_file(), "delay_notice");
    (0..ctx.st.sections.len())
        .filter(|&i| matches!(ctx.st.sections[i], Section::Ruling | Section::Tail))
        .filter_map(|i| re.find(ctx.text(i)).map(|(s, e)| (i, s..e)))
        .collect()
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers of the PW tests: a civil judgment to vary, and its findings.
    use crate::patterns::Patterns;
    use crate::{lint_bytes, Options};

    pub fn codes(text: &str) -> Vec<&'static str> {
        let rep = lint_bytes(text.as_bytes(), "t.txt", &Options::default());
        assert!(rep.error.is_none(), "{:?}", rep.error);
        rep.findings
            .iter()
            .map(|f| f.code)
            .filter(|c| c.starts_with("PW") || c.starts_with("FE"))
            .collect()
    }

    pub fn findings(text: &str) -> Vec<crate::Finding> {
        // a panic in a rule is contained as READ011 with no findings: never read that as "no finding"
        let rep = lint_bytes(text.as_bytes(), "t.txt", &Options::default());
        assert!(rep.error.is_none(), "{:?}", rep.error);
        rep.findings
    }

    pub fn builtin() -> Patterns {
        Patterns::builtin().unwrap()
    }

    /// A civil judgment with the given ruling, tail, date line and appendix.
    pub fn judgment(ruling: &str, tail: &str, date: &str, appendix: &str) -> String {
        format!(
            "某某市某某区人民法院\n民事判决书\n（2016）川0703民初88号\n原告：张三，男，1980年1月1日出生。\n被告：李四，男，1981年2月2日出生。\n原告张三与被告李四民间借贷纠纷一案，本院于2016年3月1日立案后，依法适用简易程序公开开庭进行了审理。\n本院认为，借贷关系合法有效。依照《中华人民共和国合同法》第二百零六条之规定，判决如下：\n{ruling}\n{tail}\n审判员　　赵六\n{date}\n书记员　　孙七{appendix}"
        )
    }

    pub const PAY: &str = "被告李四于本判决生效之日起十日内偿还原告张三借款10000元。";
    pub const NOTICE_253: &str = "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百五十三条之规定，加倍支付迟延履行期间的债务利息。";
    pub const FEE: &str = "案件受理费50元，由被告李四负担。";
    pub const DATE_2016: &str = "二〇一六年五月六日";
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use crate::{lint_bytes, Options};

    #[test]
    fn no_panic_on_odd_input() {
        // lint_bytes contains a panic as READ011: that must fail here, not pass as "no findings"
        let empty = lint_bytes(b"", "t.txt", &Options::default());
        assert_eq!(empty.error.map(|e| e.code), Some(crate::ReadCode::Empty));
        for text in [
            "判决如下：",
            "审判员\n二〇二四年十三月九日",
            "如果未按加倍支付迟延履行期间的债务利息第条",
            "民事调解书\n协议如下：\n一、\n审判员甲\n二〇二四年一月一日",
        ] {
            let _ = findings(text);
        }
    }
}
