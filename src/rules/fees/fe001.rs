//! FE001: a civil or administrative 判决书 or a 调解书 has no fee decision saying how much and
//! who bears it (案件受理费…元…由…负担; 免交/免予收取 and 减半收取 forms count).
//!
//! The fee decision is looked for in the ruling items (mediation puts it in the agreement:
//! 二、案件受理费…由…负担) and the tail, never in the claims or reasoning.

use super::{fee_decision, FeeDecision};
use crate::diagnostic::Severity;
use crate::rules::items::is_judgment_or_mediation;
use crate::rules::{
    CaseKind, Check, Context, Default, DocKind, Emitter, Example, Family, Rule, Scope, BOTH,
};
use crate::structure::Section;

pub const FE001: Rule = Rule {
    code: "FE001",
    name: "MissingFeeParagraph",
    severity: Severity::Warning,
    family: Family::Fees,
    default: Default::On,
    scope: Scope {
        sections: &[Section::Ruling, Section::Tail],
        cases: &[CaseKind::Civil, CaseKind::Administrative],
        documents: &[DocKind::Judgment, DocKind::Mediation],
    },
    summary: "A judgment or mediation document does not say how much the court fee is and who bears it",
    message: "文书未写明诉讼费用的金额和负担",
    help: "在判项之后写明诉讼费用的金额和负担，例如：“案件受理费550元，减半收取275元，由被告某某负担。”免交的写明“本案免交案件受理费”；调解书可在协议中约定（“二、案件受理费275元，由被告负担。”）",
    explain: "第9项要求生效裁判文书作出后对应由败诉方负担的诉讼费及时书面催收，催收未果的移送执行。文书没有写明案件受理费（诉讼费）的金额和由谁负担，催收和移送执行就没有依据。民事、行政判决书和调解书应有一段费用负担的内容：费用名称（案件受理费、受理费、诉讼费）、金额（或减半收取），以及由谁负担、承担；免交、免予收取的写明即可。调解书中作为协议条款的费用负担也算。上诉告知中的“预交上诉案件受理费”不是本案的费用负担。裁定书、刑事和执行文书不适用。适用范围：民事、行政案件的判决书和调解书（一审、二审、再审）；裁定书、决定书，刑事、执行和国家赔偿文书不适用。驳回上诉、维持原判之后的二审（上诉）案件受理费负担、以“根据《诉讼费用交纳办法》”开头的费用段落都是本文书的费用负担；写明免交、不收取、不交纳的，不报告。",
    seed: "第9项 诉讼费的及时催收及移送",
    profiles: BOTH,
    bad: &[
        Example {
            parts: &[(
                Section::Tail,
                "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并预交上诉案件受理费，上诉于四川省绵阳市中级人民法院。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
            )],
        },
        Example {
            parts: &[(
                Section::Tail,
                "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，原告已预交。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
            )],
        },
    ],
    good: &[
        Example { parts: &[] },
        Example {
            parts: &[(
                Section::Tail,
                "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n本案免交案件受理费。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
            )],
        },
        Example {
            parts: &[
                (Section::Header, "四川省绵阳市涪城区人民法院\n民 事 调 解 书\n（2024）川0703民初1022号"),
                (Section::Reasoning, "本案审理过程中，经本院主持调解，当事人自愿达成如下协议："),
                (Section::Ruling, "一、被告绵阳市鑫源建材有限公司于2024年12月31日前支付原告张明货款30000元；\n二、案件受理费减半收取275元，由被告绵阳市鑫源建材有限公司负担。"),
                (Section::Tail, "上述协议，不违反法律规定，本院予以确认。\n本调解书经双方当事人签收后，即具有法律效力。逾期不履行的，原告可以申请强制执行，被告应当自觉履行本调解书确定的义务。"),
            ],
        },
    ],
};

pub const CHECK: Check = Check {
    rules: &[FE001],
    run: check,
};

fn check(ctx: &Context, out: &mut Emitter) {
    if !is_judgment_or_mediation(ctx) {
        return;
    }
    // the best fee decision in the ruling items and the tail
    let best = (0..ctx.st.sections.len())
        .filter(|&i| matches!(ctx.st.sections[i], Section::Ruling | Section::Tail))
        .filter_map(|i| fee_decision(ctx.patterns, ctx.text(i)).map(|d| (d, i)))
        .max_by_key(|(d, i)| (*d, std::cmp::Reverse(*i)));
    let message = match best {
        Some((FeeDecision::Complete, _)) => return,
        Some((d, i)) => {
            let excerpt: String = ctx.text(i).chars().take(24).collect();
            let missing = match d {
                FeeDecision::NoBearer => "未写明由哪一方负担",
                FeeDecision::NoAmount => "未写明金额",
                _ => "未写明金额，也未写明由哪一方负担",
            };
            format!("诉讼费用段落“{excerpt}…”{missing}，执行中无法据此催收诉讼费")
        }
        None => "判项和尾部没有诉讼费用负担的内容（案件受理费多少、由谁负担），败诉方应负担的诉讼费无从催收：在此处（署名之前）补充诉讼费用的金额和负担".to_string(),
    };
    // an incomplete fee paragraph is pointed at; an absent one where it belongs
    let at = match best {
        Some((_, i)) => i,
        None => ctx.absence_anchor(),
    };
    out.push(ctx.diag(&FE001, ctx.para_span(at), message));
}

#[cfg(test)]
mod tests {
    #[test]
    fn fe001_message_names_what_is_missing() {
        use crate::{lint_bytes, Options};
        let text = "某某法院\n民事判决书\n（2016）川0703民初88号\n原告：张三，男。\n被告：李四，男。\n原告张三与被告李四纠纷一案，本院于2016年3月1日立案后进行了审理。\n本院认为，原告诉请不能成立。依照《中华人民共和国民事诉讼法》第六十四条之规定，判决如下：\n驳回原告张三的诉讼请求。\n案件受理费50元，原告已预交。\n审判员　　赵六\n二〇一六年五月六日\n书记员　　孙七";
        let rep = lint_bytes(text.as_bytes(), "t.txt", &Options::default());
        assert!(rep.error.is_none(), "{:?}", rep.error);
        let fe: Vec<_> = rep.findings.iter().filter(|f| f.code == "FE001").collect();
        assert_eq!(fe.len(), 1);
        assert!(fe[0].message.contains("负担"), "{}", fe[0].message);
        // the incomplete fee paragraph itself is pointed at
        assert!(
            fe[0].context.starts_with("案件受理费50元"),
            "{}",
            fe[0].context
        );
        // an absent fee paragraph is reported where it belongs: the end of the tail
        let absent = text.replace("案件受理费50元，原告已预交。\n", "");
        let rep = lint_bytes(absent.as_bytes(), "t.txt", &Options::default());
        let fe: Vec<_> = rep.findings.iter().filter(|f| f.code == "FE001").collect();
        assert_eq!(fe.len(), 1);
        assert_eq!(fe[0].context, "驳回原告张三的诉讼请求。");
        assert!(fe[0].message.contains("在此处（署名之前）补充"));
        // ruling documents are out of scope
        let ruling = text
            .replace("判决书", "裁定书")
            .replace("判决如下", "裁定如下");
        let rep = lint_bytes(ruling.as_bytes(), "t.txt", &Options::default());
        assert!(rep.error.is_none(), "{:?}", rep.error);
        assert!(rep.findings.iter().all(|f| f.code != "FE001"));
    }
}
