//! SARIF output validated with Microsoft's SARIF Multitool (`@microsoft/sarif-multitool` from npm;
//! `.ci/run` installs it into `target/sarif-multitool`, or set `WENSHU_SARIF_MULTITOOL` to its
//! `sarif-multitool` launcher). Zero errors and zero warnings, for absolute paths (file:// URIs,
//! non-ASCII and reserved characters percent-encoded) and for relative ones.
//!
//! Without the multitool the test is reported as ignored (libtest-mimic decides at run time);
//! with `CI=true` it fails instead.

mod common;

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_wenshu-lint");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn multitool() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("WENSHU_SARIF_MULTITOOL") {
        return Some(PathBuf::from(p));
    }
    let p = Path::new(ROOT).join("target/sarif-multitool/node_modules/.bin/sarif-multitool");
    p.exists().then_some(p)
}

fn temp_dir(tag: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let p = std::env::temp_dir().join(format!("wenshu-sarif-{tag}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&p).unwrap();
    p
}

/// Run `check --format sarif` in `cwd` on `inputs`, validate the log, return the problems found.
fn validate(
    tool: &Path,
    cwd: &Path,
    inputs: &[String],
    work: &Path,
    tag: &str,
) -> Result<(), Failed> {
    let out = Command::new(BIN)
        .current_dir(cwd)
        .args(["check", "--format", "sarif"])
        .args(inputs)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.code() == Some(0) {
        return Err(format!("{tag}: expected findings and read errors, got exit 0").into());
    }
    let log = work.join(format!("{tag}.sarif"));
    std::fs::write(&log, &out.stdout).map_err(|e| e.to_string())?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    let uris: Vec<String> = v["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(
            v["runs"][0]["invocations"][0]["toolExecutionNotifications"]
                .as_array()
                .into_iter()
                .flatten(),
        )
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    if uris.is_empty() {
        return Err(format!("{tag}: no locations to validate").into());
    }
    let report = work.join(format!("{tag}.validation.sarif"));
    let run = Command::new(tool)
        .args([
            "validate",
            log.to_str().unwrap(),
            "--output",
            report.to_str().unwrap(),
            "--quiet",
        ])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", tool.display()))?;
    let text = std::fs::read_to_string(&report).map_err(|e| {
        format!(
            "{tag}: the multitool wrote no report ({e}); status {:?}, stderr {}",
            run.status.code(),
            String::from_utf8_lossy(&run.stderr)
        )
    })?;
    let r: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let problems: Vec<String> = r["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        // a result without a level is a warning (SARIF §3.27.10)
        .filter(|x| {
            matches!(
                x["level"].as_str().unwrap_or("warning"),
                "error" | "warning"
            )
        })
        .map(|x| {
            format!(
                "{} {}: {}",
                x["level"].as_str().unwrap_or("warning"),
                x["ruleId"].as_str().unwrap_or("?"),
                x["message"]["text"]
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| x["message"]["arguments"].to_string())
                    .chars()
                    .take(200)
                    .collect::<String>()
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{tag}: SARIF Multitool found {} problems (uris {uris:?}):\n{}",
            problems.len(),
            problems.join("\n")
        )
        .into())
    }
}

fn absolute_and_relative(tool: PathBuf) -> Result<(), Failed> {
    let work = temp_dir("validate");
    // absolute paths, one with a space, CJK and '#', and a read error
    let odd = work.join("案卷 2024").join("判决书#1.txt");
    std::fs::create_dir_all(odd.parent().unwrap()).unwrap();
    std::fs::copy(Path::new(ROOT).join("corpus/d01-divorce-vague.txt"), &odd).unwrap();
    let abs = [
        odd.display().to_string(),
        format!("{ROOT}/corpus/k01-criminal-theft.chromium.pdf"),
        format!("{ROOT}/corpus/broken/empty.docx"),
        format!("{ROOT}/corpus/broken/encrypted.docx"),
    ];
    let r1 = validate(&tool, Path::new(ROOT), &abs, &work, "absolute");
    // relative paths, from the repository root and from inside the temp folder
    let rel = [
        "corpus/d01-divorce-vague.txt".to_string(),
        "corpus/broken/truncated.pdf".to_string(),
    ];
    let r2 = validate(&tool, Path::new(ROOT), &rel, &work, "relative");
    let r3 = validate(
        &tool,
        &work,
        &[
            "案卷 2024/判决书#1.txt".to_string(),
            "./案卷 2024".to_string(),
        ],
        &work,
        "relative-odd",
    );
    let _ = std::fs::remove_dir_all(&work);
    r1.and(r2).and(r3)
}

fn main() {
    let args = Arguments::from_args();
    let name = "sarif_passes_microsoft_sarif_multitool";
    let trial = match multitool() {
        Some(tool) => Trial::test(name, move || absolute_and_relative(tool)),
        None if common::in_ci() => Trial::test(name, || {
            Err("CI=true but the SARIF Multitool is not installed (.ci/run installs it into target/sarif-multitool)".into())
        }),
        None => {
            common::skip(name, "SARIF Multitool not installed: npm install --prefix target/sarif-multitool @microsoft/sarif-multitool");
            Trial::test(name, || Ok(())).with_ignored_flag(true)
        }
    };
    libtest_mimic::run(&args, vec![trial]).exit();
}
