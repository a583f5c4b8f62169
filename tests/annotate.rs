//! `annotate`: the annotated copy is a valid package, has one comment per finding on the right
//! words, keeps the text (`dump` unchanged) and every run's formatting, and copies every other
//! part untouched. Corpus DOCX files plus synthetic ones with split runs, tracked changes,
//! content controls, tabs, escaping and existing comments.

use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use wenshu_lint::annotate::{annotate_docx, CommentMeta, ABSENCE_CODES};
use wenshu_lint::report::dump;
use wenshu_lint::{lint_bytes, read_bytes, structure, Finding, Limits, Options};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn meta() -> CommentMeta {
    CommentMeta {
        author: "wenshu-lint".into(),
        initials: "WL".into(),
        date: "2026-01-02T03:04:05Z".into(),
    }
}

fn entries(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().to_string(), b)
        })
        .collect()
}

fn raw_entries(docx: &[u8]) -> HashMap<String, (u32, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index_raw(i).unwrap();
            let crc = f.crc32();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().to_string(), (crc, b))
        })
        .collect()
}

fn part(docx: &[u8], name: &str) -> Option<Vec<u8>> {
    entries(docx)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| b)
}

/// Every XML part parses to the end with matching tags.
fn assert_valid_package(docx: &[u8]) {
    let es = entries(docx);
    let mut names: Vec<&str> = es.iter().map(|(n, _)| n.as_str()).collect();
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), n, "zip entry names are unique");
    for (name, bytes) in &es {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut r = Reader::from_reader(bytes.as_slice());
        let mut buf = Vec::new();
        let mut depth = 0i64;
        loop {
            match r.read_event_into(&mut buf) {
                Ok(Event::Eof) => break,
                Ok(Event::Start(_)) => depth += 1,
                Ok(Event::End(_)) => depth -= 1,
                Ok(_) => {}
                Err(e) => panic!("{name} does not parse: {e}"),
            }
            buf.clear();
        }
        assert_eq!(depth, 0, "{name}: unbalanced");
    }
}

/// What a walk of document.xml sees.
#[derive(Default, Debug)]
struct Walk {
    /// Non-deleted characters with the `w:rPr` of their run.
    chars: Vec<(char, String)>,
    /// Comment id → the non-deleted text inside its range.
    anchored: BTreeMap<String, String>,
    /// Comment id → the text of the paragraph its range starts in, up to the start.
    start_para: BTreeMap<String, String>,
    /// Comment id → has a commentReference.
    referenced: BTreeMap<String, bool>,
    deleted_text: String,
}

