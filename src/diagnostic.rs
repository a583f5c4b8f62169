//! Diagnostics: what a rule returns (code, severity, message, byte span), and the located
//! finding a report carries (paragraph/page/line/column resolved through the source map).

use serde::{Deserialize, Serialize};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// What a rule reports: a byte span in [`crate::Document::text`] and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    /// Chinese message: what is wrong, specific to this finding.
    pub message: String,
    /// Chinese help: what to write instead.
    pub help: String,
    /// Byte span of the offending text (for absences: where the text belongs).
    pub span: Range<usize>,
}

/// A diagnostic with its location resolved, ready for any report format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// 1-based, non-empty body paragraphs in reading order.
    pub paragraph: usize,
    pub page: Option<u32>,
    pub line: u32,
    pub column: u32,
    pub span: Span,
    /// The offending text.
    pub excerpt: String,
    /// The whole paragraph.
    pub context: String,
    pub help: String,
    /// Stable across edits elsewhere: the code and the normalised excerpt (see `baseline`).
    pub fingerprint: String,
    /// Set when a baseline or the API's `acknowledged` field acknowledges this finding: it is
    /// reported but counts neither for the exit status nor for the verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<Acknowledged>,
    /// Column of the span's start within `context` (characters, 0-based): for rendering carets.
    #[serde(skip)]
    pub context_char_start: usize,
    /// The span in characters of the extracted text (SARIF charOffset/charLength).
    #[serde(skip)]
    pub char_offset: usize,
    #[serde(skip)]
    pub char_length: usize,
}

/// Why a finding was acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Acknowledged {
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}
