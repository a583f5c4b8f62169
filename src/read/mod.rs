//! Readers: bytes -> [`Document`]. `sniff` decides the format by content (falling back to the
//! name), each reader returns a [`ReadError`] with a stable code instead of panicking.

pub mod docx;
pub mod pdf;
pub mod runon;
pub mod text;

use crate::document::{Document, Format};
use serde::Serialize;
use std::fmt;

/// Limits applied while reading one file (zip bombs, deep PDF object graphs…).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_input: u64,
    /// Largest total uncompressed size of the DOCX parts we read.
    pub max_uncompressed: u64,
    /// Largest compression ratio of a DOCX part (uncompressed / compressed).
    pub max_ratio: u64,
    /// Most PDF pages read.
    pub max_pages: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input: 200 << 20,
            max_uncompressed: 512 << 20,
            max_ratio: 200,
            max_pages: 2000,
        }
    }
}

/// Stable read-error codes. Never renumber.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReadCode {
    /// READ001: the file is empty.
    Empty,
    /// READ002: not a format we read (e.g. a legacy .doc, an image, an archive).
    Unsupported,
    /// READ003: a DOCX that is not a valid zip/WordprocessingML package.
    CorruptDocx,
    /// READ004: a PDF that cannot be parsed (truncated, damaged).
    CorruptPdf,
    /// READ005: a file protected by an opening password: a PDF with a user password, or a
    /// password-protected DOCX (an OLE container holding EncryptionInfo + EncryptedPackage). A
    /// PDF with only an owner (permissions) password is read, not reported.
    EncryptedPdf,
    /// READ006: no text layer (scanned): OCR needed.
    NoTextLayer,
    /// READ007: text in an encoding we cannot decode.
    UnknownEncoding,
    /// READ008: a size/ratio limit was exceeded (zip bomb, huge file).
    TooLarge,
    /// READ009: the file could not be opened or read.
    Io,
    /// READ010: the per-file time budget ran out.
    Timeout,
    /// READ011: an internal error while reading this file (a bug; the run went on).
    Internal,
}

impl ReadCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ReadCode::Empty => "READ001",
            ReadCode::Unsupported => "READ002",
            ReadCode::CorruptDocx => "READ003",
            ReadCode::CorruptPdf => "READ004",
            ReadCode::EncryptedPdf => "READ005",
            ReadCode::NoTextLayer => "READ006",
            ReadCode::UnknownEncoding => "READ007",
            ReadCode::TooLarge => "READ008",
            ReadCode::Io => "READ009",
            ReadCode::Timeout => "READ010",
            ReadCode::Internal => "READ011",
        }
    }
}

/// A file that could not be read: stable code plus a Chinese message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub code: ReadCode,
    pub message: String,
}

impl ReadError {
    pub fn new(code: ReadCode, message: impl Into<String>) -> Self {
        ReadError {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for ReadError {}

/// Decide the format from the bytes, using the file name only where content is ambiguous.
pub fn sniff(bytes: &[u8], name: Option<&str>) -> Result<Format, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::new(
            ReadCode::Empty,
            "文件为空（0 字节），没有可检查的内容",
        ));
    }
    let ext = name
        .and_then(|n| n.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()))
        .unwrap_or_default();
    let head = &bytes[..bytes.len().min(1024)];
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        // OpenDocument stores its uncompressed "mimetype" entry first
        if find(head, b"mimetypeapplication/vnd.oasis.opendocument").is_some() {
            return Err(ReadError::new(
                ReadCode::Unsupported,
                "这是 OpenDocument 文档（.odt，WPS/LibreOffice 格式），不是 DOCX；请另存为 .docx 后再检查",
            ));
        }
        return Ok(Format::Docx);
    }
    if head.starts_with(b"{\\rtf") {
        return Err(ReadError::new(
            ReadCode::Unsupported,
            "这是 RTF 文档，不是 DOCX；请在 Word/WPS 中另存为 .docx 后再检查",
        ));
    }
    if find(head, b"%PDF-").is_some() {
        return Ok(Format::Pdf);
    }
    if head.starts_with(&OLE_MAGIC) && is_encrypted_ooxml(bytes) {
        return Err(ReadError::new(
            ReadCode::EncryptedPdf,
            "这是设有打开密码的 Word 文档（加密的 .docx），无法读取文字；请在 Word/WPS 中打开，取消文档密码（Word：文件 → 信息 → 保护文档 → 用密码进行加密，清空密码）并保存后再检查",
        ));
    }
    if head.starts_with(&OLE_MAGIC) {
        return Err(ReadError::new(
            ReadCode::Unsupported,
            "这是旧版 Word/WPS 二进制文档（.doc/.wps，OLE 格式），不是 DOCX；请在 Word/WPS 中另存为 .docx 后再检查",
        ));
    }
    match ext.as_str() {
        "docx" => {
            return Err(ReadError::new(
                ReadCode::CorruptDocx,
                "文件扩展名为 .docx，但内容不是 DOCX（ZIP）文档，文件可能已损坏或被改名",
            ))
        }
        "pdf" => return Err(ReadError::new(
            ReadCode::CorruptPdf,
            "文件扩展名为 .pdf，但内容不是 PDF 文档（缺少 %PDF- 文件头），文件可能已损坏或被改名",
        )),
        _ => {}
    }
    if looks_binary(head) {
        return Err(ReadError::new(
            ReadCode::Unsupported,
            "无法识别的文件格式：只支持 DOCX、PDF 和文本文件",
        ));
    }
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    if ext == "html"
        || ext == "htm"
        || find(&lower, b"<html").is_some()
        || find(&lower, b"<!doctype html").is_some()
    {
        return Ok(Format::Html);
    }
    Ok(Format::Txt)
}

