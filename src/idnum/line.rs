//! What a party line states about the person (birth date, sex), to compare with the number.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::chars::parse_digits;
use super::resident::{Date, IdInfo};

/// A birth date as a line states it; the day may be missing ("1978年5月出生").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatedDate {
    pub year: u16,
    pub month: u8,
    pub day: Option<u8>,
}

impl StatedDate {
    /// True when `d` agrees with every field stated.
    pub fn matches(&self, d: Date) -> bool {
        self.year == d.year && self.month == d.month && self.day.is_none_or_eq(d.day)
    }
}

trait OptEq {
    fn is_none_or_eq(&self, v: u8) -> bool;
}

impl OptEq for Option<u8> {
    fn is_none_or_eq(&self, v: u8) -> bool {
        match self {
            Some(x) => *x == v,
            None => true,
        }
    }
}

/// A stated birth date with the byte span of the phrase ("1978年5月12日出生").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedBirth {
    pub date: StatedDate,
    pub span: Range<usize>,
}

/// A stated sex with the byte span of the 男/女 token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedSex {
    pub male: bool,
    pub span: Range<usize>,
}

/// A disagreement between a valid GB 11643 number and its line (ID002).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contradiction {
    /// The line states a birth date the number does not carry.
    BirthDate {
        stated: StatedDate,
        in_number: Date,
        /// The stated phrase.
        span: Range<usize>,
    },
    /// The line states a sex the 17th digit contradicts.
    Sex {
        stated_male: bool,
        /// The 男/女 token.
        span: Range<usize>,
    },
}

impl Contradiction {
    /// A Chinese message (the number's own date is shown, never the number).
    pub fn message_zh(&self) -> String {
        match self {
            Contradiction::BirthDate {
                stated, in_number, ..
            } => {
                let s = match stated.day {
                    Some(d) => format!("{}年{}月{}日", stated.year, stated.month, d),
                    None => format!("{}年{}月", stated.year, stated.month),
                };
                format!("公民身份号码所含出生日期为{in_number}，与本行所载出生日期{s}不一致")
            }
            Contradiction::Sex { stated_male, .. } => {
                let (stated, number) = if *stated_male {
                    ("男", "女")
                } else {
                    ("女", "男")
                };
                format!("公民身份号码第17位表示性别为{number}，与本行所载性别“{stated}”不一致")
            }
        }
    }
}

const SEP: &str = r"[.\-/．－／]";

static ARABIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let d = "[0-9０-９]";
    Regex::new(&format!(
        r"(?P<pre>出生于|生于|出生日期[：:\s]*|出生年月日?[：:\s]*|生日[：:\s]*)?(?P<y>{d}{{4}})\s*(?:年|{SEP})\s*(?P<m>{d}{{1,2}})\s*(?:(?:月|{SEP})\s*(?:(?P<d>{d}{{1,2}})\s*日?)?)?\s*(?P<post>出生|(?P<sheng>生)(?:[，,。；;、）)\s]|$))?"
    ))
    .expect("static regex")
});

static CHINESE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<pre>出生于|生于|出生日期[：:\s]*|出生年月日?[：:\s]*|生日[：:\s]*)?(?P<y>[〇零○Ｏ0一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?:(?P<d>[一二三四五六七八九十]{1,3})日)?\s*(?P<post>出生|(?P<sheng>生)(?:[，,。；;、）)\s]|$))?",
    )
    .expect("static regex")
});

use crate::numerals::{cn_number as cn_small, cn_year};

/// Birth dates stated in the line: "1978年5月12日出生", "1978年05月12日生", "生于1978年5月12日",
/// "出生日期：1978-05-12", "1978.5.12出生", "1978年5月出生", "一九七八年五月十二日出生" … A date
/// counts only with 出生/生于/出生日期 before it or 出生 / 生 (then punctuation) after it, so
/// "2020年3月5日生效" and plain procedural dates do not.
pub fn stated_birth_dates(line: &str) -> Vec<StatedBirth> {
    let mut out = Vec::new();
    for (re, arabic) in [(&*ARABIC_DATE, true), (&*CHINESE_DATE, false)] {
        for caps in re.captures_iter(line) {
            let pre = caps.name("pre");
            let post = caps.name("post");
            if pre.is_none() && post.is_none() {
                continue;
            }
            let num = |name: &str| -> Option<u32> {
                let m = caps.name(name)?;
                if arabic {
                    parse_digits(m.as_str())
                } else if name == "y" {
                    cn_year(m.as_str())
                } else {
                    cn_small(m.as_str())
                }
            };
            let (Some(y), Some(m)) = (num("y"), num("m")) else {
                continue;
            };
            let d = match caps.name("d") {
                Some(_) => match num("d") {
                    Some(d) => Some(d),
                    None => continue,
                },
                None => None,
            };
            if !(1..=12).contains(&m) || d.is_some_and(|d| !(1..=31).contains(&d)) || y > 9999 {
                continue;
            }
            let Some(whole) = caps.get(0) else { continue };
            let end = match (caps.name("sheng"), post) {
                (Some(s), _) => s.end(),
                (None, Some(p)) => p.end(),
                (None, None) => whole.as_str().trim_end().len() + whole.start(),
            };
            out.push(StatedBirth {
                date: StatedDate {
                    year: y as u16,
                    month: m as u8,
                    day: d.map(|d| d as u8),
                },
                span: whole.start()..end,
            });
        }
    }
    out.sort_by_key(|b| b.span.start);
    out
}

