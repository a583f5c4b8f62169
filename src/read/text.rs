//! Plain text (one paragraph per line) and simple HTML (wenshu pages) readers.
//!
//! Encodings: UTF-8 with or without BOM, UTF-16 with BOM, and GB18030 (a superset of GBK/GB2312),
//! which is what archives of Chinese .txt files mostly hold. Detection: valid UTF-8 wins; else a
//! clean GB18030 decode; else READ007.

use super::{Budget, Limits, ReadCode, ReadError};
use crate::document::{Document, Format, RawParagraph, ReadWarning, SourcePos};
use std::borrow::Cow;

/// Decode bytes to text, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|_| bad_encoding());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors {
            return Err(bad_encoding());
        }
        return Ok(Cow::Owned(text.into_owned()));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(s));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(bad_encoding());
    }
    Ok(Cow::Owned(text.into_owned()))
}

fn bad_encoding() -> ReadError {
    ReadError::new(
        ReadCode::UnknownEncoding,
        "无法识别文本编码：既不是 UTF-8，也不是 GBK/GB18030；请另存为 UTF-8 后再检查",
    )
}

/// One paragraph per line; CRLF and CR accepted; the source line number is kept.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let limits = Limits::default();
    read_with(bytes, &limits, &Budget::new(&limits))
}

/// [`read`] within a budget.
pub fn read_with(bytes: &[u8], limits: &Limits, budget: &Budget) -> Result<Document, ReadError> {
    let text = decode(bytes)?;
    budget.charge(text.len(), "文本")?;
    let raw = lines_to_paragraphs(&text, limits, budget)?;
    let mut doc = Document::from_paragraphs(Format::Txt, raw);
    doc.warnings.extend(mojibake_warning(&doc.text));
    Ok(doc)
}

/// Lines as paragraphs. Blank lines cost nothing (no paragraph is made for them), so memory is
/// linear in the text, not in the number of line ends; non-blank lines count against the
/// paragraph cap and the decoded-bytes budget.
fn lines_to_paragraphs(
    text: &str,
    limits: &Limits,
    budget: &Budget,
) -> Result<Vec<RawParagraph>, ReadError> {
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if out.len() >= limits.max_paragraphs {
            return Err(too_many_paragraphs(limits));
        }
        budget.charge(line.len() + PARAGRAPH_COST, "文本段落")?;
        let line = line.strip_suffix('\r').unwrap_or(line);
        out.push(RawParagraph::new(
            if line.contains('\r') {
                line.replace('\r', "")
            } else {
                line.to_string()
            },
            SourcePos {
                page: None,
                line: Some(u32::try_from(i + 1).unwrap_or(u32::MAX)),
            },
        ));
    }
    Ok(out)
}

/// Bookkeeping bytes of one paragraph (raw paragraph, paragraph, source mark), charged with its
/// text so a file of a million one-character lines is bounded like a file of long ones.
pub(crate) const PARAGRAPH_COST: usize = 160;

pub(crate) fn too_many_paragraphs(limits: &Limits) -> ReadError {
    ReadError::new(
        ReadCode::TooLarge,
        format!(
            "文件中的段落过多（超过 {} 段的上限），疑似恶意或损坏的文件，已停止读取",
            limits.max_paragraphs
        ),
    )
}

