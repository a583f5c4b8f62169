//! The vocabulary of the rules as data: `patterns/*.txt`, embedded at build time and overridable
//! at run time (`--patterns DIR`, or `patterns = [...]` in wenshu-lint.toml).
//!
//! File format (UTF-8, one entry per line, court staff can edit it without Rust):
//!
//! ```text
//! # comment
//! [generic_property]          keyword set (matched with Aho-Corasick, longest match wins)
//! 共同财产
//! 其他财产
//! +> 其余夫妻共同财产由双方协商分割      an example that must match (run as a test)
//! -> 原告名下的存款归原告所有           an example that must not match
//! [party_role:prefix]         keyword set matched at the start of the text only (longest wins)
//! 原告
//! [clerk_role:exact]          keyword set matched by the whole text only
//! 书记员
//! [deadline:regex]            regular expressions (Rust regex syntax)
//! 于本判决生效之日起\S{1,6}日内
//! [articles:table]            whitespace-separated columns, validated by the rule that reads it
//! 2013-01-01  2021-12-31  第二百五十三条
//! ```
//!
//! In an override folder, a file with the same name as a built-in file changes it section by
//! section: `[name]` replaces that section's entries, `[+name]` adds to them. A section or file
//! that the built-in vocabulary does not have is an error naming the file and line.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use regex::Regex;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// The built-in pattern files, embedded at build time.
pub const BUILTIN: &[(&str, &str)] = &[
    ("common.txt", include_str!("../patterns/common.txt")),
    ("identity.txt", include_str!("../patterns/identity.txt")),
    (
        "performance.txt",
        include_str!("../patterns/performance.txt"),
    ),
    (
        "enforceability.txt",
        include_str!("../patterns/enforceability.txt"),
    ),
    ("fees.txt", include_str!("../patterns/fees.txt")),
    ("privacy.txt", include_str!("../patterns/privacy.txt")),
    ("drafts.txt", include_str!("../patterns/drafts.txt")),
    (
        "preservation.txt",
        include_str!("../patterns/preservation.txt"),
    ),
    ("items.txt", include_str!("../patterns/items.txt")),
    ("structure.txt", include_str!("../patterns/structure.txt")),
    (
        "identifiers.txt",
        include_str!("../patterns/identifiers.txt"),
    ),
];

