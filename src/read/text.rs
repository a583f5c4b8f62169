//! Plain text (one paragraph per line) and simple HTML (wenshu pages) readers.
//!
//! Encodings: UTF-8 with or without BOM, UTF-16 with BOM, and GB18030 (a superset of GBK/GB2312),
//! which is what archives of Chinese .txt files mostly hold. Detection: valid UTF-8 wins; else a
//! clean GB18030 decode; else READ007.

use super::{ReadCode, ReadError};
use crate::document::{Document, Format, RawParagraph, SourcePos};
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
    let text = decode(bytes)?;
    Ok(Document::from_paragraphs(
        Format::Txt,
        lines_to_paragraphs(&text),
    ))
}

fn lines_to_paragraphs(text: &str) -> Vec<RawParagraph> {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            RawParagraph::new(
                line.replace('\r', ""),
                SourcePos {
                    page: None,
                    line: Some(i as u32 + 1),
                },
            )
        })
        .collect()
}

/// Minimal HTML reader for published judgments: block tags and <br> end paragraphs, other tags are
/// dropped, entities decoded, script/style skipped.
pub fn read_html(bytes: &[u8]) -> Result<Document, ReadError> {
    let html = decode(bytes)?;
    let mut out = String::with_capacity(html.len());
    let mut rest: &str = &html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[..gt].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        rest = &after[gt + 1..];
        if (name == "script" || name == "style") && !after.starts_with('/') {
            let close = format!("</{name}");
            match rest.to_ascii_lowercase().find(&close) {
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
    let paragraphs = out
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>();
    let raw = paragraphs
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            RawParagraph::new(
                t,
                SourcePos {
                    page: None,
                    line: Some(i as u32 + 1),
                },
            )
        })
        .collect();
    Ok(Document::from_paragraphs(Format::Html, raw))
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
        let end = tail.find(';').filter(|&e| e <= 10);
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
    }
}
