//! ID001: a natural-person party without a citizen identity number (seed item 8).

use super::*;
use crate::diagnostic::Severity;
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, DRAFT_ONLY};
use crate::structure::Section::Parties;

pub const ID001: Rule = Rule {
    code: "ID001",
    name: "MissingCitizenId",
    severity: Severity::Error,
    family: Family::Identity,
    default: Default::On,
    scope: PARTY_LINES,
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
};

pub const CHECK: Check = Check {
    rules: &[ID001],
    run: check,
};

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

fn check(ctx: &Context, out: &mut Emitter) {
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

#[cfg(test)]
mod tests {
    use crate::rules::identity::tests::id_findings;

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
}
