//! PDF fonts as far as text extraction needs them: how to split a string into character codes,
//! what text each code stands for, and how far each glyph advances.
//!
//! Decoding order per font: ToUnicode CMap; for Type0 fonts without a usable entry the
//! predefined CJK CMap named by `/Encoding`, then the embedded TrueType font's own `cmap`
//! (inverted: glyph id → character); for simple fonts `/Encoding` (+ `/Differences`), then
//! Latin-1. Whatever decodes to a CJK radical code point is mapped to the ordinary ideograph.

use super::cmap::{code_value, Predefined, ToUnicode};
use super::encoding::{glyph_name_to_string, BaseEncoding, SimpleTable};
use super::objects::{as_number, get, name_of, resolve, stream_bytes};
use super::radicals::is_radical;
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// How a font's strings split into codes.
#[derive(Debug, Clone)]
enum Split {
    /// Simple fonts: one byte per code.
    OneByte,
    /// Type0 fonts with a predefined CMap.
    Predefined(Predefined),
    /// Type0 fonts with an embedded CMap or a ToUnicode codespace: per the ToUnicode ranges.
    Codespace,
    /// Fixed width (embedded encoding CMaps we do not parse; 2 bytes).
    Fixed(usize),
}

/// Glyph widths in glyph space (1/1000 text space for non-Type-3 fonts).
#[derive(Debug, Clone)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Cid {
        map: HashMap<u32, f32>,
        default: f32,
    },
}

/// Glyph id → text, from an embedded TrueType font's `cmap`.
#[derive(Debug, Clone, Default)]
struct GlyphMap {
    by_gid: HashMap<u16, char>,
    /// CIDToGIDMap stream (None = Identity).
    cid_to_gid: Option<Vec<u8>>,
}

impl GlyphMap {
    fn lookup(&self, cid: u32) -> Option<char> {
        let gid = match &self.cid_to_gid {
            None => u16::try_from(cid).ok()?,
            Some(map) => {
                let i = usize::try_from(cid).ok()?.checked_mul(2)?;
                let hi = *map.get(i)?;
                let lo = *map.get(i + 1)?;
                u16::from_be_bytes([hi, lo])
            }
        };
        self.by_gid.get(&gid).copied()
    }
}

/// A font ready for decoding.
#[derive(Debug, Clone)]
pub struct Font {
    split: Split,
    to_unicode: Option<ToUnicode>,
    predefined: Option<Predefined>,
    simple: Option<SimpleTable>,
    glyphs: Option<GlyphMap>,
    /// Whether the CID used for widths is the code itself (Identity or embedded CMap).
    cid_is_code: bool,
    widths: Widths,
    /// Glyph space → text space, horizontal (0.001, or FontMatrix[0] for Type 3).
    scale: f32,
    /// Whether nothing at all can be decoded from this font.
    undecodable: bool,
}

/// One decoded code, handed to the callback of [`Font::decode`].
pub struct Decoded<'a> {
    /// The text (may be empty when the code could not be decoded).
    pub text: &'a str,
    /// Horizontal advance in text space for a font size of 1.
    pub width: f32,
    /// A single-byte code 32 (word spacing `Tw` applies).
    pub is_space_code: bool,
}

impl Font {
    /// A font decoding bytes as Latin-1 (used when a font resource is missing or broken).
    pub fn fallback() -> Font {
        Font {
            split: Split::OneByte,
            to_unicode: None,
            predefined: None,
            simple: Some(BaseEncoding::Latin1.table()),
            glyphs: None,
            cid_is_code: false,
            widths: Widths::Simple {
                first: 0,
                widths: Vec::new(),
                missing: 500.0,
            },
            scale: 0.001,
            undecodable: false,
        }
    }

