//! Readers: bytes -> [`Document`]. `sniff` decides the format by content (falling back to the
//! name), each reader returns a [`ReadError`] with a stable code instead of panicking.

pub mod budget;
pub mod doc;
pub mod docx;
pub mod ofd;
pub mod pdf;
pub mod runon;
pub mod text;

pub use budget::Budget;

use crate::document::{Document, Format};
use serde::Serialize;
use std::fmt;
use std::time::Duration;

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
    /// Per-file time budget (`None`: none; the library's default, the command line sets
    /// [`DEFAULT_TIME`] or `--timeout-secs`). READ010 when it runs out.
    pub time: Option<Duration>,
    /// Decoded bytes one file may cost, document-wide: decompressed PDF streams, decoded text,
    /// paragraphs, findings (READ008 beyond). The per-file memory cap.
    pub max_decoded: u64,
    /// PDF content-stream operators executed, document-wide (READ008 beyond).
    pub max_ops: u64,
    /// Entries of a DOCX zip (READ008 beyond).
    pub max_entries: usize,
    /// Non-empty paragraphs of one document (READ008 beyond).
    pub max_paragraphs: usize,
}

/// The command line's default per-file time budget.
pub const DEFAULT_TIME: Duration = Duration::from_secs(10);

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input: 200 << 20,
            max_uncompressed: 256 << 20,
            max_ratio: 200,
            max_pages: 2000,
            time: None,
            max_decoded: 256 << 20,
            max_ops: 5_000_000,
            max_entries: 10_000,
            max_paragraphs: 200_000,
        }
    }
}

impl Limits {
    /// Limits for a batch on `jobs` worker threads: the per-file decoded-bytes cap is lowered so
    /// that `jobs` files at their cap stay under 768 MB together (never below 32 MB; real court
    /// documents need a few MB).
    pub fn for_jobs(mut self, jobs: usize) -> Limits {
        let share = (768u64 << 20) / jobs.max(1) as u64;
        self.max_decoded = self
            .max_decoded
            .min(share.max((32 << 20).min(self.max_decoded)));
        self.max_uncompressed = self.max_uncompressed.min(self.max_decoded);
        self
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
    /// READ012: part of the file was not read (pages without a text layer, a file cut short,
    /// undecodable fonts or text): a warning, the rest is checked.
    Partial,
}

/// What a READ code means and what the user should do: `wenshu-lint explain READ005`, the
/// `rules` catalogue. One entry per code, in [`ReadCode::doc`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadCodeDoc {
    pub code: &'static str,
    /// A readable PascalCase name (SARIF notification descriptors).
    pub name: &'static str,
    /// Chinese: the kind of failure, in a few words.
    pub title: &'static str,
    /// Chinese: when it is reported.
    pub meaning: &'static str,
    /// Chinese: what to do.
    pub remedy: &'static str,
}

