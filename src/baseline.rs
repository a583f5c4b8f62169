//! Acknowledged findings: a stable fingerprint per finding (its code and its normalised excerpt,
//! not its paragraph number, so it survives edits elsewhere in the document), and baseline files
//! listing fingerprints with the reason a judge gave. An acknowledged finding is still reported
//! (marked `acknowledged`) but counts neither for the exit status nor for the gate's verdict.

use crate::diagnostic::{Acknowledged, Finding};
use crate::FileReport;
use serde::{Deserialize, Serialize};

/// One acknowledged fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    #[serde(default)]
    pub reason: String,
    /// Only in this file (as the report names it); none: in any file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// For the reader of the file only (never matched): the rule code and the masked excerpt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

/// The text a fingerprint is taken over: full-width ASCII forms folded to ASCII, ideographic
/// space and all white space removed.
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            (!c.is_whitespace()).then_some(c)
        })
        .collect()
}

/// `CODE-` and 16 hex digits of FNV-1a 64 over the code and the normalised excerpt.
pub fn fingerprint(code: &str, excerpt: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    let norm = normalise(excerpt);
    for b in code
        .as_bytes()
        .iter()
        .chain(std::iter::once(&0x1f))
        .chain(norm.as_bytes())
    {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{code}-{h:016x}")
}

/// Entries from a baseline file or an API field: `{"acknowledged": [...]}` or the array itself.
pub fn parse_entries(s: &str) -> Result<Vec<Entry>, String> {
    #[derive(Deserialize)]
    struct File {
        acknowledged: Vec<Entry>,
    }
    let v: serde_json::Value = serde_json::from_str(s).map_err(|e| e.to_string())?;
    let entries = if v.is_array() {
        serde_json::from_value::<Vec<Entry>>(v)
    } else {
        serde_json::from_value::<File>(v).map(|f| f.acknowledged)
    }
    .map_err(|e| e.to_string())?;
    for e in &entries {
        if e.fingerprint.trim().is_empty() {
            return Err("fingerprint 为空".into());
        }
    }
    Ok(entries)
}

/// Mark the findings of `r` that `entries` acknowledge.
pub fn apply(r: &mut FileReport, entries: &[Entry]) {
    if entries.is_empty() {
        return;
    }
    for f in &mut r.findings {
        if let Some(e) = entries.iter().find(|e| {
            e.fingerprint == f.fingerprint && e.path.as_deref().is_none_or(|p| p == r.path)
        }) {
            f.acknowledged = Some(Acknowledged {
                reason: e.reason.clone(),
            });
        }
    }
}

/// Does this finding count for the exit status and the verdict?
pub fn counts(f: &Finding) -> bool {
    f.acknowledged.is_none()
}

/// A baseline file acknowledging every finding of `reports` (reason left for the judge to
/// fill in; excerpts masked so the file holds no identity number).
pub fn write(reports: &[FileReport]) -> String {
    let mut entries: Vec<Entry> = Vec::new();
    for r in reports {
        for f in &r.findings {
            if entries
                .iter()
                .any(|e| e.fingerprint == f.fingerprint && e.path.as_deref() == Some(&r.path))
            {
                continue;
            }
            entries.push(Entry {
                fingerprint: f.fingerprint.clone(),
                reason: f
                    .acknowledged
                    .as_ref()
                    .map(|a| a.reason.clone())
                    .unwrap_or_default(),
                path: Some(r.path.clone()),
                code: Some(f.code.to_string()),
                excerpt: Some(crate::redact::text(&f.excerpt)),
            });
        }
    }
    serde_json::to_string_pretty(&serde_json::json!({"version": 1, "acknowledged": entries}))
        .unwrap_or_default()
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_width_and_spacing() {
        let a = fingerprint("EX005", "被告于本判决生效后 支付");
        assert_eq!(a, fingerprint("EX005", "被告于本判决生效后支付"));
        assert_eq!(
            fingerprint("EX008", "100元"),
            fingerprint("EX008", "１００元")
        );
        assert_ne!(a, fingerprint("EX001", "被告于本判决生效后支付"));
        assert_ne!(a, fingerprint("EX005", "原告于本判决生效后支付"));
        assert!(a.starts_with("EX005-") && a.len() == 6 + 16);
    }

    #[test]
    fn parses_both_shapes_and_rejects_empty() {
        let one = r#"[{"fingerprint": "EX005-0000000000000001", "reason": "期限另行确定"}]"#;
        assert_eq!(parse_entries(one).unwrap()[0].reason, "期限另行确定");
        let file = r#"{"version": 1, "acknowledged": [{"fingerprint": "X-1"}]}"#;
        assert_eq!(parse_entries(file).unwrap()[0].fingerprint, "X-1");
        assert!(parse_entries(r#"[{"fingerprint": ""}]"#).is_err());
        assert!(parse_entries("nonsense").is_err());
    }
}
