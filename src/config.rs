//! `wenshu-lint.toml`: found by walking up from each input (or given with `--config`, or ignored
//! with `--isolated`). Unknown keys and bad values are errors naming the file and line.
//!
//! ```toml
//! profile = "draft"            # or "public"
//! select = ["EX", "ID"]        # codes or prefixes; empty = the profile's rules
//! ignore = ["EX005"]
//! fail-on = "error"            # error | warning | never
//! patterns = ["court-words"]   # extra pattern folders, relative to this file
//!
//! [severity]                   # per code or prefix
//! EX005 = "error"
//! ```
//!
//! The file is typed as it is parsed: profile, fail-on and severities are enums, rule codes are
//! checked against the catalogue, and every value keeps its [`Spanned`] place, so an error names
//! the line it stands on. [`Settings::resolve`] merges the command line's [`Flags`] with one
//! config into what an input is checked with; the command line wins (`select` replaces,
//! `ignore` and `patterns` add).
use crate::diagnostic::Severity;
use crate::patterns::Patterns;
use crate::read::Limits;
use crate::rules::Profile;
use crate::{Options, Selection};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
pub use toml::Spanned;

pub const FILE_NAME: &str = "wenshu-lint.toml";

/// Marks a message of ours inside a toml error (it is shown without the 配置错误 prefix).
const OURS: char = '\u{1}';

/// `profile`: which documents a run is checking (`--profile`, `profile = …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(try_from = "String")]
pub enum ProfileName {
    Draft,
    Public,
}

impl TryFrom<String> for ProfileName {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "draft" => Ok(ProfileName::Draft),
            "public" => Ok(ProfileName::Public),
            _ => Err(format!(
                "{OURS}profile 只能是 \"draft\" 或 \"public\"，而不是 \"{s}\""
            )),
        }
    }
}

impl From<ProfileName> for Profile {
    fn from(p: ProfileName) -> Profile {
        match p {
            ProfileName::Draft => Profile::Draft,
            ProfileName::Public => Profile::Public,
        }
    }
}

/// `fail-on`: the severity from which findings fail a run (`never`: none does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(try_from = "String")]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Never,
}

impl TryFrom<String> for FailOn {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "error" => Ok(FailOn::Error),
            "warning" => Ok(FailOn::Warning),
            "never" => Ok(FailOn::Never),
            _ => Err(format!(
                "{OURS}fail-on 只能是 \"error\"、\"warning\" 或 \"never\"，而不是 \"{s}\""
            )),
        }
    }
}

impl FailOn {
    /// The lowest severity that fails a run (`None`: findings never do).
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Never => None,
        }
    }
}

/// A severity override's value (`[severity] EX005 = "error"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct SeverityValue(pub Severity);

impl TryFrom<String> for SeverityValue {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Severity::parse(&s).map(SeverityValue).ok_or_else(|| {
            format!("{OURS}严重程度只能是 \"error\"、\"warning\" 或 \"info\"，而不是 \"{s}\"")
        })
    }
}

/// A rule code or prefix (or ALL) known to the catalogue, trimmed and upper-cased.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub struct RuleCode(String);

impl TryFrom<String> for RuleCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        if known_code(&s) {
            Ok(RuleCode(s.trim().to_ascii_uppercase()))
        } else {
            Err(format!("{OURS}未知的规则代码或前缀：{s}"))
        }
    }
}

impl RuleCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    pub profile: Option<Spanned<ProfileName>>,
    #[serde(default)]
    pub select: Vec<Spanned<RuleCode>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<RuleCode>>,
    pub fail_on: Option<Spanned<FailOn>>,
    #[serde(default)]
    pub patterns: Vec<Spanned<PathBuf>>,
    #[serde(default)]
    pub severity: BTreeMap<RuleCode, Spanned<SeverityValue>>,
    /// Where the file was read from (set by [`load`]).
    #[serde(skip)]
    pub path: PathBuf,
}

