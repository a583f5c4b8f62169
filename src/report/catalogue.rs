//! `wenshu-lint rules` and `wenshu-lint explain CODE`, from the same metadata as the messages.

use crate::read::ReadCode;
use crate::rules::{all, Default, Rule, Scope};
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

fn profiles_zh(r: &Rule) -> String {
    r.profiles
        .iter()
        .map(|p| match p.as_str() {
            "draft" => "原本",
            "public" => "上网",
            other => other,
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// One rule's line of `rules`: code, severity, family, profiles, the defect; an opt-in rule says
/// how to turn it on.
pub fn rule_line(r: &Rule) -> String {
    let sev = match r.severity {
        crate::Severity::Error => "错误",
        crate::Severity::Warning => "警告",
        crate::Severity::Info => "提示",
    };
    let opt_in = match r.default {
        Default::On => "",
        Default::OptIn => "（默认关闭，需 --select 指定）",
    };
    format!(
        "{}{}{}{}{}{opt_in}\n",
        pad(r.code, 7),
        pad(sev, 6),
        pad(r.family.name_zh(), 10),
        pad(&profiles_zh(r), 12),
        r.message
    )
}

/// Pad `s` with spaces to `w` terminal columns (CJK characters are two columns wide).
fn pad(s: &str, w: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
}

/// One line a rule, in Chinese: code, severity, family, profiles (原本 = draft, 上网 = public),
/// the defect it reports; then the READ codes (files that could not be checked), one line each.
pub fn text() -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}{}{}{}问题",
        pad("代码", 7),
        pad("级别", 6),
        pad("类别", 10),
        pad("适用", 12)
    );
    for r in all() {
        s.push_str(&rule_line(r));
    }
    s.push_str("\n原本：--profile draft（默认，签发前的文书）；上网：--profile public（上网公开的文本）。详细说明：wenshu-lint explain 代码\n");
    if all().iter().any(|r| r.default == Default::OptIn) {
        s.push_str("默认关闭：须用 --select 代码（或配置文件的 select）逐一指定才检查，--select ALL 和类别前缀不会打开。\n");
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
                   "default": r.default, "scope": r.scope,
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

fn section_zh(s: Section) -> &'static str {
    match s {
        Section::Header => "首部",
        Section::Parties => "当事人",
        Section::Procedure => "诉讼经过和事实",
        Section::Reasoning => "本院认为",
        Section::Ruling => "判项",
        Section::Tail => "尾部",
        Section::Signature => "署名",
        Section::Appendix => "署名之后（附录）",
    }
}

/// The rule's scope in one Chinese line: the sections it reads, the case and document kinds.
pub fn scope_text(sc: &Scope) -> String {
    fn list<T: Copy>(v: &[T], name: fn(T) -> &'static str) -> String {
        if v.is_empty() {
            "全部".to_string()
        } else {
            v.iter().map(|x| name(*x)).collect::<Vec<_>>().join("、")
        }
    }
    let sections = if sc.sections.is_empty() {
        "全文".to_string()
    } else {
        list(sc.sections, section_zh)
    };
    format!(
        "检查范围：读取 {sections}；案件类型 {}；文书种类 {}",
        list(sc.cases, |k| k.name_zh()),
        list(sc.documents, |k| k.name_zh())
    )
}

/// The explanation of one rule.
pub fn explain(r: &Rule) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} ({}, {})：{}",
        r.code,
        r.severity.as_str(),
        r.family.name(),
        r.message
    );
    let _ = writeln!(s, "{}\n", r.summary);
    let _ = writeln!(s, "检查内容：{}\n", r.explain);
    let _ = writeln!(s, "依据：绵中法〔2022〕92号 {}", r.seed);
    match r.default {
        Default::On => {
            let _ = writeln!(s, "适用：{} 配置（--profile）", profiles(r));
        }
        Default::OptIn => {
            let _ = writeln!(
                s,
                "适用：默认关闭，需 --select {} 指定（或在配置文件的 select 中列出；--select ALL 和类别前缀不会打开）",
                r.code
            );
        }
    }
    let _ = writeln!(s, "{}\n", scope_text(&r.scope));
    let _ = writeln!(s, "修改建议：{}\n", r.help);
    for ex in r.bad {
        let _ = writeln!(s, "错误示例（会报告）：\n{}", example_text(ex.parts));
    }
    for ex in r.good {
        let _ = writeln!(s, "正确示例（不报告）：\n{}", example_text(ex.parts));
    }
    s
}
