//! One streaming pass over the main document part (`word/document.xml`), producing paragraphs
//! in reading order.
//!
//! What is read, and how:
//! * every `w:p` is a paragraph, wherever it sits (body, table cells at any nesting depth, block
//!   content controls); text box paragraphs (`w:txbxContent`) are emitted right after the
//!   paragraph that anchors them, in document order;
//! * runs are concatenated, so text split over many `w:r` reads whole;
//! * tracked changes are accepted: `w:ins`/`w:moveTo` kept, `w:del`/`w:moveFrom` dropped, and a
//!   paragraph whose mark was deleted (`w:pPr/w:rPr/w:del`) is joined to the next one;
//! * in `mc:AlternateContent` only the first `mc:Choice` is read (`mc:Fallback` only when there is
//!   no `mc:Choice`), so a text box stored twice is read once;
//! * field instructions are dropped, field results kept;
//! * a line break (`w:br`, `w:cr`) ends a line: the paragraph is emitted as several lines, the
//!   way the HTML reader treats `<br>`; page and column breaks produce nothing;
//! * Word list labels are restored in front of numbered paragraphs (see [`super::numbering`]).

use super::numbering::{Numbering, Styles};
use super::xml::{ns_of, parse_int, w_attr, Ns};
use crate::document::{RawParagraph, SourcePos};
use crate::read::text::PARAGRAPH_COST;
use crate::read::{Budget, ReadError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::NsReader;
use std::collections::VecDeque;
use std::io::BufRead;

/// Where a piece of a paragraph's text came from in the main part (kept only for `annotate`,
/// which anchors comments on the original runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The unescaped text of the text (or CDATA) event starting at byte `event` of the part, from
    /// byte `offset` of that text on.
    Text { event: u64, offset: usize },
    /// The one character produced by the element starting at byte `event` (w:tab, w:br, w:sym …).
    Element { event: u64 },
    /// A restored list label (or other text that is not in the part).
    Label,
}

/// `len` bytes of a paragraph's text from byte `start` on came from `origin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub len: usize,
    pub origin: Origin,
}

/// A paragraph with the origins of its text (empty when not tracing).
#[derive(Debug, Clone, Default)]
pub struct TracedParagraph {
    pub raw: RawParagraph,
    pub pieces: Vec<Piece>,
    /// Byte offset of the `w:p` start tag this text ended in (0 for leftovers).
    pub para_event: u64,
}

impl TracedParagraph {
    fn plain(text: String, pieces: Vec<Piece>, para_event: u64) -> Self {
        TracedParagraph {
            raw: RawParagraph::new(text, SourcePos::default()),
            pieces,
            para_event,
        }
    }
}

fn shifted(pieces: &[Piece], by: usize) -> impl Iterator<Item = Piece> + '_ {
    pieces.iter().map(move |p| Piece {
        start: p.start + by,
        ..*p
    })
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    pieces: Vec<Piece>,
    /// Byte offset of the `w:p` start tag.
    event: u64,
    style: Option<String>,
    num_id: Option<i64>,
    ilvl: Option<i64>,
    /// The paragraph mark was deleted (tracked change): the text joins the next paragraph.
    mark_deleted: bool,
    /// Paragraphs of text boxes anchored in this paragraph, emitted after it. A deque, so that
    /// the paragraph's own lines go in front in constant time (50,000 nested paragraphs stay
    /// linear).
    pending: VecDeque<TracedParagraph>,
}

/// Where inside `w:pPr` the reader is.
#[derive(Debug, Default, Clone, Copy)]
struct PprState {
    active: bool,
    in_num_pr: bool,
    in_rpr: bool,
}

/// Why the body could not be read.
#[derive(Debug)]
pub enum BodyError {
    Xml(quick_xml::Error),
    /// A bound of the file's budget (READ008/READ010).
    Budget(ReadError),
}

impl From<quick_xml::Error> for BodyError {
    fn from(e: quick_xml::Error) -> Self {
        BodyError::Xml(e)
    }
}

impl From<ReadError> for BodyError {
    fn from(e: ReadError) -> Self {
        BodyError::Budget(e)
    }
}

