//! Parties phase: the party and representative lines after the header (原告：…, 委托诉讼代理人：…),
//! with the continuation lines of a party (criminal history, 现羁押于…).

use super::procedure::{has_procedure_marker, starts_reasoning};
use super::{PartyLine, Section, Structure, Vocab};
use crate::document::Document;
use crate::idnum::{self, FoundCode, FoundId};
use crate::patterns::Patterns;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Strip a leading party/representative role from a paragraph: returns (role, prefix byte length,
/// representative?).
/// The longest role wins; a word that is both a party and a representative role is a party role.
pub fn party_role<'v>(v: &Vocab<'v>, text: &str) -> Option<(&'v str, usize, bool)> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let (role, rep) = match (v.representative_role.prefix(t), v.party_role.prefix(t)) {
        (Some(r), Some(p)) if r.len() > p.len() => (r, true),
        (_, Some(p)) => (p, false),
        (Some(r), None) => (r, true),
        (None, None) => return None,
    };
    let mut rest = &t[role.len()..];
    // chained statuses: 一审被告、二审被上诉人：…
    while let Some(after) = rest.strip_prefix('、') {
        match v.party_role.prefix(after) {
            Some(r) => rest = &after[r.len()..],
            None => break,
        }
    }
    // procedural status in brackets: 上诉人（原审被告、反诉原告）
    if rest.starts_with(['（', '(']) {
        let close = rest.find(['）', ')'])?;
        if rest[..close].chars().count() > 30 {
            return None;
        }
        rest = &rest[close + rest[close..].chars().next()?.len_utf8()..];
    }
    let rest_trim = rest.trim_start_matches(['：', ':', ' ', '\u{3000}']);
    let prefix_len = lead + (t.len() - rest_trim.len());
    // After the role comes a name, not running prose like "原告诉称" or "被告辩称".
    if rest_trim.is_empty() {
        return None;
    }
    Some((role, prefix_len, rep))
}

/// Is this paragraph a party or representative line?
pub(super) fn party_line<'v>(v: &Vocab<'v>, text: &str) -> Option<(&'v str, usize, bool)> {
    let (role, prefix, rep) = party_role(v, text)?;
    let rest = &text[prefix..];
    // "原告张三与被告李四…纠纷一案" is the procedure paragraph; "原告诉称" is a claim.
    if has_procedure_marker(v, text) && !rep {
        // Criminal defendants' lines mention 本院/刑事拘留 but not 一案/指控.
        let first_clause = rest.split(['，', '。', ',']).next().unwrap_or("");
        if first_clause.chars().count() > 25
            || has_procedure_marker(v, first_clause)
            || text.contains("一案")
        {
            return None;
        }
    }
    if v.party_prose.prefix(rest).is_some() {
        return None;
    }
    Some((role, prefix, rep))
}

/// The parties phase: from `from` on, while paragraphs are party/representative lines or the
/// continuation of a party. Returns the party lines and the end of the section (exclusive).
pub(super) fn find_parties(
    v: &Vocab,
    texts: &[&str],
    from: usize,
    body_end: usize,
) -> (Vec<PartyLine>, usize) {
    let mut parties = Vec::new();
    let mut parties_end = from;
    let mut i = from;
    let mut in_parties = false;
    while i < body_end {
        let t = texts[i];
        if let Some((role, prefix_len, representative)) = party_line(v, t) {
            in_parties = true;
            parties.push(PartyLine {
                para: i,
                role: role.to_string(),
                prefix_len,
                representative,
            });
            i += 1;
            parties_end = i;
            continue;
        }
        // continuation of a party (criminal history, 现羁押于…) before the procedure starts
        if in_parties
            && !has_procedure_marker(v, t)
            && t.chars().count() < 200
            && !t.contains("本院")
            && !starts_reasoning(v, t)
            && !t.trim_start().starts_with("案由")
        {
            i += 1;
            parties_end = i;
            continue;
        }
        break;
    }
    (parties, parties_end)
}

// ---------------------------------------------------------------------------------------------
// Party classification (read by the ID rules through `rules::Context::parties`)

/// Natural person, organisation, or not decidable from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyKind {
    Person,
    Organisation,
    Unknown,
}

/// A party (not a representative) with everything the ID rules need.
pub struct Party<'a> {
    /// The party line's paragraph.
    pub para: usize,
    /// Paragraphs of the party: its line and continuation lines (not representative lines).
    pub paras: Vec<usize>,
    /// The name as written, and its byte range in the party line.
    pub name: &'a str,
    pub name_range: Range<usize>,
    pub kind: PartyKind,
    /// Person ids and credit codes found in the party's paragraphs: (paragraph, found).
    pub ids: Vec<(usize, FoundId)>,
    pub codes: Vec<(usize, FoundCode)>,
}

static RE_ETHNIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\x{3400}-\x{9FFF}]{1,4}族(?:[，,。；;]|$)").unwrap());

