//! DOCX reader: zip + quick-xml, streaming and namespace-aware. See issue #2.
//!
//! Only the main document part is read for text (headers, footers, footnotes, endnotes and
//! comments live in other parts and stay out of the body); `styles.xml` and `numbering.xml` are
//! read to restore Word list labels. The main part is found through `_rels/.rels` (the
//! `officeDocument` relationship), then `[Content_Types].xml`, then `word/document.xml`.
//!
//! Guards: every part's declared uncompressed size counts against [`Limits::max_uncompressed`]
//! (a total budget over all parts read), large parts with a compression ratio above
//! [`Limits::max_ratio`] are refused, and every part is read through a cap at its declared size,
//! so a lying zip header cannot make us inflate more than we agreed to. Bad input never panics:
//! it is a [`ReadError`] (READ003 for a damaged package, READ008 for a limit).

pub(crate) mod body;
pub(crate) mod numbering;
pub(crate) mod xml;

use super::{Budget, Limits, ReadCode, ReadError};
use crate::document::{Document, Format};
use numbering::{Numbering, Styles};
use quick_xml::events::Event;
use quick_xml::NsReader;
use std::io::{self, BufReader, Cursor, Read};
use zip::ZipArchive;

/// Parts smaller than this are not subject to the ratio check: they cannot hurt, and tiny XML
/// parts legitimately compress very well.
const RATIO_FLOOR: u64 = 1 << 20;

/// Content types of a main document part (document, template, macro-enabled variants).
const MAIN_CONTENT_TYPES: &[&str] = &[
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];

/// Read a DOCX file into a [`Document`].
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    read_with(bytes, limits, &Budget::new(limits))
}

/// [`read`] within a budget (time, decoded bytes).
pub fn read_with(bytes: &[u8], limits: &Limits, budget: &Budget) -> Result<Document, ReadError> {
    check_entry_count(bytes, limits)?;
    let mut pkg = Package::open(bytes, limits)?;
    let main = pkg.main_part()?;
    let (styles, mut numbering) = pkg.list_parts(&main)?;
    budget.check()?;
    let raw = pkg.read_main(&main, &styles, numbering.as_mut(), budget)?;
    let mut doc = Document::from_paragraphs(Format::Docx, raw);
    doc.warnings
        .extend(super::text::mojibake_warning(&doc.text));
    Ok(doc)
}

/// Refuse a zip whose central directory announces more entries than [`Limits::max_entries`],
/// before the zip crate reads the directory into memory (1.9 million empty entries cost it
/// 1.26 GB). The end-of-central-directory record is found from the end of the file; a ZIP64
/// count (0xFFFF) is over any sane DOCX's count too.
fn check_entry_count(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let from = bytes.len().saturating_sub(22 + 0xFFFF);
    let Some(at) = bytes[from..]
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .map(|i| from + i)
    else {
        return Ok(()); // no record: the zip crate reports the damage
    };
    let rec = &bytes[at..];
    if rec.len() < 12 {
        return Ok(());
    }
    let total = u16::from_le_bytes([rec[10], rec[11]]) as usize;
    // The record's count can lie low; the directory's size can't: every entry takes ≥ 46 bytes.
    let dir_size = rec
        .get(12..16)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .unwrap_or(0);
    let entries = total.max(dir_size / 46);
    if entries > limits.max_entries {
        return Err(ReadError::new(
            ReadCode::TooLarge,
            format!(
                "DOCX（ZIP）中的条目过多（约 {entries} 个，上限 {} 个），疑似恶意构造的文件，已拒绝读取",
                limits.max_entries
            ),
        ));
    }
    Ok(())
}

