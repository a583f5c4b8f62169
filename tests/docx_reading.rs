//! DOCX reader tests: the shared reading fixtures (skipped when absent) and synthetic packages
//! built here with `zip::ZipWriter`.

mod common;

use std::io::Write;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;
use wenshu_lint::read::docx;
use wenshu_lint::{Document, Limits, ReadCode};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The shared fixture folder, or `None` when it is not there: a visible skip, a failure in CI.
fn fixtures() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/reading"
    ));
    if dir.join("fixtures").is_dir() {
        Some(dir)
    } else {
        common::skip_here(&format!(
            "{} not found (shared reading fixtures)",
            dir.display()
        ));
        None
    }
}

/// NFKC, white space removed: the comparison key for paragraphs.
fn norm(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

fn paragraphs(doc: &Document) -> Vec<String> {
    (0..doc.paragraphs.len())
        .map(|i| doc.para_text(i).to_string())
        .collect()
}

fn read_fixture(dir: &std::path::Path, name: &str) -> Document {
    let bytes = std::fs::read(dir.join("fixtures").join(name)).expect("fixture readable");
    docx::read(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Assert that the document's paragraphs equal the expected file's lines (normalized, empty
/// lines ignored), reporting the first difference.
fn assert_same_paragraphs(doc: &Document, expected: &str, what: &str) {
    let got: Vec<String> = paragraphs(doc)
        .iter()
        .map(|p| norm(p))
        .filter(|p| !p.is_empty())
        .collect();
    let want: Vec<String> = expected
        .lines()
        .map(norm)
        .filter(|p| !p.is_empty())
        .collect();
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "{what}: paragraph {} differs", i + 1);
    }
    assert_eq!(got.len(), want.len(), "{what}: paragraph count");
}

/// Every probe of a `*.checks.json`.
fn assert_checks(doc: &Document, checks_path: &std::path::Path) {
    let checks: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(checks_path).expect("checks.json"))
            .expect("valid json");
    let body = norm(&doc.text);
    let key = |v: &serde_json::Value| norm(v.as_str().expect("string probe"));
    for (name, probe) in checks["body_must_contain"].as_object().expect("object") {
        assert!(body.contains(&key(probe)), "missing {name}: {probe}");
    }
    for (name, probe) in checks["body_must_not_contain"].as_object().expect("object") {
        assert!(
            !body.contains(&key(probe)),
            "must not contain {name}: {probe}"
        );
    }
    for (name, probe) in checks["body_count_exact"].as_object().expect("object") {
        let text = key(&probe[0]);
        let n = probe[1].as_u64().expect("count") as usize;
        assert_eq!(body.matches(&text).count(), n, "count of {name}");
    }
    let paras: Vec<String> = paragraphs(doc).iter().map(|p| norm(p)).collect();
    for label in checks["numbering_labels"].as_array().expect("array") {
        let l = key(label);
        assert!(
            paras.iter().any(|p| p.starts_with(&l)),
            "no paragraph starts with label {l}"
        );
    }
    for (name, probe) in checks["aux_must_contain"].as_object().expect("object") {
        assert!(
            !body.contains(&key(probe)),
            "auxiliary text {name} ({probe}) leaked into the body"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Synthetic packages
// ---------------------------------------------------------------------------------------------

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// A zip with the given entries, stored (or deflated when `deflate`).
fn zip_of(entries: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in entries {
        w.start_file(*name, opts).expect("start_file");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// `word/document.xml` with the WordprocessingML namespace bound to `w:` and the body `body`.
fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

/// A complete DOCX whose body is `body`, with optional styles and numbering parts.
fn docx_with(body: &str, styles: Option<&str>, numbering: Option<&str>) -> Vec<u8> {
    let doc = document_xml(body);
    let styles = styles.map(|s| {
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">{s}</w:styles>"#)
    });
    let numbering = numbering.map(|n| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}">{n}</w:numbering>"#
        )
    });
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
        ("word/_rels/document.xml.rels", DOC_RELS.as_bytes()),
    ];
    if let Some(s) = &styles {
        entries.push(("word/styles.xml", s.as_bytes()));
    }
    if let Some(n) = &numbering {
        entries.push(("word/numbering.xml", n.as_bytes()));
    }
    zip_of(&entries, false)
}

fn docx(body: &str) -> Vec<u8> {
    docx_with(body, None, None)
}

fn read_ok(bytes: &[u8]) -> Vec<String> {
    let doc = docx::read(bytes, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    paragraphs(&doc)
}

fn p(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

// ---------------------------------------------------------------------------------------------
// Shared fixtures
// ---------------------------------------------------------------------------------------------

#[test]
fn fixture_judgment_plain() {
    let Some(dir) = fixtures() else { return };
    let doc = read_fixture(&dir, "judgment.docx");
    let want = std::fs::read_to_string(dir.join("expected/judgment.txt")).expect("expected");
    assert_same_paragraphs(&doc, &want, "judgment.docx");
}

#[test]
fn fixture_judgment_nsprefix() {
    let Some(dir) = fixtures() else { return };
    let doc = read_fixture(&dir, "judgment-nsprefix.docx");
    let want = std::fs::read_to_string(dir.join("expected/judgment.txt")).expect("expected");
    assert_same_paragraphs(&doc, &want, "judgment-nsprefix.docx");
}

#[test]
fn fixture_judgment_features() {
    let Some(dir) = fixtures() else { return };
    let doc = read_fixture(&dir, "judgment-features.docx");
    let want = std::fs::read_to_string(dir.join("expected/judgment-features.accepted-labels.txt"))
        .expect("expected");
    assert_same_paragraphs(&doc, &want, "judgment-features.docx");
    assert_checks(&doc, &dir.join("expected/judgment-features.checks.json"));
}

#[test]
fn fixture_large() {
    let Some(dir) = fixtures() else { return };
    let doc = read_fixture(&dir, "large.docx");
    let want = std::fs::read_to_string(dir.join("expected/large.txt")).expect("expected");
    assert_same_paragraphs(&doc, &want, "large.docx");
}

#[test]
fn fixture_large_features() {
    let Some(dir) = fixtures() else { return };
    let doc = read_fixture(&dir, "large-features.docx");
    let want = std::fs::read_to_string(dir.join("expected/large-features.accepted-labels.txt"))
        .expect("expected");
    assert_same_paragraphs(&doc, &want, "large-features.docx");
    assert_checks(&doc, &dir.join("expected/large-features.checks.json"));
}

// ---------------------------------------------------------------------------------------------
// Synthetic features
// ---------------------------------------------------------------------------------------------

#[test]
fn split_runs_read_whole() {
    let body = p(&format!(
        r#"{}<w:proofErr w:type="spellStart"/>{}<w:bookmarkStart w:id="1" w:name="x"/><w:bookmarkEnd w:id="1"/><w:r><w:rPr><w:b/><w:t>junk-in-rpr-is-not-text</w:t></w:rPr><w:t>0719</w:t></w:r><w:r><w:lastRenderedPageBreak/><w:t>7805121232</w:t></w:r>{}"#,
        r("公民身份"),
        r("号码：5101"),
        r("。")
    ));
    assert_eq!(
        read_ok(&docx(&body)),
        ["公民身份号码：510107197805121232。"]
    );
}

#[test]
fn deleted_paragraph_mark_joins_next() {
    let del = r#"<w:pPr><w:rPr><w:del w:id="1" w:author="a" w:date="2022-01-01T00:00:00Z"/></w:rPr></w:pPr>"#;
    let body = format!(
        "{}{}{}{}",
        p(&format!("{del}{}", r("上半句，"))),
        p(&r("下半句。")),
        // wholly deleted paragraph: text deleted, mark deleted
        p(&format!(
            r#"{del}<w:del w:id="2" w:author="a"><w:r><w:delText>删掉的段落</w:delText></w:r></w:del>"#
        )),
        p(&format!(
            r#"{}<w:ins w:id="3" w:author="a">{}</w:ins><w:del w:id="4" w:author="a"><w:r><w:delText>旧</w:delText></w:r></w:del><w:moveFrom w:id="5" w:author="a">{}</w:moveFrom><w:moveTo w:id="6" w:author="a">{}</w:moveTo>"#,
            r("保留"),
            r("插入"),
            r("移走"),
            r("移来")
        ))
    );
    assert_eq!(read_ok(&docx(&body)), ["上半句，下半句。", "保留插入移来"]);
}

#[test]
fn nested_tables_in_reading_order() {
    let cell = |inner: &str| format!("<w:tc><w:tcPr><w:tcW w:w=\"100\"/></w:tcPr>{inner}</w:tc>");
    let inner_tbl = format!(
        "<w:tbl><w:tblPr/><w:tblGrid/><w:tr>{}{}</w:tr></w:tbl>",
        cell(&p(&r("内1"))),
        cell(&p(&r("内2")))
    );
    let body = format!(
        "{}<w:tbl><w:tblPr><w:tblW w:w=\"0\"/></w:tblPr><w:tr><w:trPr/>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>{}",
        p(&r("表前")),
        cell(&p(&r("甲"))),
        cell(&format!("{}{}{}", p(&r("乙上")), inner_tbl, p(&r("乙下")))),
        cell(&p(&format!("{}{}", r("4,928"), r(",180")))),
        cell(&p("")),
        p(&r("表后"))
    );
    assert_eq!(
        read_ok(&docx(&body)),
        [
            "表前",
            "甲",
            "乙上",
            "内1",
            "内2",
            "乙下",
            "4,928,180",
            "表后"
        ]
    );
}

const LIST_STYLES: &str = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Item"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="ItemChild"><w:basedOn w:val="Item"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="RulingItem"><w:basedOn w:val="ItemChild"/><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>"#;

const LIST_NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="7"><w:multiLevelType w:val="multilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="%1.%3"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num><w:num w:numId="3"><w:abstractNumId w:val="8"/></w:num>"#;

fn styled(style: &str, text: &str) -> String {
    p(&format!(
        r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}"#,
        r(text)
    ))
}

fn numbered(num: u32, ilvl: u32, text: &str) -> String {
    p(&format!(
        r#"<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{}"#,
        r(text)
    ))
}

#[test]
fn style_inherited_numbering_chinese_and_parenthesized_decimal() {
    let body = [
        styled("Item", "甲项"),
        styled("ItemChild", "子项"),
        styled("ItemChild", "子项"),
        styled("RulingItem", "乙项"),
        styled("ItemChild", "子项重新计数"),
        numbered(1, 2, "三级"),
        styled("Normal", "普通段落"),
        numbered(3, 0, "圆点项"),
        // numId 0 removes the style's numbering
        p(&format!(
            r#"<w:pPr><w:pStyle w:val="Item"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>{}"#,
            r("不编号")
        )),
    ]
    .concat();
    let mut items = String::new();
    for _ in 0..9 {
        items.push_str(&styled("Item", "项"));
    }
    let bytes = docx_with(&(body + &items), Some(LIST_STYLES), Some(LIST_NUMBERING));
    let got = read_ok(&bytes);
    assert_eq!(
        &got[..9],
        [
            "一、甲项",
            "（1）子项",
            "（2）子项",
            "二、乙项",
            "（1）子项重新计数",
            "二.1三级",
            "普通段落",
            "圆点项",
            "不编号",
        ]
    );
    // counting goes on: 三 … 十一
    assert_eq!(got[9], "三、项");
    assert_eq!(got[16], "十、项");
    assert_eq!(got[17], "十一、项");
}

#[test]
fn start_override_restarts_numbering() {
    let body = [
        numbered(1, 0, "第一"),
        numbered(1, 0, "第二"),
        numbered(2, 0, "重新开始"),
        numbered(2, 0, "接着"),
        numbered(1, 0, "原序列"),
    ]
    .concat();
    let got = read_ok(&docx_with(&body, Some(LIST_STYLES), Some(LIST_NUMBERING)));
    assert_eq!(
        got,
        [
            "一、第一",
            "二、第二",
            "五、重新开始",
            "六、接着",
            "三、原序列"
        ]
    );
}

#[test]
fn number_formats_from_numbering() {
    let fmts = [
        ("ideographTraditional", "%1、", "甲、", "乙、"),
        ("chineseLegalSimplified", "%1、", "壹、", "贰、"),
        ("decimalEnclosedCircle", "%1", "①", "②"),
        ("upperLetter", "%1.", "A.", "B."),
        ("lowerRoman", "(%1)", "(i)", "(ii)"),
        ("decimalFullWidth", "%1．", "１．", "２．"),
        ("ideographDigital", "%1", "一", "二"),
        ("none", "%1", "", ""),
    ];
    for (fmt, text, first, second) in fmts {
        let numbering = format!(
            r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#
        );
        let body = [numbered(1, 0, "x"), numbered(1, 0, "y")].concat();
        let got = read_ok(&docx_with(&body, None, Some(&numbering)));
        assert_eq!(got, [format!("{first}x"), format!("{second}y")], "{fmt}");
    }
}

#[test]
fn alternate_content_reads_choice_only() {
    let txbx = |t: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(&r(t)));
    let body = p(&format!(
        r#"{}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>{}"#,
        r("锚段前"),
        txbx("本件与原本核对无异"),
        txbx("本件与原本核对无异"),
        r("锚段后")
    )) + &p(&r("下一段"));
    assert_eq!(
        read_ok(&docx(&body)),
        ["锚段前锚段后", "本件与原本核对无异", "下一段"]
    );
    // A VML-only text box (no AlternateContent) is read too.
    let body = p(&format!(
        r#"<w:r><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></w:r>"#,
        txbx("旧式文本框")
    ));
    assert_eq!(read_ok(&docx(&body)), ["旧式文本框"]);
}

#[test]
fn symbols_tabs_breaks_and_hyphens() {
    let body = p(concat!(
        r#"<w:r><w:t>A</w:t><w:sym w:font="Symbol" w:char="F0B4"/><w:t>B</w:t><w:sym w:font="Wingdings" w:char="2460"/><w:sym w:char="F028"/></w:r>"#,
        r#"<w:r><w:t>审判长</w:t><w:tab/><w:t>吴敏</w:t></w:r>"#,
        r#"<w:r><w:t>X</w:t><w:noBreakHyphen/><w:t>Y</w:t><w:softHyphen/></w:r>"#,
        r#"<w:r><w:br w:type="page"/><w:t>页后</w:t><w:br/><w:t>第二行</w:t><w:cr/><w:t>第三行</w:t></w:r>"#,
    ));
    assert_eq!(
        read_ok(&docx(&body)),
        ["A×B①(审判长\t吴敏X-Y页后", "第二行", "第三行"]
    );
}

#[test]
fn fields_containers_and_references() {
    let body = p(&format!(
        concat!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="案号"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
            r#"<w:smartTag w:uri="u" w:element="place">{}</w:smartTag>"#,
            r#"<w:hyperlink r:id="rId9">{}</w:hyperlink>"#,
            r#"<w:fldSimple w:instr=" PAGE ">{}</w:fldSimple>"#,
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            r#"<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:commentReference w:id="0"/></w:r>"#,
            r#"<w:del w:id="9" w:author="a"><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:delInstrText>PAGE</w:delInstrText></w:r></w:del>"#,
        ),
        r("（2022）川07民初1234号"),
        r("绵阳"),
        r("链接"),
        r("7"),
        r("结果")
    )) + &format!(
        r#"<w:sdt><w:sdtPr><w:tag w:val="appeal"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
        p(&r("上诉于四川省高级人民法院"))
    );
    assert_eq!(
        read_ok(&docx(&body)),
        [
            "（2022）川07民初1234号绵阳链接7结果",
            "上诉于四川省高级人民法院"
        ]
    );
}

#[test]
fn namespace_prefix_and_strict_namespace_are_resolved_by_uri() {
    for ns in [W, "http://purl.oclc.org/ooxml/wordprocessingml/main"] {
        let doc = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><x:document xmlns:x="{ns}"><x:body><x:p><x:r><x:t>前缀</x:t></x:r></x:p><p xmlns="{ns}"><r><t>默认命名空间</t></r></p><w:p xmlns:w="urn:not-word"><w:r><w:t>不是正文</w:t></w:r></w:p></x:body></x:document>"#
        );
        let bytes = zip_of(
            &[
                ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
                ("_rels/.rels", ROOT_RELS.as_bytes()),
                ("word/document.xml", doc.as_bytes()),
            ],
            false,
        );
        assert_eq!(read_ok(&bytes), ["前缀", "默认命名空间"], "{ns}");
    }
}

