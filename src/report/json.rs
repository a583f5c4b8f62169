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
    close(&[], summary)
}

/// The end of a document: `files` closed, then `members` (name and JSON text), then `summary`.
fn close(members: &[(String, String)], summary: &Summary) -> String {
    let mut o = String::from("\n],\n");
    for (name, value) in members {
        o.push_str(&format!("\"{name}\": {value},\n"));
    }
    o.push_str(&format!(
        "\"summary\": {}\n}}\n",
        serde_json::to_string(summary).unwrap_or_default()
    ));
    o
}

/// The end of a `--format json` document for a run stopped by Ctrl-C: the same summary (of the
/// files checked so far) and `"interrupted": true`.
pub fn tail_interrupted(summary: &Summary) -> String {
    close(&[("interrupted".into(), "true".into())], summary)
}

/// The last `--format jsonl` line of a run stopped by Ctrl-C (only then: a complete run has no
/// summary line): `{"interrupted": true, "summary": {…}}`.
pub fn interrupted_line(summary: &Summary) -> String {
    format!(
        "{{\"interrupted\": true, \"summary\": {}}}\n",
        serde_json::to_string(summary).unwrap_or_default()
    )
}

/// A `--stdin-jsonl` result line: the `files[]` object plus `seq` (and `id`), no newline.
pub fn tagged_line(report: &FileReport, tag: crate::report::Tag) -> String {
    let mut line = file_line(report);
    if line.ends_with('}') {
        line.pop();
        line.push_str(&format!(",\"seq\":{}", tag.seq));
        if let Some(id) = tag.id {
            line.push_str(",\"id\":");
            line.push_str(&id.to_string());
        }
        line.push('}');
    }
    line
}

/// `--format json`: one document; file objects are written as they come.
#[derive(Debug, Default)]
pub struct Json {
    written: usize,
    /// Members written between `files` and `summary` (name, JSON text): the server's `text`,
    /// `verdict`, `fail_on`.
    pub members: Vec<(String, String)>,
}

impl crate::report::Sink for Json {
    fn begin(&mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(head().as_bytes())
    }

    fn file(&mut self, out: &mut dyn std::io::Write, r: &FileReport) -> std::io::Result<()> {
        if self.written > 0 {
            out.write_all(b",\n")?;
        }
        self.written += 1;
        out.write_all(file_line(r).as_bytes())
    }

    fn finish(
        &mut self,
        out: &mut dyn std::io::Write,
        end: &crate::report::End,
    ) -> std::io::Result<()> {
        let mut members = Vec::new();
        if end.interrupted {
            members.push(("interrupted".to_string(), "true".to_string()));
        }
        members.extend(self.members.iter().cloned());
        out.write_all(close(&members, end.summary).as_bytes())
    }
}

/// `--format jsonl`: a line per file, flushed as soon as it is written; a run stopped by Ctrl-C
/// ends with [`interrupted_line`].
#[derive(Debug, Default, Clone, Copy)]
pub struct Jsonl;

impl crate::report::Sink for Jsonl {
    fn file(&mut self, out: &mut dyn std::io::Write, r: &FileReport) -> std::io::Result<()> {
        out.write_all(file_line(r).as_bytes())?;
        out.write_all(b"\n")?;
        out.flush()
    }

    /// The stream protocol's line (not flushed: the stream flushes a chunk at a time).
    fn tagged(
        &mut self,
        out: &mut dyn std::io::Write,
        r: &FileReport,
        tag: crate::report::Tag,
    ) -> std::io::Result<()> {
        out.write_all(tagged_line(r, tag).as_bytes())?;
        out.write_all(b"\n")
    }

    fn finish(
        &mut self,
        out: &mut dyn std::io::Write,
        end: &crate::report::End,
    ) -> std::io::Result<()> {
        if end.interrupted {
            out.write_all(interrupted_line(end.summary).as_bytes())?;
        }
        Ok(())
    }
}
