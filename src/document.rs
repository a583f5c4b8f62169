//! The one currency between readers, structure, rules and reports.
//!
//! A [`Document`] is the extracted text (paragraphs joined by `\n`), the paragraphs in reading
//! order, and a source map from byte offsets back to where the text came from (DOCX paragraph,
//! PDF page + line). Locations are computed once, here, at extraction time.

use serde::Serialize;

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
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Doc => "doc",
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

/// The extracted document.
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    /// All paragraphs joined with `\n`.
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    /// Sorted by offset; every paragraph start has a mark.
    marks: Vec<LineMark>,
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
            if pos.line.is_none() && format != Format::Pdf {
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
            marks,
        }
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
        let mut from = mark.offset.min(offset);
        while !self.text.is_char_boundary(from) {
            from -= 1;
        }
        let column = self.text[from..offset].chars().count() as u32 + 1;
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
}
