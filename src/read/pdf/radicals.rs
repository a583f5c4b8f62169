//! CJK radical code points → ordinary ideographs.
//!
//! Some PDF producers (notably Chromium/Skia Type 3 fonts, and subset fonts whose `cmap` lists
//! a radical before the ideograph sharing its glyph) map glyphs to the Kangxi Radicals block
//! (U+2F00–U+2FD5) or the CJK Radicals Supplement (U+2E80–U+2EF3): `⼈` instead of `人`,
//! `⺠` instead of `民`. They look identical but break every text search, so we map them back.

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
}