/// The encoding named by an XML declaration (`<?xml … encoding="GBK"?>`), if any.
fn declared_encoding(head: &[u8]) -> Option<String> {
    let head = &head[..head.len().min(200)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = super::find(head, b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let i = decl.find("encoding")?;
    let rest = decl[i + 8..].trim_start().strip_prefix('=')?.trim_start();
    let q = rest.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    let val = &rest[1..];
    Some(val[..val.find(q)?].to_string())
}

/// A DOCX read with the origin of every piece of its text (for `annotate`).
pub(crate) struct Traced {
    pub doc: Document,
    /// Zip entry name of the main document part.
    pub main: String,
    /// The paragraphs as the body reader produced them, before [`Document::from_paragraphs`].
    pub paragraphs: Vec<body::TracedParagraph>,
}

/// Read a DOCX file, keeping the origins of its text in the main part.
pub(crate) fn read_traced(bytes: &[u8], limits: &Limits) -> Result<Traced, ReadError> {
    let mut pkg = Package::open(bytes, limits)?;
    let main = pkg.main_part()?;
    let (styles, mut numbering) = pkg.list_parts(&main)?;
    let idx = pkg
        .find(&main)
        .ok_or_else(|| corrupt(format!("DOCX 中找不到正文部分 {main}")))?;
    let paragraphs = pkg.with_part(idx, &main, |capped| {
        let mut reader = NsReader::from_reader(BufReader::with_capacity(64 << 10, capped));
        body::read_body_traced(&mut reader, &styles, numbering.as_mut()).map_err(|e| {
            corrupt(format!(
                "DOCX 文件已损坏：{main} 的 XML 格式错误（{e}，约第 {} 字节处）",
                reader.error_position()
            ))
        })
    })?;
    let raw = paragraphs.iter().map(|p| p.raw.clone()).collect();
    Ok(Traced {
        doc: Document::from_paragraphs(Format::Docx, raw),
        main,
        paragraphs,
    })
}

fn corrupt(msg: impl Into<String>) -> ReadError {
    ReadError::new(ReadCode::CorruptDocx, msg)
}

fn mib(n: u64) -> String {
    format!("{:.1}", n as f64 / (1u64 << 20) as f64)
}

/// A reader that refuses to yield more than `left` bytes: when the source has more, it fails
/// (and remembers why), instead of silently truncating.
struct Capped<R> {
    inner: R,
    left: u64,
    read: u64,
    exceeded: bool,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => {
                    self.exceeded = true;
                    Err(io::Error::other("part larger than declared"))
                }
            };
        }
        let n = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let got = self.inner.read(&mut buf[..n])?;
        self.left -= got as u64;
        self.read += got as u64;
        Ok(got)
    }
}

/// One relationship of a `.rels` part.
pub(crate) struct Rel {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub external: bool,
}

