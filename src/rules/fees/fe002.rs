//! FE002 (opt-in): the fee is borne by a party other than the one who prepaid it, and the
//! document says neither that the court refunds and collects nor that the bearer pays the
//! prepaying party directly.

use super::{fee_decision, FeeDecision};
use crate::diagnostic::Severity;
use crate::rules::items::is_judgment_or_mediation;
use crate::rules::{
    CaseKind, Check, Context, Default, DocKind, Emitter, Example, Family, Rule, Scope, BOTH,
};
use crate::structure::Section;

const FILE: &str = Family::Fees.pattern_file();

const TAIL_BORNE_BY_DEFENDANT: &str = "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，减半收取275元，由被告绵阳市鑫源建材有限公司负担（原告已预交）。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。";

pub const FE002: Rule = Rule {
    code: "FE002",
    name: "FeeBorneByNonPrepayerUnsettled",
    severity: Severity::Warning,
    family: Family::Fees,
    default: Default::OptIn,
    scope: Scope {
        sections: &[Section::Ruling, Section::Tail],
        cases: &[CaseKind::Civil, CaseKind::Administrative],
        documents: &[DocKind::Judgment, DocKind::Mediation],
    },
    summary: "Opt-in: the fee is borne by a party other than the one who prepaid it, with neither refund-and-collect nor direct payment stated",
    message: "诉讼费用由预交方以外的当事人负担，未写明退费收取或直接支付",
    help: "写明费用如何结清：“原告预交的案件受理费275元，本院予以退还；被告应于本判决生效之日起七日内向本院交纳”，或“被告负担的275元，于本判决生效之日起十日内直接支付原告”",
    explain: "第9项要求对应由败诉方负担的诉讼费及时催收、催收未果的移送执行，避免为诉讼费另立执行案件。案件受理费由原告（上诉案件由上诉人，申请由申请人）预交（《诉讼费用交纳办法》第二十条），判由另一方负担时，文书应当写明这笔钱怎样结清：或者由法院退还预交款并向负担方收取（写明交纳期限），或者由负担方直接支付预交方（于判决生效之日起…日内直接支付原告、随判决款项一并给付）。两者都没写，预交方只能另行申请执行这笔费用。预交方依文书所写（原告已预交、此款已由原告垫付）确定，未写的按原告、上诉人、申请人认定。许多法院的旧式写法（“案件受理费50元，由被告负担”）会触发本规则，所以本规则默认关闭，只有在 --select FE002 或配置文件 select 中写明 FE002 时才检查（--select ALL、--select FE 不会打开它）。适用范围：民事、行政案件的判决书和调解书（二审文书只看二审案件受理费）；裁定书、刑事和执行文书不适用。",
    seed: "第9项 诉讼费的及时催收及移送",
    profiles: BOTH,
    bad: &[Example {
        parts: &[(Section::Tail, TAIL_BORNE_BY_DEFENDANT)],
    }],
    good: &[
        Example {
            parts: &[(
                Section::Tail,
                "案件受理费550元，减半收取275元，由被告绵阳市鑫源建材有限公司负担。原告预交的案件受理费275元，本院予以退还；被告应于本判决生效之日起七日内向本院交纳。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
            )],
        },
        Example {
            parts: &[(
                Section::Tail,
                "案件受理费550元，减半收取275元，由被告绵阳市鑫源建材有限公司负担，于本判决生效之日起十日内直接支付原告张明。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
            )],
        },
        Example {
            parts: &[(
                Section::Tail,
                "案件受理费550元，减半收取275元，由原告张明负担。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
            )],
        },
    ],
};

pub const CHECK: Check = Check {
    rules: &[FE002],
    run: check,
};

/// Role words a fee clause names parties by, longest first (被上诉人 before 上诉人).
const ROLE_WORDS: &[&str] = &[
    "被上诉人",
    "上诉人",
    "被申请人",
    "申请人",
    "原审原告",
    "原审被告",
    "第三人",
    "原告",
    "被告",
];