/// The streaming state machine.
struct Body<'a> {
    budget: &'a Budget,
    styles: &'a Styles,
    numbering: Option<&'a mut Numbering>,
    out: Vec<TracedParagraph>,
    /// Open paragraphs: text box paragraphs open inside their anchoring paragraph.
    stack: Vec<Para>,
    /// Text of paragraphs with a deleted mark, waiting for the next paragraph at that depth.
    carries: Vec<(String, Vec<Piece>)>,
    /// Record where each piece of text came from ([`read_body_traced`]).
    trace: bool,
    /// Byte offset of the event being handled.
    event: u64,
    /// Depth of the subtree being skipped (0: not skipping).
    skip: usize,
    /// Open `mc:AlternateContent` elements: whether a branch has been taken.
    alternates: Vec<bool>,
    /// Inside a `w:t`.
    in_t: bool,
    ppr: PprState,
    /// Open complex fields: `true` while in the instruction part (before `separate`).
    fields: Vec<bool>,
    /// How many of `fields` are `true` (so [`Body::keeping`] is constant time).
    in_instr: usize,
}

/// Parse the main document part from `reader`.
pub fn read_body<R: BufRead>(
    reader: &mut NsReader<R>,
    styles: &Styles,
    numbering: Option<&mut Numbering>,
    budget: &Budget,
) -> Result<Vec<RawParagraph>, BodyError> {
    Ok(run(reader, styles, numbering, false, budget)?
        .into_iter()
        .map(|p| p.raw)
        .collect())
}

/// Like [`read_body`], and say for every piece of text which event of the part it came from.
pub fn read_body_traced<R: BufRead>(
    reader: &mut NsReader<R>,
    styles: &Styles,
    numbering: Option<&mut Numbering>,
) -> Result<Vec<TracedParagraph>, quick_xml::Error> {
    let limits = crate::read::Limits::default();
    match run(reader, styles, numbering, true, &Budget::new(&limits)) {
        Ok(p) => Ok(p),
        Err(BodyError::Xml(e)) => Err(e),
        Err(BodyError::Budget(e)) => Err(quick_xml::Error::Io(std::sync::Arc::new(
            std::io::Error::other(e.message),
        ))),
    }
}

