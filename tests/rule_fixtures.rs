//! Per-rule fixtures with snapshots (ruff's `assert_diagnostics!` is the model): one test per file
//! `tests/fixtures/rules/<CODE>.txt`, linted with only that code selected (in the first profile the
//! rule lists), its findings — code, paragraph, line:column, excerpt, message — snapshotted with
//! insta as `tests/snapshots/rule_fixtures__<CODE>.snap`, so wording and spans are pinned, not only
//! "it fires".
//!
//! A fixture holds one or more documents, each after a line `=== 报告：<what>` (the rule must fire
//! in it at least once) or `=== 不报告：<what>` (it must not fire). Every rule in the registry has a
//! fixture, and every fixture fires its code at least once, so an empty snapshot cannot pass; a
//! finding outside the sections the rule declares (its `Scope`) fails too.

use libtest_mimic::{Arguments, Failed, Trial};
use std::fmt::Write;
use std::path::PathBuf;
use wenshu_lint::structure::analyze;
use wenshu_lint::{lint_bytes, read_bytes, Limits, Options, Selection};

fn dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules"))
}

/// The documents of a fixture: (heading, must fire, text).
fn cases(text: &str) -> Result<Vec<(String, bool, String)>, Failed> {
    let mut out: Vec<(String, bool, String)> = Vec::new();
    for line in text.lines() {
        if let Some(head) = line.strip_prefix("=== ") {
            let fires = if head.starts_with("报告：") {
                true
            } else if head.starts_with("不报告：") {
                false
            } else {
                return Err(format!("heading {head:?}: start with 报告： or 不报告：").into());
            };
            out.push((head.to_string(), fires, String::new()));
        } else if let Some((_, _, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        } else if !line.trim().is_empty() {
            return Err("text before the first === heading".into());
        }
    }
    if out.is_empty() {
        return Err("no === heading".into());
    }
    Ok(out)
}

fn run(code: &'static str) -> Result<(), Failed> {
    let rule = wenshu_lint::rules::by_code(code).ok_or("not in the registry")?;
    let path = dir().join(format!("{code}.txt"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let opts = Options {
        profile: rule.profiles[0],
        selection: Selection {
            select: vec![code.to_string()],
            ..Selection::default()
        },
        ..Options::default()
    };
    let mut rendered = String::new();
    let mut fired = 0;
    let mut problems = Vec::new();
    for (head, must_fire, body) in cases(&text)? {
        let rep = lint_bytes(body.as_bytes(), &format!("{code}.txt"), &opts);
        if let Some(e) = rep.error {
            return Err(format!("{head}: {e:?}").into());
        }
        let _ = writeln!(rendered, "=== {head}");
        let mine = rep.findings.iter().filter(|f| f.code == code).count();
        if rep.findings.iter().any(|f| f.code != code) {
            problems.push(format!("{head}: a code other than {code} was reported"));
        }
        if must_fire && mine == 0 {
            problems.push(format!("{head}: {code} did not fire"));
        }
        if !must_fire && mine > 0 {
            problems.push(format!("{head}: {code} fired"));
        }
        fired += mine;
        // findings stay in the sections the rule declares it reads
        if !rule.scope.sections.is_empty() && mine > 0 {
            let doc = read_bytes(body.as_bytes(), Some("t.txt"), &Limits::default())
                .map_err(|e| format!("{head}: {e:?}"))?;
            let st = analyze(&doc);
            for f in rep.findings.iter().filter(|f| f.code == code) {
                let sec = st.sections[f.paragraph - 1];
                if !rule.scope.sections.contains(&sec) {
                    problems.push(format!(
                        "{head}: {code} reported in {sec:?}, outside its scope {:?}",
                        rule.scope.sections
                    ));
                }
            }
        }
        if rep.findings.is_empty() {
            let _ = writeln!(rendered, "(无)");
        }
        for f in &rep.findings {
            let _ = writeln!(
                rendered,
                "{} 第{}段 {}:{} 「{}」 {}",
                f.code, f.paragraph, f.line, f.column, f.excerpt, f.message
            );
        }
    }
    if fired == 0 {
        problems.push(format!("{code} fired nowhere in its fixture"));
    }
    if !problems.is_empty() {
        return Err(problems.join("\n").into());
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(true);
    settings.set_description(format!(
        "{code} fixture, --select {code} --profile {}",
        rule.profiles[0].as_str()
    ));
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(code, rendered));
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let mut trials: Vec<Trial> = wenshu_lint::rules::all()
        .into_iter()
        .map(|r| Trial::test(r.code, move || run(r.code)))
        .collect();
    // a fixture whose code is not in the registry is a stale file
    let known: Vec<&str> = wenshu_lint::rules::all().iter().map(|r| r.code).collect();
    let mut stale = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir()) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let stem = name.strip_suffix(".txt").unwrap_or(&name).to_string();
            if !known.contains(&stem.as_str()) {
                stale.push(name);
            }
        }
    }
    trials.push(Trial::test("no-stale-fixtures", move || {
        if stale.is_empty() {
            Ok(())
        } else {
            Err(format!("fixtures for codes not in the registry: {stale:?}").into())
        }
    }));
    libtest_mimic::run(&args, trials).exit();
}
