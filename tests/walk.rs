//! What `check` is given and what it walks: Word lock files, overlapping inputs (each file once),
//! an empty walk (a usage error, never "0 files, clean"), and symbolic links (ripgrep's
//! convention: followed when named on the command line, not while walking unless `-L`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_wenshu-lint");

mod common;
use common::{corpus, TempDir};

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run wenshu-lint")
}

/// (path relative to `dir`, error code or "") of every file reported, in output order.
fn reported(out: &Output, dir: &Path) -> Vec<(String, String)> {
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let path = v["path"].as_str().unwrap();
            let rel = Path::new(path)
                .strip_prefix(dir)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_else(|_| path.to_string());
            (rel, v["error"]["code"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

/// A Word owner file as Word writes it: 162 bytes, the user name padded, not a zip.
fn lock_bytes() -> Vec<u8> {
    let mut b = vec![0x0cu8];
    b.extend_from_slice(b"zhang san");
    b.resize(162, 0x20);
    b
}

#[test]
fn walks_skip_word_lock_files_but_a_named_one_is_read003() {
    let d = TempDir::new("lock");
    d.copy("判决书.txt", "c01-loan-clean.txt");
    d.copy("民事/判决书.docx", "c01-loan-clean.docx");
    d.put("~$判决书.docx", &lock_bytes());
    d.put("民事/~$判决书.docx", &lock_bytes());
    let out = run(&["check", "--format", "jsonl", &d.s("")]);
    let got = reported(&out, &d.0);
    let mut paths: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
    paths.sort();
    assert_eq!(paths, ["判决书.txt", "民事/判决书.docx"]);
    assert_eq!(out.status.code(), Some(0), "lock files make no error");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = run(&["check", "--format", "jsonl", &d.s("~$判决书.docx")]);
    assert_eq!(
        reported(&out, &d.0),
        [("~$判决书.docx".to_string(), "READ003".to_string())]
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn overlapping_inputs_check_each_file_once() {
    let dir = corpus("broken");
    let dir_s = dir.to_str().unwrap();
    let with_slash = format!("{dir_s}/");
    let dotted = format!("{dir_s}/../broken");
    let one = corpus("broken/empty.docx");
    let out = run(&[
        "check",
        "--format",
        "jsonl",
        dir_s,
        &with_slash,
        &dotted,
        one.to_str().unwrap(),
    ]);
    let got = reported(&out, &dir);
    let n_files = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(got.len(), n_files, "{got:?}");
    let mut paths: Vec<&String> = got.iter().map(|(p, _)| p).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), n_files, "{got:?}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_empty_walk_is_an_error_not_a_clean_run() {
    let d = TempDir::new("empty");
    d.put("readme.md", "说明".as_bytes());
    d.put("~$判决书.docx", &lock_bytes());
    for format in ["human", "json", "jsonl", "sarif"] {
        let out = run(&["check", "--format", format, &d.s("")]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("没有可检查的文书"), "{format}: {err}");
        assert!(out.stdout.is_empty(), "{format}");
    }
    // a folder with something to check next to an empty one is a normal run
    let good = corpus("c01-loan-clean.txt");
    let out = run(&["check", &d.s(""), good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn symlinks_are_followed_when_named_and_with_follow_only() {
    use std::os::unix::fs::symlink;
    let d = TempDir::new("links");
    d.copy("real/a.txt", "c01-loan-clean.txt");
    d.copy("top/b.txt", "c02-sales-clean.txt");
    symlink(d.0.join("real"), d.0.join("top/linkdir")).unwrap();
    symlink(d.0.join("real/a.txt"), d.0.join("top/linkfile.txt")).unwrap();
    symlink(d.0.join("top"), d.0.join("top/loop")).unwrap();
    let top = d.0.join("top");
    let sorted = |out: &Output| {
        let mut v: Vec<String> = reported(out, &top).into_iter().map(|(p, _)| p).collect();
        v.sort();
        v
    };
    // walking: links are not followed
    let out = run(&["check", "--format", "jsonl", &d.s("top")]);
    assert_eq!(sorted(&out), ["b.txt"]);
    assert_eq!(out.status.code(), Some(0));
    // -L: followed, the loop is skipped, the link to a.txt and the linked folder's a.txt are one file
    for flag in ["-L", "--follow"] {
        let out = run(&["check", flag, "--format", "jsonl", &d.s("top")]);
        let got = sorted(&out);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.contains(&"b.txt".to_string()), "{got:?}");
        assert!(
            got.iter().any(|p| p.ends_with("a.txt")),
            "a.txt through a link: {got:?}"
        );
        assert_eq!(out.status.code(), Some(0), "{flag}");
    }
    // named on the command line: followed (a folder link and a file link)
    let out = run(&["check", "--format", "jsonl", &d.s("top/linkdir")]);
    assert_eq!(reported(&out, &d.0).len(), 1);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["check", "--format", "jsonl", &d.s("top/linkfile.txt")]);
    assert_eq!(
        reported(&out, &d.0),
        [("top/linkfile.txt".to_string(), String::new())]
    );
    // a link and its target named together: one file
    let out = run(&[
        "check",
        "--format",
        "jsonl",
        &d.s("top/linkfile.txt"),
        &d.s("real/a.txt"),
    ]);
    assert_eq!(reported(&out, &d.0).len(), 1);
}

/// A folder of `n` hard links to one corpus document (cheap to make, each checked as a file).
fn many(tag: &str, from: &str, n: usize) -> TempDir {
    let d = TempDir::new(tag);
    let src = d.copy("0.txt", from);
    for i in 1..n {
        std::fs::hard_link(&src, d.0.join(format!("{i}.txt"))).unwrap();
    }
    d
}

/// Wait for `child` at most `limit`; kill it and fail if it is still running then.
fn exits_within(child: &mut std::process::Child, limit: std::time::Duration, what: &str) {
    let t0 = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            assert_eq!(status.code(), Some(0), "{what}: {err}");
            assert!(
                err.is_empty(),
                "{what}: quiet, no panic or broken pipe: {err}"
            );
            return;
        }
        if t0.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running {limit:?} after its reader went away");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// `check big | head -1`: the batch ends as soon as the reader is gone. 12,000 files take
/// several seconds (tens in a debug build); the run must end within 2 s of the pipe closing.
#[test]
fn a_closed_stdout_ends_the_batch_promptly() {
    use std::io::BufRead;
    use std::process::Stdio;
    let d = many("head", "d01-divorce-vague.txt", 12_000);
    for format in ["human", "jsonl", "json"] {
        let mut child = Command::new(BIN)
            .args(["check", "--format", format, &d.s("")])
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        assert!(!line.is_empty(), "{format}");
        drop(out); // head -1 exits
        exits_within(&mut child, std::time::Duration::from_secs(2), format);
    }
}

/// Clean files print nothing until the summary: a reader that goes away without reading
/// (`| less` then q) is noticed all the same.
#[cfg(unix)]
#[test]
fn a_reader_that_leaves_before_any_output_ends_the_batch() {
    use std::process::Stdio;
    let d = many("less", "c01-loan-clean.txt", 12_000);
    let mut child = Command::new(BIN)
        .args(["check", &d.s("")])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    drop(child.stdout.take());
    exits_within(&mut child, std::time::Duration::from_secs(2), "clean files");
}

/// The library side: once the stop flag is set no file is started and the run returns at once,
/// with `stopped` set; without it every file is reported.
#[test]
fn a_stop_flag_ends_a_run_and_says_so() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use wenshu_lint::batch::{self, RunConfig, StopFlag};
    use wenshu_lint::{FileReport, Options};
    let files: Vec<_> = (0..2000)
        .map(|i| {
            (
                PathBuf::from(format!("f{i}.txt")),
                Arc::new(Options::default()),
            )
        })
        .collect();
    let started = Arc::new(AtomicUsize::new(0));
    let s2 = started.clone();
    let lint: Arc<batch::LintFn> = Arc::new(move |p, _| {
        s2.fetch_add(1, Ordering::Relaxed);
        std::thread::sleep(std::time::Duration::from_millis(2));
        FileReport {
            path: p.display().to_string(),
            format: None,
            info: None,
            error: None,
            findings: vec![],
            warnings: vec![],
        }
    });
    for ordered in [true, false] {
        started.store(0, Ordering::Relaxed);
        let stop: StopFlag = Default::default();
        let cfg = RunConfig {
            jobs: 2,
            ordered,
            ..RunConfig::default()
        };
        let mut got = 0;
        let t0 = std::time::Instant::now();
        let stats = batch::run_with_stop(
            files.clone(),
            &cfg,
            lint.clone(),
            Some(stop.clone()),
            |_| {
                got += 1;
                if got == 10 {
                    stop.store(true, Ordering::Relaxed);
                }
            },
        );
        assert!(stats.stopped);
        assert!(got < 100, "{got} reports after the stop");
        assert!(started.load(Ordering::Relaxed) < 100);
        assert!(t0.elapsed() < std::time::Duration::from_secs(2));
        let mut all = 0;
        let stats = batch::run_with(files.clone(), &cfg, lint.clone(), |_| all += 1);
        assert!(!stats.stopped);
        assert_eq!(all, files.len());
    }
}
