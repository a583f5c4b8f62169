//! CJK radical code points → ordinary ideographs.
//!
//! Some PDF producers (notably Chromium/Skia Type 3 fonts, and subset fonts whose `cmap` lists
//! a radical before the ideograph sharing its glyph) map glyphs to the Kangxi Radicals block
//! (U+2F00–U+2FD5) or the CJK Radicals Supplement (U+2E80–U+2EF3): `⼈` instead of `人`,
//! `⺠` instead of `民`. They look identical but break every text search, so we map them back.
//!
//! A Kangxi radical's compatibility decomposition is the traditional form (`⼾` → `戶`, `⿈` →
//! `黃`). In a simplified-Chinese document the glyph stood for the simplified character (`户`,
//! `黄`), or `个体工商户`, `户籍` would no longer match: the PDF reader keeps radicals as they
//! are while decoding, decides the document's script from its whole text ([`is_simplified`]),
//! and then maps every radical with [`unradical_in`].

/// Kangxi radicals 1–214 (U+2F00–U+2FD5) in order: their compatibility decompositions, except
/// U+2FAD, given as the common `青` rather than the rare `靑`.
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨青非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// CJK Radicals Supplement (U+2E80–U+2EF3): the ideograph each radical stands for
/// (after Unicode's EquivalentUnifiedIdeograph data), by offset from U+2E80.
const SUPPLEMENT: &[(u8, char)] = &[
    (0x01, '厂'),
    (0x02, '乚'),
    (0x03, '乚'),
    (0x04, '乙'),
    (0x05, '亻'),
    (0x06, '冂'),
    (0x07, '几'),
    (0x09, '刂'),
    (0x0A, '卜'),
    (0x0B, '㔾'),
    (0x0C, '小'),
    (0x0D, '小'),
    (0x0E, '兀'),
    (0x0F, '尣'),
    (0x10, '尢'),
    (0x12, '巳'),
    (0x13, '幺'),
    (0x14, '彑'),
    (0x15, '彐'),
    (0x16, '忄'),
    (0x17, '㣺'),
    (0x18, '扌'),
    (0x19, '攵'),
    (0x1B, '旡'),
    (0x1C, '日'),
    (0x1D, '月'),
    (0x1E, '歺'),
    (0x1F, '母'),
    (0x20, '民'),
    (0x21, '氵'),
    (0x22, '氺'),
    (0x23, '灬'),
    (0x24, '爫'),
    (0x25, '爫'),
    (0x26, '丬'),
    (0x27, '牛'),
    (0x28, '犭'),
    (0x29, '王'),
    (0x2A, '疋'),
    (0x2B, '罒'),
    (0x2C, '示'),
    (0x2D, '礻'),
    (0x2E, '竹'),
    (0x2F, '糸'),
    (0x30, '纟'),
    (0x31, '罓'),
    (0x32, '罒'),
    (0x33, '罒'),
    (0x34, '罒'),
    (0x35, '罒'),
    (0x36, '羊'),
    (0x37, '羊'),
    (0x38, '羊'),
    (0x39, '耂'),
    (0x3A, '肀'),
    (0x3B, '聿'),
    (0x3C, '月'),
    (0x3D, '臼'),
    (0x3E, '艹'),
    (0x3F, '艹'),
    (0x40, '艹'),
    (0x41, '虎'),
    (0x42, '衤'),
    (0x43, '覀'),
    (0x44, '西'),
    (0x45, '见'),
    (0x46, '角'),
    (0x47, '角'),
    (0x48, '讠'),
    (0x49, '贝'),
    (0x4A, '足'),
    (0x4B, '车'),
    (0x4C, '辶'),
    (0x4D, '辶'),
    (0x4E, '辶'),
    (0x4F, '阝'),
    (0x50, '钅'),
    (0x51, '長'),
    (0x52, '镸'),
    (0x53, '长'),
    (0x54, '门'),
    (0x55, '阜'),
    (0x56, '阝'),
    (0x57, '雨'),
    (0x58, '青'),
    (0x59, '韦'),
    (0x5A, '页'),
    (0x5B, '风'),
    (0x5C, '飞'),
    (0x5D, '食'),
    (0x5F, '飠'),
    (0x60, '饣'),
    (0x61, '首'),
    (0x62, '马'),
    (0x63, '骨'),
    (0x64, '鬼'),
    (0x65, '鱼'),
    (0x66, '鸟'),
    (0x67, '卤'),
    (0x68, '麦'),
    (0x69, '黄'),
    (0x6A, '黾'),
    (0x6B, '斉'),
    (0x6C, '齐'),
    (0x6D, '歯'),
    (0x6E, '齿'),
    (0x6F, '竜'),
    (0x70, '龙'),
    (0x71, '龜'),
    (0x72, '亀'),
    (0x73, '龟'),
];

