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
