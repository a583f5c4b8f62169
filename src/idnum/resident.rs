//! Personal identity numbers: GB 11643-1999 公民身份号码 and the documents accepted in its place
//! (港澳台居民居住证, 外国人永久居留身份证, passports, 来往内地/大陆通行证).

use std::fmt;

use super::chars::normalize_id;

/// A calendar date (proleptic Gregorian). Orders chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date, if it exists in the calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// `(year, month, day)`.
    pub fn as_tuple(self) -> (u16, u8, u8) {
        (self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    /// `1978年05月12日`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}年{:02}月{:02}日", self.year, self.month, self.day)
    }
}

pub(crate) fn days_in_month(y: u16, m: u8) -> u8 {
    crate::numerals::days_in_month(i32::from(y), u32::from(m)) as u8
}

/// Earliest birth year accepted as possible for a living party.
pub const MIN_BIRTH_YEAR: u16 = 1850;
/// Latest birth year accepted without a reference date (see [`validate_resident_id_on`]).
pub const MAX_BIRTH_YEAR: u16 = 2099;

/// What kind of personal identity document a number is (decided by its label and its shape).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// 公民身份号码 (居民身份证), 18 characters, GB 11643-1999.
    ResidentId,
    /// The obsolete 15-digit 居民身份证 number (before 1999): unusable today.
    ResidentIdFifteen,
    /// 港澳台居民居住证: GB 11643 form with address code 810000 / 820000 / 830000.
    ResidencePermit,
    /// 外国人永久居留身份证, 2023 form: 18 characters starting with 9, GB 11643 check.
    ForeignPermanentResident,
    /// 外国人永久居留身份证, 2017 (and earlier) form: 3 letters (nationality) + 12 digits.
    ForeignPermanentResidentOld,
    /// 中华人民共和国护照 (E + 8 digits, E + letter + 7 digits, G + 8 digits, official/diplomatic forms).
    ChinesePassport,
    /// A foreign passport (5–12 letters and digits; accepted only when labelled).
    ForeignPassport,
    /// 港澳居民来往内地通行证 (回乡证): H or M + 8 digits (+ 2-digit issue count).
    HkMacaoPermit,
    /// 台湾居民来往大陆通行证 (台胞证): 8 digits (older cards: 10 digits, optional letter).
    TaiwanPermit,
}

impl IdKind {
    /// The document's Chinese name, for messages.
    pub fn name_zh(self) -> &'static str {
        match self {
            IdKind::ResidentId => "公民身份号码",
            IdKind::ResidentIdFifteen => "15位居民身份证号码",
            IdKind::ResidencePermit => "港澳台居民居住证号码",
            IdKind::ForeignPermanentResident | IdKind::ForeignPermanentResidentOld => {
                "外国人永久居留身份证号码"
            }
            IdKind::ChinesePassport | IdKind::ForeignPassport => "护照号码",
            IdKind::HkMacaoPermit => "港澳居民来往内地通行证号码",
            IdKind::TaiwanPermit => "台湾居民来往大陆通行证号码",
        }
    }

    /// True for the documents ID001 accepts in place of a 公民身份号码 for foreigners and residents
    /// of Hong Kong, Macao and Taiwan.
    pub fn is_substitute(self) -> bool {
        !matches!(self, IdKind::ResidentId | IdKind::ResidentIdFifteen)
    }

    /// True for the kinds carrying a GB 11643 number (birth date, sex, MOD 11-2 check).
    pub fn is_gb11643(self) -> bool {
        matches!(
            self,
            IdKind::ResidentId | IdKind::ResidencePermit | IdKind::ForeignPermanentResident
        )
    }
}

/// What a valid GB 11643 number says about its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdInfo {
    /// [`IdKind::ResidentId`], [`IdKind::ResidencePermit`] or [`IdKind::ForeignPermanentResident`].
    pub kind: IdKind,
    /// Characters 1–6: the address code (行政区划代码), or 810000/820000/830000, or 9 + codes.
    region: [u8; 6],
    /// Characters 7–14.
    pub birth: Date,
    /// Character 17 odd.
    pub male: bool,
}

