//! Opt-in rules on the bundled corpus (`corpus/labels-optin.json`): every rendering of each listed
//! document (txt, docx, PDFs, .doc, OFD) gives exactly the expected FE002 findings when FE002 is
//! named with `--select FE002`, and none at all when it is not named (default selection,
//! `--select ALL`, `--select FE`).

use serde_json::Value;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;
use wenshu_lint::{lint_bytes, Options, Selection};

fn corpus() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
}

fn squeeze(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Every rendering of document `id` in the corpus folder.
fn renderings(id: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.split('.').next() == Some(id) && !n.ends_with(".json"))
                && p.extension().is_some_and(|e| {
                    ["txt", "docx", "pdf", "doc", "wps", "ofd"].contains(&&*e.to_string_lossy())
                })
        })
        .collect();
    v.sort();
    v
}

fn opts(select: &[&str]) -> Options {
    Options {
        selection: Selection {
            select: select.iter().map(|s| s.to_string()).collect(),
            ..Selection::default()
        },
        ..Options::default()
    }
}

fn fe002_contexts(path: &Path, select: &[&str]) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let rep = lint_bytes(&bytes, &path.display().to_string(), &opts(select));
    assert!(rep.error.is_none(), "{}: {:?}", path.display(), rep.error);
    rep.findings
        .iter()
        .filter(|f| f.code == "FE002")
        .map(|f| squeeze(&f.context))
        .collect()
}

#[test]
fn fe002_fires_only_when_named_and_exactly_as_labelled() {
    let labels: serde_json::Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("labels-optin.json")).unwrap())
            .unwrap();
    let mut failures = Vec::new();
    let mut files = 0;
    let mut expected_total = 0;
    for (id, lab) in labels.iter().filter(|(k, _)| !k.starts_with('_')) {
        let expect: Vec<String> = lab["expect"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| squeeze(e[1].as_str().unwrap_or("")))
            .collect();
        let paths = renderings(id);
        assert!(!paths.is_empty(), "{id}: no rendering in corpus/");
        for path in paths {
            files += 1;
            expected_total += expect.len();
            let got = fe002_contexts(&path, &["FE002"]);
            let matched = got.len() == expect.len()
                && expect
                    .iter()
                    .all(|a| got.iter().any(|g| g.contains(a.as_str())));
            if !matched {
                failures.push(format!(
                    "{}: expected FE002 at {expect:?}, got {got:?}",
                    path.display()
                ));
            }
            for select in [&[][..], &["ALL"][..], &["FE"][..], &["FE001"][..]] {
                let off = fe002_contexts(&path, select);
                if !off.is_empty() {
                    failures.push(format!(
                        "{}: FE002 fired without being named (--select {select:?})",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(files >= 40, "only {files} files scored");
    assert!(expected_total > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same through the command line and a config file: `select = ["FE002"]` turns it on,
/// `select = ["ALL"]` and `--select FE` do not.
#[test]
fn fe002_through_the_binary_and_the_config_file() {
    let dir = std::env::temp_dir().join(format!("wenshu-optin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let doc = dir.join("h01.txt");
    std::fs::copy(corpus().join("h01-fee-prepaid-unsettled.txt"), &doc).unwrap();
    let run = |config: Option<&str>, args: &[&str]| -> usize {
        let cfg = dir.join("wenshu-lint.toml");
        match config {
            Some(c) => std::fs::write(&cfg, c).unwrap(),
            None => {
                let _ = std::fs::remove_file(&cfg);
            }
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_wenshu-lint"))
            .arg("check")
            .args(args)
            .arg(&doc)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.starts_with("warning[FE002]"))
            .count()
    };
    let counts = [
        run(Some("select = [\"FE002\"]\n"), &[]),
        run(Some("select = [\"ALL\"]\n"), &[]),
        run(None, &["--select", "FE"]),
        run(None, &["--select", "ALL,FE002"]),
        run(None, &[]),
    ];
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(counts, [1, 0, 0, 1, 0]);
}