fn is_field_sep(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '，' | ','
                | '、'
                | '；'
                | ';'
                | '（'
                | '）'
                | '('
                | ')'
                | '。'
                | '：'
                | ':'
                | '【'
                | '】'
                | '/'
        )
}

/// The sex the line states: a field (between commas, brackets, colons …) that is exactly 男 or
/// 女 (or 男性/女性, 性别男/性别女). "女儿", "男方", "之女" and names do not count. `None` when
/// no such field exists or the line states both.
pub fn stated_sex(line: &str) -> Option<StatedSex> {
    let mut found: Option<StatedSex> = None;
    let mut start = 0;
    let mut fields = Vec::new();
    for (i, c) in line.char_indices() {
        if is_field_sep(c) {
            fields.push(start..i);
            start = i + c.len_utf8();
        }
    }
    fields.push(start..line.len());
    for f in fields {
        let text = &line[f.clone()];
        let (token_off, male) = match text {
            "男" | "男性" => (0, true),
            "女" | "女性" => (0, false),
            "性别男" => ("性别".len(), true),
            "性别女" => ("性别".len(), false),
            _ => continue,
        };
        let s = f.start + token_off;
        let span = s..s + "男".len();
        match &found {
            Some(prev) if prev.male != male => return None,
            Some(_) => {}
            None => found = Some(StatedSex { male, span }),
        }
    }
    found
}

/// Compares a valid number with what its line states: the birth date (if the line states one,
/// and none of the stated dates agrees) and the sex (odd 17th digit = male).
pub fn check_against_line(info: &IdInfo, line: &str) -> Vec<Contradiction> {
    let mut out = Vec::new();
    let births = stated_birth_dates(line);
    if let Some(first) = births.first() {
        if !births.iter().any(|b| b.date.matches(info.birth)) {
            out.push(Contradiction::BirthDate {
                stated: first.date,
                in_number: info.birth,
                span: first.span.clone(),
            });
        }
    }
    if let Some(sex) = stated_sex(line) {
        if sex.male != info.male {
            out.push(Contradiction::Sex {
                stated_male: sex.male,
                span: sex.span,
            });
        }
    }
    out
}

/// Compile this module's regexes now (see `crate::warm_up`).
pub(crate) fn warm() {
    LazyLock::force(&ARABIC_DATE);
    LazyLock::force(&CHINESE_DATE);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(line: &str) -> Vec<(u16, u8, Option<u8>)> {
        stated_birth_dates(line)
            .into_iter()
            .map(|b| (b.date.year, b.date.month, b.date.day))
            .collect()
    }

    #[test]
    fn birth_date_forms() {
        assert_eq!(dates("男，1978年5月12日出生，汉族"), [(1978, 5, Some(12))]);
        assert_eq!(dates("男，1978年05月12日生，汉族"), [(1978, 5, Some(12))]);
        assert_eq!(dates("生于1978年5月12日，汉族"), [(1978, 5, Some(12))]);
        assert_eq!(dates("出生日期：1978-05-12"), [(1978, 5, Some(12))]);
        assert_eq!(dates("1978.5.12出生"), [(1978, 5, Some(12))]);
        assert_eq!(dates("１９７８年５月１２日出生"), [(1978, 5, Some(12))]);
        assert_eq!(dates("1978年5月出生"), [(1978, 5, None)]);
        assert_eq!(dates("一九七八年五月十二日出生"), [(1978, 5, Some(12))]);
        assert_eq!(
            dates("一九八〇年十二月三十一日生，"),
            [(1980, 12, Some(31))]
        );
        assert_eq!(dates("1978年5月12日生"), [(1978, 5, Some(12))]);
    }

    #[test]
    fn not_birth_dates() {
        assert!(dates("合同于2020年3月5日生效").is_empty());
        assert!(dates("本院于2022年3月5日立案").is_empty());
        assert!(dates("2022年13月5日出生").is_empty());
    }

    #[test]
    fn span_covers_phrase() {
        let line = "男，1978年5月12日生，汉族";
        let b = &stated_birth_dates(line)[0];
        assert_eq!(&line[b.span.clone()], "1978年5月12日生");
    }

    #[test]
    fn sex_fields() {
        let s = |l| stated_sex(l).map(|s| s.male);
        assert_eq!(s("被告：陈志强，男，1978年5月12日出生"), Some(true));
        assert_eq!(s("原告王丽（女，1980年出生）"), Some(false));
        assert_eq!(s("性别：女，汉族"), Some(false));
        assert_eq!(s("原告：李某，系被告之女，住…"), None);
        assert_eq!(s("原告：李男方，女儿，住…"), None);
        assert_eq!(s("男，女"), None);
        let line = "被告：陈志强，男，汉族";
        let sx = stated_sex(line).unwrap();
        assert_eq!(&line[sx.span], "男");
    }
}
