//! Recognition of the document's structure: ST001.

pub mod st001;
