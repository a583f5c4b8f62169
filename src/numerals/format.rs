//! Numbering formats as Word draws them (`w:numFmt`; the legacy .doc reader maps its `nfc` codes
//! onto the same formats), and their inverses: every label the readers restore reads back to the
//! number it stands for, which the round-trip property tests below hold to.

/// A number format (`w:numFmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumFmt {
    #[default]
    Decimal,
    /// Zero-padded decimal to this many digits (`decimalZero`, custom "001, 002, …").
    DecimalZero(usize),
    /// 一、二 … 十、十一 … 一百 (chineseCounting, chineseCountingThousand, …).
    ChineseCounting,
    /// 壹、贰 … 拾 (chineseLegalSimplified).
    ChineseLegal,
    /// 甲乙丙丁… (ideographTraditional).
    IdeographTraditional,
    /// 子丑寅卯… (ideographZodiac).
    IdeographZodiac,
    /// 〇一二… digit by digit (ideographDigital).
    IdeographDigital,
    /// ①②③ (decimalEnclosedCircle).
    EnclosedCircle,
    /// ⑴⑵⑶ (decimalEnclosedParen).
    EnclosedParen,
    /// ⒈⒉⒊ (decimalEnclosedFullstop).
    EnclosedFullstop,
    UpperLetter,
    LowerLetter,
    UpperRoman,
    LowerRoman,
    /// １２３ (decimalFullWidth).
    FullWidth,
    /// Bullets: no label is restored.
    Bullet,
    /// `none`: the level is counted but has no label.
    None,
}

impl NumFmt {
    /// Map a `w:numFmt/@w:val` (and `@w:format` for `custom`) to a format.
    pub fn from_attr(val: &str, format: Option<&str>) -> NumFmt {
        match val {
            "decimal" | "decimalHalfWidth" | "ordinal" | "cardinalText" | "ordinalText" => {
                NumFmt::Decimal
            }
            "decimalZero" => NumFmt::DecimalZero(2),
            "chineseCounting"
            | "chineseCountingThousand"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "japaneseCounting"
            | "koreanCounting" => NumFmt::ChineseCounting,
            "chineseLegalSimplified" => NumFmt::ChineseLegal,
            "ideographTraditional" => NumFmt::IdeographTraditional,
            "ideographZodiac" | "ideographZodiacTraditional" => NumFmt::IdeographZodiac,
            "ideographDigital" | "taiwaneseDigital" | "koreanDigital" => NumFmt::IdeographDigital,
            "decimalEnclosedCircle"
            | "decimalEnclosedCircleChinese"
            | "ideographEnclosedCircle" => NumFmt::EnclosedCircle,
            "decimalEnclosedParen" => NumFmt::EnclosedParen,
            "decimalEnclosedFullstop" => NumFmt::EnclosedFullstop,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "decimalFullWidth" | "decimalFullWidth2" => NumFmt::FullWidth,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            "custom" => {
                // Word 2010 writes e.g. w:format="001, 002, 003, ...": zero-padded decimal.
                let first = format.unwrap_or("").split(',').next().unwrap_or("").trim();
                if first.len() > 1
                    && first.starts_with('0')
                    && first.bytes().all(|b| b.is_ascii_digit())
                {
                    NumFmt::DecimalZero(first.len().min(10))
                } else {
                    NumFmt::Decimal
                }
            }
            _ => NumFmt::Decimal,
        }
    }

    /// Render `n` in this format; `None` for formats that draw no label.
    pub fn render(self, n: i64) -> Option<String> {
        if matches!(self, NumFmt::Bullet | NumFmt::None) {
            return None;
        }
        let Ok(u) = u64::try_from(n) else {
            return Some(n.to_string());
        };
        let s = match self {
            NumFmt::Decimal | NumFmt::Bullet | NumFmt::None => u.to_string(),
            NumFmt::DecimalZero(w) => format!("{u:0w$}"),
            NumFmt::ChineseCounting => chinese(u, &CN_DIGITS, &CN_UNITS, true),
            NumFmt::ChineseLegal => chinese(u, &LEGAL_DIGITS, &LEGAL_UNITS, false),
            NumFmt::IdeographTraditional => cycle_or_decimal(u, "甲乙丙丁戊己庚辛壬癸"),
            NumFmt::IdeographZodiac => cycle_or_decimal(u, "子丑寅卯辰巳午未申酉戌亥"),
            NumFmt::IdeographDigital => u
                .to_string()
                .bytes()
                .map(|b| IDEOGRAPH_DIGITS[usize::from(b - b'0')])
                .collect(),
            NumFmt::EnclosedCircle => match u {
                1..=20 => char_at(0x2460 + u - 1),
                21..=35 => char_at(0x3251 + u - 21),
                36..=50 => char_at(0x32B1 + u - 36),
                _ => u.to_string(),
            },
            NumFmt::EnclosedParen => match u {
                1..=20 => char_at(0x2474 + u - 1),
                _ => format!("({u})"),
            },
            NumFmt::EnclosedFullstop => match u {
                1..=20 => char_at(0x2488 + u - 1),
                _ => format!("{u}."),
            },
            NumFmt::UpperLetter => letters(u, b'A'),
            NumFmt::LowerLetter => letters(u, b'a'),
            NumFmt::UpperRoman => roman(u),
            NumFmt::LowerRoman => roman(u).to_ascii_lowercase(),
            NumFmt::FullWidth => u
                .to_string()
                .bytes()
                .map(|b| char::from_u32(0xFF10 + u32::from(b - b'0')).unwrap_or('?'))
                .collect(),
        };
        Some(s)
    }
}

