//! Replays every input the fuzzers found (`fuzz/regressions/<target>/`) through the same entry
//! point and limits as its fuzz target (`fuzz/fuzz_targets/`): each must end, without a panic
//! (READ011) and within its time budget. New findings are added as files; nothing else changes.

use std::path::Path;
use std::time::{Duration, Instant};
use wenshu_lint::read::{docx, pdf, text, Budget, Limits, ReadCode};
use wenshu_lint::{lint_bytes, Options};

/// The fuzz targets' limits (fuzz/fuzz_targets/common.rs).
fn limits() -> Limits {
    Limits {
        max_decoded: 64 << 20,
        max_uncompressed: 64 << 20,
        max_ops: 2_000_000,
        time: Some(Duration::from_secs(2)),
        ..Limits::default()
    }
}

fn replay(target: &str, data: &[u8]) -> Option<ReadCode> {
    let limits = limits();
    let budget = Budget::new(&limits);
    match target {
        "docx" => docx::read_with(data, &limits, &budget)
            .err()
            .map(|e| e.code),
        "pdf" => pdf::read_with(data, &limits, &budget).err().map(|e| e.code),
        "text" => {
            let (&pick, rest) = data.split_first()?;
            let r = if pick & 1 == 0 {
                text::read_with(rest, &limits, &budget)
            } else {
                text::read_html_with(rest, &limits, &budget)
            };
            r.err().map(|e| e.code)
        }
        _ => {
            let (&pick, rest) = data.split_first()?;
            let names = ["a.txt", "a.docx", "a.pdf", "a.html"];
            let opts = Options {
                limits,
                ..Options::default()
            };
            lint_bytes(rest, names[pick as usize % 4], &opts)
                .error
                .map(|e| e.code)
        }
    }
}

#[test]
fn every_fuzz_finding_replays_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut n = 0;
    for target in ["docx", "pdf", "text", "pipeline"] {
        let Ok(dir) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        let mut files: Vec<_> = dir.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            if f.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            let data = std::fs::read(&f).unwrap();
            let t0 = Instant::now();
            let code = replay(target, &data);
            let took = t0.elapsed();
            assert_ne!(code, Some(ReadCode::Internal), "{}: READ011", f.display());
            // the 2 s budget plus a margin for a loaded machine and a debug build
            assert!(took < Duration::from_secs(10), "{}: {took:?}", f.display());
            n += 1;
        }
    }
    println!("{n} fuzz regressions replayed");
}