fn run<R: BufRead>(
    reader: &mut NsReader<R>,
    styles: &Styles,
    numbering: Option<&mut Numbering>,
    trace: bool,
    budget: &Budget,
) -> Result<Vec<TracedParagraph>, BodyError> {
    let mut b = Body {
        budget,
        styles,
        numbering,
        out: Vec::new(),
        stack: Vec::new(),
        carries: Vec::new(),
        trace,
        event: 0,
        skip: 0,
        alternates: Vec::new(),
        in_t: false,
        ppr: PprState::default(),
        fields: Vec::new(),
        in_instr: 0,
    };
    let mut buf = Vec::with_capacity(1024);
    loop {
        buf.clear();
        budget.tick()?;
        b.event = reader.buffer_position();
        let (res, ev) = reader.read_resolved_event_into(&mut buf)?;
        let ns = ns_of(&res);
        match ev {
            Event::Start(ref e) => {
                if b.skip > 0 {
                    b.skip += 1;
                } else {
                    b.open(reader, ns, e, false);
                }
            }
            Event::Empty(ref e) if b.skip == 0 => b.open(reader, ns, e, true),
            Event::End(ref e) => {
                if b.skip > 0 {
                    b.skip -= 1;
                } else {
                    b.close(ns, e.local_name().as_ref());
                }
            }
            Event::Text(ref t) if b.in_t && b.skip == 0 => match t.unescape() {
                Ok(s) => b.push_text(&s),
                Err(_) => b.push_text(&String::from_utf8_lossy(t)),
            },
            Event::CData(ref t) if b.in_t && b.skip == 0 => {
                b.push_text(&String::from_utf8_lossy(t));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Unclosed paragraphs cannot happen in well-formed XML (quick-xml checks end tags), but a
    // trailing deleted-mark paragraph leaves a carry: keep its text.
    while let Some(p) = b.stack.pop() {
        b.finish(p);
    }
    let mut leftover = String::new();
    let mut pieces = Vec::new();
    for (t, ps) in b.carries.drain(..) {
        pieces.extend(shifted(&ps, leftover.len()));
        leftover.push_str(&t);
    }
    if !leftover.is_empty() {
        b.out.push(TracedParagraph::plain(leftover, pieces, 0));
    }
    if let Some(e) = budget.failure() {
        return Err(BodyError::Budget(e));
    }
    Ok(b.out)
}

impl Body<'_> {
    /// `true` when text is currently being kept (not in a field instruction).
    fn keeping(&self) -> bool {
        self.in_instr == 0
    }

    fn push_text(&mut self, s: &str) {
        if !self.keeping() || self.budget.charge(s.len(), "DOCX 正文文字").is_err() {
            return;
        }
        if let Some(p) = self.stack.last_mut() {
            if self.trace && !s.is_empty() {
                p.pieces.push(Piece {
                    start: p.text.len(),
                    len: s.len(),
                    origin: Origin::Text {
                        event: self.event,
                        offset: 0,
                    },
                });
            }
            if s.contains(['\r', '\n']) {
                // Raw line ends in w:t are not line breaks in Word.
                p.text.extend(
                    s.chars()
                        .map(|c| if c == '\r' || c == '\n' { ' ' } else { c }),
                );
            } else {
                p.text.push_str(s);
            }
        }
    }

    fn push_char(&mut self, c: char) {
        if !self.keeping() {
            return;
        }
        if let Some(p) = self.stack.last_mut() {
            if self.trace {
                p.pieces.push(Piece {
                    start: p.text.len(),
                    len: c.len_utf8(),
                    origin: Origin::Element { event: self.event },
                });
            }
            p.text.push(c);
        }
    }

    /// Skip the subtree of the element just opened (for an empty element there is nothing to do).
    fn skip_subtree(&mut self, empty: bool) {
        if !empty {
            self.skip = 1;
        }
    }

    /// An element opened (`empty`: it is also closed already).
    fn open<R>(&mut self, reader: &NsReader<R>, ns: Ns, e: &BytesStart, empty: bool) {
        let local = e.local_name();
        let local = local.as_ref();
        match ns {
            Ns::Mc => {
                if empty {
                    return;
                }
                match local {
                    b"AlternateContent" => self.alternates.push(false),
                    b"Choice" | b"Fallback" => match self.alternates.last_mut() {
                        Some(taken) if *taken => self.skip = 1,
                        Some(taken) => *taken = true,
                        None => {}
                    },
                    _ => {}
                }
                return;
            }
            Ns::Other => return,
            Ns::W => {}
        }
        if self.ppr.active {
            self.open_in_ppr(reader, local, e, empty);
            return;
        }
        match local {
            b"p" => {
                let p = Para {
                    event: self.event,
                    ..Para::default()
                };
                if empty {
                    self.finish(p);
                } else {
                    self.stack.push(p);
                }
            }
            b"pPr" => {
                if !empty && !self.stack.is_empty() {
                    self.ppr = PprState {
                        active: true,
                        ..PprState::default()
                    };
                } else {
                    self.skip_subtree(empty);
                }
            }
            b"t" => self.in_t = !empty,
            b"tab" | b"ptab" => {
                self.push_char('\t');
                self.skip_subtree(empty);
            }
            b"br" => {
                let kind = w_attr(reader, e, b"type");
                if !matches!(kind.as_deref(), Some("page" | "column")) {
                    self.push_char('\n');
                }
                self.skip_subtree(empty);
            }
            b"cr" => {
                self.push_char('\n');
                self.skip_subtree(empty);
            }
            b"noBreakHyphen" => {
                self.push_char('-');
                self.skip_subtree(empty);
            }
            b"sym" => {
                let font = w_attr(reader, e, b"font");
                if let Some(c) = sym_char(w_attr(reader, e, b"char").as_deref(), font.as_deref()) {
                    self.push_char(c);
                }
                self.skip_subtree(empty);
            }
            b"fldChar" => {
                match w_attr(reader, e, b"fldCharType").as_deref() {
                    Some("begin") => {
                        self.fields.push(true);
                        self.in_instr += 1;
                    }
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            if *f {
                                self.in_instr -= 1;
                            }
                            *f = false;
                        }
                    }
                    Some("end") => {
                        let in_instruction = self.fields.pop() == Some(true);
                        if in_instruction {
                            self.in_instr -= 1;
                        }
                    }
                    _ => {}
                }
                self.skip_subtree(empty);
            }
            // Text box paragraphs open one level deeper than their anchor.
            b"txbxContent" if !empty => {
                let depth = self.stack.len();
                if self.carries.len() <= depth {
                    self.carries.resize(depth + 1, Default::default());
                }
            }
            // Deleted or moved-away content, instructions, ruby guide text and property subtrees.
            b"del" | b"moveFrom" | b"delText" | b"instrText" | b"delInstrText" | b"rt" | b"rPr"
            | b"sectPr" | b"tblPr" | b"tblGrid" | b"trPr" | b"tcPr" | b"tblPrEx" | b"sdtPr"
            | b"sdtEndPr" | b"customXmlPr" | b"smartTagPr" | b"fldData" | b"ffData"
            | b"footnotePr" | b"endnotePr" => self.skip_subtree(empty),
            _ => {}
        }
    }

    /// An element opened inside the paragraph's own `w:pPr`.
    fn open_in_ppr<R>(&mut self, reader: &NsReader<R>, local: &[u8], e: &BytesStart, empty: bool) {
        let st = self.ppr;
        let Some(p) = self.stack.last_mut() else {
            self.skip_subtree(empty);
            return;
        };
        match local {
            b"numPr" if !st.in_rpr => {
                self.ppr.in_num_pr = !empty;
                return;
            }
            b"rPr" if !st.in_num_pr => {
                self.ppr.in_rpr = !empty;
                return;
            }
            b"pStyle" if !st.in_rpr && !st.in_num_pr => p.style = w_attr(reader, e, b"val"),
            b"numId" if st.in_num_pr => p.num_id = parse_int(w_attr(reader, e, b"val")),
            b"ilvl" if st.in_num_pr => p.ilvl = parse_int(w_attr(reader, e, b"val")),
            b"del" | b"moveFrom" if st.in_rpr => p.mark_deleted = true,
            _ => {}
        }
        // Everything else in pPr (pPrChange, tabs, borders, rPrChange…) holds no body text.
        self.skip_subtree(empty);
    }

    /// An element closed.
    fn close(&mut self, ns: Ns, local: &[u8]) {
        match ns {
            Ns::Mc => {
                if local == b"AlternateContent" {
                    self.alternates.pop();
                }
                return;
            }
            Ns::Other => return,
            Ns::W => {}
        }
        if self.ppr.active {
            match local {
                b"numPr" => self.ppr.in_num_pr = false,
                b"rPr" => self.ppr.in_rpr = false,
                b"pPr" => self.ppr = PprState::default(),
                _ => {}
            }
            return;
        }
        match local {
            b"t" => self.in_t = false,
            b"p" => {
                if let Some(p) = self.stack.pop() {
                    self.finish(p);
                }
            }
            b"txbxContent" => {
                // A deleted mark on the last paragraph of a text box: keep its text in the box.
                let depth = self.stack.len();
                if let Some(c) = self.carries.get_mut(depth) {
                    if !c.0.is_empty() {
                        let (text, pieces) = std::mem::take(c);
                        self.emit(VecDeque::from([TracedParagraph::plain(text, pieces, 0)]));
                    }
                }
            }
            _ => {}
        }
    }

    /// Send finished paragraphs to the enclosing anchor paragraph, or to the output.
    fn emit(&mut self, mut ps: VecDeque<TracedParagraph>) {
        match self.stack.last_mut() {
            Some(anchor) if anchor.pending.is_empty() => anchor.pending = ps,
            Some(anchor) => anchor.pending.append(&mut ps),
            None => self.out.extend(ps),
        }
    }

    /// A paragraph ended: join, label, split at line breaks, and emit it.
    fn finish(&mut self, p: Para) {
        let depth = self.stack.len();
        if self.carries.len() <= depth {
            self.carries.resize(depth + 1, Default::default());
        }
        if depth == 0 {
            // A field instruction does not run past its paragraph in practice; do not let a
            // dangling `begin` swallow the rest of the document.
            if self.in_instr > 0 {
                for f in &mut self.fields {
                    *f = false;
                }
                self.in_instr = 0;
            }
        }
        if p.mark_deleted {
            let carry = &mut self.carries[depth];
            carry.1.extend(shifted(&p.pieces, carry.0.len()));
            carry.0.push_str(&p.text);
            self.emit(p.pending);
            return;
        }
        let mut text = self.label(&p).unwrap_or_default();
        let mut pieces = Vec::new();
        if self.trace && !text.is_empty() {
            pieces.push(Piece {
                start: 0,
                len: text.len(),
                origin: Origin::Label,
            });
        }
        let (carry, carry_pieces) = std::mem::take(&mut self.carries[depth]);
        pieces.extend(shifted(&carry_pieces, text.len()));
        text.push_str(&carry);
        pieces.extend(shifted(&p.pieces, text.len()));
        text.push_str(&p.text);
        let lines: Vec<TracedParagraph> = if text.contains('\n') {
            let mut at = 0;
            text.split('\n')
                .map(|line| {
                    let (a, b) = (at, at + line.len());
                    at = b + 1;
                    let mine = pieces
                        .iter()
                        .filter(|x| x.start >= a && x.start + x.len <= b)
                        .map(|x| Piece {
                            start: x.start - a,
                            ..*x
                        })
                        .collect();
                    TracedParagraph::plain(line.to_string(), mine, p.event)
                })
                .collect()
        } else {
            vec![TracedParagraph::plain(text, pieces, p.event)]
        };
        // Charged once, when made (moving them up to an anchor costs nothing more).
        if self
            .budget
            .charge(lines.len() * PARAGRAPH_COST, "DOCX 段落")
            .is_err()
        {
            return;
        }
        let mut ps = p.pending;
        for line in lines.into_iter().rev() {
            ps.push_front(line);
        }
        self.emit(ps);
    }

    /// The list label of a paragraph (advancing the list counters), if it is numbered.
    fn label(&mut self, p: &Para) -> Option<String> {
        let numbering = self.numbering.as_deref_mut()?;
        let from_style = if p.num_id.is_none() || p.ilvl.is_none() {
            self.styles.numbering_of(p.style.as_deref())
        } else {
            Default::default()
        };
        let num_id = p.num_id.or(from_style.num_id)?;
        if num_id <= 0 {
            // numId 0 removes numbering (e.g. inherited from the style).
            return None;
        }
        let ilvl = p.ilvl.or(from_style.ilvl);
        let style = if p.num_id.is_none() {
            from_style.from_style.as_deref()
        } else {
            None
        };
        numbering.next_label(num_id, ilvl, style)
    }
}

