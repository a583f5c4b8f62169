//! 统一社会信用代码 (GB 32100-2015) and the embedded / obsolete 组织机构代码 (GB 11714-1997).

use std::fmt;

use super::chars::{is_hyphen, normalize_id};

/// The 31 characters of GB 32100-2015, in value order (no I, O, S, V, Z).
pub const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// GB 32100-2015 weights for characters 1–17 (3^(i-1) mod 31).
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// GB 11714-1997 weights for the 8 body characters of an organisation code.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// Value of a character in the GB 32100 alphabet.
fn uscc_value(c: char) -> Option<u32> {
    USCC_ALPHABET.find(c).map(|i| i as u32)
}

/// Value of a character in the GB 11714 alphabet: digits 0–9, letters A=10 … Z=35.
///
/// Note: *not* the position in [`USCC_ALPHABET`]. GB 11714 predates GB 32100 and values all 26
/// letters; a code with letters in its body only passes with these values.
fn org_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' | 'A'..='Z' => c.to_digit(36),
        _ => None,
    }
}

/// The GB 32100 check character (position 18) for the first 17 characters.
/// `None` unless `first17` is 17 characters of the alphabet (after normalisation).
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let n = normalize_id(first17);
    if n.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in n.chars().zip(USCC_WEIGHTS) {
        sum += uscc_value(c)? * w;
    }
    let v = (31 - sum % 31) % 31;
    USCC_ALPHABET.chars().nth(v as usize)
}

/// The GB 11714 check character (position 9) for an 8-character organisation-code body.
pub fn org_code_check_char(body8: &str) -> Option<char> {
    let n = normalize_id(body8);
    if n.len() != 8 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in n.chars().zip(ORG_WEIGHTS) {
        sum += org_value(c)? * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        v => char::from_digit(v, 10).unwrap_or('?'),
    })
}

/// Why a 统一社会信用代码 (or an old 组织机构代码) is unusable. Positions are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum UsccProblem {
    /// Characters replaced by `*` and the like.
    Masked,
    /// Not 18 characters (white space not counted).
    WrongLength(usize),
    /// A character outside the alphabet, or a letter where GB 32100 wants a digit (3–8).
    BadCharacter(char, usize),
    /// Registration authority (character 1) and organisation type (character 2) do not combine.
    BadRegistrationType { authority: char, org_type: char },
    /// The mod-31 check character (position 18) does not match.
    BadCheckChar { expected: char, found: char },
    /// The embedded GB 11714 organisation code (positions 9–17) fails its own check
    /// (position 17 should be `expected`).
    BadOrgCode { expected: char, found: char },
    /// Only the obsolete 9-character 组织机构代码 is given (labelled as such), no 统一社会信用代码.
    ObsoleteOrgCode,
}

impl UsccProblem {
    /// A Chinese message for the finding (no full code in it).
    pub fn message_zh(&self) -> String {
        match self {
            UsccProblem::Masked => "统一社会信用代码已被隐去部分字符，执行中无法据以核验".into(),
            UsccProblem::WrongLength(n) => format!("统一社会信用代码应为18位，此处为{n}位"),
            UsccProblem::BadCharacter(c, pos) => {
                format!("统一社会信用代码第{pos}位含不允许的字符“{c}”（不使用I、O、Z、S、V，第3至8位应为数字）")
            }
            UsccProblem::BadRegistrationType { authority, org_type } => format!(
                "统一社会信用代码登记管理部门代码“{authority}”与机构类别代码“{org_type}”不能组合"
            ),
            UsccProblem::BadCheckChar { expected, found } => format!(
                "统一社会信用代码校验码不符（第18位按前17位计算应为“{expected}”，实为“{found}”），代码可能有误"
            ),
            UsccProblem::BadOrgCode { expected, found } => format!(
                "统一社会信用代码中的组织机构代码（第9至17位）校验不通过（第17位应为“{expected}”，实为“{found}”）"
            ),
            UsccProblem::ObsoleteOrgCode => {
                "仅载明旧的组织机构代码，未载明18位统一社会信用代码".into()
            }
        }
    }
}

impl fmt::Display for UsccProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for UsccProblem {}

