//! `--format html` in a real browser: headless Chromium renders a corpus document's report to
//! the DOM, a PNG and an A4 PDF; the DOM has the expected findings, highlights and margin notes;
//! the page requests nothing but itself (Chromium's network log). Skipped visibly without
//! Chromium; with CI=true a missing Chromium is a failure (`.ci/run` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("wenshu-html-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn html_of(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_wenshu-lint"))
        .arg("check")
        .arg("--format")
        .arg("html")
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.code().unwrap_or(9) <= 2, "{o:?}");
    String::from_utf8(o.stdout).unwrap()
}

/// Nothing in the page can make a browser fetch anything.
fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    for bad in [
        "http://",
        "https://",
        "//cdn",
        "<script",
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "url(",
        "@import",
        "@font-face",
        " src=",
    ] {
        assert!(!lower.contains(bad), "report contains {bad:?}");
    }
    assert!(lower.contains("content-security-policy") && lower.contains("default-src 'none'"));
    for href in lower.split("href=\"").skip(1) {
        assert!(
            href.starts_with('#'),
            "non-local link: {}",
            &href[..href.len().min(40)]
        );
    }
}

#[test]
fn single_document_report_has_text_sections_highlights_and_notes() {
    let html = html_of(&["corpus/d01-divorce-vague.docx"]);
    assert_self_contained(&html);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("lang=\"zh-CN\""));
    assert!(html.contains("全文与批注") && html.contains("裁判主文（判项）"));
    assert_eq!(html.matches("<li class=\"finding error\"").count(), 2);
    assert!(html.contains("<mark class=\"error\" title=\"EX001\">家具家电归原告孙晓燕所有</mark>"));
    assert!(html.contains("id=\"note-1\"") && html.contains("id=\"note-2\""));
    assert!(html.contains("@page{size:A4"));
    // A missing-text finding is marked where the text belongs.
    let html = html_of(&["corpus/f01-no-fee.txt"]);
    assert!(html.contains("class=\"missing\"") && html.contains("FE001"));
}

#[test]
fn batch_report_has_summary_findings_and_unreadable_files() {
    let html = html_of(&["corpus/"]);
    assert_self_contained(&html);
    assert!(
        html.contains("概要") && html.contains("按问题代码") && html.contains("无法读取的文件")
    );
    assert!(html.contains("READ003") && html.contains("READ006"));
    assert!(
        !html.contains("全文与批注"),
        "no full text in a batch report"
    );
    // Every file has its article.
    let files = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_file())
        .count();
    let articles = html.matches("<article class=\"file\"").count();
    assert!(articles >= files - 6);
    // The index links every file to its section.
    assert!(html.contains("文件一览"));
    assert_eq!(html.matches("href=\"#file-").count(), articles);
    for i in 1..=articles {
        assert!(html.contains(&format!("id=\"file-{i}\"")));
    }
}

#[test]
fn document_text_is_escaped() {
    let d = temp_dir("esc");
    let txt = std::fs::read_to_string(root().join("corpus/d01-divorce-vague.txt"))
        .unwrap()
        .replace(
            "四、家具家电归原告孙晓燕所有；",
            "四、家具家电<script>alert(1)</script>归原告孙晓燕所有&amp;；",
        );
    let p = d.join("x<y>.txt");
    std::fs::write(&p, txt).unwrap();
    let html = html_of(&[p.to_str().unwrap()]);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&amp;amp") && html.contains("x&lt;y&gt;.txt"));
    let _ = std::fs::remove_dir_all(&d);
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("WENSHU_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Run headless Chromium on `page` with extra `args`, its network logged to `netlog`.
fn run_chromium(
    bin: &Path,
    profile: &Path,
    netlog: &Path,
    page: &Path,
    args: &[String],
) -> Vec<u8> {
    let o = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--log-net-log={}", netlog.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        o.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

/// URLs the page itself asked for: requests with an initiator (Chromium's own background
/// traffic has the initiator "not an origin"), other than the page.
fn page_requests(netlog: &Path, page: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(netlog).expect("net log written");
    // A log cut short at exit lacks its closing brackets.
    let v: serde_json::Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .expect("net log parses");
    let types = &v["constants"]["logEventTypes"];
    let start = types["URL_REQUEST_START_JOB"].as_i64().unwrap();
    let me = format!("file://{}", page.display());
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_i64() == Some(start))
        .filter_map(|e| {
            let p = &e["params"];
            let url = p["url"].as_str()?.to_string();
            let browser_own = p["initiator"].as_str() == Some("not an origin");
            (!browser_own && url != me).then_some(url)
        })
        .collect()
}

#[test]
fn chromium_renders_the_report_with_its_findings_and_fetches_nothing() {
    let Some(bin) = chromium() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "CI=true but Chromium is not installed (.ci/run installs the `chromium` package)"
            );
        }
        eprintln!("SKIPPED chromium_renders_the_report…: no Chromium (set WENSHU_CHROMIUM or install `chromium`)");
        return;
    };
    let d = temp_dir("chromium");
    let page = d.join("报告.html");
    std::fs::write(&page, html_of(&["corpus/d01-divorce-vague.docx"])).unwrap();

    // The DOM: both findings, their highlights in the text and their numbered notes.
    let dom = run_chromium(
        &bin,
        &d.join("profile"),
        &d.join("net1.json"),
        &page,
        &["--dump-dom".into()],
    );
    let dom = String::from_utf8(dom).unwrap();
    assert!(
        dom.contains("裁判文书执行溯源检查报告"),
        "DOM: {}",
        &dom[..dom.len().min(300)]
    );
    assert_eq!(dom.matches("data-code=\"EX001\"").count(), 2);
    assert!(dom.contains(">家具家电归原告孙晓燕所有</mark>"));
    assert!(dom.contains(">其余夫妻共同财产由双方协商分割</mark>"));
    assert!(dom.contains("id=\"note-1\"") && dom.contains("id=\"note-2\""));
    assert_eq!(
        page_requests(&d.join("net1.json"), &page),
        Vec::<String>::new()
    );

    // A PNG screenshot and an A4 PDF.
    let png = d.join("shot.png");
    run_chromium(
        &bin,
        &d.join("profile"),
        &d.join("net2.json"),
        &page,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1200,1600".into(),
        ],
    );
    let png = std::fs::read(&png).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000);
    let pdf = d.join("report.pdf");
    run_chromium(
        &bin,
        &d.join("profile"),
        &d.join("net3.json"),
        &page,
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let pdf = std::fs::read(&pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let s = String::from_utf8_lossy(&pdf);
    assert!(
        s.contains("/MediaBox [0 0 594.9") || s.contains("/MediaBox [0 0 595"),
        "A4 pages"
    );

    // The network check can fail: a page that loads an image is caught.
    let control = d.join("control.html");
    std::fs::write(
        &control,
        "<html><body><img src=\"http://127.0.0.1:9/x.png\"></body></html>",
    )
    .unwrap();
    run_chromium(
        &bin,
        &d.join("profile"),
        &d.join("net4.json"),
        &control,
        &["--dump-dom".into()],
    );
    let caught = page_requests(&d.join("net4.json"), &control);
    assert!(
        caught.iter().any(|u| u.starts_with("http://127.0.0.1:9/")),
        "{caught:?}"
    );
    let _ = std::fs::remove_dir_all(&d);
}