impl IdInfo {
    /// The 6-digit address code.
    pub fn region(&self) -> &str {
        // Only ever built from six ASCII digits.
        std::str::from_utf8(&self.region).unwrap_or("")
    }

    /// The 2-digit province-level prefix.
    pub fn province(&self) -> &str {
        self.region().get(..2).unwrap_or("")
    }
}

/// Why an identity number cannot be used. Messages never quote the full number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IdProblem {
    /// Digits replaced by `*`, `×`, `XXXX` …: identity verification will fail (ID005).
    Masked,
    /// Wrong number of characters (white space not counted).
    WrongLength(usize),
    /// A character not allowed at that (1-based) position.
    BadCharacters { pos: usize, found: char },
    /// The 15-digit form, obsolete since 1999 (and no longer valid since 2013).
    ObsoleteFifteen,
    /// The first two digits are no province-level code (nor 81/82/83 0000, nor 9…).
    UnknownRegion(String),
    /// Characters 7–14 are no calendar date, or one before [`MIN_BIRTH_YEAR`].
    ImpossibleBirthDate { year: u16, month: u8, day: u8 },
    /// The birth date lies after the reference date (the document's date).
    FutureBirthDate(Date),
    /// GB 11643 MOD 11-2 check character mismatch.
    BadCheckDigit { expected: char, found: char },
    /// A passport / permit number whose shape fits no accepted form of that document.
    BadFormat(IdKind),
}

impl IdProblem {
    /// A Chinese message for the finding (no full number in it).
    pub fn message_zh(&self) -> String {
        match self {
            IdProblem::Masked => "证件号码已被隐去部分数字，执行中无法据以核验身份".to_string(),
            IdProblem::WrongLength(n) => {
                format!("公民身份号码应为18位，此处为{n}位")
            }
            IdProblem::BadCharacters { pos, found } => {
                format!("证件号码第{pos}位含不应出现的字符“{found}”")
            }
            IdProblem::ObsoleteFifteen => {
                "使用的是已停止使用的15位居民身份证号码，应载明18位公民身份号码".to_string()
            }
            IdProblem::UnknownRegion(code) => {
                format!("公民身份号码前两位“{code}”不是有效的省级行政区划代码")
            }
            IdProblem::ImpossibleBirthDate { year, month, day } => format!(
                "公民身份号码中的出生日期（第7至14位）{year:04}年{month:02}月{day:02}日不存在"
            ),
            IdProblem::FutureBirthDate(d) => {
                format!("公民身份号码中的出生日期{d}晚于文书日期")
            }
            IdProblem::BadCheckDigit { expected, found } => format!(
                "公民身份号码校验码不符（第18位按前17位计算应为“{expected}”，实为“{found}”），号码可能有误"
            ),
            IdProblem::BadFormat(kind) => format!("{}格式不符", kind.name_zh()),
        }
    }
}

impl fmt::Display for IdProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for IdProblem {}

/// GB 11643 weights for characters 1–17 (2^(18-i) mod 11).
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character indexed by (weighted sum mod 11).
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The MOD 11-2 check character for the first 17 characters of a GB 11643 number.
/// `None` unless `first17` is exactly 17 ASCII / full-width digits.
pub fn resident_check_digit(first17: &str) -> Option<char> {
    let n = normalize_id(first17);
    if n.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in n.chars().zip(ID_WEIGHTS) {
        sum += c.to_digit(10)? * w;
    }
    Some(ID_CHECK[(sum % 11) as usize])
}

