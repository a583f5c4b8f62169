//! wenshu-lint: a linter for Chinese court documents (判决书, 裁定书, 调解书).
//!
//! The library does no printing and no file-system walking: bytes in, [`Document`] /
//! structure / diagnostics out. The binary (`src/main.rs`, `src/cli.rs`) is a thin front end.

pub mod document;
pub mod idnum;
pub mod read;

pub use document::{Document, Format, Location};
pub use read::{read_bytes, Limits, ReadCode, ReadError};
