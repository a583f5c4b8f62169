//! Legacy formats (issue #15): Word 97–2003 `.doc` / `.wps` and OFD.
//!
//! The corpus renderings (`corpus/*.doc`, `*.wps`, `*.ofd`) are checked against their `.txt` by
//! tests/corpus.rs (text, sections, findings); this file checks what the corpus does not show:
//! the Word features of `tests/data/legacy/features.doc`, tracked deletions and list labels, the
//! error codes, sniffing by content, locations, and that damaged files never panic.

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;
use wenshu_lint::{lint_bytes, read_bytes, Limits, Options, ReadCode};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn paras(bytes: &[u8], name: &str) -> Vec<String> {
    let doc =
        read_bytes(bytes, Some(name), &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    (0..doc.paragraphs.len())
        .map(|i| doc.para_text(i).to_string())
        .collect()
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Rewrite one stream of a compound file through `f`.
fn edit_stream(bytes: &[u8], stream: &str, f: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes.to_vec())).unwrap();
    let mut data = Vec::new();
    cf.open_stream(stream)
        .unwrap()
        .read_to_end(&mut data)
        .unwrap();
    f(&mut data);
    let mut s = cf.create_stream(stream).unwrap();
    s.write_all(&data).unwrap();
    drop(s);
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

#[test]
fn word_features() {
    let bytes = load("tests/data/legacy/features.doc");
    // The fixture really holds what is tested: field codes, header/footer and footnote text.
    for s in ["HYPERLINK", "NUMPAGES", "页眉", "脚注"] {
        assert!(contains(&bytes, &utf16(s)), "fixture lacks {s}");
    }
    let got = paras(&bytes, "features.doc");
    let want = [
        "四川省绵阳市涪城区人民法院",
        "民事裁定书",
        "（2024）川0703民初0001号",
        // footnote reference gone, hyperlink field: result kept, code dropped
        "本院认为，原告的申请符合法律规定，详见《中华人民共和国民事诉讼法》第一百四十八条。",
        // NUMPAGES field result
        "本裁定书共1页。",
        // a line break
        "第一行",
        "第二行",
        // table cells in order, one paragraph each
        "甲格",
        "乙格第一段",
        "乙格第二段",
        "丙格",
        "丁格",
        "裁定如下：",
        "准许原告撤回起诉。",
    ];
    assert_eq!(got, want);
}

#[test]
fn tracked_deletions_and_list_labels() {
    // a02: a wholly deleted paragraph and inline deletions (tracked changes kept by LibreOffice)
    let bytes = load("corpus/a02-appeal-modify.doc");
    assert!(
        contains(&bytes, &utf16("郑丽娟另称")),
        "fixture lost its deletion"
    );
    let text = paras(&bytes, "a02.doc").join("\n");
    assert!(!text.contains("郑丽娟另称"), "deleted paragraph read");
    assert!(text.contains("本判决为终审判决。"));
    // e01: the ruling items are auto-numbered; the labels are not in the text stream
    let bytes = load("corpus/e01-restore-nuisance.doc");
    assert!(!contains(&bytes, &utf16("一、被告")));
    let p = paras(&bytes, "e01.doc");
    let items: Vec<&String> = p
        .iter()
        .filter(|t| t.contains("被告何德贵于本判决"))
        .collect();
    assert_eq!(items.len(), 3);
    assert!(items[0].starts_with("一、"), "{}", items[0]);
    assert!(items[1].starts_with("二、"), "{}", items[1]);
    assert!(items[2].starts_with("三、"), "{}", items[2]);
}

#[test]
fn wps_and_renamed_files_are_read_by_content() {
    let doc = load("corpus/m01-mediation.doc");
    let wps = load("corpus/m01-mediation.wps");
    let want = paras(&doc, "m01.doc");
    assert!(want.len() > 10);
    assert_eq!(paras(&wps, "m01.wps"), want);
    for name in ["m01.docx", "m01.pdf", "m01.txt", "m01"] {
        assert_eq!(paras(&wps, name), want, "{name}");
    }
    let r = lint_bytes(&wps, "m01.wps", &Options::default());
    assert!(r.error.is_none());
    assert_eq!(r.format.map(|f| f.as_str()), Some("doc"));
}

#[test]
fn findings_located_by_paragraph_as_in_docx() {
    let opts = Options::default();
    let a = lint_bytes(&load("corpus/d01-divorce-vague.doc"), "d01.doc", &opts);
    let b = lint_bytes(&load("corpus/d01-divorce-vague.docx"), "d01.docx", &opts);
    let locs = |r: &wenshu_lint::FileReport| {
        r.findings
            .iter()
            .map(|f| (f.code.to_string(), f.paragraph, f.line, f.column, f.page))
            .collect::<Vec<_>>()
    };
    assert_eq!(a.findings.len(), 2);
    assert_eq!(locs(&a), locs(&b));
}

#[test]
fn encrypted_doc_is_read005() {
    let bytes = load("corpus/c01-loan-clean.doc");
    for flag in [0x0100u16, 0x8100] {
        let enc = edit_stream(&bytes, "WordDocument", |w| {
            let f = u16::from_le_bytes([w[0x0A], w[0x0B]]) | flag;
            w[0x0A..0x0C].copy_from_slice(&f.to_le_bytes());
        });
        let e = read_bytes(&enc, Some("enc.doc"), &Limits::default()).unwrap_err();
        assert_eq!(e.code, ReadCode::EncryptedPdf, "{e}");
        assert!(e.message.contains("密码"), "{e}");
    }
}

#[test]
fn word95_and_non_word_ole_are_named() {
    let bytes = load("corpus/c01-loan-clean.doc");
    let old = edit_stream(&bytes, "WordDocument", |w| {
        w[0..4].copy_from_slice(&[0xDC, 0xA5, 0x65, 0x00]);
    });
    let e = read_bytes(&old, Some("old.doc"), &Limits::default()).unwrap_err();
    assert_eq!(e.code, ReadCode::Unsupported);
    assert!(e.message.contains("Word 6.0/95"), "{e}");
    // an OLE file with no WordDocument stream (a spreadsheet, say)
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cf.create_stream("Workbook")
        .unwrap()
        .write_all(b"not a document")
        .unwrap();
    cf.flush().unwrap();
    let xls = cf.into_inner().into_inner();
    let e = read_bytes(&xls, Some("a.doc"), &Limits::default()).unwrap_err();
    assert_eq!(e.code, ReadCode::Unsupported);
    assert!(e.message.contains("WordDocument"), "{e}");
}

#[test]
fn size_budget_applies_to_streams() {
    let bytes = load("corpus/c01-loan-clean.doc");
    let limits = Limits {
        max_uncompressed: 1000,
        ..Limits::default()
    };
    let e = read_bytes(&bytes, Some("c01.doc"), &limits).unwrap_err();
    assert_eq!(e.code, ReadCode::TooLarge, "{e}");
}

/// Deterministic mutations of every corpus .doc: truncations, random bit flips, and flips aimed at
/// the FIB and at the table stream (piece table, property pages, list tables).
#[test]
fn mutated_doc_files_never_panic() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "doc" || e == "wps"))
        .collect();
    files.sort();
    files.push(root().join("tests/data/legacy/features.doc"));
    assert!(files.len() >= 20);
    let opts = Options::default();
    let mut s: u64 = 0x2545F4914F6CDD1D;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let mut readable = 0;
    for p in &files {
        let bytes = std::fs::read(p).unwrap();
        let name = p.display().to_string();
        for k in 0..30 {
            let m = match k % 5 {
                0 => {
                    let mut m = bytes.clone();
                    m.truncate(next() as usize % bytes.len());
                    m
                }
                1 => {
                    let mut m = bytes.clone();
                    for _ in 0..16 {
                        let i = next() as usize % m.len();
                        m[i] ^= 1 << (next() % 8);
                    }
                    m
                }
                2 => edit_stream(&bytes, "WordDocument", |w| {
                    for _ in 0..4 {
                        let i = next() as usize % 0x400.min(w.len());
                        w[i] = next() as u8;
                    }
                }),
                _ => {
                    let table = if bytes.windows(12).any(|x| x == &utf16("1Table")[..]) {
                        "1Table"
                    } else {
                        "0Table"
                    };
                    edit_stream(&bytes, table, |t| {
                        for _ in 0..8 {
                            let i = next() as usize % t.len();
                            t[i] = next() as u8;
                        }
                    })
                }
            };
            let r = lint_bytes(&m, &name, &opts);
            match &r.error {
                Some(e) => assert_ne!(e.code, ReadCode::Internal, "{name} #{k}: {}", e.message),
                None => readable += 1,
            }
        }
    }
    // most aimed mutations leave a readable document: the reader degrades, not just refuses
    assert!(readable > files.len() * 10, "{readable}");
}