/// Province-level codes used in 18-digit numbers (GB/T 2260), Taiwan's 71 included.
pub(crate) fn is_province(code: &str) -> bool {
    matches!(
        code,
        "11" | "12"
            | "13"
            | "14"
            | "15"
            | "21"
            | "22"
            | "23"
            | "31"
            | "32"
            | "33"
            | "34"
            | "35"
            | "36"
            | "37"
            | "41"
            | "42"
            | "43"
            | "44"
            | "45"
            | "46"
            | "50"
            | "51"
            | "52"
            | "53"
            | "54"
            | "61"
            | "62"
            | "63"
            | "64"
            | "65"
            | "71"
    )
}

/// Kind implied by the address code of an 18-character GB 11643 number, or `None` when the
/// prefix is not a possible one. `digits` must be ASCII.
pub(crate) fn gb11643_kind(digits: &str) -> Option<IdKind> {
    let p2 = digits.get(..2)?;
    if digits.starts_with('9') {
        return Some(IdKind::ForeignPermanentResident);
    }
    if matches!(p2, "81" | "82" | "83") {
        return (digits.get(2..6)? == "0000").then_some(IdKind::ResidencePermit);
    }
    is_province(p2).then_some(IdKind::ResidentId)
}

/// True when `n` (normalised) is masked: a `*`, or two or more `X` (a real number has at most
/// one, in last place).
pub(crate) fn looks_masked(n: &str) -> bool {
    n.contains('*') || masking_xs(n) >= 2
}

/// `X`s that can only be masking: all but a final check character. A single stray `X` inside a
/// number is a wrong character (ID002), not masking.
fn masking_xs(n: &str) -> usize {
    let body = n.get(..n.len().saturating_sub(1)).unwrap_or("");
    body.bytes().filter(|&b| b == b'X').count()
}

/// For a masked GB 11643-form number: writes masking `X`s (all but a final check character) as
/// `*`, so `5107XXXXXXXXXX0011` reads `5107**********0011`.
pub(crate) fn canonical_mask(n: &str) -> String {
    if masking_xs(n) < 2 {
        return n.to_string();
    }
    let last = n.chars().count().saturating_sub(1);
    n.chars()
        .enumerate()
        .map(|(i, c)| if c == 'X' && i < last { '*' } else { c })
        .collect()
}

/// Validates a GB 11643-1999 公民身份号码 (also the 港澳台居民居住证 and 2023 外国人永久居留身份证
/// numbers, which share its form). The input may contain full-width digits, `x` and white space.
///
/// Checks, in order: masking, length, characters, address-code prefix, birth date, check digit.
/// No clock is read, so a future birth date is only caught by [`validate_resident_id_on`].
///
/// ```
/// use wenshu_lint::idnum::{validate_resident_id, IdProblem};
/// let info = validate_resident_id("11010519491231002X").unwrap();
/// assert_eq!(info.birth.as_tuple(), (1949, 12, 31));
/// assert!(!info.male);
/// assert_eq!(validate_resident_id("110105194912310021"),
///            Err(IdProblem::BadCheckDigit { expected: 'X', found: '1' }));
/// ```
pub fn validate_resident_id(s: &str) -> Result<IdInfo, IdProblem> {
    let n = normalize_id(s);
    if looks_masked(&n) {
        return Err(IdProblem::Masked);
    }
    let len = n.chars().count();
    if len == 15 && n.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdProblem::ObsoleteFifteen);
    }
    if len != 18 {
        return Err(IdProblem::WrongLength(len));
    }
    for (i, c) in n.chars().enumerate() {
        let ok = c.is_ascii_digit() || (i == 17 && c == 'X');
        if !ok {
            return Err(IdProblem::BadCharacters {
                pos: i + 1,
                found: c,
            });
        }
    }
    // From here on `n` is 18 ASCII bytes.
    let kind = gb11643_kind(&n).ok_or_else(|| IdProblem::UnknownRegion(n[..2].to_string()))?;
    let year = n[6..10].parse::<u16>().unwrap_or(0);
    let month = n[10..12].parse::<u8>().unwrap_or(0);
    let day = n[12..14].parse::<u8>().unwrap_or(0);
    let birth = match Date::new(year, month, day) {
        Some(d) if (MIN_BIRTH_YEAR..=MAX_BIRTH_YEAR).contains(&year) => d,
        _ => return Err(IdProblem::ImpossibleBirthDate { year, month, day }),
    };
    let expected = resident_check_digit(&n[..17]).unwrap_or('?');
    let found = n.as_bytes()[17] as char;
    if expected != found {
        return Err(IdProblem::BadCheckDigit { expected, found });
    }
    let male = (n.as_bytes()[16] - b'0') % 2 == 1;
    let mut region = [0u8; 6];
    region.copy_from_slice(&n.as_bytes()[..6]);
    Ok(IdInfo {
        kind,
        region,
        birth,
        male,
    })
}

