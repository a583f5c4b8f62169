//! Simple-font encodings (PDF 32000-1 Annex D): WinAnsi, Standard, MacRoman, `/Differences`
//! glyph names, and the Latin-1 fallback.

/// A 256-entry code → text table for a simple (single-byte) font.
pub type SimpleTable = Vec<Option<char>>;

/// The base encodings a simple font may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    WinAnsi,
    Standard,
    MacRoman,
    /// Not an encoding from the standard: bytes as ISO 8859-1 (printable ones only).
    Latin1,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(BaseEncoding::MacRoman),
            b"PDFDocEncoding" => Some(BaseEncoding::WinAnsi),
            _ => None,
        }
    }

    /// The full 256-entry table.
    pub fn table(self) -> SimpleTable {
        (0..=255u8).map(|b| self.decode(b)).collect()
    }

    fn decode(self, b: u8) -> Option<char> {
        if b < 0x20 {
            return None;
        }
        match self {
            BaseEncoding::Latin1 => {
                if (0x7F..0xA0).contains(&b) {
                    None
                } else {
                    Some(b as char)
                }
            }
            BaseEncoding::WinAnsi => match b {
                0x7F => None,
                0x80..=0x9F => {
                    let c = WIN_ANSI_80.chars().nth((b - 0x80) as usize)?;
                    (c != '\0').then_some(c)
                }
                _ => Some(b as char),
            },
            BaseEncoding::MacRoman => match b {
                0x7F => None,
                0x80..=0xFF => MAC_ROMAN_80.chars().nth((b - 0x80) as usize),
                _ => Some(b as char),
            },
            BaseEncoding::Standard => match b {
                0x27 => Some('\u{2019}'),
                0x60 => Some('\u{2018}'),
                0x7F..=0xA0 => None,
                0xA1..=0xFF => STANDARD_A1
                    .iter()
                    .find(|(code, _)| *code == b)
                    .map(|(_, c)| *c),
                _ => Some(b as char),
            },
        }
    }
}

