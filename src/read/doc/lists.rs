//! Word list numbering in the binary format: paragraph properties (PAPX FKPs: `sprmPIlfo`,
//! `sprmPIlvl`) → list format override (PlfLfo) → list (PlfLst: LSTF + LVL records) → a label such
//! as "一、", counted per list as Word does. Number formats reuse the DOCX reader's renderer.
//!
//! Not done: numbering that comes only from a paragraph style (no `sprmPIlfo` in the paragraph's
//! own properties) and LFO level overrides other than a start value are ignored.

use super::{fkp_pages, sprms, u16_at, u32_at};
use crate::read::docx::numbering::NumFmt;
use std::collections::HashMap;

/// Paragraph numbering of the byte range `fc..fc_end` (the range holding a paragraph mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParaNum {
    pub fc: u32,
    pub fc_end: u32,
    pub ilfo: u16,
    pub ilvl: u8,
}

/// Numbered paragraph runs from the PAPX FKP pages (PlcBtePapx), sorted by `fc`.
pub fn para_runs(word: &[u8], table: &[u8], fc: u32, lcb: u32) -> Vec<ParaNum> {
    let mut out = Vec::new();
    let (fc, lcb) = (fc as usize, lcb as usize);
    for page in fkp_pages(word, table, fc, lcb) {
        let crun = page[511] as usize;
        for r in 0..crun {
            let (Some(a), Some(b)) = (u32_at(page, r * 4), u32_at(page, (r + 1) * 4)) else {
                break;
            };
            // BxPap: 13 bytes, the first is the word offset of the PapxInFkp
            let Some(&off) = page.get((crun + 1) * 4 + r * 13) else {
                break;
            };
            if off == 0 {
                continue;
            }
            let at = off as usize * 2;
            let Some(&cb) = page.get(at) else { continue };
            let (body, len) = if cb != 0 {
                (at + 1, cb as usize * 2 - 1)
            } else {
                let Some(&cb2) = page.get(at + 1) else {
                    continue;
                };
                (at + 2, cb2 as usize * 2)
            };
            // GrpPrlAndIstd: istd (2 bytes), then the sprms
            let Some(grpprl) = page.get(body + 2..body + len) else {
                continue;
            };
            let mut ilfo = None;
            let mut ilvl = 0u8;
            for (sprm, op) in sprms(grpprl) {
                match sprm {
                    0x460B => ilfo = u16_at(op, 0),
                    0x260A => ilvl = op.first().copied().unwrap_or(0),
                    _ => {}
                }
            }
            if let Some(ilfo) = ilfo.filter(|&i| i != 0 && i < 0xF000) {
                out.push(ParaNum {
                    fc: a,
                    fc_end: b,
                    ilfo,
                    ilvl: ilvl.min(8),
                });
            }
        }
    }
    out.sort_unstable_by_key(|p| p.fc);
    out
}

/// The numbering of the paragraph whose mark is at byte `fc`.
pub fn para_at(runs: &[ParaNum], fc: u32) -> Option<ParaNum> {
    let i = match runs.binary_search_by(|p| p.fc.cmp(&fc)) {
        Ok(i) => i,
        Err(0) => return None,
        Err(i) => i - 1,
    };
    runs.get(i).copied().filter(|p| fc < p.fc_end)
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: i64,
    fmt: NumFmt,
    /// Number text; characters 0..=8 are placeholders for that level's number.
    xst: Vec<u16>,
    /// 0 tab, 1 space, 2 nothing.
    follow: u8,
    legal: bool,
    no_restart: bool,
}

#[derive(Debug, Clone, Default)]
struct List {
    levels: Vec<Level>,
}

/// Lists and list overrides of a document, with running counters.
#[derive(Debug, Default)]
pub struct Lists {
    /// ilfo - 1 → (lsid, start-at overrides per level)
    lfos: Vec<(i32, [Option<i64>; 9])>,
    lists: HashMap<i32, List>,
    counters: HashMap<i32, [Option<i64>; 9]>,
}

