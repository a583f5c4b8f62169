//! Labels (公民身份号码：, 统一社会信用代码：, 账号： …) and reading the value that follows one.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use aho_corasick::{AhoCorasick, MatchKind};

use super::chars::{char_at, is_alnumish, is_digitish, is_hyphen, is_mask, normalize_char};
use super::resident::IdLabel;

/// Which label family preceded a 统一社会信用代码-like value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeLabel {
    /// 统一社会信用代码, 社会信用代码, 信用代码
    Uscc,
    /// 组织机构代码 (the obsolete 9-character code)
    OrgCode,
}

/// Any label this module knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    Id(IdLabel),
    Code(CodeLabel),
    Bank,
}

/// The label families and their sections in patterns/identifiers.txt.
pub(crate) const FAMILIES: &[(&str, Label)] = {
    use CodeLabel as C;
    use IdLabel as I;
    use Label::{Bank, Code, Id};
    &[
        ("resident_id_label", Id(I::ResidentId)),
        ("generic_id_label", Id(I::Generic)),
        ("passport_label", Id(I::Passport)),
        ("hk_macao_permit_label", Id(I::HkMacaoPermit)),
        ("taiwan_permit_label", Id(I::TaiwanPermit)),
        ("residence_permit_label", Id(I::ResidencePermit)),
        ("foreign_permanent_label", Id(I::ForeignPermanent)),
        ("uscc_label", Code(C::Uscc)),
        ("org_code_label", Code(C::OrgCode)),
        ("bank_label", Bank),
    ]
};

/// Every label with its family, and one automaton over all of them (leftmost-longest).
#[derive(Debug)]
pub(crate) struct Labels {
    labels: Vec<Label>,
    ac: Option<AhoCorasick>,
}

impl Labels {
    /// The labels of a vocabulary's identifiers.txt (built-in or overridden), compiled.
    pub(crate) fn from_patterns(p: &crate::patterns::Patterns) -> Labels {
        let mut words = Vec::new();
        let mut labels = Vec::new();
        for (section, label) in FAMILIES {
            for w in p.keywords("identifiers", section).words() {
                words.push(w.clone());
                labels.push(*label);
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .ok();
        Labels { labels, ac }
    }
}

/// The labels of the built-in patterns/identifiers.txt (validated, with its examples, by the
/// patterns tests), compiled once.
static LABELS: LazyLock<Arc<Labels>> =
    LazyLock::new(|| crate::builtin_patterns().identifier_labels());

thread_local! {
    /// The labels of the vocabulary the current thread is linting with (see [`with_vocabulary`]).
    static CURRENT: RefCell<Option<Arc<Labels>>> = const { RefCell::new(None) };
}

/// Run `f` with the identifier labels of `p` (an override folder's identifiers.txt) in force on
/// this thread: every identifier search inside `f` uses them. Restored afterwards, also when `f`
/// panics.
pub fn with_vocabulary<R>(p: &crate::patterns::Patterns, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Arc<Labels>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let prev = self.0.take();
            CURRENT.with(|c| *c.borrow_mut() = prev);
        }
    }
    let labels = p.identifier_labels();
    let _restore = Restore(CURRENT.with(|c| c.borrow_mut().replace(labels)));
    f()
}

/// A label occurrence.
#[derive(Debug, Clone)]
pub(crate) struct LabelHit {
    pub label: Label,
    pub span: Range<usize>,
}

/// Length limits for the value after a label, in characters (white space not counted).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    /// Keep joining white-space-separated groups while shorter than this.
    pub min: usize,
    /// Never join beyond this.
    pub max: usize,
    /// Hyphens may sit inside the value.
    pub hyphen: bool,
    /// Only digits and mask symbols (bank accounts).
    pub digits_only: bool,
}

/// A value read from the text.
#[derive(Debug, Clone)]
pub(crate) struct Scanned {
    /// Byte span in the original text: first to last value character.
    pub span: Range<usize>,
    /// [`super::normalize_id`] form, hyphens removed.
    pub normalized: String,
}

pub(crate) fn shape_for(label: Label) -> Shape {
    let s = |min, max| Shape {
        min,
        max,
        hyphen: false,
        digits_only: false,
    };
    match label {
        Label::Id(IdLabel::ResidentId | IdLabel::ResidencePermit) => s(18, 18),
        Label::Id(IdLabel::Generic | IdLabel::ForeignPermanent) => s(15, 18),
        Label::Id(IdLabel::Passport) => s(9, 12),
        Label::Id(IdLabel::HkMacaoPermit) => s(9, 11),
        Label::Id(IdLabel::TaiwanPermit) => s(8, 11),
        Label::Code(CodeLabel::Uscc) => s(18, 18),
        Label::Code(CodeLabel::OrgCode) => Shape {
            hyphen: true,
            ..s(9, 18)
        },
        Label::Bank => Shape {
            hyphen: true,
            digits_only: true,
            ..s(16, 25)
        },
    }
}

