//! From positioned glyphs to lines and paragraphs.
//!
//! 1. Lines: glyphs grouped by baseline (tolerance relative to font size), lines top to bottom,
//!    glyphs left to right; a space only where the gap is large and not between CJK characters
//!    (or CJK and digits) — justified CJK text's wide spacing is not a space.
//! 2. Running headers/footers (page numbers, lines repeated at the same place on most pages)
//!    are dropped from the body.
//! 3. Paragraphs: a line that runs to the right margin (or whose next line's first word would
//!    not have fitted) continues into the next line; indents, centred or right-set lines,
//!    larger vertical gaps, font-size changes and short lines end paragraphs.

use super::interp::PageText;
use crate::document::{RawParagraph, SourcePos};
use std::collections::HashMap;

/// One visual line.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based page.
    pub page: u32,
    /// 1-based line on the page, counting every text line top to bottom.
    pub line_no: u32,
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    /// Dominant font size.
    pub size: f32,
    /// Width of the first "word" (first CJK character with trailing closing punctuation, or
    /// the first run of non-CJK characters): decides whether it would have fitted on the
    /// previous line.
    pub first_word: f32,
}

/// CJK ideographs, kana, hangul, CJK and full-width punctuation, and the typographic
/// punctuation used with them: between two of these a space is never inserted.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x31FF    // bopomofo etc.
        | 0x3200..=0x4DBF    // enclosed, compatibility, ext. A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF    // hangul
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF  // ext. B and later
        | 0x2010..=0x2027    // dashes, quotes, ellipsis
        | 0x00B7 | 0x00D7 | 0x2030..=0x203B
    )
}

/// Whether a gap of `gap` (device units) between `a` and `b` at font size `size` is a space.
pub fn needs_space(a: char, b: char, gap: f32, size: f32) -> bool {
    let (ca, cb) = (is_cjk(a), is_cjk(b));
    if (ca && (cb || b.is_ascii_digit())) || (a.is_ascii_digit() && cb) {
        return false;
    }
    let threshold = if ca || cb { 0.6 } else { 0.2 };
    gap > threshold * size
}

/// Closing punctuation that line breaking keeps with the character before it.
fn is_closing(c: char) -> bool {
    "，。、；：？！）》」』】〕”’,.;:?!)%".contains(c)
}

/// Group a page's glyphs into lines, top to bottom.
pub fn page_lines(page: &PageText, page_no: u32) -> Vec<Line> {
    let gl = &page.glyphs;
    if gl.is_empty() {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..gl.len()).collect();
    order.sort_by(|&a, &b| {
        gl[b]
            .y
            .total_cmp(&gl[a].y)
            .then(gl[a].x0.total_cmp(&gl[b].x0))
    });
    // Cluster by baseline.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut ref_y = f32::NAN;
    let mut ref_size = 0f32;
    for &i in &order {
        let g = &gl[i];
        let tol = 0.35 * g.size.max(ref_size).max(0.1);
        if groups.is_empty() || (ref_y - g.y).abs() > tol {
            groups.push(Vec::new());
            ref_y = g.y;
            ref_size = g.size;
        }
        if let Some(last) = groups.last_mut() {
            last.push(i);
        }
        ref_size = ref_size.max(g.size);
    }
    let mut lines = Vec::with_capacity(groups.len());
    for mut idx in groups {
        idx.sort_by(|&a, &b| gl[a].x0.total_cmp(&gl[b].x0));
        if let Some(line) = build_line(page, &idx, page_no) {
            lines.push(line);
        }
    }
    for (k, l) in lines.iter_mut().enumerate() {
        l.line_no = k as u32 + 1;
    }
    lines
}

