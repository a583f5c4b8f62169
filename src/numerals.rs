//! Chinese numerals as they appear in court documents: dates in the signature block
//! (二〇二四年十月九日), stated birth dates, ruling-item labels (十二、), amounts in capital
//! numerals (壹万贰仟元).

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

/// Capital-numeral amount (壹万贰仟元伍角) → value in fen (1/100 yuan).
pub fn capital_to_fen(s: &str) -> Option<i64> {
    let digit = |c: char| {
        "零壹贰叁肆伍陆柒捌玖"
            .chars()
            .position(|d| d == c)
            .map(|v| v as i64)
            .or(if c == '两' { Some(2) } else { None })
    };
    let (yuan_part, rest) = match s.find(['元', '圆']) {
        Some(i) => (&s[..i], &s[i + 3..]),
        None => (s, ""),
    };
    let mut total: i64 = 0; // completed 亿 / 万 sections
    let mut section: i64 = 0;
    let mut current: i64 = 0;
    let mut any = false;
    for c in yuan_part.chars() {
        if let Some(d) = digit(c) {
            current = d;
            any = true;
            continue;
        }
        let unit = match c {
            '拾' => 10,
            '佰' => 100,
            '仟' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        any = true;
        if unit >= 10_000 {
            total = total.checked_add((section + current).checked_mul(unit)?)?;
            section = 0;
        } else {
            section += if current == 0 && unit == 10 {
                1
            } else {
                current
            } * unit;
        }
        current = 0;
    }
    if !any {
        return None;
    }
    let yuan = total + section + current;
    let mut fen = yuan.checked_mul(100)?;
    let mut pending: Option<i64> = None;
    for c in rest.chars() {
        if let Some(d) = digit(c) {
            pending = Some(d);
        } else if c == '角' {
            fen += pending.take().unwrap_or(0) * 10;
        } else if c == '分' {
            fen += pending.take().unwrap_or(0);
        }
    }
    Some(fen)
}

/// An amount in fen written in capital numerals as on a payment order (12,345,678 fen →
/// 壹拾贰万叁仟肆佰伍拾陆元柒角捌分, 1,200,000 → 壹万贰仟元整), for amounts below 10¹² yuan
/// (larger or negative amounts: `None`). The inverse of [`capital_to_fen`].
pub fn fen_to_capital(fen: i64) -> Option<String> {
    const D: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    if !(0..100_000_000_000_000).contains(&fen) {
        return None;
    }
    let yuan = fen / 100;
    let (jiao, fen) = ((fen / 10 % 10) as usize, (fen % 10) as usize);
    let mut out = String::new();
    // four-digit sections: 亿, 万, units
    let sections = [
        (yuan / 100_000_000, "亿"),
        (yuan / 10_000 % 10_000, "万"),
        (yuan % 10_000, ""),
    ];
    let mut zero_pending = false;
    for (value, unit) in sections {
        if value == 0 {
            zero_pending |= !out.is_empty();
            continue;
        }
        for (k, place) in [(1000, "仟"), (100, "佰"), (10, "拾"), (1, "")] {
            let d = (value / k % 10) as usize;
            if d == 0 {
                zero_pending |= !out.is_empty();
                continue;
            }
            if zero_pending {
                out.push('零');
                zero_pending = false;
            }
            out.push(D[d]);
            out.push_str(place);
        }
        out.push_str(unit);
    }
    if out.is_empty() {
        out.push('零');
    }
    out.push('元');
    match (jiao, fen) {
        (0, 0) => out.push('整'),
        (j, 0) => {
            out.push(D[j]);
            out.push('角');
        }
        (j, f) => {
            out.push(D[j]);
            if j > 0 {
                out.push('角');
            }
            out.push(D[f]);
            out.push('分');
        }
    }
    Some(out)
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

    #[test]
    fn capital_numerals() {
        assert_eq!(capital_to_fen("壹万贰仟元"), Some(1_200_000));
        assert_eq!(capital_to_fen("叁万零伍佰元"), Some(3_050_000));
        assert_eq!(capital_to_fen("拾元"), Some(1000));
        assert_eq!(
            capital_to_fen("壹拾贰万叁仟肆佰伍拾陆元柒角捌分"),
            Some(12_345_678)
        );
        assert_eq!(capital_to_fen("壹亿贰仟万元整"), Some(12_000_000_000));
        assert_eq!(capital_to_fen("元"), None);
        assert_eq!(capital_to_fen("壹万甲元"), None);
        assert_eq!(fen_to_capital(1_200_000).as_deref(), Some("壹万贰仟元整"));
        assert_eq!(fen_to_capital(3_050_000).as_deref(), Some("叁万零伍佰元整"));
        assert_eq!(
            fen_to_capital(12_345_678).as_deref(),
            Some("壹拾贰万叁仟肆佰伍拾陆元柒角捌分")
        );
        assert_eq!(
            fen_to_capital(10_000_050_005).as_deref(),
            Some("壹亿零伍佰元零伍分")
        );
        assert_eq!(fen_to_capital(0).as_deref(), Some("零元整"));
        assert_eq!(fen_to_capital(-1), None);
    }

    proptest::proptest! {
        /// Formatting an amount in capital numerals and reading it back gives the amount.
        #[test]
        fn capital_round_trip(fen in 0i64..100_000_000_000_000) {
            let s = fen_to_capital(fen).unwrap();
            proptest::prop_assert_eq!(capital_to_fen(&s), Some(fen), "{}", s);
        }

        /// Amounts with many zero digits (the 零 rules) round-trip too.
        #[test]
        fn capital_round_trip_sparse(digits in proptest::collection::vec(0i64..10, 1..14), zeros in proptest::collection::vec(proptest::bool::ANY, 14)) {
            let fen = digits.iter().zip(&zeros).fold(0i64, |n, (d, z)| n * 10 + if *z { 0 } else { *d });
            let s = fen_to_capital(fen).unwrap();
            proptest::prop_assert_eq!(capital_to_fen(&s), Some(fen), "{}", s);
        }

        /// Any text: no panic.
        #[test]
        fn capital_never_panics(s in "[零壹贰叁肆伍陆柒捌玖拾佰仟万亿两元圆角分整]{0,24}") {
            let _ = capital_to_fen(&s);
        }
    }
}
