#![no_main]
//! The text and HTML readers: the first byte picks the reader, the rest is the input.
use libfuzzer_sys::fuzz_target;
use wenshu_lint::read::{text, Budget};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let limits = common::limits();
    let budget = Budget::new(&limits);
    let _ = if pick & 1 == 0 {
        text::read_with(rest, &limits, &budget)
    } else {
        text::read_html_with(rest, &limits, &budget)
    };
});
