//! The command line as a user and a document system see it: exit codes, the JSON/JSONL/SARIF
//! contracts, selection flags, configuration files, stdin, and the rendered human output
//! (insta snapshots).

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_wenshu-lint"));
    c.env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", stdout(o)))
}

fn codes(v: &Value) -> Vec<String> {
    let mut c: Vec<String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["code"].as_str().unwrap().to_string())
        })
        .collect();
    c.sort();
    c
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("wenshu-lint-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn clean_document_exits_zero_with_no_findings() {
    let o = run(&[
        "check",
        "--format",
        "json",
        "corpus/c01-loan-clean.txt",
        "corpus/c01-loan-clean.docx",
        "corpus/c01-loan-clean.lo.pdf",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v = json(&o);
    assert_eq!(codes(&v), Vec::<String>::new());
    assert_eq!(v["summary"]["files"], 3);
    assert_eq!(v["tool"]["name"], "wenshu-lint");
}

#[test]
fn json_contract_fields() {
    let o = run(&["check", "--format", "json", "corpus/d01-divorce-vague.docx"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let f = &v["files"][0];
    assert_eq!(f["format"], "docx");
    assert_eq!(f["document"]["kind"], "判决书");
    assert_eq!(f["document"]["case_kind"], "民事");
    assert!(f["document"]["case_number"]
        .as_str()
        .unwrap()
        .contains("民初"));
    assert!(f["document"]["date"].as_str().unwrap().starts_with("20"));
    assert!(f["error"].is_null());
    let d = &f["diagnostics"][0];
    for key in [
        "code",
        "severity",
        "message",
        "paragraph",
        "page",
        "line",
        "column",
        "span",
        "excerpt",
        "context",
        "help",
    ] {
        assert!(d.get(key).is_some(), "diagnostic has {key}");
    }
    assert_eq!(d["code"], "EX001");
    assert!(d["context"]
        .as_str()
        .unwrap()
        .contains(d["excerpt"].as_str().unwrap()));
    assert!(d["span"]["end"].as_u64() > d["span"]["start"].as_u64());
    assert_eq!(v["summary"]["by_code"]["EX001"], 2);
}

#[test]
fn pdf_findings_carry_page_and_line() {
    let o = run(&[
        "check",
        "--format",
        "json",
        "corpus/k01-criminal-theft.chromium.pdf",
    ]);
    let v = json(&o);
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "EX006");
    assert!(d["page"].as_u64().unwrap() >= 1);
    assert!(d["line"].as_u64().unwrap() >= 1);
}

#[test]
fn unreadable_inputs_exit_two_and_the_rest_is_still_checked() {
    let o = run(&[
        "check",
        "--format",
        "json",
        "corpus/broken",
        "corpus/d01-divorce-vague.txt",
        "no/such/file.docx",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    let files = v["files"].as_array().unwrap();
    let errors: Vec<&str> = files
        .iter()
        .filter_map(|f| f["error"]["code"].as_str())
        .collect();
    assert_eq!(errors.len(), 9, "{errors:?}");
    for f in files.iter().filter(|f| !f["error"].is_null()) {
        assert!(!f["error"]["message"].as_str().unwrap().is_empty());
        assert_eq!(f["diagnostics"].as_array().unwrap().len(), 0);
    }
    assert!(
        codes(&v).contains(&"EX001".to_string()),
        "the readable file is still checked"
    );
    let by_path = |p: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(p))
            .unwrap()["error"]["code"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(by_path("legacy.docx"), "READ002");
    assert_eq!(by_path("empty.docx"), "READ001");
    assert_eq!(by_path("corrupt.docx"), "READ003");
    assert_eq!(by_path("truncated.pdf"), "READ004");
    assert_eq!(by_path("encrypted.pdf"), "READ005");
    assert_eq!(by_path("encrypted.rc4-128.pdf"), "READ005");
    assert_eq!(by_path("encrypted.aes-128.pdf"), "READ005");
    assert_eq!(by_path("encrypted.docx"), "READ005");
    assert_eq!(by_path("file.docx"), "READ009");
}

#[test]
fn scanned_pdf_says_ocr_is_needed() {
    let o = run(&["check", "corpus/s01-scanned.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    let s = stdout(&o);
    assert!(s.contains("READ006") && s.contains("OCR"), "{s}");
}

#[test]
fn jsonl_is_one_object_per_file() {
    let o = run(&[
        "check",
        "--format",
        "jsonl",
        "corpus/d01-divorce-vague.txt",
        "corpus/c01-loan-clean.txt",
        "corpus/broken/empty.docx",
    ]);
    let lines: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 3);
    for l in lines {
        let v: Value = serde_json::from_str(l).unwrap();
        assert!(v["path"].is_string() && v["diagnostics"].is_array());
    }
}

#[test]
fn sarif_validates_against_the_schema() {
    let o = run(&[
        "check",
        "--format",
        "sarif",
        "corpus/d01-divorce-vague.txt",
        "corpus/i02-id-invalid.txt",
        "corpus/broken/empty.docx",
    ]);
    let v = json(&o);
    let schema: Value = serde_json::from_str(include_str!("data/sarif-2.1.0.json")).unwrap();
    let validator = jsonschema::draft4::new(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let run0 = &v["runs"][0];
    assert_eq!(
        run0["tool"]["driver"]["rules"].as_array().unwrap().len(),
        wenshu_lint::rules::all().len()
    );
    let results = run0["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "EX001"));
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert!(
        region["startLine"].as_u64().unwrap() >= 1 && region["startColumn"].as_u64().unwrap() >= 1
    );
    assert_eq!(
        run0["invocations"][0]["executionSuccessful"], false,
        "the unreadable file is reported"
    );
}

#[test]
fn select_ignore_and_fail_on() {
    let f = "corpus/i02-id-invalid.txt";
    let all = codes(&json(&run(&["check", "--format", "json", f])));
    assert!(all.iter().any(|c| c.starts_with("ID")));
    let only_id4 = codes(&json(&run(&[
        "check", "--format", "json", "--select", "ID004", f,
    ])));
    assert!(!only_id4.is_empty() && only_id4.iter().all(|c| c == "ID004"));
    let no_id = codes(&json(&run(&[
        "check", "--format", "json", "--ignore", "ID", f,
    ])));
    assert!(no_id.iter().all(|c| !c.starts_with("ID")));
    assert_eq!(
        run(&["check", "--fail-on", "never", f]).status.code(),
        Some(0)
    );
    // warnings only (EX005 is a warning): error threshold passes, warning threshold fails
    let w = "corpus/e02-capital-withdraw.txt";
    assert_eq!(
        run(&["check", "--select", "EX005", w]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["check", "--select", "EX005", "--fail-on", "warning", w])
            .status
            .code(),
        Some(1)
    );
    // unknown code: usage error
    let o = run(&["check", "--select", "XX9", f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("XX9"));
}

#[test]
fn public_profile_swaps_rules() {
    let f = "corpus/v02-public-leak.txt";
    let draft = codes(&json(&run(&["check", "--format", "json", f])));
    let public = codes(&json(&run(&[
        "check",
        "--format",
        "json",
        "--profile",
        "public",
        f,
    ])));
    assert!(!draft.contains(&"PV001".to_string()));
    assert_eq!(
        public.iter().filter(|c| *c == "PV001").count(),
        3,
        "{public:?}"
    );
    assert!(!public
        .iter()
        .any(|c| c == "ID001" || c == "ID003" || c == "ID005"));
    let masked = codes(&json(&run(&[
        "check",
        "--format",
        "json",
        "--profile",
        "public",
        "corpus/v01-public-masked.txt",
    ])));
    assert_eq!(masked, Vec::<String>::new());
}

#[test]
fn config_file_is_found_walking_up_and_validated() {
    let dir = temp_dir("config");
    let sub = dir.join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy("corpus/i02-id-invalid.txt", sub.join("doc.txt")).unwrap();
    std::fs::write(
        dir.join("wenshu-lint.toml"),
        "select = [\"ID004\"]\n[severity]\nID004 = \"warning\"\n",
    )
    .unwrap();
    let doc = sub.join("doc.txt");
    let v = json(&run(&["check", "--format", "json", doc.to_str().unwrap()]));
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    assert!(
        !diags.is_empty()
            && diags
                .iter()
                .all(|d| d["code"] == "ID004" && d["severity"] == "warning")
    );
    // --isolated ignores it
    let iso = codes(&json(&run(&[
        "check",
        "--format",
        "json",
        "--isolated",
        doc.to_str().unwrap(),
    ])));
    assert!(iso.iter().any(|c| c != "ID004"));
    // an unknown key names file and line
    std::fs::write(
        dir.join("wenshu-lint.toml"),
        "profile = \"draft\"\nselcet = [\"ID\"]\n",
    )
    .unwrap();
    let o = run(&["check", doc.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains("wenshu-lint.toml:2"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn patterns_override_extends_vocabulary_and_reports_bad_lines() {
    let dir = temp_dir("patterns");
    let doc = dir.join("doc.txt");
    let text = std::fs::read_to_string("corpus/c01-loan-clean.txt").unwrap();
    // a ruling item with a vague object the built-in vocabulary lets through
    let vague = text.replacen(
        "判决如下：\n",
        "判决如下：\n一、被告于本判决生效之日起十日内分割原告的藏品归原告所有；\n",
        1,
    );
    std::fs::write(&doc, vague).unwrap();
    let pat = dir.join("pat");
    std::fs::create_dir_all(&pat).unwrap();
    std::fs::write(
        pat.join("enforceability.txt"),
        "# 法院自定义\n[+generic_property]\n藏品\n",
    )
    .unwrap();
    let before = codes(&json(&run(&[
        "check",
        "--format",
        "json",
        "--isolated",
        doc.to_str().unwrap(),
    ])));
    let after = codes(&json(&run(&[
        "check",
        "--format",
        "json",
        "--isolated",
        "--patterns",
        pat.to_str().unwrap(),
        doc.to_str().unwrap(),
    ])));
    assert!(!before.contains(&"EX001".to_string()));
    assert!(after.contains(&"EX001".to_string()), "{after:?}");
    std::fs::write(
        pat.join("enforceability.txt"),
        "[+generic_property]\n藏品\n[deadline:regex]\n(unclosed\n",
    )
    .unwrap();
    let o = run(&[
        "check",
        "--isolated",
        "--patterns",
        pat.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains("enforceability.txt:4"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stdin_is_read() {
    let mut child = bin()
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(&std::fs::read("corpus/d01-divorce-vague.txt").unwrap())
            .unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(codes(&json(&o)), vec!["EX001", "EX001"]);
}

#[test]
fn dump_json_contract() {
    let v = json(&run(&[
        "dump",
        "--format",
        "json",
        "corpus/e01-restore-nuisance.docx",
    ]));
    assert_eq!(v["format"], "docx");
    let paras = v["paragraphs"].as_array().unwrap();
    assert_eq!(paras[0]["index"], 1);
    assert!(
        paras.iter().any(|p| p["section"] == "ruling"
            && p["item"] == 1
            && p["text"].as_str().unwrap().starts_with("一、")),
        "Word numbering restored"
    );
    for s in [
        "header",
        "parties",
        "procedure",
        "reasoning",
        "ruling",
        "tail",
        "signature",
    ] {
        assert!(paras.iter().any(|p| p["section"] == s), "{s}");
    }
    let pdf = json(&run(&[
        "dump",
        "--format",
        "json",
        "corpus/e01-restore-nuisance.lo.pdf",
    ]));
    assert!(pdf["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["page"].as_u64().unwrap() >= 1));
}

#[test]
fn rules_and_explain() {
    let o = run(&["rules"]);
    let s = stdout(&o);
    for code in ["ID001", "ID005", "PV001", "PW004", "EX008", "FE001"] {
        assert!(s.contains(code), "{code}");
    }
    let e = stdout(&run(&["explain", "EX001"]));
    assert!(e.contains("错误示例") && e.contains("正确示例") && e.contains("第10项"));
    assert_eq!(run(&["explain", "ZZ001"]).status.code(), Some(2));
}

fn normalize_human(s: &str) -> String {
    // the elapsed time varies between runs
    let re = regex::Regex::new(r"用时 [0-9.]+ 秒").unwrap();
    re.replace_all(s, "用时 X 秒").to_string()
}

#[test]
fn human_output_snapshot() {
    let o = run(&[
        "check",
        "corpus/d01-divorce-vague.txt",
        "corpus/i02-id-invalid.txt",
        "corpus/broken/legacy.docx",
    ]);
    insta::assert_snapshot!("human_check", normalize_human(&stdout(&o)));
}

#[test]
fn human_output_pdf_snapshot() {
    let o = run(&[
        "check",
        "corpus/e04-amount-mismatch.txt",
        "corpus/k01-criminal-theft.lo.pdf",
    ]);
    insta::assert_snapshot!("human_check_pdf", normalize_human(&stdout(&o)));
}

/// identifiers.txt is overridable like the other vocabulary files: a court's own label for the
/// citizen ID number is then read as one. A 16-digit number after an unknown label is "no ID
/// stated" (ID001); after the court's label it is an ID number that cannot be used (ID002).
#[test]
fn patterns_override_extends_identifier_labels() {
    let dir = temp_dir("id-labels");
    let doc = dir.join("doc.txt");
    let text = std::fs::read_to_string("corpus/c01-loan-clean.txt").unwrap();
    let relabelled = text.replacen(
        "公民身份号码510703197603182536",
        "居民证号5107031976031825",
        1,
    );
    assert_ne!(relabelled, text);
    std::fs::write(&doc, relabelled).unwrap();
    let pat = dir.join("pat");
    std::fs::create_dir_all(&pat).unwrap();
    std::fs::write(
        pat.join("identifiers.txt"),
        "[+resident_id_label]\n居民证号\n",
    )
    .unwrap();
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "json", "--isolated"];
        args.extend_from_slice(extra);
        args.push(doc.to_str().unwrap());
        codes(&json(&run(&args)))
    };
    let before = check(&[]);
    let after = check(&["--patterns", pat.to_str().unwrap()]);
    assert_eq!(before, vec!["ID001".to_string()], "{before:?}");
    assert_eq!(after, vec!["ID002".to_string()], "{after:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