/// The parties of the document (not the representatives), classified as person or organisation
/// from the name (organisation words of patterns/identity.txt), the 男/女, 出生 and 族 fields of
/// the line, the identifiers found in it and the representative lines that follow (法定代表人 …).
/// `rules::Context::parties` computes it once per document.
pub fn classify_parties<'a>(doc: &'a Document, st: &Structure, p: &Patterns) -> Vec<Party<'a>> {
    let text = |i: usize| doc.para_text(i);
    let mut out = Vec::new();
    for (k, pl) in st.parties.iter().enumerate() {
        if pl.representative {
            continue;
        }
        let line = text(pl.para);
        let rest = &line[pl.prefix_len.min(line.len())..];
        let name_end = name_end(rest);
        let mut name = &rest[..name_end];
        // "张记五金店（个体工商户）" → the name proper for the suffix check
        let bare = name.split(['（', '(']).next().unwrap_or(name);
        // continuation paragraphs: up to the next party or representative line
        let next_line = st.parties.get(k + 1).map(|p| p.para).unwrap_or_else(|| {
            st.in_section(Section::Parties)
                .last()
                .map(|l| l + 1)
                .unwrap_or(pl.para + 1)
        });
        let paras: Vec<usize> = (pl.para..next_line.max(pl.para + 1))
            .filter(|i| st.sections.get(*i) == Some(&Section::Parties))
            .collect();
        // the representatives that follow this party
        let reps: Vec<&str> = st.parties[k + 1..]
            .iter()
            .take_while(|p| p.representative)
            .map(|p| p.role.as_str())
            .collect();
        // other registered numbers (注册号, 组织机构代码, 执业证号) are not identity numbers
        let ids: Vec<(usize, FoundId)> = paras
            .iter()
            .flat_map(|&i| {
                let text = text(i);
                idnum::find_person_ids(text)
                    .into_iter()
                    .filter(move |f| {
                        f.label.is_some() || !other_number_label(p, text, f.span.start)
                    })
                    .map(move |f| (i, f))
            })
            .collect();
        let codes: Vec<(usize, FoundCode)> = paras
            .iter()
            .flat_map(|&i| {
                idnum::find_credit_codes(text(i))
                    .into_iter()
                    .map(move |f| (i, f))
            })
            .collect();

        let suffixes = p.keywords("identity", "organisation_suffix");
        let org_name = suffixes.words().iter().any(|w| bare.ends_with(w.as_str()))
            || p.keywords("identity", "organisation_word").is_match(bare);
        let org_signal = org_name
            || !codes.is_empty()
            || reps.iter().any(|r| {
                p.keywords("structure", "organisation_representative")
                    .exact(r)
            })
            || rest.contains("住所地");
        let person_signal = idnum::stated_sex(line).is_some()
            || line.contains("出生")
            || RE_ETHNIC.is_match(line)
            || ids.iter().any(|(_, f)| f.label.is_some());
        // a bare name (原告张有文。 / 被告：张庆丰，住…。) with no organisation word and no
        // representative line after it is a natural person; so is a foreign name
        let bare_person = !org_signal && (person_name_shape(bare) || foreign_name(bare));
        let kind = if person_signal && !org_name {
            PartyKind::Person
        } else if org_signal {
            PartyKind::Organisation
        } else if person_signal || bare_person {
            PartyKind::Person
        } else {
            PartyKind::Unknown
        };
        if name.is_empty() {
            name = rest;
        }
        let name_start = pl.prefix_len.min(line.len());
        out.push(Party {
            para: pl.para,
            paras,
            name,
            name_range: name_start..name_start + name.len(),
            kind,
            ids,
            codes,
        });
    }
    out
}

/// Where the name of a party line ends: at the first comma, full stop or full-width space, or an
/// ASCII space that is not inside a Latin name (Tanaka Taro（田中太郎）is one name).
fn name_end(rest: &str) -> usize {
    let mut prev: Option<char> = None;
    let mut it = rest.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        match c {
            '，' | ',' | '。' | '；' | ';' | '\u{3000}' => return i,
            ' ' => {
                let next = it.peek().map(|(_, n)| *n);
                let latin =
                    |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphabetic() || x == '.');
                if !(latin(prev) && latin(next)) {
                    return i;
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    rest.len()
}

/// 2–4 Chinese characters (or a name with the middle dot of minority and transliterated names):
/// the shape of a person's name, not of an organisation's.
fn person_name_shape(name: &str) -> bool {
    let n = name.chars().count();
    let han = name
        .chars()
        .all(|c| ('\u{3400}'..='\u{9FFF}').contains(&c) || c == '·' || c == '•');
    han && (2..=4).contains(&n) || han && name.contains('·') && n <= 12
}

/// A name written in Latin letters (a foreigner's).
pub fn foreign_name(name: &str) -> bool {
    let latin = name.chars().filter(|c| c.is_ascii_alphabetic()).count();
    latin >= 2 && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Is the number at `at` labelled as another registered number (注册号, 组织机构代码, 执业证号,
/// 营业执照号 …), not an identity number?
fn other_number_label(p: &Patterns, text: &str, at: usize) -> bool {
    let before: String = text[..at]
        .chars()
        .rev()
        .take(10)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    p.keywords("identifiers", "other_number_label")
        .is_match(&before)
}

pub(super) fn warm() {
    LazyLock::force(&RE_ETHNIC);
}
