//! Parties phase: the party and representative lines after the header (原告：…, 委托诉讼代理人：…),
//! with the continuation lines of a party (criminal history, 现羁押于…).

use super::procedure::{has_procedure_marker, starts_reasoning};
use super::PartyLine;

/// Party roles, longest first so that 被上诉人 wins over 上诉人 and 被告人 over 被告.
const PARTY_ROLES: &[&str] = &[
    "附带民事诉讼原告人",
    "附带民事诉讼被告人",
    "附带民事诉讼原告",
    "附带民事诉讼被告",
    "被申请执行人",
    "申请执行人",
    "再审申请人",
    "再审被申请人",
    "复议申请人",
    "复议被申请人",
    "申请复议人",
    "被申请复议人",
    "原审第三人",
    "原审原告",
    "原审被告",
    "一审原告",
    "一审被告",
    "一审第三人",
    "二审上诉人",
    "二审被上诉人",
    "被上诉人",
    "被申请人",
    "被执行人",
    "被告人",
    "上诉人",
    "申请人",
    "申诉人",
    "被申诉人",
    "异议人",
    "案外人",
    "第三人",
    "罪犯",
    "原告",
    "被告",
    "起诉人",
    "申报人",
    "赔偿请求人",
    "赔偿义务机关",
    "利害关系人",
];

/// Representatives and prosecutors: their lines are never parties to identify.
const REPRESENTATIVE_ROLES: &[&str] = &[
    "委托诉讼代理人",
    "委托代理人",
    "诉讼代理人",
    "特别授权代理人",
    "指定代理人",
    "法定代理人",
    "法定代表人",
    "诉讼代表人",
    "代表人",
    "负责人",
    "经营者",
    "指定辩护人",
    "辩护人",
    "公诉机关",
    "原公诉机关",
    "公诉人",
    "抗诉机关",
    "诉讼代理人",
    "委托代理",
    "共同委托诉讼代理人",
];

/// Strip a leading party/representative role from a paragraph: returns (role, prefix byte length,
/// representative?).
pub fn party_role(text: &str) -> Option<(&'static str, usize, bool)> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let (role, rep) = REPRESENTATIVE_ROLES
        .iter()
        .map(|r| (*r, true))
        .chain(PARTY_ROLES.iter().map(|r| (*r, false)))
        .filter(|(r, _)| t.starts_with(r))
        .max_by_key(|(r, _)| r.len())?;
    let mut rest = &t[role.len()..];
    // chained statuses: 一审被告、二审被上诉人：…
    while let Some(after) = rest.strip_prefix('、') {
        match PARTY_ROLES
            .iter()
            .filter(|r| after.starts_with(**r))
            .max_by_key(|r| r.len())
        {
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
pub(super) fn party_line(text: &str) -> Option<(&'static str, usize, bool)> {
    let (role, prefix, rep) = party_role(text)?;
    let rest = &text[prefix..];
    // "原告张三与被告李四…纠纷一案" is the procedure paragraph; "原告诉称" is a claim.
    if has_procedure_marker(text) && !rep {
        // Criminal defendants' lines mention 本院/刑事拘留 but not 一案/指控.
        let first_clause = rest.split(['，', '。', ',']).next().unwrap_or("");
        if first_clause.chars().count() > 25
            || has_procedure_marker(first_clause)
            || text.contains("一案")
        {
            return None;
        }
    }
    const PROSE: &[&str] = &[
        "诉称",
        "辩称",
        "称",
        "述称",
        "向本院",
        "与被告",
        "与原告",
        "不服",
        "提出",
        "认为",
        "主张",
        "的",
        "在本案",
        "应当",
        "要求",
        "对",
    ];
    if PROSE.iter().any(|p| rest.starts_with(p)) {
        return None;
    }
    Some((role, prefix, rep))
}

/// The parties phase: from `from` on, while paragraphs are party/representative lines or the
/// continuation of a party. Returns the party lines and the end of the section (exclusive).
pub(super) fn find_parties(
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
        if let Some((role, prefix_len, representative)) = party_line(t) {
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
            && !has_procedure_marker(t)
            && t.chars().count() < 200
            && !t.contains("本院")
            && !starts_reasoning(t)
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
