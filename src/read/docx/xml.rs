//! Small namespace-aware helpers shared by the DOCX part readers.
//!
//! Element and attribute names are always resolved through their namespace URI, never through
//! the prefix: `w:p`, `ns0:p` and a default-namespace `p` are the same element when they are
//! bound to the WordprocessingML namespace.

use quick_xml::events::BytesStart;
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;

/// WordprocessingML, transitional (what Word, WPS and LibreOffice write).
pub const W_NS: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// WordprocessingML, strict (ISO/IEC 29500 strict conformance).
pub const W_STRICT_NS: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
/// Markup compatibility (`mc:AlternateContent`).
pub const MC_NS: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Namespace of an element, as far as the readers care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML (transitional or strict).
    W,
    /// Markup compatibility.
    Mc,
    /// Anything else (DrawingML, VML, Office extensions, unbound names…).
    Other,
}

/// Classify a resolved namespace.
pub fn ns_of(res: &ResolveResult) -> Ns {
    match res {
        ResolveResult::Bound(Namespace(ns)) if *ns == W_NS || *ns == W_STRICT_NS => Ns::W,
        ResolveResult::Bound(Namespace(ns)) if *ns == MC_NS => Ns::Mc,
        _ => Ns::Other,
    }
}

/// The value of attribute `local` on `e` when it is in the WordprocessingML namespace (or
/// unqualified, which some generators write). Malformed attributes count as absent.
pub fn w_attr<R>(reader: &NsReader<R>, e: &BytesStart, local: &[u8]) -> Option<String> {
    for attr in e.attributes().with_checks(false).flatten() {
        if attr.key.local_name().as_ref() != local {
            continue;
        }
        let (res, _) = reader.resolve_attribute(attr.key);
        let ok = match res {
            ResolveResult::Unbound => true,
            ref r => ns_of(r) == Ns::W,
        };
        if ok {
            return attr.unescape_value().ok().map(|v| v.into_owned());
        }
    }
    None
}

/// The value of an attribute by local name, whatever its namespace (package parts: `.rels`,
/// `[Content_Types].xml`, where attributes are unqualified).
pub fn plain_attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Parse an integer attribute value leniently (surrounding white space allowed).
pub fn parse_int(v: Option<String>) -> Option<i64> {
    v.and_then(|s| s.trim().parse::<i64>().ok())
}

/// `w:val` style on/off values: absent or anything but `0`/`false`/`off` means on.
pub fn on_off(v: Option<String>) -> bool {
    !matches!(v.as_deref().map(str::trim), Some("0" | "false" | "off"))
}
