//! Batch runs: walking, broken files, exit status, stable order, jsonl streaming, per-file guards
//! (size cap, zip bomb, time budget, panics) and the bounded reorder buffer.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::time::{Duration, Instant};
use wenshu_lint::batch::{self, RunConfig};
use wenshu_lint::{FileReport, Limits, Options, ReadCode};

const BIN: &str = env!("CARGO_BIN_EXE_wenshu-lint");

mod common;
use common::{corpus, TempDir};

/// A DOCX whose document.xml inflates to 64 MiB from a few tens of KiB (ratio far above 200:1).
fn zip_bomb() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("[Content_Types].xml", o).unwrap();
        z.write_all(
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        )
        .unwrap();
        z.start_file("word/document.xml", o).unwrap();
        z.write_all(br#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"#).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..64 {
            z.write_all(&block).unwrap();
        }
        z.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
            .unwrap();
        z.finish().unwrap();
    }
    out.into_inner()
}

/// The archive: good files (nested too), broken ones, and files that must not be picked.
/// Returns (dir, good relative paths, broken relative paths with their READ code).
fn archive() -> (
    TempDir,
    Vec<&'static str>,
    Vec<(&'static str, &'static str)>,
) {
    let d = TempDir::new("archive");
    let good = vec![
        "c01-loan-clean.docx",
        "a01-appeal-affirm.lo.pdf",
        "民事/2023/d01-divorce-vague.docx",
        "民事/2023/12/p01-return-vague.chromium.pdf",
        "刑事/k01-criminal-theft.txt",
        "调解/m01.HTML.txt",
        "旧档/2009/d02-divorce-specific.DOC",
        "旧档/m01.wps",
    ];
    d.copy(good[0], "c01-loan-clean.docx");
    d.copy(good[1], "a01-appeal-affirm.lo.pdf");
    d.copy(good[2], "d01-divorce-vague.docx");
    d.copy(good[3], "p01-return-vague.chromium.pdf");
    d.copy(good[4], "k01-criminal-theft.txt");
    d.copy(good[5], "m01-mediation.txt");
    d.copy(good[6], "d02-divorce-specific.doc");
    d.copy(good[7], "m01-mediation.wps");
    let broken = vec![
        ("renamed-doc.docx", "READ002"),
        ("民事/2023/truncated.pdf", "READ004"),
        ("empty.txt", "READ001"),
        ("民事/bomb.docx", "READ008"),
        ("not-a-pdf.pdf", "READ004"),
    ];
    d.copy(broken[0].0, "broken/legacy.docx");
    d.copy(broken[1].0, "broken/truncated.pdf");
    d.put(broken[2].0, b"");
    d.put(broken[3].0, &zip_bomb());
    d.put(broken[4].0, b"this is not a PDF at all");
    // Not picked: hidden entries, other extensions.
    d.copy(".hidden/c02.docx", "c02-sales-clean.docx");
    d.copy("民事/.~lock.c01.docx", "c01-loan-clean.docx");
    d.put("notes.xlsx", b"PK\x03\x04junk");
    d.put("readme.md", "说明".as_bytes());
    // Ignore files must not hide anything from a clerk's archive walk.
    d.put(".gitignore", b"*\n");
    d.put(".ignore", b"*.docx\n*.pdf\n");
    d.put("民事/.gitignore", b"*\n");
    (d, good, broken)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run wenshu-lint")
}

fn rel(dir: &Path, path: &str) -> String {
    Path::new(path)
        .strip_prefix(dir)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|_| path.to_string())
}