/// Every section the code reads, per file. `Patterns::load` fails when one is missing (a renamed
/// or deleted section is an error at start-up, not a rule that silently matches nothing); the
/// accessors are only asked for these; a test fails for a section of patterns/*.txt that is not
/// listed here (nobody reads it) and for a listed name that no source file mentions.
pub const READ_BY_CODE: &[(&str, &[&str])] = &[
    ("common", &["amount"]),
    ("drafts", &["placeholder"]),
    (
        "enforceability",
        &[
            "attached",
            "collective",
            "confiscate_property",
            "deadline",
            "debt_allocation",
            "default_clause",
            "division",
            "division_deferral",
            "division_re",
            "extent",
            "fine_imposed",
            "formula",
            "generic_property",
            "identifier",
            "infringing_conduct",
            "list_reference",
            "list_title",
            "location",
            "money_object",
            "money_verb",
            "money_word",
            "obligation",
            "quantity",
            "range_liability",
            "redo_distribution",
            "reference",
            "restore",
            "return",
            "specific_object",
            "statement",
            "transfer",
            "transfer_real_estate",
            "transfer_reference",
            "transfer_share",
            "transfer_vehicle",
            "vague_count",
        ],
    ),
    (
        "fees",
        &[
            "amount",
            "appeal_fee",
            "bearer",
            "exemption",
            "fee",
            "fee_collect",
            "fee_direct",
            "prepaid",
            "reduction",
        ],
    ),
    (
        "identity",
        &[
            "individual_business",
            "organisation_suffix",
            "organisation_word",
        ],
    ),
    (
        "performance",
        &[
            "cpl_article",
            "creditor_time_limit",
            "default",
            "delay_article",
            "delay_notice",
            "money",
            "money_verb",
            "no_obligation",
            "notice_title",
            "obligation",
            "sanction",
            "statute_heading",
            "statute_quote",
            "urge",
            "urge_negation",
        ],
    ),
    (
        "preservation",
        &[
            "application",
            "bank_account",
            "case_number",
            "limit",
            "location",
            "measure",
            "mention",
            "no_measure",
            "not_mention",
            "property_certificate",
            "share",
            "vehicle",
        ],
    ),
    (
        "items",
        &[
            "apology",
            "apology_detail",
            "apology_manner",
            "apology_publication",
            "base",
            "blank",
            "continue",
            "deferral",
            "interest",
            "interest_amount",
            "interest_reference",
            "joint",
            "list_reference",
            "list_title",
            "non_money",
            "other_document_list",
            "performance_act",
            "rate",
            "reference_rate",
            "share",
            "share_base",
            "start",
            "visit_deferral",
            "visit_handover",
            "visit_time",
            "visitation",
        ],
    ),
    ("privacy", &["institution_account"]),
    (
        "structure",
        &[
            "bare_case_number",
            "case_number",
            "clerk_role",
            "court_ending",
            "court_seal",
            "criminal_role",
            "date_placeholder",
            "execution_role",
            "fee_borne_word",
            "fee_both_instances",
            "fee_word",
            "item_note_word",
            "judge_title_word",
            "litigation_role",
            "order_opening",
            "organisation_representative",
            "party_prose",
            "party_role",
            "procedure_marker",
            "reasoning_opening",
            "representative_role",
            "signature_extra",
            "signature_role",
            "state_compensation_role",
            "tail_effective_opening",
            "tail_opening",
            "tail_phrase",
            "tail_warning_word",
            "trigger",
            "working_title",
        ],
    ),
    (
        "identifiers",
        &[
            "bank_label",
            "foreign_permanent_label",
            "generic_id_label",
            "hk_macao_permit_label",
            "org_code_label",
            "other_number_label",
            "passport_label",
            "residence_permit_label",
            "resident_id_label",
            "taiwan_permit_label",
            "uscc_label",
        ],
    ),
];

#[cfg(test)]
fn is_read_by_code(key: &str) -> bool {
    let Some((file, section)) = key.split_once('/') else {
        return false;
    };
    READ_BY_CODE
        .iter()
        .any(|(f, secs)| *f == file && secs.contains(&section))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Keywords,
    /// Keywords matched at the start of the text (`[name:prefix]`).
    Prefix,
    /// Keywords matched by the whole text (`[name:exact]`).
    Exact,
    Regex,
    Table,
}

/// A load error that names the file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for PatternError {}

/// One entry with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    pub file: String,
    pub line: usize,
}

/// An example attached to a section: text that must (or must not) match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub should_match: bool,
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone)]
struct RawSection {
    kind: Kind,
    entries: Vec<Entry>,
    examples: Vec<Example>,
}

/// A compiled keyword set.
#[derive(Debug, Clone)]
pub struct KeywordSet {
    words: Vec<String>,
    ac: Option<AhoCorasick>,
    /// How `is_match` reads the set: anywhere in the text, at its start, or the whole text.
    kind: Kind,
}

impl KeywordSet {
    fn new(words: Vec<String>) -> KeywordSet {
        KeywordSet::with_kind(words, Kind::Keywords)
    }