const WIN_ANSI_80: &str = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";
const MAC_ROMAN_80: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u{A0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{F8FF}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";
const STANDARD_A1: &[(u8, char)] = &[
    (0xA1, '¡'),
    (0xA2, '¢'),
    (0xA3, '£'),
    (0xA4, '⁄'),
    (0xA5, '¥'),
    (0xA6, 'ƒ'),
    (0xA7, '§'),
    (0xA8, '¤'),
    (0xA9, '\''),
    (0xAA, '“'),
    (0xAB, '«'),
    (0xAC, '‹'),
    (0xAD, '›'),
    (0xAE, 'ﬁ'),
    (0xAF, 'ﬂ'),
    (0xB1, '–'),
    (0xB2, '†'),
    (0xB3, '‡'),
    (0xB4, '·'),
    (0xB6, '¶'),
    (0xB7, '•'),
    (0xB8, '‚'),
    (0xB9, '„'),
    (0xBA, '”'),
    (0xBB, '»'),
    (0xBC, '…'),
    (0xBD, '‰'),
    (0xBF, '¿'),
    (0xC1, '`'),
    (0xC2, '´'),
    (0xC3, 'ˆ'),
    (0xC4, '˜'),
    (0xC5, '¯'),
    (0xC6, '˘'),
    (0xC7, '˙'),
    (0xC8, '¨'),
    (0xCA, '˚'),
    (0xCB, '¸'),
    (0xCD, '˝'),
    (0xCE, '˛'),
    (0xCF, 'ˇ'),
    (0xD0, '—'),
    (0xE1, 'Æ'),
    (0xE3, 'ª'),
    (0xE8, 'Ł'),
    (0xE9, 'Ø'),
    (0xEA, 'Œ'),
    (0xEB, 'º'),
    (0xF1, 'æ'),
    (0xF5, 'ı'),
    (0xF8, 'ł'),
    (0xF9, 'ø'),
    (0xFA, 'œ'),
    (0xFB, 'ß'),
];

/// Adobe Glyph List names for the characters that matter in Chinese court documents' Latin
/// parts (ASCII, typographic punctuation, a few symbols).
const GLYPH_NAMES: &[(&str, char)] = &[
    ("space", ' '),
    ("exclam", '!'),
    ("quotedbl", '"'),
    ("numbersign", '#'),
    ("dollar", '$'),
    ("percent", '%'),
    ("ampersand", '&'),
    ("quotesingle", '\''),
    ("parenleft", '('),
    ("parenright", ')'),
    ("asterisk", '*'),
    ("plus", '+'),
    ("comma", ','),
    ("hyphen", '-'),
    ("period", '.'),
    ("slash", '/'),
    ("zero", '0'),
    ("one", '1'),
    ("two", '2'),
    ("three", '3'),
    ("four", '4'),
    ("five", '5'),
    ("six", '6'),
    ("seven", '7'),
    ("eight", '8'),
    ("nine", '9'),
    ("colon", ':'),
    ("semicolon", ';'),
    ("less", '<'),
    ("equal", '='),
    ("greater", '>'),
    ("question", '?'),
    ("at", '@'),
    ("bracketleft", '['),
    ("backslash", '\\'),
    ("bracketright", ']'),
    ("asciicircum", '^'),
    ("underscore", '_'),
    ("grave", '`'),
    ("braceleft", '{'),
    ("bar", '|'),
    ("braceright", '}'),
    ("asciitilde", '~'),
    ("quoteleft", '‘'),
    ("quoteright", '’'),
    ("quotedblleft", '“'),
    ("quotedblright", '”'),
    ("quotesinglbase", '‚'),
    ("quotedblbase", '„'),
    ("endash", '–'),
    ("emdash", '—'),
    ("bullet", '•'),
    ("ellipsis", '…'),
    ("periodcentered", '·'),
    ("middot", '·'),
    ("degree", '°'),
    ("multiply", '×'),
    ("divide", '÷'),
    ("minus", '−'),
    ("section", '§'),
    ("paragraph", '¶'),
    ("copyright", '©'),
    ("registered", '®'),
    ("trademark", '™'),
    ("dagger", '†'),
    ("daggerdbl", '‡'),
    ("perthousand", '‰'),
    ("guillemotleft", '«'),
    ("guillemotright", '»'),
    ("guilsinglleft", '‹'),
    ("guilsinglright", '›'),
    ("Euro", '€'),
    ("yen", '¥'),
    ("sterling", '£'),
    ("cent", '¢'),
    ("nbspace", '\u{A0}'),
    ("nonbreakingspace", '\u{A0}'),
    ("fi", 'ﬁ'),
    ("fl", 'ﬂ'),
    ("plusminus", '±'),
    ("uni3000", '\u{3000}'),
];

/// Text for a glyph name: AGL names above, `uniXXXX[XXXX…]`, `uXXXX[XX]`, single letters;
/// suffixes after `.` or `_` ligature parts are handled per the AGL specification (simplified).
pub fn glyph_name_to_string(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let parts: Option<String> = base
            .split('_')
            .map(|p| glyph_name_to_string(p.as_bytes()))
            .collect();
        return parts;
    }
    if let Some(hex) = base.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let units: Vec<u16> = (0..hex.len() / 4)
                .filter_map(|k| u16::from_str_radix(hex.get(k * 4..k * 4 + 4)?, 16).ok())
                .collect();
            let s = String::from_utf16(&units).ok()?;
            return Some(s);
        }
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return char::from_u32(v).map(String::from);
        }
    }
    let mut chars = base.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_ascii_alphabetic() {
            return Some(c.to_string());
        }
    }
    GLYPH_NAMES
        .iter()
        .find(|(n, _)| *n == base)
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_right_sizes() {
        assert_eq!(MAC_ROMAN_80.chars().count(), 128);
        assert_eq!(WIN_ANSI_80.chars().count(), 32);
        let w = BaseEncoding::WinAnsi.table();
        assert_eq!(w.len(), 256);
        assert_eq!(w[0x41], Some('A'));
        assert_eq!(w[0x93], Some('“'));
        assert_eq!(w[0x81], None);
        assert_eq!(BaseEncoding::Standard.table()[0x27], Some('’'));
        assert_eq!(BaseEncoding::MacRoman.table()[0xD2], Some('“'));
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_to_string(b"uni4E00").as_deref(), Some("一"));
        assert_eq!(
            glyph_name_to_string(b"uni4EBA6C11").as_deref(),
            Some("人民")
        );
        assert_eq!(
            glyph_name_to_string(b"u20000").as_deref(),
            Some("\u{20000}")
        );
        assert_eq!(glyph_name_to_string(b"A").as_deref(), Some("A"));
        assert_eq!(glyph_name_to_string(b"one.tnum").as_deref(), Some("1"));
        assert_eq!(glyph_name_to_string(b"f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_name_to_string(b"g12"), None);
        assert_eq!(glyph_name_to_string(b""), None);
    }
}
