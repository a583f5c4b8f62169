#![no_main]
//! The DOCX reader on arbitrary bytes (zip container and WordprocessingML).
use libfuzzer_sys::fuzz_target;
use wenshu_lint::read::{docx, Budget};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    let budget = Budget::new(&limits);
    let _ = docx::read_with(data, &limits, &budget);
});
