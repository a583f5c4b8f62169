//! EX012: a blank or placeholder in a ruling item (保证金元, ××元, 年利率%, 于年月日前); beside DR001.

use super::bracketed::*;
use super::SEED;
use crate::diagnostic::Severity;
use crate::patterns::Patterns;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, BOTH};
use crate::structure::Section::Ruling;
use std::ops::Range;

pub const EX012: Rule = Rule {
    code: "EX012",
    name: "BlankInRulingItem",
    severity: Severity::Error,
    family: Family::Enforceability,
    default: Default::On,
    scope: crate::rules::Scope {
        sections: &[Ruling],
        cases: &[],
        documents: &[],
    },
    summary: "A blank or placeholder in a ruling item (保证金元, ××元, 年利率%, 于年月日前)",
    message: "判项中有未填写的空白或占位",
    help: "补全判项中缺失的金额、比例或日期（如“工程质量保证金50,000元”“于2025年6月30日前”），并核对文书其余部分",
    explain: "判项中金额、比例或日期空着（“保证金元”“人民币元”“按年利率%计算”“于年月日前”），或以××、XX、某某、＿＿、【……】代替金额和日期，执行法院无法确定执行数额或期限。本规则在两种配置下都检查判项；上网文本中以××、某隐去的姓名、住址和出生日期不是金额或期限，不报告。与 DR001 的关系：draft 配置下 DR001 已逐段报告它认识的占位符（××、XX、＿＿、【待补充】），同一处不再报告为 EX012，EX012 只补报 DR001 看不出的空白（单位前缺数字、利率缺数字、没有数字的日期）；public 配置下 DR001 关闭，判项中的上述空白全部由 EX012 报告。适用范围：所有文书（含刑事判决的罚金和执行裁定）的判项。",
    seed: SEED,
    profiles: BOTH,
    bad: &[
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明工程质量保证金元。")] },
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元及利息（以30000元为基数，自2024年3月1日起按年利率%计算至实际付清之日止）。")] },
    ],
    good: &[
        Example { parts: &[(Ruling, "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内返还原告张明工程质量保证金50,000元。")] },
        Example { parts: &[(Ruling, "一、准予原告张明与被告李芳离婚；\n二、婚生子张某某（××××年××月××日出生）由被告李芳抚养。")] },
    ],
};

pub const CHECK: Check = Check {
    rules: &[EX012],
    run: check,
};

/// The blanks of a ruling-item text: byte ranges of the blank itself.
pub fn blanks(p: &Patterns, text: &str) -> Vec<Range<usize>> {
    p.regexes(FI, "blank").marked_spans(text)
}

fn check(ctx: &Context, out: &mut Emitter) {
    let p = ctx.patterns;
    // In the draft profile DR001 reports the placeholders it knows (××, XX, ＿＿, 【…】) once
    // per paragraph; EX012 adds the blanks DR001 does not see (保证金元, 年利率%, 于年月日前).
    let dr001: &[Range<usize>] = if ctx.profile == crate::rules::Profile::Draft {
        ctx.placeholders()
    } else {
        &[]
    };
    for it in &ctx.st.items {
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        for &para in it.paras.iter().chain(it.notes.iter()) {
            let text = ctx.live_text(para);
            let base = ctx.doc.paragraphs[para].start;
            for r in blanks(p, text) {
                let abs = base + r.start..base + r.end;
                if dr001.iter().any(|d| d.start < abs.end && abs.start < d.end) {
                    continue;
                }
                found.push((para, r));
            }
        }
        let Some((para, first)) = found.first().cloned() else {
            continue;
        };
        let last = found
            .iter()
            .filter(|(q, _)| *q == para)
            .map(|(_, r)| r.end)
            .max()
            .unwrap_or(first.end);
        let text = ctx.live_text(para);
        let mut names: Vec<String> = Vec::new();
        for (q, r) in &found {
            let s: String = ctx.live_text(*q)[r.clone()].split_whitespace().collect();
            if !names.contains(&s) {
                names.push(s);
            }
        }
        let _ = text;
        out.push(ctx.diag(
            &EX012,
            ctx.span_in(para, first.start, last),
            format!(
                "判项中有未填写的空白或占位：{}，金额、日期或比例缺失，无法据以执行",
                quote_all(&names)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::enforceability::bracketed::testing::*;

    #[test]
    fn blanks_in_items() {
        let p = Patterns::builtin().unwrap();
        let b = |t: &str| {
            blanks(&p, t)
                .into_iter()
                .map(|r| t[r].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(b("支付被告工程质量保证金元。"), ["保证金元"]);
        assert_eq!(b("支付原告货款人民币元及利息"), ["人民币元"]);
        assert_eq!(b("于年月日前付清"), ["于年月日"]);
        assert_eq!(b("按年利率%计算"), ["年利率%"]);
        assert!(b("支付原告货款人民币30,000元").is_empty());
        assert!(b("支付原告美元5000元").is_empty());
        assert!(b("婚生子张某某（××××年××月××日出生）由原告抚养").is_empty());
        assert!(b("金元证券股份有限公司").is_empty());
        // public: ××元 is EX012; draft: DR001 reports it and EX012 does not repeat it
        let ruling = "被告李四于本判决生效之日起十日内支付原告张三货款××元。";
        let t = doc(CIVIL, ruling, "");
        assert_eq!(codes_in(&t, Profile::Public, "EX012"), ["EX012"]);
        assert!(codes_in(&t, Profile::Draft, "EX012").is_empty());
        assert!(codes_in(&t, Profile::Draft, "DR001").contains(&"DR001"));
        // 保证金元 is EX012 in both profiles (DR001 does not see it)
        let t = doc(
            CIVIL,
            "被告李四于本判决生效之日起十日内返还原告张三保证金元。",
            "",
        );
        assert_eq!(codes_in(&t, Profile::Draft, "EX012"), ["EX012"]);
        assert!(codes_in(&t, Profile::Draft, "DR001").is_empty());
        // criminal fines too
        let crim = "刑事判决书\n（2024）川0703刑初88号";
        let t = doc(crim, "被告人李四犯盗窃罪，判处有期徒刑六个月，并处罚金人民币元，限于本判决生效后十日内缴纳。", "");
        assert_eq!(codes_in(&t, Profile::Draft, "EX012"), ["EX012"]);
    }
}
