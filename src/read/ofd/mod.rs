//! OFD reader (GB/T 33190, China's fixed-layout format). See issue #15.
//!
//! The zip package's `OFD.xml` names the document root (`DocBody/DocRoot`); its `Document.xml`
//! lists the pages in order (`Pages/Page/@BaseLoc`), the page area and the template pages. Each
//! page's content (and the content of the templates it uses) is walked for `TextObject`s:
//! `Boundary` (the object's origin on the page), `CTM`, `Size`, and their `TextCode`s with `X`/`Y`
//! and `DeltaX`/`DeltaY` (including the `g N v` repeat syntax). Layers and `PageBlock`s nest at any
//! depth. Positions become glyphs for the PDF reader's layout step ([`crate::read::pdf::layout`]):
//! lines by baseline, paragraphs the way PDF lines are joined, no invented spaces between CJK
//! characters, running headers and page numbers dropped; locations are page + line.
//!
//! A package with several `DocBody`s (several documents) is read for its first one.
//!
//! Not text: signatures and seals (`Signs`, 签章), annotations (`Annots`), attachments; images make
//! a page with no text READ006 (an image-only OFD needs OCR). Without `DeltaX` a glyph advances by
//! a full em for CJK and half an em otherwise (no font metrics are read).
//!
//! Guards as for DOCX: every part read is charged against [`Limits::max_uncompressed`] (a total
//! budget), large parts with a compression ratio above [`Limits::max_ratio`] are refused, and every
//! part is read through a cap at its declared size. A damaged package is READ003, a limit READ008,
//! an encrypted package (GB/T 33190-2021 `Encryptions`) READ005. Never panics on input.

use super::pdf::interp::{Glyph, PageText};
use super::pdf::layout;
use super::{Limits, ReadCode, ReadError};
use crate::document::{Document, Format};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// Parts smaller than this are not subject to the ratio check (as for DOCX).
const RATIO_FLOOR: u64 = 1 << 20;
/// Millimetres (OFD's unit) to points, so the PDF layout's absolute tolerances apply unchanged.
const PT_PER_MM: f32 = 72.0 / 25.4;
/// Most glyphs taken from one page (a hostile `g` repeat cannot make more than its text anyway).
const MAX_GLYPHS_PER_PAGE: usize = 200_000;

/// Is this zip package an OFD (an `OFD.xml` entry at its root)?
pub fn is_ofd(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let tail = &bytes[bytes.len().saturating_sub(64 << 10)..];
    if super::find(head, b"OFD.xml").is_none() && super::find(tail, b"OFD.xml").is_none() {
        return false;
    }
    ZipArchive::new(Cursor::new(bytes)).is_ok_and(|z| {
        z.file_names()
            .any(|n| n.trim_start_matches('/').eq_ignore_ascii_case("OFD.xml"))
    })
}

/// Read an OFD file into a [`Document`].
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_inner(bytes, limits))) {
        Ok(r) => r,
        Err(_) => Err(ReadError::new(
            ReadCode::Internal,
            "读取 OFD 文档时发生内部错误（解析器异常），请将文件反馈给开发者",
        )),
    }
}

fn corrupt(msg: impl Into<String>) -> ReadError {
    ReadError::new(ReadCode::CorruptDocx, msg)
}

