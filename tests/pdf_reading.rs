//! PDF reading against the shared fixtures (`../shared/fixtures/reading`, skipped when absent)
//! plus robustness tests on damaged input.

mod common;

use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;
use wenshu_lint::read::pdf;
use wenshu_lint::{Document, Limits, ReadCode};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/reading");

/// The fixture folder, or `None` when it is not there: a visible skip, a failure in CI.
fn fixtures() -> Option<PathBuf> {
    let p = Path::new(FIXTURES);
    if p.join("fixtures").is_dir() {
        Some(p.to_path_buf())
    } else {
        common::skip_here(&format!("{FIXTURES} not found (shared reading fixtures)"));
        None
    }
}

fn read_fixture(root: &Path, name: &str) -> Option<Vec<u8>> {
    let path = root.join("fixtures").join(name);
    match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(e) => {
            common::skip_here(&format!("fixture {} unreadable: {e}", path.display()));
            None
        }
    }
}

/// NFKC, white space removed.
fn normalize(s: &str) -> Vec<char> {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Character-level similarity 1 − D/(N+M), D = insertions + deletions of the shortest edit
/// script (Myers' O((N+M)·D) algorithm). Gives up (returns a lower bound of 0) past `max_d`.
fn similarity(a: &[char], b: &[char]) -> f64 {
    let (n, m) = (a.len() as isize, b.len() as isize);
    if n + m == 0 {
        return 1.0;
    }
    let max_d = (n + m).min(20_000);
    let off = max_d + 1;
    let mut v = vec![0isize; (2 * off + 2) as usize];
    for d in 0..=max_d {
        let mut k = -d;
        while k <= d {
            let idx = (k + off) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n && y >= m {
                return 1.0 - d as f64 / (n + m) as f64;
            }
            k += 2;
        }
    }
    0.0
}

struct Case {
    file: &'static str,
    expected: &'static str,
    min_similarity: f64,
    /// Expected paragraph count and allowed deviation.
    paragraphs: Option<(usize, usize)>,
}

const CASES: &[Case] = &[
    Case {
        file: "judgment.lo.pdf",
        expected: "judgment.txt",
        min_similarity: 0.99,
        paragraphs: Some((64, 1)),
    },
    Case {
        file: "judgment.lo-ttf.pdf",
        expected: "judgment.txt",
        min_similarity: 0.99,
        paragraphs: Some((64, 1)),
    },
    Case {
        file: "judgment.chromium.pdf",
        expected: "judgment.txt",
        min_similarity: 0.99,
        paragraphs: Some((64, 1)),
    },
    Case {
        file: "judgment.chromium-type3.pdf",
        expected: "judgment.txt",
        min_similarity: 0.99,
        paragraphs: Some((64, 1)),
    },
    Case {
        file: "judgment.unigb-ucs2-h.pdf",
        expected: "judgment.txt",
        min_similarity: 0.99,
        paragraphs: Some((64, 1)),
    },
    Case {
        file: "judgment.gbk-euc-h.pdf",
        expected: "judgment.txt",
        min_similarity: 0.99,
        paragraphs: Some((64, 1)),
    },
    Case {
        file: "judgment.mixed-cmap.pdf",
        expected: "judgment.txt",
        min_similarity: 0.99,
        paragraphs: Some((64, 1)),
    },
    Case {
        file: "large.lo.pdf",
        expected: "large.txt",
        min_similarity: 0.99,
        paragraphs: Some((448, 7)),
    },
    Case {
        file: "large.chromium.pdf",
        expected: "large.txt",
        min_similarity: 0.99,
        paragraphs: Some((448, 7)),
    },
];

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
}