/// The opened zip package and the remaining uncompressed-size budget.
struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    limits: &'a Limits,
    budget: u64,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Self, ReadError> {
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| corrupt(format!("DOCX 文件已损坏：ZIP 结构无法读取（{e}）")))?;
        Ok(Package {
            zip,
            limits,
            budget: limits.max_uncompressed,
        })
    }

    /// Index of the part `name` (a part name without the leading `/`); part names are
    /// case-insensitive in OPC.
    fn find(&self, name: &str) -> Option<usize> {
        self.zip.index_for_name(name).or_else(|| {
            (0..self.zip.len()).find(|&i| {
                self.zip
                    .name_for_index(i)
                    .is_some_and(|n| n.trim_start_matches('/').eq_ignore_ascii_case(name))
            })
        })
    }

    /// Open part `idx`, check its declared size against the limits, and hand a capped reader to
    /// `f`; what was read is charged to the budget.
    fn with_part<T>(
        &mut self,
        idx: usize,
        name: &str,
        f: impl FnOnce(&mut Capped<zip::read::ZipFile<'_, Cursor<&'a [u8]>>>) -> Result<T, ReadError>,
    ) -> Result<T, ReadError> {
        let limits = self.limits;
        let file = self
            .zip
            .by_index(idx)
            .map_err(|e| corrupt(format!("DOCX 文件已损坏：无法打开其中的 {name}（{e}）")))?;
        let size = file.size();
        let packed = file.compressed_size().max(1);
        if size > self.budget {
            return Err(ReadError::new(
                ReadCode::TooLarge,
                format!(
                    "DOCX 中的 {name} 解压后为 {} MB，超过解压总量 {} MB 的上限（可能是压缩炸弹），已拒绝读取",
                    mib(size),
                    mib(limits.max_uncompressed)
                ),
            ));
        }
        if limits.max_ratio > 0 && size > RATIO_FLOOR && size / packed > limits.max_ratio {
            return Err(ReadError::new(
                ReadCode::TooLarge,
                format!(
                    "DOCX 中的 {name} 压缩比异常（{}:1，上限 {}:1），疑似压缩炸弹，已拒绝读取",
                    size / packed,
                    limits.max_ratio
                ),
            ));
        }
        let mut capped = Capped {
            inner: file,
            left: size,
            read: 0,
            exceeded: false,
        };
        let result = f(&mut capped);
        self.budget = self.budget.saturating_sub(capped.read);
        result
    }

    /// Read a whole (auxiliary) part into memory.
    fn read_part(&mut self, idx: usize, name: &str) -> Result<Vec<u8>, ReadError> {
        self.with_part(idx, name, |r| {
            let mut out = Vec::with_capacity(usize::try_from(r.left.min(1 << 24)).unwrap_or(0));
            match r.read_to_end(&mut out) {
                Ok(_) => Ok(out),
                Err(e) => Err(io_error(name, r.exceeded, &e)),
            }
        })
    }

    /// Read an auxiliary part if present. Damage in an auxiliary part is not fatal (the body can
    /// still be read), but a size limit is.
    fn read_optional(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(idx) = self.find(name) else {
            return Ok(None);
        };
        match self.read_part(idx, name) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.code == ReadCode::TooLarge => Err(e),
            Err(_) => Ok(None),
        }
    }

    /// The name of the main document part.
    fn main_part(&mut self) -> Result<String, ReadError> {
        if let Some(rels) = self.read_optional("_rels/.rels")? {
            for rel in parse_rels(&rels) {
                if !rel.external && rel.kind.ends_with("/officeDocument") {
                    let name = resolve_target("", &rel.target);
                    if self.find(&name).is_some() {
                        return Ok(name);
                    }
                }
            }
        }
        if let Some(ct) = self.read_optional("[Content_Types].xml")? {
            for (part, ctype) in parse_overrides(&ct) {
                if MAIN_CONTENT_TYPES.contains(&ctype.trim()) {
                    let name = resolve_target("", &part);
                    if self.find(&name).is_some() {
                        return Ok(name);
                    }
                }
            }
        }
        if self.find("word/document.xml").is_some() {
            return Ok("word/document.xml".into());
        }
        Err(corrupt(
            "DOCX 中找不到正文部分 word/document.xml（文件不完整，或者这个 ZIP 文件不是 Word 文档）",
        ))
    }

    /// Styles and numbering of the main part (found through its relationships). Damaged or
    /// missing parts only cost the list labels.
    fn list_parts(&mut self, main: &str) -> Result<(Styles, Option<Numbering>), ReadError> {
        let (dir, file) = main.rsplit_once('/').unwrap_or(("", main));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let (mut styles_name, mut numbering_name) = (None, None);
        match self.read_optional(&rels_name)? {
            Some(rels) => {
                for rel in parse_rels(&rels) {
                    if rel.external {
                        continue;
                    }
                    if rel.kind.ends_with("/styles") && styles_name.is_none() {
                        styles_name = Some(resolve_target(dir, &rel.target));
                    } else if rel.kind.ends_with("/numbering") && numbering_name.is_none() {
                        numbering_name = Some(resolve_target(dir, &rel.target));
                    }
                }
            }
            None => {
                styles_name = Some(resolve_target(dir, "styles.xml"));
                numbering_name = Some(resolve_target(dir, "numbering.xml"));
            }
        }
        let styles = match styles_name {
            Some(n) => self
                .read_optional(&n)?
                .and_then(|b| Styles::parse(&b).ok())
                .unwrap_or_default(),
            None => Styles::default(),
        };
        let numbering = match numbering_name {
            Some(n) => self
                .read_optional(&n)?
                .and_then(|b| Numbering::parse(&b, &styles).ok()),
            None => None,
        };
        Ok((styles, numbering))
    }

    /// Stream the main part through the body reader. A part declared in another encoding than
    /// UTF-8 (`<?xml version="1.0" encoding="GBK"?>`, written by some converters) is decoded by
    /// its declaration first; an encoding we don't know is READ007.
    fn read_main(
        &mut self,
        main: &str,
        styles: &Styles,
        numbering: Option<&mut Numbering>,
        budget: &Budget,
    ) -> Result<Vec<crate::document::RawParagraph>, ReadError> {
        let idx = self
            .find(main)
            .ok_or_else(|| corrupt(format!("DOCX 中找不到正文部分 {main}")))?;
        self.with_part(idx, main, |capped| {
            let mut buffered = BufReader::with_capacity(64 << 10, capped);
            let head = io::BufRead::fill_buf(&mut buffered)
                .map(|h| h.to_vec())
                .unwrap_or_default();
            let label = declared_encoding(&head);
            let foreign = label.as_deref().and_then(|l| {
                let enc = encoding_rs::Encoding::for_label(l.trim().as_bytes());
                match enc {
                    Some(e) if e == encoding_rs::UTF_8 => None,
                    other => Some(other),
                }
            });
            match foreign {
                None => {
                    let mut reader = NsReader::from_reader(buffered);
                    let r = body::read_body(&mut reader, styles, numbering, budget);
                    r.map_err(|e| match e {
                        body::BodyError::Xml(quick_xml::Error::Io(ioe)) => {
                            let exceeded = reader.get_mut().get_mut().exceeded;
                            io_error(main, exceeded, &ioe)
                        }
                        body::BodyError::Xml(x) => corrupt(format!(
                            "DOCX 文件已损坏：{main} 的 XML 格式错误（{x}，约第 {} 字节处）",
                            reader.error_position()
                        )),
                        body::BodyError::Budget(b) => b,
                    })
                }
                Some(None) => Err(ReadError::new(
                    ReadCode::UnknownEncoding,
                    format!(
                        "DOCX 正文 {main} 声明了无法识别的编码（{}），请在 Word/WPS 中另存为 .docx 后再检查",
                        label.unwrap_or_default()
                    ),
                )),
                Some(Some(enc)) => {
                    let mut raw = Vec::new();
                    if let Err(e) = buffered.read_to_end(&mut raw) {
                        let exceeded = buffered.get_mut().exceeded;
                        return Err(io_error(main, exceeded, &e));
                    }
                    budget.charge(raw.len() * 2, "DOCX 正文")?;
                    let (text, _, _) = enc.decode(&raw);
                    // The declaration no longer tells the truth: drop it.
                    let body = match text.find("?>") {
                        Some(i) if text.starts_with("<?xml") => &text[i + 2..],
                        _ => &text[..],
                    };
                    let mut reader = NsReader::from_reader(body.as_bytes());
                    let r = body::read_body(&mut reader, styles, numbering, budget);
                    r.map_err(|e| match e {
                        body::BodyError::Xml(x) => corrupt(format!(
                            "DOCX 文件已损坏：{main} 的 XML 格式错误（{x}，约第 {} 字节处）",
                            reader.error_position()
                        )),
                        body::BodyError::Budget(b) => b,
                    })
                }
            }
        })
    }
}