/// Counting digits: a zero inside a number is written 零 (一百零一).
pub const CN_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/// Digit-by-digit ideographs (ideographDigital): 一〇五.
pub const IDEOGRAPH_DIGITS: [char; 10] =
    ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
pub const CN_UNITS: [char; 5] = ['十', '百', '千', '万', '亿'];
pub const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
pub const LEGAL_UNITS: [char; 5] = ['拾', '佰', '仟', '万', '亿'];

pub(crate) fn char_at(cp: u64) -> String {
    u32::try_from(cp)
        .ok()
        .and_then(char::from_u32)
        .map(String::from)
        .unwrap_or_default()
}

fn cycle_or_decimal(u: u64, chars: &str) -> String {
    let v: Vec<char> = chars.chars().collect();
    match usize::try_from(u) {
        Ok(i) if (1..=v.len()).contains(&i) => v[i - 1].to_string(),
        _ => u.to_string(),
    }
}

/// Word's alphabetic numbering: A … Z, AA, BB … ZZ, AAA …
pub fn letters(u: u64, base: u8) -> String {
    if u == 0 {
        return "0".into();
    }
    let reps = ((u - 1) / 26 + 1).min(64) as usize;
    let c = char::from(base + ((u - 1) % 26) as u8);
    std::iter::repeat_n(c, reps).collect()
}