// ---------------------------------------------------------------------------------------------
// OFD

/// The entries of a zip, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().to_string(), v)
        })
        .collect()
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            z.start_file(name.as_str(), o).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

fn ofd_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ofd"))
        .collect();
    v.sort();
    v
}

fn fnv1a64(b: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for &x in b {
        h = (h ^ x as u64).wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

/// The independent reader's verdicts (corpus/gen/check_ofd.py, ofdkit from PyPI) are recorded
/// for exactly the committed files: ofdkit's positioned runs give every document's text for both
/// layouts, and its own text extraction does too for the one-TextObject-per-line layout.
#[test]
fn ofdkit_cross_check_is_recorded_for_the_committed_files() {
    let record =
        std::fs::read_to_string(root().join("tests/data/legacy/ofdkit-check.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = record
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    let files = ofd_files();
    assert!(files.len() >= 52, "{}", files.len());
    for p in &files {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let row = rows.iter().find(|r| r[0] == name).unwrap_or_else(|| {
            panic!("{name} not in the ofdkit record: rerun corpus/gen/check_ofd.py")
        });
        assert_eq!(
            row[1],
            fnv1a64(&std::fs::read(p).unwrap()),
            "{name} changed since the ofdkit check: rerun corpus/gen/check_ofd.py"
        );
        if name.starts_with("s01-") {
            continue; // image-only: no text to compare
        }
        assert_eq!(row[4], "same", "{name}: ofdkit runs {}", row[4]);
        if !name.ends_with(".char.ofd") {
            assert_eq!(row[5], "same", "{name}: ofdkit text {}", row[5]);
        }
    }
    assert_eq!(rows.len(), files.len(), "stale rows in the record");
}

#[test]
fn ofd_signatures_and_annotations_are_not_text() {
    for f in [
        "corpus/c01-loan-clean.ofd",
        "corpus/c01-loan-clean.char.ofd",
    ] {
        let bytes = load(f);
        let entries = unzip(&bytes);
        let seal = "电子签章专用".as_bytes();
        assert!(entries
            .iter()
            .any(|(n, d)| n.ends_with("Seal.esl") && contains(d, seal)));
        assert!(entries
            .iter()
            .any(|(n, d)| n.contains("Annot") && contains(d, seal)));
        let text = paras(&bytes, f).join("\n");
        assert!(!text.contains("电子签章专用"), "{f}");
        // page numbers ("— 1 —") are dropped like a PDF's
        assert!(!text.contains("— 1 —"), "{f}");
    }
}

#[test]
fn ofd_locations_are_page_and_line() {
    let opts = Options::default();
    let mut seen = Vec::new();
    for f in [
        "corpus/d01-divorce-vague.ofd",
        "corpus/d01-divorce-vague.char.ofd",
    ] {
        let bytes = load(f);
        let doc = read_bytes(&bytes, Some(f), &Limits::default()).unwrap();
        assert_eq!(doc.format.as_str(), "ofd");
        let l = doc.locate(0);
        assert_eq!((l.page, l.line), (Some(1), 1), "{f}: the court name");
        let r = lint_bytes(&bytes, f, &opts);
        let locs: Vec<_> = r
            .findings
            .iter()
            .map(|x| (x.code, x.paragraph, x.page, x.line, x.column))
            .collect();
        assert_eq!(locs.len(), 2, "{f}");
        assert!(locs.iter().all(|l| l.2.is_some()), "{f}: {locs:?}");
        seen.push(locs);
    }
    // the two layouts put every glyph at the same place: same pages, lines and columns
    assert_eq!(seen[0], seen[1]);
    // and on the same paragraphs as the DOCX rendering
    let d = lint_bytes(&load("corpus/d01-divorce-vague.docx"), "d01.docx", &opts);
    let paras: Vec<usize> = d.findings.iter().map(|x| x.paragraph).collect();
    assert_eq!(seen[0].iter().map(|l| l.1).collect::<Vec<_>>(), paras);
}

#[test]
fn ofd_template_text_is_read() {
    // the per-character layout keeps page 1's court name and title in a template page
    let bytes = load("corpus/c01-loan-clean.char.ofd");
    let entries = unzip(&bytes);
    let page1 = &entries
        .iter()
        .find(|(n, _)| n.ends_with("Page_0/Content.xml"))
        .unwrap()
        .1;
    let court: Vec<u8> = "法".as_bytes().to_vec();
    assert!(entries
        .iter()
        .any(|(n, d)| n.contains("Tpls/") && contains(d, &court)));
    let p = paras(&bytes, "c01.char.ofd");
    assert_eq!(p[0], "四川省绵阳市涪城区人民法院");
    // without the template page the court name is gone
    let no_tpl: Vec<(String, Vec<u8>)> = entries
        .iter()
        .map(|(n, d)| {
            let d = if n.ends_with("Document.xml") {
                String::from_utf8_lossy(d)
                    .replace("<ofd:TemplatePage", "<ofd:Unused")
                    .into_bytes()
            } else {
                d.clone()
            };
            (n.clone(), d)
        })
        .collect();
    let p = paras(&rezip(&no_tpl), "c01.char.ofd");
    assert!(!p[0].contains("人民法院"), "{}", p[0]);
    assert!(page1.len() > 1000);
}

#[test]
fn ofd_errors() {
    let limits = Limits::default();
    let bytes = load("corpus/c01-loan-clean.ofd");
    // image-only (easyofd's PDF → OFD): READ006
    let e = read_bytes(&load("corpus/s01-scanned.ofd"), Some("s.ofd"), &limits).unwrap_err();
    assert_eq!(e.code, ReadCode::NoTextLayer, "{e}");
    // sniffed by content, whatever the name
    for name in ["x.docx", "x.pdf", "x"] {
        let d = read_bytes(&bytes, Some(name), &limits).unwrap();
        assert_eq!(d.format.as_str(), "ofd");
    }
    let docx = load("corpus/c01-loan-clean.docx");
    assert_eq!(
        read_bytes(&docx, Some("x.ofd"), &limits)
            .unwrap()
            .format
            .as_str(),
        "docx"
    );
    let entries = unzip(&bytes);
    // a page part missing: READ003 naming the page
    let missing: Vec<_> = entries
        .iter()
        .filter(|(n, _)| !n.ends_with("Page_1/Content.xml"))
        .cloned()
        .collect();
    let e = read_bytes(&rezip(&missing), Some("m.ofd"), &limits).unwrap_err();
    assert_eq!(e.code, ReadCode::CorruptDocx, "{e}");
    assert!(e.message.contains("第 2 页"), "{e}");
    // no DocRoot
    let mut noroot = entries.clone();
    noroot[0].1 =
        br#"<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody/></ofd:OFD>"#.to_vec();
    assert_eq!(noroot[0].0, "OFD.xml");
    let e = read_bytes(&rezip(&noroot), Some("r.ofd"), &limits).unwrap_err();
    assert_eq!(e.code, ReadCode::CorruptDocx, "{e}");
    // encrypted (GB/T 33190-2021 Encryptions): READ005
    let mut enc = entries.clone();
    enc[0].1 = br#"<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody><ofd:Encryptions>Encryptions.xml</ofd:Encryptions></ofd:OFD>"#.to_vec();
    let e = read_bytes(&rezip(&enc), Some("e.ofd"), &limits).unwrap_err();
    assert_eq!(e.code, ReadCode::EncryptedPdf, "{e}");
    // a zip bomb in a page: READ008, quickly
    let mut bomb = entries.clone();
    for (n, d) in bomb.iter_mut() {
        if n.ends_with("Page_0/Content.xml") {
            let mut big = d.clone();
            big.truncate(big.len() - "</ofd:Page>".len());
            big.extend(std::iter::repeat_n(b' ', 64 << 20));
            big.extend_from_slice(b"</ofd:Page>");
            *d = big;
        }
    }
    let bomb = rezip(&bomb);
    assert!(bomb.len() < 1 << 20);
    let t0 = std::time::Instant::now();
    let e = read_bytes(&bomb, Some("b.ofd"), &limits).unwrap_err();
    assert_eq!(e.code, ReadCode::TooLarge, "{e}");
    assert!(t0.elapsed().as_secs() < 5);
    let small = Limits {
        max_ratio: 0,
        max_uncompressed: 8 << 20,
        ..Limits::default()
    };
    let e = read_bytes(&bomb, Some("b.ofd"), &small).unwrap_err();
    assert_eq!(e.code, ReadCode::TooLarge, "{e}");
}

/// Truncations, bit flips, and edits aimed at the XML (numbers, DeltaX, structure) of every corpus
/// OFD never panic.
#[test]
fn mutated_ofd_files_never_panic() {
    let opts = Options::default();
    let mut s: u64 = 0x9E3779B97F4A7C15;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    const EVIL: &[&str] = &[
        "g 99999999999 NaN",
        "-1e39",
        "g -5 3",
        "inf",
        "<ofd:TextObject>",
        "</ofd:Layer>",
        "&amp;#0;",
        "",
        "0 0 0 0",
        "1e30 1e30 -1e30 1e-30",
    ];
    let mut readable = 0;
    let files = ofd_files();
    for p in &files {
        let bytes = std::fs::read(p).unwrap();
        let name = p.display().to_string();
        let entries = unzip(&bytes);
        for k in 0..12 {
            let m = match k % 4 {
                0 => {
                    let mut m = bytes.clone();
                    m.truncate(next() as usize % bytes.len());
                    m
                }
                1 => {
                    let mut m = bytes.clone();
                    for _ in 0..8 {
                        let i = next() as usize % m.len();
                        m[i] ^= 1 << (next() % 8);
                    }
                    m
                }
                _ => {
                    // replace attribute values / element text in the XML parts
                    let mut e = entries.clone();
                    for (n, d) in e.iter_mut() {
                        // page and template content (structure parts only now and then)
                        if !n.ends_with("Content.xml") && next() % 8 != 0 {
                            continue;
                        }
                        let mut t = String::from_utf8_lossy(d).into_owned();
                        for _ in 0..3 {
                            let quotes: Vec<usize> = t.match_indices('"').map(|(i, _)| i).collect();
                            if quotes.len() < 2 {
                                break;
                            }
                            let q = (next() as usize % (quotes.len() / 2)) * 2;
                            let (a, b) = (quotes[q] + 1, quotes[q + 1]);
                            let evil = EVIL[next() as usize % EVIL.len()];
                            t.replace_range(a..b, evil);
                        }
                        *d = t.into_bytes();
                    }
                    rezip(&e)
                }
            };
            let r = lint_bytes(&m, &name, &opts);
            match &r.error {
                Some(e) => assert_ne!(e.code, ReadCode::Internal, "{name} #{k}: {}", e.message),
                None => readable += 1,
            }
        }
    }
    assert!(
        readable > files.len() * 2,
        "{readable} of {}",
        files.len() * 12
    );
}
