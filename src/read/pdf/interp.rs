//! A content-stream interpreter that only cares about text: it tracks the graphics and text
//! state (CTM, Tm/Tlm, Tc/Tw/Tz/TL/Ts, Tf) and emits every shown glyph with its device-space
//! baseline, horizontal extent and font size. Form XObjects are followed with a depth limit and
//! a cycle guard; images are only counted.

use super::fonts::Font;
use super::objects::{as_number, get, name_of, number_array, resolve, stream_bytes};
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
    by_id: HashMap<ObjectId, Rc<Font>>,
    fallback: Option<Rc<Font>>,
}

impl FontCache {
    fn get(&mut self, doc: &Document, obj: &Object) -> Rc<Font> {
        match obj {
            Object::Reference(id) => {
                if let Some(f) = self.by_id.get(id) {
                    return f.clone();
                }
                let font = match resolve(doc, obj).and_then(|o| o.as_dict().ok()) {
                    Some(d) => Rc::new(Font::load(doc, d)),
                    None => self.fallback(),
                };
                self.by_id.insert(*id, font.clone());
                font
            }
            Object::Dictionary(d) => Rc::new(Font::load(doc, d)),
            _ => self.fallback(),
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
    font: Option<Rc<Font>>,
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
    out: PageText,
    forms_run: usize,
    form_stack: Vec<ObjectId>,
}

/// Extract the glyphs of one page.
pub fn page_text(doc: &Document, page_id: ObjectId, fonts: &mut FontCache) -> PageText {
    let mut it = Interp {
        doc,
        fonts,
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
    if let Ok(content) = doc.get_page_content_with_limit(page_id, MAX_CONTENT) {
        it.run(&content, &resources, GState::default(), 0);
    }
    it.out
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
        for op in Content::decode_iter(content) {
            let Ok(op) = op else { break };
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
    }

    /// Find font `name` in the resource dictionaries.
    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Rc<Font> {
        for res in resources {
            let Some(fonts) = get(self.doc, res, b"Font").and_then(|o| o.as_dict().ok()) else {
                continue;
            };
            if let Ok(obj) = fonts.get(name) {
                return self.fonts.get(self.doc, obj);
            }
        }
        self.fonts.fallback()
    }

    /// Show a string: decode codes, emit glyphs, advance the text matrix.
    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let font = match &gs.font {
            Some(f) => f.clone(),
            None => self.fonts.fallback(),
        };
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
            if visible && size.is_finite() && size > 0.0 {
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
                    || id.is_some_and(|id| self.form_stack.contains(&id))
                {
                    return;
                }
                self.forms_run += 1;
                let Some(content) = stream_bytes(stream, MAX_CONTENT) else {
                    return;
                };
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
