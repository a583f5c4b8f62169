//! `wenshu-lint dump`: what the tool read and how it understood the structure.

use crate::document::{Document, Format, ReadWarning};
use crate::read::ReadError;
use crate::structure::{DocInfo, Section, Structure};

/// The Chinese name of a section, for people (`dump`, the HTML report); the JSON contract keeps
/// the English names.
pub fn section_zh(s: Section) -> &'static str {
    match s {
        Section::Header => "首部",
        Section::Parties => "当事人",
        Section::Procedure => "案件由来和审理经过",
        Section::Reasoning => "事实和理由",
        Section::Ruling => "裁判主文（判项）",
        Section::Tail => "尾部",
        Section::Signature => "署名和日期",
        Section::Appendix => "附录",
    }
}
use serde::Serialize;

#[derive(Serialize)]
struct DumpJson<'a> {
    path: &'a str,
    format: Option<&'static str>,
    document: Option<&'a DocInfo>,
    error: Option<ErrorJson<'a>>,
    /// READ012: parts of the file not read (additive field).
    warnings: &'a [ReadWarning],
    paragraphs: Vec<ParaJson<'a>>,
}

/// A read error as JSON (`{"code": "READ003", "message": "…"}`).
#[derive(Serialize)]
pub struct ErrorJson<'a> {
    pub code: &'static str,
    pub message: &'a str,
}

impl<'a> From<&'a ReadError> for ErrorJson<'a> {
    fn from(e: &'a ReadError) -> Self {
        ErrorJson {
            code: e.code.as_str(),
            message: &e.message,
        }
    }
}

#[derive(Serialize)]
struct ParaJson<'a> {
    index: usize,
    text: &'a str,
    section: &'static str,
    page: Option<u32>,
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<u32>,
}

/// The dump of one file, as JSON.
pub fn json(
    path: &str,
    result: &Result<(Document, Structure), (Option<Format>, ReadError)>,
) -> String {
    let out = match result {
        Ok((doc, st)) => DumpJson {
            path,
            format: Some(doc.format.as_str()),
            document: Some(&st.info),
            error: None,
            warnings: &doc.warnings,
            paragraphs: doc
                .paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| ParaJson {
                    index: i + 1,
                    text: doc.para_text(i),
                    section: st.sections[i].as_str(),
                    page: p.pos.page,
                    line: p.pos.line,
                    item: st.item_of[i],
                })
                .collect(),
        },
        Err((format, e)) => DumpJson {
            path,
            format: format.map(|f| f.as_str()),
            document: None,
            error: Some(e.into()),
            warnings: &[],
            paragraphs: vec![],
        },
    };
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// The dump of one file, for people: section headings, paragraph numbers, pages, item numbers.
pub fn text(
    path: &str,
    result: &Result<(Document, Structure), (Option<Format>, ReadError)>,
) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    match result {
        Err((_, e)) => {
            let _ = writeln!(s, "{path}: 无法读取 [{}] {}", e.code.as_str(), e.message);
        }
        Ok((doc, st)) => {
            let i = &st.info;
            let _ = writeln!(s, "{path} ({})", doc.format.as_str());
            let _ = writeln!(
                s,
                "文书：{}{}　案号：{}　日期：{}　段落：{}",
                i.case_kind.as_deref().unwrap_or(""),
                i.kind.as_deref().unwrap_or("（未识别）"),
                i.case_number.as_deref().unwrap_or("（未识别）"),
                i.date.as_deref().unwrap_or("（未识别）"),
                doc.paragraphs.len()
            );
            for w in &doc.warnings {
                let _ = writeln!(s, "警告 [{}] {}", w.code, w.message);
            }
            let mut current = None;
            for (idx, p) in doc.paragraphs.iter().enumerate() {
                let sec = st.sections[idx];
                if current != Some(sec) {
                    let _ = writeln!(s, "── {} ──", section_zh(sec));
                    current = Some(sec);
                }
                let loc = match p.pos.page {
                    Some(pg) => format!("p{pg}:{:<3}", p.pos.line.unwrap_or(0)),
                    None => String::new(),
                };
                let item = st.item_of[idx]
                    .map(|n| format!("[判项{n}] "))
                    .unwrap_or_default();
                let _ = writeln!(s, "{:>4} {loc} {item}{}", idx + 1, doc.para_text(idx));
            }
        }
    }
    s
}
