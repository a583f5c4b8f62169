//! PR001: a preservation ruling that neither caps the value preserved nor identifies the property.

use super::{is_preservation_ruling, F, SEED_1};
use crate::diagnostic::Severity;
use crate::rules::{
    CaseKind, Check, Context, Default, DocKind, Emitter, Example, Family, Rule, Scope, BOTH,
};
use crate::structure::Section;
use regex::Regex;
use std::sync::LazyLock;

const HEADER: &str = "四川省绵阳市涪城区人民法院\n民 事 裁 定 书\n（2024）川0703财保56号";
const PARTIES: &str = "申请人：张明，男，1980年1月1日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：510703198001011232。\n被申请人：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。\n法定代表人：王建国，该公司总经理。";
const PROCEDURE: &str =
    "申请人张明于2024年5月6日向本院申请诉前财产保全，请求查封、冻结被申请人的财产，并提供了担保。";
const REASONING: &str = "本院经审查认为，申请人的申请符合法律规定。依照《中华人民共和国民事诉讼法》第一百零四条、第一百零五条规定，裁定如下：";
const TAIL: &str = "申请费5000元，由申请人张明负担。\n本裁定立即开始执行。\n如不服本裁定，可以自收到裁定书之日起五日内向本院申请复议一次。复议期间不停止裁定的执行。";

pub const PR001: Rule = Rule {
    code: "PR001",
    name: "PreservationWithoutLimitOrProperty",
    severity: Severity::Error,
    family: Family::Preservation,
    default: Default::On,
    scope: Scope {
        sections: &[Section::Procedure, Section::Reasoning, Section::Ruling],
        cases: &[CaseKind::Civil],
        documents: &[DocKind::Ruling],
    },
    summary: "A preservation ruling neither caps the value preserved nor identifies the property to seize",
    message: "保全裁定既未写明保全限额，也未列明被保全的具体财产",
    help: "写明保全的数额限度（“冻结被申请人银行存款200,000元或查封、扣押其相应价值的其他财产，以200,000元为限”），或逐项列明被保全财产：开户银行及账号、坐落及不动产权证号、车牌号（车辆识别代号）、股权所在公司及出资额或持股比例",
    explain: "第1项要求对诉前财产保全申请及时审查并作出保全标的精准的保全裁定（防止超标的保全）；民事诉讼法规定保全限于请求的范围。保全裁定的主文（裁定如下之后的裁定项）要么写明保全的数额限度（以…元为限、在…元范围内、冻结存款…元、查封价值…元的财产），要么列明可以据以执行的具体财产：银行存款写开户银行和账号；不动产写坐落和不动产权证号；车辆写车牌号或车辆识别代号；股权写所在公司和出资额或持股比例。“查封被申请人所有的住宅”“冻结被告名下的银行存款”“冻结被告持有的公司股权”既无限额也不能特定财产，执行机构无从确定查封、冻结的对象和范围。每个裁定项一条。驳回申请、解除保全、变更担保的裁定项不采取措施，不适用。适用范围：保全裁定（诉前、诉讼中、执行前财产保全的民事裁定书：案号为财保、诉保、执保，或审理经过中有保全申请且裁定项采取查封、冻结、扣押措施）；判决书、调解书和其他裁定书不适用。",
    seed: SEED_1,
    profiles: BOTH,
    bad: &[
        Example {
            parts: &[
                (Section::Header, HEADER),
                (Section::Parties, PARTIES),
                (Section::Procedure, PROCEDURE),
                (Section::Reasoning, REASONING),
                (Section::Ruling, "查封被申请人绵阳市鑫源建材有限公司所有的厂房，查封期限为三年。"),
                (Section::Tail, TAIL),
            ],
        },
        Example {
            parts: &[
                (Section::Header, "四川省绵阳市涪城区人民法院\n民 事 裁 定 书\n（2024）川0703民初1022号之一"),
                (Section::Procedure, "原告张明与被告绵阳市鑫源建材有限公司买卖合同纠纷一案，原告于2024年3月16日向本院申请财产保全，并提供了担保。"),
                (Section::Reasoning, REASONING),
                (Section::Ruling, "一、冻结被告绵阳市鑫源建材有限公司名下的银行存款；\n二、冻结被告绵阳市鑫源建材有限公司持有的公司股权。"),
                (Section::Tail, "本裁定立即开始执行。\n如不服本裁定，可以自收到裁定书之日起五日内向本院申请复议一次。复议期间不停止裁定的执行。"),
            ],
        },
    ],
    good: &[
        Example {
            parts: &[
                (Section::Header, HEADER),
                (Section::Parties, PARTIES),
                (Section::Procedure, PROCEDURE),
                (Section::Reasoning, REASONING),
                (Section::Ruling, "冻结被申请人绵阳市鑫源建材有限公司的银行存款300,000元，或查封、扣押其相应价值的其他财产，以300,000元为限。"),
                (Section::Tail, TAIL),
            ],
        },
        Example {
            parts: &[
                (Section::Header, HEADER),
                (Section::Parties, PARTIES),
                (Section::Procedure, PROCEDURE),
                (Section::Reasoning, REASONING),
                (Section::Ruling, "一、冻结被申请人绵阳市鑫源建材有限公司在中国工商银行股份有限公司绵阳分行开立的账户（账号2308412109100012345）内的存款；\n二、查封被申请人绵阳市鑫源建材有限公司名下坐落于绵阳市涪城区创业路18号的厂房（不动产权证号：川（2020）绵阳市不动产权第0012345号）；\n三、查封被申请人名下车牌号为川B12345的重型货车。"),
                (Section::Tail, TAIL),
            ],
        },
        Example {
            parts: &[
                (Section::Header, HEADER),
                (Section::Parties, PARTIES),
                (Section::Procedure, PROCEDURE),
                (Section::Reasoning, "本院经审查认为，申请人未提供担保。依照《中华人民共和国民事诉讼法》第一百零四条规定，裁定如下："),
                (Section::Ruling, "驳回申请人张明的诉前财产保全申请。"),
                (Section::Tail, TAIL),
            ],
        },
    ],
};

