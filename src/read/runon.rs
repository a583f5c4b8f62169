//! Documents whose whole body arrived as one paragraph (text copied from a web page, a DOCX
//! written as one `w:p` with no breaks): split at the landmarks the structure parser anchors on,
//! so the header, the parties, the ruling items, the tail and the signature are paragraphs again.
//!
//! Only a paragraph that holds a whole document is split: it must contain a ruling trigger
//! (判决如下：/裁定如下：…) and, after it, a judge's signature line. A long reasoning paragraph
//! never has both.

use crate::document::Document;
use regex::Regex;
use std::sync::LazyLock;

/// Shortest paragraph considered (characters): a judgment body is far longer.
const MIN_CHARS: usize = 300;

static RE_TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:判决|裁定|决定)如下\s*[：:]|达成(?:如下|以下)?[^。；]{0,12}协议\s*[：:]")
        .unwrap()
});

/// Signature roles, letter-spaced or not, followed by a name.
static RE_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    const ROLES: &[&str] = &[
        "审判长",
        "代理审判员",
        "审判员",
        "人民陪审员",
        "陪审员",
        "法官助理",
        "见习书记员",
        "代理书记员",
        "书记员",
    ];
    let sp = r"[\s\x{3000}]*";
    let alts: Vec<String> = ROLES
        .iter()
        .map(|r| {
            r.chars()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(sp)
        })
        .collect();
    Regex::new(&format!(
        r"(?:{}){sp}[\x{{3400}}-\x{{9FFF}}]",
        alts.join("|")
    ))
    .unwrap()
});

/// A date in Chinese numerals (二〇二四年十月九日).
static RE_CN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[〇○零Ｏ0OＯ一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日")
        .unwrap()
});

/// Header pieces at the very start: court name, kind line, case number.
static RE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<court>[\x{3400}-\x{9FFF}]{2,30}?(?:人民法院|法院))?(?P<kind>[\x{3400}-\x{9FFF}\s\x{3000}]{0,20}?(?:判[\s\x{3000}]*决[\s\x{3000}]*书|裁[\s\x{3000}]*定[\s\x{3000}]*书|调[\s\x{3000}]*解[\s\x{3000}]*书|决[\s\x{3000}]*定[\s\x{3000}]*书))?(?P<num>[（(〔\[]\s*(?:19|20)\d{2}\s*[）)〕\]][^，。；\s]{1,30}?号)?")
        .unwrap()
});

/// Item labels after a sentence end: 一、 二、 … (the cut goes before the label).
static RE_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[。；;：:]\s*(?P<label>[一二三四五六七八九十]{1,3}、)").unwrap());

/// Byte offsets at which the run-on paragraph `p` should be cut (relative to the paragraph).
fn cuts_in(p: &str) -> Vec<usize> {
    let Some(trigger) = RE_TRIGGER.find(p) else {
        return Vec::new();
    };
    let Some(sig) = RE_SIGNATURE.find_at(p, trigger.end()) else {
        return Vec::new();
    };
    let mut cuts = Vec::new();
    // header: court | kind | case number
    if let Some(c) = RE_HEAD.captures(p) {
        for name in ["court", "kind", "num"] {
            if let Some(m) = c.name(name) {
                cuts.push(m.end());
            }
        }
    }
    // sentences before the signature: after 。 and ；, and after the trigger's colon
    let body = &p[..sig.start()];
    for (i, ch) in body.char_indices() {
        if matches!(ch, '。' | '；') {
            // a closing quote or bracket stays with its sentence
            let mut end = i + ch.len_utf8();
            for c in body[end..].chars() {
                if !matches!(c, '”' | '’' | '）' | ')' | '」' | '』' | '"') {
                    break;
                }
                end += c.len_utf8();
            }
            cuts.push(end);
        }
    }
    cuts.push(trigger.end());
    for c in RE_ITEM.captures_iter(body) {
        if let Some(l) = c.name("label") {
            cuts.push(l.start());
        }
    }
    // the signature block: before every role and around the date
    let mut at = sig.start();
    while let Some(m) = RE_SIGNATURE.find_at(p, at) {
        cuts.push(m.start());
        at = m.end();
    }
    for m in RE_CN_DATE.find_iter(&p[sig.start()..]) {
        cuts.push(sig.start() + m.start());
        cuts.push(sig.start() + m.end());
    }
    cuts.retain(|&c| c > 0 && c < p.len());
    cuts
}

/// Split every paragraph that holds a whole document; other documents are returned as they are.
pub fn split(doc: Document) -> Document {
    let mut cuts = Vec::new();
    for i in 0..doc.paragraphs.len() {
        let t = doc.para_text(i);
        if t.len() < MIN_CHARS * 3 || t.chars().count() < MIN_CHARS {
            continue;
        }
        let start = doc.paragraphs[i].start;
        cuts.extend(cuts_in(t).into_iter().map(|c| start + c));
    }
    if cuts.is_empty() {
        doc
    } else {
        doc.split_at(&cuts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text;

    const LINES: &[&str] = &[
        "四川省某某县人民法院",
        "民 事 判 决 书",
        "（2024）川0799民初12号",
        "原告：张明，男，1980年1月1日出生，汉族，住某县某路1号。",
        "被告：李华，男，1982年2月2日出生，汉族，住某县某路2号。",
        "原告张明与被告李华民间借贷纠纷一案，本院于2024年3月1日立案后，依法适用简易程序公开开庭进行了审理。本案现已审理终结。",
        "张明向本院提出诉讼请求：判令李华偿还借款20,000元。李华辩称，借款属实，但无力偿还。",
        "本院认为，合法的借贷关系受法律保护，李华应当偿还借款。依照《中华人民共和国民法典》第六百七十五条之规定，判决如下：",
        "一、被告李华于本判决生效之日起十日内偿还原告张明借款20,000元；",
        "二、驳回原告张明的其他诉讼请求。",
        "案件受理费300元，减半收取计150元，由被告李华负担。",
        "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省某某市中级人民法院。",
        "审　判　员　　王　芳",
        "二〇二四年五月六日",
        "书　记　员　　赵　敏",
    ];

    #[test]
    fn a_whole_judgment_on_one_line_is_split_at_its_landmarks() {
        let one = LINES.concat();
        let doc = split(text::read(one.as_bytes()).unwrap());
        let got: Vec<&str> = (0..doc.paragraphs.len())
            .map(|i| doc.para_text(i))
            .collect();
        // every original paragraph boundary is found again (sentences may split further)
        for l in LINES {
            assert!(
                got.iter().any(|g| l.starts_with(g)),
                "no paragraph starts the line {l}: {got:#?}"
            );
        }
        assert!(got.contains(&"一、被告李华于本判决生效之日起十日内偿还原告张明借款20,000元；"));
        assert!(got.contains(&"二〇二四年五月六日"));
        // every piece is still located on source line 1
        assert!(doc.paragraphs.iter().all(|p| p.pos.line == Some(1)));
    }

    #[test]
    fn ordinary_documents_and_long_reasoning_are_left_alone() {
        let multi = LINES.join("\n");
        let doc = text::read(multi.as_bytes()).unwrap();
        let n = doc.paragraphs.len();
        assert_eq!(split(doc).paragraphs.len(), n);
        let reasoning = "本院认为，".to_string() + &"双方约定明确，应当按约履行。".repeat(60);
        let doc = text::read(reasoning.as_bytes()).unwrap();
        assert_eq!(split(doc).paragraphs.len(), 1);
    }
}
