//! Word 97–2003 binary reader (`.doc`, and `.wps` files WPS Office writes in the same format).
//! See issue #15 and [MS-DOC].
//!
//! The compound file (OLE2) is opened with the `cfb` crate; from the `WordDocument` stream we read
//! the FIB, from the table stream (`0Table`/`1Table`, chosen by `fWhichTblStm`) the piece table
//! (CLX) and the character-property bin table (PlcBteChpx). The main document text is the first
//! `ccpText` character positions; headers, footers, footnotes, comments, endnotes and text boxes
//! follow it in their own ranges and stay out of the body.
//!
//! - Pieces are 8-bit "compressed" (cp1252, as the format defines it) or UTF-16LE.
//! - `\r` ends a paragraph, `\x07` a table cell (cells come out in order, one paragraph each; a
//!   row-end mark is an empty paragraph and vanishes), `\x0B` (line break), `\x0C` (page/section
//!   break) and `\x0E` (column break) end a paragraph too, as `w:br` does in the DOCX reader.
//! - Fields: `\x13` code `\x14` result `\x15`: the result is kept, the code dropped, at any nesting.
//! - Tracked deletions: characters whose CHPX sets `sprmCFRMarkDel` (in the FKP pages, or in the
//!   piece's own property modifier) are left out, their paragraph marks included, so a paragraph
//!   whose mark was deleted joins the next one.
//! - Other control characters (pictures, drawn objects, footnote references …) are dropped.
//! - Word list numbering (auto-numbered "一、" labels from the LST/LFO tables) is **not**
//!   restored: the label is not in the text stream (antiword and catdoc don't restore it either).
//!
//! Errors: an encrypted or XOR-obfuscated file is READ005; a Word 6/95 (or older) file is READ002
//! with its own message; anything structurally wrong is READ003 ("corrupt document"), a stream
//! over the size budget READ008. Bad input never panics; a dependency's panic is contained.

use super::{Limits, ReadCode, ReadError};
use crate::document::{Document, Format, RawParagraph, SourcePos};
use lists::Lists;
use std::io::{Cursor, Read};

mod lists;

/// Read a Word binary document into a [`Document`].
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_inner(bytes, limits))) {
        Ok(r) => r,
        Err(_) => Err(ReadError::new(
            ReadCode::Internal,
            "读取 Word 97-2003 文档时发生内部错误（解析器异常），请将文件反馈给开发者",
        )),
    }
}

fn corrupt(msg: impl Into<String>) -> ReadError {
    ReadError::new(ReadCode::CorruptDocx, msg)
}

/// The parts of the FIB we use.
#[derive(Debug, Clone, Copy)]
struct Fib {
    encrypted: bool,
    obfuscated: bool,
    table1: bool,
    ccp_text: u32,
    fc_clx: u32,
    lcb_clx: u32,
    fc_bte_chpx: u32,
    lcb_bte_chpx: u32,
    bte_papx: (u32, u32),
    plf_lst: (u32, u32),
    plf_lfo: (u32, u32),
}

fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    b.get(off..off.checked_add(2)?)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
}

/// The 512-byte FKP pages a PlcBte (PlcBteChpx, PlcBtePapx) at `fc..fc+lcb` of the table stream
/// points to in the WordDocument stream; pages out of range are skipped.
fn fkp_pages<'a>(word: &'a [u8], table: &[u8], fc: usize, lcb: usize) -> Vec<&'a [u8]> {
    let Some(plc) = table.get(fc..fc.saturating_add(lcb)) else {
        return Vec::new();
    };
    if lcb < 12 {
        return Vec::new();
    }
    let n = (lcb - 4) / 8;
    (0..n)
        .map_while(|k| u32_at(plc, (n + 1) * 4 + k * 4))
        .filter_map(|pn| {
            let start = (pn & 0x3F_FFFF) as usize * 512;
            word.get(start..start + 512)
        })
        .collect()
}

fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    b.get(off..off.checked_add(4)?)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// Word's FIB identifier (`wIdent`) for Word 97 and later; Word 6/95 use 0xA5DC.
const W_IDENT: u16 = 0xA5EC;

fn old_format() -> ReadError {
    ReadError::new(
        ReadCode::Unsupported,
        "这是 Word 6.0/95 或更早版本（或 WPS 2000 以前的格式）的文档，不支持读取；请在 Word/WPS 中另存为 .docx 或 Word 97-2003 .doc 后再检查",
    )
}