    /// Build a font from its dictionary. Never fails; unknown pieces decode to nothing.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = get(doc, dict, b"Subtype").and_then(name_of).unwrap_or(b"");
        let to_unicode = get(doc, dict, b"ToUnicode")
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| stream_bytes(s, 8 << 20))
            .map(|data| ToUnicode::parse(&data))
            .filter(|cm| !cm.is_empty());
        if subtype == b"Type0" {
            Self::load_type0(doc, dict, to_unicode)
        } else {
            Self::load_simple(doc, dict, subtype == b"Type3", to_unicode)
        }
    }

    fn load_type0(doc: &Document, dict: &Dictionary, to_unicode: Option<ToUnicode>) -> Font {
        let encoding = get(doc, dict, b"Encoding");
        let predefined = encoding.and_then(name_of).and_then(Predefined::from_name);
        let embedded_cmap = matches!(encoding, Some(Object::Stream(_)));
        let descendant = get(doc, dict, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| resolve(doc, o))
            .and_then(|o| o.as_dict().ok());
        let split = match predefined {
            Some(p) if p != Predefined::Identity => Split::Predefined(p),
            _ if embedded_cmap && to_unicode.as_ref().is_some_and(|t| t.has_codespace()) => {
                Split::Codespace
            }
            _ => Split::Fixed(2),
        };
        let cid_is_code = matches!(predefined, Some(Predefined::Identity)) || embedded_cmap;
        let mut widths = Widths::Cid {
            map: HashMap::new(),
            default: 1000.0,
        };
        let mut glyphs = None;
        if let Some(desc) = descendant {
            let default = get(doc, desc, b"DW").and_then(as_number).unwrap_or(1000.0);
            let map = get(doc, desc, b"W")
                .and_then(|o| o.as_array().ok())
                .map(|w| parse_cid_widths(doc, w))
                .unwrap_or_default();
            widths = Widths::Cid { map, default };
            // Only needed when ToUnicode cannot do the job.
            let needs_glyphs = predefined.is_none_or(|p| p == Predefined::Identity);
            if needs_glyphs {
                glyphs = load_glyph_map(doc, desc);
            }
        }
        let undecodable = to_unicode.is_none()
            && glyphs.is_none()
            && predefined.is_none_or(|p| p == Predefined::Identity);
        Font {
            split,
            to_unicode,
            predefined: predefined.filter(|p| *p != Predefined::Identity),
            simple: None,
            glyphs,
            cid_is_code,
            widths,
            scale: 0.001,
            undecodable,
        }
    }

    fn load_simple(
        doc: &Document,
        dict: &Dictionary,
        type3: bool,
        to_unicode: Option<ToUnicode>,
    ) -> Font {
        let base = get(doc, dict, b"BaseFont").and_then(name_of).unwrap_or(b"");
        let symbolic_std = base.ends_with(b"Symbol") || base.ends_with(b"Dingbats");
        let encoding = get(doc, dict, b"Encoding");
        let mut table = None;
        match encoding {
            Some(Object::Name(n)) => table = BaseEncoding::from_name(n).map(|b| b.table()),
            Some(Object::Dictionary(d)) => {
                let base_enc = get(doc, d, b"BaseEncoding")
                    .and_then(name_of)
                    .and_then(BaseEncoding::from_name)
                    .unwrap_or(if type3 {
                        BaseEncoding::Latin1
                    } else {
                        BaseEncoding::Standard
                    });
                let mut t = base_enc.table();
                if type3 {
                    // Type 3 glyph names are arbitrary; only trust names we recognise.
                    t = vec![None; 256];
                }
                if let Some(diffs) = get(doc, d, b"Differences").and_then(|o| o.as_array().ok()) {
                    apply_differences(doc, diffs, &mut t);
                }
                table = Some(t);
            }
            _ => {}
        }
        if table.is_none() && !type3 && !symbolic_std {
            table = Some(BaseEncoding::Latin1.table());
        }
        let first = get(doc, dict, b"FirstChar")
            .and_then(as_number)
            .unwrap_or(0.0)
            .max(0.0) as u32;
        let widths_arr: Vec<f32> = get(doc, dict, b"Widths")
            .and_then(|o| o.as_array().ok())
            .map(|a| {
                a.iter()
                    .take(256)
                    .map(|o| resolve(doc, o).and_then(as_number).unwrap_or(0.0))
                    .collect()
            })
            .unwrap_or_default();
        let missing = get(doc, dict, b"FontDescriptor")
            .and_then(|o| o.as_dict().ok())
            .and_then(|fd| get(doc, fd, b"MissingWidth"))
            .and_then(as_number)
            .unwrap_or(if type3 { 0.0 } else { 500.0 });
        let scale = if type3 {
            get(doc, dict, b"FontMatrix")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| resolve(doc, o))
                .and_then(as_number)
                .filter(|v| v.is_finite() && *v != 0.0)
                .map(f32::abs)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let undecodable = to_unicode.is_none() && table.is_none();
        Font {
            split: Split::OneByte,
            to_unicode,
            predefined: None,
            simple: table,
            glyphs: None,
            cid_is_code: false,
            widths: Widths::Simple {
                first,
                widths: widths_arr,
                missing,
            },
            scale,
            undecodable,
        }
    }

    /// Whether this font can decode nothing (its text is lost, the rest of the page is not).
    pub fn is_undecodable(&self) -> bool {
        self.undecodable
    }

    /// Split `bytes` into codes and call `f` for each with its text and advance.
    pub fn decode(&self, bytes: &[u8], mut f: impl FnMut(Decoded<'_>)) {
        let mut buf = String::new();
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let len = self.code_len(rest).clamp(1, rest.len());
            let code_bytes = &rest[..len];
            i += len;
            let code = code_value(code_bytes).unwrap_or(0);
            buf.clear();
            self.text_for(len, code, code_bytes, &mut buf);
            let width = self.width(code) * self.scale;
            f(Decoded {
                text: &buf,
                width,
                is_space_code: len == 1 && code == 32,
            });
        }
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        match &self.split {
            Split::OneByte => 1,
            Split::Predefined(p) => p.code_len(rest),
            Split::Fixed(n) => *n,
            Split::Codespace => {
                let tu = self.to_unicode.as_ref();
                tu.and_then(|t| t.code_len(rest))
                    .or_else(|| tu.and_then(|t| t.min_len()))
                    .unwrap_or(2)
            }
        }
    }

    fn text_for(&self, len: usize, code: u32, code_bytes: &[u8], out: &mut String) {
        if let Some(tu) = &self.to_unicode {
            if let Some(s) = tu.lookup(len, code) {
                push_clean(out, &s);
                if !out.is_empty() {
                    return;
                }
            }
        }
        if let Some(p) = self.predefined {
            if let Some(s) = p.decode(code_bytes) {
                push_clean(out, &s);
                return;
            }
        }
        if let Some(g) = &self.glyphs {
            if let Some(c) = g.lookup(code) {
                push_clean(out, c.encode_utf8(&mut [0; 4]));
                return;
            }
        }
        if let Some(t) = &self.simple {
            if let Some(Some(c)) = t.get(code as usize) {
                push_clean(out, c.encode_utf8(&mut [0; 4]));
            }
        }
    }

    fn width(&self, code: u32) -> f32 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|k| widths.get(k as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Cid { map, default } => {
                // Without Adobe's CID tables the CID of a predefined-CMap code is unknown:
                // such glyphs are drawn (and advanced) with the default width.
                if self.cid_is_code {
                    map.get(&code).copied().unwrap_or(*default)
                } else {
                    *default
                }
            }
        }
    }
}

