//! Hostile inputs, made at test time (nothing large is committed): bombs, quadratic paths,
//! malformed and cut-short files. Used by `tests/hostile.rs`; `cargo run --example hostile_cases
//! -- DIR` writes them to a folder for trying by hand.
//!
//! Each case is small on disk (≤ ~25 MB, most a few KB) and names what a correct run reports.
#![allow(dead_code)]

use std::io::Write;

/// What a run on the case must report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// An error with this READ code.
    Error(&'static str),
    /// Read (no error) with a READ012 warning.
    Warning,
    /// Read without error or warning.
    Clean,
    /// Any of: read, READ008 or READ010 — the point is the bounds (time, memory, a report).
    Bounded,
}

pub struct Case {
    pub name: &'static str,
    /// File name (its extension matters for sniffing and walking).
    pub file: &'static str,
    pub bytes: Vec<u8>,
    pub expect: Expect,
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// Zlib stream of `n` zero bytes, made without materialising them (1 MiB chunks).
fn zlib_zeros(n: usize) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![0u8; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(chunk.len());
        e.write_all(&chunk[..k]).unwrap();
        left -= k;
    }
    e.finish().unwrap()
}

/// Zlib stream of `prefix`, then `n` copies of `unit`, then `suffix`.
fn zlib_repeat(prefix: &[u8], unit: &[u8], n: usize, suffix: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(prefix).unwrap();
    let block: Vec<u8> = unit.repeat((1 << 16) / unit.len().max(1) + 1);
    let per = block.len() / unit.len();
    let mut left = n;
    while left > 0 {
        let k = left.min(per);
        e.write_all(&block[..k * unit.len()]).unwrap();
        left -= k;
    }
    e.write_all(suffix).unwrap();
    e.finish().unwrap()
}

/// A PDF from numbered objects (`objects[i]` is object `i + 1`), with a correct xref table.
/// Object 1 must be the catalog.
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// A one-font PDF whose pages have these (uncompressed) content streams.
pub fn pdf_pages(contents: &[&[u8]]) -> Vec<u8> {
    let n = contents.len();
    // 1 catalog, 2 pages, 3 font, then page/content pairs
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        FONT.as_bytes().to_vec(),
    ];
    for (i, c) in contents.iter().enumerate() {
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 {} 0 R >> >> /Contents {} 0 R >>",
                4 + 2 * n,
                5 + 2 * i
            )
            .into_bytes(),
        );
        objs.push(stream("", c));
    }
    // a 1×1 image for scanned pages
    objs.push(stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[0x80],
    ));
    pdf(&objs)
}

/// Lines of a short text page in the base-14 font.
pub fn text_page(lines: &[&str]) -> Vec<u8> {
    let mut c = b"BT /F1 12 Tf 14 TL 72 760 Td\n".to_vec();
    for l in lines {
        c.extend_from_slice(format!("({l}) Tj T*\n").as_bytes());
    }
    c.extend_from_slice(b"ET\n");
    c
}

const ENGLISH: &[&str] = &[
    "This page has a text layer and is read.",
    "The plaintiff and the defendant agreed on the amount.",
    "The court holds that the claim is well founded.",
];

/// A DOCX with this `word/document.xml`, deflated.
pub fn docx(document_xml: &[u8]) -> Vec<u8> {
    docx_with(document_xml, zip::CompressionMethod::Deflated)
}

/// A DOCX with this `word/document.xml`, stored (repetitive XML deflates past the ratio cap,
/// which is a bound of its own).
pub fn docx_stored(document_xml: &[u8]) -> Vec<u8> {
    docx_with(document_xml, zip::CompressionMethod::Stored)
}

fn docx_with(document_xml: &[u8], method: zip::CompressionMethod) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let o = zip::write::SimpleFileOptions::default().compression_method(method);
        z.start_file("[Content_Types].xml", o).unwrap();
        z.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
        z.start_file("word/document.xml", o).unwrap();
        z.write_all(document_xml).unwrap();
        z.finish().unwrap();
    }
    out.into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn wdoc(body: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
        .into_bytes()
}

/// A short civil judgment in our own words, one paragraph a line.
pub const JUDGMENT: &[&str] = &[
    "四川省某某县人民法院",
    "民事判决书",
    "（2024）川0799民初12号",
    "原告：张明，男，1980年1月1日出生，汉族，住某县某路1号，公民身份号码510799198001010014。",
    "被告：李华，男，1982年2月2日出生，汉族，住某县某路2号，公民身份号码510799198202020012。",
    "原告张明与被告李华民间借贷纠纷一案，本院依法适用简易程序公开开庭进行了审理。",
    "本院认为，合法的借贷关系受法律保护。判决如下：",
    "一、被告李华于本判决生效之日起十日内偿还原告张明借款20,000元；",
    "案件受理费300元，由被告李华负担。",
    "审判员　王芳",
    "二〇二四年五月六日",
    "书记员　赵敏",
];

