//! Personal data the publication profile (PV001) must not leave in the text: mobile phone numbers
//! and bank account numbers.

use std::ops::Range;

use super::chars::{char_at, char_before, is_digitish, is_hyphen, is_mask, is_x, normalize_char};
use super::find::looks_like_resident_id;
use super::labels::{glues, labelled_values, scan_value, Label, Shape};

/// A mainland mobile number (1[3-9] + 9 digits) found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundPhone {
    /// Byte span in the original text (separators inside included, a +86 prefix excluded).
    pub span: Range<usize>,
    /// The text in `span`, as written.
    pub raw: String,
    /// 11 characters: ASCII digits, masked digits as `*`.
    pub normalized: String,
    /// Some digits hidden (138****1234): not a PV001 finding.
    pub masked: bool,
}

/// A bank account / card number found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundAccount {
    /// Byte span in the original text (group separators inside included).
    pub span: Range<usize>,
    /// The text in `span`, as written.
    pub raw: String,
    /// ASCII digits, masked digits as `*`.
    pub normalized: String,
    /// Preceded by 账号 / 银行账户 / 卡号 …
    pub labelled: bool,
    /// Passes the Luhn check (bank cards do; many account numbers do not).
    pub luhn_ok: bool,
    /// Some digits hidden (6222********1234): not a PV001 finding.
    pub masked: bool,
}

/// Luhn (mod 10) check over ASCII / full-width digits; false for anything else or an empty string.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0u32;
    let mut n = 0usize;
    for c in digits.chars().rev() {
        let Some(mut d) = normalize_char(c).to_digit(10) else {
            return false;
        };
        if n % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
        n += 1;
    }
    n > 0 && sum.is_multiple_of(10)
}

/// Money, a percentage or an ordinal around a number: not personal data.
fn amount_context(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let before = before.trim_end_matches([' ', '\u{3000}']);
    if before.ends_with(['￥', '¥', '$', '＄', '第']) || before.ends_with("人民币") {
        return true;
    }
    let after = text.get(end..).unwrap_or("");
    let after = after.trim_start_matches([' ', '\u{3000}']);
    if after.starts_with(['元', '万', '亿', '千', '百', '%', '％', '‰', '美', '港']) {
        return true;
    }
    let mut it = after.chars();
    matches!(it.next(), Some('.' | '．')) && it.next().is_some_and(is_digitish)
}

/// A `+86` / `0086` / `(86)` prefix ending just before `start` (one separator allowed).
fn has_country_prefix(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let before = before
        .strip_suffix([' ', '-', '－', '\u{3000}'])
        .unwrap_or(before);
    ["+86", "＋86", "0086", "(86)", "（86）", "+８６", "＋８６"]
        .iter()
        .any(|p| before.ends_with(p))
}

/// Tries to read a mobile number starting at byte `s`.
fn read_phone(text: &str, s: usize) -> Option<FoundPhone> {
    let rest = text.get(s..)?;
    let mut slots = String::with_capacity(11);
    let mut end = s;
    let mut chars = rest.char_indices().peekable();
    while slots.len() < 11 {
        let (off, c) = chars.next()?;
        if is_digitish(c) {
            slots.push(normalize_char(c));
        } else if is_mask(c) || is_x(c) {
            slots.push('*');
        } else if (slots.len() == 3 || slots.len() == 7)
            && (c == ' ' || is_hyphen(c))
            && !text[s..s + off].ends_with([' ', '-', '－', '‐', '‑'])
        {
            continue;
        } else {
            return None;
        }
        end = s + off + c.len_utf8();
    }
    let b = slots.as_bytes();
    if b[0] != b'1' || !matches!(b[1], b'3'..=b'9') || b[2] == b'*' {
        return None;
    }
    // Not glued to further digits, directly or across a group separator.
    let after = char_at(text, end);
    if glues(after) {
        return None;
    }
    if after.is_some_and(|c| c == ' ' || is_hyphen(c)) {
        let next = text.get(end..).and_then(|t| t.chars().nth(1));
        if next.is_some_and(|c| is_digitish(c) || is_mask(c)) {
            return None;
        }
    }
    if amount_context(text, s, end) {
        return None;
    }
    Some(FoundPhone {
        span: s..end,
        raw: text[s..end].to_string(),
        masked: slots.contains('*'),
        normalized: slots,
    })
}

/// Finds mainland mobile numbers (1[3-9] and 9 more digits; written plain, 3-4-4 grouped with
/// spaces or hyphens, full width, or with a +86 prefix) that are not part of a longer number nor
/// an amount (13800000000元). Masked ones (138****1234, 138xxxx1234) are returned with
/// `masked: true`.
pub fn find_phone_numbers(text: &str) -> Vec<FoundPhone> {
    let mut out: Vec<FoundPhone> = Vec::new();
    let mut skip_to = 0;
    for (i, c) in text.char_indices() {
        if i < skip_to || normalize_char(c) != '1' {
            continue;
        }
        let before = char_before(text, i);
        if glues(before) {
            continue;
        }
        if let Some(b) = before {
            let glued_sep = matches!(b, '.' | '．' | ',' | ' ') || is_hyphen(b);
            if glued_sep
                && char_before(text, i - b.len_utf8()).is_some_and(is_digitish)
                && !has_country_prefix(text, i)
            {
                continue;
            }
        }
        if let Some(p) = read_phone(text, i) {
            skip_to = p.span.end;
            out.push(p);
        }
    }
    out
}

