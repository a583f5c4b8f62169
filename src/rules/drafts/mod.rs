//! Drafts: DR001 (unfilled placeholders).

pub mod dr001;

pub use dr001::{placeholder_spans, SUPERSEDES};
