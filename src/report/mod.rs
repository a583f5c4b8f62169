//! Renderers: turn reports into text. Never re-read files; never print (the CLI prints).
//!
//! Every output format of `check` is a [`Sink`]: `begin` once, `file` for each report as it
//! comes back from the batch runner, `finish` once with the run's summary. The command line,
//! `check --stdin-jsonl` ([`crate::stream`]) and the server write through the same sinks, so a
//! new format is one more implementation, not a branch in each front end.

pub mod catalogue;
pub mod csv;
pub mod dump;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;

use crate::FileReport;
use std::io::{self, Write};

/// `check --format`: the output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Jsonl,
    Sarif,
    Html,
    Csv,
}

/// How a run ended, for a sink's closing lines.
#[derive(Debug, Clone, Copy)]
pub struct End<'a> {
    /// Totals over the files reported.
    pub summary: &'a json::Summary,
    /// Wall time of the run, in seconds.
    pub elapsed_s: f64,
    /// Stopped by Ctrl-C before every file was reported.
    pub interrupted: bool,
}

/// Where `--stdin-jsonl` results come from: the input line number and the caller's `id`.
#[derive(Debug, Clone, Copy)]
pub struct Tag<'a> {
    pub seq: usize,
    pub id: Option<&'a serde_json::Value>,
}

/// One output format: written to as the reports come.
pub trait Sink {
    /// Before the first file (a JSON document's opening, a CSV header).
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// One file's report. Streaming formats write it now; whole-document formats (SARIF, HTML)
    /// keep it for [`Sink::finish`].
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;

    /// One report of the `--stdin-jsonl` protocol; formats that carry no tags ignore it.
    fn tagged(&mut self, out: &mut dyn Write, report: &FileReport, _tag: Tag) -> io::Result<()> {
        self.file(out, report)
    }

    /// After the last file (a summary, a closing bracket, the whole SARIF log).
    fn finish(&mut self, _out: &mut dyn Write, _end: &End) -> io::Result<()> {
        Ok(())
    }
}

/// A sink for `format` with the defaults a library caller wants (no colour; HTML without the
/// document's text). The command line builds the human and HTML sinks itself.
pub fn sink(format: OutputFormat) -> Box<dyn Sink + Send> {
    match format {
        OutputFormat::Human => Box::new(human::Human::new(human::Style::default())),
        OutputFormat::Json => Box::new(json::Json::default()),
        OutputFormat::Jsonl => Box::new(json::Jsonl),
        OutputFormat::Sarif => Box::new(sarif::Sarif::default()),
        OutputFormat::Html => Box::new(html::Html::default()),
        OutputFormat::Csv => Box::new(csv::Csv::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every format through its sink: begin, two files, finish; the machine formats parse.
    #[test]
    fn every_sink_writes_a_whole_document() {
        let opts = crate::Options::default();
        let a = crate::lint_bytes("hello".as_bytes(), "a.txt", &opts);
        let b = crate::lint_bytes(b"", "b.txt", &opts);
        let mut summary = json::Summary::default();
        summary.add(&a);
        summary.add(&b);
        let end = End {
            summary: &summary,
            elapsed_s: 0.5,
            interrupted: false,
        };
        let run = |format| {
            let mut out = Vec::new();
            let mut s = sink(format);
            s.begin(&mut out).unwrap();
            s.file(&mut out, &a).unwrap();
            s.file(&mut out, &b).unwrap();
            s.finish(&mut out, &end).unwrap();
            String::from_utf8(out).unwrap()
        };
        let j: serde_json::Value = serde_json::from_str(&run(OutputFormat::Json)).unwrap();
        assert_eq!(j["files"].as_array().unwrap().len(), 2);
        assert_eq!(j["summary"]["unreadable"], 1);
        let lines: Vec<serde_json::Value> = run(OutputFormat::Jsonl)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1]["error"]["code"], "READ001");
        let s: serde_json::Value = serde_json::from_str(&run(OutputFormat::Sarif)).unwrap();
        assert_eq!(s["version"], "2.1.0");
        assert_eq!(run(OutputFormat::Csv).matches("\r\n").count(), 3);
        let h = run(OutputFormat::Html);
        assert!(
            h.starts_with("<!DOCTYPE html>") && h.contains("共 2 个文件"),
            "{h}"
        );
        let human = run(OutputFormat::Human);
        assert!(human.contains("error[READ001]") && human.contains("检查 2 个文件"));
    }

    #[test]
    fn an_interrupted_run_says_so_in_json_and_jsonl() {
        let summary = json::Summary::default();
        let end = End {
            summary: &summary,
            elapsed_s: 0.0,
            interrupted: true,
        };
        for format in [OutputFormat::Json, OutputFormat::Jsonl] {
            let mut out = Vec::new();
            let mut s = sink(format);
            s.begin(&mut out).unwrap();
            s.finish(&mut out, &end).unwrap();
            let text = String::from_utf8(out).unwrap();
            let last = if format == OutputFormat::Json {
                text.clone()
            } else {
                text.lines().last().unwrap().to_string()
            };
            let v: serde_json::Value = serde_json::from_str(&last).unwrap();
            assert_eq!(v["interrupted"], true, "{text}");
        }
    }
}