/// Append `s` to `out` without control characters. Radicals are kept: they are mapped to
/// ideographs once the document's script is known (`radicals::unradical_str_in`).
fn push_clean(out: &mut String, s: &str) {
    for c in s.chars() {
        if c == '\u{FFFD}' || (c.is_control() && c != '\t') || c == '\u{FEFF}' {
            continue;
        }
        out.push(c);
    }
}

/// Parse a CIDFont `/W` array: `c [w1 w2 …]` and `c_first c_last w`.
fn parse_cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f32> {
    let mut map = HashMap::new();
    let mut i = 0;
    while i < w.len() {
        let Some(first) = resolve(doc, &w[i]).and_then(as_number) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).and_then(|o| resolve(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, o) in ws.iter().enumerate().take(65536) {
                    if let Some(v) = resolve(doc, o).and_then(as_number) {
                        map.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = as_number(o).unwrap_or(0.0).max(0.0) as u32;
                let v = w
                    .get(i + 2)
                    .and_then(|o| resolve(doc, o))
                    .and_then(as_number)
                    .unwrap_or(1000.0);
                if last >= first && last - first <= 65535 {
                    for c in first..=last {
                        map.insert(c, v);
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
    map
}

fn apply_differences(doc: &Document, diffs: &[Object], table: &mut SimpleTable) {
    let mut code: i64 = 0;
    for o in diffs {
        match resolve(doc, o) {
            Some(Object::Integer(n)) => code = *n,
            Some(Object::Real(r)) => code = *r as i64,
            Some(Object::Name(name)) => {
                if let Some(slot) = usize::try_from(code).ok().and_then(|c| table.get_mut(c)) {
                    *slot = glyph_name_to_string(name).and_then(|s| {
                        let mut it = s.chars();
                        let c = it.next()?;
                        // Multi-character names (ligatures) keep their first letter only.
                        Some(c)
                    });
                }
                code += 1;
            }
            _ => {}
        }
    }
}

/// Invert an embedded TrueType font's Unicode `cmap` (FontFile2) to glyph id → character.
/// At most this many code points are looked up in an embedded font's `cmap` (a CJK font maps
/// some 30,000–70,000; Unicode has 1,114,112).
const MAX_CMAP_CODES: u32 = 300_000;

/// The code point ranges cmap subtable `index` declares, read from the table's bytes and clamped
/// to Unicode (formats 4, 6, 12, 13; others: the Basic Multilingual Plane). Nothing in the
/// table is trusted: every read is bounds-checked.
fn cmap_ranges(cmap: &[u8], index: u16) -> Vec<(u32, u32)> {
    let u16_at = |o: usize| -> Option<u32> {
        Some(u32::from(u16::from_be_bytes(
            cmap.get(o..o + 2)?.try_into().ok()?,
        )))
    };
    let u32_at = |o: usize| -> Option<u32> {
        Some(u32::from_be_bytes(cmap.get(o..o + 4)?.try_into().ok()?))
    };
    let ranges = || -> Option<Vec<(u32, u32)>> {
        let rec = 4 + 8 * usize::from(index);
        let at = usize::try_from(u32_at(rec + 4)?).ok()?;
        let mut out = Vec::new();
        match u16_at(at)? {
            0 => out.push((0, 255)),
            4 => {
                let seg2 = usize::try_from(u16_at(at + 6)?).ok()?;
                let ends = at + 14;
                let starts = ends + seg2 + 2;
                for k in 0..seg2 / 2 {
                    let (Some(e), Some(s)) = (u16_at(ends + 2 * k), u16_at(starts + 2 * k)) else {
                        break;
                    };
                    if s <= e && !(s == 0xFFFF && e == 0xFFFF) {
                        out.push((s, e));
                    }
                }
            }
            6 => {
                let first = u16_at(at + 6)?;
                let count = u16_at(at + 8)?;
                if count > 0 {
                    out.push((first, (first + count - 1).min(0xFFFF)));
                }
            }
            12 | 13 => {
                let groups = usize::try_from(u32_at(at + 12)?).ok()?;
                for k in 0..groups.min(cmap.len() / 12) {
                    let g = at + 16 + 12 * k;
                    let (Some(s), Some(e)) = (u32_at(g), u32_at(g + 4)) else {
                        break;
                    };
                    let e = e.min(0x10FFFF);
                    if s <= e {
                        out.push((s, e));
                    }
                }
            }
            _ => out.push((0, 0xFFFF)),
        }
        Some(out)
    };
    ranges().unwrap_or_default()
}

fn load_glyph_map(doc: &Document, cidfont: &Dictionary) -> Option<GlyphMap> {
    let fd = get(doc, cidfont, b"FontDescriptor")?.as_dict().ok()?;
    let ff = get(doc, fd, b"FontFile2")?.as_stream().ok()?;
    let data = stream_bytes(ff, 64 << 20)?;
    let raw = ttf_parser::RawFace::parse(&data, 0).ok()?;
    let cmap_data = raw.table(ttf_parser::Tag::from_bytes(b"cmap"))?;
    let cmap = ttf_parser::cmap::Table::parse(cmap_data)?;
    let mut by_gid: HashMap<u16, char> = HashMap::new();
    // ttf-parser's `codepoints` walks every code of every range the subtable declares, and a
    // format 12 group may declare four billion: the ranges are read here instead, clamped to
    // Unicode, and the walk over all subtables stops at MAX_CMAP_CODES lookups.
    let mut left = MAX_CMAP_CODES;
    for (i, sub) in (0..cmap.subtables.len()).filter_map(|i| Some((i, cmap.subtables.get(i)?))) {
        if !sub.is_unicode() {
            continue;
        }
        for (start, end) in cmap_ranges(cmap_data, i) {
            for cp in start..=end {
                if left == 0 {
                    break;
                }
                left -= 1;
                let (Some(gid), Some(c)) = (sub.glyph_index(cp), char::from_u32(cp)) else {
                    continue;
                };
                if gid.0 == 0 {
                    continue;
                }
                by_gid
                    .entry(gid.0)
                    .and_modify(|old| {
                        // Prefer an ordinary ideograph over a radical or compatibility form.
                        if is_radical(*old) || (0xF900..=0xFAFF).contains(&(*old as u32)) {
                            *old = c;
                        }
                    })
                    .or_insert(c);
            }
        }
    }
    if by_gid.is_empty() {
        return None;
    }
    let cid_to_gid = match get(doc, cidfont, b"CIDToGIDMap") {
        Some(Object::Stream(s)) => Some(stream_bytes(s, 1 << 20)?),
        _ => None,
    };
    Some(GlyphMap { by_gid, cid_to_gid })
}

#[cfg(test)]
mod cmap_tests {
    use super::*;

    /// A cmap with one Unicode record pointing at `sub`.
    fn cmap_with(sub: &[u8]) -> Vec<u8> {
        let mut t = vec![0, 0, 0, 1, 0, 3, 0, 10, 0, 0, 0, 12];
        t.extend_from_slice(sub);
        t
    }

    #[test]
    fn ranges_are_clamped_and_bounds_checked() {
        // format 12, one group declaring every 32-bit code: clamped to Unicode
        let mut f12 = vec![0, 12, 0, 0, 0, 0, 0, 28, 0, 0, 0, 0, 0, 0, 0, 1];
        f12.extend_from_slice(&[0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1]);
        assert_eq!(cmap_ranges(&cmap_with(&f12), 0), vec![(0, 0x10FFFF)]);
        // a group count far beyond the data: only what is there is read
        let mut lying = f12.clone();
        lying[12..16].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
        assert_eq!(cmap_ranges(&cmap_with(&lying), 0), vec![(0, 0x10FFFF)]);
        // format 4 with two segments (the 0xFFFF terminator is skipped)
        let f4: Vec<u8> = [
            &[0u8, 4, 0, 32, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0][..],
            &[0x4E, 0x5D, 0xFF, 0xFF, 0, 0], // endCode[], reservedPad
            &[0x4E, 0x00, 0xFF, 0xFF],       // startCode[]
        ]
        .concat();
        assert_eq!(cmap_ranges(&cmap_with(&f4), 0), vec![(0x4E00, 0x4E5D)]);
        // truncated or absurd tables give nothing, never a panic
        for cut in 0..cmap_with(&f4).len() {
            let _ = cmap_ranges(&cmap_with(&f4)[..cut], 0);
        }
        assert!(cmap_ranges(&[], 3).is_empty());
    }
}