/// Organisation-type codes allowed after a registration-authority code (GB 32100-2015 and the
/// authority codes assigned since). `None` for an authority not in the table: accepted (lenient).
fn allowed_types(authority: char) -> Option<&'static str> {
    Some(match authority {
        '1' => "1239",   // 机构编制: 机关, 事业单位, 中央编办管理的群众团体, 其他
        '2' => "19",     // 外交
        '3' => "123459", // 司法行政: 律所, 公证处, 基层法律服务所, 司法鉴定, 仲裁委, 其他
        '4' => "19",     // 文化
        '5' => "1239",   // 民政: 社会团体, 民办非企业单位, 基金会, 其他
        '6' => "129",    // 旅游
        '7' => "1239",   // 宗教
        '8' => "19",     // 工会
        '9' => "123",    // 工商 / 市场监管: 企业, 个体工商户, 农民专业合作社
        'A' => "19",     // 中央军委改革和编制办公室
        'N' => "1239",   // 农业农村: 集体经济组织
        'Y' => "1",      // 其他
        _ => return None,
    })
}

/// True when the registration authority / organisation type pair is possible.
pub(crate) fn registration_ok(authority: char, org_type: char) -> bool {
    match allowed_types(authority) {
        Some(types) => types.contains(org_type),
        None => true,
    }
}

/// Validates a 统一社会信用代码 against GB 32100-2015: 18 characters of the 31-character
/// alphabet, digits in positions 3–8, a known authority/type pair, the mod-31 check character and
/// the embedded GB 11714 organisation code. Full width, lower case and white space are tolerated.
///
/// ```
/// use wenshu_lint::idnum::validate_uscc;
/// assert!(validate_uscc("91350100M000100Y43").is_ok());
/// ```
pub fn validate_uscc(s: &str) -> Result<(), UsccProblem> {
    let n = normalize_id(s);
    if n.contains('*') {
        return Err(UsccProblem::Masked);
    }
    let len = n.chars().count();
    if len != 18 {
        return Err(UsccProblem::WrongLength(len));
    }
    for (i, c) in n.chars().enumerate() {
        let ok = if (2..8).contains(&i) {
            c.is_ascii_digit()
        } else {
            uscc_value(c).is_some()
        };
        if !ok {
            return Err(UsccProblem::BadCharacter(c, i + 1));
        }
    }
    // 18 ASCII characters from here on.
    let b = n.as_bytes();
    let expected = uscc_check_char(&n[..17]).unwrap_or('?');
    let found = b[17] as char;
    if expected != found {
        return Err(UsccProblem::BadCheckChar { expected, found });
    }
    let (authority, org_type) = (b[0] as char, b[1] as char);
    if !registration_ok(authority, org_type) {
        return Err(UsccProblem::BadRegistrationType {
            authority,
            org_type,
        });
    }
    let expected = org_code_check_char(&n[8..16]).unwrap_or('?');
    let found = b[16] as char;
    if expected != found {
        return Err(UsccProblem::BadOrgCode { expected, found });
    }
    Ok(())
}

/// Validates an old 9-character 组织机构代码 (GB 11714-1997), with or without the hyphen before
/// the check character (`12345678-9`). Errors use [`UsccProblem`]; a check failure is
/// [`UsccProblem::BadOrgCode`].
pub fn validate_org_code(s: &str) -> Result<(), UsccProblem> {
    let mut n = normalize_id(s);
    if n.contains('*') {
        return Err(UsccProblem::Masked);
    }
    if n.chars().count() == 10 && n.chars().nth(8).is_some_and(is_hyphen) {
        n = n.chars().filter(|&c| !is_hyphen(c)).collect();
    }
    let len = n.chars().count();
    if len != 9 {
        return Err(UsccProblem::WrongLength(len));
    }
    for (i, c) in n.chars().enumerate() {
        let ok = if i == 8 {
            c.is_ascii_digit() || c == 'X'
        } else {
            org_value(c).is_some()
        };
        if !ok {
            return Err(UsccProblem::BadCharacter(c, i + 1));
        }
    }
    let expected = org_code_check_char(&n[..8]).unwrap_or('?');
    let found = n.as_bytes()[8] as char;
    if expected != found {
        return Err(UsccProblem::BadOrgCode { expected, found });
    }
    Ok(())
}

/// Builds a valid 统一社会信用代码 (both check characters computed) — for tests and corpora.
/// `None` unless `region6` is six digits and `org_body8` eight characters of [`USCC_ALPHABET`].
#[doc(hidden)]
pub fn make_uscc(
    authority: char,
    org_type: char,
    region6: &str,
    org_body8: &str,
) -> Option<String> {
    if region6.len() != 6 || !region6.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if org_body8.chars().count() != 8 || !org_body8.chars().all(|c| uscc_value(c).is_some()) {
        return None;
    }
    if uscc_value(authority).is_none() || uscc_value(org_type).is_none() {
        return None;
    }
    let org_check = org_code_check_char(org_body8)?;
    let first17 = format!("{authority}{org_type}{region6}{org_body8}{org_check}");
    let check = uscc_check_char(&first17)?;
    Some(format!("{first17}{check}"))
}

