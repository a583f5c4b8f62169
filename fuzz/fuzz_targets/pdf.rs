#![no_main]
//! The PDF reader (lopdf + our text layer) on arbitrary bytes.
use libfuzzer_sys::fuzz_target;
use wenshu_lint::read::{pdf, Budget};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    let budget = Budget::new(&limits);
    let _ = pdf::read_with(data, &limits, &budget);
});