/// A configuration error that names the file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

/// Walk up from `start` (a file or directory) to the nearest `wenshu-lint.toml`.
pub fn find(start: &Path) -> Option<PathBuf> {
    let abs = if start.is_absolute() {
        start.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(start)
    };
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// Parse a config file's text; `shown` names it in errors. Every value is typed while parsing:
/// an error names the line of the value (or key) at fault.
pub fn parse(shown: &str, text: &str) -> Result<Config, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            .unwrap_or(0);
        let m = e.message();
        let message = match m.find(OURS) {
            Some(i) => m[i + OURS.len_utf8()..].to_string(),
            None => format!("配置错误：{m}"),
        };
        ConfigError {
            file: shown.to_string(),
            line,
            message,
        }
    })
}

/// Is `code` a rule code or a prefix of one (or ALL)?
pub fn known_code(code: &str) -> bool {
    let c = code.trim().to_ascii_uppercase();
    c == "ALL" || (!c.is_empty() && crate::rules::all().iter().any(|r| r.code.starts_with(&c)))
}

/// Read and parse a config file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        file: shown.clone(),
        line: 0,
        message: format!("无法读取配置文件：{e}"),
    })?;
    let mut cfg = parse(&shown, &text)?;
    cfg.path = path.to_path_buf();
    Ok(cfg)
}

impl Config {
    pub fn profile(&self) -> Option<Profile> {
        self.profile.as_ref().map(|p| Profile::from(*p.get_ref()))
    }

    pub fn fail_on(&self) -> Option<FailOn> {
        self.fail_on.as_ref().map(|f| *f.get_ref())
    }

    fn codes(list: &[Spanned<RuleCode>]) -> Vec<String> {
        list.iter().map(|c| c.get_ref().0.clone()).collect()
    }

    /// Pattern folders resolved against the config file's directory.
    pub fn pattern_dirs(&self) -> Vec<PathBuf> {
        let base = self
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        self.patterns
            .iter()
            .map(|p| {
                let p = p.get_ref();
                if p.is_absolute() {
                    p.clone()
                } else {
                    base.join(p)
                }
            })
            .collect()
    }

    pub fn severities(&self) -> Vec<(String, Severity)> {
        self.severity
            .iter()
            .map(|(c, s)| (c.0.clone(), s.get_ref().0))
            .collect()
    }
}

/// What the command line says, typed, before any config file.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub profile: Option<ProfileName>,
    /// Codes or prefixes, trimmed and upper-cased (see [`Flags::codes`]).
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<FailOn>,
    /// Extra pattern folders (after the config's).
    pub patterns: Vec<PathBuf>,
    /// Per-file limits (time budget, sizes).
    pub limits: Limits,
}

impl Flags {
    /// Rule codes and prefixes as typed on the command line: trimmed and upper-cased, empty
    /// ones dropped; an unknown one is a usage error (in Chinese).
    pub fn codes(given: &[String]) -> Result<Vec<String>, String> {
        for code in given {
            if !known_code(code) {
                return Err(format!(
                    "未知的规则代码或前缀：{code}（运行 `wenshu-lint rules` 查看全部规则）"
                ));
            }
        }
        Ok(given
            .iter()
            .map(|s| s.trim().to_ascii_uppercase())
            .filter(|s| !s.is_empty())
            .collect())
    }
}

/// The command line and one config merged: what an input is checked with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub options: Arc<Options>,
    /// From `--fail-on`, else the config's `fail-on`; `None` when neither says.
    pub fail_on: Option<FailOn>,
}