/// The signature of an OLE2 compound file (legacy .doc/.wps, and encrypted OOXML).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Is this OLE compound file an encrypted Office Open XML package (MS-OFFCRYPTO: the real
/// package is the `EncryptedPackage` stream, described by `EncryptionInfo`)? Only the directory
/// is read; a damaged container is simply "not encrypted OOXML".
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    std::panic::catch_unwind(|| {
        cfb::CompoundFile::open(std::io::Cursor::new(bytes))
            .is_ok_and(|c| c.is_stream("/EncryptedPackage") && c.is_stream("/EncryptionInfo"))
    })
    .unwrap_or(false)
}

fn looks_binary(head: &[u8]) -> bool {
    // NUL bytes never occur in UTF-8/GBK text (UTF-16 is handled by its BOM in the text reader).
    let utf16_bom = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    !utf16_bom && head.contains(&0)
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Read a document from bytes. Never panics on bad input: every failure is a [`ReadError`].
pub fn read_bytes(
    bytes: &[u8],
    name: Option<&str>,
    limits: &Limits,
) -> Result<Document, ReadError> {
    if bytes.len() as u64 > limits.max_input {
        return Err(ReadError::new(
            ReadCode::TooLarge,
            format!(
                "文件过大（{} MB），超过单个文件 {} MB 的上限",
                bytes.len() >> 20,
                limits.max_input >> 20
            ),
        ));
    }
    let format = sniff(bytes, name)?;
    let doc = match format {
        Format::Docx => docx::read(bytes, limits)?,
        Format::Pdf => pdf::read(bytes, limits)?,
        Format::Txt => text::read(bytes)?,
        Format::Html => text::read_html(bytes)?,
    };
    let doc = runon::split(doc);
    if doc.paragraphs.is_empty() {
        return Err(match format {
            Format::Pdf => ReadError::new(
                ReadCode::NoTextLayer,
                "PDF 没有文字层（可能是扫描件），需要先进行 OCR 文字识别",
            ),
            _ => ReadError::new(ReadCode::Empty, "文件中没有可读的正文文字"),
        });
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(
            sniff(b"PK\x03\x04rest", Some("a.pdf")).unwrap(),
            Format::Docx
        );
        assert_eq!(sniff(b"%PDF-1.7\n", Some("a.docx")).unwrap(), Format::Pdf);
        assert_eq!(sniff("判决书".as_bytes(), None).unwrap(), Format::Txt);
        assert_eq!(sniff(b"", None).unwrap_err().code, ReadCode::Empty);
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(
            sniff(&ole, Some("x.docx")).unwrap_err().code,
            ReadCode::Unsupported
        );
        assert_eq!(
            sniff(b"hello", Some("x.docx")).unwrap_err().code,
            ReadCode::CorruptDocx
        );
        assert_eq!(
            sniff(b"\x00\x01\x02", Some("x.bin")).unwrap_err().code,
            ReadCode::Unsupported
        );
        let rtf = "{\\rtf1\\ansi 判决书}".as_bytes();
        assert_eq!(
            sniff(rtf, Some("x.rtf")).unwrap_err().code,
            ReadCode::Unsupported
        );
        // a password-protected DOCX: an OLE container with EncryptionInfo + EncryptedPackage
        let ole_with = |streams: &[&str]| {
            let mut c = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
            for s in streams {
                use std::io::Write;
                c.create_stream(s)
                    .unwrap()
                    .write_all(&[1, 2, 3, 4])
                    .unwrap();
            }
            c.flush().unwrap();
            c.into_inner().into_inner()
        };
        let enc = ole_with(&["/EncryptionInfo", "/EncryptedPackage"]);
        let e = sniff(&enc, Some("判决书.docx")).unwrap_err();
        assert_eq!(e.code, ReadCode::EncryptedPdf);
        assert!(e.message.contains("密码"), "{}", e.message);
        // a Word 97-2003 document is still "legacy, save as .docx"
        let doc = ole_with(&["/WordDocument", "/1Table"]);
        let e = sniff(&doc, Some("判决书.docx")).unwrap_err();
        assert_eq!(e.code, ReadCode::Unsupported);
        assert!(e.message.contains(".docx"), "{}", e.message);
        let odt = b"PK\x03\x04\x14\x00\x00\x00\x00\x00abcdefghijklmnopqrmimetypeapplication/vnd.oasis.opendocument.text";
        assert_eq!(
            sniff(odt, Some("x.odt")).unwrap_err().code,
            ReadCode::Unsupported
        );
    }
}
