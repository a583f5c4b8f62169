//! What `check` is given and what it walks: Word lock files, overlapping inputs (each file once),
//! an empty walk (a usage error, never "0 files, clean"), and symbolic links (ripgrep's
//! convention: followed when named on the command line, not while walking unless `-L`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_wenshu-lint");

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let p =
            std::env::temp_dir().join(format!("wenshu-walk-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn put(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }
    fn copy(&self, rel: &str, from: &str) -> PathBuf {
        self.put(rel, &std::fs::read(corpus(from)).unwrap())
    }
    fn s(&self, rel: &str) -> String {
        self.0.join(rel).to_str().unwrap().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

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