fn walk(document_xml: &[u8]) -> Walk {
    let mut r = quick_xml::NsReader::from_reader(document_xml);
    let mut buf = Vec::new();
    let mut w = Walk::default();
    let mut open: Vec<String> = Vec::new();
    let mut del = 0usize;
    let mut in_t = false;
    let mut rpr = String::new();
    let mut rpr_depth: Option<usize> = None;
    let mut depth = 0usize;
    let mut para = String::new();
    let id_of = |e: &quick_xml::events::BytesStart| -> String {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == b"id")
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
            .unwrap_or_default()
    };
    loop {
        let (res, ev) = r.read_resolved_event_into(&mut buf).unwrap();
        let is_w =
            matches!(res, quick_xml::name::ResolveResult::Bound(ns) if ns.as_ref() == W.as_bytes());
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let local = e.local_name().as_ref().to_vec();
                if let Some(d) = rpr_depth {
                    let _ = d;
                    rpr.push_str(&String::from_utf8_lossy(&local));
                    for a in e.attributes().flatten() {
                        rpr.push_str(&format!(
                            " {}={}",
                            String::from_utf8_lossy(a.key.local_name().as_ref()),
                            String::from_utf8_lossy(&a.value)
                        ));
                    }
                    rpr.push(';');
                } else if is_w {
                    match local.as_slice() {
                        b"r" => rpr.clear(),
                        b"rPr" if !empty => rpr_depth = Some(depth),
                        b"p" => para.clear(),
                        b"del" | b"moveFrom" if !empty => del += 1,
                        b"t" | b"delText" if !empty => in_t = true,
                        b"commentRangeStart" => {
                            let id = id_of(e);
                            w.start_para.insert(id.clone(), para.clone());
                            w.anchored.insert(id.clone(), String::new());
                            open.push(id);
                        }
                        b"commentRangeEnd" => {
                            let id = id_of(e);
                            open.retain(|x| *x != id);
                        }
                        b"commentReference" => {
                            w.referenced.insert(id_of(e), true);
                        }
                        _ => {}
                    }
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(ref e) => {
                depth -= 1;
                if rpr_depth == Some(depth) {
                    rpr_depth = None;
                } else if rpr_depth.is_none() && is_w {
                    match e.local_name().as_ref() {
                        b"del" | b"moveFrom" => del -= 1,
                        b"t" | b"delText" => in_t = false,
                        _ => {}
                    }
                }
            }
            Event::Text(ref t) if in_t => {
                let s = t.unescape().unwrap().into_owned();
                if del > 0 {
                    w.deleted_text.push_str(&s);
                } else {
                    for c in s.chars() {
                        w.chars.push((c, rpr.clone()));
                    }
                    para.push_str(&s);
                    for id in &open {
                        w.anchored.get_mut(id).unwrap().push_str(&s);
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
    w
}

fn comment_count(docx: &[u8]) -> usize {
    let Some(xml) = part(docx, "word/comments.xml") else {
        return 0;
    };
    let s = String::from_utf8(xml).unwrap();
    s.matches("<w:comment ").count()
}

fn dump_of(docx: &[u8]) -> String {
    let doc = read_bytes(docx, Some("x.docx"), &Limits::default()).expect("reads");
    let st = structure::analyze(&doc);
    dump::text("x.docx", &Ok((doc, st)))
}

/// Annotate and check everything that must hold for any input; returns (annotated, findings).
fn annotate_and_check(original: &[u8]) -> (Vec<u8>, Vec<Finding>, Walk) {
    let report = lint_bytes(original, "x.docx", &Options::default());
    assert!(report.error.is_none(), "{:?}", report.error);
    let findings = report.findings;
    let out = annotate_docx(original, &findings, &meta(), &Limits::default()).expect("annotates");
    assert_valid_package(&out);
    assert_eq!(dump_of(&out), dump_of(original), "dump unchanged");
    // The same findings again: comments are not text.
    let again = lint_bytes(&out, "x.docx", &Options::default());
    assert!(again.error.is_none(), "{:?}", again.error);
    assert_eq!(again.findings, findings);
    let before = comment_count(original);
    assert_eq!(comment_count(&out), before + findings.len());
    let w0 = walk(&part(original, "word/document.xml").unwrap());
    let w1 = walk(&part(&out, "word/document.xml").unwrap());
    assert_eq!(
        w1.chars, w0.chars,
        "every character keeps its run properties"
    );
    assert_eq!(w1.deleted_text, w0.deleted_text, "deleted text untouched");
    assert_eq!(w1.anchored.len(), w0.anchored.len() + findings.len());
    // Every part but document.xml, comments.xml, the rels and the content types is untouched,
    // compressed bytes included.
    let (r0, r1) = (raw_entries(original), raw_entries(&out));
    for (name, v) in &r0 {
        let changeable = name == "word/document.xml"
            || name == "word/comments.xml"
            || name == "[Content_Types].xml"
            || name == "word/_rels/document.xml.rels";
        if !changeable {
            assert_eq!(r1.get(name), Some(v), "{name} copied byte for byte");
        }
    }
    for name in r1.keys() {
        assert!(
            r0.contains_key(name)
                || name == "word/comments.xml"
                || name == "word/_rels/document.xml.rels",
            "unexpected new part {name}"
        );
    }
    (out, findings, w1)
}

/// The comment ids we wrote, in finding order (ours are the ones not in the original).
fn new_ids(original: &Walk, annotated: &Walk) -> Vec<String> {
    let mut ids: Vec<String> = annotated
        .anchored
        .keys()
        .filter(|k| !original.anchored.contains_key(*k))
        .cloned()
        .collect();
    ids.sort_by_key(|k| k.parse::<u32>().unwrap());
    ids
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn corpus_docx_files_get_one_comment_per_finding_on_the_offending_words() {
    let mut families = BTreeMap::new();
    let mut files = 0;
    for entry in std::fs::read_dir(root().join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "docx") {
            continue;
        }
        files += 1;
        let original = std::fs::read(&path).unwrap();
        let (out, findings, w1) = annotate_and_check(&original);
        let w0 = walk(&part(&original, "word/document.xml").unwrap());
        let ids = new_ids(&w0, &w1);
        assert_eq!(ids.len(), findings.len());
        for (f, id) in findings.iter().zip(&ids) {
            assert!(w1.referenced.get(id).copied().unwrap_or(false));
            let anchored = &w1.anchored[id];
            if ABSENCE_CODES.contains(&f.code) {
                // Where the missing text belongs: at the start of the anchor paragraph.
                assert_eq!(anchored, "", "{}: {}", path.display(), f.code);
                assert_eq!(w1.start_para[id], "", "{}: {}", path.display(), f.code);
            } else {
                // Exactly the offending words (a restored list label is not in the runs).
                let ex = squeeze(&f.excerpt);
                let an = squeeze(anchored);
                assert!(
                    !an.is_empty() && ex.ends_with(&an) && ex.len() - an.len() <= 9,
                    "{}: {} anchored on {anchored:?}, excerpt {:?}",
                    path.display(),
                    f.code,
                    f.excerpt
                );
            }
            *families.entry(&f.code[..2]).or_insert(0) += 1;
        }
        // The comment text: code, message, help.
        if !findings.is_empty() {
            let c = String::from_utf8(part(&out, "word/comments.xml").unwrap()).unwrap();
            for f in &findings {
                let esc = quick_xml::escape::escape(f.message.as_str()).into_owned();
                assert!(c.contains(&format!("{}（", f.code)) && c.contains(&esc));
            }
            assert!(c.contains("w:author=\"wenshu-lint\"") && c.contains("w:initials=\"WL\""));
            assert!(c.contains("帮助："));
        }
    }
    assert!(files >= 10, "corpus DOCX files found: {files}");
    for fam in ["ID", "PW", "EX", "FE"] {
        assert!(families.contains_key(fam), "no {fam} finding annotated");
    }
}

/// A minimal package with `body` as the content of w:body and optional comments.
fn docx(body: &str, comments: Option<&str>) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    let ct = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>{}</Types>"#,
        if comments.is_some() {
            r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#
        } else {
            ""
        }
    );
    z.start_file("[Content_Types].xml", o).unwrap();
    z.write_all(ct.as_bytes()).unwrap();
    z.start_file("_rels/.rels", o).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#).unwrap();
    z.start_file("word/document.xml", o).unwrap();
    z.write_all(
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
        )
        .as_bytes(),
    )
    .unwrap();
    if let Some(c) = comments {
        z.start_file("word/_rels/document.xml.rels", o).unwrap();
        z.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#).unwrap();
        z.start_file("word/comments.xml", o).unwrap();
        z.write_all(
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{W}">{c}</w:comments>"#
            )
            .as_bytes(),
        )
        .unwrap();
    }
    z.start_file("word/media/image1.png", o).unwrap();
    z.write_all(b"\x89PNG not really").unwrap();
    z.finish().unwrap().into_inner()
}

fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

fn plain_p(text: &str) -> String {
    format!(
        r#"<w:p><w:r><w:rPr><w:rFonts w:eastAsia="仿宋"/></w:rPr><w:t>{}</w:t></w:r></w:p>"#,
        esc(text)
    )
}

/// d01 (two EX001 findings in items 四 and 五) with `special` replacing the paragraphs that
/// start with the given prefixes.
fn d01_with(special: &[(&str, String)]) -> String {
    let txt = std::fs::read_to_string(root().join("corpus/d01-divorce-vague.txt")).unwrap();
    txt.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            special
                .iter()
                .find(|(p, _)| l.starts_with(p))
                .map(|(_, x)| x.clone())
                .unwrap_or_else(|| plain_p(l))
        })
        .collect()
}

fn anchored_texts(original: &[u8], out: &[u8]) -> Vec<String> {
    let w0 = walk(&part(original, "word/document.xml").unwrap());
    let w1 = walk(&part(out, "word/document.xml").unwrap());
    new_ids(&w0, &w1)
        .iter()
        .map(|id| w1.anchored[id].clone())
        .collect()
}

#[test]
fn spans_starting_and_ending_inside_runs_split_them_keeping_formatting() {
    // 四、家具家电归原告孙晓燕所有； over runs split mid-word, with bold/italic/colour.
    let item4 = r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>四、家</w:t></w:r><w:r w:rsidR="00A1"><w:rPr><w:i/><w:color w:val="FF0000"/></w:rPr><w:t xml:space="preserve">具家</w:t></w:r><w:r><w:t>电归原告孙晓燕所有；</w:t></w:r></w:p>"#;
    // 五、其余夫妻共同财产由双方协商分割； in one run with a tab and text around it.
    let item5 = r#"<w:p><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>五、其余夫妻共同财产由双方协商分割；</w:t></w:r></w:p>"#;
    let body = d01_with(&[("四、", item4.into()), ("五、", item5.into())]);
    let original = docx(&body, None);
    let (out, findings, _) = annotate_and_check(&original);
    assert_eq!(
        findings.iter().map(|f| f.code).collect::<Vec<_>>(),
        ["EX001", "EX001"]
    );
    let a = anchored_texts(&original, &out);
    assert_eq!(
        a,
        [findings[0].excerpt.clone(), findings[1].excerpt.clone()]
    );
    assert_eq!(a[0], "家具家电归原告孙晓燕所有");
    // The comment part was created with its relationship and content type.
    let ct = String::from_utf8(part(&out, "[Content_Types].xml").unwrap()).unwrap();
    assert!(ct.contains("/word/comments.xml") && ct.contains("comments+xml"));
    let rels = String::from_utf8(part(&out, "word/_rels/document.xml.rels").unwrap()).unwrap();
    assert!(rels.contains("relationships/comments") && rels.contains("Target=\"comments.xml\""));
}

