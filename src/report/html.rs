//! `--format html`: one self-contained HTML file (inline CSS, no script, no font, image or any
//! other URL), Chinese interface, A4 print styles.
//!
//! [`report`] renders a summary and each file's findings (location, the paragraph with the span
//! highlighted, message, help). [`report_with_text`] adds, for a single document, its full text
//! by section with every finding highlighted in place and numbered notes beside it, so a judge
//! reads the draft and the notes side by side. Pure functions: reports in, a `String` out. All
//! document text is escaped.

use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::report::dump::section_zh;
use crate::report::json::{Summary, TOOL_VERSION};
use crate::structure::Structure;
use crate::FileReport;
use std::fmt::Write;

/// Escape text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn sev_zh(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

fn sev_class(s: Severity) -> &'static str {
    s.as_str()
}

const CSS: &str = r#"
:root{--err:#b3261e;--warn:#8a5a00;--errbg:#fde2e0;--warnbg:#fff1c2;--line:#d9d9d9;--muted:#5f6368}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;font:15px/1.7 "Noto Serif CJK SC","Source Han Serif SC","Songti SC",SimSun,"宋体",serif;color:#1f1f1f;background:#fff}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #1f1f1f;padding-bottom:2px}
h3{font-size:15px;margin:18px 0 6px;color:var(--muted)}
.meta{color:var(--muted);font-size:13px;margin:0}
table{border-collapse:collapse;margin:6px 0 12px}
th,td{border:1px solid var(--line);padding:3px 10px;text-align:left;vertical-align:top}
th{background:#f3f3f3;font-weight:600}
td.n{text-align:right}
.code{font-family:"Noto Sans Mono CJK SC","DejaVu Sans Mono",monospace;font-weight:700}
.sev{display:inline-block;font-size:12px;padding:0 6px;border-radius:3px;margin:0 6px;color:#fff}
.sev.error{background:var(--err)}.sev.warning{background:var(--warn)}.sev.info{background:#1a73e8}
.file{margin:18px 0 28px;break-inside:auto}
.file h2{font-family:"Noto Sans CJK SC",sans-serif;font-size:16px;word-break:break-all}
.unreadable{color:var(--err);font-weight:600}
.clean{color:#137333;font-weight:600}
ol.findings{padding-left:1.6em;margin:6px 0}
ol.findings>li{margin:0 0 12px;break-inside:avoid}
.loc{color:var(--muted);font-size:13px}
.msg{margin:2px 0;font-weight:600}
.excerpt{margin:2px 0;padding:4px 10px;background:#fafafa;border-left:3px solid var(--line)}
.help{margin:2px 0;color:#174ea6}
mark{background:var(--warnbg);color:inherit;padding:0 1px;border-bottom:2px solid var(--warn);-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.error{background:var(--errbg);border-bottom-color:var(--err)}
sup.ref{font-family:sans-serif;font-size:11px;font-weight:700;color:var(--err);margin-left:1px}
.missing{font-family:sans-serif;font-size:12px;font-weight:700;color:var(--err);background:var(--errbg);border:1px dashed var(--err);padding:0 3px;margin-right:3px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.doc .row{display:grid;grid-template-columns:minmax(0,1fr) 17em;gap:18px;border-top:1px dotted #eee}
.doc .para{margin:4px 0;text-indent:2em;white-space:pre-wrap}
.doc .pn{font-family:sans-serif;font-size:11px;color:#9aa0a6;margin-right:6px;text-indent:0}
.doc .notes{font-size:13px;line-height:1.5;padding:4px 0}
.doc .note{margin:0 0 8px;padding:4px 8px;border-left:3px solid var(--warn);background:#fffbea;break-inside:avoid;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.doc .note.error{border-left-color:var(--err);background:#fff5f4}
.doc .note b{font-family:sans-serif}
footer{margin-top:32px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:6px}
@page{size:A4;margin:16mm 14mm 18mm}
@media print{
 body{padding:0;font-size:10.5pt}
 h2{break-after:avoid}
 .file{break-before:page}
 .file:first-of-type{break-before:auto}
 .doc .row{grid-template-columns:minmax(0,1fr) 58mm;gap:5mm}
 a{color:inherit;text-decoration:none}
}
"#;

fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(title)
    )
}

fn location(f: &Finding) -> String {
    match f.page {
        Some(p) => format!(
            "第{}段（第{}页第{}行）第{}字",
            f.paragraph, p, f.line, f.column
        ),
        None => format!("第{}段第{}字", f.paragraph, f.column),
    }
}

/// The finding's paragraph with its span highlighted (a long paragraph is cut around it).
fn excerpt_html(f: &Finding) -> String {
    const BEFORE: usize = 60;
    const AFTER: usize = 80;
    let chars: Vec<char> = f.context.chars().collect();
    let start = f.context_char_start.min(chars.len());
    let len = f.excerpt.chars().count();
    let end = (start + len).min(chars.len());
    let from = start.saturating_sub(BEFORE);
    let to = (end + AFTER).min(chars.len());
    let s = |a: usize, b: usize| esc(&chars[a..b].iter().collect::<String>());
    let class = sev_class(f.severity);
    let mut o = String::new();
    if from > 0 {
        o.push('…');
    }
    o.push_str(&s(from, start));
    if end > start {
        let _ = write!(o, "<mark class=\"{class}\">{}</mark>", s(start, end));
    } else {
        o.push_str("<span class=\"missing\">此处缺少内容</span>");
    }
    o.push_str(&s(end, to));
    if to < chars.len() {
        o.push('…');
    }
    o
}

fn finding_item(f: &Finding, id: &str, n: Option<usize>) -> String {
    let num = n.map(|n| format!("〔{n}〕")).unwrap_or_default();
    format!(
        "<li class=\"finding {cls}\" id=\"{id}\" data-code=\"{code}\"><span class=\"code\">{num}{code}</span><span class=\"sev {cls}\">{sev}</span><span class=\"loc\">{loc}</span>\n<p class=\"msg\">{msg}</p>\n<p class=\"excerpt\">{ex}</p>\n<p class=\"help\">帮助：{help}</p></li>\n",
        cls = sev_class(f.severity),
        code = esc(f.code),
        sev = sev_zh(f.severity),
        loc = esc(&location(f)),
        msg = esc(&f.message),
        ex = excerpt_html(f),
        help = esc(&f.help),
    )
}

fn summary_html(reports: &[FileReport]) -> String {
    let mut sum = Summary::default();
    let mut sev_of = std::collections::BTreeMap::new();
    let mut msg_of = std::collections::BTreeMap::new();
    let (mut errors, mut warnings) = (0usize, 0usize);
    for r in reports {
        sum.add(r);
        for f in &r.findings {
            sev_of.entry(f.code).or_insert(f.severity);
            if let Some(rule) = crate::rules::by_code(f.code) {
                msg_of.entry(f.code).or_insert(rule.message);
            }
            match f.severity {
                Severity::Error => errors += 1,
                _ => warnings += 1,
            }
        }
    }
    let total: usize = sum.by_code.values().sum();
    let mut o =
        String::from("<section class=\"summary\" id=\"summary\">\n<h2>概要</h2>\n<table>\n");
    let _ = write!(
        o,
        "<tr><th>检查文件</th><td class=\"n\" id=\"sum-files\">{}</td></tr>\n<tr><th>有问题的文件</th><td class=\"n\">{}</td></tr>\n<tr><th>问题总数</th><td class=\"n\" id=\"sum-findings\">{total}</td></tr>\n<tr><th>其中错误 / 警告</th><td class=\"n\">{errors} / {warnings}</td></tr>\n<tr><th>无法读取的文件</th><td class=\"n\" id=\"sum-unreadable\">{}</td></tr>\n</table>\n",
        sum.files, sum.files_with_findings, sum.unreadable
    );
    if total > 0 {
        o.push_str("<h3>按问题代码</h3>\n<table class=\"by-code\">\n<tr><th>代码</th><th>严重程度</th><th>问题</th><th>数量</th></tr>\n");
        for (code, n) in &sum.by_code {
            let sev = sev_of
                .get(code.as_str())
                .copied()
                .unwrap_or(Severity::Warning);
            let _ = writeln!(
                o,
                "<tr><td class=\"code\">{}</td><td><span class=\"sev {}\">{}</span></td><td>{}</td><td class=\"n\">{n}</td></tr>",
                esc(code),
                sev_class(sev),
                sev_zh(sev),
                esc(msg_of.get(code.as_str()).copied().unwrap_or(""))
            );
        }
        o.push_str("</table>\n");
    }
    if sum.unreadable > 0 {
        o.push_str("<h3>无法读取的文件</h3>\n<table class=\"unreadable-list\">\n<tr><th>文件</th><th>代码</th><th>原因</th></tr>\n");
        for r in reports {
            if let Some(e) = &r.error {
                let _ = writeln!(
                    o,
                    "<tr><td>{}</td><td class=\"code\">{}</td><td>{}</td></tr>",
                    esc(&r.path),
                    e.code.as_str(),
                    esc(&e.message)
                );
            }
        }
        o.push_str("</table>\n");
    }
    o.push_str("</section>\n");
    o
}

fn doc_line(r: &FileReport) -> String {
    match &r.info {
        Some(i) => format!(
            "文书：{}{}　案号：{}　日期：{}",
            i.case_kind.as_deref().unwrap_or(""),
            i.kind.as_deref().unwrap_or("（未识别）"),
            i.case_number.as_deref().unwrap_or("（未识别）"),
            i.date.as_deref().unwrap_or("（未识别）")
        ),
        None => String::new(),
    }
}

fn file_html(r: &FileReport, idx: usize, numbered: bool) -> String {
    let mut o = format!(
        "<article class=\"file\" id=\"file-{idx}\">\n<h2>{}</h2>\n",
        esc(&r.path)
    );
    let line = doc_line(r);
    if !line.is_empty() {
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", esc(&line));
    }
    if let Some(e) = &r.error {
        let _ = writeln!(
            o,
            "<p class=\"unreadable\">无法读取 <span class=\"code\">{}</span>：{}</p>",
            e.code.as_str(),
            esc(&e.message)
        );
    } else if r.findings.is_empty() {
        o.push_str("<p class=\"clean\">未发现问题</p>\n");
    } else {
        let _ = writeln!(
            o,
            "<p>共 {} 个问题</p>\n<ol class=\"findings\">",
            r.findings.len()
        );
        for (j, f) in r.findings.iter().enumerate() {
            o.push_str(&finding_item(
                f,
                &format!("file-{idx}-finding-{}", j + 1),
                numbered.then_some(j + 1),
            ));
        }
        o.push_str("</ol>\n");
    }
    o.push_str("</article>\n");
    o
}

/// A table of the files with links to their sections: for a 庭长 going through a batch.
fn index_html(reports: &[FileReport]) -> String {
    let mut o = String::from("<section class=\"index\" id=\"index\">\n<h2>文件一览</h2>\n<table>\n<tr><th>文件</th><th>案号</th><th>问题</th><th>代码</th></tr>\n");
    for (i, r) in reports.iter().enumerate() {
        let case = r
            .info
            .as_ref()
            .and_then(|x| x.case_number.as_deref())
            .unwrap_or("");
        let (n, codes) = match &r.error {
            Some(e) => (
                "无法读取".to_string(),
                format!("<span class=\"code\">{}</span>", e.code.as_str()),
            ),
            None => {
                let mut cs: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
                cs.dedup();
                (r.findings.len().to_string(), esc(&cs.join(" ")))
            }
        };
        let _ = writeln!(
            o,
            "<tr><td><a href=\"#file-{}\">{}</a></td><td>{}</td><td class=\"n\">{n}</td><td>{codes}</td></tr>",
            i + 1,
            esc(&r.path),
            esc(case)
        );
    }
    o.push_str("</table>\n</section>\n");
    o
}

fn footer() -> String {
    format!(
        "<footer>由 wenshu-lint {TOOL_VERSION} 生成（裁判文书执行溯源检查，绵中法〔2022〕92号）。本报告为单个文件，不引用任何外部资源，可离线查看、打印（A4）。</footer>\n</body>\n</html>\n"
    )
}

/// The report of a batch (or a single file without its text): summary and each file's findings.
pub fn report(reports: &[FileReport]) -> String {
    let mut o = head("wenshu-lint 检查报告");
    o.push_str("<h1>裁判文书执行溯源检查报告</h1>\n");
    let _ = writeln!(o, "<p class=\"meta\">共 {} 个文件</p>", reports.len());
    o.push_str(&summary_html(reports));
    if reports.len() > 1 {
        o.push_str(&index_html(reports));
    }
    for (i, r) in reports.iter().enumerate() {
        o.push_str(&file_html(r, i + 1, false));
    }
    o.push_str(&footer());
    o
}

/// The report of one document with its full text: the findings list, then the text by section
/// with each finding highlighted in place and numbered notes in the margin.
pub fn report_with_text(r: &FileReport, doc: &Document, st: &Structure) -> String {
    let mut o = head(&format!("检查报告：{}", r.path));
    o.push_str("<h1>裁判文书执行溯源检查报告</h1>\n");
    o.push_str(&summary_html(std::slice::from_ref(r)));
    o.push_str(&file_html(r, 1, true));
    o.push_str("<section class=\"doc\" id=\"text\">\n<h2>全文与批注</h2>\n");
    // Findings by paragraph (0-based): (number, finding).
    let mut by_para: Vec<Vec<(usize, &Finding)>> = vec![Vec::new(); doc.paragraphs.len()];
    for (j, f) in r.findings.iter().enumerate() {
        let k = f.paragraph.saturating_sub(1);
        if k < by_para.len() {
            by_para[k].push((j + 1, f));
        }
        // A span running into later paragraphs is highlighted there too.
        for (m, p) in doc.paragraphs.iter().enumerate().skip(k + 1) {
            if p.start >= f.span.end {
                break;
            }
            by_para[m].push((j + 1, f));
        }
    }
    let mut current = None;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        let sec = st.sections.get(i).copied();
        if sec != current {
            if current.is_some() {
                o.push_str("</div>\n");
            }
            let _ = writeln!(
                o,
                "<div class=\"section\"><h3>{}</h3>",
                sec.map(section_zh).unwrap_or("")
            );
            current = sec;
        }
        let text = &doc.text[p.start..p.end];
        let _ = write!(
            o,
            "<div class=\"row\" id=\"p{}\"><p class=\"para\"><span class=\"pn\">{}</span>",
            i + 1,
            i + 1
        );
        o.push_str(&highlight(text, p.start, &by_para[i]));
        o.push_str("</p><div class=\"notes\">");
        for (n, f) in &by_para[i] {
            if f.paragraph != i + 1 {
                continue;
            }
            let _ = write!(
                o,
                "<div class=\"note {cls}\" id=\"note-{n}\"><b>〔{n}〕</b> <span class=\"code\">{code}</span> {msg}<br>帮助：{help}</div>",
                cls = sev_class(f.severity),
                code = esc(f.code),
                msg = esc(&f.message),
                help = esc(&f.help)
            );
        }
        o.push_str("</div></div>\n");
    }
    if current.is_some() {
        o.push_str("</div>\n");
    }
    o.push_str("</section>\n");
    o.push_str(&footer());
    o
}

/// A paragraph's text with the findings' spans marked and numbered.
fn highlight(text: &str, base: usize, fs: &[(usize, &Finding)]) -> String {
    let len = text.len();
    let clamp = |x: usize| {
        let mut x = x.saturating_sub(base).min(len);
        while !text.is_char_boundary(x) {
            x -= 1;
        }
        x
    };
    let mut cuts: Vec<usize> = vec![0, len];
    for (_, f) in fs {
        cuts.push(clamp(f.span.start.max(base)));
        cuts.push(clamp(f.span.end.max(base)));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut o = String::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        // Missing-text markers and zero-length spans that start here.
        for (n, f) in fs {
            let (s, e) = (clamp(f.span.start.max(base)), clamp(f.span.end.max(base)));
            let absent = crate::annotate::ABSENCE_CODES.contains(&f.code) || s == e;
            if absent && s == a && f.span.start >= base {
                let _ = write!(
                    o,
                    "<a class=\"missing\" href=\"#note-{n}\" title=\"此处缺少内容\">缺〔{n}〕</a>"
                );
            }
        }
        let active: Vec<&(usize, &Finding)> = fs
            .iter()
            .filter(|(_, f)| {
                let (s, e) = (clamp(f.span.start.max(base)), clamp(f.span.end.max(base)));
                let absent = crate::annotate::ABSENCE_CODES.contains(&f.code);
                !absent && s <= a && b <= e && s < e
            })
            .collect();
        let seg = esc(&text[a..b]);
        if active.is_empty() {
            o.push_str(&seg);
        } else {
            let error = active.iter().any(|(_, f)| f.severity == Severity::Error);
            let codes: Vec<&str> = active.iter().map(|(_, f)| f.code).collect();
            let _ = write!(
                o,
                "<mark class=\"{}\" title=\"{}\">{seg}</mark>",
                if error { "error" } else { "warning" },
                esc(&codes.join(" "))
            );
        }
        for (n, f) in fs {
            let e = clamp(f.span.end.max(base));
            let s = clamp(f.span.start.max(base));
            let absent = crate::annotate::ABSENCE_CODES.contains(&f.code);
            if !absent && s < e && e == b && f.span.end <= base + len {
                let _ = write!(
                    o,
                    "<sup class=\"ref\"><a href=\"#note-{n}\">〔{n}〕</a></sup>"
                );
            }
        }
    }
    o
}

/// Renders the one-document page with its full text (the caller has the document's bytes).
pub type TextPage = Box<dyn FnOnce(&FileReport) -> Option<String> + Send>;

/// `--format html`: one self-contained page, written at the end. A run of exactly one readable
/// document, not interrupted, gets the page with the full text when a [`TextPage`] is given.
#[derive(Default)]
pub struct Html {
    kept: Vec<FileReport>,
    text: Option<TextPage>,
}

impl Html {
    /// A sink whose single-document page carries the text, rendered by `text`.
    pub fn with_text(text: TextPage) -> Html {
        Html {
            kept: Vec::new(),
            text: Some(text),
        }
    }
}

impl crate::report::Sink for Html {
    fn file(&mut self, _out: &mut dyn std::io::Write, r: &FileReport) -> std::io::Result<()> {
        self.kept.push(r.clone());
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn std::io::Write,
        end: &crate::report::End,
    ) -> std::io::Result<()> {
        let page = match (self.text.take(), self.kept.as_slice()) {
            (Some(text), [r]) if r.error.is_none() && !end.interrupted => text(r),
            _ => None,
        };
        let page = page.unwrap_or_else(|| report(&self.kept));
        out.write_all(page.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything() {
        assert_eq!(
            esc("<script>\"a\"&'b'</script>"),
            "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn report_is_self_contained_and_escaped() {
        let opts = crate::Options::default();
        let text = "四川省江油市人民法院\n民事判决书\n原告：<b>张三</b>，男。\n";
        let r = crate::lint_bytes(text.as_bytes(), "a<x>.txt", &opts);
        let html = report(&[r]);
        assert!(!html.contains("<b>张三"));
        assert!(html.contains("&lt;b&gt;张三") || !html.contains("张三"));
        assert!(html.contains("a&lt;x&gt;.txt"));
        for bad in [
            "http://", "https://", "<script", "<link", "<img", "url(", "@import",
        ] {
            assert!(!html.contains(bad), "{bad}");
        }
    }
}
