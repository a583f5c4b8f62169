//! `explain READ0NN` documents every READ code from the table the reports use
//! (`ReadCode::doc`), and `rules` lists them after the rules.

use std::process::Command;
use wenshu_lint::ReadCode;

const BIN: &str = env!("CARGO_BIN_EXE_wenshu-lint");

fn run(args: &[&str]) -> (Option<i32>, String) {
    let o = Command::new(BIN).args(args).output().unwrap();
    (o.status.code(), String::from_utf8(o.stdout).unwrap())
}

#[test]
fn every_read_code_is_explained() {
    assert!(ReadCode::ALL.len() >= 11);
    for c in ReadCode::ALL {
        let d = c.doc();
        for spelled in [d.code.to_string(), d.code.to_lowercase()] {
            let (status, out) = run(&["explain", &spelled]);
            assert_eq!(status, Some(0), "{spelled}");
            assert!(out.starts_with(d.code), "{out}");
            for part in [d.title, d.meaning, d.remedy] {
                assert!(out.contains(part), "{spelled}: {part} not in {out}");
            }
        }
    }
    let (status, _) = run(&["explain", "READ099"]);
    assert_eq!(status, Some(2));
}

#[test]
fn the_explanation_is_the_one_the_reports_name() {
    // READ005 on a password-protected DOCX: the report's code and `explain` agree on the advice.
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/broken/encrypted.docx");
    let (status, out) = run(&["check", "--format", "json", f]);
    assert_eq!(status, Some(2));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let code = v["files"][0]["error"]["code"].as_str().unwrap();
    assert_eq!(code, "READ005");
    let (_, ex) = run(&["explain", code]);
    assert!(
        ex.contains("取消密码") && ex.contains("EncryptedPackage"),
        "{ex}"
    );
}

#[test]
fn rules_lists_the_read_codes_in_their_own_section() {
    let (status, out) = run(&["rules"]);
    assert_eq!(status, Some(0));
    let (rules, reads) = out.split_once("读取错误").expect("a READ section");
    assert!(rules.contains("EX001") && !rules.contains("READ0"));
    for c in ReadCode::ALL {
        let d = c.doc();
        assert!(
            reads
                .lines()
                .any(|l| l.starts_with(d.code) && l.contains(d.title)),
            "{}",
            d.code
        );
    }
}