/// The parties a clause names: by name, else by role word (原、被告 = both, 双方 = all).
fn mentioned(ctx: &Context, clause: &str, parties: &[(String, &str)]) -> Vec<usize> {
    let by_name: Vec<usize> = parties
        .iter()
        .enumerate()
        .filter(|(_, (_, name))| name.chars().count() >= 2 && clause.contains(name))
        .map(|(k, _)| k)
        .collect();
    if !by_name.is_empty() {
        return by_name;
    }
    let _ = ctx;
    if ["双方", "各方", "原、被告", "原被告"]
        .iter()
        .any(|w| clause.contains(w))
    {
        let mut v: Vec<usize> = (0..parties.len()).collect();
        if clause.contains("原、被告") || clause.contains("原被告") {
            v.retain(|&k| parties[k].0 == "原告" || parties[k].0 == "被告");
        }
        return v;
    }
    // mask longer role words so 上诉人 inside 被上诉人 is not read twice
    let mut rest = clause.to_string();
    let mut roles: Vec<&str> = Vec::new();
    for w in ROLE_WORDS {
        if rest.contains(w) {
            roles.push(w);
            rest = rest.replace(w, &"　".repeat(w.chars().count()));
        }
    }
    parties
        .iter()
        .enumerate()
        .filter(|(_, (role, _))| roles.contains(&role.as_str()))
        .map(|(k, _)| k)
        .collect()
}

/// A party as FE002 sees it: role, name, and the procedural status in brackets on its line
/// (上诉人（原审原告）).
struct Side<'a> {
    role: String,
    name: &'a str,
    status: &'a str,
}

