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

use crate::rules::{Context, Family};

/// The pattern file of this family.
pub(crate) const F: &str = Family::Preservation.pattern_file();
pub(crate) const SEED_1: &str =
    "第1项 诉前保全：及时审查并作出保全标的精准保全裁定（防止超标的保全）";
pub(crate) const SEED_12: &str = "第12项 保全案件：执行局反馈的保全结果应在裁判文书中详细载明";

/// Is the document a preservation ruling (诉前/诉讼/执行前 财产保全 民事裁定书)? The structure
/// decides it (`Structure::preservation_ruling`, a document kind of its own): by the case number
/// (…财保56号, 诉保, 执保), or by an application for preservation in the procedure or reasoning of
/// a civil ruling whose items take a measure.
pub fn is_preservation_ruling(ctx: &Context) -> bool {
    ctx.st.preservation_ruling
}