    fn with_kind(words: Vec<String>, kind: Kind) -> KeywordSet {
        let ac = if words.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Both)
                .build(&words)
                .ok()
        };
        KeywordSet { words, ac, kind }
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Does the set match `text`: anywhere for a plain set, at the start for a `:prefix` set,
    /// the whole text for an `:exact` set.
    pub fn is_match(&self, text: &str) -> bool {
        match self.kind {
            Kind::Prefix => self.prefix(text).is_some(),
            Kind::Exact => self.exact(text),
            _ => self.ac.as_ref().is_some_and(|ac| ac.is_match(text)),
        }
    }

    /// The longest word that `text` starts with.
    pub fn prefix(&self, text: &str) -> Option<&str> {
        let m = self
            .ac
            .as_ref()?
            .try_find(Input::new(text).anchored(Anchored::Yes))
            .ok()??;
        Some(self.words[m.pattern().as_usize()].as_str())
    }

    /// Is `text` one of the words?
    pub fn exact(&self, text: &str) -> bool {
        self.words.iter().any(|w| w == text)
    }

    /// First match: (start, end, word).
    pub fn find(&self, text: &str) -> Option<(usize, usize, &str)> {
        let m = self.ac.as_ref()?.find(text)?;
        Some((
            m.start(),
            m.end(),
            self.words[m.pattern().as_usize()].as_str(),
        ))
    }

    /// All non-overlapping matches, leftmost-longest.
    pub fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, &'a str)> + 'a {
        self.ac
            .iter()
            .flat_map(move |ac| ac.find_iter(text))
            .map(move |m| {
                (
                    m.start(),
                    m.end(),
                    self.words[m.pattern().as_usize()].as_str(),
                )
            })
    }
}

/// A regex list, compiled on first use: a run that never reaches a rule doesn't pay for its
/// regexes (compiling the Unicode-heavy patterns is most of a single file's start-up cost).
/// Built-in patterns are validated by the test suite, override files when they are loaded.
#[derive(Debug, Clone, Default)]
pub struct RegexList {
    sources: Vec<String>,
    compiled: std::sync::OnceLock<Vec<Regex>>,
}

impl RegexList {
    fn new(sources: Vec<String>) -> RegexList {
        RegexList {
            sources,
            compiled: std::sync::OnceLock::new(),
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regexes().iter().any(|r| r.is_match(text))
    }

    /// The earliest match over all patterns: (start, end).
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        self.regexes()
            .iter()
            .filter_map(|r| r.find(text))
            .map(|m| (m.start(), m.end()))
            .min()
    }

    pub fn regexes(&self) -> &[Regex] {
        // a source that fails to compile here was rejected at load time; skipping it is defensive
        self.compiled.get_or_init(|| {
            self.sources
                .iter()
                .filter_map(|s| Regex::new(s).ok())
                .collect()
        })
    }

    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// What the regexes mark in `text`: each match's group 1 (else the whole match), non-empty,
    /// in order, overlapping marks merged into the outermost ([XXX] over XXX).
    pub fn marked_spans(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut found: Vec<std::ops::Range<usize>> = self
            .regexes()
            .iter()
            .flat_map(|re| re.captures_iter(text))
            .filter_map(|c| c.get(1).or_else(|| c.get(0)))
            .filter(|m| !m.is_empty())
            .map(|m| m.start()..m.end())
            .collect();
        found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        for r in found {
            match out.last_mut() {
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => out.push(r),
            }
        }
        out
    }
}

/// The loaded, validated and compiled vocabulary.
#[derive(Debug, Clone)]
pub struct Patterns {
    keywords: BTreeMap<String, KeywordSet>,
    regexes: BTreeMap<String, RegexList>,
    tables: BTreeMap<String, Vec<Entry>>,
    examples: BTreeMap<String, Vec<Example>>,
    empty_kw: KeywordSet,
    empty_re: RegexList,
    /// identifiers.txt compiled for the identifier search, once per vocabulary.
    id_labels: std::sync::OnceLock<std::sync::Arc<crate::idnum::labels::Labels>>,
}

impl Patterns {
    /// The built-in vocabulary. The built-in files are validated by the test suite, so this
    /// cannot fail in a released build; if it somehow does, the error is returned, not panicked.
    pub fn builtin() -> Result<Patterns, PatternError> {
        Self::load(&[])
    }

    /// An empty vocabulary (every set matches nothing).
    pub fn empty() -> Patterns {
        Patterns {
            keywords: BTreeMap::new(),
            regexes: BTreeMap::new(),
            tables: BTreeMap::new(),
            examples: BTreeMap::new(),
            empty_kw: KeywordSet::new(vec![]),
            empty_re: RegexList::default(),
            id_labels: std::sync::OnceLock::new(),
        }
    }