fn parse_fib(word: &[u8]) -> Result<Fib, ReadError> {
    let short = || corrupt("Word 文档已损坏：文件信息块（FIB）不完整");
    let ident = u16_at(word, 0).ok_or_else(short)?;
    let n_fib = u16_at(word, 2).ok_or_else(short)?;
    if ident == 0xA5DC || ident == 0xA59B || ident == 0xA59C {
        return Err(old_format());
    }
    if ident != W_IDENT {
        return Err(corrupt(format!(
            "Word 文档已损坏：WordDocument 流的文件标识不正确（0x{ident:04X}）"
        )));
    }
    // Word 6 = 101, Word 95 = 104; Word 97 and later write 193 (0xC1) here.
    if n_fib < 0xC0 {
        return Err(old_format());
    }
    let flags = u16_at(word, 0x0A).ok_or_else(short)?;
    let mut off = 32usize;
    let csw = u16_at(word, off).ok_or_else(short)? as usize;
    off += 2 + csw * 2;
    let cslw = u16_at(word, off).ok_or_else(short)? as usize;
    let lw = off + 2;
    off = lw + cslw * 4;
    let cb_fc = u16_at(word, off).ok_or_else(short)? as usize;
    let fc = off + 2;
    if cslw < 4 || cb_fc < 34 {
        return Err(corrupt("Word 文档已损坏：文件信息块（FIB）字段不足"));
    }
    let pair = |i: usize| -> Result<(u32, u32), ReadError> {
        Ok((
            u32_at(word, fc + i * 8).ok_or_else(short)?,
            u32_at(word, fc + i * 8 + 4).ok_or_else(short)?,
        ))
    };
    let (fc_clx, lcb_clx) = pair(33)?;
    let (fc_bte_chpx, lcb_bte_chpx) = pair(12)?;
    Ok(Fib {
        encrypted: flags & 0x0100 != 0,
        obfuscated: flags & 0x8000 != 0,
        table1: flags & 0x0200 != 0,
        ccp_text: u32_at(word, lw + 3 * 4).ok_or_else(short)?,
        fc_clx,
        lcb_clx,
        fc_bte_chpx,
        lcb_bte_chpx,
        bte_papx: pair(13)?,
        plf_lst: if cb_fc > 74 { pair(73)? } else { (0, 0) },
        plf_lfo: if cb_fc > 74 { pair(74)? } else { (0, 0) },
    })
}

/// One piece of the piece table: character positions `cp..cp_end` are stored from byte `fc` of
/// the WordDocument stream, one byte (cp1252) or two (UTF-16LE) per character.
#[derive(Debug, Clone, Copy)]
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: u32,
    compressed: bool,
    /// The piece's property modifier marks its text deleted.
    deleted: bool,
}

/// The sprms of a grpprl: (sprm, operand). Stops at the first one that does not fit.
pub(crate) fn sprms(grpprl: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut i = 0usize;
    std::iter::from_fn(move || {
        let sprm = u16_at(grpprl, i)?;
        let data = i + 2;
        let (skip, len) = match sprm >> 13 {
            0 | 1 => (0, 1),
            2 | 4 | 5 => (0, 2),
            3 => (0, 4),
            7 => (0, 3),
            // sprmTDefTable: a 2-byte size, counting itself minus one
            _ if sprm == 0xD608 => (2, (u16_at(grpprl, data)? as usize).saturating_sub(1)),
            // sprmPChgTabs with the 255 escape: not walked further
            _ if sprm == 0xC615 && grpprl.get(data) == Some(&255) => return None,
            _ => (1, *grpprl.get(data)? as usize),
        };
        let op = grpprl.get(data + skip..data + skip + len)?;
        i = data + skip + len;
        Some((sprm, op))
    })
}

/// Whether a grpprl (a list of sprms) sets `sprmCFRMarkDel` (0x0800) on or off.
fn grpprl_deleted(grpprl: &[u8]) -> Option<bool> {
    let mut found = None;
    for (sprm, op) in sprms(grpprl) {
        if sprm == 0x0800 {
            // 1 = on; 0x81 = the opposite of the style's value (off in every style we know)
            found = op.first().map(|&o| o == 1 || o == 0x81);
        }
    }
    found
}

/// The prm of a piece: either one sprm inline (Prm0) or an index into the CLX's Prc list (Prm1).
fn prm_deleted(prm: u16, prcs: &[&[u8]]) -> bool {
    if prm & 1 == 1 {
        let igrpprl = (prm >> 1) as usize;
        prcs.get(igrpprl)
            .and_then(|g| grpprl_deleted(g))
            .unwrap_or(false)
    } else {
        // Prm0: isprm 0x41 would be sprmCFRMarkDel? The Prm0 table has no entry for it.
        false
    }
}