/// The error for a failed read of a part: a cap hit (READ008) or a decompression failure (READ003).
fn io_error(name: &str, exceeded: bool, e: &io::Error) -> ReadError {
    if exceeded {
        ReadError::new(
            ReadCode::TooLarge,
            format!("DOCX 中的 {name} 解压后的实际大小超过 ZIP 中声明的大小（疑似压缩炸弹），已停止读取"),
        )
    } else {
        corrupt(format!("DOCX 文件已损坏：{name} 无法解压（{e}）"))
    }
}

/// Relationships of a `.rels` part. Parsing stops at the first XML error (what was read counts).
pub(crate) fn parse_rels(bytes: &[u8]) -> Vec<Rel> {
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let id = xml::plain_attr(&e, b"Id").unwrap_or_default();
                let kind = xml::plain_attr(&e, b"Type").unwrap_or_default();
                let target = xml::plain_attr(&e, b"Target").unwrap_or_default();
                let external = xml::plain_attr(&e, b"TargetMode")
                    .is_some_and(|m| m.eq_ignore_ascii_case("external"));
                out.push(Rel {
                    id,
                    kind,
                    target,
                    external,
                });
            }
            Ok(Event::Eof) | Err(_) => return out,
            Ok(_) => {}
        }
    }
}

/// `(PartName, ContentType)` of the `Override` entries of `[Content_Types].xml`.
pub(crate) fn parse_overrides(bytes: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Override" => {
                if let (Some(p), Some(c)) = (
                    xml::plain_attr(&e, b"PartName"),
                    xml::plain_attr(&e, b"ContentType"),
                ) {
                    out.push((p, c));
                }
            }
            Ok(Event::Eof) | Err(_) => return out,
            Ok(_) => {}
        }
    }
}

/// Resolve a relationship target against the directory of its source part, giving a zip entry
/// name (no leading `/`, `.` and `..` resolved).
pub(crate) fn resolve_target(base_dir: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let joined = if let Some(abs) = target.strip_prefix('/') {
        abs.to_string()
    } else if base_dir.is_empty() {
        target
    } else {
        format!("{base_dir}/{target}")
    };
    let mut segs: Vec<&str> = Vec::new();
    for s in joined.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_targets() {
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve_target("", "/word/document.xml"),
            "word/document.xml"
        );
        assert_eq!(
            resolve_target("word", "numbering.xml"),
            "word/numbering.xml"
        );
        assert_eq!(
            resolve_target("word", "../customXml/x.xml"),
            "customXml/x.xml"
        );
        assert_eq!(
            resolve_target("word", "/word/styles.xml"),
            "word/styles.xml"
        );
    }

    #[test]
    fn xml_declarations() {
        assert_eq!(
            declared_encoding(
                br#"<?xml version="1.0" encoding="GBK" standalone="yes"?><w:document>"#
            )
            .as_deref(),
            Some("GBK")
        );
        assert_eq!(
            declared_encoding(b"<?xml version='1.0' encoding='utf-8'?>").as_deref(),
            Some("utf-8")
        );
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\"?>"), None);
        assert_eq!(declared_encoding(b"<w:document>"), None);
    }

    #[test]
    fn sym_and_garbage() {
        assert_eq!(
            read(b"not a zip", &Limits::default()).unwrap_err().code,
            crate::read::ReadCode::CorruptDocx
        );
    }
}
