//! Identifiers in court documents: finding, normalising and validating them.
//!
//! Used by the party-identity rules (ID001–ID005) and the publication-privacy rule (PV001).
//! Everything here is pure: no IO, no clock, no printing, and no panics on any input.
//!
//! * Personal identity numbers: [`find_person_ids`] → [`FoundId`]; [`validate_resident_id`]
//!   (GB 11643-1999, MOD 11-2) and [`validate_person_id`] for the substitutes (港澳台居民居住证,
//!   外国人永久居留身份证, passports, 来往内地/大陆通行证); [`check_against_line`] compares a valid
//!   number's birth date and sex with what the party line states.
//! * Organisation codes: [`find_credit_codes`] → [`FoundCode`]; [`validate_uscc`]
//!   (GB 32100-2015 with the embedded GB 11714 organisation code) and [`validate_org_code`].
//! * Publication privacy: [`find_phone_numbers`], [`find_bank_accounts`].
//! * Logging: [`mask_for_log`] — full identifiers must never reach logs or messages.
//!
//! Spans are byte ranges into the string given to the finder; full-width digits, `ｘ`, and
//! numbers wrapped across white space or a line break after a label are read as one number.

mod chars;
mod find;
pub(crate) mod labels;
mod line;
mod pii;
mod resident;
mod uscc;

pub use chars::{normalize_char, normalize_digits, normalize_id};
pub use find::{find_credit_codes, find_person_ids, CodeKind, FoundCode, FoundId};
pub use labels::{with_vocabulary, CodeLabel};
pub use line::{
    check_against_line, stated_birth_dates, stated_sex, Contradiction, StatedBirth, StatedDate,
    StatedSex,
};
pub use pii::{find_bank_accounts, find_phone_numbers, luhn_valid, FoundAccount, FoundPhone};
pub use resident::{
    classify, resident_check_digit, validate_person_id, validate_resident_id,
    validate_resident_id_on, Date, IdInfo, IdKind, IdLabel, IdProblem, MAX_BIRTH_YEAR,
    MIN_BIRTH_YEAR,
};
pub use uscc::{
    org_code_check_char, uscc_check_char, validate_org_code, validate_uscc, UsccProblem,
    USCC_ALPHABET,
};

#[doc(hidden)]
pub use resident::make_resident_id;
#[doc(hidden)]
pub use uscc::{make_org_code, make_uscc};

/// Masks an identifier for logs and messages: the first 4 and last 2 characters are kept, every
/// other character becomes `*` (white space is dropped first). Strings of 6 characters or fewer
/// are starred entirely, so nothing short is ever shown in full.
///
/// ```
/// use wenshu_lint::idnum::mask_for_log;
/// assert_eq!(mask_for_log("11010519491231002X"), "1101************2X");
/// assert_eq!(mask_for_log("123456"), "******");
/// ```
pub fn mask_for_log(s: &str) -> String {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let n = chars.len();
    if n <= 6 {
        return "*".repeat(n);
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if i < 4 || i >= n - 2 { c } else { '*' })
        .collect()
}

#[cfg(test)]
mod tests;

/// Compile the finders' regexes and automata (see `crate::warm_up`).
pub(crate) fn warm() {
    line::warm();
    labels::warm();
}