impl Settings {
    /// Merge: the flag's profile over the config's; `--select` replaces the config's select,
    /// `--ignore` adds to its ignore, `--patterns` folders come after the config's; severity
    /// overrides are the config's. A pattern folder that does not load is an error.
    pub fn resolve(flags: &Flags, config: Option<&Config>) -> Result<Settings, String> {
        let profile = flags
            .profile
            .map(Profile::from)
            .or_else(|| config.and_then(Config::profile))
            .unwrap_or_default();
        let select = if flags.select.is_empty() {
            config.map(|c| Config::codes(&c.select)).unwrap_or_default()
        } else {
            flags.select.clone()
        };
        let mut ignore = config.map(|c| Config::codes(&c.ignore)).unwrap_or_default();
        ignore.extend(flags.ignore.iter().cloned());
        let mut dirs = config.map(Config::pattern_dirs).unwrap_or_default();
        dirs.extend(flags.patterns.iter().cloned());
        let patterns = if dirs.is_empty() {
            None
        } else {
            let refs: Vec<&Path> = dirs.iter().map(|p| p.as_path()).collect();
            let p = Patterns::with_overrides(&refs).map_err(|e| format!("词表错误：{e}"))?;
            crate::rules::validate_patterns(&p).map_err(|e| format!("词表错误：{e}"))?;
            Some(Arc::new(p))
        };
        Ok(Settings {
            options: Arc::new(Options {
                profile,
                selection: Selection {
                    select,
                    ignore,
                    severity: config.map(Config::severities).unwrap_or_default(),
                },
                limits: flags.limits,
                patterns,
            }),
            fail_on: flags.fail_on.or_else(|| config.and_then(Config::fail_on)),
        })
    }
}

/// Which config each input uses, and the settings of each config (resolved once per file).
pub struct Resolver {
    pub flags: Flags,
    /// `--config FILE` (`Some(Some)`) or `--isolated` (`Some(None)`); `None`: look up per input.
    fixed: Option<Option<Arc<Config>>>,
    cache: BTreeMap<Option<PathBuf>, Settings>,
}

impl Resolver {
    /// `config_file`: `--config`; `isolated`: `--isolated` (no config at all).
    pub fn new(
        flags: Flags,
        config_file: Option<&Path>,
        isolated: bool,
    ) -> Result<Resolver, ConfigError> {
        let fixed = if isolated {
            Some(None)
        } else if let Some(p) = config_file {
            Some(Some(Arc::new(load(p)?)))
        } else {
            None
        };
        Ok(Resolver {
            flags,
            fixed,
            cache: BTreeMap::new(),
        })
    }

    /// The settings an input (a file, or a directory for stdin) is checked with.
    pub fn settings_for(&mut self, input: &Path) -> Result<Settings, String> {
        let (key, fixed) = match &self.fixed {
            Some(c) => (c.as_ref().map(|c| c.path.clone()), c.clone()),
            None => (find(input), None),
        };
        if let Some(s) = self.cache.get(&key) {
            return Ok(s.clone());
        }
        let cfg = match (fixed, &key) {
            (Some(c), _) => Some(c),
            (None, Some(p)) if self.fixed.is_none() => {
                Some(Arc::new(load(p).map_err(|e| e.to_string())?))
            }
            _ => None,
        };
        let s = Settings::resolve(&self.flags, cfg.as_deref())?;
        self.cache.insert(key, s.clone());
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates() {
        let c = parse("w.toml", "profile = \"public\"\nselect = [\"EX\"]\nignore = [\"EX005\"]\nfail-on = \"warning\"\n[severity]\nEX005 = \"error\"\n").unwrap();
        assert_eq!(c.profile(), Some(Profile::Public));
        assert_eq!(c.severities(), vec![("EX005".to_string(), Severity::Error)]);
    }

    #[test]
    fn unknown_key_names_file_and_line() {
        let e = parse(
            "court/wenshu-lint.toml",
            "profile = \"draft\"\n\nselcet = [\"EX\"]\n",
        )
        .unwrap_err();
        assert_eq!(e.file, "court/wenshu-lint.toml");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("selcet"), "{}", e.message);
    }

