//! `wenshu-lint annotate`: a copy of a DOCX with every finding as a Word comment (批注).
//!
//! Pure library code: bytes and findings in, bytes out ([`annotate_docx`]); the CLI does the IO.
//!
//! How a finding finds its words: the DOCX reader is run again in tracing mode, which says for
//! every piece of the extracted text which event of `document.xml` it came from (a `w:t` text,
//! or a `w:tab`/`w:br`/`w:sym` element; restored list labels come from nowhere). A finding's byte
//! span in [`Document::text`](crate::Document) is mapped through that trace to a start and an end
//! position in the original XML. Deleted tracked text (`w:del`, `w:moveFrom`) never produced
//! extracted text, so it can never be an anchor.
//!
//! How the comment is written: `document.xml` is streamed and copied byte for byte, except at
//! the anchor positions, where `w:commentRangeStart`/`w:commentRangeEnd` and a run holding the
//! `w:commentReference` are inserted. Where a position falls inside a run, the run is split
//! (the first half closed, the second half reopened with the original run's start tag and its
//! `w:rPr`, so both halves keep their formatting). `word/comments.xml` is extended (existing
//! comments kept, ids unique) or created, together with its relationship and content type. Every
//! other zip entry is copied byte for byte (compressed data included).

use crate::diagnostic::{Finding, Severity};
use crate::read::docx::body::{Origin, Piece, TracedParagraph};
use crate::read::docx::xml::{ns_of, Ns};
use crate::read::docx::{parse_overrides, parse_rels, read_traced, resolve_target};
use crate::read::{Limits, ReadCode, ReadError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::NsReader;
use std::collections::{BTreeSet, HashMap};
use std::io::{Cursor, Read, Write};

/// Codes whose finding is about something missing: the comment marks where it should go.
pub const ABSENCE_CODES: &[&str] = &["PW001", "PW003", "FE001"];

const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CT: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Author, initials and date written on every comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentMeta {
    pub author: String,
    pub initials: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`
    pub date: String,
}

impl CommentMeta {
    /// `wenshu-lint`, `WL`, the current time (UTC).
    pub fn now() -> CommentMeta {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        CommentMeta {
            author: "wenshu-lint".into(),
            initials: "WL".into(),
            date: iso_utc(secs),
        }
    }
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC).
pub fn iso_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// The text of the comment for a finding: code and severity with the message, then the fix.
pub fn comment_paragraphs(f: &Finding) -> Vec<String> {
    let sev = match f.severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    };
    let mut v = vec![format!("{}（{sev}）：{}", f.code, f.message)];
    if ABSENCE_CODES.contains(&f.code) {
        v.push("（文书缺少上述内容：批注标在应当补写的位置，即本段之前。）".into());
    }
    if !f.help.is_empty() {
        v.push(format!("帮助：{}", f.help));
    }
    v
}

/// A position in `document.xml` where comment marks go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Where {
    /// Before the text or element event starting at this byte.
    Before(u64),
    /// Inside the text event starting at this byte, after this many bytes of its unescaped text.
    Inside(u64, usize),
    /// After the text or element event starting at this byte.
    After(u64),
    /// At the start of the paragraph whose `w:p` starts at this byte (after its `w:pPr`).
    ParaStart(u64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Start(u32),
    End(u32),
    /// The end of a comment whose start is at the same position.
    PointEnd(u32),
}

impl Mark {
    fn order(self) -> u8 {
        match self {
            Mark::End(_) => 0,
            Mark::Start(_) => 1,
            Mark::PointEnd(_) => 2,
        }
    }
}

/// A document paragraph and the raw (traced) paragraph it was trimmed from.
struct DocPara {
    raw: usize,
    /// `raw offset = doc offset - doc_start + trim`.
    doc_start: usize,
    doc_end: usize,
    trim: usize,
}

struct Map<'a> {
    raws: &'a [TracedParagraph],
    paras: Vec<DocPara>,
}

impl Map<'_> {
    fn para_of(&self, off: usize) -> usize {
        match self.paras.binary_search_by(|p| {
            if off < p.doc_start {
                std::cmp::Ordering::Greater
            } else if off > p.doc_end {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => i,
            Err(i) => i.min(self.paras.len().saturating_sub(1)),
        }
    }

    /// Real (not label) pieces of document paragraph `k` overlapping doc range `[a, b)`, with
    /// the overlap in piece-relative offsets.
    fn pieces(&self, k: usize, a: usize, b: usize) -> Vec<(Piece, usize, usize)> {
        let p = &self.paras[k];
        let ra = a.max(p.doc_start) - p.doc_start + p.trim;
        let rb = b.min(p.doc_end).max(a.max(p.doc_start)) - p.doc_start + p.trim;
        self.raws[p.raw]
            .pieces
            .iter()
            .filter(|x| x.origin != Origin::Label && x.start < rb && x.start + x.len > ra)
            .map(|x| (*x, ra.saturating_sub(x.start), (rb - x.start).min(x.len)))
            .collect()
    }

    fn before(piece: &Piece, k: usize) -> Where {
        match piece.origin {
            Origin::Text { event, .. } if k > 0 => Where::Inside(event, k),
            Origin::Text { event, .. } | Origin::Element { event } => Where::Before(event),
            Origin::Label => Where::ParaStart(0),
        }
    }

    fn after(piece: &Piece, k: usize) -> Where {
        match piece.origin {
            Origin::Text { event, .. } if k < piece.len => Where::Inside(event, k),
            Origin::Text { event, .. } | Origin::Element { event } => Where::After(event),
            Origin::Label => Where::ParaStart(0),
        }
    }

    /// A point in document paragraph `k` at doc offset `off`: before the first real piece from
    /// there on, else after the last one before it, else the paragraph's start.
    fn point(&self, k: usize, off: usize) -> Where {
        let p = &self.paras[k];
        let raw_off = off.clamp(p.doc_start, p.doc_end) - p.doc_start + p.trim;
        let real = || {
            self.raws[p.raw]
                .pieces
                .iter()
                .filter(|x| x.origin != Origin::Label)
        };
        if let Some(x) = real().find(|x| x.start + x.len > raw_off) {
            let k = raw_off.saturating_sub(x.start);
            return Self::before(x, k);
        }
        if let Some(x) = real().next_back() {
            return Self::after(x, x.len);
        }
        Where::ParaStart(self.raws[p.raw].para_event)
    }

    /// Start and end positions of a finding's span.
    fn anchor(&self, f: &Finding) -> (Where, Where) {
        let (a, b) = (f.span.start, f.span.end);
        let ka = self.para_of(a);
        if ABSENCE_CODES.contains(&f.code) || b <= a {
            let off = if b <= a { a } else { self.paras[ka].doc_start };
            let w = self.point(ka, off);
            return (w, w);
        }
        let kb = self.para_of(b.saturating_sub(1)).max(ka);
        let mut first = None;
        let mut last = None;
        for k in ka..=kb {
            let ps = self.pieces(k, a, b);
            if first.is_none() {
                if let Some((x, lo, _)) = ps.first() {
                    first = Some(Self::before(x, *lo));
                }
            }
            if let Some((x, _, hi)) = ps.last() {
                last = Some(Self::after(x, *hi));
            }
        }
        match (first, last) {
            (Some(s), Some(e)) => (s, e),
            _ => {
                let w = self.point(ka, a);
                (w, w)
            }
        }
    }
}

fn internal(msg: impl Into<String>) -> ReadError {
    ReadError::new(ReadCode::Internal, msg)
}

fn corrupt(msg: impl Into<String>) -> ReadError {
    ReadError::new(ReadCode::CorruptDocx, msg)
}

/// Write a copy of the DOCX `bytes` with one comment per finding. The findings must come from
/// checking these same bytes (their spans index the text the DOCX reader extracts from them).
/// Never panics: a defect is contained and reported as READ011.
pub fn annotate_docx(
    bytes: &[u8],
    findings: &[Finding],
    meta: &CommentMeta,
    limits: &Limits,
) -> Result<Vec<u8>, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        annotate_inner(bytes, findings, meta, limits)
    }))
    .unwrap_or_else(|_| Err(internal("写批注时发生内部错误（程序缺陷），未写出文件")))
}

fn annotate_inner(
    bytes: &[u8],
    findings: &[Finding],
    meta: &CommentMeta,
    limits: &Limits,
) -> Result<Vec<u8>, ReadError> {
    let traced = read_traced(bytes, limits)?;
    // Replay Document::from_paragraphs to know which raw paragraph each document paragraph is.
    let mut paras = Vec::new();
    let mut text = String::new();
    for (i, tp) in traced.paragraphs.iter().enumerate() {
        let t = tp.raw.text.as_str();
        let body = t.trim();
        if body.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        let start = text.len();
        text.push_str(body);
        paras.push(DocPara {
            raw: i,
            doc_start: start,
            doc_end: text.len(),
            trim: t.len() - t.trim_start().len(),
        });
    }
    if text != traced.doc.text || paras.is_empty() && !findings.is_empty() {
        return Err(internal("批注定位失败：正文与读取结果不一致（程序缺陷）"));
    }
    let map = Map {
        raws: &traced.paragraphs,
        paras,
    };

    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| corrupt(format!("DOCX 文件已损坏：ZIP 结构无法读取（{e}）")))?;
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let find = |name: &str| -> Option<String> {
        names
            .iter()
            .find(|n| n.trim_start_matches('/').eq_ignore_ascii_case(name))
            .cloned()
    };
    let mut budget = limits.max_uncompressed;
    let mut read_entry =
        |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| -> Result<Vec<u8>, ReadError> {
            let f = zip
                .by_name(name)
                .map_err(|e| corrupt(format!("DOCX 文件已损坏：无法打开其中的 {name}（{e}）")))?;
            let mut out = Vec::new();
            f.take(budget.saturating_add(1))
                .read_to_end(&mut out)
                .map_err(|e| corrupt(format!("DOCX 文件已损坏：{name} 无法解压（{e}）")))?;
            if out.len() as u64 > budget {
                return Err(ReadError::new(
                    ReadCode::TooLarge,
                    "DOCX 解压后超过大小上限，已拒绝处理",
                ));
            }
            budget -= out.len() as u64;
            Ok(out)
        };

    let main_name = find(&traced.main).ok_or_else(|| corrupt("DOCX 中找不到正文部分"))?;
    let main_xml = read_entry(&mut zip, &main_name)?;
    let (dir, file) = traced.main.rsplit_once('/').unwrap_or(("", &traced.main));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let rels_entry = find(&rels_name);
    let rels_xml = match &rels_entry {
        Some(n) => Some(read_entry(&mut zip, n)?),
        None => None,
    };
    let comments_part = rels_xml.as_ref().and_then(|r| {
        parse_rels(r)
            .into_iter()
            .find(|rel| !rel.external && rel.kind == COMMENTS_REL)
            .map(|rel| resolve_target(dir, &rel.target))
    });
    let comments_entry = comments_part.as_deref().and_then(find);
    let comments_xml = match &comments_entry {
        Some(n) => Some(read_entry(&mut zip, n)?),
        None => None,
    };

    // Comment ids: above every id already used by a comment anywhere.
    let mut next_id = 0u32;
    for part in [Some(&main_xml), comments_xml.as_ref()]
        .into_iter()
        .flatten()
    {
        if let Some(m) = max_comment_id(part) {
            next_id = next_id.max(m + 1);
        }
    }

    // Anchors.
    let mut marks: HashMap<Where, Vec<Mark>> = HashMap::new();
    let mut comments = Vec::new();
    for (j, f) in findings.iter().enumerate() {
        let id = next_id + j as u32;
        let (s, e) = map.anchor(f);
        marks.entry(s).or_default().push(Mark::Start(id));
        marks.entry(e).or_default().push(if s == e {
            Mark::PointEnd(id)
        } else {
            Mark::End(id)
        });
        comments.push((id, comment_paragraphs(f)));
    }
    for v in marks.values_mut() {
        v.sort_by_key(|m| m.order());
    }

    let new_main = if findings.is_empty() {
        main_xml.clone()
    } else {
        rewrite_main(&main_xml, &marks)
            .map_err(|e| corrupt(format!("DOCX 正文 XML 无法处理（{e}）")))?
    };

    // comments.xml, its relationship and content type.
    let mut replaced: HashMap<String, Vec<u8>> = HashMap::new();
    let mut added: Vec<(String, Vec<u8>)> = Vec::new();
    replaced.insert(main_name.clone(), new_main);
    if !findings.is_empty() {
        match (&comments_entry, &comments_xml) {
            (Some(name), Some(xml)) => {
                let new = append_comments(xml, &comments, meta)
                    .map_err(|e| corrupt(format!("DOCX 的批注部分无法处理（{e}）")))?;
                replaced.insert(name.clone(), new);
            }
            _ => {
                let part = unique_name(&names, dir, "comments");
                let target = part
                    .strip_prefix(&format!("{dir}/"))
                    .unwrap_or(&part)
                    .to_string();
                added.push((part.clone(), new_comments_part(&comments, meta)));
                let rels = match &rels_xml {
                    Some(r) => add_relationship(r, &target)
                        .map_err(|e| corrupt(format!("DOCX 的关系部分无法处理（{e}）")))?,
                    None => format!(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdWenshuLint1\" Type=\"{COMMENTS_REL}\" Target=\"{target}\"/></Relationships>"
                    )
                    .into_bytes(),
                };
                match &rels_entry {
                    Some(n) => {
                        replaced.insert(n.clone(), rels);
                    }
                    None => added.push((rels_name.clone(), rels)),
                }
                let ct_name = find("[Content_Types].xml")
                    .ok_or_else(|| corrupt("DOCX 中缺少 [Content_Types].xml"))?;
                let ct = read_entry(&mut zip, &ct_name)?;
                let has = parse_overrides(&ct)
                    .iter()
                    .any(|(p, _)| p.trim_start_matches('/').eq_ignore_ascii_case(&part));
                if !has {
                    let new = add_override(&ct, &format!("/{part}")).map_err(|e| {
                        corrupt(format!("DOCX 的 [Content_Types].xml 无法处理（{e}）"))
                    })?;
                    replaced.insert(ct_name, new);
                }
            }
        }
    }

    // The package: every entry in its order, changed ones rewritten, the rest copied raw.
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() + 8192)));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let zerr = |e: zip::result::ZipError| internal(format!("写入批注文件失败（{e}）"));
    let mut seen = BTreeSet::new();
    for i in 0..zip.len() {
        let name = zip
            .name_for_index(i)
            .map(str::to_string)
            .unwrap_or_default();
        if !seen.insert(name.clone()) {
            continue; // a duplicated entry name: keep the first (what readers see)
        }
        if let Some(data) = replaced.get(&name) {
            out.start_file(name.as_str(), opts).map_err(zerr)?;
            out.write_all(data)
                .map_err(|e| internal(format!("写入批注文件失败（{e}）")))?;
        } else {
            let f = zip
                .by_index_raw(i)
                .map_err(|e| corrupt(format!("DOCX 文件已损坏：无法复制 {name}（{e}）")))?;
            out.raw_copy_file(f).map_err(zerr)?;
        }
    }
    for (name, data) in added {
        out.start_file(name.as_str(), opts).map_err(zerr)?;
        out.write_all(&data)
            .map_err(|e| internal(format!("写入批注文件失败（{e}）")))?;
    }
    Ok(out.finish().map_err(zerr)?.into_inner())
}

/// A part name `dir/base.xml` (or `dir/base1.xml` …) not in the package yet.
fn unique_name(names: &[String], dir: &str, base: &str) -> String {
    let mk = |n: usize| {
        let file = if n == 0 {
            format!("{base}.xml")
        } else {
            format!("{base}{n}.xml")
        };
        if dir.is_empty() {
            file
        } else {
            format!("{dir}/{file}")
        }
    };
    (0..)
        .map(mk)
        .find(|c| {
            !names
                .iter()
                .any(|n| n.trim_start_matches('/').eq_ignore_ascii_case(c))
        })
        .unwrap_or_else(|| mk(0))
}

/// The largest `w:id` of a comment, comment range or comment reference in a part.
fn max_comment_id(xml: &[u8]) -> Option<u32> {
    let mut reader = NsReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut max = None;
    loop {
        buf.clear();
        match reader.read_resolved_event_into(&mut buf) {
            Ok((res, Event::Start(e) | Event::Empty(e))) if ns_of(&res) == Ns::W => {
                if matches!(
                    e.local_name().as_ref(),
                    b"comment" | b"commentRangeStart" | b"commentRangeEnd" | b"commentReference"
                ) {
                    if let Some(id) = e
                        .attributes()
                        .with_checks(false)
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == b"id")
                        .and_then(|a| {
                            std::str::from_utf8(&a.value)
                                .ok()?
                                .trim()
                                .parse::<u32>()
                                .ok()
                        })
                    {
                        max = max.max(Some(id));
                    }
                }
            }
            Ok((_, Event::Eof)) | Err(_) => return max,
            _ => {}
        }
    }
}

/// `w:` when the element's name has a prefix `w`, `` when it has none.
fn prefix_of(e: &BytesStart) -> String {
    match e.name().prefix() {
        Some(p) => format!("{}:", String::from_utf8_lossy(p.as_ref())),
        None => String::new(),
    }
}

/// `w:` for an end tag `</w:x>`.
fn prefix_of_end(e: &quick_xml::events::BytesEnd) -> String {
    match e.name().prefix() {
        Some(p) => format!("{}:", String::from_utf8_lossy(p.as_ref())),
        None => String::new(),
    }
}

/// The attribute prefix to use with element prefix `p` (unprefixed WordprocessingML elements
/// still need namespace-qualified attributes: declare one).
fn marks_xml(p: &str, marks: &[Mark]) -> String {
    let (decl, a) = if p.is_empty() {
        (format!(" xmlns:wl=\"{W_NS}\""), "wl:".to_string())
    } else {
        (String::new(), p.to_string())
    };
    let mut s = String::new();
    for m in marks {
        match m {
            Mark::Start(id) => {
                s.push_str(&format!("<{p}commentRangeStart{decl} {a}id=\"{id}\"/>"));
            }
            Mark::End(id) | Mark::PointEnd(id) => s.push_str(&format!(
                "<{p}commentRangeEnd{decl} {a}id=\"{id}\"/><{p}r><{p}commentReference{decl} {a}id=\"{id}\"/></{p}r>"
            )),
        }
    }
    s
}

/// The run being copied.
struct Run {
    /// Element depth of the `w:r`.
    depth: usize,
    prefix: String,
    /// The original start tag and `w:rPr`, to reopen a split run with.
    start_raw: Vec<u8>,
    rpr_raw: Vec<u8>,
    rpr_from: Option<usize>,
    /// Where the run's start tag is in the output.
    out_start: usize,
    /// A content element (not `w:rPr`) has been written.
    has_content: bool,
    /// End marks waiting for the next content element or the run's end.
    deferred: Vec<Mark>,
}

/// The `w:t` being copied.
struct TextEl {
    out_start: usize,
    tag_len: usize,
    preserve: bool,
}

/// Open fields (complex `w:fldChar` fields and `w:fldSimple`). Comment marks never go inside a
/// field's result (LibreOffice then cuts the comment's range short at the field): a start is moved
/// before the outermost open field, an end after it.
#[derive(Default)]
struct Fields {
    /// Output positions where the open fields begin (outermost first).
    starts: Vec<usize>,
    /// End marks waiting for the outermost field to close.
    pending: Vec<Mark>,
    /// The outermost field ended inside the current run: write `pending` after the run.
    flush_after_run: bool,
}

impl Fields {
    fn active(&self) -> bool {
        !self.starts.is_empty()
    }
}

/// Inside a field: take `marks` away from here (starts to before the field, ends to after it).
/// Returns whether anything is left to write here.
fn divert(
    marks: &mut Vec<Mark>,
    prefix: &str,
    out: &mut Vec<u8>,
    runs: &mut [Run],
    text_el: &mut Option<TextEl>,
    fields: &mut Fields,
) -> bool {
    if !fields.active() || marks.is_empty() {
        return !marks.is_empty();
    }
    let mut here: Vec<Mark> = Vec::new();
    for m in marks.drain(..) {
        match m {
            Mark::End(_) => fields.pending.push(m),
            Mark::Start(_) | Mark::PointEnd(_) => here.push(m),
        }
    }
    if !here.is_empty() {
        let at = fields.starts[0];
        let bytes = marks_xml(prefix, &here).into_bytes();
        let n = bytes.len();
        out.splice(at..at, bytes);
        for r in runs.iter_mut() {
            if r.out_start >= at {
                r.out_start += n;
            }
        }
        if let Some(t) = text_el.as_mut() {
            if t.out_start >= at {
                t.out_start += n;
            }
        }
        for f in fields.starts.iter_mut().skip(1) {
            *f += n;
        }
    }
    false
}

/// Stream `document.xml`, inserting the comment marks.
fn rewrite_main(
    xml: &[u8],
    marks: &HashMap<Where, Vec<Mark>>,
) -> Result<Vec<u8>, quick_xml::Error> {
    let mut reader = NsReader::from_reader(xml);
    let mut out: Vec<u8> = Vec::with_capacity(xml.len() + marks.len() * 160);
    let mut buf = Vec::new();
    let mut copied = 0usize;
    let mut depth = 0usize;
    let mut runs: Vec<Run> = Vec::new();
    let mut text_el: Option<TextEl> = None;
    let mut fields = Fields::default();
    // Paragraph-start marks waiting for the paragraph's first child after w:pPr: (depth, marks).
    let mut para_marks: Vec<(usize, Vec<Mark>, String)> = Vec::new();
    let get = |w: Where| marks.get(&w).map(|v| v.as_slice()).unwrap_or(&[]);
    loop {
        buf.clear();
        let pos = reader.buffer_position() as usize;
        let (res, ev) = reader.read_resolved_event_into(&mut buf)?;
        let ns = ns_of(&res);
        let end = reader.buffer_position() as usize;
        // Gap bytes (BOM, declaration details) are copied as they are.
        out.extend_from_slice(&xml[copied..pos.min(xml.len())]);
        copied = pos;
        let raw = &xml[pos..end.min(xml.len())];
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let local = e.local_name();
                let local = local.as_ref();
                let is_w = ns == Ns::W;
                // Paragraph-start marks go before the first child that is not w:pPr.
                if let Some((d, _, _)) = para_marks.last() {
                    if *d + 1 == depth && !(is_w && local == b"pPr") {
                        let (_, m, p) = para_marks.pop().unwrap_or_default();
                        out.extend_from_slice(marks_xml(&p, &m).as_bytes());
                    }
                }
                // A content element of the current run.
                let in_run_content = runs
                    .last()
                    .is_some_and(|r| r.depth + 1 == depth && r.rpr_from.is_none())
                    && !(is_w && local == b"rPr");
                if in_run_content {
                    let mut before: Vec<Mark> = get(Where::Before(pos as u64)).to_vec();
                    if is_w && local == b"t" && !empty {
                        // Marks before this text event: before the w:t.
                        before.extend_from_slice(get(Where::Before(end as u64)));
                    }
                    let mut all = runs
                        .last_mut()
                        .map(|r| std::mem::take(&mut r.deferred))
                        .unwrap_or_default();
                    all.extend(before);
                    let prefix = runs.last().map(|r| r.prefix.clone()).unwrap_or_default();
                    let left = divert(
                        &mut all,
                        &prefix,
                        &mut out,
                        &mut runs,
                        &mut text_el,
                        &mut fields,
                    );
                    let run = runs.last_mut().expect("checked");
                    if left {
                        all.sort_by_key(|m| m.order());
                        let m = marks_xml(&run.prefix, &all);
                        if run.has_content {
                            out.extend_from_slice(format!("</{}r>", run.prefix).as_bytes());
                            out.extend_from_slice(m.as_bytes());
                            run.out_start = out.len();
                            out.extend_from_slice(&run.start_raw);
                            out.extend_from_slice(&run.rpr_raw);
                        } else {
                            out.splice(run.out_start..run.out_start, m.bytes());
                            run.out_start += m.len();
                        }
                    }
                    run.has_content = true;
                } else if !runs.iter().any(|r| r.depth < depth) || runs.is_empty() {
                    // Not in a run: before-marks of an element go right here.
                    let m = get(Where::Before(pos as u64));
                    if !m.is_empty() {
                        out.extend_from_slice(marks_xml(&prefix_of(e), m).as_bytes());
                    }
                }
                let out_at = out.len();
                out.extend_from_slice(raw);
                copied = end;
                if is_w && local == b"fldChar" {
                    let kind = e
                        .attributes()
                        .with_checks(false)
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == b"fldCharType")
                        .map(|a| a.value.into_owned());
                    match kind.as_deref() {
                        Some(b"begin") => {
                            let at = runs.last().map(|r| r.out_start).unwrap_or(out_at);
                            fields.starts.push(at);
                        }
                        Some(b"end") => {
                            fields.starts.pop();
                            if !fields.active() {
                                fields.flush_after_run = true;
                            }
                        }
                        _ => {}
                    }
                } else if is_w && local == b"fldSimple" && !empty {
                    fields.starts.push(out_at);
                }
                if is_w && local == b"r" && !empty {
                    runs.push(Run {
                        depth,
                        prefix: prefix_of(e),
                        start_raw: raw.to_vec(),
                        rpr_raw: Vec::new(),
                        rpr_from: None,
                        out_start: out_at,
                        has_content: false,
                        deferred: Vec::new(),
                    });
                } else if is_w && local == b"rPr" {
                    if let Some(r) = runs.last_mut() {
                        if r.depth + 1 == depth {
                            if empty {
                                r.rpr_raw = raw.to_vec();
                            } else {
                                r.rpr_from = Some(pos);
                            }
                        }
                    }
                } else if is_w && local == b"t" && !empty {
                    let preserve =
                        e.attributes().with_checks(false).flatten().any(|a| {
                            a.key.as_ref() == b"xml:space" && a.value.as_ref() == b"preserve"
                        });
                    text_el = Some(TextEl {
                        out_start: out_at,
                        tag_len: raw.len(),
                        preserve,
                    });
                } else if is_w && local == b"p" && !empty {
                    let m = get(Where::ParaStart(pos as u64));
                    if !m.is_empty() {
                        para_marks.push((depth, m.to_vec(), prefix_of(e)));
                    }
                } else if is_w && local == b"p" && empty {
                    let m = get(Where::ParaStart(pos as u64));
                    if !m.is_empty() {
                        // <w:p/>: open it to hold the marks.
                        let p = prefix_of(e);
                        out.truncate(out_at);
                        let tag = String::from_utf8_lossy(raw);
                        let open = tag.trim_end_matches('>').trim_end_matches('/');
                        out.extend_from_slice(open.as_bytes());
                        out.push(b'>');
                        out.extend_from_slice(marks_xml(&p, m).as_bytes());
                        out.extend_from_slice(format!("</{p}p>").as_bytes());
                    }
                }
                // After-marks of an element: deferred to the next content or the run's end.
                let after = get(Where::After(pos as u64));
                if !after.is_empty() {
                    match runs.last_mut() {
                        Some(r) if r.depth < depth => r.deferred.extend_from_slice(after),
                        _ => out.extend_from_slice(marks_xml(&prefix_of(e), after).as_bytes()),
                    }
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(ref e) => {
                depth = depth.saturating_sub(1);
                let local = e.local_name();
                let local = local.as_ref();
                let is_w = ns == Ns::W;
                if let Some((d, _, _)) = para_marks.last() {
                    if *d == depth && is_w && local == b"p" {
                        let (_, m, p) = para_marks.pop().unwrap_or_default();
                        out.extend_from_slice(marks_xml(&p, &m).as_bytes());
                    }
                }
                out.extend_from_slice(raw);
                copied = end;
                if is_w && local == b"rPr" {
                    if let Some(r) = runs.last_mut() {
                        if r.depth + 1 == depth {
                            if let Some(from) = r.rpr_from.take() {
                                r.rpr_raw = xml[from..end].to_vec();
                            }
                        }
                    }
                } else if is_w && local == b"t" {
                    text_el = None;
                } else if is_w && local == b"r" && runs.last().is_some_and(|r| r.depth == depth) {
                    if let Some(mut r) = runs.pop() {
                        let mut d = std::mem::take(&mut r.deferred);
                        if divert(
                            &mut d,
                            &r.prefix,
                            &mut out,
                            &mut runs,
                            &mut text_el,
                            &mut fields,
                        ) {
                            out.extend_from_slice(marks_xml(&r.prefix, &d).as_bytes());
                        }
                        if fields.flush_after_run && !fields.active() {
                            fields.flush_after_run = false;
                            let pending = std::mem::take(&mut fields.pending);
                            out.extend_from_slice(marks_xml(&r.prefix, &pending).as_bytes());
                        }
                    }
                } else if is_w && local == b"fldSimple" {
                    fields.starts.pop();
                    if !fields.active() {
                        let pending = std::mem::take(&mut fields.pending);
                        let p = prefix_of_end(e);
                        out.extend_from_slice(marks_xml(&p, &pending).as_bytes());
                    }
                }
            }
            Event::Text(ref t) => {
                let e = pos as u64;
                let mut splits: Vec<(usize, &[Mark])> = marks
                    .iter()
                    .filter_map(|(w, m)| match w {
                        Where::Inside(ev, k) if *ev == e => Some((*k, m.as_slice())),
                        _ => None,
                    })
                    .collect();
                let before = if text_el.is_none() {
                    get(Where::Before(e))
                } else {
                    &[]
                };
                if !before.is_empty() {
                    splits.push((0, before));
                }
                if splits.is_empty() {
                    out.extend_from_slice(raw);
                } else {
                    splits.sort_by_key(|(k, _)| *k);
                    let s = match t.unescape() {
                        Ok(s) => s.into_owned(),
                        Err(_) => String::from_utf8_lossy(t).into_owned(),
                    };
                    write_split(
                        &mut out,
                        &s,
                        &splits,
                        &mut runs,
                        &mut text_el,
                        &mut fields,
                        false,
                    );
                }
                copied = end;
                defer_after(get(Where::After(e)), &mut runs, &mut out);
            }
            Event::CData(ref t) => {
                let e = pos as u64;
                let splits: Vec<(usize, &[Mark])> = marks
                    .iter()
                    .filter_map(|(w, m)| match w {
                        Where::Inside(ev, k) if *ev == e => Some((*k, m.as_slice())),
                        _ => None,
                    })
                    .collect();
                if splits.is_empty() {
                    out.extend_from_slice(raw);
                } else {
                    let mut splits = splits;
                    splits.sort_by_key(|(k, _)| *k);
                    let s = String::from_utf8_lossy(t).into_owned();
                    write_split(
                        &mut out,
                        &s,
                        &splits,
                        &mut runs,
                        &mut text_el,
                        &mut fields,
                        true,
                    );
                }
                copied = end;
                defer_after(get(Where::After(e)), &mut runs, &mut out);
            }
            _ => {
                out.extend_from_slice(raw);
                copied = end;
            }
        }
    }
    out.extend_from_slice(&xml[copied.min(xml.len())..]);
    Ok(out)
}

fn defer_after(after: &[Mark], runs: &mut [Run], out: &mut Vec<u8>) {
    if after.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(r) => r.deferred.extend_from_slice(after),
        None => out.extend_from_slice(marks_xml("w:", after).as_bytes()),
    }
}

/// Write a text (or CDATA) event split at byte offsets of its unescaped text, closing the `w:t`
/// and the run at each split, writing the marks, and reopening both.
fn write_split(
    out: &mut Vec<u8>,
    s: &str,
    splits: &[(usize, &[Mark])],
    runs: &mut [Run],
    text_el: &mut Option<TextEl>,
    fields: &mut Fields,
    cdata: bool,
) {
    let esc = |piece: &str| -> String {
        if cdata {
            if piece.is_empty() {
                String::new()
            } else {
                format!("<![CDATA[{piece}]]>")
            }
        } else {
            quick_xml::escape::escape(piece).into_owned()
        }
    };
    let mut at = 0usize;
    for (k, m) in splits {
        let mut k = (*k).min(s.len());
        while !s.is_char_boundary(k) {
            k -= 1;
        }
        out.extend_from_slice(esc(&s[at..k]).as_bytes());
        at = k;
        if fields.active() {
            // In a field's result: no split here, the marks go around the field.
            let mut all = m.to_vec();
            let prefix = runs.last().map(|r| r.prefix.clone()).unwrap_or_default();
            divert(&mut all, &prefix, out, runs, text_el, fields);
            continue;
        }
        match (runs.last_mut(), text_el.as_mut()) {
            (Some(run), Some(t)) => {
                if !t.preserve {
                    // Both halves keep their edge spaces.
                    let attr = b" xml:space=\"preserve\"";
                    let mut at_gt = t.out_start + t.tag_len - 1;
                    if out.get(at_gt.wrapping_sub(1)) == Some(&b'/') {
                        at_gt -= 1;
                    }
                    out.splice(at_gt..at_gt, attr.iter().copied());
                    t.preserve = true;
                    if run.out_start > t.out_start {
                        run.out_start += attr.len();
                    }
                }
                let p = run.prefix.clone();
                out.extend_from_slice(format!("</{p}t></{p}r>").as_bytes());
                let mut all = std::mem::take(&mut run.deferred);
                all.extend_from_slice(m);
                all.sort_by_key(|m| m.order());
                out.extend_from_slice(marks_xml(&p, &all).as_bytes());
                run.out_start = out.len();
                out.extend_from_slice(&run.start_raw);
                out.extend_from_slice(&run.rpr_raw);
                t.out_start = out.len();
                let tag = format!("<{p}t xml:space=\"preserve\">");
                t.tag_len = tag.len();
                out.extend_from_slice(tag.as_bytes());
            }
            _ => out.extend_from_slice(marks_xml("w:", m).as_bytes()),
        }
    }
    out.extend_from_slice(esc(&s[at..]).as_bytes());
}

/// Our `w:comment` elements, with prefix `p` (`w:`).
fn comments_xml(p: &str, comments: &[(u32, Vec<String>)], meta: &CommentMeta) -> String {
    use quick_xml::escape::escape;
    let mut s = String::new();
    for (id, paras) in comments {
        s.push_str(&format!(
            "<{p}comment {p}id=\"{id}\" {p}author=\"{}\" {p}date=\"{}\" {p}initials=\"{}\">",
            escape(meta.author.as_str()),
            escape(meta.date.as_str()),
            escape(meta.initials.as_str())
        ));
        for (i, text) in paras.iter().enumerate() {
            s.push_str(&format!("<{p}p>"));
            if i == 0 {
                s.push_str(&format!("<{p}r><{p}annotationRef/></{p}r>"));
            }
            s.push_str(&format!(
                "<{p}r><{p}t xml:space=\"preserve\">{}</{p}t></{p}r></{p}p>",
                escape(text.as_str())
            ));
        }
        s.push_str(&format!("</{p}comment>"));
    }
    s
}

fn new_comments_part(comments: &[(u32, Vec<String>)], meta: &CommentMeta) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{W_NS}\">{}</w:comments>",
        comments_xml("w:", comments, meta)
    )
    .into_bytes()
}

/// Insert `what(prefix)` before the end of the root element of `xml` (opening an empty root).
fn insert_in_root(xml: &[u8], what: impl Fn(&str) -> String) -> Result<Vec<u8>, quick_xml::Error> {
    let mut reader = NsReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut root_prefix = String::new();
    loop {
        buf.clear();
        let pos = reader.buffer_position() as usize;
        let ev = reader.read_event_into(&mut buf)?;
        let end = reader.buffer_position() as usize;
        match ev {
            Event::Start(ref e) => {
                if depth == 0 {
                    root_prefix = prefix_of(e);
                }
                depth += 1;
            }
            Event::Empty(ref e) if depth == 0 => {
                let p = prefix_of(e);
                let tag = String::from_utf8_lossy(&xml[pos..end]).into_owned();
                let open = tag.trim_end_matches('>').trim_end_matches('/');
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let mut out = xml[..pos].to_vec();
                out.extend_from_slice(format!("{open}>{}</{name}>", what(&p)).as_bytes());
                out.extend_from_slice(&xml[end..]);
                return Ok(out);
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let mut out = xml[..pos].to_vec();
                    out.extend_from_slice(what(&root_prefix).as_bytes());
                    out.extend_from_slice(&xml[pos..]);
                    return Ok(out);
                }
            }
            Event::Eof => {
                return Err(quick_xml::Error::Syntax(
                    quick_xml::errors::SyntaxError::UnclosedTag,
                ))
            }
            _ => {}
        }
    }
}

fn append_comments(
    xml: &[u8],
    comments: &[(u32, Vec<String>)],
    meta: &CommentMeta,
) -> Result<Vec<u8>, quick_xml::Error> {
    insert_in_root(xml, |p| comments_xml(p, comments, meta))
}

fn add_relationship(rels: &[u8], target: &str) -> Result<Vec<u8>, quick_xml::Error> {
    let ids: Vec<String> = parse_rels(rels).into_iter().map(|r| r.id).collect();
    let id = (1..)
        .map(|n| format!("rIdWenshuLint{n}"))
        .find(|c| !ids.contains(c))
        .unwrap_or_default();
    insert_in_root(rels, |p| {
        format!("<{p}Relationship Id=\"{id}\" Type=\"{COMMENTS_REL}\" Target=\"{target}\"/>")
    })
}

fn add_override(ct: &[u8], part: &str) -> Result<Vec<u8>, quick_xml::Error> {
    insert_in_root(ct, |p| {
        format!("<{p}Override PartName=\"{part}\" ContentType=\"{COMMENTS_CT}\"/>")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_utc(1_798_761_599), "2026-12-31T23:59:59Z");
    }
}
