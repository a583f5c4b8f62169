//! Word auto-numbering: restores the list labels ("一、", "（一）", "1.2") that Word draws in
//! front of numbered paragraphs but that are not part of the paragraph text.
//!
//! Inputs are `styles.xml` (paragraph styles can carry `w:numPr`, inherited through
//! `w:basedOn`) and `numbering.xml` (`w:num` → `w:abstractNum` → `w:lvl`). Counters follow Word:
//! all `w:num` instances of one abstract numbering share a sequence, except a `w:num` with a
//! `w:lvlOverride` (Word's "restart numbering"), which runs its own; advancing a level resets the
//! deeper levels unless their `w:lvlRestart` says otherwise.

use super::xml::{ns_of, on_off, parse_int, w_attr, Ns};
use quick_xml::events::{BytesStart, Event};
use quick_xml::NsReader;
use std::collections::HashMap;

/// Number of list levels in WordprocessingML.
const LEVELS: usize = 9;

/// What a walker callback is told about an element.
enum Step<'a> {
    /// An element opened (a start tag or an empty element).
    Open(&'a BytesStart<'a>),
    /// An element closed (the end tag, or right after `Open` for an empty element).
    Close(&'a [u8]),
}

/// Walk a small XML part, calling `f` with the path of enclosing WordprocessingML elements (local
/// names; other namespaces are transparent) for every WordprocessingML element. `mc:Fallback` is
/// skipped, like in the body.
fn walk(
    bytes: &[u8],
    mut f: impl FnMut(&NsReader<&[u8]>, &[Vec<u8>], &[u8], Step<'_>),
) -> Result<(), quick_xml::Error> {
    let mut reader = NsReader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut path: Vec<Vec<u8>> = Vec::new();
    // Every open element, so that End events can be classified: Some(local) for W elements.
    let mut open: Vec<Option<Vec<u8>>> = Vec::new();
    let mut skip = 0usize;
    loop {
        buf.clear();
        let (res, ev) = reader.read_resolved_event_into(&mut buf)?;
        let ns = ns_of(&res);
        match ev {
            Event::Start(ref e) => {
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                let local = e.local_name().as_ref().to_vec();
                if ns == Ns::Mc && local == b"Fallback" {
                    skip = 1;
                    continue;
                }
                if ns == Ns::W {
                    f(&reader, &path, &local, Step::Open(e));
                    path.push(local.clone());
                    open.push(Some(local));
                } else {
                    open.push(None);
                }
            }
            Event::Empty(ref e) => {
                if skip > 0 || ns != Ns::W {
                    continue;
                }
                let local = e.local_name().as_ref().to_vec();
                f(&reader, &path, &local, Step::Open(e));
                f(&reader, &path, &local, Step::Close(&local));
            }
            Event::End(_) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if let Some(Some(local)) = open.pop() {
                    path.pop();
                    f(&reader, &path, &local, Step::Close(&local));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// `true` when `path` ends with `suffix`.
fn ends_with(path: &[Vec<u8>], suffix: &[&[u8]]) -> bool {
    path.len() >= suffix.len()
        && path[path.len() - suffix.len()..]
            .iter()
            .zip(suffix)
            .all(|(a, b)| a.as_slice() == *b)
}

/// Numbering properties of one style.
#[derive(Debug, Clone, Default)]
struct StyleDef {
    based_on: Option<String>,
    num_id: Option<i64>,
    ilvl: Option<i64>,
}

/// The paragraph and numbering styles of `styles.xml`, as far as numbering is concerned.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    styles: HashMap<String, StyleDef>,
    /// The default paragraph style (`w:default="1"`), used by paragraphs without `w:pStyle`.
    default_para: Option<String>,
}

/// Numbering a paragraph gets from its style chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StyleNumbering {
    pub num_id: Option<i64>,
    pub ilvl: Option<i64>,
    /// The style whose `w:numPr` supplied the `numId` (for `w:lvl/w:pStyle` level lookup).
    pub from_style: Option<String>,
}

impl Styles {
    /// Parse `styles.xml`.
    pub fn parse(bytes: &[u8]) -> Result<Styles, quick_xml::Error> {
        let mut out = Styles::default();
        let mut cur: Option<(String, StyleDef)> = None;
        walk(bytes, |r, path, local, step| match step {
            Step::Open(e) => match local {
                b"style" if ends_with(path, &[b"styles"]) => {
                    let id = w_attr(r, e, b"styleId").unwrap_or_default();
                    let is_para = w_attr(r, e, b"type").as_deref() == Some("paragraph");
                    if is_para && w_attr(r, e, b"default").is_some_and(|v| on_off(Some(v))) {
                        out.default_para = Some(id.clone());
                    }
                    cur = Some((id, StyleDef::default()));
                }
                b"basedOn" if ends_with(path, &[b"style"]) => {
                    if let Some((_, d)) = cur.as_mut() {
                        d.based_on = w_attr(r, e, b"val");
                    }
                }
                b"numId" if ends_with(path, &[b"style", b"pPr", b"numPr"]) => {
                    if let Some((_, d)) = cur.as_mut() {
                        d.num_id = parse_int(w_attr(r, e, b"val"));
                    }
                }
                b"ilvl" if ends_with(path, &[b"style", b"pPr", b"numPr"]) => {
                    if let Some((_, d)) = cur.as_mut() {
                        d.ilvl = parse_int(w_attr(r, e, b"val"));
                    }
                }
                _ => {}
            },
            Step::Close(b"style") if ends_with(path, &[b"styles"]) => {
                if let Some((id, d)) = cur.take() {
                    out.styles.insert(id, d);
                }
            }
            Step::Close(_) => {}
        })?;
        Ok(out)
    }

    /// The numbering inherited by a paragraph of style `style` (or of the default style).
    pub fn numbering_of(&self, style: Option<&str>) -> StyleNumbering {
        let mut out = StyleNumbering::default();
        let mut id = style.or(self.default_para.as_deref());
        // basedOn chains are short; the bound guards against cycles.
        for _ in 0..32 {
            let Some(sid) = id else { break };
            let Some(def) = self.styles.get(sid) else {
                break;
            };
            if out.num_id.is_none() {
                if let Some(n) = def.num_id {
                    out.num_id = Some(n);
                    out.from_style = Some(sid.to_string());
                }
            }
            if out.ilvl.is_none() {
                out.ilvl = def.ilvl;
            }
            if out.num_id.is_some() && out.ilvl.is_some() {
                break;
            }
            id = def.based_on.as_deref();
        }
        out
    }

    /// The `numId` a numbering style (`w:type="numbering"`) points to.
    fn style_num_id(&self, style: &str) -> Option<i64> {
        self.styles.get(style).and_then(|d| d.num_id)
    }
}

pub use crate::numerals::format::NumFmt;

/// What follows a label (`w:suff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One level of an abstract numbering (`w:lvl`).
#[derive(Debug, Clone, Default)]
struct Level {
    /// `w:start`; the schema default is 0.
    start: Option<i64>,
    fmt: NumFmt,
    text: Option<String>,
    /// `w:lvlRestart`: 1-based level whose use restarts this one; 0 = never.
    restart: Option<i64>,
    /// `w:pStyle`: the paragraph style linked to this level.
    pstyle: Option<String>,
    /// `w:isLgl`: show all levels as decimal.
    legal: bool,
    suffix: Suffix,
}

/// `w:abstractNum`.
#[derive(Debug, Clone, Default)]
struct AbstractNum {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the levels live in the abstract numbering of that numbering style.
    num_style_link: Option<String>,
}

/// One `w:lvlOverride`.
#[derive(Debug, Clone, Default)]
struct Override {
    start: Option<i64>,
    level: Option<Level>,
}

/// `w:num`.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: Option<i64>,
    overrides: [Option<Override>; LEVELS],
}

/// Whose counters a paragraph advances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum CounterKey {
    Abstract(i64),
    Num(i64),
}

/// Parsed `numbering.xml` plus the running counters of one document.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<i64, AbstractNum>,
    nums: HashMap<i64, Num>,
    /// numId of the numbering style each `w:numStyleLink` names, resolved at parse time.
    style_links: HashMap<String, i64>,
    counters: HashMap<CounterKey, [Option<i64>; LEVELS]>,
}

