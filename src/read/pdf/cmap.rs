//! Character maps: embedded ToUnicode CMaps (PDF 32000-1 §9.10.3) and the predefined Chinese
//! (and other CJK) encoding CMaps that can be decoded without Adobe's CID tables.
//!
//! A CMap does two jobs for us: it says how many bytes the next character code in a string
//! takes (the codespace ranges), and it maps a code to Unicode text.

use std::collections::HashMap;

/// One codespace range: codes of `len` bytes whose every byte lies within `lo[i]..=hi[i]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CodeRange {
    len: u8,
    lo: [u8; 4],
    hi: [u8; 4],
}

impl CodeRange {
    fn matches(&self, bytes: &[u8]) -> bool {
        let n = self.len as usize;
        bytes.len() >= n
            && (0..n).all(|i| {
                let b = bytes[i];
                b >= self.lo[i] && b <= self.hi[i]
            })
    }
}

/// The destination of a `bfrange`.
#[derive(Debug, Clone)]
enum RangeDst {
    /// `<lo> <hi> <dst>`: code `lo + k` maps to `dst` with its last UTF-16 unit increased by `k`.
    Offset(Vec<u16>),
    /// `<lo> <hi> [<d0> <d1> …]`: one destination per code.
    Array(Vec<String>),
}

#[derive(Debug, Clone)]
struct BfRange {
    len: u8,
    lo: u32,
    hi: u32,
    dst: RangeDst,
}

/// A parsed ToUnicode CMap.
#[derive(Debug, Clone, Default)]
pub struct ToUnicode {
    codespace: Vec<CodeRange>,
    /// `bfchar` entries keyed by `(code length, code)`.
    single: HashMap<(u8, u32), String>,
    /// `bfrange` entries, sorted by `(len, lo)`.
    ranges: Vec<BfRange>,
    /// Most common source-code length seen in the mappings (used when there is no codespace).
    default_len: u8,
}

impl ToUnicode {
    /// Parse a ToUnicode CMap stream. Never fails: whatever could be read is kept.
    pub fn parse(data: &[u8]) -> ToUnicode {
        let mut cm = ToUnicode::default();
        let mut lens = [0usize; 5];
        let toks = tokenize(data);
        let mut i = 0;
        while i < toks.len() {
            match &toks[i] {
                Tok::Keyword(k) if k == b"begincodespacerange" => {
                    i += 1;
                    while i + 1 < toks.len() {
                        match (&toks[i], &toks[i + 1]) {
                            (Tok::Hex(lo), Tok::Hex(hi))
                                if lo.len() == hi.len() && (1..=4).contains(&lo.len()) =>
                            {
                                let mut r = CodeRange {
                                    len: lo.len() as u8,
                                    lo: [0; 4],
                                    hi: [0; 4],
                                };
                                r.lo[..lo.len()].copy_from_slice(lo);
                                r.hi[..hi.len()].copy_from_slice(hi);
                                cm.codespace.push(r);
                                i += 2;
                            }
                            _ => break,
                        }
                    }
                }
                Tok::Keyword(k) if k == b"beginbfchar" => {
                    i += 1;
                    while i + 1 < toks.len() {
                        let (Tok::Hex(src), dst) = (&toks[i], &toks[i + 1]) else {
                            break;
                        };
                        let text = match dst {
                            Tok::Hex(d) => utf16be_to_string(d),
                            Tok::Name(n) => {
                                super::encoding::glyph_name_to_string(n).unwrap_or_default()
                            }
                            _ => break,
                        };
                        if let Some(code) = code_value(src) {
                            lens[src.len()] += 1;
                            cm.single.insert((src.len() as u8, code), text);
                        }
                        i += 2;
                    }
                }
                Tok::Keyword(k) if k == b"beginbfrange" => {
                    i += 1;
                    while i + 2 < toks.len() {
                        let (Tok::Hex(lo), Tok::Hex(hi)) = (&toks[i], &toks[i + 1]) else {
                            break;
                        };
                        let (Some(lo_v), Some(hi_v)) = (code_value(lo), code_value(hi)) else {
                            break;
                        };
                        let mut push_range = |dst: RangeDst| {
                            if lo_v <= hi_v && lo.len() == hi.len() {
                                lens[lo.len()] += 1;
                                cm.ranges.push(BfRange {
                                    len: lo.len() as u8,
                                    lo: lo_v,
                                    hi: hi_v,
                                    dst,
                                });
                            }
                        };
                        match &toks[i + 2] {
                            Tok::Hex(d) => {
                                push_range(RangeDst::Offset(utf16_units(d)));
                                i += 3;
                            }
                            Tok::ArrayStart => {
                                let mut items = Vec::new();
                                let mut j = i + 3;
                                while let Some(t) = toks.get(j) {
                                    match t {
                                        Tok::Hex(d) => items.push(utf16be_to_string(d)),
                                        Tok::ArrayEnd => break,
                                        _ => {}
                                    }
                                    j += 1;
                                }
                                push_range(RangeDst::Array(items));
                                i = j + 1;
                            }
                            _ => break,
                        }
                    }
                }
                _ => i += 1,
            }
        }
        cm.ranges.sort_by_key(|r| (r.len, r.lo));
        cm.default_len = (1..=4).max_by_key(|&l| (lens[l], l == 2)).unwrap_or(2) as u8;
        if lens.iter().all(|&n| n == 0) {
            cm.default_len = 0;
        }
        cm
    }

