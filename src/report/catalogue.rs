//! `wenshu-lint rules` and `wenshu-lint explain CODE`, from the same metadata as the messages.

use crate::read::ReadCode;
use crate::rules::{all, Rule};
use crate::structure::Section;
use serde_json::json;
use std::fmt::Write;

fn profiles(r: &Rule) -> String {
    r.profiles
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// One line a rule: code, severity, family, profiles, summary; then the READ codes (files that
/// could not be checked), one line each.
pub fn text() -> String {
    let mut s = String::new();
    for r in all() {
        let _ = writeln!(
            s,
            "{:<6} {:<7} {:<14} {:<12} {}",
            r.code,
            r.severity.as_str(),
            r.family,
            profiles(r),
            r.summary
        );
    }
    let _ = writeln!(
        s,
        "\n读取错误（文件无法检查，退出码 2；`wenshu-lint explain READ005` 查看含义和处理办法）："
    );
    for c in ReadCode::ALL {
        let d = c.doc();
        let _ = writeln!(s, "{:<7} {}", d.code, d.title);
    }
    s
}

/// The explanation of a READ code: what it means, what to do.
pub fn explain_read(code: ReadCode) -> String {
    let d = code.doc();
    format!(
        "{} (读取错误)：{}\n\n含义：{}\n\n处理办法：{}\n\n出现读取错误的文件没有被检查（不是“未发现问题”）；其他文件照常检查，整次运行以退出码 2 结束。\n",
        d.code, d.title, d.meaning, d.remedy
    )
}

pub fn json() -> String {
    let v: Vec<_> = all()
        .iter()
        .map(|r| {
            json!({"code": r.code, "severity": r.severity.as_str(), "family": r.family, "profiles": r.profiles,
                   "summary": r.summary, "message": r.message, "help": r.help, "seed": r.seed})
        })
        .collect();
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

fn example_text(parts: &[(Section, &str)]) -> String {
    let mut s = String::new();
    for (sec, text) in parts {
        if matches!(
            sec,
            Section::Header | Section::Procedure | Section::Reasoning
        ) && parts.len() > 2
        {
            continue; // context lines of long examples
        }
        for line in text.lines() {
            let _ = writeln!(s, "    [{}] {line}", sec.as_str());
        }
    }
    s
}

/// The explanation of one rule.
pub fn explain(r: &Rule) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} ({}, {})：{}",
        r.code,
        r.severity.as_str(),
        r.family,
        r.message
    );
    let _ = writeln!(s, "{}\n", r.summary);
    let _ = writeln!(s, "检查内容：{}\n", r.explain);
    let _ = writeln!(s, "依据：绵中法〔2022〕92号 {}", r.seed);
    let _ = writeln!(s, "适用：{} 配置（--profile）\n", profiles(r));
    let _ = writeln!(s, "修改建议：{}\n", r.help);
    for ex in r.bad {
        let _ = writeln!(s, "错误示例（会报告）：\n{}", example_text(ex.parts));
    }
    for ex in r.good {
        let _ = writeln!(s, "正确示例（不报告）：\n{}", example_text(ex.parts));
    }
    s
}