/// [`validate_resident_id`], and also [`IdProblem::FutureBirthDate`] when the birth date is after
/// `reference` (pass the document's date, or today).
pub fn validate_resident_id_on(s: &str, reference: Date) -> Result<IdInfo, IdProblem> {
    let info = validate_resident_id(s)?;
    if info.birth > reference {
        return Err(IdProblem::FutureBirthDate(info.birth));
    }
    Ok(info)
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// 中华人民共和国护照 shapes.
pub(crate) fn is_chinese_passport(n: &str) -> bool {
    let b = n.as_bytes();
    let tail_digits = |from: usize| n.get(from..).is_some_and(all_digits);
    match (b.len(), b.first()) {
        // E12345678, G12345678
        (9, Some(b'E' | b'G')) if tail_digits(1) => true,
        // EA1234567 (letters other than I and O after E)
        (9, Some(b'E')) if b[1].is_ascii_uppercase() && !matches!(b[1], b'I' | b'O') => {
            tail_digits(2)
        }
        // Official / diplomatic / service passports: P, S, D + 7 digits; PE, SE, DE + 7 digits.
        (8, Some(b'P' | b'S' | b'D')) => tail_digits(1),
        (9, Some(b'P' | b'S' | b'D')) if b[1] == b'E' => tail_digits(2),
        _ => false,
    }
}

fn is_foreign_passport(n: &str) -> bool {
    (5..=12).contains(&n.len())
        && n.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && n.bytes().any(|b| b.is_ascii_digit())
}

fn is_hk_macao_permit(n: &str) -> bool {
    matches!(n.as_bytes().first(), Some(b'H' | b'M'))
        && matches!(n.len(), 9 | 11)
        && all_digits(&n[1..])
}

fn is_taiwan_permit(n: &str) -> bool {
    match n.len() {
        8 | 10 => all_digits(n),
        11 => all_digits(&n[..10]) && n.as_bytes()[10].is_ascii_uppercase(),
        _ => false,
    }
}

fn is_foreign_permanent_old(n: &str) -> bool {
    n.len() == 15 && n.as_bytes()[..3].iter().all(u8::is_ascii_uppercase) && all_digits(&n[3..])
}

/// Which label family preceded a personal identity number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdLabel {
    /// 公民身份号码, 身份证号码, 居民身份证号 …
    ResidentId,
    /// 护照号码 …
    Passport,
    /// 港澳居民来往内地通行证, 回乡证
    HkMacaoPermit,
    /// 台湾居民来往大陆通行证, 台胞证
    TaiwanPermit,
    /// 港澳台居民居住证
    ResidencePermit,
    /// 外国人永久居留身份证, 永久居留证
    ForeignPermanent,
    /// 证件号码, 身份证件号码: any of the above, decided by shape.
    Generic,
}