    /// The identifier labels of this vocabulary (identifiers.txt), compiled on first use.
    pub(crate) fn identifier_labels(&self) -> std::sync::Arc<crate::idnum::labels::Labels> {
        self.id_labels
            .get_or_init(|| std::sync::Arc::new(crate::idnum::labels::Labels::from_patterns(self)))
            .clone()
    }

    /// Built-in vocabulary changed by the override folders, in order.
    pub fn with_overrides(dirs: &[&Path]) -> Result<Patterns, PatternError> {
        let mut files = Vec::new();
        for dir in dirs {
            let rd = std::fs::read_dir(dir).map_err(|e| PatternError {
                file: dir.display().to_string(),
                line: 0,
                message: format!("无法读取词表目录：{e}"),
            })?;
            let mut paths: Vec<_> = rd
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p).map_err(|e| PatternError {
                    file: p.display().to_string(),
                    line: 0,
                    message: format!("无法读取词表文件（须为 UTF-8 文本）：{e}"),
                })?;
                files.push((p, text));
            }
        }
        let refs: Vec<(&Path, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_path(), t.as_str()))
            .collect();
        Self::load(&refs)
    }

    /// Load built-ins plus override files given as (path, contents).
    pub fn load(overrides: &[(&Path, &str)]) -> Result<Patterns, PatternError> {
        let mut sections: BTreeMap<String, RawSection> = BTreeMap::new();
        for (name, text) in BUILTIN {
            for (key, sec, _) in parse_file(name, text, None)? {
                sections.insert(key, sec);
            }
        }
        for (path, text) in overrides {
            let fname = path
                .file_name()
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default();
            let shown = path.display().to_string();
            if !BUILTIN.iter().any(|(n, _)| *n == fname) {
                return Err(PatternError {
                    file: shown,
                    line: 0,
                    message: format!(
                        "未知的词表文件名；可用的文件名为：{}",
                        BUILTIN
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                });
            }
            for (key, sec, append) in parse_file(&shown, text, Some((&fname, &sections)))? {
                match sections.get_mut(&key) {
                    Some(existing) if append => {
                        existing.entries.extend(sec.entries);
                        existing.examples.extend(sec.examples);
                    }
                    Some(existing) => {
                        existing.entries = sec.entries;
                        existing.examples.extend(sec.examples);
                    }
                    // parse_file only accepts sections the built-ins have
                    None => {}
                }
            }
        }
        check_read_by_code(&sections)?;
        compile(sections)
    }

    /// The keyword set `file/section`, e.g. `keywords("enforceability", "generic_property")`.
    /// Only sections listed in `READ_BY_CODE` may be asked for (load checked they exist); any
    /// other name is a programming error, caught by the tests (debug builds panic naming it).
    pub fn keywords(&self, file: &str, section: &str) -> &KeywordSet {
        let k = key(file, section);
        match self.keywords.get(&k) {
            Some(set) => set,
            None => self.missing(&k, &self.empty_kw),
        }
    }

    pub fn regexes(&self, file: &str, section: &str) -> &RegexList {
        let k = key(file, section);
        match self.regexes.get(&k) {
            Some(list) => list,
            None => self.missing(&k, &self.empty_re),
        }
    }

    fn missing<'a, T: ?Sized>(&self, key: &str, empty: &'a T) -> &'a T {
        // `Patterns::empty()` (the fallback when the built-ins fail to load) has no sections
        debug_assert!(
            self.keywords.is_empty() && self.regexes.is_empty() && self.tables.is_empty(),
            "no pattern section {key} of this kind: list it in patterns::READ_BY_CODE and add it to patterns/*.txt"
        );
        let _ = key;
        empty
    }

    /// Every regex list (to compile them ahead of use, see `crate::warm_up`).
    pub fn regex_lists(&self) -> impl Iterator<Item = &RegexList> {
        self.regexes.values()
    }

    pub fn table(&self, file: &str, section: &str) -> &[Entry] {
        let k = key(file, section);
        match self.tables.get(&k) {
            Some(rows) => rows.as_slice(),
            None => self.missing(&k, &[]),
        }
    }

    /// Every section's examples (for tests): (key, example).
    pub fn examples(&self) -> impl Iterator<Item = (&str, &Example)> {
        self.examples
            .iter()
            .flat_map(|(k, v)| v.iter().map(move |e| (k.as_str(), e)))
    }

    /// Does the section `key` (file/section) match `text`? For examples.
    pub fn section_matches(&self, key: &str, text: &str) -> Option<bool> {
        if let Some(k) = self.keywords.get(key) {
            return Some(k.is_match(text));
        }
        if let Some(r) = self.regexes.get(key) {
            return Some(r.is_match(text));
        }
        None
    }
}