/// MSONFC (the binary format's number format codes) → the DOCX renderer's formats.
fn nfc_format(nfc: u8) -> NumFmt {
    let name = match nfc {
        0 => "decimal",
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        5 => "ordinal",
        10 => "ideographDigital",
        11 => "japaneseCounting",
        14 | 19 => "decimalFullWidth",
        15 => "decimalHalfWidth",
        18 => "decimalEnclosedCircle",
        22 => "decimalZero",
        23 => "bullet",
        26 => "decimalEnclosedFullstop",
        27 => "decimalEnclosedParen",
        28 => "decimalEnclosedCircleChinese",
        29 => "ideographEnclosedCircle",
        30 => "ideographTraditional",
        31 | 32 => "ideographZodiac",
        33 => "taiwaneseCounting",
        35 => "taiwaneseCountingThousand",
        36 => "taiwaneseDigital",
        37 => "chineseCounting",
        38 => "chineseLegalSimplified",
        39 => "chineseCountingThousand",
        0xFF => "none",
        _ => "decimal",
    };
    NumFmt::from_attr(name, None)
}

/// Parse one LVL at `at`; returns it and the offset after it.
fn parse_lvl(t: &[u8], at: usize) -> Option<(Level, usize)> {
    let lvlf = t.get(at..at + 28)?;
    let start = i32::from_le_bytes([lvlf[0], lvlf[1], lvlf[2], lvlf[3]]) as i64;
    let nfc = lvlf[4];
    let flags = lvlf[5];
    let follow = lvlf[15];
    let cb_chpx = lvlf[24] as usize;
    let cb_papx = lvlf[25] as usize;
    let xst_at = at + 28 + cb_papx + cb_chpx;
    let cch = u16_at(t, xst_at)? as usize;
    let mut xst = Vec::with_capacity(cch);
    for i in 0..cch {
        xst.push(u16_at(t, xst_at + 2 + i * 2)?);
    }
    Some((
        Level {
            start,
            fmt: nfc_format(nfc),
            xst,
            follow,
            legal: flags & 0x04 != 0,
            no_restart: flags & 0x08 != 0,
        },
        xst_at + 2 + cch * 2,
    ))
}

impl Lists {
    /// From the table stream: PlfLst at `lst` (LVLs follow it directly), PlfLfo at `lfo`.
    /// Damage only loses labels.
    pub fn parse(table: &[u8], lst: (u32, u32), lfo: (u32, u32)) -> Lists {
        let mut me = Lists::default();
        if lst.1 >= 2 {
            let at = lst.0 as usize;
            let c = u16_at(table, at).unwrap_or(0) as usize;
            let mut lvl_at = at + 2 + c * 28;
            for k in 0..c {
                let l = at + 2 + k * 28;
                let Some(lstf) = table.get(l..l + 28) else {
                    break;
                };
                let lsid = i32::from_le_bytes([lstf[0], lstf[1], lstf[2], lstf[3]]);
                let simple = lstf[26] & 1 != 0;
                let mut list = List::default();
                for _ in 0..if simple { 1 } else { 9 } {
                    match parse_lvl(table, lvl_at) {
                        Some((lv, next)) => {
                            list.levels.push(lv);
                            lvl_at = next;
                        }
                        None => break,
                    }
                }
                me.lists.insert(lsid, list);
            }
        }
        if lfo.1 >= 4 {
            let at = lfo.0 as usize;
            let n = u32_at(table, at).unwrap_or(0).min(0x7FFF) as usize;
            let mut data_at = at + 4 + n * 16;
            for k in 0..n {
                let l = at + 4 + k * 16;
                let Some(rec) = table.get(l..l + 16) else {
                    break;
                };
                let lsid = i32::from_le_bytes([rec[0], rec[1], rec[2], rec[3]]);
                let clfolvl = rec[12] as usize;
                let mut starts = [None; 9];
                // LFOData: cp (4 bytes), then clfolvl LFOLVLs (8 bytes, + LVL when fFormatting)
                let mut p = data_at + 4;
                for _ in 0..clfolvl {
                    let (Some(start), Some(fl)) = (u32_at(table, p), u32_at(table, p + 4)) else {
                        break;
                    };
                    let ilvl = (fl & 0xF) as usize;
                    let start_at = fl & 0x10 != 0;
                    let formatting = fl & 0x20 != 0;
                    p += 8;
                    if start_at && ilvl < 9 {
                        starts[ilvl] = Some(start as i32 as i64);
                    }
                    if formatting {
                        match parse_lvl(table, p) {
                            Some((_, next)) => p = next,
                            None => break,
                        }
                    }
                }
                data_at = p;
                me.lfos.push((lsid, starts));
            }
        }
        me
    }