impl ReadCode {
    /// Every code, in order (`explain`, `rules`).
    pub const ALL: &'static [ReadCode] = &[
        ReadCode::Empty,
        ReadCode::Unsupported,
        ReadCode::CorruptDocx,
        ReadCode::CorruptPdf,
        ReadCode::EncryptedPdf,
        ReadCode::NoTextLayer,
        ReadCode::UnknownEncoding,
        ReadCode::TooLarge,
        ReadCode::Io,
        ReadCode::Timeout,
        ReadCode::Internal,
        ReadCode::Partial,
    ];

    pub fn as_str(self) -> &'static str {
        self.doc().code
    }

    /// The code named `code` (`READ005`, case-insensitive).
    pub fn from_code(code: &str) -> Option<ReadCode> {
        let code = code.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(code))
    }

    /// The code's documentation (and its stable string).
    pub fn doc(self) -> ReadCodeDoc {
        let (code, name, title, meaning, remedy) = match self {
            ReadCode::Empty => (
                "READ001",
                "EmptyFile",
                "文件为空",
                "文件为 0 字节，或读出后没有任何正文文字（例如只有空白）。",
                "确认选中的是文书定稿而不是占位文件；重新保存或导出后再检查。",
            ),
            ReadCode::Unsupported => (
                "READ002",
                "UnsupportedFormat",
                "不支持的文件格式",
                "文件内容不是本工具能读取的格式（按内容判断，不看扩展名）：Word 6.0/95 及更早版本或 WPS 2000 以前格式的文档、不含 Word 正文的 OLE 文件（Excel、PowerPoint 等）、RTF、OpenDocument（.odt）、图片、压缩包等。目录中的 .rtf .odt 文件也会报告，而不是悄悄跳过（Word 97-2003 的 .doc 和同格式的 .wps 可以直接读取）。",
                "在 Word/WPS 中打开，另存为 .docx（或导出为 PDF）后再检查。",
            ),
            ReadCode::CorruptDocx => (
                "READ003",
                "CorruptDocx",
                "文档损坏（DOCX/DOC/OFD）",
                "扩展名或内容为 DOCX，但不是完整的 ZIP/WordprocessingML 文档包：文件不完整（下载、复制中断）、被其他程序改写，或是改名为 .docx 的其他文件；或 Word 97-2003 文档（.doc/.wps）的 OLE 结构、文件信息块（FIB）或片段表损坏；或 OFD 文档包（ZIP、OFD.xml、Document.xml、页面内容）损坏或不完整。Word 打开文书时生成的锁文件（~$ 开头）被直接指定检查时也报此错误；遍历目录时锁文件会被跳过。",
                "用 Word/WPS 打开后另存一份再检查；打不开的，从原始来源重新获取文件。",
            ),
            ReadCode::CorruptPdf => (
                "READ004",
                "CorruptPdf",
                "PDF 文件损坏",
                "无法解析的 PDF：文件被截断、交叉引用表或页面树损坏，或扩展名为 .pdf 而内容不是 PDF。",
                "重新下载或重新导出 PDF；阅读器还能打开的，可“另存为”或“打印为 PDF”生成新文件。",
            ),
            ReadCode::EncryptedPdf => (
                "READ005",
                "PasswordProtected",
                "文件设有打开密码",
                "需要密码才能打开的文件：设有打开密码（用户密码）的 PDF，或设有密码保护的 Word 文档（加密的 .docx：包含 EncryptionInfo 和 EncryptedPackage 的 OLE 容器；加密或加扰的 Word 97-2003 .doc/.wps）。只设权限密码（所有者密码）的 PDF 不输密码即可打开，本工具直接读取，不报此错误。",
                "由知道密码的人打开文件，取消密码后另存再检查（Word：文件 → 信息 → 保护文档 → 用密码进行加密，清空密码；PDF：另存为未加密的 PDF）。",
            ),
            ReadCode::NoTextLayer => (
                "READ006",
                "NoTextLayer",
                "PDF/OFD 没有文字层",
                "PDF 或 OFD 页面只有图像（扫描件、拍照件），没有可提取的文字，无法检查。",
                "先进行 OCR 文字识别，生成带文字层的 PDF；或改用文书的 DOCX 定稿检查。",
            ),
            ReadCode::UnknownEncoding => (
                "READ007",
                "UnknownTextEncoding",
                "无法识别的文字编码",
                "文本文件既不是 UTF-8/UTF-16，也不能按 GBK/GB18030 正确解码。",
                "用文本编辑器将文件另存为 UTF-8 编码后再检查。",
            ),
            ReadCode::TooLarge => (
                "READ008",
                "SizeLimitExceeded",
                "超过大小上限",
                "文件超过单个文件的上限：文件大小（200 MB）、解码内容（256 MB：PDF 解压的流和文字、DOCX 解压的正文、检查结果）、DOCX 解压总量或压缩比（疑似“压缩炸弹”）、DOCX 条目数（10000 个）、段落数（20 万段）、PDF 页数（2000 页）或 PDF 内容流操作数（500 万次）。超过上限时读取立即停止，其他文件照常检查。",
                "确认文件是否就是文书；过大的文书请去掉嵌入的大图片后重新保存或导出。",
            ),
            ReadCode::Io => (
                "READ009",
                "CannotOpenFile",
                "无法打开文件",
                "文件或目录不存在、没有读取权限，或读取时发生输入输出错误。",
                "检查路径拼写和访问权限；网络盘上的文件可先复制到本地再检查。",
            ),
            ReadCode::Timeout => (
                "READ010",
                "TimeBudgetExceeded",
                "检查超时",
                "检查单个文件超过了时间上限（--timeout-secs，默认 10 秒；标准输入和管道的读取、dump 也受此限制），该文件的工作随即停止并被跳过，其他文件照常检查。通常是异常复杂或损坏的文件。",
                "用更大的 --timeout-secs 单独检查该文件；仍然超时的，请将情况（不含文书内容）反馈给开发者。",
            ),
            ReadCode::Internal => (
                "READ011",
                "InternalError",
                "内部错误",
                "读取或检查此文件时程序出现缺陷（内部异常）。错误只影响这一个文件，其他文件照常检查；报告中不会出现文书内容。",
                "请报告此问题（说明文件格式和复现步骤，不要附带含个人信息的文书）；开发者可设置 WENSHU_LINT_PANIC=full 查看详细信息。",
            ),
            ReadCode::Partial => (
                "READ012",
                "PartiallyRead",
                "部分内容未能读取（警告）",
                "文件的其余部分已读取并照常检查，但有一部分没有读到或无法可靠解码：PDF 中没有文字层的页（扫描页）、文件被截断（缺少结尾）、内容流中无法解析的部分、缺失或无法解码的字体、疑似乱码的文字，或 DOCX 正文疑似乱码。警告会列出涉及的页码。它不是检查结果：该文件“未发现问题”不代表这些部分没有问题。",
                "核对警告所列页码的内容；扫描页先做 OCR，截断或损坏的文件重新获取或重新导出，乱码的文件用 Word/WPS 另存为 .docx 或 UTF-8 文本后再检查。--fail-on warning 时此警告使退出状态为 1。",
            ),
        };
        ReadCodeDoc {
            code,
            name,
            title,
            meaning,
            remedy,
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
        if ofd::is_ofd(bytes) {
            return Ok(Format::Ofd);
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
        // A Word binary document (also what WPS writes as .wps) has a "WordDocument" stream; its
        // directory entry (UTF-16 name) can sit anywhere in the file.
        if find(bytes, WORD_DOCUMENT_UTF16).is_some() {
            return Ok(Format::Doc);
        }
        return Err(ReadError::new(
            ReadCode::Unsupported,
            "这是 OLE 复合文档，但其中没有 Word 正文（WordDocument 流）：可能是 Excel/PowerPoint 文件、WPS 2000 以前的文档或已损坏的 .doc；请在 Word/WPS 中另存为 .docx 后再检查",
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

/// "WordDocument" in UTF-16LE, as a compound-file directory entry names the stream.
const WORD_DOCUMENT_UTF16: &[u8] = b"W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0";

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
    read_bytes_with(bytes, name, limits, &Budget::new(limits))
}

/// [`read_bytes`] within a given [`Budget`] (time, decoded bytes, operators).
pub fn read_bytes_with(
    bytes: &[u8],
    name: Option<&str>,
    limits: &Limits,
    budget: &Budget,
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
        Format::Docx => docx::read_with(bytes, limits, budget),
        Format::Pdf => pdf::read_with(bytes, limits, budget),
        Format::Txt => text::read_with(bytes, limits, budget),
        Format::Html => text::read_html_with(bytes, limits, budget),
        // The legacy reader has no budget inside; its text is charged when it is done.
        Format::Doc => doc::read(bytes, limits).and_then(|d| {
            budget.charge(
                d.text.len() + d.paragraphs.len() * text::PARAGRAPH_COST,
                "DOC 正文",
            )?;
            Ok(d)
        }),
        // The OFD reader likewise: its text is charged when it is done.
        Format::Ofd => ofd::read(bytes, limits).and_then(|d| {
            budget.charge(
                d.text.len() + d.paragraphs.len() * text::PARAGRAPH_COST,
                "OFD 正文",
            )?;
            Ok(d)
        }),
    };
    // A bound reached anywhere inside a reader wins over whatever the reader made of it.
    if let Some(e) = budget.failure() {
        return Err(e);
    }
    let doc = doc?;
    if doc.paragraphs.len() > limits.max_paragraphs {
        return Err(ReadError::new(
            ReadCode::TooLarge,
            format!(
                "文件中的段落过多（{} 段，上限 {} 段），疑似恶意或损坏的文件，已停止读取",
                doc.paragraphs.len(),
                limits.max_paragraphs
            ),
        ));
    }
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
    fn every_read_code_is_documented_once_in_order() {
        for (i, c) in ReadCode::ALL.iter().enumerate() {
            let d = c.doc();
            assert_eq!(d.code, format!("READ{:03}", i + 1));
            assert_eq!(ReadCode::from_code(&d.code.to_lowercase()), Some(*c));
            assert!(!d.title.is_empty() && d.meaning.len() > 20 && d.remedy.len() > 20);
        }
        assert_eq!(ReadCode::from_code("READ099"), None);
        assert_eq!(ReadCode::from_code("EX001"), None);
    }

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
        // a Word 97-2003 document (or a .wps in that format) is read as such
        let doc = ole_with(&["/WordDocument", "/1Table"]);
        assert_eq!(sniff(&doc, Some("判决书.docx")).unwrap(), Format::Doc);
        // any other OLE file is named unsupported
        let xls = ole_with(&["/Workbook"]);
        let e = sniff(&xls, Some("判决书.doc")).unwrap_err();
        assert_eq!(e.code, ReadCode::Unsupported);
        assert!(e.message.contains(".docx"), "{}", e.message);
        let odt = b"PK\x03\x04\x14\x00\x00\x00\x00\x00abcdefghijklmnopqrmimetypeapplication/vnd.oasis.opendocument.text";
        assert_eq!(
            sniff(odt, Some("x.odt")).unwrap_err().code,
            ReadCode::Unsupported
        );
    }
}