/// Every section the code reads is there (see `READ_BY_CODE`).
fn check_read_by_code(sections: &BTreeMap<String, RawSection>) -> Result<(), PatternError> {
    for (file, secs) in READ_BY_CODE {
        for section in *secs {
            if !sections.contains_key(&key(file, section)) {
                return Err(PatternError {
                    file: format!("patterns/{file}.txt"),
                    line: 0,
                    message: format!("缺少程序要读取的节 [{section}]"),
                });
            }
        }
    }
    Ok(())
}

fn key(file: &str, section: &str) -> String {
    format!("{}/{}", file.trim_end_matches(".txt"), section)
}

type Parsed = Vec<(String, RawSection, bool)>;

/// Parse one file. With `known`, section names must already exist (override files).
fn parse_file(
    shown: &str,
    text: &str,
    known: Option<(&str, &BTreeMap<String, RawSection>)>,
) -> Result<Parsed, PatternError> {
    let base = known.map(|(f, _)| f).unwrap_or(shown);
    let err = |line: usize, message: String| PatternError {
        file: shown.to_string(),
        line,
        message,
    };
    let mut out: Parsed = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // A section header is an ASCII "[name]" line; anything else starting with '[' is an entry
        // (a regex character class such as [《“]…).
        if let Some(inner) = line
            .strip_prefix('[')
            .and_then(|l| l.strip_suffix(']'))
            .filter(|i| i.is_ascii() && !i.contains('['))
        {
            let (append, inner) = match inner.strip_prefix('+') {
                Some(rest) => (true, rest),
                None => (false, inner),
            };
            let (name, kind) = match inner.split_once(':') {
                None => (inner, Kind::Keywords),
                Some((n, "regex")) => (n, Kind::Regex),
                Some((n, "prefix")) => (n, Kind::Prefix),
                Some((n, "exact")) => (n, Kind::Exact),
                Some((n, "table")) => (n, Kind::Table),
                Some((_, other)) => {
                    return Err(err(
                        lineno,
                        format!("未知的节类型“{other}”：只能是 regex、table、prefix 或 exact"),
                    ))
                }
            };
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(err(
                    lineno,
                    format!("节名称“{name}”无效：只能使用英文字母、数字和下划线"),
                ));
            }
            let k = key(base, name);
            let kind = match known {
                Some((_, sections)) => match sections.get(&k) {
                    Some(s) => s.kind,
                    None => {
                        return Err(err(
                            lineno,
                            format!("内置词表 {base} 中没有名为 [{name}] 的节"),
                        ))
                    }
                },
                None => {
                    if append {
                        return Err(err(lineno, "内置词表中不能使用 [+名称]".into()));
                    }
                    kind
                }
            };
            if out.iter().any(|(existing, _, _)| *existing == k) {
                return Err(err(lineno, format!("节 [{name}] 重复出现")));
            }
            out.push((
                k,
                RawSection {
                    kind,
                    entries: vec![],
                    examples: vec![],
                },
                append,
            ));
            continue;
        }
        let Some((k, sec, _)) = out.last_mut() else {
            return Err(err(lineno, "词条出现在任何 [节] 之前".into()));
        };
        if let Some(ex) = line.strip_prefix("+>").or_else(|| line.strip_prefix("->")) {
            sec.examples.push(Example {
                text: ex.trim().to_string(),
                should_match: line.starts_with('+'),
                file: shown.to_string(),
                line: lineno,
            });
            continue;
        }
        match sec.kind {
            // built-in regexes are compiled by the test suite, not on every start
            Kind::Regex if known.is_some() => {
                if let Err(e) = Regex::new(line) {
                    return Err(err(lineno, format!("正则表达式无效（{k}）：{e}")));
                }
            }
            Kind::Regex => {}
            Kind::Keywords | Kind::Prefix | Kind::Exact => {
                if line.chars().any(char::is_whitespace) {
                    return Err(err(lineno, format!("关键词不能包含空格：“{line}”（{k}）")));
                }
            }
            Kind::Table => {}
        }
        sec.entries.push(Entry {
            text: line.to_string(),
            file: shown.to_string(),
            line: lineno,
        });
    }
    Ok(out)
}

