//! PDF reader: lopdf parses the file; our own text layer decodes fonts and rebuilds lines and
//! paragraphs (see the submodules).
//!
//! - [`interp`]: content-stream interpreter (text state, CTM, Form XObjects) → positioned glyphs
//! - [`fonts`], [`cmap`], [`encoding`], [`radicals`]: character codes → Unicode text and widths
//! - [`layout`]: glyphs → lines → paragraphs, running headers/footers removed

pub mod cmap;
pub mod encoding;
pub mod fonts;
pub mod interp;
pub mod layout;
mod objects;
pub mod radicals;

use super::{Budget, Limits, ReadCode, ReadError};
use crate::document::{pages_label, Document, Format, ReadWarning};
use std::cell::Cell;

/// Read a PDF into a [`Document`]. Never panics on bad input.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    read_with(bytes, limits, &Budget::new(limits))
}

/// [`read`] within a budget: decompressed bytes (object streams, content streams, forms), decoded
/// text, operators executed and objects loaded are counted document-wide.
pub fn read_with(bytes: &[u8], limits: &Limits, budget: &Budget) -> Result<Document, ReadError> {
    // Our own code is written not to panic; this guard only keeps a parser bug in a
    // dependency from taking down a whole batch run.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_inner(bytes, limits, budget)
    })) {
        Ok(r) => r,
        Err(_) => Err(ReadError::new(
            ReadCode::Internal,
            "读取 PDF 时发生内部错误（解析器异常），请将文件反馈给开发者",
        )),
    }
}

fn encrypted_error() -> ReadError {
    ReadError::new(
        ReadCode::EncryptedPdf,
        "PDF 文件设有打开密码，无法读取文字；请先解除密码保护（或另存为未加密的 PDF）后再检查",
    )
}

/// Most objects loaded from one PDF (a real court document has a few thousand).
const MAX_OBJECTS: u64 = 1_000_000;
/// Largest single stream lopdf may inflate while loading (object and xref streams).
const MAX_LOAD_STREAM: usize = 64 << 20;

thread_local! {
    /// Load-time accounting for [`load_filter`] (lopdf's filter is a plain `fn`, and lopdf
    /// loads on the calling thread without its `rayon` feature): decoded bytes left, objects
    /// seen, and whether a bound was hit.
    static LOAD: Cell<(u64, u64, bool)> = const { Cell::new((0, 0, false)) };
}

/// Called by lopdf for every object it loads: counts objects and charges each object stream's
/// decompressed size against the document's budget (lopdf's own bound is per stream, so forty
/// 200 MiB object streams would take 8 GB). Over a bound, objects are dropped and the load is
/// reported as READ008 afterwards.
fn load_filter(id: (u32, u16), obj: &mut lopdf::Object) -> Option<((u32, u16), lopdf::Object)> {
    let (mut left, mut count, mut over) = LOAD.with(Cell::get);
    count += 1;
    if count > MAX_OBJECTS {
        over = true;
    }
    if !over {
        if let lopdf::Object::Stream(s) = obj {
            if s.dict.has_type(b"ObjStm") {
                let cap = usize::try_from(left)
                    .unwrap_or(usize::MAX)
                    .min(MAX_LOAD_STREAM);
                match s.get_plain_content_with_limit(cap) {
                    // Decompressed bytes plus the objects parsed from them.
                    Ok(c) => left = left.saturating_sub(2 * c.len() as u64),
                    Err(lopdf::Error::Decompress(
                        lopdf::DecompressError::MemoryLimitExceeded { .. },
                    )) => over = true,
                    Err(_) => {}
                }
                if left == 0 {
                    over = true;
                }
            }
        }
    }
    LOAD.with(|c| c.set((left, count, over)));
    if over {
        return None;
    }
    // lopdf 0.47 keeps the `&mut` object for objects read from the file and the returned one
    // for objects read from an object stream (which never holds streams): return a copy,
    // except for streams, whose copy would be thrown away.
    match obj {
        lopdf::Object::Stream(_) => Some((id, lopdf::Object::Null)),
        other => Some((id, other.clone())),
    }
}

fn load(bytes: &[u8], budget: &Budget) -> Result<lopdf::Document, lopdf::Error> {
    LOAD.with(|c| c.set((budget.decoded_left() as u64, 0, false)));
    let options = lopdf::LoadOptions {
        filter: Some(load_filter),
        max_decompressed_size: Some(MAX_LOAD_STREAM.min(budget.decoded_left().max(1))),
        ..lopdf::LoadOptions::default()
    };
    let r = lopdf::Document::load_mem_with_options(bytes, options);
    let (left, _, over) = LOAD.with(Cell::get);
    let _ = budget.charge(
        (budget.decoded_left() as u64).saturating_sub(left) as usize,
        "PDF 对象流",
    );
    if over {
        let _ = budget.charge(budget.decoded_left().saturating_add(1), "PDF 对象");
    }
    r
}

