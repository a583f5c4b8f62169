//! Prometheus text metrics: counts only, never document text, names or identifiers.

use crate::FileReport;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

const BUCKETS: [f64; 13] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Inner {
    requests: BTreeMap<(&'static str, u16), u64>,
    /// per route: bucket counts, sum, count
    latency: BTreeMap<&'static str, ([u64; BUCKETS.len()], f64, u64)>,
    findings: BTreeMap<&'static str, u64>,
    read_errors: BTreeMap<&'static str, u64>,
    files: u64,
    rejected: u64,
}

#[derive(Default)]
pub struct Metrics(Mutex<Inner>);

impl Metrics {
    fn with<R>(&self, f: impl FnOnce(&mut Inner) -> R) -> R {
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut g)
    }

    pub fn request(&self, route: &'static str, status: u16, took: Duration) {
        let s = took.as_secs_f64();
        self.with(|m| {
            *m.requests.entry((route, status)).or_default() += 1;
            let e = m
                .latency
                .entry(route)
                .or_insert(([0; BUCKETS.len()], 0.0, 0));
            for (i, b) in BUCKETS.iter().enumerate() {
                if s <= *b {
                    e.0[i] += 1;
                }
            }
            e.1 += s;
            e.2 += 1;
        })
    }

    pub fn file(&self, r: &FileReport) {
        self.with(|m| {
            m.files += 1;
            if let Some(e) = &r.error {
                *m.read_errors.entry(e.code.as_str()).or_default() += 1;
            }
            for f in &r.findings {
                *m.findings.entry(f.code).or_default() += 1;
            }
        })
    }

    pub fn rejected(&self) {
        self.with(|m| m.rejected += 1)
    }

    /// The exposition text; `admitted` requests hold a lint thread or wait for one, `running` hold one.
    pub fn render(&self, admitted: usize, running: usize) -> String {
        self.with(|m| {
            let mut o = String::new();
            o.push_str("# HELP wenshu_http_requests_total HTTP requests by route and status.\n# TYPE wenshu_http_requests_total counter\n");
            for ((route, status), n) in &m.requests {
                let _ = writeln!(
                    o,
                    "wenshu_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
                );
            }
            o.push_str("# HELP wenshu_http_request_duration_seconds Request latency.\n# TYPE wenshu_http_request_duration_seconds histogram\n");
            for (route, (b, sum, count)) in &m.latency {
                for (i, le) in BUCKETS.iter().enumerate() {
                    let _ = writeln!(
                        o,
                        "wenshu_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{le}\"}} {}",
                        b[i]
                    );
                }
                let _ = writeln!(
                    o,
                    "wenshu_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {count}"
                );
                let _ = writeln!(
                    o,
                    "wenshu_http_request_duration_seconds_sum{{route=\"{route}\"}} {sum}"
                );
                let _ = writeln!(
                    o,
                    "wenshu_http_request_duration_seconds_count{{route=\"{route}\"}} {count}"
                );
            }
            o.push_str("# HELP wenshu_files_checked_total Documents checked.\n# TYPE wenshu_files_checked_total counter\n");
            let _ = writeln!(o, "wenshu_files_checked_total {}", m.files);
            o.push_str("# HELP wenshu_findings_total Findings by rule code.\n# TYPE wenshu_findings_total counter\n");
            for (code, n) in &m.findings {
                let _ = writeln!(o, "wenshu_findings_total{{code=\"{code}\"}} {n}");
            }
            o.push_str("# HELP wenshu_read_errors_total Unreadable documents by READ code.\n# TYPE wenshu_read_errors_total counter\n");
            for (code, n) in &m.read_errors {
                let _ = writeln!(o, "wenshu_read_errors_total{{code=\"{code}\"}} {n}");
            }
            o.push_str("# HELP wenshu_rejected_total Requests refused because the queue was full (503).\n# TYPE wenshu_rejected_total counter\n");
            let _ = writeln!(o, "wenshu_rejected_total {}", m.rejected);
            o.push_str("# HELP wenshu_queue_depth Requests admitted: running or waiting for a lint thread.\n# TYPE wenshu_queue_depth gauge\n");
            let _ = writeln!(o, "wenshu_queue_depth {admitted}");
            o.push_str("# HELP wenshu_lint_running Requests holding a lint thread.\n# TYPE wenshu_lint_running gauge\n");
            let _ = writeln!(o, "wenshu_lint_running {running}");
            o
        })
    }
}
