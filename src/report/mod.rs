//! Renderers: turn reports into text. Never re-read files; never print (the CLI prints).

pub mod catalogue;
pub mod csv;
pub mod dump;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