/// The zip package and the remaining uncompressed-size budget.
struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    limits: &'a Limits,
    budget: u64,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Self, ReadError> {
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| corrupt(format!("OFD 文件已损坏：ZIP 结构无法读取（{e}）")))?;
        Ok(Package {
            zip,
            limits,
            budget: limits.max_uncompressed,
        })
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.zip.index_for_name(name).or_else(|| {
            (0..self.zip.len()).find(|&i| {
                self.zip
                    .name_for_index(i)
                    .is_some_and(|n| n.trim_start_matches('/').eq_ignore_ascii_case(name))
            })
        })
    }

    /// Read part `name` (a package path without the leading `/`), or `None` when absent.
    fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(idx) = self.find(name) else {
            return Ok(None);
        };
        let limits = self.limits;
        let file = self
            .zip
            .by_index(idx)
            .map_err(|e| corrupt(format!("OFD 文件已损坏：无法打开其中的 {name}（{e}）")))?;
        let size = file.size();
        let packed = file.compressed_size().max(1);
        if size > self.budget {
            return Err(ReadError::new(
                ReadCode::TooLarge,
                format!(
                    "OFD 中的 {name} 解压后为 {} MB，超过解压总量 {} MB 的上限（可能是压缩炸弹），已拒绝读取",
                    size >> 20,
                    limits.max_uncompressed >> 20
                ),
            ));
        }
        if limits.max_ratio > 0 && size > RATIO_FLOOR && size / packed > limits.max_ratio {
            return Err(ReadError::new(
                ReadCode::TooLarge,
                format!(
                    "OFD 中的 {name} 压缩比异常（{}:1，上限 {}:1），疑似压缩炸弹，已拒绝读取",
                    size / packed,
                    limits.max_ratio
                ),
            ));
        }
        // Read one byte past the declared size: a part that has more is lying about its size.
        let mut out = Vec::with_capacity(size.min(1 << 24) as usize);
        let mut capped = file.take(size + 1);
        capped
            .read_to_end(&mut out)
            .map_err(|e| corrupt(format!("OFD 文件已损坏：{name} 无法解压（{e}）")))?;
        self.budget = self.budget.saturating_sub(out.len() as u64);
        if out.len() as u64 > size {
            return Err(ReadError::new(
                ReadCode::TooLarge,
                format!("OFD 中的 {name} 解压后的实际大小超过 ZIP 中声明的大小（疑似压缩炸弹），已停止读取"),
            ));
        }
        Ok(Some(out))
    }

    fn required(&mut self, name: &str, what: &str) -> Result<Vec<u8>, ReadError> {
        self.part(name)?
            .ok_or_else(|| corrupt(format!("OFD 文件不完整：找不到{what}（{name}）")))
    }
}