#[test]
fn tracked_deletions_content_controls_tabs_and_escaping() {
    // Deleted text inside the span is never anchored text and is kept as it was; the item sits
    // in an inline content control; a tab and an escaped ampersand precede it.
    let item5 = r#"<w:p><w:r><w:t>五、</w:t></w:r><w:sdt><w:sdtPr><w:alias w:val="判项"/></w:sdtPr><w:sdtContent><w:r><w:t>其余夫妻</w:t></w:r><w:del w:id="91" w:author="a"><w:r><w:delText>（不含存款）</w:delText></w:r></w:del><w:ins w:id="92" w:author="a"><w:r><w:rPr><w:b/></w:rPr><w:t>共同</w:t></w:r></w:ins><w:r><w:t>财产由双方协商分割</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>；</w:t></w:r></w:p>"#;
    let item4 = r#"<w:p><w:r><w:t>四、</w:t><w:tab/><w:t>家具家电归原告孙晓燕所有（A&amp;B&lt;C&gt;）；</w:t></w:r></w:p>"#;
    let body = d01_with(&[("五、", item5.into()), ("四、", item4.into())]);
    let original = docx(&body, None);
    let (out, findings, w1) = annotate_and_check(&original);
    assert_eq!(findings.len(), 2, "{findings:?}");
    let a = anchored_texts(&original, &out);
    assert_eq!(a[1], "其余夫妻共同财产由双方协商分割");
    // The span starts at the tab (an element, not text): the range opens before it.
    assert_eq!(squeeze(&a[0]), squeeze(&findings[0].excerpt));
    assert!(
        a[0].starts_with("家具家电") && a[0].contains("A&B<C>"),
        "{a:?}"
    );
    let xml = String::from_utf8(part(&out, "word/document.xml").unwrap()).unwrap();
    assert!(
        xml.contains("<w:commentRangeStart w:id=\"0\"/><w:r><w:tab/>"),
        "{xml}"
    );
    assert_eq!(w1.deleted_text, "（不含存款）");
}

#[test]
fn existing_comments_are_kept_and_ids_stay_unique() {
    let item4 = r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>四、家具家电归原告孙晓燕所有；</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#;
    let old = r#"<w:comment w:id="0" w:author="审判长" w:initials="SP"><w:p><w:r><w:t>请核对</w:t></w:r></w:p></w:comment>"#;
    let body = d01_with(&[("四、", item4.into())]);
    let original = docx(&body, Some(old));
    let (out, findings, w1) = annotate_and_check(&original);
    assert_eq!(findings.len(), 2);
    let c = String::from_utf8(part(&out, "word/comments.xml").unwrap()).unwrap();
    assert!(c.contains("请核对") && c.contains("w:author=\"审判长\""));
    let ids: Vec<&String> = w1.anchored.keys().collect();
    assert_eq!(ids, ["0", "1", "2"]);
    assert_eq!(w1.anchored["0"], "四、家具家电归原告孙晓燕所有；");
    assert_eq!(w1.anchored["1"], "家具家电归原告孙晓燕所有");
}

#[test]
fn no_findings_gives_an_unchanged_copy() {
    let original = std::fs::read(root().join("corpus/c01-loan-clean.docx")).unwrap();
    let (out, findings, _) = annotate_and_check(&original);
    assert!(findings.is_empty());
    assert_eq!(
        part(&out, "word/document.xml"),
        part(&original, "word/document.xml")
    );
}

// ---------------------------------------------------------------------------------------------
// The command

fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_wenshu-lint"))
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("wenshu-annotate-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn copy_in(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(root().join("corpus").join(name), &to).unwrap();
    to
}

