//! wenshu-lint: a linter for Chinese court documents (判决书, 裁定书, 调解书).
//!
//! The library does no printing and no file-system walking: bytes in, [`FileReport`] out.
//! The pipeline is `read` (bytes → [`Document`]) → `structure` (sections, parties, items) →
//! `rules` (diagnostics with byte spans) → findings located through the document's source map.
//! The binary (`src/main.rs`, `src/cli.rs`) is a thin front end.

#![forbid(unsafe_code)]
pub mod annotate;
pub mod baseline;
pub mod batch;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod idnum;
pub mod input;
pub mod labels;
pub mod numerals;
pub mod patterns;
pub mod read;
pub mod redact;
pub mod report;
pub mod rules;
pub mod serve;
pub mod stream;
pub mod structure;

pub use diagnostic::{Diagnostic, Finding, Severity, Span};
pub use document::{Document, Format, Location, ReadWarning};
pub use read::{read_bytes, Budget, Limits, ReadCode, ReadError};
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
    /// profile by naming them; prefixes only pick among the profile's rules. An opt-in rule
    /// ([`rules::Default::OptIn`]) is on only when its code is named (not by `ALL` or a prefix).
    pub fn enabled(&self, rule: &rules::Rule, profile: Profile) -> bool {
        if Self::matches(&self.ignore, rule.code) {
            return false;
        }
        let named = self.select.iter().any(|p| p == rule.code);
        if rule.default == rules::Default::OptIn {
            return named;
        }
        let default_on = rule.profiles.contains(&profile);
        if self.select.is_empty() {
            return default_on;
        }
        named || (default_on && Self::matches(&self.select, rule.code))
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

impl Options {
    /// The vocabulary in force: the loaded one, or the built-in patterns.
    pub fn vocabulary(&self) -> &Patterns {
        self.patterns
            .as_deref()
            .unwrap_or_else(|| builtin_patterns())
    }
}

pub(crate) fn builtin_patterns() -> &'static Patterns {
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
    let modules: [fn(); 4] = [structure::warm, rules::warm, labels::warm, idnum::warm];
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
    /// Parts of the file not read (READ012); the rest was checked.
    pub warnings: Vec<ReadWarning>,
}

impl FileReport {
    /// The report of a file that could not be read.
    pub fn unreadable(path: &str, format: Option<Format>, error: ReadError) -> FileReport {
        FileReport {
            path: path.to_string(),
            format,
            info: None,
            error: Some(error),
            findings: vec![],
            warnings: vec![],
        }
    }
}

/// Read and check one file's bytes. Never panics on input: a reader that panics is contained
/// and reported as READ011. Bounded by `opts.limits` (time, decoded bytes, operators) and by the
/// calling thread's cancel flag (see [`read::budget`]).
pub fn lint_bytes(bytes: &[u8], path: &str, opts: &Options) -> FileReport {
    lint_bytes_with(bytes, path, opts, &Budget::new(&opts.limits))
}

/// [`lint_bytes`] within a given budget.
pub fn lint_bytes_with(bytes: &[u8], path: &str, opts: &Options, budget: &Budget) -> FileReport {
    let format = read::sniff(bytes, Some(path)).ok();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        idnum::with_vocabulary(opts.vocabulary(), || {
            let mut doc = read::read_bytes_with(bytes, Some(path), &opts.limits, budget)?;
            budget.check()?;
            let st = structure::analyze_with(&doc, &structure::Vocab::new(opts.vocabulary()));
            budget.check()?;
            let findings = check_within(&doc, &st, opts, budget)?;
            Ok::<_, ReadError>((
                doc.format,
                st.info,
                findings,
                std::mem::take(&mut doc.warnings),
            ))
        })
    }));
    match outcome {
        Ok(Ok((format, info, findings, warnings))) => FileReport {
            path: path.to_string(),
            format: Some(format),
            info: Some(info),
            error: None,
            findings,
            warnings,
        },
        Ok(Err(e)) => FileReport::unreadable(path, format, e),
        Err(_) => FileReport::unreadable(
            path,
            format,
            ReadError::new(
                ReadCode::Internal,
                "读取或检查此文件时发生内部错误（程序缺陷），已跳过此文件；其他文件照常检查",
            ),
        ),
    }
}

/// Run the enabled rules on a read document and locate their findings.
pub fn check(doc: &Document, st: &Structure, opts: &Options) -> Vec<Finding> {
    check_within(doc, st, opts, &Budget::unlimited_time(&Limits::default())).unwrap_or_default()
}

/// [`check`] within a budget: the clock is read between rules, and every located finding's
/// excerpt and context are charged as decoded bytes (a hostile file with a huge paragraph and
/// many findings is READ008, not gigabytes of copies).
pub fn check_within(
    doc: &Document,
    st: &Structure,
    opts: &Options,
    budget: &Budget,
) -> Result<Vec<Finding>, ReadError> {
    let patterns: &Patterns = match &opts.patterns {
        Some(p) => p,
        None => builtin_patterns(),
    };
    // identifier searches use this vocabulary's identifiers.txt
    idnum::with_vocabulary(patterns, || run_rules(doc, st, opts, budget, patterns))
}

fn run_rules(
    doc: &Document,
    st: &Structure,
    opts: &Options,
    budget: &Budget,
    patterns: &Patterns,
) -> Result<Vec<Finding>, ReadError> {
    let ctx = rules::Context::new(doc, st, patterns, opts.profile);
    let mut diags = Vec::new();
    let mut drafts = false;
    let mut enabled: Vec<&'static str> = Vec::new();
    for check in rules::REGISTRY {
        enabled.clear();
        enabled.extend(
            check
                .rules
                .iter()
                .filter(|r| opts.selection.enabled(r, opts.profile))
                .map(|r| r.code),
        );
        if enabled.is_empty() {
            continue;
        }
        budget.check()?;
        (check.run)(&ctx, &mut rules::Emitter::new(&enabled, &mut diags));
        drafts |= enabled.contains(&"DR001");
    }
    budget.check()?;
    if drafts {
        // a placeholder is reported once, as DR001
        let blanks = ctx.placeholders();
        diags.retain(|d| {
            !rules::drafts::SUPERSEDES.contains(&d.code)
                || !blanks
                    .iter()
                    .any(|b| b.start < d.span.end && d.span.start < b.end)
        });
    }
    diags.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    diags.dedup_by(|a, b| a.code == b.code && a.span == b.span);
    let mut findings = Vec::with_capacity(diags.len());
    for mut d in diags {
        d.severity = opts.selection.severity_of(d.code, d.severity);
        let f = locate(doc, d);
        budget.charge(
            f.context.len() + f.excerpt.len() + f.message.len() + 128,
            "检查结果",
        )?;
        findings.push(f);
    }
    findings.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    findings.dedup_by(|a, b| a.code == b.code && a.span == b.span);
    Ok(findings)
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
    let char_offset = doc.char_offset(start);
    let context_char_start = char_offset - doc.char_offset(p.start.min(start));
    Finding {
        fingerprint: baseline::fingerprint(d.code, &excerpt),
        acknowledged: None,
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
        char_offset,
        char_length: doc.char_offset(end) - char_offset,
    }
}