    /// True when the CMap maps nothing.
    pub fn is_empty(&self) -> bool {
        self.single.is_empty() && self.ranges.is_empty()
    }

    /// Whether the CMap declares codespace ranges (and so can split strings itself).
    pub fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// The code length suggested by the mappings when there is no codespace (0 = unknown).
    pub fn default_len(&self) -> u8 {
        self.default_len
    }

    /// Length in bytes of the code at the start of `bytes` per the codespace ranges
    /// (`None` when no range matches or there are no ranges).
    pub fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        // Shorter codes first: a one-byte range must win over a two-byte range sharing a prefix
        // only if the byte is outside the two-byte lead range, which the per-byte test handles.
        self.codespace
            .iter()
            .filter(|r| r.matches(bytes))
            .map(|r| r.len as usize)
            .min()
    }

    /// Shortest codespace length (used to skip an unmatched byte sequence).
    pub fn min_len(&self) -> Option<usize> {
        self.codespace.iter().map(|r| r.len as usize).min()
    }

    /// Map one code of `len` bytes to text.
    pub fn lookup(&self, len: usize, code: u32) -> Option<String> {
        let len8 = len as u8;
        if let Some(s) = self.single.get(&(len8, code)) {
            return Some(s.clone());
        }
        // Last range with (len, lo) <= (len, code).
        let idx = self
            .ranges
            .partition_point(|r| (r.len, r.lo) <= (len8, code));
        for r in self.ranges[..idx].iter().rev().take(8) {
            if r.len != len8 {
                break;
            }
            if code >= r.lo && code <= r.hi {
                let k = code - r.lo;
                return match &r.dst {
                    RangeDst::Array(items) => items.get(k as usize).cloned(),
                    RangeDst::Offset(units) => {
                        let mut units = units.clone();
                        let last = units.last_mut()?;
                        *last = last.wrapping_add(k as u16);
                        Some(String::from_utf16_lossy(&units))
                    }
                };
            }
        }
        None
    }
}

/// Big-endian value of a code of up to 4 bytes.
pub fn code_value(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some(bytes.iter().fold(0u32, |acc, &b| (acc << 8) | b as u32))
}

/// Longest ToUnicode target kept, in bytes (16 UTF-16 units: ligatures and the odd word; a
/// hostile CMap mapping one code to 500,000 characters would otherwise multiply every glyph).
pub const MAX_TARGET_BYTES: usize = 32;

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes[..bytes.len().min(MAX_TARGET_BYTES)]
        .chunks(2)
        .map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => *a as u16,
            _ => 0,
        })
        .collect()
}