pub fn roman(u: u64) -> String {
    if u == 0 || u > 3999 {
        return u.to_string();
    }
    const T: [(u64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = u;
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Chinese counting: 一 … 十、十一 … 二十、二十一 … 一百、一百零一、一百一十 … 一万 …
/// `short_ten` writes 10–19 as 十… rather than 一十… when they lead the number.
pub fn chinese(n: u64, digits: &[char; 10], units: &[char; 5], short_ten: bool) -> String {
    if n == 0 {
        return digits[0].to_string();
    }
    if n >= 1_0000_0000_0000 {
        return n.to_string();
    }
    let mut out = String::new();
    let groups = [
        (n / 1_0000_0000, Some(units[4])),
        ((n / 1_0000) % 1_0000, Some(units[3])),
        (n % 1_0000, None),
    ];
    let mut started = false;
    let mut pending_zero = false;
    for (g, unit) in groups {
        if g == 0 {
            if started {
                pending_zero = true;
            }
            continue;
        }
        if started && (pending_zero || g < 1000) {
            out.push(digits[0]);
        }
        pending_zero = false;
        section(g, digits, units, short_ten && !started, &mut out);
        if let Some(u) = unit {
            out.push(u);
        }
        started = true;
    }
    out
}

/// One four-digit group (1..=9999) of a Chinese number.
fn section(g: u64, digits: &[char; 10], units: &[char; 5], short_ten: bool, out: &mut String) {
    let ds = [g / 1000, (g / 100) % 10, (g / 10) % 10, g % 10];
    let unit_of = [Some(units[2]), Some(units[1]), Some(units[0]), None];
    let mut started = false;
    let mut zero = false;
    for (i, &d) in ds.iter().enumerate() {
        if d == 0 {
            if started {
                zero = true;
            }
            continue;
        }
        if zero {
            out.push(digits[0]);
            zero = false;
        }
        let leading_ten = i == 2 && d == 1 && !started && short_ten;
        if !leading_ten {
            out.push(digits[d as usize]);
        }
        if let Some(u) = unit_of[i] {
            out.push(u);
        }
        started = true;
    }
}

impl NumFmt {
    /// The number a label of this format stands for: the inverse of [`NumFmt::render`]
    /// (`None` for text this format never draws for any number: "01", "(1)" for ⑴, "IIII").
    pub fn parse(self, s: &str) -> Option<u64> {
        let n = self.parse_loose(s)?;
        (self.render(i64::try_from(n).ok()?).as_deref() == Some(s)).then_some(n)
    }

    fn parse_loose(self, s: &str) -> Option<u64> {
        let one = |s: &str| -> Option<char> {
            let mut it = s.chars();
            let c = it.next()?;
            it.next().is_none().then_some(c)
        };
        let decimal = |s: &str| -> Option<u64> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        match self {
            NumFmt::Bullet | NumFmt::None => None,
            NumFmt::Decimal => decimal(s),
            NumFmt::DecimalZero(_) => decimal(s),
            NumFmt::ChineseCounting => parse_chinese(s, &CN_DIGITS, &CN_UNITS),
            NumFmt::ChineseLegal => parse_chinese(s, &LEGAL_DIGITS, &LEGAL_UNITS),
            NumFmt::IdeographTraditional => {
                cycle_index(s, "甲乙丙丁戊己庚辛壬癸").or_else(|| decimal(s))
            }
            NumFmt::IdeographZodiac => {
                cycle_index(s, "子丑寅卯辰巳午未申酉戌亥").or_else(|| decimal(s))
            }
            NumFmt::IdeographDigital => {
                if s.is_empty() {
                    return None;
                }
                s.chars().try_fold(0u64, |n, c| {
                    let d = IDEOGRAPH_DIGITS.iter().position(|&x| x == c)? as u64;
                    n.checked_mul(10)?.checked_add(d)
                })
            }
            NumFmt::EnclosedCircle => match one(s).map(u64::from) {
                Some(c @ 0x2460..=0x2473) => Some(c - 0x2460 + 1),
                Some(c @ 0x3251..=0x325F) => Some(c - 0x3251 + 21),
                Some(c @ 0x32B1..=0x32BF) => Some(c - 0x32B1 + 36),
                _ => decimal(s),
            },
            NumFmt::EnclosedParen => match one(s).map(u64::from) {
                Some(c @ 0x2474..=0x2487) => Some(c - 0x2474 + 1),
                _ => decimal(s.strip_prefix('(')?.strip_suffix(')')?),
            },
            NumFmt::EnclosedFullstop => match one(s).map(u64::from) {
                Some(c @ 0x2488..=0x249B) => Some(c - 0x2488 + 1),
                _ => decimal(s.strip_suffix('.')?),
            },
            NumFmt::UpperLetter => parse_letters(s, b'A'),
            NumFmt::LowerLetter => parse_letters(s, b'a'),
            NumFmt::UpperRoman => parse_roman(s).or_else(|| decimal(s)),
            NumFmt::LowerRoman => parse_roman(&s.to_ascii_uppercase()).or_else(|| decimal(s)),
            NumFmt::FullWidth => {
                if s.is_empty() {
                    return None;
                }
                s.chars().try_fold(0u64, |n, c| {
                    let d = u64::from(c).checked_sub(0xFF10).filter(|d| *d < 10)?;
                    n.checked_mul(10)?.checked_add(d)
                })
            }
        }
    }
}

fn cycle_index(s: &str, chars: &str) -> Option<u64> {
    let mut it = s.chars();
    let c = it.next()?;
    if it.next().is_some() {
        return None;
    }
    chars.chars().position(|x| x == c).map(|i| i as u64 + 1)
}

/// The inverse of [`letters`]: A → 1, Z → 26, AA → 27, BB → 28 …
pub fn parse_letters(s: &str, base: u8) -> Option<u64> {
    let b = s.as_bytes();
    let first = *b.first()?;
    if !(base..base + 26).contains(&first) || b.iter().any(|&c| c != first) || b.len() > 64 {
        return None;
    }
    Some((b.len() as u64 - 1) * 26 + u64::from(first - base) + 1)
}

/// The inverse of [`roman`] for canonical numerals 1..=3999 (XIV, not XIIII).
pub fn parse_roman(s: &str) -> Option<u64> {
    let val = |c: u8| -> Option<u64> {
        Some(match c {
            b'I' => 1,
            b'V' => 5,
            b'X' => 10,
            b'L' => 50,
            b'C' => 100,
            b'D' => 500,
            b'M' => 1000,
            _ => return None,
        })
    };
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 15 {
        return None;
    }
    let mut n: i64 = 0;
    for i in 0..b.len() {
        let v = val(b[i])? as i64;
        match b.get(i + 1) {
            Some(&c) if val(c)? as i64 > v => n -= v,
            _ => n += v,
        }
    }
    let n = u64::try_from(n).ok()?;
    // canonical form only: what `roman` writes for n
    (roman(n) == s).then_some(n)
}

/// The inverse of [`chinese`] (counting or legal digits): 一百零一 → 101, 十二 → 12, 壹拾贰 → 12,
/// 一万零一十 → 10010. Accepts only what `chinese` writes for some number (with or without the
/// short ten), so a label and its number correspond one to one.
pub fn parse_chinese(s: &str, digits: &[char; 10], units: &[char; 5]) -> Option<u64> {
    if s.is_empty() || s.chars().count() > 40 {
        return None;
    }
    let mut total: u64 = 0;
    let mut group: u64 = 0;
    let mut digit: Option<u64> = None;
    for c in s.chars() {
        if let Some(d) = digits.iter().position(|&x| x == c) {
            digit = Some(d as u64);
            continue;
        }
        let u = units.iter().position(|&x| x == c)?;
        match u {
            0..=2 => {
                let mult = [10u64, 100, 1000][u];
                group += digit.take().unwrap_or(1) * mult;
            }
            3 => {
                total += (group + digit.take().unwrap_or(0)) * 1_0000;
                group = 0;
            }
            _ => {
                total = (total + group + digit.take().unwrap_or(0)) * 1_0000_0000;
                group = 0;
            }
        }
    }
    let n = total + group + digit.unwrap_or(0);
    let short = chinese(n, digits, units, true);
    let long = chinese(n, digits, units, false);
    (s == short || s == long).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn(n: u64) -> String {
        chinese(n, &CN_DIGITS, &CN_UNITS, true)
    }

    #[test]
    fn chinese_counting() {
        let want = [
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (10000, "一万"),
            (10010, "一万零一十"),
            (12345, "一万二千三百四十五"),
        ];
        for (n, s) in want {
            assert_eq!(cn(n), s, "{n}");
        }
        assert_eq!(chinese(12, &LEGAL_DIGITS, &LEGAL_UNITS, false), "壹拾贰");
    }

    #[test]
    fn formats() {
        assert_eq!(NumFmt::IdeographTraditional.render(3).unwrap(), "丙");
        assert_eq!(NumFmt::EnclosedCircle.render(1).unwrap(), "①");
        assert_eq!(NumFmt::UpperLetter.render(28).unwrap(), "BB");
        assert_eq!(NumFmt::LowerRoman.render(14).unwrap(), "xiv");
        assert_eq!(NumFmt::FullWidth.render(12).unwrap(), "１２");
        assert_eq!(NumFmt::IdeographDigital.render(105).unwrap(), "一〇五");
        assert_eq!(
            NumFmt::from_attr("custom", Some("001, 002, 003, ..."))
                .render(7)
                .unwrap(),
            "007"
        );
        assert!(NumFmt::Bullet.render(1).is_none());
    }

    /// Every format that draws a label reads back to its number, and the counting form agrees
    /// with the ruling-item label reader (`cn_number`) wherever both apply.
    #[test]
    fn render_parse_round_trip() {
        let fmts = [
            NumFmt::Decimal,
            NumFmt::DecimalZero(3),
            NumFmt::ChineseCounting,
            NumFmt::ChineseLegal,
            NumFmt::IdeographTraditional,
            NumFmt::IdeographZodiac,
            NumFmt::IdeographDigital,
            NumFmt::EnclosedCircle,
            NumFmt::EnclosedParen,
            NumFmt::EnclosedFullstop,
            NumFmt::UpperLetter,
            NumFmt::LowerLetter,
            NumFmt::UpperRoman,
            NumFmt::LowerRoman,
            NumFmt::FullWidth,
        ];
        for f in fmts {
            for n in (1..=5000u64).chain([9999, 10000, 10001, 100010, 12345678, 100000001]) {
                // Word's letters saturate at 64 repetitions (ZZZ… for every n above 64 × 26)
                if matches!(f, NumFmt::UpperLetter | NumFmt::LowerLetter) && n > 64 * 26 {
                    continue;
                }
                let s = f.render(n as i64).unwrap();
                assert_eq!(f.parse(&s), Some(n), "{f:?} {n} -> {s}");
            }
        }
        for n in 1..=999u32 {
            let s = NumFmt::ChineseCounting.render(n as i64).unwrap();
            assert_eq!(crate::numerals::cn_number(&s), Some(n), "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn chinese_round_trips(n in 0u64..1_0000_0000_0000) {
            for short in [true, false] {
                let s = chinese(n, &CN_DIGITS, &CN_UNITS, short);
                proptest::prop_assert_eq!(parse_chinese(&s, &CN_DIGITS, &CN_UNITS), Some(n));
                let s = chinese(n, &LEGAL_DIGITS, &LEGAL_UNITS, short);
                proptest::prop_assert_eq!(parse_chinese(&s, &LEGAL_DIGITS, &LEGAL_UNITS), Some(n));
            }
        }

        #[test]
        fn parsers_never_panic(s in "\\PC{0,12}") {
            for f in [NumFmt::ChineseCounting, NumFmt::ChineseLegal, NumFmt::UpperRoman,
                      NumFmt::LowerLetter, NumFmt::EnclosedParen, NumFmt::FullWidth,
                      NumFmt::IdeographDigital] {
                let _ = f.parse(&s);
            }
        }
    }
}