fn parse_clx(clx: &[u8]) -> Result<Vec<Piece>, ReadError> {
    let bad = || corrupt("Word 文档已损坏：段落片段表（CLX）无法解析");
    let mut prcs: Vec<&[u8]> = Vec::new();
    let mut i = 0usize;
    loop {
        match clx.get(i) {
            Some(1) => {
                let cb = u16_at(clx, i + 1).ok_or_else(bad)? as usize;
                let g = clx.get(i + 3..i + 3 + cb).ok_or_else(bad)?;
                prcs.push(g);
                i += 3 + cb;
            }
            Some(2) => break,
            _ => return Err(bad()),
        }
    }
    let lcb = u32_at(clx, i + 1).ok_or_else(bad)? as usize;
    let plc = clx
        .get(i + 5..(i + 5).saturating_add(lcb))
        .ok_or_else(bad)?;
    if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
        return Err(bad());
    }
    let n = (lcb - 4) / 12;
    let mut pieces = Vec::with_capacity(n);
    for k in 0..n {
        let cp = u32_at(plc, k * 4).ok_or_else(bad)?;
        let cp_end = u32_at(plc, (k + 1) * 4).ok_or_else(bad)?;
        let pcd = (n + 1) * 4 + k * 8;
        let fc_raw = u32_at(plc, pcd + 2).ok_or_else(bad)?;
        let prm = u16_at(plc, pcd + 6).ok_or_else(bad)?;
        let compressed = fc_raw & 0x4000_0000 != 0;
        let fc = fc_raw & 0x3FFF_FFFF;
        if cp_end < cp {
            return Err(bad());
        }
        pieces.push(Piece {
            cp,
            cp_end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
            deleted: prm_deleted(prm, &prcs),
        });
    }
    Ok(pieces)
}

/// Byte ranges of the WordDocument stream whose character properties mark them deleted
/// (from the CHPX FKP pages), sorted by start.
fn deleted_ranges(word: &[u8], table: &[u8], fib: &Fib) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let (fc, lcb) = (fib.fc_bte_chpx as usize, fib.lcb_bte_chpx as usize);
    for page in fkp_pages(word, table, fc, lcb) {
        let crun = page[511] as usize;
        for r in 0..crun {
            let (Some(a), Some(b)) = (u32_at(page, r * 4), u32_at(page, (r + 1) * 4)) else {
                break;
            };
            let Some(&off) = page.get((crun + 1) * 4 + r) else {
                break;
            };
            if off == 0 {
                continue;
            }
            let at = off as usize * 2;
            let Some(&cb) = page.get(at) else { continue };
            let Some(grpprl) = page.get(at + 1..at + 1 + cb as usize) else {
                continue;
            };
            if grpprl_deleted(grpprl) == Some(true) && b > a {
                out.push((a, b));
            }
        }
    }
    out.sort_unstable();
    out
}

fn in_ranges(ranges: &[(u32, u32)], fc: u32) -> bool {
    match ranges.binary_search_by(|&(a, _)| a.cmp(&fc)) {
        Ok(_) => true,
        Err(0) => false,
        Err(i) => fc < ranges[i - 1].1,
    }
}

/// cp1252 for the 8-bit ("compressed") pieces, as [MS-DOC] defines them.
fn cp1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9F => char::from_u32(HIGH[(b - 0x80) as usize] as u32).unwrap_or('\u{FFFD}'),
        _ => b as char,
    }
}