/// All label occurrences in `text`, left to right, non-overlapping, longest first.
pub(crate) fn label_hits(text: &str) -> Vec<LabelHit> {
    let current = CURRENT.with(|c| c.borrow().clone());
    let l: &Labels = current.as_deref().unwrap_or(&LABELS);
    l.ac.iter()
        .flat_map(|ac| ac.find_iter(text))
        .map(|m| LabelHit {
            label: l.labels[m.pattern().as_usize()],
            span: m.start()..m.end(),
        })
        .collect()
}

/// Skips what may sit between a label and its value: 号码/号/编号, separators (：:，,、 white
/// space), 为/是, an opening bracket. Returns the byte offset of the value's first character.
pub(crate) fn skip_label_tail(text: &str, mut i: usize) -> usize {
    for suffix in ["号码", "编号", "号"] {
        if text.get(i..).is_some_and(|t| t.starts_with(suffix)) {
            i += suffix.len();
            break;
        }
    }
    let Some(rest) = text.get(i..) else {
        return i;
    };
    for (n, (off, c)) in rest.char_indices().enumerate() {
        let sep = c.is_whitespace()
            || matches!(
                c,
                '：' | ':'
                    | '，'
                    | ','
                    | '、'
                    | '为'
                    | '是'
                    | '（'
                    | '('
                    | '【'
                    | '['
                    | '#'
                    | '＃'
                    | '№'
            );
        if !sep || n >= 8 {
            return skip_number_sign(text, i + off);
        }
    }
    text.len()
}

/// Skips a "No." / "NO:" written before a (foreign) document number.
fn skip_number_sign(text: &str, at: usize) -> usize {
    let Some(rest) = text.get(at..) else {
        return at;
    };
    let b = rest.as_bytes();
    let is_no = b.len() >= 3
        && b[..2].eq_ignore_ascii_case(b"no")
        && (b[2] == b'.' || b[2] == b':' || b[2] == b' ');
    if !is_no {
        return at;
    }
    let after = &rest[3..];
    let ws = after.len() - after.trim_start().len();
    at + 3 + ws
}

fn is_value_char(c: char, shape: Shape) -> bool {
    if is_mask(c) {
        return true;
    }
    if shape.digits_only {
        is_digitish(c)
    } else {
        is_alnumish(c)
    }
}

