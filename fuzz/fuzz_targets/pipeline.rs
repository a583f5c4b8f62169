#![no_main]
//! The whole pipeline (sniff → read → structure → rules → locate) on arbitrary bytes, with the
//! file name chosen by the first byte so every reader is reached.
use libfuzzer_sys::fuzz_target;
use wenshu_lint::{lint_bytes, Options};

#[path = "common.rs"]
mod common;

const NAMES: [&str; 4] = ["a.txt", "a.docx", "a.pdf", "a.html"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let opts = Options {
        limits: common::limits(),
        ..Options::default()
    };
    let report = lint_bytes(rest, NAMES[pick as usize % 4], &opts);
    // Every finding must point inside the text it was found in.
    for f in &report.findings {
        assert!(f.span.start <= f.span.end);
        assert!(f.paragraph >= 1);
    }
});