fn build_line(page: &PageText, idx: &[usize], page_no: u32) -> Option<Line> {
    let gl = &page.glyphs;
    let mut text = String::new();
    let mut sizes: Vec<f32> = Vec::with_capacity(idx.len());
    let mut prev: Option<usize> = None;
    let mut x0 = f32::INFINITY;
    let mut x1 = f32::NEG_INFINITY;
    let mut y_sum = 0f64;
    let mut first_word: Option<f32> = None;
    let mut word_open = true;
    for &i in idx {
        let g = &gl[i];
        let t = page.glyph_text(g);
        let Some(first_char) = t.chars().next() else {
            continue;
        };
        if let Some(p) = prev {
            let pg = &gl[p];
            let pt = page.glyph_text(pg);
            // Overprinted duplicates (fake bold, shadows).
            if pt == t && (g.x0 - pg.x0).abs() < 0.15 * g.size {
                continue;
            }
            let last_char = text.chars().next_back().unwrap_or(' ');
            let gap = g.x0 - pg.x1;
            if needs_space(last_char, first_char, gap, g.size.max(pg.size)) {
                text.push(' ');
                if first_word.is_none() {
                    first_word = Some(pg.x1 - x0);
                }
                word_open = false;
            }
            if word_open && first_word.is_none() {
                let starts_cjk = text.chars().next().is_some_and(is_cjk);
                let continues = if starts_cjk {
                    is_closing(first_char)
                } else {
                    !is_cjk(first_char) || is_closing(first_char)
                };
                if !continues {
                    first_word = Some(pg.x1 - x0);
                    word_open = false;
                }
            }
        }
        text.push_str(t);
        sizes.push(g.size);
        x0 = x0.min(g.x0);
        x1 = x1.max(g.x1);
        y_sum += g.y as f64;
        prev = Some(i);
    }
    if text.trim().is_empty() {
        return None;
    }
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0);
    Some(Line {
        page: page_no,
        line_no: 0,
        text,
        x0,
        x1,
        y: (y_sum / sizes.len().max(1) as f64) as f32,
        size,
        first_word: first_word.unwrap_or(x1 - x0),
    })
}

/// Page-number lines: "— 2 —", "- 2 -", "第2页 共5页", "第 2 页", "2", "2/5", "Page 2 of 5".
pub fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    let dashes = |c: char| "-—–－‒―_·•~〜".contains(c);
    let core = t.trim_matches(dashes);
    let is_num = |s: &str| {
        !s.is_empty()
            && s.chars().count() <= 6
            && (s.chars().all(|c| c.is_ascii_digit())
                || s.chars().all(|c| "一二三四五六七八九十百零〇".contains(c))
                || s.chars()
                    .all(|c| matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X')))
    };
    if is_num(core) {
        return true;
    }
    // 第N页, 第N页共M页, 共M页第N页, 第N页/共M页
    let mut s = core.replace(['/', '，', ',', '、'], "");
    for (open, close) in [("第", "页"), ("共", "页")] {
        while let Some(a) = s.find(open) {
            let rest = &s[a + open.len()..];
            let Some(b) = rest.find(close) else {
                return false;
            };
            if !is_num(&rest[..b]) {
                return false;
            }
            s = format!("{}{}", &s[..a], &rest[b + close.len()..]);
        }
    }
    if s.is_empty() {
        return true;
    }
    // N/M
    if let Some((a, b)) = core.split_once('/') {
        return is_num(a) && is_num(b);
    }
    let lower = core.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        let rest = rest.replace("of", "/");
        return rest.split('/').all(is_num);
    }
    false
}

/// Mark running headers and footers: returns, per page, which lines are body lines.
fn body_mask(pages: &[(Vec<Line>, [f32; 4])]) -> Vec<Vec<bool>> {
    let npages = pages.len();
    let mut repeats: HashMap<(String, i32), usize> = HashMap::new();
    let key = |l: &Line| {
        let t: String = l
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        (t, (l.y / 6.0).round() as i32)
    };
    let in_band = |l: &Line, b: &[f32; 4]| {
        let h = (b[3] - b[1]).max(1.0);
        l.y > b[3] - 0.14 * h || l.y < b[1] + 0.14 * h
    };
    let candidates = |lines: &Vec<Line>| -> Vec<usize> {
        let n = lines.len();
        let mut c: Vec<usize> = (0..n.min(2)).collect();
        c.extend(n.saturating_sub(2).max(n.min(2))..n);
        c
    };
    if npages >= 3 {
        for (lines, b) in pages {
            let mut seen = std::collections::HashSet::new();
            for i in candidates(lines) {
                let l = &lines[i];
                if in_band(l, b) && seen.insert(key(l)) {
                    *repeats.entry(key(l)).or_default() += 1;
                }
            }
        }
    }
    let min_repeat = npages.div_ceil(2).max(3);
    pages
        .iter()
        .map(|(lines, b)| {
            let mut mask = vec![true; lines.len()];
            for i in candidates(lines) {
                let l = &lines[i];
                if !in_band(l, b) {
                    continue;
                }
                let repeated = repeats.get(&key(l)).is_some_and(|&n| n >= min_repeat);
                if is_page_number(&l.text) || repeated {
                    mask[i] = false;
                }
            }
            mask
        })
        .collect()
}