/// The ordinary ideograph for a radical code point; any other character is returned unchanged.
pub fn unradical(c: char) -> char {
    let v = c as u32;
    match v {
        0x2F00..=0x2FD5 => KANGXI.chars().nth((v - 0x2F00) as usize).unwrap_or(c),
        0x2E80..=0x2EF3 => {
            let off = (v - 0x2E80) as u8;
            SUPPLEMENT
                .binary_search_by_key(&off, |(o, _)| *o)
                .ok()
                .and_then(|i| SUPPLEMENT.get(i))
                .map_or(c, |(_, m)| *m)
        }
        _ => c,
    }
}

/// Traditional (or Japanese) forms that radicals map to, and the simplified character a
/// simplified-Chinese document means by them.
const SIMPLIFIED: &[(char, char)] = &[
    ('亀', '龟'),
    ('戶', '户'),
    ('斉', '齐'),
    ('歯', '齿'),
    ('竜', '龙'),
    ('見', '见'),
    ('貝', '贝'),
    ('車', '车'),
    ('長', '长'),
    ('門', '门'),
    ('韋', '韦'),
    ('頁', '页'),
    ('風', '风'),
    ('飛', '飞'),
    ('馬', '马'),
    ('魚', '鱼'),
    ('鳥', '鸟'),
    ('鹵', '卤'),
    ('麥', '麦'),
    ('黃', '黄'),
    ('黽', '黾'),
    ('齊', '齐'),
    ('齒', '齿'),
    ('龍', '龙'),
    ('龜', '龟'),
    ('鬥', '斗'),
];

/// [`unradical`], choosing the simplified character where the radical's ideograph has one and
/// the document is simplified Chinese.
pub fn unradical_in(c: char, simplified: bool) -> char {
    let m = unradical(c);
    if simplified && m != c {
        if let Some((_, s)) = SIMPLIFIED.iter().find(|(t, _)| *t == m) {
            return *s;
        }
    }
    m
}

/// Common characters written differently in simplified and traditional Chinese (simplified,
/// traditional): enough of them occur in any court document to tell its script.
const SCRIPT_PAIRS: &[(char, char)] = &[
    ('们', '們'),
    ('这', '這'),
    ('国', '國'),
    ('说', '說'),
    ('为', '為'),
    ('时', '時'),
    ('会', '會'),
    ('书', '書'),
    ('决', '決'),
    ('诉', '訴'),
    ('务', '務'),
    ('应', '應'),
    ('当', '當'),
    ('发', '發'),
    ('对', '對'),
    ('与', '與'),
    ('无', '無'),
    ('条', '條'),
    ('处', '處'),
    ('执', '執'),
    ('认', '認'),
    ('经', '經'),
    ('县', '縣'),
    ('区', '區'),
    ('审', '審'),
    ('请', '請'),
    ('负', '負'),
    ('费', '費'),
    ('记', '記'),
    ('员', '員'),
    ('华', '華'),
    ('东', '東'),
    ('义', '義'),
    ('权', '權'),
    ('额', '額'),
    ('责', '責'),
    ('关', '關'),
    ('系', '係'),
    ('贷', '貸'),
    ('还', '還'),
    ('给', '給'),
    ('业', '業'),
    ('证', '證'),
    ('据', '據'),
    ('议', '議'),
    ('将', '將'),
    ('进', '進'),
    ('讼', '訟'),
    ('题', '題'),
    ('实', '實'),
    ('从', '從'),
    ('号', '號'),
    ('银', '銀'),
    ('钱', '錢'),
];