    /// Count a paragraph of list `ilfo` (1-based) at level `ilvl` and return its label with the
    /// character that follows it, or `None` (unknown list, bullet, no number text).
    pub fn next_label(&mut self, ilfo: u16, ilvl: u8) -> Option<String> {
        let (lsid, starts) = *self.lfos.get((ilfo as usize).checked_sub(1)?)?;
        let list = self.lists.get(&lsid)?;
        let l = (ilvl as usize).min(list.levels.len().checked_sub(1)?);
        let start = |i: usize| -> i64 {
            starts[i]
                .or_else(|| list.levels.get(i).map(|lv| lv.start))
                .unwrap_or(0)
        };
        let c = self.counters.entry(lsid).or_insert([None; 9]);
        c[l] = Some(match c[l] {
            None => start(l),
            Some(v) => v.saturating_add(1),
        });
        for (m, slot) in c.iter_mut().enumerate().skip(l + 1) {
            if !list.levels.get(m).is_some_and(|lv| lv.no_restart) {
                *slot = None;
            }
        }
        let cur = list.levels.get(l)?;
        if matches!(cur.fmt, NumFmt::Bullet | NumFmt::None) {
            return None;
        }
        let mut label = String::new();
        for u in char::decode_utf16(cur.xst.iter().copied()) {
            let Ok(ch) = u else { continue };
            let v = ch as u32;
            if v < 9 {
                let i = v as usize;
                let n = c[i].unwrap_or_else(|| start(i));
                let fmt = if cur.legal && i < l {
                    NumFmt::Decimal
                } else {
                    list.levels.get(i).map(|lv| lv.fmt).unwrap_or_default()
                };
                if let Some(s) = fmt.render(n) {
                    label.push_str(&s);
                }
            } else {
                label.push(ch);
            }
        }
        if label.trim().is_empty() {
            return None;
        }
        match cur.follow {
            0 => label.push('\t'),
            1 => label.push(' '),
            _ => {}
        }
        Some(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lvl(nfc: u8, start: i32, xst: &str) -> Vec<u8> {
        let mut v = vec![0u8; 28];
        v[0..4].copy_from_slice(&start.to_le_bytes());
        v[4] = nfc;
        v[15] = 2;
        let u: Vec<u16> = xst.encode_utf16().collect();
        v.extend_from_slice(&(u.len() as u16).to_le_bytes());
        for c in u {
            v.extend_from_slice(&c.to_le_bytes());
        }
        v
    }

    #[test]
    fn chinese_counting_list() {
        // one simple list (lsid 7): level 0 chineseCounting "%1、"; one LFO pointing at it
        let mut t = Vec::new();
        t.extend_from_slice(&1u16.to_le_bytes());
        let mut lstf = vec![0u8; 28];
        lstf[0..4].copy_from_slice(&7i32.to_le_bytes());
        lstf[26] = 1;
        t.extend_from_slice(&lstf);
        t.extend_from_slice(&lvl(37, 1, "\u{0}、"));
        let lst_len = t.len() as u32;
        let lfo_at = t.len() as u32;
        t.extend_from_slice(&1u32.to_le_bytes());
        let mut lfo = vec![0u8; 16];
        lfo[0..4].copy_from_slice(&7i32.to_le_bytes());
        t.extend_from_slice(&lfo);
        t.extend_from_slice(&[0, 0, 0, 0]);
        let mut lists = Lists::parse(&t, (0, lst_len), (lfo_at, 20));
        let got: Vec<_> = (0..11).filter_map(|_| lists.next_label(1, 0)).collect();
        assert_eq!(got[0], "一、");
        assert_eq!(got[9], "十、");
        assert_eq!(got[10], "十一、");
        assert_eq!(lists.next_label(2, 0), None);
        assert_eq!(lists.next_label(0, 0), None);
        // garbage never panics
        let _ = Lists::parse(&t[..10], (0, lst_len), (lfo_at, 20));
        let _ = Lists::parse(&[0xFF; 40], (0, 40), (3, 30));
    }
}