/// Builds a valid 9-character organisation code from an 8-character body (GB 11714 alphabet).
#[doc(hidden)]
pub fn make_org_code(body8: &str) -> Option<String> {
    let check = org_code_check_char(body8)?;
    Some(format!("{}{check}", normalize_id(body8)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_valid_codes() {
        // GB 32100 example and codes of real organisations quoted in public issue threads.
        for code in [
            "91350100M000100Y43",
            "12440600MB2C07549J",
            "92141127MA0KD1Y64A",
            "91230184MA1BUFLT44",
            "92371000MA3MXH0E3W",
            "914403001922038216",
            "9144030071526726XG",
            "91110108551385082Q",
        ] {
            assert_eq!(validate_uscc(code), Ok(()), "{code}");
        }
        assert!(validate_uscc("９１３５０１００ｍ０００１００ｙ４３").is_ok());
        assert!(validate_uscc("91350100 M000100Y43").is_ok());
    }

    /// The brief's second sample: its mod-31 check character is right, but its embedded
    /// organisation code MA6284QX7 fails GB 11714 (check should be X). It passes only if letters
    /// are valued by their index in the 31-character alphabet (M=21 instead of 22), a known
    /// implementation mistake: the sample was probably produced by such a generator. Real codes
    /// (above) pass with the GB 11714 values and fail with the mistaken ones.
    #[test]
    fn brief_sample_fails_embedded_org_code() {
        assert_eq!(
            validate_uscc("91510703MA6284QX7W"),
            Err(UsccProblem::BadOrgCode {
                expected: 'X',
                found: '7'
            })
        );
        assert_eq!(uscc_check_char("91510703MA6284QX7"), Some('W'));
        // With the correct organisation check character the code becomes valid.
        let fixed = make_uscc('9', '1', "510703", "MA6284QX").unwrap();
        assert_eq!(fixed, "91510703MA6284QXX1");
        assert_eq!(validate_uscc(&fixed), Ok(()));
    }

    #[test]
    fn problems_are_precise() {
        assert_eq!(
            validate_uscc("91350100M000100Y4"),
            Err(UsccProblem::WrongLength(17))
        );
        assert_eq!(
            validate_uscc("91350100M000100Y4I"),
            Err(UsccProblem::BadCharacter('I', 18))
        );
        assert_eq!(
            validate_uscc("9135010AM000100Y43"),
            Err(UsccProblem::BadCharacter('A', 8))
        );
        assert_eq!(
            validate_uscc("91350100M000100Y44"),
            Err(UsccProblem::BadCheckChar {
                expected: '3',
                found: '4'
            })
        );
        assert_eq!(
            validate_uscc("913501******100Y43"),
            Err(UsccProblem::Masked)
        );
        let bad_type = {
            let first17 = "95350100M000100Y4";
            format!("{first17}{}", uscc_check_char(first17).unwrap())
        };
        assert_eq!(
            validate_uscc(&bad_type),
            Err(UsccProblem::BadRegistrationType {
                authority: '9',
                org_type: '5'
            })
        );
        // Unknown authority: lenient.
        let odd = make_uscc('B', '7', "510100", "12345678").unwrap();
        assert_eq!(validate_uscc(&odd), Ok(()));
    }

    #[test]
    fn org_codes() {
        assert_eq!(validate_org_code("M000100Y4"), Ok(()));
        assert_eq!(validate_org_code("71526726-X"), Ok(()));
        assert_eq!(validate_org_code("71526726－X"), Ok(()));
        assert_eq!(
            validate_org_code("715267261"),
            Err(UsccProblem::BadOrgCode {
                expected: 'X',
                found: '1'
            })
        );
        assert_eq!(
            validate_org_code("7152672"),
            Err(UsccProblem::WrongLength(7))
        );
        assert_eq!(make_org_code("55138508").as_deref(), Some("551385082"));
        assert_eq!(org_code_check_char("MA6284QX"), Some('X'));
    }

    #[test]
    fn generator_rejects_bad_input() {
        assert_eq!(make_uscc('9', '1', "51070", "12345678"), None);
        assert_eq!(make_uscc('9', '1', "510703", "1234567I"), None);
        assert_eq!(make_uscc('O', '1', "510703", "12345678"), None);
    }
}
