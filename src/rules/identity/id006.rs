//! ID006: an individual business (个体工商户) with a trade name whose 经营者 line carries no
//! 公民身份号码.

use super::{PartyKind, F, PARTY_LINES, SEED};
use crate::diagnostic::Severity;
use crate::idnum;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, DRAFT_ONLY};
use crate::structure::Section;

pub const ID006: Rule = Rule {
    code: "ID006",
    name: "IndividualBusinessOperatorWithoutId",
    severity: Severity::Error,
    family: Family::Identity,
    default: Default::On,
    scope: PARTY_LINES,
    summary: "An individual business party with a trade name: its operator (经营者) line carries no citizen identity number",
    message: "个体工商户的经营者未载明公民身份号码",
    help: "在经营者一行写明其基本信息和公民身份号码，例如“经营者：李某，男，1978年2月9日出生，汉族，住……，公民身份号码5107031978……”",
    explain: "第8项要求生效裁判文书所载当事人信息全面准确。个体工商户有字号的，以营业执照上登记的字号为当事人，但应同时注明该字号经营者的基本信息（民诉法解释第五十九条）；执行时被执行的是经营者本人的财产，身份验证靠的是经营者的公民身份号码，字号的统一社会信用代码（92开头）代替不了。当事人是有字号的个体工商户（名称或当事人行写明个体工商户，统一社会信用代码以92开头，或其后是经营者行），经营者行没有公民身份号码的，报告在经营者行；没有经营者行的，报告在当事人行。适用范围：所有文书的当事人部分，仅原本（draft）配置；上网公布的文书应当隐去身份号码，public 配置不检查。",
    seed: SEED,
    profiles: DRAFT_ONLY,
    bad: &[Example {
        parts: &[(
            Section::Parties,
            "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市涪城区佳美干洗店（个体工商户），经营场所四川省绵阳市涪城区普明北路21号，统一社会信用代码92510703MA60E3387Y。\n经营者：石永红，女，1978年2月9日出生，汉族，住四川省绵阳市涪城区普明北路21号。",
        )],
    }],
    good: &[
        Example { parts: &[] },
        Example {
            parts: &[(
                Section::Parties,
                "原告：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被告：绵阳市涪城区佳美干洗店（个体工商户），经营场所四川省绵阳市涪城区普明北路21号，统一社会信用代码92510703MA60E3387Y。\n经营者：石永红，女，1978年2月9日出生，汉族，住四川省绵阳市涪城区普明北路21号，公民身份号码510703197802094707。",
            )],
        },
    ],
};

pub const CHECK: Check = Check {
    rules: &[ID006],
    run: check,
};

/// The trade name without a bracketed note (…干洗店（个体工商户） → …干洗店).
fn bare_name(name: &str) -> &str {
    name.split(['（', '(']).next().unwrap_or(name)
}

