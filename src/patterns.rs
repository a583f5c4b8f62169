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
//! [deadline:regex]            regular expressions (Rust regex syntax)
//! 于本判决生效之日起\S{1,6}日内
//! [articles:table]            whitespace-separated columns, validated by the rule that reads it
//! 2013-01-01  2021-12-31  第二百五十三条
//! ```
//!
//! In an override folder, a file with the same name as a built-in file changes it section by
//! section: `[name]` replaces that section's entries, `[+name]` adds to them. A section or file
//! that the built-in vocabulary does not have is an error naming the file and line.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// The built-in pattern files, embedded at build time.
pub const BUILTIN: &[(&str, &str)] = &[
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
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Keywords,
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
}

impl KeywordSet {
    fn new(words: Vec<String>) -> KeywordSet {
        let ac = if words.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&words)
                .ok()
        };
        KeywordSet { words, ac }
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.ac.as_ref().is_some_and(|ac| ac.is_match(text))
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
        }
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
        compile(sections)
    }

    /// The keyword set `file/section`, e.g. `keywords("enforceability", "generic_property")`.
    pub fn keywords(&self, file: &str, section: &str) -> &KeywordSet {
        self.keywords
            .get(&key(file, section))
            .unwrap_or(&self.empty_kw)
    }

    pub fn regexes(&self, file: &str, section: &str) -> &RegexList {
        self.regexes
            .get(&key(file, section))
            .unwrap_or(&self.empty_re)
    }

    /// Every regex list (to compile them ahead of use, see `crate::warm_up`).
    pub fn regex_lists(&self) -> impl Iterator<Item = &RegexList> {
        self.regexes.values()
    }

    pub fn table(&self, file: &str, section: &str) -> &[Entry] {
        self.tables
            .get(&key(file, section))
            .map(|v| v.as_slice())
            .unwrap_or(&[])
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
                Some((n, "table")) => (n, Kind::Table),
                Some((_, other)) => {
                    return Err(err(
                        lineno,
                        format!("未知的节类型“{other}”：只能是 regex 或 table"),
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
            Kind::Keywords => {
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
            Kind::Keywords => {
                let mut words: Vec<String> = sec.entries.iter().map(|e| e.text.clone()).collect();
                words.dedup();
                p.keywords.insert(k.clone(), KeywordSet::new(words));
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

    #[test]
    fn bad_regex_names_line() {
        let path = std::path::PathBuf::from("t/enforceability.txt");
        let e = Patterns::load(&[(&path, "# c\n[deadline:regex]\nok\n(unclosed\n")]).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("t/enforceability.txt", 4));
        assert!(e.to_string().starts_with("t/enforceability.txt:4:"));
    }
}
