//! Publication profile (法释〔2016〕19号): PV001.

pub mod pv001;