fn check_structure(name: &str, doc: &Document, expected: &str) {
    // No ASCII space between two CJK characters.
    let chars: Vec<char> = doc.text.chars().collect();
    for w in chars.windows(3) {
        assert!(
            !(is_cjk(w[0]) && w[1] == ' ' && is_cjk(w[2])),
            "{name}: space between CJK: {}{}{}",
            w[0],
            w[1],
            w[2]
        );
    }
    // No page-number lines in the body.
    for i in 0..doc.paragraphs.len() {
        let t: String = doc
            .para_text(i)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let core = t.trim_matches(|c: char| "-—–－".contains(c));
        assert!(
            core.is_empty() || !core.chars().all(|c| c.is_ascii_digit()),
            "{name}: page number in body: {t:?}"
        );
        assert!(
            !(t.starts_with('第') && t.ends_with('页') && t.chars().count() < 12),
            "{name}: page number in body: {t:?}"
        );
    }
    // Known tokens intact (when the ground truth has them).
    let flat: String = doc.text.chars().filter(|c| !c.is_whitespace()).collect();
    let flat_nfkc: String = flat.nfkc().collect();
    for token in [
        "510107197805121232",
        "（2022）川07民初1234号",
        "91510703MA6284QX7W",
    ] {
        if expected.contains(token) {
            let t: String = token.nfkc().collect();
            assert!(flat_nfkc.contains(&t), "{name}: token {token} not intact");
        }
    }
    // Page 1 line 1 is the court name.
    let first = doc.locate(0);
    assert_eq!(first.page, Some(1), "{name}");
    assert_eq!(first.line, 1, "{name}");
    let court = expected.lines().next().unwrap_or("");
    assert_eq!(doc.para_text(0), court, "{name}: first paragraph");
    // Positions are plausible: pages and lines non-decreasing in reading order.
    let mut last = (0u32, 0u32);
    for i in 0..doc.paragraphs.len() {
        let p = &doc.paragraphs[i];
        let (pg, ln) = (p.pos.page.unwrap_or(0), p.pos.line.unwrap_or(0));
        assert!(pg >= 1 && ln >= 1, "{name}: paragraph {i} has no position");
        assert!((pg, ln) > last, "{name}: paragraph {i} goes backwards");
        last = (pg, ln);
    }
    // A token on a wrapped line reports that line, not the paragraph's first.
    if let Some(off) = doc.text.find("510107197805121232") {
        let loc = doc.locate(off);
        assert!(loc.page.is_some() && loc.line >= 1);
    }
}

#[test]
fn fixtures_match_ground_truth() {
    let Some(root) = fixtures() else { return };
    let limits = Limits::default();
    let mut report = Vec::new();
    for case in CASES {
        let Some(bytes) = read_fixture(&root, case.file) else {
            continue;
        };
        let expected = std::fs::read_to_string(root.join("expected").join(case.expected))
            .expect("expected text");
        let doc = pdf::read(&bytes, &limits)
            .unwrap_or_else(|e| panic!("{}: read failed: {e}", case.file));
        let sim = similarity(&normalize(&doc.text), &normalize(&expected));
        // Paragraphs identical to a ground-truth paragraph (after normalisation).
        let truth: std::collections::HashSet<Vec<char>> = expected.lines().map(normalize).collect();
        let exact = (0..doc.paragraphs.len())
            .filter(|&i| truth.contains(&normalize(doc.para_text(i))))
            .count();
        report.push(format!(
            "{:32} similarity {:.4}  paragraphs {} (identical to ground truth: {})",
            case.file,
            sim,
            doc.paragraphs.len(),
            exact
        ));
        assert!(
            exact as f64 >= 0.95 * expected.lines().count() as f64,
            "{}: only {exact} paragraphs identical to the ground truth",
            case.file
        );
        assert!(
            sim >= case.min_similarity,
            "{}: similarity {sim:.4} < {}",
            case.file,
            case.min_similarity
        );
        if let Some((want, tol)) = case.paragraphs {
            let got = doc.paragraphs.len();
            assert!(
                got.abs_diff(want) <= tol,
                "{}: {got} paragraphs, expected {want}±{tol}",
                case.file
            );
        }
        check_structure(case.file, &doc, &expected);
    }
    println!("{}", report.join("\n"));
}

#[test]
fn wrapped_lines_report_their_own_position() {
    let Some(root) = fixtures() else { return };
    let Some(bytes) = read_fixture(&root, "judgment.unigb-ucs2-h.pdf") else {
        return;
    };
    let doc = pdf::read(&bytes, &Limits::default()).unwrap();
    // The generator sets 28 characters per line and 26 lines per page; the 原告 paragraph
    // (the 4th) wraps, and its second line is line 5 on page 1.
    let i = (0..doc.paragraphs.len())
        .find(|&i| doc.para_text(i).starts_with("原告："))
        .expect("原告 paragraph");
    let p = &doc.paragraphs[i];
    assert_eq!((p.pos.page, p.pos.line), (Some(1), Some(4)));
    let second_line_start = p.start + doc.para_text(i).char_indices().nth(26).unwrap().0;
    let loc = doc.locate(second_line_start);
    assert_eq!((loc.page, loc.line, loc.column), (Some(1), 5, 1));
}

