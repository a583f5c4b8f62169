//! Human output: rustc/ruff-style snippets with carets aligned for double-width CJK.

use crate::diagnostic::{Finding, Severity};
use crate::report::json::Summary;
use crate::FileReport;
use std::fmt::Write;
use unicode_width::UnicodeWidthChar;

/// Rendering options.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Characters of context shown before the span in a long paragraph.
const BEFORE: usize = 24;
/// Characters shown in total at most.
const WINDOW: usize = 72;

fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if c == '\t' { 4 } else { c.width().unwrap_or(0) })
        .sum()
}

/// The snippet line and the caret line for a finding.
fn snippet(f: &Finding) -> (String, String) {
    let chars: Vec<char> = f.context.chars().collect();
    let start = f.context_char_start.min(chars.len());
    let span_chars = f.excerpt.chars().count().max(1);
    let from = start.saturating_sub(BEFORE);
    let to = (start + span_chars.max(WINDOW - (start - from)))
        .min(chars.len())
        .max(start);
    let to = to.min(from + WINDOW.max(start - from + span_chars));
    let prefix: String = chars[from..start].iter().collect();
    let shown_end = (start + span_chars).min(to).max(start);
    let shown_span: String = chars[start..shown_end].iter().collect();
    let mut line = String::new();
    if from > 0 {
        line.push('…');
    }
    line.push_str(
        &chars[from..to]
            .iter()
            .collect::<String>()
            .replace('\t', "    "),
    );
    if to < chars.len() {
        line.push('…');
    }
    let pad = width(&prefix) + if from > 0 { width("…") } else { 0 };
    let carets = width(&shown_span).max(1);
    (line, format!("{}{}", " ".repeat(pad), "^".repeat(carets)))
}

/// Render one file's findings (and read error) for people.
pub fn file(r: &FileReport, style: Style) -> String {
    let mut s = String::new();
    if let Some(e) = &r.error {
        let _ = writeln!(
            s,
            "{}: {}",
            style.paint("1;31", &format!("error[{}]", e.code.as_str())),
            e.message
        );
        let _ = writeln!(s, "  --> {}", r.path);
        s.push('\n');
        return s;
    }
    for w in &r.warnings {
        let _ = writeln!(
            s,
            "{}: {}",
            style.paint("1;33", &format!("warning[{}]", w.code)),
            style.paint("1", &w.message)
        );
        let _ = writeln!(s, "  --> {}", r.path);
        s.push('\n');
    }
    for f in &r.findings {
        let (label, color) = match f.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
            Severity::Info => ("info", "1;36"),
        };
        let _ = writeln!(
            s,
            "{}: {}",
            style.paint(color, &format!("{label}[{}]", f.code)),
            style.paint("1", &f.message)
        );
        let loc = match f.page {
            Some(p) => format!(
                "{}:第{}段（第{}页第{}行）:{}",
                r.path, f.paragraph, p, f.line, f.column
            ),
            // a text file's source line differs from the paragraph number where blank lines stand
            None if f.line as usize != f.paragraph => format!(
                "{}:第{}段（第{}行）:{}",
                r.path, f.paragraph, f.line, f.column
            ),
            None => format!("{}:第{}段:{}", r.path, f.paragraph, f.column),
        };
        let num = f.paragraph.to_string();
        let gutter = " ".repeat(num.len());
        let _ = writeln!(s, "{gutter}{} {loc}", style.paint("1;34", "-->"));
        let _ = writeln!(s, "{gutter} {}", style.paint("1;34", "|"));
        let (line, carets) = snippet(f);
        let _ = writeln!(
            s,
            "{} {} {line}",
            style.paint("1;34", &num),
            style.paint("1;34", "|")
        );
        let _ = writeln!(
            s,
            "{gutter} {} {}",
            style.paint("1;34", "|"),
            style.paint(color, &carets)
        );
        let _ = writeln!(s, "{gutter} {} 帮助：{}", style.paint("1;34", "="), f.help);
        s.push('\n');
    }
    s
}