#[test]
fn main_part_found_through_relationships() {
    let rels = ROOT_RELS.replace("word/document.xml", "/content/main.xml");
    let doc = document_xml(&p(&r("正文")));
    let bytes = zip_of(
        &[
            ("_rels/.rels", rels.as_bytes()),
            ("content/main.xml", doc.as_bytes()),
            ("word/document.xml", document_xml(&p(&r("诱饵"))).as_bytes()),
        ],
        false,
    );
    assert_eq!(read_ok(&bytes), ["正文"]);
    // No package metadata at all: fall back to word/document.xml.
    let bytes = zip_of(&[("word/document.xml", doc.as_bytes())], true);
    assert_eq!(read_ok(&bytes), ["正文"]);
}

// ---------------------------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------------------------

#[test]
fn zip_bomb_ratio_is_refused() {
    let filler = " ".repeat(8 << 20);
    let doc = document_xml(&p(&format!(
        r#"<w:r><w:t xml:space="preserve">{filler}</w:t></w:r>"#
    )));
    let bytes = zip_of(&[("word/document.xml", doc.as_bytes())], true);
    let err = docx::read(&bytes, &Limits::default()).unwrap_err();
    assert_eq!(err.code, ReadCode::TooLarge, "{err}");
    assert!(err.message.contains("压缩比"), "{err}");
    // The total budget is enforced as well.
    let small = Limits {
        max_uncompressed: 1 << 20,
        max_ratio: 0,
        ..Limits::default()
    };
    let err = docx::read(&bytes, &small).unwrap_err();
    assert_eq!(err.code, ReadCode::TooLarge, "{err}");
}