#[test]
fn archive_json_reports_every_file_and_exits_2() {
    let (d, good, broken) = archive();
    let dir = d.0.to_str().unwrap();
    let out1 = run(&["check", "--format", "json", "--jobs", "1", dir]);
    let out2 = run(&["check", "--format", "json", "--jobs", "2", dir]);
    let out2b = run(&["check", "--format", "json", "--jobs", "2", dir]);
    assert_eq!(
        out1.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out1.stderr)
    );
    assert_eq!(out2.status.code(), Some(2));
    assert_eq!(out1.stdout, out2.stdout, "--jobs 1 and --jobs 2 differ");
    assert_eq!(out2.stdout, out2b.stdout, "two runs differ");
    // Not a terminal: stderr stays empty (no progress bar, no summary).
    assert!(
        out2.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out2.stderr)
    );

    let v: serde_json::Value = serde_json::from_slice(&out2.stdout).expect("pure JSON on stdout");
    let files = v["files"].as_array().unwrap();
    let by_path: BTreeMap<String, &serde_json::Value> = files
        .iter()
        .map(|f| (rel(&d.0, f["path"].as_str().unwrap()), f))
        .collect();
    assert_eq!(
        files.len(),
        good.len() + broken.len(),
        "{:?}",
        by_path.keys()
    );
    for g in &good {
        let f = by_path
            .get(*g)
            .unwrap_or_else(|| panic!("{g} not reported"));
        assert!(f["error"].is_null(), "{g}: {}", f["error"]);
        assert!(f["document"].is_object(), "{g}");
    }
    for (b, code) in &broken {
        let f = by_path
            .get(*b)
            .unwrap_or_else(|| panic!("{b} not reported"));
        assert_eq!(f["error"]["code"], *code, "{b}: {}", f["error"]);
        assert!(!f["error"]["message"].as_str().unwrap().is_empty());
        assert_eq!(f["diagnostics"].as_array().unwrap().len(), 0);
    }
    // Stable path order.
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(v["summary"]["files"], good.len() + broken.len());
    assert_eq!(v["summary"]["unreadable"], broken.len());
    assert_eq!(v["summary"]["errors_by_code"]["READ008"], 1);
}

#[test]
fn archive_jsonl_one_line_per_file() {
    let (d, good, broken) = archive();
    let out = run(&["check", "--format", "jsonl", d.0.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), good.len() + broken.len(), "{text}");
    let mut seen: Vec<String> = lines
        .iter()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
            rel(&d.0, v["path"].as_str().unwrap())
        })
        .collect();
    seen.sort();
    let mut want: Vec<String> = good
        .iter()
        .map(|s| s.to_string())
        .chain(broken.iter().map(|(b, _)| b.to_string()))
        .collect();
    want.sort();
    assert_eq!(seen, want);
}

#[test]
fn archive_human_one_error_line_per_broken_file() {
    let (d, _good, broken) = archive();
    let out = run(&["check", d.0.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    for (b, code) in &broken {
        let path = d.0.join(b).display().to_string();
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim() == format!("--> {path}"))
            .unwrap_or_else(|| panic!("{b} not named:\n{text}"));
        assert!(
            lines[at - 1].starts_with(&format!("error[{code}]: ")),
            "{b}: {}",
            lines[at - 1]
        );
    }
    let errors = text.lines().filter(|l| l.starts_with("error[READ")).count();
    assert_eq!(errors, broken.len(), "{text}");
    assert!(text.contains("个无法读取"), "{text}");
}

#[test]
fn missing_path_is_an_error_and_the_rest_still_runs() {
    let d = TempDir::new("missing");
    let good = d.copy("a.txt", "c01-loan-clean.txt");
    let out = run(&[
        "check",
        "--format",
        "jsonl",
        good.to_str().unwrap(),
        d.0.join("nope.docx").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.contains("READ009"));
}

fn opts() -> Arc<Options> {
    Arc::new(Options::default())
}

fn fake_files(n: usize) -> Vec<(PathBuf, Arc<Options>)> {
    let o = opts();
    (0..n)
        .map(|i| (PathBuf::from(format!("f{i:05}.txt")), o.clone()))
        .collect()
}

fn ok_report(p: &Path) -> FileReport {
    FileReport {
        path: p.display().to_string(),
        format: None,
        info: None,
        error: None,
        findings: vec![],
        warnings: vec![],
    }
}

#[test]
fn time_budget_reports_read010_and_the_run_completes() {
    let files = fake_files(40);
    let lint: Arc<batch::LintFn> = Arc::new(|p: &Path, _o: &Options| {
        if p.ends_with("f00007.txt") || p.ends_with("f00021.txt") {
            // A reader stuck for good: the watchdog must give up on it.
            std::thread::sleep(Duration::from_secs(3600));
        }
        ok_report(p)
    });
    let cfg = RunConfig {
        jobs: 2,
        ordered: true,
        timeout: Some(Duration::from_millis(300)),
        window: 8,
    };
    let t0 = Instant::now();
    let mut got = Vec::new();
    let stats = batch::run_with(files, &cfg, lint, |r| got.push(r));
    assert!(t0.elapsed() < Duration::from_secs(20));
    assert_eq!(stats.timed_out, 2);
    assert_eq!(got.len(), 40);
    for (i, r) in got.iter().enumerate() {
        assert_eq!(r.path, format!("f{i:05}.txt"));
        let timed_out = i == 7 || i == 21;
        assert_eq!(
            r.error.as_ref().map(|e| e.code),
            timed_out.then_some(ReadCode::Timeout),
            "{i}"
        );
    }
}

#[test]
fn a_panicking_lint_is_read011_for_that_file_only() {
    batch::install_quiet_panic_hook();
    let lint: Arc<batch::LintFn> = Arc::new(|p: &Path, _o: &Options| {
        if p.ends_with("f00003.txt") {
            panic!("secret document text 110101199003074578");
        }
        ok_report(p)
    });
    for ordered in [true, false] {
        let cfg = RunConfig {
            jobs: 2,
            ordered,
            timeout: None,
            window: 0,
        };
        let mut got = Vec::new();
        batch::run_with(fake_files(10), &cfg, lint.clone(), |r| got.push(r));
        assert_eq!(got.len(), 10);
        let bad: Vec<_> = got.iter().filter(|r| r.error.is_some()).collect();
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].path, "f00003.txt");
        assert_eq!(bad[0].error.as_ref().unwrap().code, ReadCode::Internal);
    }
}