fn compile(sections: BTreeMap<String, RawSection>) -> Result<Patterns, PatternError> {
    let mut p = Patterns::empty();
    for (k, sec) in sections {
        match sec.kind {
            Kind::Keywords | Kind::Prefix | Kind::Exact => {
                let mut words: Vec<String> = sec.entries.iter().map(|e| e.text.clone()).collect();
                words.dedup();
                p.keywords
                    .insert(k.clone(), KeywordSet::with_kind(words, sec.kind));
            }
            Kind::Regex => {
                p.regexes.insert(
                    k.clone(),
                    RegexList::new(sec.entries.iter().map(|e| e.text.clone()).collect()),
                );
            }
            Kind::Table => {
                p.tables.insert(k.clone(), sec.entries);
            }
        }
        if !sec.examples.is_empty() {
            p.examples.insert(k, sec.examples);
        }
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_and_examples_hold() {
        let p = Patterns::builtin().unwrap();
        let mut n = 0;
        for (k, ex) in p.examples() {
            n += 1;
            let got = p.section_matches(k, &ex.text);
            assert_eq!(
                got,
                Some(ex.should_match),
                "{}:{} example of {k}: {:?}",
                ex.file,
                ex.line,
                ex.text
            );
        }
        assert!(n > 0, "the built-in patterns carry examples");
    }

    #[test]
    fn override_replaces_and_appends_with_line_errors() {
        let base = Patterns::builtin().unwrap();
        let (file, section) = base
            .keywords
            .keys()
            .next()
            .unwrap()
            .split_once('/')
            .unwrap();
        let fname = format!("{file}.txt");
        let path = std::path::PathBuf::from(format!("/tmp/x/{fname}"));
        let text = format!("# 追加\n[+{section}]\n测试新词甲\n");
        let p = Patterns::load(&[(&path, &text)]).unwrap();
        assert!(p.keywords(file, section).is_match("这里有测试新词甲"));
        assert!(p.keywords(file, section).words().len() > 1);
        let text = format!("[{section}]\n测试新词乙\n");
        let p = Patterns::load(&[(&path, &text)]).unwrap();
        assert_eq!(p.keywords(file, section).words(), ["测试新词乙"]);

        let bad = "[no_such_section]\n词\n";
        let e = Patterns::load(&[(&path, bad)]).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.file.ends_with(&fname));
        let unknown = std::path::PathBuf::from("/tmp/x/nope.txt");
        assert!(Patterns::load(&[(&unknown, "[a]\nb\n")]).is_err());
        let stray = "词\n";
        assert_eq!(Patterns::load(&[(&path, stray)]).unwrap_err().line, 1);
    }

    #[test]
    fn every_builtin_regex_compiles() {
        for (name, text) in BUILTIN {
            for (key, sec, _) in parse_file(name, text, None).unwrap() {
                if sec.kind == Kind::Regex {
                    for e in &sec.entries {
                        assert!(
                            Regex::new(&e.text).is_ok(),
                            "{}:{} ({key}): {}",
                            e.file,
                            e.line,
                            e.text
                        );
                    }
                }
            }
        }
    }

    /// A section of patterns/*.txt that no code reads is reported here, and so is a name in
    /// READ_BY_CODE that no source file (outside this one) mentions.
    #[test]
    fn every_section_is_read_and_every_read_section_exists() {
        let mut unread = Vec::new();
        for (name, text) in BUILTIN {
            for (key, _, _) in parse_file(name, text, None).unwrap() {
                if !is_read_by_code(&key) {
                    unread.push(format!("{name}: {key}"));
                }
            }
        }
        assert!(
            unread.is_empty(),
            "sections nobody reads (remove them, or read them and list them in READ_BY_CODE): {unread:?}"
        );
        let mut sources = String::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut dirs = vec![root];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("patterns.rs") {
                    sources.push_str(&std::fs::read_to_string(&p).unwrap());
                }
            }
        }
        for (file, secs) in READ_BY_CODE {
            assert!(
                BUILTIN.iter().any(|(n, _)| *n == format!("{file}.txt")),
                "READ_BY_CODE names a file that is not built in: {file}"
            );
            for s in *secs {
                assert!(
                    sources.contains(&format!("\"{s}\"")),
                    "READ_BY_CODE lists {file}/{s} but no source file reads it"
                );
            }
        }
    }

    #[test]
    fn a_missing_section_fails_at_load() {
        let mut sections: BTreeMap<String, RawSection> = BTreeMap::new();
        for (name, text) in BUILTIN {
            for (key, sec, _) in parse_file(name, text, None).unwrap() {
                sections.insert(key, sec);
            }
        }
        assert!(check_read_by_code(&sections).is_ok());
        sections.remove("structure/party_role");
        let e = check_read_by_code(&sections).unwrap_err();
        assert_eq!(e.file, "patterns/structure.txt");
        assert!(e.message.contains("[party_role]"), "{e}");
    }

    #[test]
    #[should_panic(expected = "no pattern section")]
    #[cfg(debug_assertions)]
    fn asking_for_an_unknown_section_is_loud() {
        let p = Patterns::builtin().unwrap();
        p.keywords("structure", "no_such_section");
    }

    #[test]
    fn prefix_and_exact_sections() {
        let p = Patterns::builtin().unwrap();
        let roles = p.keywords("structure", "party_role");
        assert_eq!(roles.prefix("被上诉人（原审原告）：张三"), Some("被上诉人"));
        assert_eq!(roles.prefix("被告人李四"), Some("被告人"));
        assert_eq!(roles.prefix("本院认为原告"), None);
        assert!(!roles.is_match("本院认为原告"));
        let clerks = p.keywords("structure", "clerk_role");
        assert!(clerks.is_match("书记员"));
        assert!(!clerks.is_match("书记员王丹"));
        // an override keeps the section's kind
        let path = std::path::PathBuf::from("/tmp/x/structure.txt");
        let p = Patterns::load(&[(&path, "[+party_role]\n共同原告\n")]).unwrap();
        assert_eq!(
            p.keywords("structure", "party_role").prefix("共同原告张三"),
            Some("共同原告")
        );
        // identifiers.txt too: a label added there is searched for (see lib tests)
        let ids = std::path::PathBuf::from("/tmp/x/identifiers.txt");
        let p = Patterns::load(&[(&ids, "[+resident_id_label]\n居民证号\n")]).unwrap();
        assert!(p
            .keywords("identifiers", "resident_id_label")
            .words()
            .iter()
            .any(|w| w == "居民证号"));
    }

    #[test]
    fn bad_regex_names_line() {
        let path = std::path::PathBuf::from("t/enforceability.txt");
        let e = Patterns::load(&[(&path, "# c\n[deadline:regex]\nok\n(unclosed\n")]).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("t/enforceability.txt", 4));
        assert!(e.to_string().starts_with("t/enforceability.txt:4:"));
    }
}
