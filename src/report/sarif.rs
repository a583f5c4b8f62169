//! SARIF 2.1.0: one run, the rule catalogue with help text, results with line/column regions.

use crate::diagnostic::Severity;
use crate::rules::Rule;
use crate::FileReport;
use serde_json::{json, Value};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_json(r: &Rule) -> Value {
    json!({
        "id": r.code,
        "name": r.code,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": format!("{}：{}", r.message, r.explain)},
        "help": {"text": r.help},
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {"family": r.family, "seed": r.seed}
    })
}

/// A whole SARIF log for these reports. Unreadable files become tool execution notifications.
pub fn log(reports: &[FileReport], rules: &[&Rule]) -> String {
    let index = |code: &str| rules.iter().position(|r| r.code == code);
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for rep in reports {
        let uri = rep.path.replace('\\', "/");
        if let Some(e) = &rep.error {
            notifications.push(json!({
                "level": "error",
                "descriptor": {"id": e.code.as_str()},
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]
            }));
            continue;
        }
        for w in &rep.warnings {
            // A file read only in part: a warning notification (not a rule result).
            notifications.push(json!({
                "level": "warning",
                "descriptor": {"id": w.code},
                "message": {"text": w.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                "properties": {"pages": w.pages}
            }));
        }
        for f in &rep.findings {
            let mut result = json!({
                "ruleId": f.code,
                "level": level(f.severity),
                "message": {"text": format!("{}（{}）", f.message, f.help)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "charOffset": f.char_offset,
                            "charLength": f.char_length,
                            "snippet": {"text": f.excerpt}
                        }
                    }
                }],
                "properties": {"paragraph": f.paragraph, "page": f.page}
            });
            if let Some(i) = index(f.code) {
                result["ruleIndex"] = json!(i);
            }
            results.push(result);
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": crate::report::json::TOOL_NAME,
                "version": crate::report::json::TOOL_VERSION,
                "informationUri": "https://github.com/wenshu-lint/wenshu-lint",
                "rules": rules.iter().map(|r| rule_json(r)).collect::<Vec<_>>()
            }},
            "invocations": [{"executionSuccessful": !notifications.iter().any(|n| n["level"] == "error"), "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
