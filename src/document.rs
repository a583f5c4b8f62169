//! The one currency between readers, structure, rules and reports.
//!
//! A [`Document`] is the extracted text (paragraphs joined by `\n`), the paragraphs in reading
//! order, and a source map from byte offsets back to where the text came from (DOCX paragraph,
//! PDF page + line). Locations are computed once, here, at extraction time.

use serde::Serialize;
use std::sync::OnceLock;

/// Input format of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Docx,
    Pdf,
    Txt,
    Html,
    /// Word 97–2003 binary (`.doc`, and `.wps` files in the same format).
    Doc,
    /// OFD (GB/T 33190), read as a fixed layout like PDF: locations are page + line.
    Ofd,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Doc => "doc",
            Format::Ofd => "ofd",
        }
    }
}

/// Where a piece of text came from in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SourcePos {
    /// 1-based page (PDF only).
    pub page: Option<u32>,
    /// 1-based line on that page (PDF) — for DOCX/TXT the source paragraph/line number.
    pub line: Option<u32>,
}

/// A mark in the source map: from byte `offset` (into [`Document::text`]) on, text comes from `pos`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineMark {
    pub offset: usize,
    pub pos: SourcePos,
}

/// One paragraph as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range of the paragraph in [`Document::text`] (without the trailing `\n`).
    pub start: usize,
    pub end: usize,
    /// Where the paragraph starts in the source.
    pub pos: SourcePos,
}

/// A paragraph as produced by a reader, before it is assembled into a [`Document`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawParagraph {
    pub text: String,
    /// Source position of the paragraph's first character.
    pub pos: SourcePos,
    /// Further source lines inside the paragraph (PDF line wraps): (byte offset within `text`, pos).
    pub breaks: Vec<(usize, SourcePos)>,
}

impl RawParagraph {
    pub fn new(text: impl Into<String>, pos: SourcePos) -> Self {
        RawParagraph {
            text: text.into(),
            pos,
            breaks: Vec::new(),
        }
    }
}

/// Something a reader could not read while the rest of the file was read and is checked: pages
/// without a text layer, a file cut short, undecodable fonts or text. Reported in every output
/// format (JSON `files[].warnings`, human `warning[READ012]`, SARIF notifications, dump).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadWarning {
    /// Stable code (`READ012`).
    pub code: &'static str,
    /// Chinese message for the user.
    pub message: String,
    /// 1-based pages concerned (PDF; empty when the whole file or no page applies).
    pub pages: Vec<u32>,
}

impl ReadWarning {
    pub fn new(message: impl Into<String>, pages: Vec<u32>) -> Self {
        ReadWarning {
            code: "READ012",
            message: message.into(),
            pages,
        }
    }
}

/// "第3、5–7页" for a sorted page list (ranges joined).
pub fn pages_label(pages: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        if j > i {
            parts.push(format!("{}–{}", pages[i], pages[j]));
        } else {
            parts.push(pages[i].to_string());
        }
        i = j + 1;
        if parts.len() >= 20 && i < pages.len() {
            parts.push("…".into());
            break;
        }
    }
    format!("第{}页", parts.join("、"))
}

/// Bytes per checkpoint of the character index.
const CHAR_BLOCK: usize = 256;

/// The extracted document.
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    /// All paragraphs joined with `\n`.
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    /// Parts of the file that could not be read (the rest is checked).
    pub warnings: Vec<ReadWarning>,
    /// Sorted by offset; every paragraph start has a mark.
    marks: Vec<LineMark>,
    /// Characters before every [`CHAR_BLOCK`]-th byte (built on first use): character offsets
    /// and columns in constant time instead of a count from the start each time.
    char_index: OnceLock<Vec<u32>>,
}

/// A resolved location, for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    /// 1-based paragraph index (non-empty body paragraphs in reading order).
    pub paragraph: usize,
    pub page: Option<u32>,
    /// 1-based line: the PDF line on its page, else the paragraph number.
    pub line: u32,
    /// 1-based column in characters, counted from the start of the source line.
    pub column: u32,
}