/// Patch the declared uncompressed size of every zip entry (local and central headers).
fn lie_about_sizes(bytes: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 30 <= bytes.len() {
        match bytes[i..i + 4] {
            [b'P', b'K', 3, 4] => bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes()),
            [b'P', b'K', 1, 2] if i + 28 <= bytes.len() => {
                bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes())
            }
            _ => {}
        }
        i += 1;
    }
}

#[test]
fn lying_size_header_is_capped() {
    let doc = document_xml(&p(&r(&"正文".repeat(2000))));
    let mut bytes = zip_of(&[("word/document.xml", doc.as_bytes())], true);
    lie_about_sizes(&mut bytes, 100);
    let err = docx::read(&bytes, &Limits::default()).unwrap_err();
    assert_eq!(err.code, ReadCode::TooLarge, "{err}");
    assert!(err.message.contains("声明的大小"), "{err}");
}

#[test]
fn zip_without_document_part() {
    let bytes = zip_of(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", ROOT_RELS.as_bytes()),
            ("word/styles.xml", b"<w:styles/>"),
        ],
        false,
    );
    let err = docx::read(&bytes, &Limits::default()).unwrap_err();
    assert_eq!(err.code, ReadCode::CorruptDocx);
    assert!(err.message.contains("找不到正文部分"), "{err}");
}