/// Reads one group of value characters starting at `i` (hyphens allowed between them when the
/// shape says so). Returns (end offset, character count not counting hyphens).
fn read_group(text: &str, i: usize, shape: Shape) -> (usize, usize) {
    let Some(rest) = text.get(i..) else {
        return (i, 0);
    };
    let mut end = i;
    let mut count = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if is_value_char(c, shape) {
            count += 1;
            end = i + off + c.len_utf8();
        } else if shape.hyphen && is_hyphen(c) && count > 0 {
            match chars.peek() {
                Some(&(_, d)) if is_value_char(d, shape) => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    (end, count)
}

/// Reads a value at `start`: a group of value characters, joined with following groups across
/// white space (a PDF line wrap, `5101 0719…`) while the total is below `shape.min`, or when the
/// number is written in short groups (`6222 0212 3456 7890 123`), never beyond `shape.max`.
pub(crate) fn scan_value(text: &str, start: usize, shape: Shape) -> Option<Scanned> {
    let (first_end, first_len) = read_group(text, start, shape);
    if first_len == 0 {
        return None;
    }
    let mut end = first_end;
    let mut total = first_len;
    // White space (at most a few characters, a line break included) and another group?
    while let Some(rest) = text.get(end..) {
        let ws: usize = rest
            .chars()
            .take_while(|c| c.is_whitespace())
            .take(4)
            .map(char::len_utf8)
            .sum();
        if ws == 0 {
            break;
        }
        let next_start = end + ws;
        if char_at(text, next_start).is_some_and(|c| c.is_whitespace()) {
            break;
        }
        let (next_end, next_len) = read_group(text, next_start, shape);
        if next_len == 0 {
            break;
        }
        let grouped = first_len <= 6 && next_len <= 6;
        if total + next_len <= shape.max && (total < shape.min || grouped) {
            total += next_len;
            end = next_end;
        } else {
            break;
        }
    }
    let raw = text.get(start..end)?;
    let normalized = super::chars::normalize_id(raw)
        .chars()
        .filter(|&c| !is_hyphen(c))
        .collect();
    Some(Scanned {
        span: start..end,
        normalized,
    })
}

/// For a bank label: the account may come after a bank name (账户：中国农业银行绵阳分行
/// 6228…). Looks up to 40 characters ahead, within the clause, for the first digit.
pub(crate) fn seek_digits(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    for (n, (off, c)) in rest.char_indices().enumerate() {
        if n >= 40 || matches!(c, '。' | '；' | ';' | '\n') {
            return None;
        }
        if is_digitish(c) || is_mask(c) {
            // Must not be glued to a preceding Latin letter or digit (e.g. 'No1').
            return Some(from + off);
        }
    }
    None
}

/// Every labelled value in `text`, with its label.
pub(crate) fn labelled_values(text: &str) -> Vec<(LabelHit, Scanned)> {
    let mut out: Vec<(LabelHit, Scanned)> = Vec::new();
    for hit in label_hits(text) {
        let shape = shape_for(hit.label);
        let at = skip_label_tail(text, hit.span.end);
        let value = match hit.label {
            Label::Bank => scan_value(text, at, shape)
                .or_else(|| seek_digits(text, at).and_then(|p| scan_value(text, p, shape))),
            _ => scan_value(text, at, shape),
        };
        if let Some(v) = value {
            // A value must not be claimed twice (账户名：… 账号：… pointing at one number).
            if out.iter().any(|(_, o)| o.span == v.span) {
                continue;
            }
            out.push((hit, v));
        }
    }
    out
}

/// True when `c` makes a neighbour part of a longer alphanumeric token.
pub(crate) fn glues(c: Option<char>) -> bool {
    c.is_some_and(|c| is_alnumish(c) || normalize_char(c) == '_')
}

/// Compile this module's regexes now (see `crate::warm_up`).
pub(crate) fn warm() {
    LazyLock::force(&LABELS);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_has_labels() {
        let p = crate::builtin_patterns();
        for (section, _) in FAMILIES {
            assert!(
                !p.keywords("identifiers", section).words().is_empty(),
                "identifiers.txt [{section}] is empty"
            );
        }
        assert_eq!(LABELS.labels.len(), 48);
        let hits = label_hits("护照号码E1234，组织机构代码1-2，台胞证3，帐户4");
        let labels: Vec<Label> = hits.iter().map(|h| h.label).collect();
        assert_eq!(
            labels,
            vec![
                Label::Id(IdLabel::Passport),
                Label::Code(CodeLabel::OrgCode),
                Label::Id(IdLabel::TaiwanPermit),
                Label::Bank
            ]
        );
    }

    #[test]
    fn labels_longest_first() {
        let hits = label_hits("公民身份号码：1，统一社会信用代码：2，银行账号3");
        let labels: Vec<Label> = hits.iter().map(|h| h.label).collect();
        assert_eq!(
            labels,
            vec![
                Label::Id(IdLabel::ResidentId),
                Label::Code(CodeLabel::Uscc),
                Label::Bank
            ]
        );
    }

    #[test]
    fn value_joins_wrapped_groups() {
        let t = "号码：5101071978\n05121232。";
        let v = scan_value(
            t,
            skip_label_tail(t, "号码".len()),
            shape_for(Label::Id(IdLabel::ResidentId)),
        )
        .unwrap();
        assert_eq!(v.normalized, "510107197805121232");
        assert_eq!(&t[v.span.clone()], "5101071978\n05121232");
    }

    #[test]
    fn value_stops_at_full_length() {
        let t = "510107197805121232 13800138000";
        let v = scan_value(t, 0, shape_for(Label::Id(IdLabel::ResidentId))).unwrap();
        assert_eq!(v.normalized, "510107197805121232");
    }

    #[test]
    fn number_sign_is_skipped() {
        let t = "护照号码：No. C03005988，";
        let v = scan_value(
            t,
            skip_label_tail(t, "护照号码".len()),
            shape_for(Label::Id(IdLabel::Passport)),
        )
        .unwrap();
        assert_eq!(v.normalized, "C03005988");
        let t = "护照号：NO:E12345678";
        let v = scan_value(
            t,
            skip_label_tail(t, "护照号".len()),
            shape_for(Label::Id(IdLabel::Passport)),
        )
        .unwrap();
        assert_eq!(v.normalized, "E12345678");
    }

    #[test]
    fn bank_groups() {
        let t = "6222 0212 3456 7890 123 开户行";
        let v = scan_value(t, 0, shape_for(Label::Bank)).unwrap();
        assert_eq!(v.normalized, "6222021234567890123");
    }
}