#[test]
fn reorder_buffer_stays_within_the_window() {
    let lint: Arc<batch::LintFn> = Arc::new(|p: &Path, _o: &Options| {
        // Uneven work: every 50th file is slow, so later ones finish first.
        let i: usize = p.to_string_lossy()[1..6].parse().unwrap();
        if i.is_multiple_of(50) {
            std::thread::sleep(Duration::from_millis(20));
        }
        ok_report(p)
    });
    let cfg = RunConfig {
        jobs: 4,
        ordered: true,
        timeout: Some(Duration::from_secs(30)),
        window: 32,
    };
    let mut got = Vec::new();
    let stats = batch::run_with(fake_files(3000), &cfg, lint.clone(), |r| got.push(r.path));
    assert_eq!(got.len(), 3000);
    assert!(got.windows(2).all(|w| w[0] < w[1]), "out of order");
    assert!(stats.max_buffered <= 32, "{}", stats.max_buffered);

    let cfg = RunConfig {
        ordered: false,
        ..cfg
    };
    let mut got = Vec::new();
    batch::run_with(fake_files(3000), &cfg, lint, |r| got.push(r.path));
    got.sort();
    got.dedup();
    assert_eq!(got.len(), 3000);
}

#[test]
fn size_cap_is_checked_before_reading() {
    let d = TempDir::new("cap");
    let p = d.copy("big.docx", "c01-loan-clean.docx");
    let o = Options {
        limits: Limits {
            max_input: 1024,
            ..Limits::default()
        },
        ..Options::default()
    };
    let r = batch::lint_path(&p, &o);
    assert_eq!(r.error.unwrap().code, ReadCode::TooLarge);
    let r = batch::lint_path(&p, &Options::default());
    assert!(r.error.is_none(), "{:?}", r.error);
}

#[test]
fn zip_bomb_is_refused_quickly() {
    let bomb = zip_bomb();
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    let t0 = Instant::now();
    let r = wenshu_lint::lint_bytes(&bomb, "bomb.docx", &Options::default());
    assert_eq!(
        r.error.as_ref().map(|e| e.code),
        Some(ReadCode::TooLarge),
        "{:?}",
        r.error
    );
    assert!(t0.elapsed() < Duration::from_secs(5));
    // The uncompressed-size cap on its own, with the ratio cap off.
    let o = Options {
        limits: Limits {
            max_ratio: 0,
            max_uncompressed: 8 << 20,
            ..Limits::default()
        },
        ..Options::default()
    };
    let r = wenshu_lint::lint_bytes(&bomb, "bomb.docx", &o);
    assert_eq!(
        r.error.as_ref().map(|e| e.code),
        Some(ReadCode::TooLarge),
        "{:?}",
        r.error
    );
}

#[test]
fn timeout_flag_is_accepted() {
    let out = run(&[
        "check",
        "--timeout-secs",
        "0",
        "--format",
        "json",
        corpus("c01-loan-clean.txt").to_str().unwrap(),
    ]);
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
}
