//! EX006: Criminal property disposal (seed item 10).

use super::*;
use crate::diagnostic::Severity;
use crate::rules::items::*;
use crate::rules::{
    CaseKind, Check, Context, Default, DocKind, Emitter, Example, Family, Rule, Scope, BOTH,
};
use crate::structure::Section;
use crate::structure::Section::{Parties, Ruling, Tail};

pub const EX006: Rule = Rule {
    code: "EX006",
    name: "ConfiscationWithoutAmountOrItems",
    severity: Severity::Error,
    family: Family::Enforceability,
    default: Default::On,
    scope: Scope {
        sections: &[Section::Ruling, Section::Appendix],
        cases: &[CaseKind::Criminal],
        documents: &[DocKind::Judgment, DocKind::Ruling],
    },
    summary: "Criminal confiscation / recovery / restitution without amount or items",
    message: "刑事涉财产判项未写明金额或财物",
    help: "写明没收、追缴、退赔的具体金额或财物名称、数量（如“追缴被告人违法所得人民币3000元”“责令被告人退赔被害人张某经济损失人民币5000元”）",
    explain: "判决没收部分财产的，应明确没收的具体财物或者金额；判决追缴或者责令退赔的，应明确追缴或者退赔的金额或财物的名称、数量。“扣押的作案用电动三轮车一辆，予以没收”是具体的。适用范围：刑事判决书、裁定书（含二审改判）的判项；民事、行政、执行文书不适用。扣押、随案移送的作案工具、犯罪工具、物品、毒资“予以没收”而无名称、数量的报告；“一批”“若干”“……等物品”不是数量；写明金额、数量或编号的，或引用清单的（清单是否附在文书中由 EX014 检查），不报告。",
    seed: "第10项① 刑事涉财产部分的裁判内容应明确具体",
    profiles: BOTH,
    bad: &[Example {
        parts: &[
            (Section::Header, "四川省绵阳市涪城区人民法院\n刑 事 判 决 书\n（2024）川0703刑初88号"),
            (Parties, "公诉机关四川省绵阳市涪城区人民检察院。\n被告人王某，男，1990年5月6日出生，汉族，公民身份号码：510703199005061236。\n辩护人李某，四川涪城律师事务所律师。"),
            (Section::Procedure, "四川省绵阳市涪城区人民检察院以绵涪检刑诉〔2024〕88号起诉书指控被告人王某犯盗窃罪，于2024年6月1日向本院提起公诉。"),
            (Section::Reasoning, "本院认为，被告人王某以非法占有为目的，秘密窃取他人财物，其行为已构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，判决如下："),
            (Ruling, "一、被告人王某犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元；\n二、追缴被告人王某的违法所得，发还被害人。"),
            (Tail, "如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向四川省绵阳市中级人民法院提出上诉。"),
        ],
    }],
    good: &[Example {
        parts: &[
            (Section::Header, "四川省绵阳市涪城区人民法院\n刑 事 判 决 书\n（2024）川0703刑初88号"),
            (Parties, "公诉机关四川省绵阳市涪城区人民检察院。\n被告人王某，男，1990年5月6日出生，汉族，公民身份号码：510703199005061236。"),
            (Section::Procedure, "四川省绵阳市涪城区人民检察院以绵涪检刑诉〔2024〕88号起诉书指控被告人王某犯盗窃罪，于2024年6月1日向本院提起公诉。"),
            (Section::Reasoning, "本院认为，被告人王某的行为已构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，判决如下："),
            (Ruling, "一、被告人王某犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元；\n二、追缴被告人王某的违法所得人民币3000元，发还被害人张某；\n三、扣押的作案用电动三轮车一辆，予以没收。"),
            (Tail, "如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向四川省绵阳市中级人民法院提出上诉。"),
        ],
    }],
};

pub const CHECK: Check = Check {
    rules: &[EX006],
    run: check,
};

/// Is a list (清单, 附表, 明细表) appended to the document (after the signature)?
fn list_in_document(ctx: &Context) -> bool {
    ctx.section(Section::Appendix).into_iter().any(|i| {
        let t = ctx.text(i);
        t.chars().count() <= 40 && ctx.patterns.regexes(F, "list_title").is_match(t)
    })
}

/// Does a criminal property sentence say what is confiscated, recovered or returned: an amount,
/// a real count (not 一批/若干/…等物品) or an identifier, or the whole property? A reference to a
/// list is EX014's business (whether the list is there), not a vague disposal.
fn criminal_property_specific(ctx: &Context, text: &str) -> bool {
    let p = ctx.patterns;
    if text.contains("全部财产") || has_amount(ctx, text) {
        return true;
    }
    if p.regexes(F, "list_reference").is_match(text) {
        return true;
    }
    if p.regexes(F, "vague_count").is_match(text) {
        return false;
    }
    identified(ctx, text)
}

fn check(ctx: &Context, out: &mut Emitter) {
    if !is_criminal(ctx) {
        return;
    }
    let p = ctx.patterns;
    let _ = list_in_document;
    for (_, sentences) in item_pieces(ctx, SENTENCE) {
        for s in &sentences {
            let Some((a, b)) = p.regexes(F, "confiscate_property").find(s.text) else {
                continue;
            };
            if criminal_property_specific(ctx, s.text) {
                continue;
            }
            let phrase = &s.text[a..b];
            out.push(ctx.diag(
                &EX006,
                span(ctx, s),
                format!("刑事涉财产判项“{phrase}”未写明具体金额或财物的名称、数量"),
            ));
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::enforceability::testing::*;

    #[test]
    fn criminal_property_needs_names_and_counts() {
        let crim = "刑事判决书\n（2024）川0703刑初88号";
        let item = |t: &str| {
            doc(crim, &format!("一、被告人李四犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元，限于本判决生效后十日内缴纳；\n二、{t}"), "")
        };
        for vague in [
            "扣押在案的作案工具予以没收。",
            "扣押在案的犯罪工具依法没收。",
            "扣押的毒资予以没收。",
            "扣押的手机等物品予以没收。",
            "扣押的电瓶若干予以没收。",
            "查获的赃物一批予以没收。",
        ] {
            let got = ex(&item(vague));
            assert_eq!(
                got.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
                ["EX006"],
                "{vague}"
            );
        }
        for specific in [
            "扣押的作案用电动三轮车一辆，予以没收。",
            "扣押的作案用华为Mate 40手机一部予以没收。",
            "追缴被告人李四的违法所得人民币3000元，发还被害人。",
            "扣押在案的物品按所附扣押物品清单处理。",
            "扣押在案的毒品予以没收。",
        ] {
            // (whether a referenced list is attached is EX014's business)
            let got: Vec<_> = ex(&item(specific))
                .into_iter()
                .filter(|(c, _)| *c != "EX014")
                .collect();
            assert_eq!(got, vec![], "{specific}");
        }
    }
}