#[test]
fn scanned_pdf_has_no_text_layer() {
    let Some(root) = fixtures() else { return };
    let Some(bytes) = read_fixture(&root, "scanned.pdf") else {
        return;
    };
    let err = pdf::read(&bytes, &Limits::default()).unwrap_err();
    assert_eq!(err.code, ReadCode::NoTextLayer);
    assert!(err.message.contains("OCR"));
}

#[test]
fn page_limit() {
    let Some(root) = fixtures() else { return };
    let Some(bytes) = read_fixture(&root, "judgment.chromium.pdf") else {
        return;
    };
    let limits = Limits {
        max_pages: 3,
        ..Limits::default()
    };
    assert_eq!(
        pdf::read(&bytes, &limits).unwrap_err().code,
        ReadCode::TooLarge
    );
}

/// A tiny hand-written PDF (uncompressed), for tests that must run without the fixtures.
fn tiny_pdf(content: &str, extra_trailer: &str) -> Vec<u8> {
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{}\nendstream", content.len(), content),
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>".to_string(),
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>".to_string(),
    ];
    let mut buf = b"%PDF-1.4\n".to_vec();
    let mut offs = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offs.push(buf.len());
        buf.extend_from_slice(format!("{} 0 obj\n{}\nendobj\n", i + 1, o).as_bytes());
    }
    let x = buf.len();
    buf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offs {
        buf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    buf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {} >>\nstartxref\n{}\n%%EOF\n",
            objs.len() + 1,
            extra_trailer,
            x
        )
        .as_bytes(),
    );
    buf
}

fn utf16_hex(s: &str) -> String {
    s.encode_utf16().map(|u| format!("{u:04X}")).collect()
}

#[test]
fn tiny_pdf_reads_and_joins_lines() {
    let content = format!(
        "BT /F1 16 Tf 1 0 0 1 85 770 Tm <{}> Tj 1 0 0 1 85 744 Tm <{}> Tj 1 0 0 1 117 718 Tm <{}> Tj ET",
        utf16_hex("本院认为，原告的诉讼请求具有事实和法律依据，应予"),
        utf16_hex("支持。"),
        utf16_hex("判决如下："),
    );
    let doc = pdf::read(&tiny_pdf(&content, ""), &Limits::default()).unwrap();
    assert_eq!(
        doc.text,
        "本院认为，原告的诉讼请求具有事实和法律依据，应予支持。\n判决如下："
    );
    let off = doc.text.find("支持").unwrap();
    let loc = doc.locate(off);
    assert_eq!((loc.page, loc.line), (Some(1), 2));
}

#[test]
fn encrypted_is_read005() {
    let content = "BT /F1 16 Tf 85 770 Td <4EBA> Tj ET";
    let bytes = tiny_pdf(
        content,
        "/Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>",
    );
    let err = pdf::read(&bytes, &Limits::default()).unwrap_err();
    assert_eq!(err.code, ReadCode::EncryptedPdf, "{err}");
}

#[test]
fn empty_page_is_read006_and_garbage_is_read004() {
    let bytes = tiny_pdf("q 1 0 0 1 0 0 cm Q", "");
    assert_eq!(
        pdf::read(&bytes, &Limits::default()).unwrap_err().code,
        ReadCode::NoTextLayer
    );
    for bad in [&b"%PDF-1.4\n"[..], b"%PDF-1.7\ngarbage garbage", b""] {
        let err = pdf::read(bad, &Limits::default()).unwrap_err();
        assert_eq!(err.code, ReadCode::CorruptPdf, "{err}");
    }
}

fn all_inputs() -> Vec<(String, Vec<u8>)> {
    let mut v = vec![(
        "tiny".to_string(),
        tiny_pdf(
            &format!(
                "BT /F1 16 Tf 85 770 Td <{}> Tj ET",
                utf16_hex("四川省绵阳市")
            ),
            "",
        ),
    )];
    if let Some(root) = fixtures() {
        for f in [
            "judgment.chromium.pdf",
            "judgment.gbk-euc-h.pdf",
            "judgment.lo-ttf.pdf",
            "judgment.mixed-cmap.pdf",
        ] {
            if let Some(b) = read_fixture(&root, f) {
                v.push((f.to_string(), b));
            }
        }
    }
    v
}