#[derive(Debug, Clone, Copy)]
struct Margins {
    left: f32,
    right: f32,
}

fn percentile(v: &mut [f32], p: f32) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    let i = ((v.len() - 1) as f32 * p).round() as usize;
    v.get(i).copied()
}

/// Per-page margins from line extents, falling back to document-wide values on sparse pages.
fn margins(pages: &[Vec<&Line>]) -> Vec<Margins> {
    const MIN_LINES: usize = 8;
    let page_m: Vec<Option<Margins>> = pages
        .iter()
        .map(|lines| {
            if lines.is_empty() {
                return None;
            }
            let mut x1: Vec<f32> = lines.iter().map(|l| l.x1).collect();
            let left = lines.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min);
            let right = percentile(&mut x1, 0.9)?;
            Some(Margins { left, right })
        })
        .collect();
    let mut lefts: Vec<f32> = Vec::new();
    let mut rights: Vec<f32> = Vec::new();
    for (m, lines) in page_m.iter().zip(pages) {
        if let (Some(m), true) = (m, lines.len() >= MIN_LINES) {
            lefts.push(m.left);
            rights.push(m.right);
        }
    }
    if lefts.is_empty() {
        for m in page_m.iter().flatten() {
            lefts.push(m.left);
            rights.push(m.right);
        }
    }
    let doc = Margins {
        left: percentile(&mut lefts, 0.5).unwrap_or(0.0),
        right: percentile(&mut rights, 0.5).unwrap_or(0.0),
    };
    page_m
        .iter()
        .zip(pages)
        .map(|(m, lines)| match m {
            Some(m) if lines.len() >= MIN_LINES => *m,
            Some(m) => Margins {
                left: m.left.min(doc.left),
                right: m.right.max(doc.right),
            },
            None => doc,
        })
        .collect()
}

/// Typical baseline distance between consecutive lines of a page.
fn line_pitch(lines: &[&Line]) -> Option<f32> {
    let mut d: Vec<f32> = lines
        .windows(2)
        .filter(|w| (w[0].size - w[1].size).abs() < 0.2 * w[0].size)
        .map(|w| w[0].y - w[1].y)
        .filter(|&d| d > 0.0)
        .collect();
    percentile(&mut d, 0.5)
}

/// Whether a line stands alone: centred, or set far to the right (dates, signatures).
fn detached(l: &Line, m: &Margins) -> bool {
    let em = l.size.max(1.0);
    let width = (m.right - m.left).max(em);
    let centred = l.x0 > m.left + 2.5 * em
        && l.x1 < m.right - 2.5 * em
        && ((l.x0 + l.x1) / 2.0 - (m.left + m.right) / 2.0).abs() < 1.5 * em;
    centred || l.x0 > m.left + 0.35 * width
}

/// Assemble paragraphs from all pages' lines (page order, top to bottom).
pub fn paragraphs(pages: Vec<(Vec<Line>, [f32; 4])>) -> Vec<RawParagraph> {
    let mask = body_mask(&pages);
    let body: Vec<Vec<&Line>> = pages
        .iter()
        .zip(&mask)
        .map(|((lines, _), m)| {
            lines
                .iter()
                .zip(m)
                .filter(|(_, &keep)| keep)
                .map(|(l, _)| l)
                .collect()
        })
        .collect();
    let margins = margins(&body);
    let pitches: Vec<Option<f32>> = body.iter().map(|ls| line_pitch(ls)).collect();

    let mut out: Vec<RawParagraph> = Vec::new();
    let mut prev: Option<(&Line, usize)> = None;
    for (pi, lines) in body.iter().enumerate() {
        let m = margins[pi];
        for &line in lines {
            let pos = SourcePos {
                page: Some(line.page),
                line: Some(line.line_no),
            };
            let join = match prev {
                None => false,
                Some((a, api)) => continues(a, &margins[api], line, &m, api == pi, pitches[pi]),
            };
            match (join, out.last_mut()) {
                (true, Some(p)) => {
                    let a_last = p.text.chars().next_back().unwrap_or(' ');
                    let b_first = line.text.chars().next().unwrap_or(' ');
                    if a_last.is_ascii_alphabetic()
                        && b_first.is_ascii_alphabetic()
                        && !p.text.chars().any(is_cjk)
                    {
                        p.text.push(' ');
                    }
                    p.breaks.push((p.text.len(), pos));
                    p.text.push_str(&line.text);
                }
                _ => out.push(RawParagraph::new(line.text.clone(), pos)),
            }
            prev = Some((line, pi));
        }
    }
    out
}