/// Decode UTF-16BE (with surrogate pairs); unpaired surrogates become U+FFFD.
pub fn utf16be_to_string(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Name(Vec<u8>),
    Keyword(Vec<u8>),
    ArrayStart,
    ArrayEnd,
    Other,
}

/// A forgiving tokenizer for CMap PostScript.
fn tokenize(data: &[u8]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = 0;
    let n = data.len();
    while i < n {
        let c = data[i];
        match c {
            b'%' => {
                while i < n && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                toks.push(Tok::Other);
                i += 2;
            }
            b'>' if data.get(i + 1) == Some(&b'>') => {
                toks.push(Tok::Other);
                i += 2;
            }
            b'<' => {
                i += 1;
                let mut nibbles = Vec::new();
                while i < n && data[i] != b'>' {
                    if let Some(v) = (data[i] as char).to_digit(16) {
                        nibbles.push(v as u8);
                    }
                    i += 1;
                }
                i += 1;
                if nibbles.len() % 2 == 1 {
                    nibbles.push(0);
                }
                toks.push(Tok::Hex(
                    nibbles.chunks(2).map(|p| (p[0] << 4) | p[1]).collect(),
                ));
            }
            b'(' => {
                // Literal strings are not used for mappings here; skip with nesting.
                let mut depth = 0usize;
                while i < n {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                toks.push(Tok::Other);
            }
            b'[' => {
                toks.push(Tok::ArrayStart);
                i += 1;
            }
            b']' => {
                toks.push(Tok::ArrayEnd);
                i += 1;
            }
            b'/' => {
                i += 1;
                let s = i;
                while i < n && !is_delim(data[i]) {
                    i += 1;
                }
                toks.push(Tok::Name(data[s..i].to_vec()));
            }
            _ if c.is_ascii_whitespace() || c == 0 => i += 1,
            _ => {
                let s = i;
                while i < n && !is_delim(data[i]) {
                    i += 1;
                }
                if i == s {
                    i += 1;
                    toks.push(Tok::Other);
                } else if data[s].is_ascii_alphabetic() {
                    toks.push(Tok::Keyword(data[s..i].to_vec()));
                } else {
                    toks.push(Tok::Other);
                }
            }
        }
    }
    toks
}

fn is_delim(b: u8) -> bool {
    b.is_ascii_whitespace()
        || b == 0
        || matches!(
            b,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
        )
}

/// Predefined CMaps whose codes carry the character directly (as Unicode or a national
/// encoding), so they decode without Adobe's CID-to-Unicode tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predefined {
    /// `Identity-H`/`Identity-V`: 2-byte CIDs; text needs ToUnicode or the font's own cmap.
    Identity,
    /// `Uni*-UCS2-H/V`: 2-byte UCS-2BE codes.
    Ucs2,
    /// `Uni*-UTF16-H/V`: UTF-16BE codes (2 or 4 bytes).
    Utf16,
    /// `GBK-EUC-H/V`, `GBKp-EUC-H/V`: GBK (2-byte with lead 0x81–0xFE, else 1 byte).
    Gbk,
    /// `GB-EUC-H/V`, `GBpc-EUC-H/V`: EUC-CN (2-byte with lead 0xA1–0xFE).
    GbEuc,
    /// `GBK2K-H/V`: GB 18030 (1, 2 or 4 bytes).
    Gb18030,
    /// `B5pc-H/V`, `ETen-B5-H/V`, `HKscs-B5-H/V`: Big5.
    Big5,
    /// `90ms-RKSJ-H/V` and friends: Shift_JIS.
    ShiftJis,
    /// `KSC-EUC-H/V`, `KSCms-UHC-H/V`: EUC-KR / UHC.
    EucKr,
}