fn level_index(v: Option<i64>) -> Option<usize> {
    v.and_then(|i| usize::try_from(i).ok())
        .filter(|&i| i < LEVELS)
}

impl Numbering {
    /// Parse `numbering.xml`; `styles` resolves `w:numStyleLink`.
    pub fn parse(bytes: &[u8], styles: &Styles) -> Result<Numbering, quick_xml::Error> {
        let mut out = Numbering::default();
        // The abstract numbering or num being read, and the level being read.
        let mut abs: Option<(i64, AbstractNum)> = None;
        let mut num: Option<(i64, Num)> = None;
        let mut ovr: Option<(usize, Override)> = None;
        let mut lvl: Option<(usize, Level)> = None;
        walk(bytes, |r, path, local, step| match step {
            Step::Open(e) => {
                let val = || w_attr(r, e, b"val");
                match local {
                    b"abstractNum" => {
                        abs = parse_int(w_attr(r, e, b"abstractNumId"))
                            .map(|id| (id, AbstractNum::default()));
                    }
                    b"num" => {
                        num = parse_int(w_attr(r, e, b"numId")).map(|id| (id, Num::default()));
                    }
                    b"abstractNumId" if ends_with(path, &[b"num"]) => {
                        if let Some((_, n)) = num.as_mut() {
                            n.abstract_id = parse_int(val());
                        }
                    }
                    b"lvlOverride" => {
                        ovr = level_index(parse_int(w_attr(r, e, b"ilvl")))
                            .map(|i| (i, Override::default()));
                    }
                    b"startOverride" if ends_with(path, &[b"lvlOverride"]) => {
                        if let Some((_, o)) = ovr.as_mut() {
                            o.start = parse_int(val());
                        }
                    }
                    b"numStyleLink" if ends_with(path, &[b"abstractNum"]) => {
                        if let Some((_, a)) = abs.as_mut() {
                            a.num_style_link = val();
                        }
                    }
                    b"lvl" => {
                        let i = level_index(parse_int(w_attr(r, e, b"ilvl")))
                            // a w:lvl inside w:lvlOverride may omit ilvl: it is the override's
                            .or(ovr.as_ref().map(|(i, _)| *i));
                        lvl = i.map(|i| (i, Level::default()));
                    }
                    _ if ends_with(path, &[b"lvl"]) => {
                        if let Some((_, l)) = lvl.as_mut() {
                            match local {
                                b"start" => l.start = parse_int(val()),
                                b"numFmt" => {
                                    if let Some(v) = val() {
                                        l.fmt = NumFmt::from_attr(
                                            &v,
                                            w_attr(r, e, b"format").as_deref(),
                                        );
                                    }
                                }
                                b"lvlText" => l.text = val(),
                                b"lvlRestart" => l.restart = parse_int(val()),
                                b"pStyle" => l.pstyle = val(),
                                b"isLgl" => l.legal = on_off(val()),
                                b"suff" => {
                                    l.suffix = match val().as_deref() {
                                        Some("space") => Suffix::Space,
                                        Some("nothing") => Suffix::Nothing,
                                        _ => Suffix::Tab,
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            Step::Close(local) => match local {
                b"lvl" => {
                    if let Some((i, l)) = lvl.take() {
                        if let Some((_, o)) = ovr.as_mut() {
                            o.level = Some(l);
                        } else if let Some((_, a)) = abs.as_mut() {
                            a.levels[i] = Some(l);
                        }
                    }
                }
                b"lvlOverride" => {
                    if let (Some((i, o)), Some((_, n))) = (ovr.take(), num.as_mut()) {
                        n.overrides[i] = Some(o);
                    }
                }
                b"abstractNum" => {
                    if let Some((id, a)) = abs.take() {
                        out.abstracts.insert(id, a);
                    }
                }
                b"num" => {
                    if let Some((id, n)) = num.take() {
                        out.nums.insert(id, n);
                    }
                }
                _ => {}
            },
        })?;
        for a in out.abstracts.values() {
            if let Some(link) = &a.num_style_link {
                if let Some(id) = styles.style_num_id(link) {
                    out.style_links.insert(link.clone(), id);
                }
            }
        }
        Ok(out)
    }

    /// The abstract numbering id behind `num_id`, following `w:numStyleLink`.
    fn abstract_of(&self, num_id: i64) -> Option<i64> {
        let mut id = self.nums.get(&num_id)?.abstract_id?;
        for _ in 0..8 {
            let a = self.abstracts.get(&id)?;
            let Some(link) = &a.num_style_link else {
                return Some(id);
            };
            let next = self.style_links.get(link)?;
            id = self.nums.get(next)?.abstract_id?;
        }
        None
    }

    /// Count a numbered paragraph and return its label (with its suffix), or `None` when the
    /// numbering is unknown or draws no label (bullets, `none`). `ilvl` is the paragraph's level if
    /// known; `style` the style that supplied the numbering (for `w:lvl/w:pStyle` lookup).
    pub fn next_label(
        &mut self,
        num_id: i64,
        ilvl: Option<i64>,
        style: Option<&str>,
    ) -> Option<String> {
        let abs_id = self.abstract_of(num_id)?;
        let num = self.nums.get(&num_id)?;
        let abs = self.abstracts.get(&abs_id)?;
        let l = level_index(ilvl)
            .or_else(|| {
                let s = style?;
                abs.levels
                    .iter()
                    .position(|lv| lv.as_ref().and_then(|x| x.pstyle.as_deref()) == Some(s))
            })
            .unwrap_or(0);
        // Effective levels and start values.
        let level = |i: usize| -> Option<&Level> {
            num.overrides[i]
                .as_ref()
                .and_then(|o| o.level.as_ref())
                .or(abs.levels[i].as_ref())
        };
        let start = |i: usize| -> i64 {
            num.overrides[i]
                .as_ref()
                .and_then(|o| o.start)
                .or_else(|| level(i).and_then(|lv| lv.start))
                .unwrap_or(0)
        };
        let key = if num.overrides.iter().any(Option::is_some) {
            CounterKey::Num(num_id)
        } else {
            CounterKey::Abstract(abs_id)
        };
        let c = self.counters.entry(key).or_insert([None; LEVELS]);
        c[l] = Some(match c[l] {
            None => start(l),
            Some(v) => v.saturating_add(1),
        });
        for (m, slot) in c.iter_mut().enumerate().skip(l + 1) {
            let reset = match level(m).and_then(|lv| lv.restart) {
                None => true,
                Some(r) => (l as i64) < r,
            };
            if reset {
                *slot = None;
            }
        }
        let cur = level(l)?;
        if matches!(cur.fmt, NumFmt::Bullet | NumFmt::None) {
            return None;
        }
        let text = cur.text.as_deref()?;
        let mut label = String::new();
        let mut chars = text.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch == '%' {
                if let Some(d) = chars
                    .peek()
                    .and_then(|d| d.to_digit(10))
                    .filter(|d| (1..=9).contains(d))
                {
                    chars.next();
                    let i = (d - 1) as usize;
                    let v = c[i].unwrap_or_else(|| start(i));
                    let fmt = if cur.legal && i < l {
                        NumFmt::Decimal
                    } else {
                        level(i).map(|lv| lv.fmt).unwrap_or_default()
                    };
                    if let Some(s) = fmt.render(v) {
                        label.push_str(&s);
                    }
                    continue;
                }
            }
            label.push(ch);
        }
        if label.trim().is_empty() {
            return None;
        }
        match cur.suffix {
            Suffix::Tab => label.push('\t'),
            Suffix::Space => label.push(' '),
            Suffix::Nothing => {}
        }
        Some(label)
    }
}