#[test]
fn truncated_pdfs_fail_cleanly() {
    for (name, bytes) in all_inputs() {
        for frac in [0.05, 0.2, 0.5, 0.8, 0.95, 0.999] {
            let cut = (bytes.len() as f64 * frac) as usize;
            // Must not panic; a cut file is an error or (with xref recovery) partial text.
            let r = pdf::read(&bytes[..cut], &Limits::default());
            if let Err(e) = &r {
                assert_ne!(e.code, ReadCode::Internal, "{name} cut at {cut}: {e}");
            }
        }
        let r = pdf::read(&bytes[..bytes.len() / 3], &Limits::default());
        assert!(
            r.is_err() || r.as_ref().is_ok_and(|d| !d.text.is_empty()),
            "{name}"
        );
    }
}

#[test]
fn flipped_bytes_never_panic() {
    for (name, bytes) in all_inputs() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let rounds = if name == "tiny" { 300 } else { 12 };
        for _ in 0..rounds {
            let mut b = bytes.clone();
            for _ in 0..8 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let pos = (state % b.len() as u64) as usize;
                b[pos] ^= (state >> 32) as u8 | 1;
            }
            let r = pdf::read(&b, &Limits::default());
            if let Err(e) = r {
                assert_ne!(e.code, ReadCode::Internal, "{name}: {e}");
            }
        }
    }
}

/// Not a test: in-process time per document (run with `--release --ignored --nocapture`).
#[test]
#[ignore]
fn timing() {
    let Some(root) = fixtures() else { return };
    for case in CASES {
        let Some(bytes) = read_fixture(&root, case.file) else {
            continue;
        };
        let mut times: Vec<f64> = (0..15)
            .map(|_| {
                let t = std::time::Instant::now();
                let doc = pdf::read(&bytes, &Limits::default()).unwrap();
                std::hint::black_box(doc);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!("{:32} median {:.2} ms", case.file, times[times.len() / 2]);
    }
}

/// Not a test: prints a fixture's extracted text (`cargo test --test pdf_reading dump -- --ignored --nocapture`,
/// file name in `PDF_DUMP`).
#[test]
#[ignore]
fn dump() {
    let Some(root) = fixtures() else { return };
    let name = std::env::var("PDF_DUMP").unwrap_or_else(|_| "judgment.lo.pdf".into());
    let bytes = read_fixture(&root, &name).unwrap();
    let doc = pdf::read(&bytes, &Limits::default()).unwrap();
    for i in 0..doc.paragraphs.len() {
        let p = &doc.paragraphs[i];
        println!(
            "[{}:{}] {}",
            p.pos.page.unwrap_or(0),
            p.pos.line.unwrap_or(0),
            doc.para_text(i)
        );
    }
}

/// Kangxi radicals in the text layer (here ⼾ U+2F3E, as a subset font's cmap or ToUnicode gives
/// it) become the simplified character in a simplified document (户, so 个体工商户 and 户籍 still
/// match) and stay the traditional one (戶) in a traditional document.
#[test]
fn kangxi_radicals_follow_the_documents_script() {
    let read = |line1: &str, line2: &str| {
        let content = format!(
            "BT /F1 16 Tf 1 0 0 1 85 770 Tm <{}> Tj 1 0 0 1 85 700 Tm <{}> Tj ET",
            utf16_hex(line1),
            utf16_hex(line2)
        );
        pdf::read(&tiny_pdf(&content, ""), &Limits::default())
            .unwrap()
            .text
    };
    let simp = read(
        "被告：张三，个体工商⼾。",
        "⼾籍所在地四川省绵阳市，这是本院认为的事实",
    );
    assert!(
        simp.contains("个体工商户") && simp.contains("户籍"),
        "{simp}"
    );
    assert!(!simp.contains('\u{2F3E}') && !simp.contains('戶'), "{simp}");
    let trad = read(
        "被告：張三，個體工商⼾。",
        "⼾籍所在地臺灣，這是本院認為之事實",
    );
    assert!(trad.contains("工商戶") && trad.contains("戶籍"), "{trad}");
}