/// Every case. Sizes are chosen to cross the default caps (or the quadratic thresholds of the
/// old code) while staying small on disk.
pub fn cases() -> Vec<Case> {
    let mut v = Vec::new();

    // ---- DOCX ----
    {
        // 64 MiB of spaces in one w:t, deflated to ~64 KB: over the ratio cap.
        let mut xml =
            format!(r#"<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>"#).into_bytes();
        xml.extend(std::iter::repeat_n(b' ', 64 << 20));
        xml.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
        v.push(Case {
            name: "docx zip bomb (64 MiB part, ratio ~1000:1)",
            file: "bomb.docx",
            bytes: docx(&xml),
            expect: Expect::Error("READ008"),
        });
    }
    {
        // 30,000 empty entries (the zip crate keeps the whole directory in memory).
        let mut out = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut out);
            let o = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            for i in 0..30_000 {
                z.start_file(format!("e{i}"), o).unwrap();
            }
            z.finish().unwrap();
        }
        v.push(Case {
            name: "docx with 30,000 zip entries",
            file: "entries.docx",
            bytes: out.into_inner(),
            expect: Expect::Error("READ008"),
        });
    }
    {
        // 50,000 nested paragraphs, closed: linear now (was quadratic in the body finisher).
        let n = 50_000;
        let mut body = String::new();
        for _ in 0..n {
            body.push_str("<w:p><w:r><w:t>判</w:t></w:r>");
        }
        for _ in 0..n {
            body.push_str("</w:p>");
        }
        v.push(Case {
            name: "docx with 50,000 nested paragraphs",
            file: "nested.docx",
            bytes: docx_stored(&wdoc(&body)),
            expect: Expect::Bounded,
        });
        // …and unclosed.
        let mut xml = format!(r#"<?xml version="1.0"?><w:document {W}><w:body>"#);
        for _ in 0..n {
            xml.push_str("<w:p><w:r><w:t>判</w:t></w:r>");
        }
        v.push(Case {
            name: "docx with 50,000 unclosed paragraphs",
            file: "unclosed.docx",
            bytes: docx_stored(xml.as_bytes()),
            expect: Expect::Bounded,
        });
    }
    {
        // document.xml in GBK, declared: decoded by its declaration.
        let body: String = JUDGMENT
            .iter()
            .map(|l| format!("<w:p><w:r><w:t>{l}</w:t></w:r></w:p>"))
            .collect();
        let xml = format!(
            r#"<?xml version="1.0" encoding="GBK"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(&xml);
        v.push(Case {
            name: "docx with a GBK document.xml (declared)",
            file: "gbk-declared.docx",
            bytes: docx(&gbk),
            expect: Expect::Clean,
        });
        // …undeclared: not valid UTF-8, so it is named (mojibake warning or an XML error).
        let xml =
            format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
        let (gbk, _, _) = encoding_rs::GBK.encode(&xml);
        v.push(Case {
            name: "docx with a GBK document.xml (undeclared)",
            file: "gbk-undeclared.docx",
            bytes: docx(&gbk),
            expect: Expect::Warning,
        });
    }

    // ---- text and HTML ----
    v.push(Case {
        name: "20 MiB of newlines",
        file: "newlines.txt",
        bytes: vec![b'\n'; 20 << 20],
        expect: Expect::Error("READ001"),
    });
    v.push(Case {
        name: "300,000 one-character lines (paragraph cap)",
        file: "lines.txt",
        bytes: "甲\n".repeat(300_000).into_bytes(),
        expect: Expect::Error("READ008"),
    });
    {
        let mut h = b"<html><body><p>".to_vec();
        h.extend(std::iter::repeat_n(b'&', 2 << 20));
        h.extend_from_slice(b"</p></body></html>");
        v.push(Case {
            name: "HTML with 2 MiB of '&'",
            file: "amp.html",
            bytes: h,
            expect: Expect::Bounded,
        });
        let h = format!("<html><body>{}</body></html>", "<script>x".repeat(110_000));
        v.push(Case {
            name: "HTML with 110,000 unclosed <script> tags",
            file: "scripts.html",
            bytes: h.into_bytes(),
            expect: Expect::Bounded,
        });
    }
    {
        // A judgment with 20,000 vague property items: many findings, each located.
        let mut t: Vec<String> = JUDGMENT[..7].iter().map(|s| s.to_string()).collect();
        for i in 0..20_000 {
            t.push(format!("{}、其余夫妻共同财产由双方协商分割；", i + 1));
        }
        t.extend(JUDGMENT[8..].iter().map(|s| s.to_string()));
        v.push(Case {
            name: "judgment with 20,000 vague items",
            file: "items.txt",
            bytes: t.join("\n").into_bytes(),
            expect: Expect::Bounded,
        });
    }

    // ---- PDF ----
    {
        // One Tj of 24 MiB, from a ~25 KB page.
        let content = zlib_repeat(b"BT /F1 12 Tf 72 700 Td (", b"A", 24 << 20, b") Tj ET\n");
        let objs = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>".to_vec(),
            FONT.as_bytes().to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>".to_vec(),
            stream("/Filter /FlateDecode", &content),
        ];
        v.push(Case {
            name: "PDF page whose content inflates to one 24 MiB string",
            file: "tj-bomb.pdf",
            bytes: pdf(&objs),
            expect: Expect::Bounded,
        });
    }
    {
        // Ten object streams of 64 MiB each (one compressed block reused): 640 MiB in total,
        // each under lopdf's per-stream bound.
        let z = zlib_zeros(64 << 20);
        let mut objs = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>".to_vec(),
            FONT.as_bytes().to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>".to_vec(),
            stream("", &text_page(ENGLISH)),
        ];
        for _ in 0..10 {
            objs.push(stream(
                "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
                &z,
            ));
        }
        v.push(Case {
            name: "PDF with ten 64 MiB object streams",
            file: "objstm-bomb.pdf",
            bytes: pdf(&objs),
            expect: Expect::Error("READ008"),
        });
    }
    {
        // ToUnicode mapping one code to 500,000 characters, shown 20,000 times.
        let mut cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <41> <".to_vec();
        cmap.extend("4EBA".repeat(500_000).as_bytes());
        cmap.extend_from_slice(b"> endbfchar endcmap end end");
        let show = zlib_repeat(b"BT /F1 12 Tf 72 700 Td ", b"(A) Tj ", 20_000, b"ET\n");
        let objs = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>".to_vec(),
            stream("/Filter /FlateDecode", &show),
            stream("/Filter /FlateDecode", &zlib(&cmap)),
        ];
        v.push(Case {
            name: "PDF ToUnicode target of 500,000 characters shown 20,000 times",
            file: "tounicode.pdf",
            bytes: pdf(&objs),
            expect: Expect::Bounded,
        });
    }
    {
        // 30 million operators (q Q), ~60 KB compressed: over the operator budget.
        let content = zlib_repeat(b"", b"q Q ", 15_000_000, b"\n");
        let objs = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>".to_vec(),
            FONT.as_bytes().to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>".to_vec(),
            stream("/Filter /FlateDecode", &content),
        ];
        v.push(Case {
            name: "PDF page with 30 million operators",
            file: "ops.pdf",
            bytes: pdf(&objs),
            expect: Expect::Bounded,
        });
    }
    v.push(Case {
        name: "PDF with a scanned page among text pages",
        file: "scan-page.pdf",
        bytes: pdf_pages(&[
            &text_page(ENGLISH),
            b"q 595 0 0 842 0 0 cm /Im1 Do Q\n",
            &text_page(ENGLISH),
        ]),
        expect: Expect::Warning,
    });
    {
        let mut bad = text_page(ENGLISH);
        bad.extend_from_slice(
            b"BT /F1 12 Tf 72 600 Td <zz> Tj (lost text after the bad token) Tj ET\n",
        );
        v.push(Case {
            name: "PDF page with a malformed token",
            file: "bad-token.pdf",
            bytes: pdf_pages(&[&bad]),
            expect: Expect::Warning,
        });
    }
    {
        let page = b"BT /F9 12 Tf 72 700 Td (Text in a font that is not there) Tj ET\n";
        let mut ok = text_page(ENGLISH);
        ok.extend_from_slice(page);
        v.push(Case {
            name: "PDF showing text in a missing font",
            file: "missing-font.pdf",
            bytes: pdf_pages(&[&ok]),
            expect: Expect::Warning,
        });
    }
    {
        // Cut short: no xref, no trailer, no %%EOF.
        let full = pdf_pages(&[&text_page(ENGLISH), &text_page(ENGLISH)]);
        let cut = full.len() * 3 / 4;
        v.push(Case {
            name: "PDF cut short at 75%",
            file: "cut.pdf",
            bytes: full[..cut].to_vec(),
            expect: Expect::Warning,
        });
    }
    v
}
