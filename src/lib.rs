//! wenshu-lint: a linter for Chinese court documents (判决书, 裁定书, 调解书).
//!
//! The library does no printing and no file-system walking: bytes in, [`FileReport`] out.
//! The pipeline is `read` (bytes → [`Document`]) → `structure` (sections, parties, items) →
//! `rules` (diagnostics with byte spans) → findings located through the document's source map.
//! The binary (`src/main.rs`, `src/cli.rs`) is a thin front end.

pub mod annotate;
pub mod batch;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod idnum;
pub mod numerals;
pub mod patterns;
pub mod read;
pub mod report;
pub mod rules;
pub mod structure;

pub use diagnostic::{Diagnostic, Finding, Severity, Span};
pub use document::{Document, Format, Location};
pub use read::{read_bytes, Limits, ReadCode, ReadError};
pub use rules::Profile;

use patterns::Patterns;
use std::sync::{Arc, OnceLock};
use structure::{DocInfo, Structure};

/// Which rules run and how they are reported.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Codes or prefixes to enable (empty: the profile's default set).
    pub select: Vec<String>,
    /// Codes or prefixes to disable.
    pub ignore: Vec<String>,
    /// Severity overrides by code or prefix.
    pub severity: Vec<(String, Severity)>,
}

impl Selection {
    fn matches(list: &[String], code: &str) -> bool {
        list.iter()
            .any(|p| code.starts_with(p.as_str()) || p.eq_ignore_ascii_case("ALL"))
    }

    /// Is `rule` on under this selection and profile? `--select` can turn on rules of the other
    /// profile by naming them; prefixes only pick among the profile's rules.
    pub fn enabled(&self, rule: &rules::Rule, profile: Profile) -> bool {
        if Self::matches(&self.ignore, rule.code) {
            return false;
        }
        let default_on = rule.profiles.contains(&profile);
        if self.select.is_empty() {
            return default_on;
        }
        self.select.iter().any(|p| p == rule.code)
            || (default_on && Self::matches(&self.select, rule.code))
    }

    pub fn severity_of(&self, code: &str, default: Severity) -> Severity {
        self.severity
            .iter()
            .filter(|(p, _)| code.starts_with(p.as_str()))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, s)| *s)
            .unwrap_or(default)
    }
}

/// Options of one lint run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub profile: Profile,
    pub selection: Selection,
    pub limits: Limits,
    /// Vocabulary; `None` means the built-in patterns.
    pub patterns: Option<Arc<Patterns>>,
}

fn builtin_patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    // The built-in files are validated by tests; an invalid one would be a build defect, and even
    // then we don't panic: the run goes on with an empty vocabulary.
    P.get_or_init(|| Patterns::builtin().unwrap_or_else(|_| Patterns::empty()))
}

/// Compile the vocabulary's and the modules' regular expressions now, in parallel on the rayon
/// pool, instead of one by one on first use. Compiling the Unicode-heavy patterns is most of a
/// single file's cold start; the CLI calls this on a side thread while it reads the input.
pub fn warm_up(opts: &Options) {
    use rayon::prelude::*;
    let patterns: &Patterns = match &opts.patterns {
        Some(p) => p,
        None => builtin_patterns(),
    };
    let mut jobs: Vec<Box<dyn Fn() + Send + Sync + '_>> = Vec::new();
    for list in patterns.regex_lists() {
        jobs.push(Box::new(move || {
            list.regexes();
        }));
    }
    let modules: [fn(); 4] = [
        structure::warm,
        rules::enforceability::warm,
        rules::identity::warm,
        idnum::warm,
    ];
    for f in modules {
        jobs.push(Box::new(f));
    }
    jobs.par_iter().for_each(|j| j());
}

/// The result of checking one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub format: Option<Format>,
    pub info: Option<DocInfo>,
    pub error: Option<ReadError>,
    pub findings: Vec<Finding>,
}

/// Read and check one file's bytes. Never panics on input: a reader that panics is contained
/// and reported as READ011.
pub fn lint_bytes(bytes: &[u8], path: &str, opts: &Options) -> FileReport {
    let format = read::sniff(bytes, Some(path)).ok();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let doc = read::read_bytes(bytes, Some(path), &opts.limits)?;
        let st = structure::analyze(&doc);
        let findings = check(&doc, &st, opts);
        Ok::<_, ReadError>((doc.format, st.info, findings))
    }));
    match outcome {
        Ok(Ok((format, info, findings))) => FileReport {
            path: path.to_string(),
            format: Some(format),
            info: Some(info),
            error: None,
            findings,
        },
        Ok(Err(e)) => FileReport {
            path: path.to_string(),
            format,
            info: None,
            error: Some(e),
            findings: vec![],
        },
        Err(_) => FileReport {
            path: path.to_string(),
            format,
            info: None,
            error: Some(ReadError::new(
                ReadCode::Internal,
                "读取或检查此文件时发生内部错误（程序缺陷），已跳过此文件；其他文件照常检查",
            )),
            findings: vec![],
        },
    }
}

/// Run the enabled rules on a read document and locate their findings.
pub fn check(doc: &Document, st: &Structure, opts: &Options) -> Vec<Finding> {
    let patterns: &Patterns = match &opts.patterns {
        Some(p) => p,
        None => builtin_patterns(),
    };
    let ctx = rules::Context::new(doc, st, patterns, opts.profile);
    let mut diags = Vec::new();
    for rule in rules::all() {
        if opts.selection.enabled(rule, opts.profile) {
            (rule.check)(&ctx, &mut diags);
        }
    }
    let mut findings: Vec<Finding> = diags
        .into_iter()
        .map(|mut d| {
            d.severity = opts.selection.severity_of(d.code, d.severity);
            locate(doc, d)
        })
        .collect();
    findings.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    findings.dedup_by(|a, b| a.code == b.code && a.span == b.span);
    findings
}

/// Resolve a diagnostic's span through the source map.
pub fn locate(doc: &Document, d: Diagnostic) -> Finding {
    let len = doc.text.len();
    let mut start = d.span.start.min(len);
    while !doc.text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = d.span.end.clamp(start, len);
    while !doc.text.is_char_boundary(end) {
        end += 1;
    }
    let loc = doc.locate(start);
    let p = &doc.paragraphs[loc.paragraph - 1];
    let context = doc.text[p.start..p.end].to_string();
    let excerpt = doc.text[start..end.min(p.end.max(start))].to_string();
    let context_char_start = doc.text[p.start..start.max(p.start)].chars().count();
    Finding {
        code: d.code,
        severity: d.severity,
        message: d.message,
        paragraph: loc.paragraph,
        page: loc.page,
        line: loc.line,
        column: loc.column,
        span: Span { start, end },
        excerpt,
        context,
        help: d.help,
        context_char_start,
        char_offset: doc.text[..start].chars().count(),
        char_length: doc.text[start..end].chars().count(),
    }
}
