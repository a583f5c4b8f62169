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

use super::{Limits, ReadCode, ReadError};
use crate::document::{Document, Format};

/// Read a PDF into a [`Document`]. Never panics on bad input.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    // Our own code is written not to panic; this guard only keeps a parser bug in a
    // dependency from taking down a whole batch run.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_inner(bytes, limits))) {
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

fn read_inner(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(d) => d,
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
    for (&no, &id) in &pages {
        let page = interp::page_text(&doc, id, &mut fonts);
        glyphs += page.glyphs.len();
        page_lines.push((layout::page_lines(&page, no), page.media_box));
    }
    if glyphs == 0 {
        return Err(ReadError::new(
            ReadCode::NoTextLayer,
            "PDF 没有文字层（可能是扫描件），需要先进行 OCR 文字识别",
        ));
    }
    let raw = layout::paragraphs(page_lines);
    Ok(Document::from_paragraphs(Format::Pdf, raw))
}

/// The last 4 KiB of the file, where the trailer lives.
fn tail(bytes: &[u8]) -> &[u8] {
    &bytes[bytes.len().saturating_sub(4096)..]
}