fn read_inner(bytes: &[u8], limits: &Limits, budget: &Budget) -> Result<Document, ReadError> {
    let loaded = load(bytes, budget);
    if let Some(e) = budget.failure() {
        return Err(e);
    }
    let doc = match loaded {
        Ok(d) => d,
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            let _ = budget.charge(budget.decoded_left().saturating_add(1), "PDF 对象流");
            return Err(budget.error());
        }
        Err(e) => {
            if matches!(e, lopdf::Error::Decryption(_))
                || super::find(tail(bytes), b"/Encrypt").is_some()
            {
                return Err(encrypted_error());
            }
            return Err(ReadError::new(
                ReadCode::CorruptPdf,
                "PDF 文件已损坏或不完整（可能下载/传输未完成），无法解析",
            ));
        }
    };
    // A PDF with only an owner password ("permissions" password: it opens without a password,
    // as pdftotext and every viewer show) is decrypted by lopdf with the empty user password while
    // loading, which removes /Encrypt from the trailer. /Encrypt still there means the empty
    // password was not accepted: a real user password.
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(encrypted_error());
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(ReadError::new(
            ReadCode::CorruptPdf,
            "PDF 文件中没有页面（页面树缺失或已损坏），无法读取",
        ));
    }
    if pages.len() > limits.max_pages {
        return Err(ReadError::new(
            ReadCode::TooLarge,
            format!(
                "PDF 共 {} 页，超过单个文件 {} 页的上限",
                pages.len(),
                limits.max_pages
            ),
        ));
    }
    let mut fonts = interp::FontCache::default();
    let mut page_lines = Vec::with_capacity(pages.len());
    let mut glyphs = 0usize;
    let mut issues = Issues::default();
    for (&no, &id) in &pages {
        budget.check()?;
        let page = interp::page_text(&doc, id, &mut fonts, budget);
        if let Some(e) = budget.failure() {
            return Err(e);
        }
        glyphs += page.glyphs.len();
        issues.add(no, &page);
        page_lines.push((layout::page_lines(&page, no), page.media_box));
    }
    if glyphs == 0 {
        return Err(ReadError::new(
            ReadCode::NoTextLayer,
            "PDF 没有文字层（可能是扫描件），需要先进行 OCR 文字识别",
        ));
    }
    let mut raw = layout::paragraphs(page_lines);
    // CJK radical code points → ideographs, simplified ones in a simplified-Chinese document.
    let simplified = radicals::is_simplified(raw.iter().map(|p| p.text.as_str()));
    for p in &mut raw {
        radicals::unradical_str_in(&mut p.text, simplified);
    }
    let mut document = Document::from_paragraphs(Format::Pdf, raw);
    let declared = declared_page_count(&doc);
    document.warnings = issues.warnings(bytes, &doc, pages.len(), declared);
    Ok(document)
}

/// `/Count` of the page tree's root, if readable.
fn declared_page_count(doc: &lopdf::Document) -> Option<u32> {
    let catalog = doc.catalog().ok()?;
    let pages = objects::get(doc, catalog, b"Pages")?.as_dict().ok()?;
    let n = objects::get(doc, pages, b"Count")?.as_i64().ok()?;
    u32::try_from(n).ok()
}

/// Pages with each kind of problem, for the READ012 warnings.
#[derive(Default)]
struct Issues {
    no_text: Vec<u32>,
    content: Vec<u32>,
    tokens: Vec<u32>,
    fonts: Vec<u32>,
    mojibake: Vec<u32>,
}

impl Issues {
    fn add(&mut self, no: u32, page: &interp::PageText) {
        if page.glyphs.is_empty() && page.images > 0 {
            self.no_text.push(no);
        }
        if page.issues.content_unreadable {
            self.content.push(no);
        }
        if page.issues.bad_token {
            self.tokens.push(no);
        }
        if page.issues.missing_font || page.issues.undecodable_font {
            self.fonts.push(no);
        }
        if super::text::unexpected_share(&page.text)
            .is_some_and(|s| s > super::text::MOJIBAKE_SHARE)
        {
            self.mojibake.push(no);
        }
    }

    fn warnings(
        self,
        bytes: &[u8],
        doc: &lopdf::Document,
        found: usize,
        declared: Option<u32>,
    ) -> Vec<ReadWarning> {
        let mut out = Vec::new();
        let cut = !has_eof_marker(bytes);
        let rebuilt = matches!(
            doc.xref_recovery,
            Some(lopdf::xref::XrefRecovery::Reconstructed)
        );
        let missing_pages = declared.is_some_and(|d| d as usize > found);
        if cut || rebuilt || missing_pages {
            let mut msg = String::from("PDF 文件不完整或已损坏（可能下载或传输未完成");
            if cut {
                msg.push_str("，文件末尾缺少 %%EOF 结束标记");
            }
            if let (true, Some(d)) = (missing_pages, declared) {
                msg.push_str(&format!("，应有 {d} 页，只读到 {found} 页"));
            }
            msg.push_str("）；已读取的部分照常检查，但可能有内容缺失，请核对或重新获取原文件");
            out.push(ReadWarning::new(msg, vec![]));
        }
        let mut push = |pages: Vec<u32>, what: &str| {
            if !pages.is_empty() {
                out.push(ReadWarning::new(
                    format!("{}{what}", pages_label(&pages)),
                    pages,
                ));
            }
        };
        push(
            self.no_text,
            "没有文字层（可能是扫描页），这些页未检查；需要 OCR 文字识别后再检查",
        );
        push(
            self.content,
            "的内容流缺失、不完整或无法解压，这些页的文字未能读取",
        );
        push(
            self.tokens,
            "的内容流含有无法解析的内容，解析在该处中止，其后的文字可能未读取",
        );
        push(
            self.fonts,
            "使用的字体缺失或无法解码，这些页的部分文字未能读取或可能是乱码",
        );
        push(
            self.mojibake,
            "的文字疑似乱码（大量字符不是中文、ASCII 或常用标点），检查结果不可靠",
        );
        out
    }
}

/// Does the file end with `%%EOF` (white space and a little trailing junk allowed)?
fn has_eof_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    super::find(tail, b"%%EOF").is_some()
}

/// The last 4 KiB of the file, where the trailer lives.
fn tail(bytes: &[u8]) -> &[u8] {
    &bytes[bytes.len().saturating_sub(4096)..]
}
