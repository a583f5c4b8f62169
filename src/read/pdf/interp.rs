//! A content-stream interpreter that only cares about text: it tracks the graphics and text
//! state (CTM, Tm/Tlm, Tc/Tw/Tz/TL/Ts, Tf) and emits every shown glyph with its device-space
//! baseline, horizontal extent and font size. Form XObjects are followed with a depth limit and
//! a cycle guard; images are only counted.

use super::fonts::Font;
use super::objects::{as_number, get, name_of, number_array, resolve, stream_bytes};
use crate::read::Budget;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Deepest Form XObject nesting we follow.
const MAX_FORM_DEPTH: usize = 12;
/// Most Form XObject invocations per page (guards against exponential fan-out).
const MAX_FORMS_PER_PAGE: usize = 4096;
/// Largest decoded content stream we interpret.
const MAX_CONTENT: usize = 64 << 20;

/// One shown glyph in device space (PDF default user space, y up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Left and right edge of the glyph's advance.
    pub x0: f32,
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    /// Effective font size (text-space size × vertical scale of Tm × CTM).
    pub size: f32,
    /// Byte range of the glyph's text in [`PageText::text`].
    pub start: u32,
    pub end: u32,
}

/// Everything the layout step needs from one page.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    pub glyphs: Vec<Glyph>,
    /// Storage for glyph texts.
    pub text: String,
    /// MediaBox `[x0 y0 x1 y1]`.
    pub media_box: [f32; 4],
    /// Image XObjects and inline images painted.
    pub images: usize,
    /// What could not be read on this page.
    pub issues: PageIssues,
}

/// Things on a page that were not read; each becomes a READ012 warning naming the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageIssues {
    /// The page's content stream is missing, cut short or fails to decompress.
    pub content_unreadable: bool,
    /// The content stream stops parsing before its end (a malformed token: the rest is lost).
    pub bad_token: bool,
    /// Text is shown with a font that is missing from the resources or the file.
    pub missing_font: bool,
    /// Text is shown with a font we can't decode (no ToUnicode, no known encoding).
    pub undecodable_font: bool,
}

impl PageText {
    /// The text of one glyph.
    pub fn glyph_text(&self, g: &Glyph) -> &str {
        self.text
            .get(g.start as usize..g.end as usize)
            .unwrap_or("")
    }
}

/// Fonts decoded once per document, by object id.
#[derive(Default)]
pub struct FontCache {
    by_id: HashMap<ObjectId, Option<Rc<Font>>>,
    fallback: Option<Rc<Font>>,
    /// Fonts loaded (inline dictionaries included), against [`MAX_FONTS`].
    loaded: usize,
    /// Form XObjects run in the whole document, against [`MAX_FORMS_PER_DOC`].
    forms_run: usize,
}

/// Largest content stream re-parsed strictly to find a malformed token.
const STRICT_CHECK_MAX: usize = 4 << 20;

/// Bytes charged per glyph besides its text: the glyph record, its growth slack and its share
/// of the layout's line structures.
const GLYPH_COST: usize = 64;

/// Most fonts decoded per document (each may inflate an embedded font program).
const MAX_FONTS: usize = 2000;
/// Most Form XObject invocations per document.
const MAX_FORMS_PER_DOC: usize = 50_000;

impl FontCache {
    /// The font of a resource entry; `None` when the font object is missing (dangling
    /// reference, not a dictionary) or over the per-document font count.
    fn get(&mut self, doc: &Document, obj: &Object) -> Option<Rc<Font>> {
        match obj {
            Object::Reference(id) => {
                if let Some(f) = self.by_id.get(id) {
                    return f.clone();
                }
                let font = match resolve(doc, obj).and_then(|o| o.as_dict().ok()) {
                    Some(d) if self.loaded < MAX_FONTS => {
                        self.loaded += 1;
                        Some(Rc::new(Font::load(doc, d)))
                    }
                    _ => None,
                };
                self.by_id.insert(*id, font.clone());
                font
            }
            Object::Dictionary(d) if self.loaded < MAX_FONTS => {
                self.loaded += 1;
                Some(Rc::new(Font::load(doc, d)))
            }
            _ => None,
        }
    }

    fn fallback(&mut self) -> Rc<Font> {
        self.fallback
            .get_or_insert_with(|| Rc::new(Font::fallback()))
            .clone()
    }
}

