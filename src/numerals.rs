//! Chinese numerals as they appear in court documents: dates in the signature block
//! (二〇二四年十月九日), stated birth dates, ruling-item labels (十二、).

pub mod format;

/// One digit: 〇/○/零/Ｏ → 0, 一 … 九 → 1 … 9 (also ASCII 0 and O as used for 〇 in some texts).
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'Ｏ' | '0' | 'O' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A year written digit by digit: 二〇二四 → 2024.
pub fn cn_year(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    s.chars()
        .try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(cn_digit(c)?))
}

/// A counted number up to 999: 十 → 10, 十一, 二十, 二十一, 一百零一, 三百二十.
pub fn cn_number(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        ['十'] => Some(10),
        [c] => cn_digit(*c),
        ['十', b] => Some(10 + cn_digit(*b)?),
        [a, '十'] => Some(cn_digit(*a)? * 10),
        [a, '十', b] => Some(cn_digit(*a)? * 10 + cn_digit(*b)?),
        [a, '百'] => Some(cn_digit(*a)? * 100),
        [a, '百', rest @ ..] => {
            let rest: String = rest.iter().filter(|c| **c != '零').collect();
            let tail = if rest.is_empty() {
                0
            } else if rest.chars().count() == 1 {
                cn_digit(rest.chars().next()?)?
            } else {
                cn_number(&rest)?
            };
            Some(cn_digit(*a)? * 100 + tail)
        }
        _ => None,
    }
}

/// Days in a month of the Gregorian calendar (0 for a month that doesn't exist).
pub fn days_in_month(y: i32, m: u32) -> u32 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(cn_number("十"), Some(10));
        assert_eq!(cn_number("二十一"), Some(21));
        assert_eq!(cn_number("三十"), Some(30));
        assert_eq!(cn_number("一百零一"), Some(101));
        assert_eq!(cn_number("三百二十"), Some(320));
        assert_eq!(cn_number("甲"), None);
        assert_eq!(cn_year("二〇二四"), Some(2024));
        assert_eq!(cn_year("一九七八"), Some(1978));
        assert_eq!(cn_year("二○一五"), Some(2015));
        assert_eq!(cn_year(""), None);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2023, 13), 0);
    }
}