/// Read the stream at `path`, refusing one larger than the budget.
fn read_stream<F: Read + std::io::Seek>(
    cf: &mut cfb::CompoundFile<F>,
    path: &str,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>, ReadError> {
    let len = match cf.entry(path) {
        Ok(e) if e.is_stream() => e.len(),
        _ => return Ok(None),
    };
    if len > *budget {
        return Err(ReadError::new(
            ReadCode::TooLarge,
            format!(
                "Word 文档中的 {path} 流为 {} MB，超过读取上限，已拒绝读取",
                len >> 20
            ),
        ));
    }
    *budget -= len;
    let mut s = cf
        .open_stream(path)
        .map_err(|e| corrupt(format!("Word 文档已损坏：无法打开 {path} 流（{e}）")))?;
    let mut out = Vec::with_capacity(len as usize);
    s.read_to_end(&mut out)
        .map_err(|e| corrupt(format!("Word 文档已损坏：{path} 流无法读取（{e}）")))?;
    Ok(Some(out))
}

fn read_inner(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| {
        corrupt(format!(
            "Word 97-2003 文档已损坏：OLE 复合文档结构无法读取（{e}）"
        ))
    })?;
    let mut budget = limits.max_uncompressed;
    let Some(word) = read_stream(&mut cf, "WordDocument", &mut budget)? else {
        return Err(ReadError::new(
            ReadCode::Unsupported,
            "这是 OLE 复合文档，但其中没有 Word 正文（WordDocument 流）：可能是 Excel/PowerPoint 文件或 WPS 2000 以前的文档；请另存为 .docx 后再检查",
        ));
    };
    let fib = parse_fib(&word)?;
    if fib.encrypted || fib.obfuscated {
        return Err(ReadError::new(
            ReadCode::EncryptedPdf,
            "Word 文档已设置打开密码（已加密），无法读取文字；请先取消密码保护后再检查",
        ));
    }
    let table_name = if fib.table1 { "1Table" } else { "0Table" };
    let Some(table) = read_stream(&mut cf, table_name, &mut budget)? else {
        return Err(corrupt(format!("Word 文档已损坏：缺少表格流 {table_name}")));
    };
    let (fc, lcb) = (fib.fc_clx as usize, fib.lcb_clx as usize);
    let clx = table
        .get(fc..fc.saturating_add(lcb))
        .filter(|c| !c.is_empty())
        .ok_or_else(|| corrupt("Word 文档已损坏：找不到段落片段表（CLX）"))?;
    let pieces = parse_clx(clx)?;
    let deleted = deleted_ranges(&word, &table, &fib);
    let numbered = lists::para_runs(&word, &table, fib.bte_papx.0, fib.bte_papx.1);
    let mut lists = Lists::parse(&table, fib.plf_lst, fib.plf_lfo);
    let mut text = MainText {
        deleted: &deleted,
        numbered: &numbered,
        lists: &mut lists,
    };
    Ok(Document::from_paragraphs(
        Format::Doc,
        text.paragraphs(&word, &pieces, fib.ccp_text),
    ))
}

/// Field nesting state: inside a field's code (dropped) or its result (kept).
#[derive(Clone, Copy, PartialEq, Eq)]
enum FieldPart {
    Code,
    Result,
}

/// What the text walk needs besides the pieces.
struct MainText<'a> {
    /// Byte ranges of deleted (tracked-change) text.
    deleted: &'a [(u32, u32)],
    /// Numbered paragraphs by the byte range of their mark.
    numbered: &'a [lists::ParaNum],
    lists: &'a mut Lists,
}