/// Is a character expected in a Chinese court document? CJK ideographs and punctuation, ASCII,
/// full-width forms, common symbols. Anything else in quantity means the text was decoded with
/// the wrong encoding or a font without a usable mapping (mojibake).
pub fn expected_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{7F}'
        | '\u{A0}' | '\u{A5}' | '\u{A7}' | '\u{B0}' | '\u{B1}' | '\u{B7}' | '\u{D7}' | '\u{F7}'
        | '\u{2000}'..='\u{206F}'      // general punctuation (—, …, ‘’“”)
        | '\u{2100}'..='\u{218F}'      // letterlike, Roman numerals (Ⅰ Ⅱ)
        | '\u{2190}'..='\u{21FF}'      // arrows
        | '\u{2200}'..='\u{22FF}'      // math operators
        | '\u{2460}'..='\u{24FF}'      // ①②
        | '\u{2500}'..='\u{257F}'      // box drawing (tables)
        | '\u{25A0}'..='\u{25FF}'      // ■□○●
        | '\u{2600}'..='\u{26FF}'      // ☆★
        | '\u{2E80}'..='\u{2FDF}'      // radicals
        | '\u{3000}'..='\u{303F}'      // CJK punctuation
        | '\u{3040}'..='\u{30FF}'      // kana (in names)
        | '\u{3100}'..='\u{312F}'      // bopomofo
        | '\u{3200}'..='\u{33FF}'      // enclosed CJK, compatibility (㈠ ㎡)
        | '\u{3400}'..='\u{4DBF}'      // CJK ext. A
        | '\u{4E00}'..='\u{9FFF}'      // CJK unified
        | '\u{F900}'..='\u{FAFF}'      // CJK compatibility
        | '\u{FE30}'..='\u{FE4F}'      // CJK compatibility forms
        | '\u{FF00}'..='\u{FFEF}'      // full-width forms
        | '\u{20000}'..='\u{3FFFF}'    // CJK ext. B and beyond
    )
}

/// Share of characters outside [`expected_char`] above which text is called mojibake.
pub const MOJIBAKE_SHARE: f64 = 0.2;

/// Share of unexpected characters among the non-space characters of `text` (`None` when fewer
/// than 20 such characters: too little to judge).
pub fn unexpected_share(text: &str) -> Option<f64> {
    let (mut n, mut bad) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        n += 1;
        if !expected_char(c) {
            bad += 1;
        }
    }
    (n >= 20).then(|| bad as f64 / n as f64)
}

/// A READ012 warning when the whole text looks like mojibake.
pub fn mojibake_warning(text: &str) -> Option<ReadWarning> {
    let share = unexpected_share(text)?;
    (share > MOJIBAKE_SHARE).then(|| {
        ReadWarning::new(
            format!(
                "文字疑似乱码（{:.0}% 的字符不是中文、ASCII 或常用标点），可能是编码或字体无法解码；检查结果不可靠，请核对原文件或另存为 UTF-8/DOCX 后再检查",
                share * 100.0
            ),
            vec![],
        )
    })
}

/// Minimal HTML reader for published judgments: block tags and <br> end paragraphs, other tags are
/// dropped, entities decoded, script/style skipped.
pub fn read_html(bytes: &[u8]) -> Result<Document, ReadError> {
    let limits = Limits::default();
    read_html_with(bytes, &limits, &Budget::new(&limits))
}

/// Position of the first `</name` (ASCII case-insensitive) in `hay`; linear.
fn find_close_tag(hay: &str, name: &str) -> Option<usize> {
    let b = hay.as_bytes();
    let n = name.as_bytes();
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&c| c == b'<') {
        let at = i + k;
        let rest = &b[at + 1..];
        if rest.first() == Some(&b'/')
            && rest.len() > n.len()
            && rest[1..=n.len()].eq_ignore_ascii_case(n)
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// [`read_html`] within a budget. Linear in the input: entities are looked at within their
/// 10-byte window only, and a `<script>`'s end is searched without copying the rest of the file.
pub fn read_html_with(
    bytes: &[u8],
    limits: &Limits,
    budget: &Budget,
) -> Result<Document, ReadError> {
    let html = decode(bytes)?;
    budget.charge(html.len(), "HTML 文本")?;
    let mut out = String::with_capacity(html.len());
    let mut rest: &str = &html;
    while let Some(lt) = rest.find('<') {
        budget.tick()?;
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[..gt].trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        rest = &after[gt + 1..];
        if (name == "script" || name == "style") && !after.starts_with('/') {
            match find_close_tag(rest, &name) {
                Some(i) => rest = &rest[i..],
                None => rest = "",
            }
            continue;
        }
        if matches!(
            name.as_str(),
            "p" | "div" | "br" | "tr" | "li" | "h1" | "h2" | "h3" | "h4" | "title" | "table"
        ) {
            out.push('\n');
        }
    }
    out.push_str(&decode_entities(rest));
    drop(html);
    let mut raw = Vec::new();
    for (i, l) in out.split('\n').enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        if raw.len() >= limits.max_paragraphs {
            return Err(too_many_paragraphs(limits));
        }
        budget.charge(l.len() + PARAGRAPH_COST, "HTML 段落")?;
        raw.push(RawParagraph::new(
            l.split_whitespace().collect::<Vec<_>>().join(" "),
            SourcePos {
                page: None,
                line: Some(u32::try_from(i + 1).unwrap_or(u32::MAX)),
            },
        ));
    }
    let mut doc = Document::from_paragraphs(Format::Html, raw);
    doc.warnings.extend(mojibake_warning(&doc.text));
    Ok(doc)
}

fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        // Only the 10 bytes after `&` can hold an entity: never search further (linear time).
        let end = tail.as_bytes()[..tail.len().min(11)]
            .iter()
            .position(|&b| b == b';');
        let (rep, used) = match end {
            Some(e) => {
                let ent = &tail[1..e];
                let ch = match ent {
                    "nbsp" => Some(' '),
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "ensp" | "emsp" => Some('\u{3000}'),
                    _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                        u32::from_str_radix(&ent[2..], 16)
                            .ok()
                            .and_then(char::from_u32)
                    }
                    _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                    _ => None,
                };
                match ch {
                    Some(c) => (c.to_string(), e + 1),
                    None => ("&".to_string(), 1),
                }
            }
            None => ("&".to_string(), 1),
        };
        out.push_str(&rep);
        rest = &tail[used..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_crlf() {
        let doc = read("\u{feff}民事判决书\r\n\r\n原告：张三\r\n".as_bytes()).unwrap();
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.para_text(0), "民事判决书");
        assert_eq!(doc.para_text(1), "原告：张三");
        assert_eq!(doc.paragraphs[1].pos.line, Some(3));
    }

    #[test]
    fn gbk_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode("四川省绵阳市中级人民法院\n民事判决书\n");
        let doc = read(&bytes).unwrap();
        assert_eq!(doc.para_text(1), "民事判决书");
    }

    #[test]
    fn undecodable_is_read007() {
        let err = read(&[0x81, 0x20, 0xFF, 0xFF, 0x81]).unwrap_err();
        assert_eq!(err.code, ReadCode::UnknownEncoding);
    }

    #[test]
    fn html_paragraphs() {
        let doc = read_html("<html><body><div>民事判决书</div><p>原告&nbsp;张三</p><script>x<y</script><br/>完</body></html>".as_bytes()).unwrap();
        let texts: Vec<_> = (0..doc.paragraphs.len())
            .map(|i| doc.para_text(i))
            .collect();
        assert_eq!(texts, vec!["民事判决书", "原告 张三", "完"]);
        let doc =
            read_html("<p>一</p><SCRIPT>a</b></Script ><p>二&amp;三&#x4E09;&bogus;</p>".as_bytes())
                .unwrap();
        let texts: Vec<_> = (0..doc.paragraphs.len())
            .map(|i| doc.para_text(i))
            .collect();
        assert_eq!(texts, vec!["一", "二&三三&bogus;"]);
    }

    #[test]
    fn blank_lines_cost_no_paragraphs_and_lines_are_kept() {
        let doc = read("\n\n\n第四行\r\n\n第六行".as_bytes()).unwrap();
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.paragraphs[0].pos.line, Some(4));
        assert_eq!(doc.paragraphs[1].pos.line, Some(6));
        let limits = Limits {
            max_paragraphs: 3,
            ..Limits::default()
        };
        let err = read_with(b"a\nb\nc\nd\n", &limits, &Budget::new(&limits)).unwrap_err();
        assert_eq!(err.code, ReadCode::TooLarge);
    }

    #[test]
    fn mojibake_is_named_and_chinese_is_not() {
        let good = "四川省绵阳市中级人民法院民事判决书（2024）川07民终1号，原告张三。";
        assert!(mojibake_warning(good).is_none());
        // GBK bytes read as Latin-1/Windows-1252: the classic mojibake.
        let (gbk, _, _) = encoding_rs::GBK.encode(good);
        let (bad, _, _) = encoding_rs::WINDOWS_1252.decode(&gbk);
        let w = mojibake_warning(&bad).expect("GBK read as Windows-1252");
        assert_eq!(w.code, "READ012");
        let garbled = "ЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгде判决".repeat(2);
        assert!(mojibake_warning(&garbled).is_some());
    }
}
