//! When the structure is not recognised (ST001).
//!
//! The document-level rules (PW, FE, PR) and the EX rules' item scope need the document kind,
//! the ruling items and the signature block. When any of them is not found, those rules cannot
//! run, and silence would read as "no defects": ST001 says what is missing instead. Input that is
//! not a court document at all (no kind, no parties, no ruling) gets ST001 too.

use crate::diagnostic::Severity;
use crate::rules::{Check, Context, Default, DocKind, Emitter, Example, Family, Rule, Scope, BOTH};
use crate::structure::Section;

pub const ST001: Rule = Rule {
    code: "ST001",
    name: "StructureNotRecognised",
    severity: Severity::Warning,
    family: Family::Structure,
    default: Default::On,
    scope: Scope {
        sections: &[],
        cases: &[],
        documents: &[],
    },
    summary: "The document kind, the ruling items or the signature block was not found, so document-level checks could not run",
    message: "未能识别文书结构",
    help: "确认文书包含标题（如“民事判决书”）与案号、“判决如下：”（或裁定如下、达成如下协议）及其后的判项、审判人员署名和日期；若文书确实如此而仍无法识别，请用 `wenshu-lint dump` 查看读取结果并反馈",
    explain: "本工具的履行提示（PW）、诉讼费（FE）、保全（PR）等文书级检查，以及判项（EX）检查，都要先找到文书种类（标题行，如“民事判决书”）、裁判主文（“判决如下：”之后的判项；通知书、报告财产令等没有判项的文书除外）和署名（审判人员与日期）。其中任何一项没有找到，相应检查就无法进行；此时没有其他提示并不表示文书没有问题。ST001 指出缺少的是哪一部分。完全不是裁判文书的输入（没有文书种类、当事人和判项）同样报告 ST001。提示位置在文书开头（缺少标题时）或最后一段。适用范围：所有输入的文书。",
    seed: "全部考核项（文书级检查的前提）",
    profiles: BOTH,
    bad: &[
        Example {
            parts: &[(Section::Header, "四川省绵阳市涪城区人民法院")],
        },
        Example {
            parts: &[(
                Section::Reasoning,
                "本院认为，原、被告之间的买卖合同合法有效，被告应当支付货款。",
            ), (Section::Ruling, "")],
        },
        Example {
            parts: &[(Section::Signature, "")],
        },
    ],
    good: &[Example { parts: &[] }],
};

pub const CHECK: Check = Check {
    rules: &[ST001],
    run: check,
};

fn check(cx: &Context, out: &mut Emitter) {
    let n = cx.doc.paragraphs.len();
    if n == 0 {
        return;
    }
    let st = cx.st;
    let kind = st.info.kind.is_some();
    // notices and orders (通知书, 报告财产令, 支付令) have no operative items of their own
    let needs_ruling = st.info.kind.is_none()
        || matches!(
            cx.doc_kind(),
            Some(DocKind::Judgment | DocKind::Ruling | DocKind::Mediation | DocKind::Decision)
        );
    let ruling = !st.items.is_empty() || !needs_ruling;
    let signature = st.signature_start.is_some();
    if kind && ruling && signature {
        return;
    }
    let parties = st.parties.iter().any(|p| !p.representative);
    let rule = &ST001;
    if !kind && !ruling && !parties {
        let message = "未能识别为裁判文书：没有找到文书种类（标题）、当事人和判项，未进行任何检查"
            .to_string();
        out.push(cx.diag(rule, cx.para_span(0), message));
        return;
    }
    let mut missing = Vec::new();
    if !kind {
        missing.push("文书种类（标题行，如“民事判决书”）");
    }
    if !ruling {
        missing.push("裁判主文（“判决如下：”等及其后的判项）");
    }
    if !signature {
        missing.push("署名（审判人员和日期）");
    }
    let message = format!(
        "未能识别文书结构：没有找到{}，履行提示、诉讼费和判项等文书级检查未能进行",
        missing.join("、")
    );
    // where the missing part belongs: the start for the title, else the end of the document
    let at = if !kind { 0 } else { n - 1 };
    out.push(cx.diag(rule, cx.para_span(at), message));
}