impl Predefined {
    /// Recognise a predefined CMap by its name (`/Encoding` of a Type0 font).
    pub fn from_name(name: &[u8]) -> Option<Predefined> {
        let name = std::str::from_utf8(name).ok()?;
        let base = name
            .strip_suffix("-H")
            .or_else(|| name.strip_suffix("-V"))?;
        Some(match base {
            "Identity" => Predefined::Identity,
            "UniGB-UCS2" | "UniCNS-UCS2" | "UniJIS-UCS2" | "UniJIS-UCS2-HW" | "UniKS-UCS2" => {
                Predefined::Ucs2
            }
            "UniGB-UTF16" | "UniCNS-UTF16" | "UniJIS-UTF16" | "UniJIS2004-UTF16"
            | "UniKS-UTF16" => Predefined::Utf16,
            "GBK-EUC" | "GBKp-EUC" => Predefined::Gbk,
            "GB-EUC" | "GBpc-EUC" | "GBT-EUC" | "GBTpc-EUC" => Predefined::GbEuc,
            "GBK2K" => Predefined::Gb18030,
            "B5pc" | "ETen-B5" | "HKscs-B5" | "ETenms-B5" => Predefined::Big5,
            "90ms-RKSJ" | "90msp-RKSJ" | "83pv-RKSJ" | "90pv-RKSJ" => Predefined::ShiftJis,
            "KSC-EUC" | "KSCms-UHC" | "KSCms-UHC-HW" | "KSCpc-EUC" => Predefined::EucKr,
            _ => return None,
        })
    }

    /// Length of the code at the start of `bytes` (always ≥ 1 for non-empty input, ≤ len).
    pub fn code_len(self, bytes: &[u8]) -> usize {
        let b0 = bytes.first().copied().unwrap_or(0);
        let b1 = bytes.get(1).copied().unwrap_or(0);
        let want = match self {
            Predefined::Identity | Predefined::Ucs2 => 2,
            Predefined::Utf16 => {
                if (0xD8..=0xDB).contains(&b0) {
                    4
                } else {
                    2
                }
            }
            Predefined::Gbk | Predefined::EucKr => {
                if (0x81..=0xFE).contains(&b0) {
                    2
                } else {
                    1
                }
            }
            Predefined::GbEuc => {
                if (0xA1..=0xFE).contains(&b0) {
                    2
                } else {
                    1
                }
            }
            Predefined::Gb18030 => {
                if (0x81..=0xFE).contains(&b0) {
                    if (0x30..=0x39).contains(&b1) {
                        4
                    } else {
                        2
                    }
                } else {
                    1
                }
            }
            Predefined::Big5 => {
                if (0xA1..=0xFE).contains(&b0) {
                    2
                } else {
                    1
                }
            }
            Predefined::ShiftJis => {
                if (0x81..=0x9F).contains(&b0) || (0xE0..=0xFC).contains(&b0) {
                    2
                } else {
                    1
                }
            }
        };
        want.min(bytes.len()).max(1)
    }