fn account_from(
    text: &str,
    span: Range<usize>,
    normalized: String,
    labelled: bool,
) -> FoundAccount {
    FoundAccount {
        raw: text.get(span.clone()).unwrap_or("").to_string(),
        luhn_ok: luhn_valid(&normalized),
        masked: normalized.contains('*'),
        normalized,
        span,
        labelled,
    }
}

/// Finds bank account numbers:
///
/// * after 账号 / 帐号 / 银行账户 / 银行卡号 / 卡号 … (the number may follow a bank name within the
///   clause): 12–25 digits, grouped or not; masked ones flagged;
/// * without a label: 16–19 digits (grouped by spaces or hyphens allowed) passing the Luhn check,
///   not an identity number, not an amount, not part of a longer number. Masked unlabelled runs
///   are not reported (they cannot be told from masked identity numbers).
pub fn find_bank_accounts(text: &str) -> Vec<FoundAccount> {
    let labelled = labelled_values(text);
    let mut out = Vec::new();
    for (hit, v) in &labelled {
        if hit.label != Label::Bank {
            continue;
        }
        let digits = v.normalized.chars().filter(|&c| c != '*').count();
        let len = v.normalized.chars().count();
        let all = v.normalized.chars().all(|c| c.is_ascii_digit() || c == '*');
        if all && (12..=25).contains(&len) && digits >= 4 {
            out.push(account_from(
                text,
                v.span.clone(),
                v.normalized.clone(),
                true,
            ));
        }
    }
    let claimed: Vec<Range<usize>> = labelled.iter().map(|(_, v)| v.span.clone()).collect();
    let shape = Shape {
        min: 16,
        max: 19,
        hyphen: true,
        digits_only: true,
    };
    let mut skip_to = 0;
    for (i, c) in text.char_indices() {
        if i < skip_to || !is_digitish(c) {
            continue;
        }
        let before = char_before(text, i);
        if glues(before) || before.is_some_and(|b| matches!(b, '.' | '．' | ',')) {
            // Inside or right after another token: skip past this run.
            skip_to = i + text[i..]
                .char_indices()
                .find(|&(_, d)| !is_digitish(d))
                .map_or(text.len() - i, |(o, _)| o);
            continue;
        }
        let Some(v) = scan_value(text, i, shape) else {
            continue;
        };
        skip_to = v.span.end;
        let n = &v.normalized;
        let len = n.len();
        if !(16..=19).contains(&len) || !n.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if claimed
            .iter()
            .any(|c| c.start < v.span.end && v.span.start < c.end)
        {
            continue;
        }
        if glues(char_at(text, v.span.end)) || amount_context(text, v.span.start, v.span.end) {
            continue;
        }
        if looks_like_resident_id(n) || !luhn_valid(n) {
            continue;
        }
        out.push(account_from(text, v.span.clone(), v.normalized, false));
    }
    out.sort_by_key(|a| a.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        assert!(luhn_valid("4111111111111111"));
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("79927398710"));
        assert!(!luhn_valid(""));
        assert!(!luhn_valid("12a4"));
    }

    #[test]
    fn phones() {
        let t = "联系电话：13800138000，备用138 0013 8001，138-0013-8002，+86 13900139000。";
        let p = find_phone_numbers(t);
        let n: Vec<&str> = p.iter().map(|p| p.normalized.as_str()).collect();
        assert_eq!(
            n,
            ["13800138000", "13800138001", "13800138002", "13900139000"]
        );
        assert!(p.iter().all(|p| !p.masked));
        assert_eq!(&t[p[1].span.clone()], "138 0013 8001");
        assert_eq!(&t[p[3].span.clone()], "13900139000");
    }

    #[test]
    fn masked_phones_are_flagged() {
        let p = find_phone_numbers("电话138****1234、139xxxx5678");
        assert_eq!(p.len(), 2);
        assert!(p.iter().all(|p| p.masked));
        assert_eq!(p[0].normalized, "138****1234");
    }

    #[test]
    fn not_phones() {
        for t in [
            "借款3856420元",
            "金额13800138000元",
            "人民币13800138000",
            "510107197805121232",
            "138001380001",
            "12800138000",
            "3.13800138000",
            "（2022）川07民初1234号",
            "2022年3月15日",
            "第13800138000号",
        ] {
            assert!(find_phone_numbers(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn accounts() {
        let t = "账号：6222 0212 3456 7890 128，开户行：中国工商银行";
        let a = find_bank_accounts(t);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].normalized, "6222021234567890128");
        assert!(a[0].labelled);
        assert!(!a[0].masked);

        let t = "银行账户：中国农业银行绵阳分行 228001040012345";
        let a = find_bank_accounts(t);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].normalized, "228001040012345");

        let t = "卡号6222********1234";
        let a = find_bank_accounts(t);
        assert_eq!(a.len(), 1);
        assert!(a[0].masked);

        // Unlabelled needs Luhn.
        assert_eq!(find_bank_accounts("转入4111111111111111").len(), 1);
        assert!(find_bank_accounts("转入4111111111111112").is_empty());
        assert!(find_bank_accounts("4111111111111111元").is_empty());
        assert!(find_bank_accounts("A4111111111111111").is_empty());
    }
}