#[test]
fn command_writes_beside_the_input_and_refuses_to_overwrite() {
    let d = temp_dir("cmd");
    let input = copy_in(&d, "d01-divorce-vague.docx");
    let original = std::fs::read(&input).unwrap();
    let o = bin().arg("annotate").arg(&input).output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = d.join("d01-divorce-vague.批注.docx");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("2 条批注") && stdout.contains("EX001×2"),
        "{stdout}"
    );
    assert_eq!(comment_count(&std::fs::read(&out).unwrap()), 2);
    assert_eq!(std::fs::read(&input).unwrap(), original, "input untouched");

    // Existing output: refused without --force, replaced with it.
    let o = bin().arg("annotate").arg(&input).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    let o = bin()
        .args(["annotate", "--force", "--select", "EX"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    // Never the input, even with --force.
    let o = bin()
        .args(["annotate", "--force", "-o"])
        .arg(&input)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&input).unwrap(), original);
    // Selection options as in check.
    let o2 = d.join("only-id.docx");
    let o = bin()
        .args(["annotate", "--ignore", "EX", "-o"])
        .arg(&o2)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(comment_count(&std::fs::read(&o2).unwrap()), 0);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn command_sends_pdf_and_text_to_the_html_report() {
    for name in ["d01-divorce-vague.lo.pdf", "d01-divorce-vague.txt"] {
        let d = temp_dir("pdf");
        let input = copy_in(&d, name);
        let o = bin().arg("annotate").arg(&input).output().unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("DOCX") && err.contains("--format html"),
            "{err}"
        );
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1, "nothing written");
        let _ = std::fs::remove_dir_all(&d);
    }
}

// ---------------------------------------------------------------------------------------------
// LibreOffice round-trip (generated by corpus/gen/annotate_roundtrip.py, committed)

#[test]
fn features_fixture_keeps_every_invariant() {
    let original = std::fs::read(root().join("tests/data/annotate/features.docx")).unwrap();
    let (out, findings, w1) = annotate_and_check(&original);
    assert_eq!(findings.len(), 2);
    // The span ends inside a MERGEFIELD result: the range closes after the field instead.
    let a = anchored_texts(&original, &out);
    assert_eq!(a[0], "家具家电归原告孙晓燕所有（A&B<C>）；");
    let xml = String::from_utf8(part(&out, "word/document.xml").unwrap()).unwrap();
    let end = xml.find("<w:commentRangeEnd w:id=\"1\"/>").unwrap();
    let field_end = xml.find("w:fldCharType=\"end\"").unwrap();
    assert!(end > field_end, "range ends after the field");
    // The reviewer's comment is still there, on its words, with its text.
    assert_eq!(w1.anchored["0"], "六、驳回原告孙晓燕的其他诉讼请求。");
    let c = String::from_utf8(part(&out, "word/comments.xml").unwrap()).unwrap();
    assert!(c.contains("请核对诉讼请求"));
}

/// What LibreOffice showed for each annotated file (committed) matches what annotate writes now:
/// the same number of comments, each with its code on the same words.
#[test]
fn libreoffice_round_trip_results_match_the_current_annotate_output() {
    let tsv = std::fs::read_to_string(root().join("tests/data/annotate/roundtrip.tsv")).unwrap();
    let mut by_file: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 5, "{line}");
        by_file.entry(f[0].to_string()).or_default().push((
            f[2].to_string(),
            f[3].to_string(),
            f[4].to_string(),
        ));
    }
    assert!(by_file.len() >= 10);
    for (file, shown) in &by_file {
        let original = std::fs::read(root().join(file)).unwrap();
        let report = lint_bytes(&original, file, &Options::default());
        let mut ours: Vec<(String, String)> = shown
            .iter()
            .filter(|(author, _, _)| author == "wenshu-lint")
            .map(|(_, code, words)| (code.clone(), words.clone()))
            .collect();
        let mut want: Vec<(String, String)> = report
            .findings
            .iter()
            .map(|f| {
                let words = if ABSENCE_CODES.contains(&f.code) {
                    String::new()
                } else {
                    squeeze(&f.excerpt)
                };
                (f.code.to_string(), words)
            })
            .collect();
        ours.sort();
        want.sort();
        // The same codes, each on its words; a span ending inside a field's result is widened to
        // the whole field (features.docx), so LibreOffice shows the range unbroken.
        let codes = |v: &[(String, String)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&ours), codes(&want), "{file}: LibreOffice showed other comments than annotate writes now (rerun corpus/gen/annotate_roundtrip.py?)");
        for ((_, shown), (code, words)) in ours.iter().zip(&want) {
            assert!(
                shown == words || (file.contains("features") && shown.contains(words.as_str())),
                "{file} {code}: LibreOffice shows {shown:?}, annotate anchors {words:?}"
            );
        }
        let others = shown.iter().filter(|(a, _, _)| a != "wenshu-lint").count();
        assert_eq!(
            others,
            comment_count(&original),
            "{file}: existing comments"
        );
    }
}

