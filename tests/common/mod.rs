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