/// Decides the kind of a normalised number from its label (if any) and its shape.
pub fn classify(n: &str, label: Option<IdLabel>) -> IdKind {
    let len = n.chars().count();
    let by_gb11643 = |fallback| {
        if len == 18 && n.is_ascii() {
            gb11643_kind(n).unwrap_or(fallback)
        } else {
            fallback
        }
    };
    match label {
        Some(IdLabel::Passport) => {
            if is_chinese_passport(n) {
                IdKind::ChinesePassport
            } else {
                IdKind::ForeignPassport
            }
        }
        Some(IdLabel::HkMacaoPermit) => IdKind::HkMacaoPermit,
        Some(IdLabel::TaiwanPermit) => IdKind::TaiwanPermit,
        Some(IdLabel::ResidencePermit) => IdKind::ResidencePermit,
        Some(IdLabel::ForeignPermanent) => {
            if len == 15 && n.is_ascii() && n.as_bytes()[0].is_ascii_alphabetic() {
                IdKind::ForeignPermanentResidentOld
            } else {
                IdKind::ForeignPermanentResident
            }
        }
        Some(IdLabel::ResidentId) | Some(IdLabel::Generic) | None => {
            if len == 15 && all_digits(n) {
                IdKind::ResidentIdFifteen
            } else if label != Some(IdLabel::ResidentId) && n.is_ascii() {
                if is_foreign_permanent_old(n) {
                    IdKind::ForeignPermanentResidentOld
                } else if is_chinese_passport(n) {
                    IdKind::ChinesePassport
                } else if is_hk_macao_permit(n) {
                    IdKind::HkMacaoPermit
                } else {
                    by_gb11643(IdKind::ResidentId)
                }
            } else {
                by_gb11643(IdKind::ResidentId)
            }
        }
    }
}

/// Validates a number as a document of `kind`. GB 11643 kinds return what the number says about
/// its holder; the others (passports, permits, the old permanent-residence card) only their form.
pub fn validate_person_id(s: &str, kind: IdKind) -> Result<Option<IdInfo>, IdProblem> {
    let n = normalize_id(s);
    if looks_masked(&n) {
        return Err(IdProblem::Masked);
    }
    let shape = |ok: bool| {
        if ok {
            Ok(None)
        } else {
            Err(IdProblem::BadFormat(kind))
        }
    };
    match kind {
        IdKind::ResidentId | IdKind::ResidentIdFifteen => validate_resident_id(&n).map(Some),
        IdKind::ResidencePermit | IdKind::ForeignPermanentResident => {
            let info = validate_resident_id(&n)?;
            if info.kind == kind {
                Ok(Some(info))
            } else {
                Err(IdProblem::BadFormat(kind))
            }
        }
        IdKind::ForeignPermanentResidentOld => shape(is_foreign_permanent_old(&n)),
        IdKind::ChinesePassport => shape(is_chinese_passport(&n)),
        IdKind::ForeignPassport => shape(is_chinese_passport(&n) || is_foreign_passport(&n)),
        IdKind::HkMacaoPermit => shape(is_hk_macao_permit(&n)),
        IdKind::TaiwanPermit => shape(is_taiwan_permit(&n)),
    }
}