/// A 2-D affine matrix `[a b c d e f]`.
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m1 × m2` (apply m1 first, then m2), as in the PDF specification.
fn mul(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
    rise: f32,
    /// The font set by `Tf`: `None` before any `Tf`, `Some(None)` for a missing font.
    font: Option<Option<Rc<Font>>>,
    size: f32,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: IDENTITY,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            font: None,
            size: 0.0,
        }
    }
}

/// Interprets the content streams of a page.
struct Interp<'a> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    budget: &'a Budget,
    out: PageText,
    forms_run: usize,
    form_stack: Vec<ObjectId>,
}

/// Extract the glyphs of one page within the document's budget (operators, decoded bytes,
/// time); when the budget is spent the page stops where it is and the caller reports it.
pub fn page_text(
    doc: &Document,
    page_id: ObjectId,
    fonts: &mut FontCache,
    budget: &Budget,
) -> PageText {
    let mut it = Interp {
        doc,
        fonts,
        budget,
        out: PageText {
            media_box: media_box(doc, page_id),
            ..PageText::default()
        },
        forms_run: 0,
        form_stack: Vec::new(),
    };
    let mut resources: Vec<&Dictionary> = Vec::new();
    if let Ok((direct, ids)) = doc.get_page_resources(page_id) {
        resources.extend(direct);
        for id in ids {
            if let Ok(d) = doc.get_dictionary(id) {
                resources.push(d);
            }
        }
    }
    let limit = MAX_CONTENT.min(budget.decoded_left());
    let has_contents = doc
        .get_dictionary(page_id)
        .is_ok_and(|d| d.get(b"Contents").is_ok());
    match doc.get_page_content_with_limit(page_id, limit) {
        Ok(content) => {
            if budget.charge(content.len(), "PDF 内容流").is_ok() {
                it.run(&content, &resources, GState::default(), 0);
            }
        }
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            let _ = budget.charge(limit.saturating_add(1), "PDF 内容流");
        }
        Err(_) if has_contents => it.out.issues.content_unreadable = true,
        Err(_) => {}
    }
    it.out
}

/// Does this content stream parse to its end? `decode_iter` stops silently at a token it
/// can't read; the strict parser tells us whether something was left over.
fn parses_fully(content: &[u8]) -> bool {
    Content::decode_strict(content).is_ok()
}

/// The page's MediaBox, inherited through the page tree; A4 when absent.
fn media_box(doc: &Document, page_id: ObjectId) -> [f32; 4] {
    let mut node = doc.get_dictionary(page_id).ok();
    for _ in 0..32 {
        let Some(d) = node else { break };
        if let Some(b) = d
            .get(b"MediaBox")
            .ok()
            .and_then(|o| number_array::<4>(doc, o))
        {
            return [
                b[0].min(b[2]),
                b[1].min(b[3]),
                b[0].max(b[2]),
                b[1].max(b[3]),
            ];
        }
        node = get(doc, d, b"Parent").and_then(|o| o.as_dict().ok());
    }
    [0.0, 0.0, 595.0, 842.0]
}

/// The six operands of `cm` / `Tm` as a matrix.
fn matrix(ops: &[Object]) -> [f32; 6] {
    [
        num(ops, 0),
        num(ops, 1),
        num(ops, 2),
        num(ops, 3),
        num(ops, 4),
        num(ops, 5),
    ]
}

fn num(ops: &[Object], i: usize) -> f32 {
    ops.get(i).and_then(as_number).unwrap_or(0.0)
}

impl<'a> Interp<'a> {
    fn run(&mut self, content: &[u8], resources: &[&'a Dictionary], mut gs: GState, depth: usize) {
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut stopped_early = false;
        for op in Content::decode_iter(content) {
            let Ok(op) = op else {
                stopped_early = true;
                break;
            };
            if self.budget.op().is_err() {
                return;
            }
            let o = &op.operands;
            match op.operator.as_str() {
                "q" if stack.len() < 256 => {
                    stack.push(gs.clone());
                }
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    let m = matrix(o);
                    gs.ctm = mul(&m, &gs.ctm);
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tc" => gs.char_spacing = num(o, 0),
                "Tw" => gs.word_spacing = num(o, 0),
                "Tz" => gs.h_scale = num(o, 0) / 100.0,
                "TL" => gs.leading = num(o, 0),
                "Ts" => gs.rise = num(o, 0),
                "Tf" => {
                    gs.size = num(o, 1);
                    gs.font = o
                        .first()
                        .and_then(name_of)
                        .map(|name| self.font(resources, name));
                }
                "Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(o, 0), num(o, 1)], &tlm);
                    tm = tlm;
                }
                "TD" => {
                    gs.leading = -num(o, 1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(o, 0), num(o, 1)], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    tlm = matrix(o);
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "'" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "\"" => {
                    gs.word_spacing = num(o, 0);
                    gs.char_spacing = num(o, 1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = o.get(2) {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, &gs, &mut tm),
                                other => {
                                    if let Some(n) = as_number(other) {
                                        let tx = -n / 1000.0 * gs.size * gs.h_scale;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    if let Some(name) = o.first().and_then(name_of) {
                        self.do_xobject(resources, name, &gs, depth);
                    }
                }
                "BI" | "ID" | "EI" => self.out.images += 1,
                _ => {}
            }
        }
        // The strict re-parse doubles the parsing cost: done for streams of real pages (a few
        // KB to a few MB), not for multi-megabyte hostile ones, which the budget bounds anyway.
        if stopped_early || (content.len() <= STRICT_CHECK_MAX && !parses_fully(content)) {
            self.out.issues.bad_token = true;
        }
    }

    /// Find font `name` in the resource dictionaries (`None`: missing from them or the file).
    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Option<Rc<Font>> {
        for res in resources {
            let Some(fonts) = get(self.doc, res, b"Font").and_then(|o| o.as_dict().ok()) else {
                continue;
            };
            if let Ok(obj) = fonts.get(name) {
                return self.fonts.get(self.doc, obj);
            }
        }
        None
    }

    /// Show a string: decode codes, emit glyphs, advance the text matrix.
    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        if bytes.is_empty() || self.budget.is_spent() {
            return;
        }
        let font = match &gs.font {
            Some(Some(f)) => f.clone(),
            _ => {
                // Tf named a font that isn't there (or no Tf at all): the text is drawn with a
                // font we don't have; we guess Latin-1 codes, and say so.
                self.out.issues.missing_font = true;
                self.fonts.fallback()
            }
        };
        if font.is_undecodable() {
            self.out.issues.undecodable_font = true;
        }
        let budget = self.budget;
        let m = mul(tm, &gs.ctm);
        let vscale = (m[2] * m[2] + m[3] * m[3]).sqrt();
        let size = (gs.size * vscale).abs();
        let rise = gs.rise;
        let mut u = 0f32;
        let out = &mut self.out;
        font.decode(bytes, |d| {
            let mut tx = d.width * gs.size + gs.char_spacing;
            if d.is_space_code {
                tx += gs.word_spacing;
            }
            tx *= gs.h_scale;
            let visible = !d.text.is_empty() && !d.text.chars().all(char::is_whitespace);
            if visible
                && size.is_finite()
                && size > 0.0
                && budget.charge(d.text.len() + GLYPH_COST, "PDF 文字").is_ok()
            {
                let xa = u * m[0] + rise * m[2] + m[4];
                let ya = u * m[1] + rise * m[3] + m[5];
                let xb = (u + tx) * m[0] + rise * m[2] + m[4];
                if xa.is_finite() && xb.is_finite() && ya.is_finite() {
                    let start = out.text.len() as u32;
                    out.text.push_str(d.text);
                    out.glyphs.push(Glyph {
                        x0: xa.min(xb),
                        x1: xa.max(xb),
                        y: ya,
                        size,
                        start,
                        end: out.text.len() as u32,
                    });
                }
            }
            u += tx;
        });
        *tm = mul(&[1.0, 0.0, 0.0, 1.0, u, 0.0], tm);
    }

    fn do_xobject(&mut self, resources: &[&'a Dictionary], name: &[u8], gs: &GState, depth: usize) {
        let doc = self.doc;
        let mut found = None;
        for res in resources {
            if let Some(x) = get(doc, res, b"XObject").and_then(|o| o.as_dict().ok()) {
                if let Ok(obj) = x.get(name) {
                    found = Some(obj);
                    break;
                }
            }
        }
        let Some(obj) = found else { return };
        let id = obj.as_reference().ok();
        let Some(stream) = resolve(doc, obj).and_then(|o| o.as_stream().ok()) else {
            return;
        };
        match get(doc, &stream.dict, b"Subtype").and_then(name_of) {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") => {
                if depth >= MAX_FORM_DEPTH
                    || self.forms_run >= MAX_FORMS_PER_PAGE
                    || self.fonts.forms_run >= MAX_FORMS_PER_DOC
                    || id.is_some_and(|id| self.form_stack.contains(&id))
                {
                    return;
                }
                self.forms_run += 1;
                self.fonts.forms_run += 1;
                let limit = MAX_CONTENT.min(self.budget.decoded_left());
                let Some(content) = stream_bytes(stream, limit) else {
                    match stream.decompressed_content_with_limit(limit) {
                        Err(lopdf::Error::Decompress(
                            lopdf::DecompressError::MemoryLimitExceeded { .. },
                        )) => {
                            let _ = self.budget.charge(limit.saturating_add(1), "PDF 表单内容");
                        }
                        _ => self.out.issues.content_unreadable = true,
                    }
                    return;
                };
                if self.budget.charge(content.len(), "PDF 表单内容").is_err() {
                    return;
                }
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|o| number_array::<6>(doc, o))
                    .unwrap_or(IDENTITY);
                let mut inner = gs.clone();
                inner.ctm = mul(&matrix, &gs.ctm);
                let own = get(doc, &stream.dict, b"Resources").and_then(|o| o.as_dict().ok());
                let res: Vec<&'a Dictionary> = match own {
                    Some(d) => std::iter::once(d)
                        .chain(resources.iter().copied())
                        .collect(),
                    None => resources.to_vec(),
                };
                if let Some(id) = id {
                    self.form_stack.push(id);
                }
                self.run(&content, &res, inner, depth + 1);
                if id.is_some() {
                    self.form_stack.pop();
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_product_order() {
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        let shift = [1.0, 0.0, 0.0, 1.0, 10.0, 20.0];
        // Scale first, then shift.
        assert_eq!(mul(&scale, &shift), [2.0, 0.0, 0.0, 2.0, 10.0, 20.0]);
        // Shift first, then scale.
        assert_eq!(mul(&shift, &scale), [2.0, 0.0, 0.0, 2.0, 20.0, 40.0]);
    }
}
