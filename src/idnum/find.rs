//! Finding identity numbers and credit codes in a line of text.

use std::ops::Range;

use super::chars::{char_at, char_before, is_digitish, is_mask, is_x, normalize_id};
use super::labels::{glues, labelled_values, CodeLabel, Label, LabelHit, Scanned};
use super::resident::{
    canonical_mask, classify, gb11643_kind, is_province, looks_masked, validate_person_id,
    validate_resident_id, IdInfo, IdKind, IdLabel, IdProblem,
};
use super::uscc::{registration_ok, validate_org_code, validate_uscc, UsccProblem, USCC_ALPHABET};

/// A personal identity number found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundId {
    /// Byte span of the number in the original text (white space inside a wrapped number
    /// included; the label excluded).
    pub span: Range<usize>,
    /// The text in `span`, as written.
    pub raw: String,
    /// ASCII, upper case, no white space, masks as `*` (see [`super::normalize_id`]).
    pub normalized: String,
    /// The label before it, `None` for a bare 18/15-digit number.
    pub label: Option<IdLabel>,
    /// Byte span of the label.
    pub label_span: Option<Range<usize>>,
    /// What the number is, judged from label and shape.
    pub kind: IdKind,
    /// Digits hidden by `*`, `×`, `XXXX` …: never valid (ID005 in draft, fine in publication).
    pub masked: bool,
}

impl FoundId {
    /// Validates the number as its [`FoundId::kind`]. GB 11643 kinds give the holder's birth date
    /// and sex (to compare with the line, see [`super::check_against_line`]).
    pub fn validate(&self) -> Result<Option<IdInfo>, IdProblem> {
        if self.masked {
            return Err(IdProblem::Masked);
        }
        validate_person_id(&self.normalized, self.kind)
    }
}

/// What a found organisation code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeKind {
    /// 统一社会信用代码 (or whatever stands after its label).
    Uscc,
    /// The obsolete 9-character 组织机构代码, labelled as such.
    OrgCode,
}

/// A 统一社会信用代码 (or old 组织机构代码) found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCode {
    /// Byte span of the code in the original text.
    pub span: Range<usize>,
    /// The text in `span`, as written.
    pub raw: String,
    /// ASCII, upper case, no white space or hyphen, masks as `*`.
    pub normalized: String,
    /// The label before it, `None` for a bare 18-character code.
    pub label: Option<CodeLabel>,
    /// Byte span of the label.
    pub label_span: Option<Range<usize>>,
    pub kind: CodeKind,
    /// Characters hidden by `*` and the like.
    pub masked: bool,
}

impl FoundCode {
    /// GB 32100 validation; an old 组织机构代码 is [`UsccProblem::ObsoleteOrgCode`] whatever its
    /// own check says (use [`validate_org_code`] on `normalized` for that).
    pub fn validate(&self) -> Result<(), UsccProblem> {
        if self.masked {
            return Err(UsccProblem::Masked);
        }
        match self.kind {
            CodeKind::Uscc => validate_uscc(&self.normalized),
            CodeKind::OrgCode => Err(UsccProblem::ObsoleteOrgCode),
        }
    }

