//! `--format csv`: one row per file for a 庭长 reviewing a batch in Excel or WPS.
//!
//! UTF-8 with a byte-order mark (so Excel opens Chinese correctly), CRLF line ends, RFC 4180
//! quoting, a Chinese header row: 文件, 案号, 文书种类, 日期, one column per catalogue code (the
//! number of findings of that code), 问题合计, 错误代码 and 错误说明 for an unreadable file.
//! Streamed: [`header`] once, then [`row`] per file.

use crate::rules::Rule;
use crate::FileReport;

/// Quote a field when it holds a comma, quote, or line break. A field that a spreadsheet would
/// take for a formula (starting with = + - @) is prefixed with an apostrophe.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The byte-order mark and the header row.
pub fn header(rules: &[&Rule]) -> String {
    let mut cols: Vec<String> = ["文件", "案号", "文书种类", "日期"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    cols.extend(rules.iter().map(|r| r.code.to_string()));
    cols.extend(
        ["问题合计", "错误代码", "错误说明"]
            .iter()
            .map(|s| s.to_string()),
    );
    format!("\u{feff}{}\r\n", cols.join(","))
}

/// One file's row.
pub fn row(r: &FileReport, rules: &[&Rule]) -> String {
    let info = r.info.as_ref();
    let mut cols = vec![
        field(&r.path),
        field(info.and_then(|i| i.case_number.as_deref()).unwrap_or("")),
        field(
            &info
                .map(|i| {
                    format!(
                        "{}{}",
                        i.case_kind.as_deref().unwrap_or(""),
                        i.kind.as_deref().unwrap_or("")
                    )
                })
                .unwrap_or_default(),
        ),
        field(info.and_then(|i| i.date.as_deref()).unwrap_or("")),
    ];
    for rule in rules {
        let n = r.findings.iter().filter(|f| f.code == rule.code).count();
        cols.push(n.to_string());
    }
    cols.push(r.findings.len().to_string());
    match &r.error {
        Some(e) => {
            cols.push(e.code.as_str().to_string());
            cols.push(field(&e.message));
        }
        None => {
            cols.push(String::new());
            cols.push(String::new());
        }
    }
    format!("{}\r\n", cols.join(","))
}

/// `--format csv`: the header, then a row per file as it comes.
pub struct Csv {
    rules: Vec<&'static Rule>,
}

impl Default for Csv {
    fn default() -> Self {
        Csv {
            rules: crate::rules::all(),
        }
    }
}

impl crate::report::Sink for Csv {
    fn begin(&mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(header(&self.rules).as_bytes())
    }

    fn file(&mut self, out: &mut dyn std::io::Write, r: &FileReport) -> std::io::Result<()> {
        out.write_all(row(r, &self.rules).as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(field("=cmd()"), "'=cmd()");
        assert_eq!(
            field("（2024）川0781民初2140号"),
            "（2024）川0781民初2140号"
        );
    }

    #[test]
    fn header_and_row_have_the_same_width() {
        let rules = crate::rules::all();
        let h = header(&rules);
        assert!(h.starts_with('\u{feff}'));
        let r = crate::lint_bytes(b"", "empty.txt", &crate::Options::default());
        let row = row(&r, &rules);
        assert_eq!(h.matches(',').count(), row.matches(',').count());
        assert!(row.contains("READ001"));
    }
}
