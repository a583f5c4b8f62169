// Shared by the fuzz targets: the limits every input runs under. A bound reached is a normal
// outcome (READ008/READ010); a panic, an abort or a libFuzzer timeout/OOM is a finding.
use std::time::Duration;
use wenshu_lint::Limits;

pub fn limits() -> Limits {
    Limits {
        // Small caps so the fuzzer spends its time on parsing, not on allocating up to the cap;
        // the budget must stop the work well inside libFuzzer's -timeout / -rss_limit_mb.
        max_decoded: 64 << 20,
        max_uncompressed: 64 << 20,
        max_ops: 2_000_000,
        time: Some(Duration::from_secs(2)),
        ..Limits::default()
    }
}
