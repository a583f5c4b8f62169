//! Shared by the integration tests: what to do when something a test needs is absent
//! (`../shared`, a rendering, an external validator).
//!
//! In CI (`CI=true`) an absent input is a failure: CI must run every test. On a user's fresh
//! clone the test is skipped *visibly*: the reason goes straight to the process's stderr, which
//! libtest does not capture, so it shows in `cargo test` output (a passing test's `eprintln!`
//! would be swallowed).

#![allow(dead_code)]

use std::io::Write;

/// Is this a CI run?
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// Something the test needs is absent: panic in CI, else print why the test is skipped.
/// The caller returns right after. `test` names the test (libtest runs each test on a thread
/// named after it; [`skip_here`] uses that).
pub fn skip(test: &str, reason: &str) {
    if in_ci() {
        panic!("{test}: {reason} (CI=true: every test must run)");
    }
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {reason}");
}

/// [`skip`] for the test running on this thread.
pub fn skip_here(reason: &str) {
    let t = std::thread::current();
    skip(t.name().unwrap_or("test"), reason);
}

/// A corpus document's path.
pub fn corpus(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

/// A fresh temporary folder, removed when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let p =
            std::env::temp_dir().join(format!("wenshu-test-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }

    /// Write `bytes` at `rel` (folders made as needed).
    pub fn put(&self, rel: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// Copy a corpus document to `rel`.
    pub fn copy(&self, rel: &str, from: &str) -> std::path::PathBuf {
        self.put(rel, &std::fs::read(corpus(from)).unwrap())
    }

    /// `rel` inside the folder, as a string for a command line.
    pub fn s(&self, rel: &str) -> String {
        self.0.join(rel).to_str().unwrap().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