/// The character of a `w:sym`: `w:char` is hex; private-use code points of symbol fonts (F0xx)
/// map back to the 8-bit code, and the math signs of the Symbol font that court documents use in
/// amounts and formulas (×, ÷, ±, ≤, ≥ …) to their Unicode characters.
fn sym_char(v: Option<&str>, font: Option<&str>) -> Option<char> {
    let mut cp = u32::from_str_radix(v?.trim(), 16).ok()?;
    if (0xF000..=0xF0FF).contains(&cp) {
        cp -= 0xF000;
    }
    if cp < 0x100 && font.is_some_and(|f| f.trim().eq_ignore_ascii_case("Symbol")) {
        let mapped = match cp {
            0x2D => Some('−'),
            0xA3 => Some('≤'),
            0xAC => Some('←'),
            0xAE => Some('→'),
            0xB0 => Some('°'),
            0xB1 => Some('±'),
            0xB3 => Some('≥'),
            0xB4 => Some('×'),
            0xB7 => Some('•'),
            0xB8 => Some('÷'),
            0xB9 => Some('≠'),
            0xBA => Some('≡'),
            0xBB => Some('≈'),
            0xD6 => Some('√'),
            _ => None,
        };
        if mapped.is_some() {
            return mapped;
        }
    }
    char::from_u32(cp).filter(|c| !c.is_control())
}