/// Resolve an OFD location (`BaseLoc`, `DocRoot`) against the directory of the part it appears in.
fn resolve(base_dir: &str, loc: &str) -> String {
    let loc = loc.trim().replace('\\', "/");
    let joined = if let Some(abs) = loc.strip_prefix('/') {
        abs.to_string()
    } else if base_dir.is_empty() {
        loc
    } else {
        format!("{base_dir}/{loc}")
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

fn dir_of(part: &str) -> &str {
    part.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn numbers(s: &str) -> Vec<f32> {
    s.split_whitespace()
        .filter_map(|t| t.parse::<f32>().ok())
        .filter(|v| v.is_finite())
        .collect()
}

/// `DeltaX`/`DeltaY`: numbers, where `g N v` stands for N copies of v. At most `max` values.
pub fn parse_deltas(s: &str, max: usize) -> Vec<f32> {
    let mut out = Vec::new();
    let mut it = s.split_whitespace();
    while out.len() < max {
        let Some(t) = it.next() else { break };
        if t == "g" {
            let n = it.next().and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
            let v = it.next().and_then(|v| v.parse::<f32>().ok()).unwrap_or(0.0);
            let n = if n.is_finite() && n > 0.0 {
                n as usize
            } else {
                0
            };
            let v = if v.is_finite() { v } else { 0.0 };
            let k = n.min(max - out.len());
            out.extend(std::iter::repeat_n(v, k));
        } else if let Ok(v) = t.parse::<f32>() {
            out.push(if v.is_finite() { v } else { 0.0 });
        }
    }
    out
}

/// The advance of a character without font metrics: full width for CJK and full-width forms,
/// half width otherwise.
fn default_advance(c: char, size: f32) -> f32 {
    if (c as u32) < 0x1100 || ('\u{FF61}'..='\u{FFDC}').contains(&c) {
        size * 0.5
    } else {
        size
    }
}

/// The first `Area/PhysicalBox` (or `PageArea/PhysicalBox`) of a part: `[x, y, w, h]` in mm.
fn physical_box(xml: &[u8]) -> Option<[f32; 4]> {
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut inside = false;
    loop {
        buf.clear();
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"PhysicalBox" => inside = true,
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"Content" => return None,
            Ok(Event::Text(t)) if inside => {
                let v = numbers(&t.unescape().ok()?);
                return (v.len() == 4 && v[2] > 0.0 && v[3] > 0.0)
                    .then(|| [v[0], v[1], v[2], v[3]]);
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"PhysicalBox" => inside = false,
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// One `TextObject` in force while its `TextCode`s are read.
#[derive(Clone, Copy)]
struct TextObj {
    bx: f32,
    by: f32,
    size: f32,
    /// CTM `a b c d e f` (object space → boundary space).
    ctm: [f32; 6],
    /// Pen after the last TextCode (a TextCode without X/Y continues from it).
    pen: (f32, f32),
}

/// Glyphs in page space (mm, y down), before conversion for the layout step.
#[derive(Default)]
struct PageGlyphs {
    /// (x0, x1, baseline y, size, text)
    glyphs: Vec<(f32, f32, f32, f32, char)>,
    images: usize,
}

/// A TextCode being read: its X and Y, and its attributes and text so far.
type CodeAttrs = (Option<f32>, Option<f32>, String, String, String);

/// Walk a page (or template page) content part, adding its text glyphs; returns the template
/// IDs the page uses, in drawing order.
fn walk_content(xml: &[u8], out: &mut PageGlyphs) -> Result<Vec<String>, quick_xml::Error> {
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut templates = Vec::new();
    let mut objs: Vec<TextObj> = Vec::new();
    // The TextCode being read: its attributes and its text so far.
    let mut code: Option<CodeAttrs> = None;
    loop {
        buf.clear();
        let ev = r.read_event_into(&mut buf)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"Template" => {
                        if let Some(id) = attr(e, b"TemplateID") {
                            templates.push(id);
                        }
                    }
                    b"ImageObject" => out.images += 1,
                    b"TextObject" if !empty => {
                        let b = numbers(&attr(e, b"Boundary").unwrap_or_default());
                        let size = attr(e, b"Size")
                            .and_then(|s| s.trim().parse::<f32>().ok())
                            .filter(|s| s.is_finite() && *s > 0.0)
                            .unwrap_or(3.5);
                        let ctm = numbers(&attr(e, b"CTM").unwrap_or_default());
                        objs.push(TextObj {
                            bx: b.first().copied().unwrap_or(0.0),
                            by: b.get(1).copied().unwrap_or(0.0),
                            size,
                            ctm: if ctm.len() == 6 {
                                [ctm[0], ctm[1], ctm[2], ctm[3], ctm[4], ctm[5]]
                            } else {
                                [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
                            },
                            pen: (0.0, 0.0),
                        });
                    }
                    b"TextCode" if !empty && !objs.is_empty() => {
                        let num = |k: &[u8]| {
                            attr(e, k)
                                .and_then(|s| s.trim().parse::<f32>().ok())
                                .filter(|v| v.is_finite())
                        };
                        code = Some((
                            num(b"X"),
                            num(b"Y"),
                            attr(e, b"DeltaX").unwrap_or_default(),
                            attr(e, b"DeltaY").unwrap_or_default(),
                            String::new(),
                        ));
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                if let Some(c) = code.as_mut() {
                    if let Ok(s) = t.unescape() {
                        c.4.push_str(&s);
                    }
                }
            }
            Event::CData(ref t) => {
                if let Some(c) = code.as_mut() {
                    c.4.push_str(&String::from_utf8_lossy(t));
                }
            }
            Event::End(ref e) => match e.local_name().as_ref() {
                b"TextCode" => {
                    if let (Some((x, y, dx, dy, text)), Some(obj)) = (code.take(), objs.last_mut())
                    {
                        place(obj, x, y, &dx, &dy, &text, out);
                    }
                }
                b"TextObject" => {
                    objs.pop();
                    code = None;
                }
                _ => {}
            },
            Event::Eof => return Ok(templates),
            _ => {}
        }
    }
}

/// Place the characters of one TextCode.
fn place(
    obj: &mut TextObj,
    x: Option<f32>,
    y: Option<f32>,
    dx: &str,
    dy: &str,
    text: &str,
    out: &mut PageGlyphs,
) {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return;
    }
    let n = chars.len();
    let dxs = parse_deltas(dx, n.saturating_sub(1));
    let dys = parse_deltas(dy, n.saturating_sub(1));
    let (mut px, mut py) = (x.unwrap_or(obj.pen.0), y.unwrap_or(obj.pen.1));
    let [a, b, c, d, e, f] = obj.ctm;
    let scale = (c * c + d * d).sqrt();
    let size = obj.size * if scale > 0.0 { scale } else { 1.0 };
    let hscale = {
        let s = (a * a + b * b).sqrt();
        if s > 0.0 {
            s
        } else {
            1.0
        }
    };
    for (i, &ch) in chars.iter().enumerate() {
        let natural = default_advance(ch, obj.size);
        let adv = dxs.get(i).copied().unwrap_or(natural);
        if !ch.is_control() && out.glyphs.len() < MAX_GLYPHS_PER_PAGE {
            let gx = obj.bx + a * px + c * py + e;
            let gy = obj.by + b * px + d * py + f;
            let w = natural.min(adv.abs().max(natural * 0.5)) * hscale;
            out.glyphs.push((gx, gx + w, gy, size, ch));
        }
        px += adv;
        if let Some(v) = dys.get(i) {
            py += v;
        }
    }
    obj.pen = (px, py);
}

fn xml_error(name: &str, e: &quick_xml::Error) -> ReadError {
    corrupt(format!("OFD 文件已损坏：{name} 的 XML 格式错误（{e}）"))
}

fn read_inner(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let mut pkg = Package::open(bytes, limits)?;
    let ofd_xml = pkg.required("OFD.xml", "入口文件")?;
    let (doc_root, encrypted) = doc_root(&ofd_xml).map_err(|e| xml_error("OFD.xml", &e))?;
    if encrypted {
        return Err(ReadError::new(
            ReadCode::EncryptedPdf,
            "OFD 文档已加密，无法读取文字；请先解除加密后再检查",
        ));
    }
    let doc_root = doc_root
        .map(|d| resolve("", &d))
        .ok_or_else(|| corrupt("OFD 文件已损坏：OFD.xml 中没有文档根节点（DocBody/DocRoot）"))?;
    let doc_xml = pkg.required(&doc_root, "文档根节点")?;
    let doc_dir = dir_of(&doc_root).to_string();
    let info = document_info(&doc_xml).map_err(|e| xml_error(&doc_root, &e))?;
    if info.pages.is_empty() {
        return Err(corrupt("OFD 文件已损坏：文档中没有页面（Pages/Page）"));
    }
    if info.pages.len() > limits.max_pages {
        return Err(ReadError::new(
            ReadCode::TooLarge,
            format!(
                "OFD 共 {} 页，超过单个文件 {} 页的上限",
                info.pages.len(),
                limits.max_pages
            ),
        ));
    }
    let default_box = info.page_box.unwrap_or([0.0, 0.0, 210.0, 297.0]);
    let mut template_cache: HashMap<String, PageGlyphs> = HashMap::new();
    let mut page_lines = Vec::with_capacity(info.pages.len());
    let mut total = 0usize;
    let mut images = 0usize;
    for (k, loc) in info.pages.iter().enumerate() {
        let name = resolve(&doc_dir, loc);
        let Some(xml) = pkg.part(&name)? else {
            return Err(corrupt(format!(
                "OFD 文件不完整：找不到第 {} 页（{name}）",
                k + 1
            )));
        };
        let pbox = physical_box(&xml).unwrap_or(default_box);
        let mut page = PageGlyphs::default();
        let templates = walk_content(&xml, &mut page).map_err(|e| xml_error(&name, &e))?;
        for id in templates {
            let Some(tloc) = info.templates.get(&id) else {
                continue;
            };
            let tname = resolve(&doc_dir, tloc);
            if !template_cache.contains_key(&tname) {
                let mut tg = PageGlyphs::default();
                if let Some(txml) = pkg.part(&tname)? {
                    walk_content(&txml, &mut tg).map_err(|e| xml_error(&tname, &e))?;
                }
                template_cache.insert(tname.clone(), tg);
            }
            if let Some(tg) = template_cache.get(&tname) {
                page.glyphs.extend_from_slice(&tg.glyphs);
                page.images += tg.images;
            }
        }
        total += page.glyphs.len();
        images += page.images;
        let pt = to_page_text(&page, pbox);
        page_lines.push((layout::page_lines(&pt, k as u32 + 1), pt.media_box));
    }
    if total == 0 {
        return Err(ReadError::new(
            ReadCode::NoTextLayer,
            if images > 0 {
                "OFD 没有文字层（页面只有图像，可能是扫描件），需要先进行 OCR 文字识别"
            } else {
                "OFD 文档中没有文字"
            },
        ));
    }
    Ok(Document::from_paragraphs(
        Format::Ofd,
        layout::paragraphs(page_lines),
    ))
}

/// OFD.xml: the first DocBody's DocRoot, and whether the package declares encryption.
fn doc_root(xml: &[u8]) -> Result<(Option<String>, bool), quick_xml::Error> {
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut in_root = false;
    let mut root: Option<String> = None;
    let mut encrypted = false;
    loop {
        buf.clear();
        match r.read_event_into(&mut buf)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"DocRoot" => in_root = root.is_none(),
                b"Encryptions" | b"Encryption" => encrypted = true,
                _ => {}
            },
            Event::Text(t) if in_root => {
                let s = t.unescape()?.trim().to_string();
                if !s.is_empty() {
                    root = Some(s);
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"DocRoot" => in_root = false,
            Event::Eof => return Ok((root, encrypted)),
            _ => {}
        }
    }
}

struct DocInfo {
    pages: Vec<String>,
    templates: HashMap<String, String>,
    page_box: Option<[f32; 4]>,
}

/// Document.xml: pages in order, template pages by ID, the default page box.
fn document_info(xml: &[u8]) -> Result<DocInfo, quick_xml::Error> {
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut info = DocInfo {
        pages: Vec::new(),
        templates: HashMap::new(),
        page_box: physical_box(xml),
    };
    let mut depth_pages = 0usize;
    loop {
        buf.clear();
        match r.read_event_into(&mut buf)? {
            Event::Start(e) if e.local_name().as_ref() == b"Pages" => depth_pages += 1,
            Event::End(e) if e.local_name().as_ref() == b"Pages" => {
                depth_pages = depth_pages.saturating_sub(1)
            }
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"Page" if depth_pages > 0 => {
                    if let Some(loc) = attr(&e, b"BaseLoc") {
                        info.pages.push(loc);
                    }
                }
                b"TemplatePage" => {
                    if let (Some(id), Some(loc)) = (attr(&e, b"ID"), attr(&e, b"BaseLoc")) {
                        info.templates.insert(id, loc);
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(info),
            _ => {}
        }
    }
}

/// Convert page glyphs (mm, y down) into the PDF layout's page (points, y up).
fn to_page_text(page: &PageGlyphs, pbox: [f32; 4]) -> PageText {
    let h = pbox[3] * PT_PER_MM;
    let mut pt = PageText {
        media_box: [0.0, 0.0, pbox[2] * PT_PER_MM, h],
        images: page.images,
        ..PageText::default()
    };
    for &(x0, x1, y, size, ch) in &page.glyphs {
        let start = pt.text.len() as u32;
        pt.text.push(ch);
        pt.glyphs.push(Glyph {
            x0: (x0 - pbox[0]) * PT_PER_MM,
            x1: (x1 - pbox[0]) * PT_PER_MM,
            y: h - (y - pbox[1]) * PT_PER_MM,
            size: size * PT_PER_MM,
            start,
            end: pt.text.len() as u32,
        });
    }
    pt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deltas() {
        assert_eq!(
            parse_deltas("g 3 5.6 2.8 g 2 1", 10),
            [5.6, 5.6, 5.6, 2.8, 1.0, 1.0]
        );
        assert_eq!(parse_deltas("g 1000000000 5", 3), [5.0, 5.0, 5.0]);
        assert_eq!(parse_deltas("1 2 3 4", 2), [1.0, 2.0]);
        assert_eq!(parse_deltas("g", 4), Vec::<f32>::new());
        assert_eq!(parse_deltas("g x y 3 NaN", 4), [3.0, 0.0]);
        assert!(parse_deltas("", 0).is_empty());
    }

    #[test]
    fn resolves() {
        assert_eq!(
            resolve("Doc_0", "Pages/Page_0/Content.xml"),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(resolve("Doc_0", "/Doc_0/Tpls/T.xml"), "Doc_0/Tpls/T.xml");
        assert_eq!(resolve("", "./Doc_0/Document.xml"), "Doc_0/Document.xml");
        assert_eq!(resolve("Doc_0/Pages", "../Res/x.xml"), "Doc_0/Res/x.xml");
    }

    #[test]
    fn text_codes_and_ctm() {
        let xml = r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>
            <ofd:TextObject ID="1" Boundary="20 30 100 10" Font="1" Size="5">
              <ofd:TextCode X="0" Y="5" DeltaX="g 2 5 2.5">人民A法</ofd:TextCode>
              <ofd:TextCode DeltaX="5">院&amp;</ofd:TextCode>
            </ofd:TextObject>
            <ofd:PageBlock><ofd:TextObject Boundary="0 0 10 10" Size="2" CTM="2 0 0 2 1 1">
              <ofd:TextCode X="1" Y="1">字</ofd:TextCode></ofd:TextObject></ofd:PageBlock>
            <ofd:ImageObject ID="9"/>
        </ofd:Layer></ofd:Content></ofd:Page>"#;
        let mut g = PageGlyphs::default();
        walk_content(xml.as_bytes(), &mut g).unwrap();
        let got: Vec<(f32, f32, char)> = g.glyphs.iter().map(|x| (x.0, x.2, x.4)).collect();
        assert_eq!(
            got,
            [
                (20.0, 35.0, '人'),
                (25.0, 35.0, '民'),
                (30.0, 35.0, 'A'),
                (32.5, 35.0, '法'),
                // continues after 法 (no DeltaX left: its natural advance, 5)
                (37.5, 35.0, '院'),
                (42.5, 35.0, '&'),
                // CTM: x = 2*1 + 1, y = 2*1 + 1; size doubled
                (3.0, 3.0, '字'),
            ]
        );
        assert_eq!(g.glyphs[6].3, 4.0);
        assert_eq!(g.images, 1);
    }

    #[test]
    fn garbage() {
        assert!(read(b"PK\x03\x04junk", &Limits::default()).is_err());
        let mut g = PageGlyphs::default();
        assert!(walk_content(b"<a><TextObject><TextCode>x</b>", &mut g).is_err());
        assert!(!is_ofd(b"PK\x03\x04 OFD.xml"));
    }
}
