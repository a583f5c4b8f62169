//! Small helpers over lopdf's object model that never panic and follow references safely.

use lopdf::{Dictionary, Document, Object, Stream};

/// How many references in a row we follow before giving up (reference chains/cycles).
const MAX_DEREF: usize = 16;

/// Follow references until a direct object (`None` for dangling or cyclic references).
pub fn resolve<'a>(doc: &'a Document, mut obj: &'a Object) -> Option<&'a Object> {
    for _ in 0..MAX_DEREF {
        match obj {
            Object::Reference(id) => obj = doc.objects.get(id)?,
            _ => return Some(obj),
        }
    }
    None
}

/// `dict[key]`, resolved.
pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key).ok()?)
}

/// A name's bytes.
pub fn name_of(obj: &Object) -> Option<&[u8]> {
    match obj {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

/// An integer or real as `f32` (finite only).
pub fn as_number(obj: &Object) -> Option<f32> {
    let v = match obj {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => return None,
    };
    v.is_finite().then_some(v)
}

/// A stream's decoded data, at most `limit` bytes. Streams whose filters fail yield `None`
/// unless they have no filter at all.
pub fn stream_bytes(stream: &Stream, limit: usize) -> Option<Vec<u8>> {
    if stream.dict.get(b"Filter").is_err() {
        return (stream.content.len() <= limit).then(|| stream.content.clone());
    }
    stream.decompressed_content_with_limit(limit).ok()
}

/// A numeric array of exactly `N` entries (e.g. a matrix or a box).
pub fn number_array<const N: usize>(doc: &Document, obj: &Object) -> Option<[f32; N]> {
    let arr = resolve(doc, obj)?.as_array().ok()?;
    if arr.len() != N {
        return None;
    }
    let mut out = [0f32; N];
    for (slot, o) in out.iter_mut().zip(arr) {
        *slot = resolve(doc, o).and_then(as_number)?;
    }
    Some(out)
}