impl Document {
    /// Assemble a document from reader output. Paragraphs whose text is empty or only white space
    /// are dropped (they are not "non-empty body paragraphs"); surrounding white space is trimmed.
    pub fn from_paragraphs(format: Format, raw: Vec<RawParagraph>) -> Document {
        let mut text = String::new();
        let mut paragraphs = Vec::with_capacity(raw.len());
        let mut marks = Vec::with_capacity(raw.len());
        for rp in raw.into_iter() {
            let t = rp.text.as_str();
            let trimmed_start = t.len() - t.trim_start().len();
            let body = t.trim();
            if body.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push('\n');
            }
            let start = text.len();
            text.push_str(body);
            let end = text.len();
            let mut pos = rp.pos;
            if pos.line.is_none() && !matches!(format, Format::Pdf | Format::Ofd) {
                // DOCX: the "line" of a paragraph is its paragraph number.
                pos.line = Some(paragraphs.len() as u32 + 1);
            }
            marks.push(LineMark { offset: start, pos });
            for (off, p) in rp.breaks {
                if off > trimmed_start && off - trimmed_start < body.len() {
                    marks.push(LineMark {
                        offset: start + off - trimmed_start,
                        pos: p,
                    });
                }
            }
            paragraphs.push(Paragraph { start, end, pos });
        }
        marks.sort_by_key(|m| m.offset);
        Document {
            format,
            text,
            paragraphs,
            warnings: Vec::new(),
            marks,
            char_index: OnceLock::new(),
        }
    }

    /// Number of characters in `text[..offset]` (`offset` clamped and moved back to a character
    /// boundary). Constant time after an O(n) index built once.
    pub fn char_offset(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.char_index.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut out = Vec::with_capacity(bytes.len() / CHAR_BLOCK + 1);
            let mut chars = 0u32;
            for chunk in bytes.chunks(CHAR_BLOCK) {
                out.push(chars);
                chars += chunk.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32;
            }
            // The end of a text whose length is a multiple of the block starts a block too.
            out.push(chars);
            out
        });
        let block = offset / CHAR_BLOCK;
        let base = index.get(block).copied().unwrap_or(0) as usize;
        let from = block * CHAR_BLOCK;
        // UTF-8 leading bytes (not continuation bytes) in the block up to `offset`.
        base + self.text.as_bytes()[from.min(offset)..offset]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count()
    }

    /// A copy with paragraphs split at the byte offsets `cuts` (char boundaries inside
    /// paragraphs; white space around a cut is dropped). The source map is kept: each new
    /// paragraph starts at the source position in effect at its cut (same DOCX paragraph, PDF
    /// page and line, text line), so locations stay true; columns restart at the cut.
    pub fn split_at(&self, cuts: &[usize]) -> Document {
        let mut cuts: Vec<usize> = cuts
            .iter()
            .copied()
            .filter(|&c| c < self.text.len() && self.text.is_char_boundary(c))
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut raw = Vec::with_capacity(self.paragraphs.len() + cuts.len());
        let mut ci = 0;
        for p in &self.paragraphs {
            let mut from = p.start;
            while ci < cuts.len() && cuts[ci] <= p.start {
                ci += 1;
            }
            let mut bounds = Vec::new();
            while ci < cuts.len() && cuts[ci] < p.end {
                bounds.push(cuts[ci]);
                ci += 1;
            }
            bounds.push(p.end);
            for to in bounds {
                if to <= from {
                    continue;
                }
                let pos = self.pos_at(from);
                let mut rp = RawParagraph::new(&self.text[from..to], pos);
                // line marks inside the piece (PDF wraps) keep their positions
                let lo = self.marks.partition_point(|m| m.offset <= from);
                let hi = self.marks.partition_point(|m| m.offset < to);
                for m in &self.marks[lo..hi] {
                    rp.breaks.push((m.offset - from, m.pos));
                }
                raw.push(rp);
                from = to;
            }
        }
        let mut doc = Document::from_paragraphs(self.format, raw);
        // from_paragraphs numbers DOCX/TXT lines by paragraph; keep the source's numbers
        doc.format = self.format;
        doc.warnings = self.warnings.clone();
        doc
    }

    /// The source position in effect at byte `offset`.
    fn pos_at(&self, offset: usize) -> SourcePos {
        let i = self.marks.partition_point(|m| m.offset <= offset);
        i.checked_sub(1)
            .map(|i| self.marks[i].pos)
            .unwrap_or_default()
    }

    /// The text of paragraph `i` (0-based).
    pub fn para_text(&self, i: usize) -> &str {
        let p = &self.paragraphs[i];
        &self.text[p.start..p.end]
    }

    /// 0-based index of the paragraph containing byte `offset`.
    pub fn para_at(&self, offset: usize) -> usize {
        match self.paragraphs.binary_search_by(|p| {
            if offset < p.start {
                std::cmp::Ordering::Greater
            } else if offset > p.end {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => i,
            Err(i) => i
                .saturating_sub(1)
                .min(self.paragraphs.len().saturating_sub(1)),
        }
    }

    /// Resolve a byte offset to paragraph / page / line / column through the source map.
    pub fn locate(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let pi = self.para_at(offset);
        let mi = match self.marks.binary_search_by_key(&offset, |m| m.offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let mark = self.marks.get(mi).copied().unwrap_or(LineMark {
            offset: 0,
            pos: SourcePos::default(),
        });
        let from = mark.offset.min(offset);
        let column = (self.char_offset(offset) - self.char_offset(from)) as u32 + 1;
        Location {
            paragraph: pi + 1,
            page: mark.pos.page,
            line: mark.pos.line.unwrap_or((pi + 1) as u32),
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assembles_and_locates() {
        let mut p2 = RawParagraph::new(
            "第二段第一行第二行",
            SourcePos {
                page: Some(1),
                line: Some(3),
            },
        );
        p2.breaks.push((
            "第二段第一行".len(),
            SourcePos {
                page: Some(2),
                line: Some(1),
            },
        ));
        let doc = Document::from_paragraphs(
            Format::Pdf,
            vec![
                RawParagraph::new(
                    "  第一段 ",
                    SourcePos {
                        page: Some(1),
                        line: Some(1),
                    },
                ),
                RawParagraph::new("   ", SourcePos::default()),
                p2,
            ],
        );
        assert_eq!(doc.text, "第一段\n第二段第一行第二行");
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.para_text(1), "第二段第一行第二行");
        let off = doc.text.find("第二行").unwrap();
        let loc = doc.locate(off);
        assert_eq!(
            loc,
            Location {
                paragraph: 2,
                page: Some(2),
                line: 1,
                column: 1
            }
        );
        let off = doc.text.find("一行").unwrap();
        assert_eq!(
            doc.locate(off),
            Location {
                paragraph: 2,
                page: Some(1),
                line: 3,
                column: 5
            }
        );
        assert_eq!(doc.locate(0).paragraph, 1);
    }

    #[test]
    fn char_offsets_match_a_plain_count() {
        let text: String = (0..3000)
            .map(|i| match i % 7 {
                0 => "判".to_string(),
                1 => "\n".to_string(),
                2 => "a".to_string(),
                3 => "𠀀".to_string(),
                _ => "决".to_string(),
            })
            .collect();
        let raw = text
            .split('\n')
            .map(|l| RawParagraph::new(l, SourcePos::default()))
            .collect();
        let doc = Document::from_paragraphs(Format::Txt, raw);
        for off in (0..=doc.text.len()).step_by(13).chain([doc.text.len()]) {
            let mut b = off;
            while !doc.text.is_char_boundary(b) {
                b -= 1;
            }
            assert_eq!(doc.char_offset(off), doc.text[..b].chars().count(), "{off}");
        }
        // A text of exactly one block: its end is in the index too.
        let doc = Document::from_paragraphs(
            Format::Txt,
            vec![RawParagraph::new(
                "a".repeat(CHAR_BLOCK),
                SourcePos::default(),
            )],
        );
        assert_eq!(doc.char_offset(CHAR_BLOCK), CHAR_BLOCK);
    }

    #[test]
    fn page_labels() {
        assert_eq!(pages_label(&[1]), "第1页");
        assert_eq!(pages_label(&[1, 3, 4, 5, 9]), "第1、3–5、9页");
    }
}
