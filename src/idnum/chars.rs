//! Character classes and normalisation shared by the finders and validators.

/// Reads a full-width digit or Latin letter (`０`–`９`, `Ａ`–`Ｚ`, `ａ`–`ｚ`) as its ASCII form;
/// every other character is returned unchanged.
pub fn normalize_char(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            // The full-width block mirrors ASCII 0x21..0x7E at offset 0xFEE0.
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// Replaces full-width digits and Latin letters by their ASCII forms, leaving everything else
/// (including white space and Chinese text) as it is. Byte offsets change where a replacement
/// happens (full-width characters take 3 bytes in UTF-8, ASCII 1), so spans are always reported
/// against the original string, never against this output.
///
/// ```
/// use wenshu_lint::idnum::normalize_digits;
/// assert_eq!(normalize_digits("身份证号５１０１０７ｘ"), "身份证号510107x");
/// ```
pub fn normalize_digits(s: &str) -> String {
    s.chars().map(normalize_char).collect()
}

/// Normalises a candidate identifier for validation: full-width read as ASCII, letters upper-cased,
/// white space (including line breaks and U+3000) removed, every masking symbol (`*`, `＊`, `×` …)
/// written as `*`. Hyphens and other characters are kept as they are.
///
/// ```
/// use wenshu_lint::idnum::normalize_id;
/// assert_eq!(normalize_id("５１０７××××\n１２３ｘ"), "5107****123X");
/// ```
pub fn normalize_id(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() {
            continue;
        }
        if is_mask(c) {
            out.push('*');
            continue;
        }
        out.push(normalize_char(c).to_ascii_uppercase());
    }
    out
}

/// Symbols used to mask digits in published documents.
pub(crate) fn is_mask(c: char) -> bool {
    matches!(
        c,
        '*' | '＊' | '×' | '✕' | '✖' | '✱' | '﹡' | '●' | '○' | '■' | '□' | '⁎' | '∗'
    )
}

/// ASCII or full-width decimal digit.
pub(crate) fn is_digitish(c: char) -> bool {
    normalize_char(c).is_ascii_digit()
}

/// Value of an ASCII or full-width decimal digit.
pub(crate) fn digit_val(c: char) -> Option<u32> {
    normalize_char(c).to_digit(10)
}

/// ASCII or full-width Latin letter or digit.
pub(crate) fn is_alnumish(c: char) -> bool {
    normalize_char(c).is_ascii_alphanumeric()
}

/// `X` or `x` in ASCII or full width.
pub(crate) fn is_x(c: char) -> bool {
    matches!(normalize_char(c), 'X' | 'x')
}

/// Hyphens that may sit inside an organisation code (`12345678-9`) or a grouped number.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '－' | '‐' | '‑')
}

/// Parses a run of ASCII / full-width digits (at most 9 of them) into a number.
pub(crate) fn parse_digits(s: &str) -> Option<u32> {
    let mut n: u32 = 0;
    let mut any = false;
    for c in s.chars() {
        let d = digit_val(c)?;
        n = n.checked_mul(10)?.checked_add(d)?;
        any = true;
    }
    any.then_some(n)
}

/// Character before byte offset `i` (None at the start or on a non-boundary).
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i)?.chars().next_back()
}

/// Character at byte offset `i` (None at the end or on a non-boundary).
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_is_read_as_ascii() {
        assert_eq!(normalize_char('０'), '0');
        assert_eq!(normalize_char('９'), '9');
        assert_eq!(normalize_char('Ｘ'), 'X');
        assert_eq!(normalize_char('ｘ'), 'x');
        assert_eq!(normalize_char('号'), '号');
        assert_eq!(normalize_digits("１９７８年"), "1978年");
    }

    #[test]
    fn normalize_id_strips_space_and_masks() {
        assert_eq!(normalize_id(" 5101 07\u{3000}19x "), "51010719X");
        assert_eq!(normalize_id("5107＊＊×●0011"), "5107****0011");
    }

    #[test]
    fn parse_digits_is_total() {
        assert_eq!(parse_digits("０７"), Some(7));
        assert_eq!(parse_digits(""), None);
        assert_eq!(parse_digits("1a"), None);
        assert_eq!(parse_digits("99999999999999999999"), None);
    }
}
