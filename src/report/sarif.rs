//! SARIF 2.1.0: one run, the rule catalogue with help text, results with line/column regions.
//!
//! Artifact locations: an absolute path is a `file://` URI (`/home/张/a b.docx` →
//! `file:///home/%E5%BC%A0/a%20b.docx`, `C:\案卷\a.pdf` → `file:///C:/%E6%A1%88%E5%8D%B7/a.pdf`); a
//! relative path stays a relative reference with `/` separators, percent-encoded where a URI
//! needs it. Unreadable files are tool execution notifications whose descriptors are the READ
//! codes (`tool.driver.notifications`). Checked with Microsoft's SARIF Multitool (tests/sarif_multitool.rs).

use crate::diagnostic::Severity;
use crate::read::ReadCode;
use crate::rules::Rule;
use crate::FileReport;
use serde_json::{json, Value};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_json(r: &Rule) -> Value {
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": format!("{}：{}", r.message, r.explain)},
        "help": {"text": r.help},
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": r.sarif_properties()
    })
}

fn notification_json(c: ReadCode) -> Value {
    let d = c.doc();
    json!({
        "id": d.code,
        "name": d.name,
        "shortDescription": {"text": d.title},
        "fullDescription": {"text": d.meaning},
        "help": {"text": d.remedy},
        "defaultConfiguration": {"level": "error"}
    })
}

/// Bytes a URI may carry as they are (RFC 3986 unreserved characters and the path separator).
fn keep(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
}

fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if keep(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The SARIF `artifactLocation.uri` of a reported path: `file://` URI when absolute (Unix, Windows
/// drive or UNC), else a relative reference with `/` separators; percent-encoded either way.
pub fn artifact_uri(path: &str) -> String {
    uri_of(path, cfg!(windows))
}

/// [`artifact_uri`] for a path of Windows (`\\` separates) or not (`\\` is a file-name character).
fn uri_of(path: &str, windows: bool) -> String {
    let p = if windows {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let b = p.as_bytes();
    let drive = b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/';
    if drive {
        // file:///C:/dir/file — the drive's colon is kept
        format!("file:///{}:{}", &p[..1], percent_encode(&p[2..]))
    } else if let Some(unc) = p.strip_prefix("//") {
        format!("file://{}", percent_encode(unc))
    } else if p.starts_with('/') {
        format!("file://{}", percent_encode(&p))
    } else {
        percent_encode(&p)
    }
}

/// A whole SARIF log for these reports. Unreadable files become tool execution notifications.
pub fn log(reports: &[FileReport], rules: &[&Rule]) -> String {
    let index = |code: &str| rules.iter().position(|r| r.code == code);
    let read_index = |c: ReadCode| ReadCode::ALL.iter().position(|x| *x == c);
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for rep in reports {
        let uri = artifact_uri(&rep.path);
        if let Some(e) = &rep.error {
            notifications.push(json!({
                "level": "error",
                "descriptor": {"id": e.code.as_str(), "index": read_index(e.code)},
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]
            }));
            continue;
        }
        for w in &rep.warnings {
            // A file read only in part: a warning notification (not a rule result).
            notifications.push(json!({
                "level": "warning",
                "descriptor": {"id": w.code},
                "message": {"text": w.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                "properties": {"pages": w.pages}
            }));
        }
        for f in &rep.findings {
            let mut result = json!({
                "ruleId": f.code,
                "level": level(f.severity),
                "message": {"text": format!("{}（{}）", f.message, f.help)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "charOffset": f.char_offset,
                            "charLength": f.char_length,
                            "snippet": {"text": f.excerpt}
                        }
                    }
                }],
                "properties": {"paragraph": f.paragraph, "page": f.page}
            });
            if let Some(i) = index(f.code) {
                result["ruleIndex"] = json!(i);
            }
            results.push(result);
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": crate::report::json::TOOL_NAME,
                "version": crate::report::json::TOOL_VERSION,
                "informationUri": "https://github.com/wenshu-lint/wenshu-lint",
                "rules": rules.iter().map(|r| rule_json(r)).collect::<Vec<_>>(),
                "notifications": ReadCode::ALL.iter().map(|c| notification_json(*c)).collect::<Vec<_>>()
            }},
            "invocations": [{"executionSuccessful": !notifications.iter().any(|n| n["level"] == "error"), "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// `--format sarif`: one log, written at the end from the reports kept here.
#[derive(Default)]
pub struct Sarif {
    kept: Vec<FileReport>,
}

impl crate::report::Sink for Sarif {
    fn file(&mut self, _out: &mut dyn std::io::Write, r: &FileReport) -> std::io::Result<()> {
        self.kept.push(r.clone());
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn std::io::Write,
        _end: &crate::report::End,
    ) -> std::io::Result<()> {
        out.write_all(log(&self.kept, &crate::rules::all()).as_bytes())?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::uri_of;

    fn artifact_uri(p: &str) -> String {
        uri_of(p, false)
    }

    #[test]
    fn absolute_paths_are_file_uris_relative_ones_stay_relative() {
        assert_eq!(artifact_uri("/home/a/x.docx"), "file:///home/a/x.docx");
        assert_eq!(
            artifact_uri("/srv/案卷 2024/判决书#1.pdf"),
            "file:///srv/%E6%A1%88%E5%8D%B7%202024/%E5%88%A4%E5%86%B3%E4%B9%A6%231.pdf"
        );
        assert_eq!(artifact_uri("corpus/d01.txt"), "corpus/d01.txt");
        // on Unix a backslash is part of a file name
        assert_eq!(artifact_uri("a\\b.txt"), "a%5Cb.txt");
        // Windows paths
        assert_eq!(
            uri_of("C:\\案卷\\a.pdf", true),
            "file:///C:/%E6%A1%88%E5%8D%B7/a.pdf"
        );
        assert_eq!(
            uri_of("\\\\server\\share\\a.pdf", true),
            "file://server/share/a.pdf"
        );
        assert_eq!(uri_of("corpus\\d01.txt", true), "corpus/d01.txt");
        assert_eq!(artifact_uri("./a b/c%.txt"), "./a%20b/c%25.txt");
        // a colon in a relative first segment would read as a scheme
        assert_eq!(artifact_uri("a:b.txt"), "a%3Ab.txt");
        assert_eq!(artifact_uri("-"), "-");
    }
}
