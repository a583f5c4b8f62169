//! Parties phase: the party and representative lines after the header (原告：…, 委托诉讼代理人：…),
//! with the continuation lines of a party (criminal history, 现羁押于…).

use super::procedure::{has_procedure_marker, starts_reasoning};
use super::{PartyLine, Vocab};

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
