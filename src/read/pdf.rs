//! PDF reader (lopdf parser + own text layer). See issue #2.
use super::{Limits, ReadCode, ReadError};
use crate::document::Document;

pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, ReadError> {
    Err(ReadError::new(ReadCode::Internal, "PDF 读取尚未实现"))
}