    #[test]
    fn bad_values_name_line() {
        assert_eq!(
            parse("w.toml", "# x\nprofile = \"nope\"\n")
                .unwrap_err()
                .line,
            2
        );
        assert_eq!(parse("w.toml", "select = [\"ZZ9\"]\n").unwrap_err().line, 1);
        assert_eq!(
            parse("w.toml", "[severity]\nEX001 = \"fatal\"\n")
                .unwrap_err()
                .line,
            2
        );
    }

    #[test]
    fn values_are_typed_while_parsing() {
        let c = parse(
            "w.toml",
            "profile = \"draft\"\nselect = [\" ex \", \"id00\"]\nfail-on = \"never\"\n[severity]\nex005 = \"info\"\n",
        )
        .unwrap();
        assert_eq!(c.profile(), Some(Profile::Draft));
        assert_eq!(c.fail_on(), Some(FailOn::Never));
        assert_eq!(Config::codes(&c.select), vec!["EX", "ID00"]);
        assert_eq!(c.severities(), vec![("EX005".to_string(), Severity::Info)]);
        // each value keeps its place in the file
        let sel = &c.select[1];
        assert_eq!(
            &"profile = \"draft\"\nselect = [\" ex \", \"id00\"]"[sel.span()],
            "\"id00\""
        );
    }

    #[test]
    fn bad_values_are_chinese_and_name_their_own_line() {
        let e = parse("w.toml", "profile = \"draft\"\nfail-on = \"sometimes\"\n").unwrap_err();
        assert_eq!((e.line, e.to_string().as_str()), (2, "w.toml:2: fail-on 只能是 \"error\"、\"warning\" 或 \"never\"，而不是 \"sometimes\""));
        // an unknown code in a list: the line where the list begins (toml spans the array)
        let e = parse("w.toml", "# x\nselect = [\n  \"EX\",\n  \"QQ1\",\n]\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(e.message, "未知的规则代码或前缀：QQ1");
        let e = parse("w.toml", "[severity]\nEX001 = \"error\"\nZZ = \"error\"\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("ZZ"), "{}", e.message);
        let e = parse("w.toml", "profile = 3\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.starts_with("配置错误："), "{}", e.message);
    }

    #[test]
    fn settings_merge_flags_over_config() {
        let mut cfg = parse(
            "w.toml",
            "profile = \"public\"\nselect = [\"EX\"]\nignore = [\"EX005\"]\nfail-on = \"warning\"\n[severity]\nEX001 = \"warning\"\n",
        )
        .unwrap();
        cfg.path = PathBuf::from("/court/wenshu-lint.toml");
        let s = Settings::resolve(&Flags::default(), Some(&cfg)).unwrap();
        assert_eq!(s.options.profile, Profile::Public);
        assert_eq!(s.options.selection.select, vec!["EX"]);
        assert_eq!(s.options.selection.ignore, vec!["EX005"]);
        assert_eq!(s.fail_on, Some(FailOn::Warning));
        assert_eq!(
            s.options.selection.severity,
            vec![("EX001".to_string(), Severity::Warning)]
        );
        let flags = Flags {
            profile: Some(ProfileName::Draft),
            select: Flags::codes(&["id".into()]).unwrap(),
            ignore: Flags::codes(&["ex001".into()]).unwrap(),
            fail_on: Some(FailOn::Never),
            ..Flags::default()
        };
        let s = Settings::resolve(&flags, Some(&cfg)).unwrap();
        assert_eq!(s.options.profile, Profile::Draft);
        assert_eq!(s.options.selection.select, vec!["ID"], "--select replaces");
        assert_eq!(
            s.options.selection.ignore,
            vec!["EX005", "EX001"],
            "--ignore adds"
        );
        assert_eq!(s.fail_on.unwrap().threshold(), None);
        let none = Settings::resolve(&Flags::default(), None).unwrap();
        assert_eq!(none.fail_on, None);
        assert_eq!(FailOn::default().threshold(), Some(Severity::Error));
        assert!(Flags::codes(&["ZZ9".into()]).unwrap_err().contains("ZZ9"));
    }
}