#[test]
fn not_a_zip_and_malformed_xml() {
    let err = docx::read(b"PK\x03\x04 definitely not a zip", &Limits::default()).unwrap_err();
    assert_eq!(err.code, ReadCode::CorruptDocx);
    assert!(err.message.contains("ZIP"), "{err}");

    let bad = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>x</w:r></w:p></w:body></w:document>"#;
    let bytes = zip_of(&[("word/document.xml", bad.as_bytes())], false);
    let err = docx::read(&bytes, &Limits::default()).unwrap_err();
    assert_eq!(err.code, ReadCode::CorruptDocx);
    assert!(err.message.contains("XML"), "{err}");
}

#[test]
fn truncated_files_are_errors() {
    let bytes = docx(&p(&r("正文内容")).repeat(50));
    for cut in [
        0,
        1,
        4,
        22,
        bytes.len() / 3,
        bytes.len() / 2,
        bytes.len() - 1,
    ] {
        let res = docx::read(&bytes[..cut], &Limits::default());
        let err = res.expect_err("a truncated zip has no central directory");
        assert_eq!(err.code, ReadCode::CorruptDocx, "cut at {cut}: {err}");
    }
}

/// Deterministic xorshift, so that failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn robustness_truncation_and_bit_flips_never_panic() {
    // the shared fixture when there is one, else a synthetic package (not a skip)
    let shared = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/reading"
    ));
    let base = match shared.join("fixtures").is_dir().then_some(shared) {
        Some(dir) => std::fs::read(dir.join("fixtures/judgment-features.docx")).expect("fixture"),
        None => docx_with(
            &[styled("Item", "甲项"), numbered(2, 0, "乙"), p(&r("正文"))].concat(),
            Some(LIST_STYLES),
            Some(LIST_NUMBERING),
        ),
    };
    let limits = Limits::default();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Truncation at many points.
    for _ in 0..300 {
        let cut = (rng.next() % base.len() as u64) as usize;
        let _ = docx::read(&base[..cut], &limits);
    }
    // Byte flips at many positions (one to four bytes per sample).
    for _ in 0..1500 {
        let mut b = base.clone();
        for _ in 0..=(rng.next() % 4) {
            let at = (rng.next() % b.len() as u64) as usize;
            b[at] ^= (rng.next() % 255 + 1) as u8;
        }
        let _ = docx::read(&b, &limits);
    }
    // Flips inside the stored document XML of a synthetic package reach the XML layer.
    let stored = docx_with(
        &[styled("Item", "甲项"), numbered(2, 0, "乙"), p(&r("正文"))].concat(),
        Some(LIST_STYLES),
        Some(LIST_NUMBERING),
    );
    for _ in 0..1500 {
        let mut b = stored.clone();
        let at = (rng.next() % b.len() as u64) as usize;
        b[at] = b"<>/=\"'&;: wp0"[(rng.next() % 13) as usize];
        let _ = docx::read(&b, &limits);
    }
}