fn check(ctx: &Context, out: &mut Emitter) {
    if !is_judgment_or_mediation(ctx) {
        return;
    }
    let p = ctx.patterns;
    let sides: Vec<Side> = ctx
        .parties()
        .iter()
        .filter_map(|party| {
            let pl = ctx.st.parties.iter().find(|l| l.para == party.para)?;
            let line = ctx.text(pl.para);
            Some(Side {
                role: pl.role.clone(),
                name: party.name.split(['（', '(']).next().unwrap_or(""),
                status: &line[..pl.prefix_len.min(line.len())],
            })
        })
        .collect();
    let parties: Vec<(String, &str)> = sides.iter().map(|s| (s.role.clone(), s.name)).collect();
    let with = |f: &dyn Fn(&Side) -> bool| -> Vec<usize> {
        sides
            .iter()
            .enumerate()
            .filter(|(_, s)| f(s))
            .map(|(k, _)| k)
            .collect()
    };
    let appeal = sides.iter().any(|s| s.role == "上诉人");
    let retrial = sides.iter().any(|s| s.role == "再审申请人");
    // who prepaid by default (诉讼费用交纳办法 art. 20): the plaintiff (applicant); in an
    // appeal, the appellant for the appeal fee and the first-instance plaintiff for that fee
    let appellants = with(&|s| s.role == "上诉人");
    let first_plaintiffs = with(&|s| {
        s.status.contains("原审原告") || s.status.contains("一审原告") || s.role == "原审原告"
    });
    let claimants = with(&|s| ["原告", "申请人", "起诉人"].contains(&s.role.as_str()));
    let fee_paras: Vec<usize> = (0..ctx.st.sections.len())
        .filter(|&i| matches!(ctx.st.sections[i], Section::Ruling | Section::Tail))
        .filter(|&i| fee_decision(p, ctx.text(i)).is_some())
        .collect();
    // is the fee settled anywhere in the fee paragraphs?
    let settled = fee_paras.iter().any(|&i| {
        let t = ctx.text(i);
        p.regexes(FILE, "fee_collect").is_match(t) || p.regexes(FILE, "fee_direct").is_match(t)
    });
    if settled {
        return;
    }
    const CLAUSE: &[char] = &['，', ',', '（', '）', '(', ')'];
    for &i in &fee_paras {
        let t = ctx.text(i);
        if fee_decision(p, t) != Some(FeeDecision::Complete)
            || p.keywords(FILE, "exemption").is_match(t)
        {
            continue;
        }
        // a prepayment stated anywhere in the paragraph (此款原告已预交)
        let stated_in = |s: &str| -> Vec<usize> {
            s.split(CLAUSE)
                .filter(|c| p.regexes(FILE, "prepaid").is_match(c))
                .flat_map(|c| mentioned(ctx, c, &parties))
                .collect()
        };
        let stated_para = stated_in(t);
        for sentence in t.split(['。', '；', ';']) {
            let first = sentence.contains("一审") || sentence.contains("原审");
            let second = sentence.contains("二审") || sentence.contains("上诉案件");
            let stated = stated_in(sentence);
            let prepayers: Vec<usize> = if !stated.is_empty() {
                stated
            } else if !stated_para.is_empty() {
                stated_para.clone()
            } else if retrial {
                // a retrial document: who prepaid the earlier fees is not in its party lines
                Vec::new()
            } else if appeal {
                let mut v = Vec::new();
                if first {
                    v.extend(&first_plaintiffs);
                }
                if second || !first {
                    v.extend(&appellants);
                }
                v
            } else {
                claimants.clone()
            };
            if prepayers.is_empty() {
                continue;
            }
            let bearers: Vec<usize> = sentence
                .split(CLAUSE)
                .filter(|c| !p.regexes(FILE, "prepaid").is_match(c))
                .filter(|c| c.contains("负担") || c.contains("承担"))
                .flat_map(|c| mentioned(ctx, c, &parties))
                .collect();
            let Some(&other) = bearers.iter().find(|k| !prepayers.contains(k)) else {
                continue;
            };
            let first = sides[other].name;
            let payer = sides[prepayers[0]].name;
            out.push(ctx.diag(
                &FE002,
                ctx.para_span(i),
                format!(
                    "诉讼费用由{first}负担，但由{payer}预交：未写明法院退还预交款并向{first}收取（及期限），也未写明{first}直接支付{payer}，预交方只能另行申请执行这笔费用"
                ),
            ));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint_bytes, Options, Selection};

    fn fe002(fee: &str, select: &[&str]) -> usize {
        let text = format!(
            "某某法院\n民事判决书\n（2024）川0703民初5号\n原告：张三，男，1980年1月1日出生，公民身份号码510703198001011232。\n被告：李四，男，1981年1月1日出生。\n原告张三与被告李四纠纷一案，本院于2024年1月2日立案后进行了审理。\n本院认为，被告应当还款。判决如下：\n被告李四于本判决生效之日起十日内偿还原告张三借款1000元。\n{fee}\n审判员　　赵六\n二〇二四年三月三日\n书记员　　孙七"
        );
        let opts = Options {
            selection: Selection {
                select: select.iter().map(|s| s.to_string()).collect(),
                ..Selection::default()
            },
            ..Options::default()
        };
        let rep = lint_bytes(text.as_bytes(), "t.txt", &opts);
        assert!(rep.error.is_none());
        rep.findings.iter().filter(|f| f.code == "FE002").count()
    }

    #[test]
    fn opt_in_only_when_named() {
        let fee = "案件受理费50元，由被告李四负担。";
        assert_eq!(fe002(fee, &[]), 0);
        assert_eq!(fe002(fee, &["ALL"]), 0);
        assert_eq!(fe002(fee, &["FE"]), 0);
        assert_eq!(fe002(fee, &["FE002"]), 1);
        assert_eq!(fe002(fee, &["EX", "FE002"]), 1);
    }

    #[test]
    fn who_prepaid_and_who_bears() {
        let on = ["FE002"];
        for fires in [
            "案件受理费50元，由被告李四负担。",
            "案件受理费50元，由被告负担（原告已预交）。",
            "案件受理费50元，原告张三负担10元，被告李四负担40元。",
            "案件受理费50元，此款已由原告垫付，由被告李四承担。",
        ] {
            assert_eq!(fe002(fires, &on), 1, "{fires}");
        }
        for silent in [
            "案件受理费50元，由原告张三负担。",
            "案件受理费50元，由被告李四负担，于本判决生效之日起十日内直接支付原告张三。",
            "案件受理费50元，由被告负担。原告预交的50元本院予以退还，被告应于本判决生效之日起七日内向本院交纳。",
            "案件受理费50元，由被告李四负担，与上述借款一并支付原告。",
            "本案免交案件受理费。",
            "案件受理费50元，被告李四已预交，由被告李四负担。",
        ] {
            assert_eq!(fe002(silent, &on), 0, "{silent}");
        }
    }
}