/// Any spans at all (across paragraphs, on list labels, empty, on tabs or tracked changes) give a
/// valid package with one comment each and the text unchanged.
#[test]
fn arbitrary_spans_give_a_valid_package() {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    let files = [
        root().join("tests/data/annotate/features.docx"),
        root().join("corpus/e01-restore-nuisance.docx"),
        root().join("corpus/a02-appeal-modify.docx"),
    ];
    for path in files {
        let original = std::fs::read(&path).unwrap();
        let doc = read_bytes(&original, Some("x.docx"), &Limits::default()).unwrap();
        let template = lint_bytes(&original, "x.docx", &Options::default())
            .findings
            .into_iter()
            .next()
            .unwrap_or_else(|| {
                lint_bytes(
                    &std::fs::read(root().join("corpus/d01-divorce-vague.docx")).unwrap(),
                    "d.docx",
                    &Options::default(),
                )
                .findings[0]
                    .clone()
            });
        for round in 0..12 {
            let n = 1 + next(25);
            let findings: Vec<Finding> = (0..n)
                .map(|_| {
                    let a = next(doc.text.len() + 1);
                    let b = (a + next(120)).min(doc.text.len());
                    let d = wenshu_lint::Diagnostic {
                        code: ["EX001", "PW001", "ID002", "FE001"][next(4)],
                        severity: template.severity,
                        message: format!("第{round}轮 <&>"),
                        help: "帮助".into(),
                        span: a..b,
                    };
                    wenshu_lint::locate(&doc, d)
                })
                .collect();
            let out = annotate_docx(&original, &findings, &meta(), &Limits::default())
                .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            assert_valid_package(&out);
            assert_eq!(comment_count(&out), comment_count(&original) + n);
            assert_eq!(dump_of(&out), dump_of(&original), "{}", path.display());
            let w0 = walk(&part(&original, "word/document.xml").unwrap());
            let w1 = walk(&part(&out, "word/document.xml").unwrap());
            assert_eq!(w1.chars, w0.chars);
            assert_eq!(w1.deleted_text, w0.deleted_text);
            assert_eq!(w1.anchored.len(), w0.anchored.len() + n);
            // Each comment's words are its span's text less restored list labels (a subsequence,
            // white space aside).
            for (f, id) in findings.iter().zip(new_ids(&w0, &w1)) {
                let words = squeeze(&w1.anchored[&id]);
                // (features.docx has a field: a range meeting it is widened to the whole field.)
                if !ABSENCE_CODES.contains(&f.code) && !path.ends_with("features.docx") {
                    let span = squeeze(&doc.text[f.span.start..f.span.end]);
                    let mut rest = span.chars();
                    assert!(
                        words.chars().all(|c| rest.any(|s| s == c)),
                        "{words:?} not within {span:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    for bytes in [&b""[..], b"PK\x03\x04garbage", b"not a zip at all"] {
        assert!(annotate_docx(bytes, &[], &meta(), &Limits::default()).is_err());
    }
}

#[test]
fn public_profile_privacy_findings_sit_on_the_leaked_numbers() {
    let original = std::fs::read(root().join("corpus/v02-public-leak.docx")).unwrap();
    let opts = Options {
        profile: wenshu_lint::Profile::Public,
        ..Options::default()
    };
    let findings = lint_bytes(&original, "v02.docx", &opts).findings;
    assert!(
        findings.iter().filter(|f| f.code == "PV001").count() >= 3,
        "{findings:?}"
    );
    let out = annotate_docx(&original, &findings, &meta(), &Limits::default()).unwrap();
    assert_valid_package(&out);
    assert_eq!(dump_of(&out), dump_of(&original));
    let words = anchored_texts(&original, &out);
    for (f, w) in findings.iter().zip(&words) {
        assert_eq!(squeeze(w), squeeze(&f.excerpt), "{}", f.code);
    }
    assert!(words.iter().any(|w| w == "13912345678"), "{words:?}");
}