/// Builds a GB 11643 number with a correct check digit — for tests and corpora.
///
/// `seq3` is the 3-digit order code (taken mod 1000); its last digit is adjusted to encode `male`
/// (odd = male). The date is *not* checked, so impossible dates can be built for negative tests.
/// `None` unless `region6` is six ASCII digits.
#[doc(hidden)]
pub fn make_resident_id(
    region6: &str,
    y: u16,
    m: u8,
    d: u8,
    seq3: u16,
    male: bool,
) -> Option<String> {
    if region6.len() != 6 || !all_digits(region6) {
        return None;
    }
    let seq = (seq3 % 1000) & !1 | u16::from(male);
    let body = format!(
        "{region6}{:04}{:02}{:02}{:03}",
        y % 10000,
        m % 100,
        d % 100,
        seq
    );
    let check = resident_check_digit(&body)?;
    Some(format!("{body}{check}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_example_is_valid() {
        let info = validate_resident_id("11010519491231002X").unwrap();
        assert_eq!(info.kind, IdKind::ResidentId);
        assert_eq!(info.region(), "110105");
        assert_eq!(info.province(), "11");
        assert_eq!(info.birth, Date::new(1949, 12, 31).unwrap());
        assert!(!info.male);
        // lower-case x and full width are read the same
        assert!(validate_resident_id("11010519491231002x").is_ok());
        assert!(validate_resident_id("１１０１０５１９４９１２３１００２Ｘ").is_ok());
        assert!(validate_resident_id(" 110105 19491231 002X\n").is_ok());
    }

    #[test]
    fn problems_are_precise() {
        assert_eq!(
            validate_resident_id("110105194912310021"),
            Err(IdProblem::BadCheckDigit {
                expected: 'X',
                found: '1'
            })
        );
        assert_eq!(
            validate_resident_id("1101051949123100"),
            Err(IdProblem::WrongLength(16))
        );
        assert_eq!(validate_resident_id(""), Err(IdProblem::WrongLength(0)));
        assert_eq!(
            validate_resident_id("110105491231002"),
            Err(IdProblem::ObsoleteFifteen)
        );
        assert_eq!(
            validate_resident_id("1101051949123100X2"),
            Err(IdProblem::BadCharacters {
                pos: 17,
                found: 'X'
            })
        );
        assert_eq!(
            validate_resident_id("11010519491231002A"),
            Err(IdProblem::BadCharacters {
                pos: 18,
                found: 'A'
            })
        );
        assert_eq!(
            validate_resident_id("5107**********0011"),
            Err(IdProblem::Masked)
        );
        assert_eq!(
            validate_resident_id("5107XXXXXXXXXX0011"),
            Err(IdProblem::Masked)
        );
        assert_eq!(
            validate_resident_id("5107××××××××××0011"),
            Err(IdProblem::Masked)
        );
        let bad_date = make_resident_id("510107", 1978, 2, 30, 123, true).unwrap();
        assert_eq!(
            validate_resident_id(&bad_date),
            Err(IdProblem::ImpossibleBirthDate {
                year: 1978,
                month: 2,
                day: 30
            })
        );
        let leap = make_resident_id("510107", 2000, 2, 29, 123, true).unwrap();
        assert!(validate_resident_id(&leap).is_ok());
        let not_leap = make_resident_id("510107", 1900, 2, 29, 123, true).unwrap();
        assert!(matches!(
            validate_resident_id(&not_leap),
            Err(IdProblem::ImpossibleBirthDate { .. })
        ));
        let old = make_resident_id("510107", 1800, 1, 1, 1, true).unwrap();
        assert!(matches!(
            validate_resident_id(&old),
            Err(IdProblem::ImpossibleBirthDate { .. })
        ));
        let region = make_resident_id("001234", 1980, 1, 1, 1, true).unwrap();
        assert_eq!(
            validate_resident_id(&region),
            Err(IdProblem::UnknownRegion("00".into()))
        );
        let permit_bad = make_resident_id("811234", 1980, 1, 1, 1, true).unwrap();
        assert_eq!(
            validate_resident_id(&permit_bad),
            Err(IdProblem::UnknownRegion("81".into()))
        );
    }

    #[test]
    fn future_birth_needs_a_reference() {
        let id = make_resident_id("510107", 2030, 1, 1, 5, true).unwrap();
        assert!(validate_resident_id(&id).is_ok());
        let doc = Date::new(2024, 10, 9).unwrap();
        assert_eq!(
            validate_resident_id_on(&id, doc),
            Err(IdProblem::FutureBirthDate(Date::new(2030, 1, 1).unwrap()))
        );
        let ok = make_resident_id("510107", 2024, 10, 9, 5, true).unwrap();
        assert!(validate_resident_id_on(&ok, doc).is_ok());
    }

    #[test]
    fn generator_encodes_sex_and_date() {
        for (male, seq) in [(true, 120), (true, 121), (false, 120), (false, 121)] {
            let id = make_resident_id("510703", 1990, 7, 1, seq, male).unwrap();
            let info = validate_resident_id(&id).unwrap();
            assert_eq!(info.male, male);
            assert_eq!(info.birth.as_tuple(), (1990, 7, 1));
            assert_eq!(info.region(), "510703");
        }
        assert_eq!(make_resident_id("51070", 1990, 7, 1, 1, true), None);
        assert_eq!(make_resident_id("51070x", 1990, 7, 1, 1, true), None);
    }

    #[test]
    fn residence_and_permanent_residence_numbers() {
        for (p, kind) in [
            ("810000", IdKind::ResidencePermit),
            ("820000", IdKind::ResidencePermit),
            ("830000", IdKind::ResidencePermit),
            ("911840", IdKind::ForeignPermanentResident),
        ] {
            let id = make_resident_id(p, 1985, 3, 4, 77, false).unwrap();
            let info = validate_resident_id(&id).unwrap();
            assert_eq!(info.kind, kind);
            assert_eq!(validate_person_id(&id, kind), Ok(Some(info)));
            assert_eq!(classify(&id, None), kind);
        }
        let mainland = make_resident_id("510107", 1985, 3, 4, 77, false).unwrap();
        assert_eq!(
            validate_person_id(&mainland, IdKind::ResidencePermit),
            Err(IdProblem::BadFormat(IdKind::ResidencePermit))
        );
    }

    #[test]
    fn other_documents() {
        assert_eq!(
            classify("E12345678", Some(IdLabel::Passport)),
            IdKind::ChinesePassport
        );
        assert_eq!(
            classify("EA1234567", Some(IdLabel::Passport)),
            IdKind::ChinesePassport
        );
        assert_eq!(
            classify("C03005988", Some(IdLabel::Passport)),
            IdKind::ForeignPassport
        );
        assert_eq!(classify("E12345678", None), IdKind::ChinesePassport);
        assert_eq!(classify("H12345678", None), IdKind::HkMacaoPermit);
        assert_eq!(
            classify("USA123456789012", None),
            IdKind::ForeignPermanentResidentOld
        );
        assert_eq!(classify("510107780512123", None), IdKind::ResidentIdFifteen);
        assert_eq!(
            classify("E12345678", Some(IdLabel::ResidentId)),
            IdKind::ResidentId
        );
        let ok = |s, k| validate_person_id(s, k) == Ok(None);
        assert!(ok("E12345678", IdKind::ChinesePassport));
        assert!(ok("G12345678", IdKind::ChinesePassport));
        assert!(ok("C03005988", IdKind::ForeignPassport));
        assert!(ok("H12345678", IdKind::HkMacaoPermit));
        assert!(ok("M1234567801", IdKind::HkMacaoPermit));
        assert!(ok("12345678", IdKind::TaiwanPermit));
        assert!(ok("USA123456789012", IdKind::ForeignPermanentResidentOld));
        assert_eq!(
            validate_person_id("H1234567", IdKind::HkMacaoPermit),
            Err(IdProblem::BadFormat(IdKind::HkMacaoPermit))
        );
        assert_eq!(
            validate_person_id("1234", IdKind::ForeignPassport),
            Err(IdProblem::BadFormat(IdKind::ForeignPassport))
        );
        assert_eq!(
            validate_person_id("E1234****", IdKind::ChinesePassport),
            Err(IdProblem::Masked)
        );
        assert_eq!(
            validate_person_id("510107780512123", IdKind::ResidentIdFifteen),
            Err(IdProblem::ObsoleteFifteen)
        );
    }

    #[test]
    fn messages_do_not_leak_numbers() {
        let p = IdProblem::BadCheckDigit {
            expected: 'X',
            found: '1',
        };
        assert!(p.message_zh().contains("校验码"));
        assert!(!IdProblem::WrongLength(17).message_zh().is_empty());
    }
}