    /// For [`CodeKind::OrgCode`]: whether the old code itself passes GB 11714.
    pub fn validate_org_code(&self) -> Result<(), UsccProblem> {
        validate_org_code(&self.normalized)
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn raw(text: &str, span: &Range<usize>) -> String {
    text.get(span.clone()).unwrap_or("").to_string()
}

/// A run of characters that may form a number, with its span.
struct Run {
    span: Range<usize>,
    normalized: String,
}

/// Maximal runs of characters satisfying `pred`, standing alone: not glued to a Latin letter or
/// digit on either side, nor to a decimal point / thousands separator between digits.
fn standalone_runs(text: &str, pred: impl Fn(char) -> bool) -> Vec<Run> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let finish = |s: usize, e: usize, out: &mut Vec<Run>| {
        let before = char_before(text, s);
        let after = char_at(text, e);
        if glues(before) || glues(after) {
            return;
        }
        // 3.510107… or …232,5 : part of a longer number.
        let digit_sep = |c: Option<char>| matches!(c, Some('.' | ',' | '．'));
        if let Some(b) = before.filter(|&b| digit_sep(Some(b))) {
            if char_before(text, s - b.len_utf8()).is_some_and(is_digitish) {
                return;
            }
        }
        if digit_sep(after)
            && text
                .get(e..)
                .and_then(|t| t.chars().nth(1))
                .is_some_and(is_digitish)
        {
            return;
        }
        let r = text.get(s..e).unwrap_or("");
        out.push(Run {
            span: s..e,
            normalized: normalize_id(r),
        });
    };
    for (i, c) in text.char_indices() {
        if pred(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            finish(s, i, &mut out);
        }
    }
    if let Some(s) = start {
        finish(s, text.len(), &mut out);
    }
    out
}

/// Shape of a GB 11643 number good enough to report an unlabelled run: known address prefix and
/// a birth date whose fields are in range (the day is not checked against the month, so an
/// impossible date such as 0230 is still reported, as ID002).
pub(crate) fn looks_like_resident_id(n: &str) -> bool {
    let b = n.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !(b[17].is_ascii_digit() || b[17] == b'X') || gb11643_kind(n).is_none() {
        return false;
    }
    let num = |r: Range<usize>| n.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
    (1850..=2099).contains(&num(6..10))
        && (1..=12).contains(&num(10..12))
        && (1..=31).contains(&num(12..14))
}

/// Shape of an obsolete 15-digit number: province prefix and a YYMMDD date.
fn looks_like_fifteen(n: &str) -> bool {
    let b = n.as_bytes();
    if b.len() != 15 || !b.iter().all(u8::is_ascii_digit) || !is_province(&n[..2]) {
        return false;
    }
    let num = |r: Range<usize>| n.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
    (1..=12).contains(&num(8..10)) && (1..=31).contains(&num(10..12))
}

/// A masked run that is probably an identity number: 15 or 18 characters, province prefix kept.
fn looks_like_masked_resident_id(n: &str) -> bool {
    let len = n.chars().count();
    (len == 18 || len == 15)
        && looks_masked(n)
        && n.get(..2)
            .is_some_and(|p| is_province(p) || matches!(p, "81" | "82" | "83"))
        && n.chars()
            .all(|c| c.is_ascii_digit() || c == 'X' || c == '*')
}

fn person_from_labelled(text: &str, hit: &LabelHit, v: Scanned, label: IdLabel) -> FoundId {
    let kind = classify(&v.normalized, Some(label));
    let gb = kind.is_gb11643() || kind == IdKind::ResidentIdFifteen;
    let masked = if gb {
        looks_masked(&v.normalized)
    } else {
        v.normalized.contains('*')
    };
    let normalized = if gb && masked {
        canonical_mask(&v.normalized)
    } else {
        v.normalized
    };
    FoundId {
        raw: raw(text, &v.span),
        span: v.span,
        normalized,
        label: Some(label),
        label_span: Some(hit.span.clone()),
        kind,
        masked,
    }
}

/// Finds personal identity numbers in one line (or paragraph) of text.
///
/// * After a label (公民身份号码, 身份证号码, 居民身份证号, 护照号码, 港澳居民来往内地通行证,
///   回乡证, 台胞证, 港澳台居民居住证, 外国人永久居留身份证, 证件号码 …, then `：`, `:`, `，`,
///   为, white space or nothing): whatever letters and digits stand there, even wrongly sized
///   (that is ID002), joined across white space / line breaks up to the document's length.
/// * Without a label: 18-character runs (17 digits + digit/X) with a plausible address code and
///   birth date, 15-digit runs shaped like an old number, and masked runs (5107**********0011),
///   none of them part of a longer token, nor standing after a credit-code or bank label.
///
/// Results are in text order; spans are byte offsets into `line`.
pub fn find_person_ids(line: &str) -> Vec<FoundId> {
    let labelled = labelled_values(line);
    let mut out: Vec<FoundId> = Vec::new();
    for (hit, v) in &labelled {
        if let Label::Id(label) = hit.label {
            out.push(person_from_labelled(line, hit, v.clone(), label));
        }
    }
    let claimed: Vec<Range<usize>> = labelled.iter().map(|(_, v)| v.span.clone()).collect();
    let runs = standalone_runs(line, |c| is_digitish(c) || is_x(c) || is_mask(c));
    for run in runs {
        if claimed.iter().any(|c| overlaps(c, &run.span)) {
            continue;
        }
        let n = &run.normalized;
        let (kind, masked) = if looks_like_masked_resident_id(n) {
            (IdKind::ResidentId, true)
        } else if looks_like_resident_id(n) {
            // An all-digit 统一社会信用代码 can look like this; prefer the reading that checks out.
            if validate_resident_id(n).is_err() && validate_uscc(n).is_ok() {
                continue;
            }
            (gb11643_kind(n).unwrap_or(IdKind::ResidentId), false)
        } else if looks_like_fifteen(n) {
            (IdKind::ResidentIdFifteen, false)
        } else {
            continue;
        };
        let normalized = if masked {
            canonical_mask(&run.normalized)
        } else {
            run.normalized
        };
        out.push(FoundId {
            raw: raw(line, &run.span),
            span: run.span,
            normalized,
            label: None,
            label_span: None,
            kind,
            masked,
        });
    }
    out.sort_by_key(|f| f.span.start);
    out
}

/// Shape of a bare 统一社会信用代码: 18 characters of the alphabet (upper case as written),
/// digits in 3–8, a possible authority/type pair, and either a letter among 9–18 or a correct
/// check character (a bare 18-digit number is more often something else).
pub(crate) fn looks_like_uscc(raw_norm: &str) -> bool {
    let b = raw_norm.as_bytes();
    if b.len() != 18 || !raw_norm.chars().all(|c| USCC_ALPHABET.contains(c)) {
        return false;
    }
    if !b[2..8].iter().all(u8::is_ascii_digit) || !registration_ok(b[0] as char, b[1] as char) {
        return false;
    }
    if !matches!(b[0], b'1'..=b'9' | b'A' | b'N' | b'Y') {
        return false;
    }
    b[8..].iter().any(u8::is_ascii_uppercase) || validate_uscc(raw_norm).is_ok()
}

/// Finds 统一社会信用代码 in one line (or paragraph) of text: after 统一社会信用代码 / 社会信用代码
/// / 信用代码 (anything that stands there, so that a wrong length is caught), after
/// 组织机构代码 (the old 9-character code, [`CodeKind::OrgCode`]; an 18-character value there
/// counts as a 统一社会信用代码), and bare 18-character runs that look like a code.
pub fn find_credit_codes(line: &str) -> Vec<FoundCode> {
    let labelled = labelled_values(line);
    let mut out = Vec::new();
    for (hit, v) in &labelled {
        let Label::Code(label) = hit.label else {
            continue;
        };
        let len = v.normalized.chars().count();
        let kind = if label == CodeLabel::OrgCode && len != 18 {
            CodeKind::OrgCode
        } else {
            CodeKind::Uscc
        };
        out.push(FoundCode {
            span: v.span.clone(),
            raw: raw(line, &v.span),
            normalized: v.normalized.clone(),
            label: Some(label),
            label_span: Some(hit.span.clone()),
            kind,
            masked: v.normalized.contains('*'),
        });
    }
    let claimed: Vec<Range<usize>> = labelled.iter().map(|(_, v)| v.span.clone()).collect();
    // Bare codes: upper-case letters and digits only (lower case in running text is a word).
    let runs = standalone_runs(line, |c| {
        let a = super::chars::normalize_char(c);
        a.is_ascii_digit() || a.is_ascii_uppercase()
    });
    for run in runs {
        if claimed.iter().any(|c| overlaps(c, &run.span)) || !looks_like_uscc(&run.normalized) {
            continue;
        }
        if looks_like_resident_id(&run.normalized) && validate_resident_id(&run.normalized).is_ok()
        {
            continue;
        }
        out.push(FoundCode {
            raw: raw(line, &run.span),
            span: run.span,
            normalized: run.normalized,
            label: None,
            label_span: None,
            kind: CodeKind::Uscc,
            masked: false,
        });
    }
    out.sort_by_key(|f| f.span.start);
    out
}