/// Whether line `b` continues the paragraph of line `a`.
fn continues(
    a: &Line,
    ma: &Margins,
    b: &Line,
    mb: &Margins,
    same_page: bool,
    pitch: Option<f32>,
) -> bool {
    let em_a = a.size.max(1.0);
    let em_b = b.size.max(1.0);
    if em_a.max(em_b) / em_a.min(em_b) > 1.25 {
        return false;
    }
    if detached(a, ma) || detached(b, mb) {
        return false;
    }
    // First-line indent.
    if b.x0 > mb.left + 0.8 * em_b {
        return false;
    }
    if same_page {
        let dy = a.y - b.y;
        if dy <= 0.0 {
            return false;
        }
        if let Some(p) = pitch {
            if dy > 1.5 * p && dy > 1.2 * em_b {
                return false;
            }
        }
    }
    // `a` must run to the right margin, or the first word of `b` must not have fitted.
    let room = ma.right - a.x1;
    room < b.first_word + 0.3 * em_b || room < 0.5 * em_a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pdf::interp::Glyph;

    #[test]
    fn space_rule() {
        // Never between CJK, nor CJK and digits, however wide the gap.
        assert!(!needs_space('人', '民', 8.0, 12.0));
        assert!(!needs_space('川', '0', 8.0, 12.0));
        assert!(!needs_space('7', '民', 8.0, 12.0));
        assert!(!needs_space('，', 'A', 3.0, 12.0));
        // Latin words with a real gap get one; touching letters do not.
        assert!(needs_space('a', 'b', 3.0, 12.0));
        assert!(!needs_space('a', 'b', 0.5, 12.0));
        assert!(!needs_space('1', '2', 1.0, 12.0));
        // CJK next to Latin letters: only a very wide gap.
        assert!(!needs_space('院', 'A', 3.0, 12.0));
        assert!(needs_space('院', 'A', 9.0, 12.0));
    }

    #[test]
    fn page_numbers() {
        for t in [
            "— 2 —",
            "- 2 -",
            "—2—",
            "第2页 共5页",
            "第 2 页",
            "共5页第2页",
            "2",
            "2/5",
            "Page 2 of 5",
            "第2页/共5页",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in [
            "第二条",
            "2022年",
            "本院认为",
            "第2条",
            "（2022）川07民初1234号",
            "",
        ] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    fn page_of(chars: &[(&str, f32, f32)], size: f32) -> PageText {
        let mut p = PageText {
            media_box: [0.0, 0.0, 595.0, 842.0],
            ..PageText::default()
        };
        for (t, x, y) in chars {
            let start = p.text.len() as u32;
            p.text.push_str(t);
            p.glyphs.push(Glyph {
                x0: *x,
                x1: *x + size,
                y: *y,
                size,
                start,
                end: p.text.len() as u32,
            });
        }
        p
    }

    #[test]
    fn lines_and_justified_cjk() {
        // Two lines, given bottom line first; justified spacing (gaps of 4pt) between CJK.
        let p = page_of(
            &[
                ("判", 100.0, 700.0),
                ("决", 116.0, 700.0),
                ("本", 100.0, 720.0),
                ("院", 120.0, 720.5),
                ("A", 133.0, 720.0),
            ],
            12.0,
        );
        let lines = page_lines(&p, 1);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "本院A");
        assert_eq!(lines[1].text, "判决");
        assert_eq!(lines[0].line_no, 1);
    }
}