fn check(ctx: &Context, out: &mut Emitter) {
    let p = ctx.patterns;
    let lines = &ctx.st.parties;
    for party in ctx.parties() {
        if party.kind != PartyKind::Organisation {
            continue;
        }
        let Some(k) = lines.iter().position(|l| l.para == party.para) else {
            continue;
        };
        let operators: Vec<usize> = lines[k + 1..]
            .iter()
            .take_while(|l| l.representative)
            .filter(|l| l.role == "经营者")
            .map(|l| l.para)
            .collect();
        let party_text: String = party.paras.iter().map(|&i| ctx.text(i)).collect();
        let declared = p.keywords(F, "individual_business").is_match(&party_text)
            || party
                .codes
                .iter()
                .any(|(_, c)| c.normalized.starts_with("92"));
        if operators.is_empty() {
            if declared {
                let name = bare_name(party.name);
                out.push(ctx.diag(
                    &ID006,
                    ctx.span_in(
                        party.para,
                        party.name_range.start,
                        party.name_range.end.max(party.name_range.start + 1),
                    ),
                    format!("个体工商户“{name}”未列明经营者及其公民身份号码（民诉法解释第五十九条：有字号的，应同时注明该字号经营者的基本信息）"),
                ));
            }
            continue;
        }
        for para in operators {
            let text = ctx.text(para);
            if !idnum::find_person_ids(text).is_empty() {
                continue;
            }
            if ctx.st.sections.get(para) != Some(&Section::Parties) {
                continue;
            }
            let prefix = lines
                .iter()
                .find(|l| l.para == para)
                .map(|l| l.prefix_len)
                .unwrap_or(0)
                .min(text.len());
            let rest = &text[prefix..];
            let end = rest.find(['，', ',', '。', '；']).unwrap_or(rest.len());
            let operator = &rest[..end];
            let name = bare_name(party.name);
            out.push(ctx.diag(
                &ID006,
                ctx.span_in(para, prefix, prefix + end.max(1).min(rest.len())),
                format!("个体工商户“{name}”的经营者“{operator}”未载明公民身份号码，执行中无法核验经营者身份"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint_bytes, Options, Profile};

    fn id006(parties: &str, profile: Profile) -> Vec<String> {
        let text = format!(
            "某某法院\n民事判决书\n（2024）川0703民初5号\n{parties}\n原告张三与被告纠纷一案，本院于2024年1月2日立案后进行了审理。\n本院认为，原告诉请不能成立。判决如下：\n驳回原告张三的诉讼请求。\n案件受理费50元，由原告张三负担。\n审判员　　赵六\n二〇二四年三月三日\n书记员　　孙七"
        );
        let opts = Options {
            profile,
            ..Options::default()
        };
        let rep = lint_bytes(text.as_bytes(), "t.txt", &opts);
        assert!(rep.error.is_none());
        rep.findings
            .iter()
            .filter(|f| f.code == "ID006")
            .map(|f| f.message.clone())
            .collect()
    }

    const PLAINTIFF: &str = "原告：张三，男，1980年1月1日出生，公民身份号码510703198001011232。";

    #[test]
    fn operator_lines_need_an_id() {
        // 经营者 without a number: one finding at the operator line, naming shop and operator
        let got = id006(
            &format!("{PLAINTIFF}\n被告：绵阳市涪城区佳美干洗店（个体工商户），经营场所绵阳市普明北路21号，统一社会信用代码92510703MA60E3387Y。\n经营者：石永红，女。"),
            Profile::Draft,
        );
        assert_eq!(got.len(), 1);
        assert!(
            got[0].contains("佳美干洗店")
                && got[0].contains("石永红")
                && !got[0].contains("（个体工商户）"),
            "{got:?}"
        );
        // off in the public profile (numbers are removed for publication)
        assert!(id006(
            &format!("{PLAINTIFF}\n被告：绵阳市涪城区佳美干洗店，统一社会信用代码92510703MA60E3387Y。\n经营者：石永红，女。"),
            Profile::Public
        )
        .is_empty());
        // with the number: clean
        assert!(id006(
            &format!("{PLAINTIFF}\n被告：绵阳市涪城区佳美干洗店，统一社会信用代码92510703MA60E3387Y。\n经营者：石永红，女，1978年2月9日出生，公民身份号码510703197802094707。"),
            Profile::Draft
        )
        .is_empty());
        // a declared individual business without any 经营者 line: reported at the party
        let got = id006(
            &format!("{PLAINTIFF}\n被告：绵阳市涪城区佳美干洗店（个体工商户），统一社会信用代码92510703MA60E3387Y。"),
            Profile::Draft,
        );
        assert_eq!(got.len(), 1);
        assert!(got[0].contains("未列明经营者"), "{got:?}");
        // a company's 法定代表人 is no 经营者
        assert!(id006(
            &format!("{PLAINTIFF}\n被告：绵阳市鑫源建材有限公司，统一社会信用代码91510703MA6284QXX1。\n法定代表人：王建国，该公司总经理。"),
            Profile::Draft
        )
        .is_empty());
    }
}
