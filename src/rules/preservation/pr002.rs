//! PR002: a judgment or mediation in a case with preservation that never records what was
//! preserved.

use super::pr001::property_identified;
use super::{F, SEED_12};
use crate::diagnostic::Severity;
use crate::rules::items::is_judgment_or_mediation;
use crate::rules::{
    CaseKind, Check, Context, Default, DocKind, Emitter, Example, Family, Rule, Scope, BOTH,
};
use crate::structure::Section;

const PROCEDURE_APPLIED: &str = "原告张明与被告绵阳市鑫源建材有限公司买卖合同纠纷一案，本院于2024年3月15日立案后，原告于同日申请财产保全，本院依法作出保全裁定。本院依法适用简易程序，公开开庭进行了审理。本案现已审理终结。\n张明向本院提出诉讼请求：判令被告支付货款30000元。事实和理由：双方存在买卖关系，被告欠付货款。\n被告辩称，对欠款金额无异议。";

pub const PR002: Rule = Rule {
    code: "PR002",
    name: "PreservationResultNotRecorded",
    severity: Severity::Warning,
    family: Family::Preservation,
    default: Default::On,
    scope: Scope {
        sections: &[
            Section::Procedure,
            Section::Reasoning,
            Section::Ruling,
            Section::Tail,
        ],
        cases: &[CaseKind::Civil, CaseKind::Administrative],
        documents: &[DocKind::Judgment, DocKind::Mediation],
    },
    summary: "A judgment or mediation in a case with property preservation does not record what was preserved",
    message: "案件采取了财产保全，文书未载明保全结果",
    help: "在审理经过中载明保全结果：保全裁定的案号，被查封、冻结、扣押的财产（开户银行及账号、坐落及不动产权证号、车牌号、股权所在公司及数额）、金额和期限，例如“本院于2024年3月16日作出（2024）川0703民初1022号之一民事裁定，冻结被告在中国工商银行绵阳分行账户（账号……）内存款30000元，冻结期限一年。”",
    explain: "第12项要求执行局反馈的保全结果在裁判文书中详细载明：判决或调解生效后进入执行，执行机构要据此续行查封、冻结并处置被保全的财产。案件有保全（申请财产保全、诉前保全、保全裁定、保全费、财产已被查封冻结扣押）而判决书、调解书的审理经过、事实、主文和尾部都没有写明保全了什么（被保全财产及其账号、权证号、车牌号、股权所在公司，或保全的金额），报告一次，位置在首次提到保全的段落。证据保全不是财产保全。适用范围：民事、行政一审判决书和调解书；二审、再审文书（保全结果由一审文书载明）、裁定书、刑事和执行文书不适用。",
    seed: SEED_12,
    profiles: BOTH,
    bad: &[
        Example {
            parts: &[(Section::Procedure, PROCEDURE_APPLIED)],
        },
        Example {
            parts: &[(
                Section::Tail,
                "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，减半收取275元，保全费320元，由被告绵阳市鑫源建材有限公司负担。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
            )],
        },
    ],
    good: &[
        Example { parts: &[] },
        Example {
            parts: &[(
                Section::Procedure,
                "原告张明与被告绵阳市鑫源建材有限公司买卖合同纠纷一案，本院于2024年3月15日立案后，原告于同日申请财产保全，本院于2024年3月16日作出（2024）川0703民初1022号之一民事裁定，冻结被告在中国工商银行股份有限公司绵阳分行账户（账号2308412109100012345）内存款30000元，冻结期限一年。本案现已审理终结。\n张明向本院提出诉讼请求：判令被告支付货款30000元。\n被告辩称，对欠款金额无异议。",
            )],
        },
        Example {
            parts: &[(
                Section::Procedure,
                "原告张明与被告绵阳市鑫源建材有限公司买卖合同纠纷一案，本院于2024年3月15日立案后，依法适用简易程序审理。原告为办理公证证据保全支付公证费800元。本案现已审理终结。",
            )],
        },
    ],
};

pub const CHECK: Check = Check {
    rules: &[PR002],
    run: check,
};

/// Is the case a first-instance one (the result of a preservation belongs in the first-instance
/// document)?
fn first_instance(ctx: &Context) -> bool {
    let appeal_roles = ["上诉人", "被上诉人", "再审申请人", "再审被申请人", "申诉人"];
    if ctx
        .st
        .parties
        .iter()
        .any(|p| appeal_roles.contains(&p.role.as_str()))
    {
        return false;
    }
    !ctx.st
        .info
        .case_number
        .as_deref()
        .is_some_and(|n| n.contains('终') || n.contains("再") || n.contains("监"))
}

