//! Drafts (DR001): every unfilled placeholder in a draft, one finding per paragraph listing them,
//! so the judge sees in one place what is left to fill.
//!
//! Placeholders are vocabulary (`patterns/drafts.txt`): [XXX], ×××, XX, ＿＿, 【待补充】, an
//! unfilled date (二〇二五年  月  日), a working title (（模拟）, （草稿）). Draft profile only: in
//! copies for publication 某 and ×× are the expected masking. A placeholder is reported once, as
//! DR001: the identity and value rules do not also report it (see [`SUPERSEDES`]).

use crate::diagnostic::Severity;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, Scope, DRAFT_ONLY};
use crate::structure::Section;
use std::ops::Range;

const FILE: &str = Family::Drafts.pattern_file();

/// Findings of these codes whose span covers a placeholder are dropped when DR001 reports it:
/// an unfilled number is not also an invalid identity number or credit code.
pub const SUPERSEDES: &[&str] = &["ID002", "ID004", "ID005"];

pub const DR001: Rule = Rule {
    code: "DR001",
    name: "UnfilledPlaceholder",
    severity: Severity::Error,
    family: Family::Drafts,
    default: Default::On,
    scope: Scope {
        sections: &[],
        cases: &[],
        documents: &[],
    },
    summary: "An unfilled placeholder is left in the draft ([XXX], ×××, ＿＿, 【待补充】, a working title)",
    message: "草稿中有未填写的占位符",
    help: "逐一填写占位符处的名称、号码、金额、日期或署名，删去标题中的（模拟）（草稿）等字样；确已填写完毕后再签发",
    explain: "法官起草文书时常用模板或起草助手，留下 [XXX]、×××、XX、＿＿、【待补充】、空白日期（二〇二五年  月  日）、署名处的“审判员 ×××”以及标题中的（模拟）（草稿）（征求意见稿）等占位内容。这些内容一旦随文书签发，当事人信息、金额或日期就无法执行（第8项：当事人身份信息应当全面、准确；第10项：执行内容应当明确）。本规则对文书每一段列出其中全部占位符，每段一条提示。仅适用于草稿（draft）配置：上网公布的文书以“某”“××”隐名是正常做法，public 配置下本规则关闭。占位符只报告为 DR001，不再同时报告为身份号码或信用代码错误（ID002/ID004/ID005）。适用范围：draft 配置下的所有文书（public 配置下隐名是应有的处理，本规则关闭）。",
    seed: "第8项 裁判文书当事人信息；第10项 裁判文书执行内容的明确性",
    profiles: DRAFT_ONLY,
    bad: &[
        Example {
            parts: &[(
                Section::Signature,
                "审　判　员　　×××\n二〇二四年十月九日\n书　记　员　　赵　敏",
            )],
        },
        Example {
            parts: &[(
                Section::Header,
                "四川省绵阳市涪城区人民法院\n民 事 判 决 书 （模拟）\n（2024）川0703民初1022号",
            )],
        },
        Example {
            parts: &[(
                Section::Ruling,
                "被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款【待补充】元。",
            )],
        },
    ],
    good: &[Example { parts: &[] }],
};

pub const CHECK: Check = Check {
    rules: &[DR001],
    run: check,
};

/// The placeholders of one paragraph: byte ranges within its text.
fn placeholders_in(cx: &Context, text: &str) -> Vec<Range<usize>> {
    cx.patterns.regexes(FILE, "placeholder").marked_spans(text)
}

/// Every placeholder of the document, as byte ranges of the document text.
pub fn placeholder_spans(cx: &Context) -> Vec<Range<usize>> {
    (0..cx.doc.paragraphs.len())
        .flat_map(|i| {
            let start = cx.doc.paragraphs[i].start;
            placeholders_in(cx, cx.text(i))
                .into_iter()
                .map(move |r| start + r.start..start + r.end)
        })
        .collect()
}

