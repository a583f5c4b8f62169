//! The formats for people who read in Excel/WPS (CSV), the Chinese help, and Ctrl-C ending a
//! batch with well-formed machine output.

use std::path::PathBuf;
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_wenshu-lint"));
    c.current_dir(root());
    c
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("wenshu-reports-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Split one CSV record (RFC 4180 quoting).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}

#[test]
fn csv_is_one_row_per_file_with_bom_and_chinese_header() {
    let o = bin()
        .args(["check", "--format", "csv", "corpus/"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "broken files in the corpus");
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(s.starts_with('\u{feff}'), "UTF-8 BOM");
    assert!(s.ends_with("\r\n"));
    let lines: Vec<&str> = s
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect();
    let header = fields(lines[0]);
    assert_eq!(&header[..4], ["文件", "案号", "文书种类", "日期"]);
    assert_eq!(
        &header[header.len() - 3..],
        ["问题合计", "错误代码", "错误说明"]
    );
    let rules = wenshu_lint::rules::all();
    for r in &rules {
        assert!(header.iter().any(|h| h == r.code), "column {}", r.code);
    }
    // As many rows as json reports files, each as wide as the header.
    let j = bin()
        .args(["check", "--format", "json", "corpus/"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(lines.len() - 1, files.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (line, f) in lines[1..].iter().zip(files) {
        let row = fields(line);
        assert_eq!(row.len(), header.len(), "{line}");
        assert_eq!(row[0], f["path"].as_str().unwrap());
        let diags = f["diagnostics"].as_array().unwrap();
        assert_eq!(row[col("问题合计")], diags.len().to_string());
        for r in &rules {
            let n = diags.iter().filter(|d| d["code"] == r.code).count();
            assert_eq!(row[col(r.code)], n.to_string(), "{} {}", row[0], r.code);
        }
        assert_eq!(
            row[col("错误代码")],
            f["error"]["code"].as_str().unwrap_or("")
        );
        if let Some(doc) = f["document"].as_object() {
            assert_eq!(row[1], doc["case_number"].as_str().unwrap_or(""));
            assert_eq!(row[3], doc["date"].as_str().unwrap_or(""));
        }
    }
    let d01 = lines
        .iter()
        .find(|l| l.starts_with("corpus/d01-divorce-vague.docx"))
        .unwrap();
    let row = fields(d01);
    assert_eq!(row[1], "（2024）川0781民初2140号");
    assert_eq!(row[2], "民事判决书");
    assert_eq!(row[col("EX001")], "2");
}

#[test]
fn help_rules_and_dump_speak_chinese() {
    let o = bin().arg("--help").output().unwrap();
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(
        s.contains("用法") && s.contains("命令") && s.contains("选项"),
        "{s}"
    );
    assert!(!s.contains("Usage:") && !s.contains("Print help"), "{s}");
    let o = bin().args(["check", "--help"]).output().unwrap();
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(
        s.contains("用法") && s.contains("--format") && s.contains("--select"),
        "{s}"
    );
    assert!(!s.contains("Usage:") && !s.contains("Output format"), "{s}");
    let o = bin()
        .args(["dump", "corpus/d01-divorce-vague.txt"])
        .output()
        .unwrap();
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(
        s.contains("── 裁判主文（判项） ──") && s.contains("── 当事人 ──"),
        "{s}"
    );
    let o = bin().arg("rules").output().unwrap();
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(
        s.contains("EX001") && s.contains("财产分割判项未列明具体财产"),
        "{s}"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_batch_and_closes_json_and_jsonl_well_formed() {
    let d = temp_dir("sigint");
    let src = std::fs::read(root().join("corpus/d01-divorce-vague.txt")).unwrap();
    let n = 4000;
    for i in 0..n {
        std::fs::write(d.join(format!("f{i:05}.txt")), &src).unwrap();
    }
    for format in ["json", "jsonl"] {
        let mut child = bin()
            .args(["check", "--jobs", "1", "--format", format])
            .arg(&d)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Interrupt once the first results are out (the machine may be slow or busy).
        let got = std::sync::Arc::new(std::sync::Mutex::new(Vec::<u8>::new()));
        let mut stdout = child.stdout.take().unwrap();
        let sink = got.clone();
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match std::io::Read::read(&mut stdout, &mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(k) => sink.lock().unwrap().extend_from_slice(&buf[..k]),
                }
            }
        });
        let t0 = std::time::Instant::now();
        while got.lock().unwrap().len() < 20_000 && !reader.is_finished() {
            assert!(
                t0.elapsed() < std::time::Duration::from_secs(120),
                "no output"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert!(
            !reader.is_finished(),
            "the run ended before it could be interrupted"
        );
        let kill = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        let o = child.wait_with_output().unwrap();
        reader.join().unwrap();
        let out_bytes = got.lock().unwrap().clone();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(130), "{format}: {err}");
        let checked: usize = err
            .split("已检查 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{format}: {err}"));
        assert!(err.contains("已中断"), "{err}");
        assert!(checked > 0 && checked < n, "{format}: checked {checked}");
        let out = String::from_utf8(out_bytes).unwrap();
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&out).expect("well-formed JSON");
            assert_eq!(v["interrupted"], true);
            assert_eq!(v["files"].as_array().unwrap().len(), checked);
            assert_eq!(v["summary"]["files"], checked);
        } else {
            let lines: Vec<serde_json::Value> = out
                .lines()
                .map(|l| serde_json::from_str(l).expect("each line JSON"))
                .collect();
            let last = lines.last().unwrap();
            assert_eq!(last["interrupted"], true);
            assert_eq!(last["summary"]["files"], checked);
            assert_eq!(lines.len() - 1, checked);
        }
    }
    let _ = std::fs::remove_dir_all(&d);
}