impl MainText<'_> {
    /// Walk the pieces of the main text (character positions `0..ccp_text`) into paragraphs.
    fn paragraphs(&mut self, word: &[u8], pieces: &[Piece], ccp_text: u32) -> Vec<RawParagraph> {
        let mut out: Vec<RawParagraph> = Vec::new();
        let mut cur = String::new();
        // index in `out` of the first line of the current Word paragraph (line breaks split one)
        let mut para_first = 0usize;
        let mut fields: Vec<FieldPart> = Vec::new();
        let mut order: Vec<&Piece> = pieces.iter().collect();
        order.sort_by_key(|p| p.cp);
        let mut pending_high: Option<u16> = None;
        for p in order {
            if p.cp >= ccp_text || p.deleted {
                continue;
            }
            let end = p.cp_end.min(ccp_text);
            let width = if p.compressed { 1 } else { 2 };
            for k in 0..(end - p.cp) {
                let Some(fc) = p.fc.checked_add(k * width) else {
                    break;
                };
                let c = if p.compressed {
                    match word.get(fc as usize) {
                        Some(&b) => cp1252(b) as u32,
                        None => break,
                    }
                } else {
                    match u16_at(word, fc as usize) {
                        Some(u) => u as u32,
                        None => break,
                    }
                };
                if in_ranges(self.deleted, fc) {
                    continue;
                }
                match c {
                    0x13 => {
                        fields.push(FieldPart::Code);
                        continue;
                    }
                    0x14 => {
                        if let Some(top) = fields.last_mut() {
                            *top = FieldPart::Result;
                        }
                        continue;
                    }
                    0x15 => {
                        fields.pop();
                        continue;
                    }
                    _ => {}
                }
                if fields.contains(&FieldPart::Code) && c != 0x0D && c != 0x07 {
                    continue;
                }
                let ch = match c {
                    0x0D | 0x07 => {
                        // a paragraph (or cell) mark: the end of a Word paragraph
                        fields.clear();
                        out.push(RawParagraph::new(
                            std::mem::take(&mut cur),
                            SourcePos::default(),
                        ));
                        if let Some(n) = lists::para_at(self.numbered, fc) {
                            if let Some(label) = self.lists.next_label(n.ilfo, n.ilvl) {
                                if let Some(first) = out.get_mut(para_first) {
                                    first.text.insert_str(0, &label);
                                }
                            }
                        }
                        para_first = out.len();
                        continue;
                    }
                    0x0B | 0x0C | 0x0E => {
                        out.push(RawParagraph::new(
                            std::mem::take(&mut cur),
                            SourcePos::default(),
                        ));
                        continue;
                    }
                    0x09 => '\t',
                    0x1E => '-',
                    0xD800..=0xDBFF => {
                        pending_high = Some(c as u16);
                        continue;
                    }
                    0xDC00..=0xDFFF => {
                        let Some(h) = pending_high.take() else {
                            continue;
                        };
                        let v = 0x10000 + (((h as u32) - 0xD800) << 10) + (c - 0xDC00);
                        char::from_u32(v).unwrap_or('\u{FFFD}')
                    }
                    c if c < 0x20 || c == 0x7F => continue,
                    c => char::from_u32(c).unwrap_or('\u{FFFD}'),
                };
                pending_high = None;
                cur.push(ch);
            }
        }
        if !cur.is_empty() {
            out.push(RawParagraph::new(cur, SourcePos::default()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprm_walk() {
        // sprmCFBold (0x0835, 1 byte), sprmCFRMarkDel on
        assert_eq!(grpprl_deleted(&[0x35, 0x08, 1, 0x00, 0x08, 1]), Some(true));
        assert_eq!(grpprl_deleted(&[0x00, 0x08, 0]), Some(false));
        assert_eq!(grpprl_deleted(&[0x35, 0x08, 1]), None);
        // a variable-length sprm (0xCA71, size byte 2) before it
        assert_eq!(
            grpprl_deleted(&[0x71, 0xCA, 2, 9, 9, 0x00, 0x08, 0x81]),
            Some(true)
        );
        // truncated: no panic
        assert_eq!(grpprl_deleted(&[0x00]), None);
        assert_eq!(grpprl_deleted(&[0x71, 0xCA, 200]), None);
    }

    #[test]
    fn ranges() {
        let r = [(10, 20), (30, 31)];
        assert!(!in_ranges(&r, 9));
        assert!(in_ranges(&r, 10));
        assert!(in_ranges(&r, 19));
        assert!(!in_ranges(&r, 20));
        assert!(in_ranges(&r, 30));
        assert!(!in_ranges(&r, 31));
        assert!(!in_ranges(&[], 0));
    }

    fn main_text(
        word: &[u8],
        pieces: &[Piece],
        ccp: u32,
        deleted: &[(u32, u32)],
    ) -> Vec<RawParagraph> {
        let mut lists = Lists::default();
        MainText {
            deleted,
            numbered: &[],
            lists: &mut lists,
        }
        .paragraphs(word, pieces, ccp)
    }

    /// A hand-built WordDocument text area: one UTF-16 piece with a field, a table cell and a
    /// compressed piece.
    #[test]
    fn text_walk() {
        let mut word = vec![0u8; 64];
        let s: Vec<u16> = "判决\u{13}HYPERLINK \"x\"\u{14}如下\u{15}\r甲\u{7}乙\u{7}\u{7}"
            .encode_utf16()
            .collect();
        for u in &s {
            word.extend_from_slice(&u.to_le_bytes());
        }
        let c_at = word.len() as u32;
        word.extend_from_slice(b"ok\x93x\x94\r");
        let n = s.len() as u32;
        let pieces = [
            Piece {
                cp: 0,
                cp_end: n,
                fc: 64,
                compressed: false,
                deleted: false,
            },
            Piece {
                cp: n,
                cp_end: n + 6,
                fc: c_at,
                compressed: true,
                deleted: false,
            },
        ];
        let paras: Vec<String> = main_text(&word, &pieces, n + 6, &[])
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(paras, ["判决如下", "甲", "乙", "", "ok“x”"]);
        // the deleted range covers "决" (bytes 66..68); ccp_text cuts the compressed piece
        let paras: Vec<String> = main_text(&word, &pieces, n + 2, &[(66, 68)])
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(paras, ["判如下", "甲", "乙", "", "ok"]);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(read(b"not ole", &Limits::default()).is_err());
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.resize(2048, 0);
        assert!(read(&ole, &Limits::default()).is_err());
        assert!(parse_fib(&[0xEC, 0xA5, 0x65, 0x00]).is_err());
        assert_eq!(
            parse_fib(&[0xDC, 0xA5, 0x65, 0x00]).unwrap_err().code,
            ReadCode::Unsupported
        );
    }
}
