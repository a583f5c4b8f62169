//! Preservation (seed items 1 and 12): PR001, PR002.
//!
//! * PR001 — a preservation ruling (诉前/诉讼财产保全 民事裁定书) whose operative part neither caps
//!   the value preserved nor identifies the property (seed item 1: 精准保全裁定).
//! * PR002 — a judgment or mediation document in a case where property was preserved that never
//!   records what was preserved (seed item 12: 保全结果应在裁判文书中详细载明).
//!
//! Vocabulary is in `patterns/preservation.txt`.

pub mod pr001;
pub mod pr002;

use crate::rules::items::document_kind;
use crate::rules::{CaseKind, Context, DocKind, Family};
use crate::structure::Section;

/// The pattern file of this family.
pub(crate) const F: &str = Family::Preservation.pattern_file();
pub(crate) const SEED_1: &str =
    "第1项 诉前保全：及时审查并作出保全标的精准保全裁定（防止超标的保全）";
pub(crate) const SEED_12: &str = "第12项 保全案件：执行局反馈的保全结果应在裁判文书中详细载明";

/// Is the document a preservation ruling (诉前/诉讼/执行前 财产保全 民事裁定书)? Its operative
/// part is the ruling section: the measures (查封, 冻结, 扣押) on the respondent's property.
/// Decided by the case number (…财保56号, 诉保, 执保), or by an application for preservation in
/// the procedure or reasoning of a civil ruling whose items take a measure.
pub fn is_preservation_ruling(ctx: &Context) -> bool {
    if document_kind(ctx) != Some(DocKind::Ruling) {
        return false;
    }
    if matches!(
        ctx.case_kind(),
        CaseKind::Criminal | CaseKind::StateCompensation
    ) {
        return false;
    }
    let p = ctx.patterns;
    if let Some(n) = ctx.st.info.case_number.as_deref() {
        if p.regexes(F, "case_number").is_match(n) {
            return true;
        }
    }
    if ctx.case_kind() == CaseKind::Execution {
        return false;
    }
    let applied = (0..ctx.st.sections.len())
        .filter(|&i| matches!(ctx.st.sections[i], Section::Procedure | Section::Reasoning))
        .any(|i| p.regexes(F, "application").is_match(ctx.text(i)));
    applied
        && ctx.st.items.iter().any(|it| {
            it.paras
                .iter()
                .any(|&i| p.keywords(F, "measure").is_match(ctx.live_text(i)))
        })
}
