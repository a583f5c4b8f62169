//! `wenshu-lint.toml`: found by walking up from each input (or given with `--config`, or ignored
//! with `--isolated`). Unknown keys are errors naming the file and line.
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

use crate::diagnostic::Severity;
use crate::rules::Profile;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "wenshu-lint.toml";

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    pub profile: Option<String>,
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    pub fail_on: Option<String>,
    #[serde(default)]
    pub patterns: Vec<PathBuf>,
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
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

/// Parse a config file's text; `shown` names it in errors.
pub fn parse(shown: &str, text: &str) -> Result<Config, ConfigError> {
    let cfg: Config = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            .unwrap_or(0);
        ConfigError {
            file: shown.to_string(),
            line,
            message: format!("配置错误：{}", e.message()),
        }
    })?;
    let line_of = |key: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(key))
            .map(|i| i + 1)
            .unwrap_or(0)
    };
    let err = |key: &str, message: String| ConfigError {
        file: shown.to_string(),
        line: line_of(key),
        message,
    };
    if let Some(p) = &cfg.profile {
        if p != "draft" && p != "public" {
            return Err(err(
                "profile",
                format!("profile 只能是 \"draft\" 或 \"public\"，而不是 \"{p}\""),
            ));
        }
    }
    if let Some(f) = &cfg.fail_on {
        if !["error", "warning", "never"].contains(&f.as_str()) {
            return Err(err(
                "fail-on",
                format!("fail-on 只能是 \"error\"、\"warning\" 或 \"never\"，而不是 \"{f}\""),
            ));
        }
    }
    for (code, sev) in &cfg.severity {
        if Severity::parse(sev).is_none() {
            return Err(err(
                code,
                format!("严重程度只能是 \"error\"、\"warning\" 或 \"info\"，而不是 \"{sev}\""),
            ));
        }
    }
    for code in cfg
        .select
        .iter()
        .chain(cfg.ignore.iter())
        .chain(cfg.severity.keys())
    {
        if !known_code(code) {
            let key = if cfg.severity.contains_key(code) {
                code.as_str()
            } else if cfg.select.contains(code) {
                "select"
            } else {
                "ignore"
            };
            return Err(err(key, format!("未知的规则代码或前缀：{code}")));
        }
    }
    Ok(cfg)
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
        match self.profile.as_deref() {
            Some("public") => Some(Profile::Public),
            Some("draft") => Some(Profile::Draft),
            _ => None,
        }
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
            .filter_map(|(c, s)| Some((c.to_ascii_uppercase(), Severity::parse(s)?)))
            .collect()
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
}