/// The first place (paragraph, byte range) where the document says property was preserved.
fn first_mention(ctx: &Context, paras: &[usize]) -> Option<(usize, usize, usize)> {
    let p = ctx.patterns;
    for &i in paras {
        let t = ctx.live_text(i);
        let not: Vec<(usize, usize)> = p
            .regexes(F, "not_mention")
            .regexes()
            .iter()
            .flat_map(|r| r.find_iter(t).map(|m| (m.start(), m.end())))
            .collect();
        for r in p.regexes(F, "mention").regexes() {
            for m in r.find_iter(t) {
                if !not.iter().any(|&(a, b)| a < m.end() && m.start() < b) {
                    return Some((i, m.start(), m.end()));
                }
            }
        }
    }
    None
}

/// Does some paragraph record a preservation result: a measure with the property identified or
/// the amount preserved?
fn result_recorded(ctx: &Context, paras: &[usize]) -> bool {
    let p = ctx.patterns;
    paras.iter().any(|&i| {
        let t = ctx.live_text(i);
        t.split_inclusive(['；', '。', ';']).any(|s| {
            p.keywords(F, "measure").is_match(s)
                && (property_identified(p, s) || p.regexes(F, "limit").is_match(s))
        })
    })
}

fn check(ctx: &Context, out: &mut Emitter) {
    if !is_judgment_or_mediation(ctx) || !first_instance(ctx) {
        return;
    }
    let paras: Vec<usize> = (0..ctx.st.sections.len())
        .filter(|&i| {
            matches!(
                ctx.st.sections[i],
                Section::Procedure | Section::Reasoning | Section::Ruling | Section::Tail
            )
        })
        .collect();
    let Some((para, a, b)) = first_mention(ctx, &paras) else {
        return;
    };
    if result_recorded(ctx, &paras) {
        return;
    }
    let phrase = &ctx.live_text(para)[a..b];
    out.push(ctx.diag(
        &PR002,
        ctx.span_in(para, a, b),
        format!("本案采取了财产保全（“{phrase}”），但文书未载明保全结果：被保全的财产及其账号或权证号、金额和期限"),
    ));
}

#[cfg(test)]
mod tests {
    use crate::{lint_bytes, Options};

    fn pr002(procedure: &str, fee: &str, header: &str) -> usize {
        let text = format!(
            "某某法院\n{header}\n原告：张三，男，1980年1月1日出生，公民身份号码510703198001011232。\n被告：李四，男，1981年1月1日出生。\n{procedure}\n本院认为，被告应当还款。判决如下：\n被告李四于本判决生效之日起十日内偿还原告张三借款1000元。\n{fee}\n审判员　　赵六\n二〇二四年三月三日\n书记员　　孙七"
        );
        let rep = lint_bytes(text.as_bytes(), "t.txt", &Options::default());
        assert!(rep.error.is_none());
        rep.findings.iter().filter(|f| f.code == "PR002").count()
    }

    const FIRST: &str = "民事判决书\n（2024）川0703民初5号";

    #[test]
    fn preserved_cases_must_record_the_result() {
        let fee = "案件受理费50元，由被告李四负担。";
        let applied = "原告张三与被告李四纠纷一案，本院于2024年1月2日立案，原告同日申请财产保全。";
        assert_eq!(pr002(applied, fee, FIRST), 1);
        assert_eq!(
            pr002(
                "原告张三与被告李四纠纷一案，本院于2024年1月2日立案。",
                "案件受理费50元，保全费30元，由被告李四负担。",
                FIRST
            ),
            1
        );
        assert_eq!(
            pr002(
                "原告张三与被告李四纠纷一案，本院于2024年1月2日立案。被告名下的房屋已被本院查封。",
                fee,
                FIRST
            ),
            1
        );
        // recorded: the measure with the account, or with the amount
        assert_eq!(pr002(&format!("{applied}本院作出保全裁定，冻结被告李四在中国农业银行绵阳分行的账户（账号6228480469012345678）内的存款。"), fee, FIRST), 0);
        assert_eq!(
            pr002(
                &format!("{applied}本院依法冻结被告李四银行存款1000元。"),
                fee,
                FIRST
            ),
            0
        );
        // no preservation of this case's property
        assert_eq!(
            pr002(
                "原告张三与被告李四纠纷一案，本院于2024年1月2日立案。原告为保全证据申请公证。",
                fee,
                FIRST
            ),
            0
        );
        assert_eq!(
            pr002(
                "原告张三与被告李四纠纷一案，本院于2024年1月2日立案。原告未申请财产保全。",
                fee,
                FIRST
            ),
            0
        );
        // an appeal: the first-instance document records the result
        assert_eq!(pr002(applied, fee, "民事判决书\n（2024）川07民终5号"), 0);
    }
}
