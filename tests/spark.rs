//! `scripts/spark_check.py` in PySpark local mode (`local[2]`) over the bundled corpus gives the
//! same results as `check --format json` on the same files.
//!
//! Needs a Java runtime and PySpark: `spark-submit` from `$WENSHU_SPARK_SUBMIT`, else
//! `/opt/spark-venv/bin/spark-submit` (what `.ci/run` installs), else `PATH`. Without them the
//! test says it was skipped; with `CI=true` it fails instead.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn spark_submit() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("WENSHU_SPARK_SUBMIT") {
        return Some(PathBuf::from(p));
    }
    let venv = PathBuf::from("/opt/spark-venv/bin/spark-submit");
    if venv.exists() {
        return Some(venv);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("spark-submit"))
            .find(|p| p.exists())
    })
}

fn have_java() -> bool {
    Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// path → (format, error code, findings as (code, paragraph, excerpt)), from one `files[]` object.
type Key = (Value, Value, Vec<(String, u64, String)>);

fn key(v: &Value) -> (String, Key) {
    let mut diags: Vec<(String, u64, String)> = v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or("").to_string(),
                        d["paragraph"].as_u64().unwrap_or(0),
                        d["excerpt"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    diags.sort();
    (
        v["path"].as_str().unwrap_or("").to_string(),
        (v["format"].clone(), v["error"]["code"].clone(), diags),
    )
}

#[test]
fn spark_local_mode_equals_check_json() {
    let skip = |why: &str| {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but {why}: .ci/run installs Java and PySpark");
        }
        eprintln!("skipped: {why} (see the comment at the top of tests/spark.rs)");
    };
    let Some(submit) = spark_submit() else {
        return skip("spark-submit (PySpark) is not installed");
    };
    if !have_java() {
        return skip("no Java runtime");
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_wenshu-lint"));
    let corpus = root().join("corpus");
    let out = std::env::temp_dir().join(format!("wenshu-spark-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    // the venv's python must be the one spark-submit and the workers use
    let mut path = submit
        .parent()
        .map(Path::to_path_buf)
        .into_iter()
        .collect::<Vec<_>>();
    if let Some(p) = std::env::var_os("PATH") {
        path.extend(std::env::split_paths(&p));
    }
    let status = Command::new(&submit)
        .env("PATH", std::env::join_paths(path).unwrap())
        .args(["--master", "local[2]"])
        .arg(root().join("scripts/spark_check.py"))
        .arg(&corpus)
        .arg(&out)
        .args(["--output-format", "jsonl", "--binary"])
        .arg(&bin)
        .output()
        .expect("spark-submit runs");
    assert!(
        status.status.success(),
        "spark-submit failed: {}",
        String::from_utf8_lossy(&status.stderr)
            .lines()
            .filter(|l| !l.contains(" WARN ") && !l.contains(" INFO "))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let summary: Value = serde_json::from_str(
        String::from_utf8_lossy(&status.stdout)
            .lines()
            .last()
            .unwrap_or("{}"),
    )
    .expect("the script prints a JSON summary last");
    let mut spark: BTreeMap<String, Key> = BTreeMap::new();
    for e in std::fs::read_dir(&out).unwrap().flatten() {
        if !e.file_name().to_string_lossy().starts_with("part-") {
            continue;
        }
        for line in std::fs::read_to_string(e.path()).unwrap().lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            assert!(
                v["seq"].is_u64(),
                "every result carries its input line number"
            );
            let (p, k) = key(&v);
            assert!(spark.insert(p.clone(), k).is_none(), "{p} reported twice");
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    let cli = Command::new(&bin)
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(&corpus)
        .output()
        .unwrap();
    let cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
    let cli: BTreeMap<String, Key> = cli["files"].as_array().unwrap().iter().map(key).collect();
    assert!(cli.len() > 100, "the corpus has {} files", cli.len());
    assert_eq!(
        spark.keys().collect::<Vec<_>>(),
        cli.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (p, k) in &cli {
        assert_eq!(&spark[p], k, "{p}: Spark and check differ");
    }
    assert_eq!(summary["files"].as_u64(), Some(cli.len() as u64));
}

/// The script reads the extensions `check DIR` walks.
#[test]
fn script_extensions_match_the_walker() {
    let script = std::fs::read_to_string(root().join("scripts/spark_check.py")).unwrap();
    let line = script
        .lines()
        .find(|l| l.starts_with("EXTENSIONS = ("))
        .expect("EXTENSIONS line");
    let mut got: Vec<String> = line
        .split('\'')
        .filter(|s| s.starts_with('.'))
        .map(|s| s[1..].to_string())
        .collect();
    let mut want: Vec<String> = wenshu_lint::batch::EXTENSIONS
        .iter()
        .map(|s| s.to_string())
        .collect();
    got.sort();
    want.sort();
    // every extension the walker takes (the script may list one the walker is about to take:
    // the whole-corpus comparison above catches any real difference in the files read)
    for w in &want {
        assert!(
            got.contains(w),
            "the script skips .{w}, which `check DIR` reads"
        );
    }
    assert!(
        got.len() <= want.len() + 1,
        "script {got:?}, walker {want:?}"
    );
}
