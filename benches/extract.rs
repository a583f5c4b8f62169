//! In-process throughput over the corpus renderings: extraction only (read) against the whole
//! pipeline (read + structure + rules), per format, on 1 thread and on all threads.
//! No process start, no file system: the documents are read into memory first.
//!
//!     cargo bench --bench extract            # or: scripts/bench.sh (runs this too)
//!     BENCH_SECS=2 cargo bench --bench extract
//!
//! Plain `std::time::Instant`; each measurement repeats the whole set until BENCH_SECS (default 1)
//! have passed and reports documents/s and MB/s of input.

use rayon::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};
use wenshu_lint::{lint_bytes, read_bytes, Limits, Options};

fn load(kind: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
        .into_iter()
        .filter(|n| match kind {
            "docx" => n.ends_with(".docx"),
            "pdf" => n.ends_with(".lo.pdf") || n.ends_with(".chromium.pdf"),
            _ => n.ends_with(".txt"),
        })
        .filter_map(|n| std::fs::read(dir.join(&n)).ok().map(|b| (n, b)))
        .collect()
}

/// Run `f` over all docs (on `threads` threads) until `budget` has passed: (docs/s, MB/s).
fn measure(
    docs: &[(String, Vec<u8>)],
    threads: usize,
    budget: Duration,
    f: &(dyn Fn(&str, &[u8]) -> bool + Sync),
) -> (f64, f64, usize) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let bytes: usize = docs.iter().map(|(_, b)| b.len()).sum();
    // Warm-up: lazy statics, page faults.
    docs.iter().for_each(|(n, b)| {
        f(n, b);
    });
    let t0 = Instant::now();
    let mut rounds = 0usize;
    let mut failed = 0usize;
    while t0.elapsed() < budget || rounds == 0 {
        // Enough work per round that every thread stays busy.
        let reps = 8 * threads;
        failed += pool.install(|| {
            (0..reps * docs.len())
                .into_par_iter()
                .filter(|i| {
                    let (n, b) = &docs[i % docs.len()];
                    !f(n, b)
                })
                .count()
        });
        rounds += reps;
    }
    let s = t0.elapsed().as_secs_f64();
    (
        (rounds * docs.len()) as f64 / s,
        (rounds * bytes) as f64 / s / 1e6,
        failed,
    )
}

/// First-call costs in a fresh process (what a single-file `check` pays once): `BENCH_COLD=1`.
fn cold() {
    // The vocabulary's regular expressions, compiled once each.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns/enforceability.txt"),
    )
    .unwrap_or_default();
    let mut in_regex = false;
    let mut lines = Vec::new();
    for l in text.lines().map(str::trim) {
        if l.starts_with('[') {
            in_regex = l.contains(":regex");
        } else if in_regex
            && !l.is_empty()
            && !l.starts_with('#')
            && !l.starts_with("+>")
            && !l.starts_with("->")
        {
            lines.push(l.to_string());
        }
    }
    let t = Instant::now();
    for l in &lines {
        let _ = regex::Regex::new(l);
    }
    let once = t.elapsed();
    let t = Instant::now();
    let _ = wenshu_lint::patterns::Patterns::builtin();
    let patterns = t.elapsed();
    println!("{} vocabulary regexes compiled once: {once:?}", lines.len());
    let docx = load("docx");
    let (n, b) = &docx[0];
    let t = Instant::now();
    let doc = read_bytes(b, Some(n), &Limits::default()).expect("corpus docx reads");
    let read = t.elapsed();
    let t = Instant::now();
    let st = wenshu_lint::structure::analyze(&doc);
    let structure = t.elapsed();
    let t = Instant::now();
    let opts = Options::default();
    let _ = wenshu_lint::check(&doc, &st, &opts);
    let rules = t.elapsed();
    let t = Instant::now();
    let st = wenshu_lint::structure::analyze(&doc);
    let _ = wenshu_lint::check(&doc, &st, &opts);
    let warm = t.elapsed();
    println!(
        "first call ({n}): Patterns::builtin {patterns:?}, read {read:?}, structure {structure:?}, rules (incl. built-in patterns) {rules:?}; warm structure+rules {warm:?}"
    );
}

fn main() {
    if std::env::var_os("BENCH_COLD").is_some() {
        cold();
        return;
    }
    // `cargo test` runs benches with --bench absent; only measure under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let secs: f64 = std::env::var("BENCH_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let budget = Duration::from_secs_f64(secs);
    let limits = Limits::default();
    let opts = Options::default();
    let all = std::thread::available_parallelism().map_or(2, |n| n.get());
    println!("| format | files | threads | extract docs/s | extract MB/s | full docs/s | full MB/s | extraction share |");
    println!("|---|---|---|---|---|---|---|---|");
    for kind in ["docx", "pdf", "txt"] {
        let docs = load(kind);
        if docs.is_empty() {
            continue;
        }
        let extract = |n: &str, b: &[u8]| read_bytes(b, Some(n), &limits).is_ok();
        let full = |n: &str, b: &[u8]| lint_bytes(b, n, &opts).error.is_none();
        let mut threads = vec![1];
        if all > 1 {
            threads.push(all);
        }
        for t in threads {
            let (ed, em, ef) = measure(&docs, t, budget, &extract);
            let (fd, fm, _) = measure(&docs, t, budget, &full);
            let note = if ef > 0 { " (some unreadable)" } else { "" };
            println!(
                "| {kind}{note} | {} | {t} | {ed:.0} | {em:.1} | {fd:.0} | {fm:.1} | {:.0}% |",
                docs.len(),
                100.0 * fd / ed
            );
        }
    }
}