fn check(cx: &Context, out: &mut Emitter) {
    let rule = &DR001;
    for i in 0..cx.doc.paragraphs.len() {
        let text = cx.text(i);
        let found = placeholders_in(cx, text);
        let (Some(first), Some(last)) = (found.first(), found.last()) else {
            continue;
        };
        let mut names: Vec<String> = Vec::new();
        for r in &found {
            let s: String = text[r.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !names.contains(&s) {
                names.push(s);
            }
        }
        let message = format!(
            "草稿中有未填写的占位符：{}",
            names
                .iter()
                .map(|n| format!("“{n}”"))
                .collect::<Vec<_>>()
                .join("、")
        );
        let span = if found.len() == 1 {
            cx.span_in(i, first.start, first.end)
        } else {
            cx.span_in(i, first.start, last.end)
        };
        out.push(cx.diag(rule, span, message));
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint_bytes, Options, Profile};

    fn findings(text: &str, profile: Profile) -> Vec<(String, String)> {
        let opts = Options {
            profile,
            ..Options::default()
        };
        let rep = lint_bytes(text.as_bytes(), "draft.txt", &opts);
        assert!(rep.error.is_none(), "{:?}", rep.error);
        rep.findings
            .iter()
            .map(|f| (f.code.to_string(), f.message.clone()))
            .collect()
    }

    const DRAFT: &str = "四川省绵阳市涪城区人民法院\n民 事 判 决 书（草稿）\n(2024)川0703民初1022号\n原告: 张明, 男, 1980年1月1日出生, 汉族, 住四川省绵阳市涪城区临园路12号, 公民身份号码510703198001011232。\n被告: 绵阳市[XXX]建材有限公司, 住所地××路××号, 统一社会信用代码XXXXXXXXXXXXXXXXXX。\n法定代表人: [XXX], 该公司总经理。\n原告张明与被告绵阳市[XXX]建材有限公司买卖合同纠纷一案, 本院于2024年3月15日立案后, 依法适用简易程序, 公开开庭进行了审理。\n本院认为, 被告应当支付货款。依照《中华人民共和国民法典》第六百二十六条之规定, 判决如下:\n被告绵阳市[XXX]建材有限公司于本判决生效之日起十日内支付原告张明货款30000元。\n如果未按本判决指定的期间履行给付金钱义务, 应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定, 加倍支付迟延履行期间的债务利息。\n案件受理费＿＿元, 由被告负担。\n本判决生效后, 负有履行义务的当事人应当自觉履行。逾期不履行的, 权利人可以申请强制执行。\n审 判 员 ×××\n二〇二四年  月  日\n书 记 员 ×××";

    #[test]
    fn one_finding_per_paragraph_listing_its_placeholders() {
        let f = findings(DRAFT, Profile::Draft);
        let dr: Vec<&String> = f
            .iter()
            .filter(|(c, _)| c == "DR001")
            .map(|(_, m)| m)
            .collect();
        // title, party line, representative, procedure, item, fee, judge, date, clerk
        assert_eq!(dr.len(), 9, "{dr:#?}");
        let party = dr
            .iter()
            .find(|m| m.contains("XXXXXXXXXXXXXXXXXX"))
            .unwrap();
        assert!(
            party.contains("“[XXX]”") && party.contains("“××”"),
            "{party}"
        );
        assert!(dr.iter().any(|m| m.contains("（草稿）")));
        assert!(dr.iter().any(|m| m.contains("二〇二四年 月 日")));
        // the placeholder credit code is DR001 only, never an invalid code
        assert!(
            !f.iter().any(|(c, _)| c == "ID004" || c == "ID002"),
            "{f:#?}"
        );
        // the unfilled fee is DR001, not a missing fee decision
        assert!(!f.iter().any(|(c, _)| c == "FE001"), "{f:#?}");
    }

    /// The header, the parties and the signature of a draft are read, so the identity rules
    /// run on its party lines (a wrong check digit under 居民身份证号码 is still ID002).
    #[test]
    fn draft_structure_is_read_and_identity_rules_run() {
        let text = DRAFT
            .replace(
                "公民身份号码510703198001011232",
                "居民身份证号码510703198001011231",
            )
            .replace("民 事 判 决 书（草稿）", "民 事 判 决 书 （模拟）");
        let doc = crate::read::text::read(text.as_bytes()).unwrap();
        let st = crate::structure::analyze(&doc);
        assert_eq!(st.info.kind, Some(crate::structure::DocKind::Judgment));
        assert_eq!(st.info.case_kind, Some(crate::structure::CaseKind::Civil));
        assert_eq!(
            st.info.case_number.as_deref(),
            Some("(2024)川0703民初1022号")
        );
        assert!(st.signature_start.is_some() && !st.items.is_empty());
        let f = findings(&text, Profile::Draft);
        assert!(
            f.iter().any(|(c, m)| c == "ID002" && m.contains("张明")),
            "{f:#?}"
        );
    }

    #[test]
    fn off_in_the_public_profile() {
        let f = findings(DRAFT, Profile::Public);
        assert!(!f.iter().any(|(c, _)| c == "DR001"));
    }
}