pub const CHECK: Check = Check {
    rules: &[PR001],
    run: check,
};

/// The item label (一、 （一） 1. ①) at the start of an item paragraph.
fn label_len(text: &str) -> usize {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:[一二三四五六七八九十]{1,4}\s*[、，,．.]|[（(][一二三四五六七八九十\d]{1,4}[）)]|\d{1,3}\s*[、．.]|[①-⑳])").unwrap()
    });
    RE.find(text).map(|m| m.end()).unwrap_or(0)
}

/// Does the text identify the property it seizes: bank and account number, certificate number
/// with the location, plate or VIN, a share with its company and amount?
pub fn property_identified(p: &crate::patterns::Patterns, text: &str) -> bool {
    p.regexes(F, "bank_account").is_match(text)
        || (p.regexes(F, "property_certificate").is_match(text)
            && p.regexes(F, "location").is_match(text))
        || p.regexes(F, "vehicle").is_match(text)
        || p.regexes(F, "share").is_match(text)
}

fn check(ctx: &Context, out: &mut Emitter) {
    if !is_preservation_ruling(ctx) {
        return;
    }
    let p = ctx.patterns;
    // a limit stated anywhere in the operative part caps every measure in it
    let operative: String = ctx
        .section(Section::Ruling)
        .into_iter()
        .map(|i| ctx.live_text(i))
        .collect::<Vec<_>>()
        .join("\n");
    if p.regexes(F, "limit").is_match(&operative) {
        return;
    }
    for item in &ctx.st.items {
        let mut vague: Vec<(usize, usize, usize)> = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        for &para in &item.paras {
            let text = ctx.live_text(para);
            let off = label_len(text);
            let body = &text[off..];
            if p.regexes(F, "no_measure").is_match(body) {
                continue;
            }
            // each sentence that takes a measure must identify what it seizes
            let mut start = 0;
            for piece in body.split_inclusive(['；', '。', ';']) {
                let s = off + start;
                start += piece.len();
                let Some((_, _, verb)) = p.keywords(F, "measure").find(piece) else {
                    continue;
                };
                if property_identified(p, piece) {
                    continue;
                }
                if !words.contains(&verb) {
                    words.push(verb);
                }
                let trimmed = piece.trim_end_matches(['；', '。', ';']);
                vague.push((para, s, s + trimmed.len()));
            }
        }
        if let Some(&(para, a, b)) = vague.first() {
            let excerpt: String = ctx.live_text(para)[a..b].chars().take(40).collect();
            out.push(ctx.diag(
                &PR001,
                ctx.span_in(para, a, b),
                format!(
                    "保全裁定项“{excerpt}”既未写明保全限额（以…元为限），也未列明被{}财产的账号、权证号、车牌号或股权所在公司及数额，执行机构无从确定保全对象和范围",
                    words.join("、")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint_bytes, Options};

    fn pr001(ruling: &str) -> usize {
        let text = format!(
            "某某法院\n民事裁定书\n（2024）川0703财保1号\n申请人：张三，男，1980年1月1日出生，公民身份号码510703198001011232。\n被申请人：李四，男。\n申请人张三于2024年1月2日向本院申请诉前财产保全。\n本院经审查认为，申请符合法律规定。裁定如下：\n{ruling}\n本裁定立即开始执行。\n审判员　　赵六\n二〇二四年一月三日\n书记员　　孙七"
        );
        let rep = lint_bytes(text.as_bytes(), "t.txt", &Options::default());
        assert!(rep.error.is_none());
        rep.findings.iter().filter(|f| f.code == "PR001").count()
    }

    #[test]
    fn vague_measures_fire_identified_or_limited_do_not() {
        for vague in [
            "查封被申请人李四所有的住宅；期限三年。",
            "冻结被申请人李四名下的银行存款。",
            "扣押被申请人李四的小型轿车一辆。",
            "冻结被申请人李四持有的公司股权。",
            "查封被申请人李四位于绵阳市涪城区临园路12号的房屋。",
        ] {
            assert_eq!(pr001(vague), 1, "{vague}");
        }
        for specific in [
            "查封被申请人李四名下坐落于绵阳市涪城区临园路12号的房屋（不动产权证号：川（2020）绵阳市不动产权第0012345号）。",
            "冻结被申请人李四在中国农业银行绵阳分行的账户（账号6228480469012345678）内的存款。",
            "扣押被申请人李四车牌号为川B·12345的小型轿车。",
            "冻结被申请人李四持有的绵阳市鑫源建材有限公司30%的股权。",
            "冻结被申请人李四的银行存款50万元或查封、扣押其相应价值的财产。",
            "查封、扣押、冻结被申请人李四的财产，以人民币120,000元为限。",
            "查封被申请人李四价值人民币30万元的财产。",
            "驳回申请人张三的诉前财产保全申请。",
            "解除对被申请人李四名下银行存款的冻结。",
        ] {
            assert_eq!(pr001(specific), 0, "{specific}");
        }
        // one finding per item, however many vague measures it has
        assert_eq!(
            pr001("一、冻结被申请人李四的银行存款；查封其房屋；\n二、扣押其车辆。"),
            2
        );
    }

    #[test]
    fn only_preservation_rulings() {
        // a judgment ordering nothing of the kind, and a ruling on another matter, are out of scope
        let text = "某某法院\n民事裁定书\n（2024）川0703民初5号\n原告：张三，男，公民身份号码510703198001011232。\n被告：李四，男。\n原告张三与被告李四纠纷一案，本院于2024年1月2日立案。\n本院认为，原告撤诉。裁定如下：\n准许原告张三撤回起诉。\n审判员　　赵六\n二〇二四年一月三日\n书记员　　孙七";
        let rep = lint_bytes(text.as_bytes(), "t.txt", &Options::default());
        assert!(rep.findings.iter().all(|f| f.code != "PR001"));
    }
}