/// Is this text simplified Chinese? Counts characters that exist in only one of the scripts;
/// a tie (or no such character) counts as simplified, the script of the courts this tool serves.
pub fn is_simplified<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut simp, mut trad) = (0usize, 0usize);
    for t in texts {
        for c in t.chars() {
            if (c as u32) < 0x4E00 {
                continue;
            }
            for (s, tr) in SCRIPT_PAIRS {
                if c == *s {
                    simp += 1;
                } else if c == *tr {
                    trad += 1;
                }
            }
        }
    }
    simp >= trad
}

/// Map every radical in `s` for a document of the given script. Every radical and every
/// ideograph it maps to is 3 bytes in UTF-8, so byte offsets into `s` stay valid.
pub fn unradical_str_in(s: &mut String, simplified: bool) {
    if s.chars().any(is_radical) {
        *s = s
            .chars()
            .map(|c| {
                let m = unradical_in(c, simplified);
                if m.len_utf8() == c.len_utf8() {
                    m
                } else {
                    c
                }
            })
            .collect();
    }
}

/// True if `c` is in one of the radical blocks (cheap pre-check).
pub fn is_radical(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2EF3 | 0x2F00..=0x2FD5)
}

/// Map every radical in `s` in place (allocates only when something changes).
pub fn unradical_str(s: &mut String) {
    if s.chars().any(is_radical) {
        *s = s.chars().map(unradical).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kangxi_table_is_complete() {
        assert_eq!(KANGXI.chars().count(), 214);
        assert_eq!(unradical('\u{2F00}'), '一');
        assert_eq!(unradical('\u{2F08}'), '人');
        assert_eq!(unradical('\u{2FD5}'), '龠');
        assert_eq!(unradical('\u{2FA6}'), '金');
    }

    #[test]
    fn supplement() {
        assert!(SUPPLEMENT.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(unradical('\u{2EA0}'), '民');
        assert_eq!(unradical('\u{2ED4}'), '门');
        assert_eq!(unradical('\u{2EE9}'), '黄');
        assert_eq!(unradical('\u{2EC5}'), '见');
        assert_eq!(unradical('\u{2ED3}'), '长');
        assert_eq!(unradical('\u{2E80}'), '\u{2E80}');
        assert_eq!(unradical('人'), '人');
        let mut s = String::from("⼈⺠法院");
        unradical_str(&mut s);
        assert_eq!(s, "人民法院");
    }

    #[test]
    fn simplified_documents_get_simplified_characters() {
        // ⼾ (U+2F3E) decomposes to the traditional 戶; a simplified document means 户
        assert_eq!(unradical('\u{2F3E}'), '戶');
        assert_eq!(unradical_in('\u{2F3E}', true), '户');
        assert_eq!(unradical_in('\u{2F3E}', false), '戶');
        assert_eq!(unradical_in('\u{2FC8}', true), '黄');
        assert_eq!(unradical_in('\u{2FA8}', true), '门');
        assert_eq!(unradical_in('\u{2ED1}', true), '长'); // supplement 長
        assert_eq!(unradical_in('\u{2EF1}', true), '龟'); // supplement 龜
                                                          // radicals without a simplified form, and ordinary characters, are unchanged by script
        assert_eq!(unradical_in('\u{2F08}', true), '人');
        assert_eq!(unradical_in('戶', true), '戶');
        // every simplified target is one character of the same UTF-8 length
        for (t, s) in SIMPLIFIED {
            assert_eq!(t.len_utf8(), s.len_utf8());
        }
        let mut s = String::from("个体工商⼾，⼾籍所在地");
        unradical_str_in(&mut s, true);
        assert_eq!(s, "个体工商户，户籍所在地");
    }

    #[test]
    fn script_detection() {
        assert!(is_simplified([
            "四川省绵阳市人民法院民事判决书",
            "本院认为，双方当事人之间的借贷关系"
        ]));
        assert!(!is_simplified([
            "臺灣高等法院民事判決書",
            "本院認為，兩造間之借貸關係，請求為無理由"
        ]));
        assert!(is_simplified(["一二三"])); // nothing to tell by: simplified
    }
}
