//! JSON, JSONL: the machine contract (`../shared/spec/output.md`). Add fields freely; never
//! rename or remove one.

use crate::diagnostic::Finding;
use crate::document::ReadWarning;
use crate::report::dump::ErrorJson;
use crate::structure::DocInfo;
use crate::FileReport;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct FileJson<'a> {
    pub path: &'a str,
    pub format: Option<&'static str>,
    pub document: Option<&'a DocInfo>,
    pub error: Option<ErrorJson<'a>>,
    pub diagnostics: &'a [Finding],
    /// READ012: parts of the file not read, with the pages concerned (additive field).
    pub warnings: &'a [ReadWarning],
}

impl<'a> From<&'a FileReport> for FileJson<'a> {
    fn from(r: &'a FileReport) -> Self {
        FileJson {
            path: &r.path,
            format: r.format.map(|f| f.as_str()),
            document: r.info.as_ref(),
            error: r.error.as_ref().map(Into::into),
            diagnostics: &r.findings,
            warnings: &r.warnings,
        }
    }
}

/// Totals over a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub unreadable: usize,
    pub by_code: BTreeMap<String, usize>,
    /// Unreadable files by READ code.
    pub errors_by_code: BTreeMap<String, usize>,
    /// Files read only in part (READ012 warnings), by code.
    pub warnings_by_code: BTreeMap<String, usize>,
}

impl Summary {
    pub fn add(&mut self, r: &FileReport) {
        self.files += 1;
        if let Some(e) = &r.error {
            self.unreadable += 1;
            *self
                .errors_by_code
                .entry(e.code.as_str().to_string())
                .or_default() += 1;
        }
        if !r.findings.is_empty() {
            self.files_with_findings += 1;
        }
        for w in &r.warnings {
            *self.warnings_by_code.entry(w.code.to_string()).or_default() += 1;
        }
        for f in &r.findings {
            *self.by_code.entry(f.code.to_string()).or_default() += 1;
        }
    }
}

/// One file as a JSONL line (no trailing newline).
pub fn file_line(r: &FileReport) -> String {
    serde_json::to_string(&FileJson::from(r)).unwrap_or_default()
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

pub const TOOL_NAME: &str = "wenshu-lint";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The opening of a streamed `--format json` document: the caller writes
/// `head()`, then file objects joined by `,\n`, then `tail(summary)`.
pub fn head() -> String {
    format!(
        "{{\n\"tool\": {},\n\"files\": [\n",
        serde_json::to_string(&Tool {
            name: TOOL_NAME,
            version: TOOL_VERSION
        })
        .unwrap_or_default()
    )
}

pub fn tail(summary: &Summary) -> String {
    format!(
        "\n],\n\"summary\": {}\n}}\n",
        serde_json::to_string(summary).unwrap_or_default()
    )
}

/// The end of a `--format json` document for a run stopped by Ctrl-C: the same summary (of the
/// files checked so far) and `"interrupted": true`.
pub fn tail_interrupted(summary: &Summary) -> String {
    format!(
        "\n],\n\"interrupted\": true,\n\"summary\": {}\n}}\n",
        serde_json::to_string(summary).unwrap_or_default()
    )
}

/// The last `--format jsonl` line of a run stopped by Ctrl-C (only then: a complete run has no
/// summary line): `{"interrupted": true, "summary": {…}}`.
pub fn interrupted_line(summary: &Summary) -> String {
    format!(
        "{{\"interrupted\": true, \"summary\": {}}}\n",
        serde_json::to_string(summary).unwrap_or_default()
    )
}