    /// Decode one code (as split by [`Predefined::code_len`]). `None` for Identity and for
    /// invalid codes.
    pub fn decode(self, code: &[u8]) -> Option<String> {
        let enc = match self {
            Predefined::Identity => return None,
            Predefined::Ucs2 | Predefined::Utf16 => {
                if code.len() < 2 {
                    return None;
                }
                let s = utf16be_to_string(code);
                return (!s.contains('\u{FFFD}')).then_some(s);
            }
            Predefined::Gbk | Predefined::GbEuc => encoding_rs::GBK,
            Predefined::Gb18030 => encoding_rs::GB18030,
            Predefined::Big5 => encoding_rs::BIG5,
            Predefined::ShiftJis => encoding_rs::SHIFT_JIS,
            Predefined::EucKr => encoding_rs::EUC_KR,
        };
        let s = enc.decode_without_bom_handling_and_without_replacement(code)?;
        Some(s.into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n\
3 beginbfchar\n<0003> <0020>\n<0011> <4EBA>\n<0012> <D840DC00>\nendbfchar\n\
2 beginbfrange\n<0020> <0022> <6C11>\n<0030> <0031> [<5224> <0066006C>]\nendbfrange\n\
endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

    #[test]
    fn long_targets_are_cut() {
        let mut cmap =
            b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <41> <".to_vec();
        for _ in 0..10_000 {
            cmap.extend_from_slice(b"4EBA");
        }
        cmap.extend_from_slice(b"> endbfchar");
        let tu = ToUnicode::parse(&cmap);
        let s = tu.lookup(1, 0x41).unwrap();
        assert_eq!(s.chars().count(), MAX_TARGET_BYTES / 2);
    }

    #[test]
    fn parses_bfchar_bfrange_and_codespace() {
        let cm = ToUnicode::parse(CMAP);
        assert!(cm.has_codespace());
        assert_eq!(cm.code_len(&[0x00, 0x11]), Some(2));
        assert_eq!(cm.lookup(2, 0x11).as_deref(), Some("人"));
        assert_eq!(cm.lookup(2, 0x12).as_deref(), Some("\u{20000}"));
        assert_eq!(cm.lookup(2, 0x20).as_deref(), Some("民"));
        assert_eq!(cm.lookup(2, 0x22).as_deref(), Some("\u{6C13}"));
        assert_eq!(cm.lookup(2, 0x30).as_deref(), Some("判"));
        assert_eq!(cm.lookup(2, 0x31).as_deref(), Some("fl"));
        assert_eq!(cm.lookup(2, 0x23), None);
        assert_eq!(cm.lookup(1, 0x11), None);
    }

    #[test]
    fn mixed_codespace_lengths() {
        let cm = ToUnicode::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange \
              1 beginbfchar <41> <0041> endbfchar 1 beginbfchar <B0A1> <554A> endbfchar",
        );
        assert_eq!(cm.code_len(&[0x41, 0xB0]), Some(1));
        assert_eq!(cm.code_len(&[0xB0, 0xA1]), Some(2));
        assert_eq!(cm.lookup(2, 0xB0A1).as_deref(), Some("啊"));
    }

    #[test]
    fn garbage_does_not_panic() {
        for data in [
            &b"beginbfrange <00> endbfrange"[..],
            b"begincodespacerange <0000000000> <FF> endcodespacerange",
            b"beginbfchar <> <> endbfchar beginbfrange <01> <00> [ endbfrange",
            b"<<<<(((\\",
        ] {
            let cm = ToUnicode::parse(data);
            let _ = cm.lookup(1, 0);
            let _ = cm.code_len(&[]);
        }
    }

    #[test]
    fn predefined_gbk_and_ucs2() {
        let p = Predefined::from_name(b"GBK-EUC-H").unwrap();
        assert_eq!(p, Predefined::Gbk);
        let bytes = "人民法院2022".encode_utf16().count();
        assert_eq!(bytes, 8);
        // 人 = C8CB in GBK, 民 = C3F1.
        let gbk = [0xC8, 0xCB, 0xC3, 0xF1, b'2'];
        assert_eq!(p.code_len(&gbk), 2);
        assert_eq!(p.decode(&gbk[..2]).as_deref(), Some("人"));
        assert_eq!(p.code_len(&gbk[4..]), 1);
        assert_eq!(p.decode(&gbk[4..]).as_deref(), Some("2"));
        assert_eq!(Predefined::from_name(b"GBK-EUC-V"), Some(Predefined::Gbk));
        let u = Predefined::from_name(b"UniGB-UCS2-H").unwrap();
        assert_eq!(u.decode(&[0x4E, 0xBA]).as_deref(), Some("人"));
        let g = Predefined::from_name(b"GBK2K-H").unwrap();
        // U+20000 in GB18030 is 95 32 82 36.
        let four = [0x95, 0x32, 0x82, 0x36];
        assert_eq!(g.code_len(&four), 4);
        assert_eq!(g.decode(&four).as_deref(), Some("\u{20000}"));
        let t = Predefined::from_name(b"UniGB-UTF16-V").unwrap();
        assert_eq!(t.code_len(&[0xD8, 0x40, 0xDC, 0x00]), 4);
        assert_eq!(Predefined::from_name(b"Foo-H"), None);
        assert_eq!(Predefined::Gbk.code_len(&[0xC8]), 1);
    }
}