/// The closing summary line(s).
pub fn summary(sum: &Summary, elapsed_s: f64, style: Style) -> String {
    let mut s = String::new();
    let total: usize = sum.by_code.values().sum();
    let codes: Vec<String> = sum
        .by_code
        .iter()
        .map(|(c, n)| format!("{c}×{n}"))
        .collect();
    let partial: usize = sum.warnings_by_code.values().sum();
    let head = if total == 0 && sum.unreadable == 0 && partial == 0 {
        style.paint("1;32", "未发现问题")
    } else {
        style.paint("1", &format!("发现 {total} 个问题"))
    };
    let _ = write!(
        s,
        "{head}：检查 {} 个文件，{} 个有问题",
        sum.files, sum.files_with_findings
    );
    if sum.unreadable > 0 {
        let _ = write!(s, "，{} 个无法读取", sum.unreadable);
    }
    if partial > 0 {
        let _ = write!(s, "，{partial} 处内容未能完整读取（READ012）");
    }
    let _ = write!(s, "，用时 {elapsed_s:.2} 秒");
    if !codes.is_empty() {
        let _ = write!(s, "（{}）", codes.join("，"));
    }
    s.push('\n');
    s
}

/// The end-of-run summary for a terminal's stderr (machine formats): files, findings by code,
/// unreadable files by READ code, time.
pub fn stderr_summary(sum: &Summary, elapsed_s: f64) -> String {
    let findings: usize = sum.by_code.values().sum();
    let list = |m: &std::collections::BTreeMap<String, usize>| {
        m.iter()
            .map(|(c, n)| format!("{c}×{n}"))
            .collect::<Vec<_>>()
            .join("，")
    };
    let rate = if elapsed_s > 0.0 {
        sum.files as f64 / elapsed_s
    } else {
        0.0
    };
    let mut s = format!(
        "wenshu-lint：检查 {} 个文件，用时 {elapsed_s:.2} 秒（{rate:.0} 个/秒）；{} 个文件共 {findings} 个问题",
        sum.files, sum.files_with_findings
    );
    if findings > 0 {
        s.push_str(&format!("（{}）", list(&sum.by_code)));
    }
    if sum.unreadable > 0 {
        s.push_str(&format!(
            "；{} 个无法读取（{}）",
            sum.unreadable,
            list(&sum.errors_by_code)
        ));
    }
    s.push('\n');
    s
}

/// `--format human`: each file's findings as they come, the summary line at the end.
#[derive(Debug, Clone, Copy, Default)]
pub struct Human {
    style: Style,
}

impl Human {
    pub fn new(style: Style) -> Human {
        Human { style }
    }
}

impl crate::report::Sink for Human {
    fn file(&mut self, out: &mut dyn std::io::Write, r: &FileReport) -> std::io::Result<()> {
        out.write_all(file(r, self.style).as_bytes())
    }

    fn finish(
        &mut self,
        out: &mut dyn std::io::Write,
        end: &crate::report::End,
    ) -> std::io::Result<()> {
        out.write_all(summary(end.summary, end.elapsed_s, self.style).as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn finding(context: &str, excerpt: &str) -> Finding {
        let start = context.find(excerpt).unwrap();
        Finding {
            code: "EX001",
            severity: Severity::Error,
            message: "m".into(),
            paragraph: 17,
            page: None,
            line: 17,
            column: 1,
            span: Span { start: 0, end: 0 },
            excerpt: excerpt.into(),
            context: context.into(),
            help: "h".into(),
            fingerprint: crate::baseline::fingerprint("EX001", excerpt),
            acknowledged: None,
            context_char_start: context[..start].chars().count(),
            char_offset: 0,
            char_length: 0,
        }
    }

    #[test]
    fn carets_align_under_cjk() {
        let f = finding(
            "四、原告名下的存款归原告所有，其余夫妻共同财产由双方协商分割；",
            "其余夫妻共同财产",
        );
        let (line, carets) = snippet(&f);
        assert_eq!(
            line,
            "四、原告名下的存款归原告所有，其余夫妻共同财产由双方协商分割；"
        );
        // 15 double-width characters before the span, 8 in it
        assert_eq!(carets, format!("{}{}", " ".repeat(30), "^".repeat(16)));
    }

    #[test]
    fn long_paragraph_is_windowed() {
        let ctx = format!("{}目标文字{}", "甲".repeat(100), "乙".repeat(100));
        let f = finding(&ctx, "目标文字");
        let (line, carets) = snippet(&f);
        assert!(line.starts_with('…') && line.ends_with('…'));
        let caret_col = carets.find('^').unwrap();
        let line_prefix: String = line.chars().take_while(|c| *c != '目').collect();
        assert_eq!(caret_col, width(&line_prefix));
    }
}
