//! Appendix phase: whatever follows the signature block (相关法律条文, a summary table, a
//! performance notice printed after the document).

use super::Section;

/// Mark every paragraph from `signature_end` on as appendix.
pub(super) fn mark_appendix(sections: &mut [Section], signature_end: usize) {
    for sec in sections.iter_mut().skip(signature_end) {
        *sec = Section::Appendix;
    }
}