// ---------------------------------------------------------------------------------------------
// Timing (run with: cargo test --release --test docx_reading -- --ignored --nocapture)
// ---------------------------------------------------------------------------------------------

#[test]
#[ignore]
fn timing() {
    let Some(dir) = fixtures() else { return };
    for name in [
        "judgment.docx",
        "judgment-features.docx",
        "large.docx",
        "large-features.docx",
    ] {
        let bytes = std::fs::read(dir.join("fixtures").join(name)).expect("fixture");
        let n = 200;
        let mut times = Vec::with_capacity(n);
        for _ in 0..n {
            let t = std::time::Instant::now();
            let doc = docx::read(&bytes, &Limits::default()).expect("read");
            times.push(t.elapsed());
            std::hint::black_box(doc);
        }
        times.sort();
        // Baseline: only inflating word/document.xml.
        let mut inflate = Vec::with_capacity(n);
        for _ in 0..n {
            let t = std::time::Instant::now();
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("zip");
            let mut f = z.by_name("word/document.xml").expect("document.xml");
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut out).expect("inflate");
            inflate.push(t.elapsed());
            std::hint::black_box(out);
        }
        inflate.sort();
        println!(
            "{name}: median {:.3} ms, min {:.3} ms ({} bytes; inflating document.xml alone: median {:.3} ms)",
            times[n / 2].as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3,
            bytes.len(),
            inflate[n / 2].as_secs_f64() * 1e3,
        );
    }
}

/// Print the paragraphs of a DOCX (`DOCX=path cargo test --test docx_reading dump -- --ignored
/// --nocapture`), for eyeballing a file.
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("DOCX") else {
        eprintln!("note: set DOCX=path to dump a file");
        return;
    };
    let bytes = std::fs::read(&path).expect("readable");
    match docx::read(&bytes, &Limits::default()) {
        Ok(doc) => {
            for (i, p) in paragraphs(&doc).iter().enumerate() {
                println!("{:4} {p:?}", i + 1);
            }
        }
        Err(e) => println!("{e}"),
    }
}

#[test]
fn lvl_restart_zero_keeps_counting_across_higher_levels() {
    let numbering = LIST_NUMBERING.replace(
        r#"<w:lvl w:ilvl="1"><w:start w:val="1"/>"#,
        r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/>"#,
    );
    let body = [
        numbered(1, 0, "甲"),
        numbered(1, 1, "a"),
        numbered(1, 1, "b"),
        numbered(1, 0, "乙"),
        numbered(1, 1, "c"),
    ]
    .concat();
    let got = read_ok(&docx_with(&body, None, Some(&numbering)));
    assert_eq!(got, ["一、甲", "（1）a", "（2）b", "二、乙", "（3）c"]);
}
