//! The kinds a header names: the document kind (判决书, 裁定书, …) and the case kind (民事, 刑事,
//! …). Typed, so that code compares variants instead of Chinese strings. The rules' scopes
//! serialize them by variant (`civil`, `judgment`); the `document` object of the reports prints
//! the word as the header writes it (`name_zh`, see `DocInfo`).

use serde::{Serialize, Serializer};
use std::fmt;

/// The kind of case a document decides: which rules apply depends on it (each rule's `explain`
/// says which kinds it covers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CaseKind {
    /// 民事 (including 商事 case numbers).
    Civil,
    /// 行政.
    Administrative,
    /// 刑事 (including 刑事附带民事).
    Criminal,
    /// 执行 (enforcement) cases: rulings, notices and decisions of the execution agency.
    Execution,
    /// 国家赔偿 decisions.
    StateCompensation,
    /// 司法救助 decisions: named by the header, not a scope of any rule.
    JudicialAid,
    Unknown,
}

impl CaseKind {
    /// The word in a kind line (民事判决书 → 民事).
    pub fn from_name(word: &str) -> Option<CaseKind> {
        Some(match word {
            "民事" => CaseKind::Civil,
            "行政" => CaseKind::Administrative,
            "刑事" => CaseKind::Criminal,
            "执行" => CaseKind::Execution,
            "国家赔偿" => CaseKind::StateCompensation,
            "司法救助" => CaseKind::JudicialAid,
            _ => return None,
        })
    }

    /// The word as the header writes it and the reports print it.
    pub const fn name_zh(self) -> &'static str {
        match self {
            CaseKind::Civil => "民事",
            CaseKind::Administrative => "行政",
            CaseKind::Criminal => "刑事",
            CaseKind::Execution => "执行",
            CaseKind::StateCompensation => "国家赔偿",
            CaseKind::JudicialAid => "司法救助",
            CaseKind::Unknown => "未能识别",
        }
    }
}

/// The kind of document, from its title line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DocKind {
    /// 判决书
    Judgment,
    /// 裁定书
    Ruling,
    /// 调解书
    Mediation,
    /// 决定书
    Decision,
    /// 通知书
    Notice,
    /// 支付令
    PaymentOrder,
    /// 财产令
    PropertyOrder,
    /// 执行令
    ExecutionOrder,
    /// 令 (any other order)
    Order,
}

impl DocKind {
    /// The kind word at the end of a title line (民事判决书 → 判决书).
    pub fn from_name(word: &str) -> Option<DocKind> {
        Some(match word {
            "判决书" => DocKind::Judgment,
            "裁定书" => DocKind::Ruling,
            "调解书" => DocKind::Mediation,
            "决定书" => DocKind::Decision,
            "通知书" => DocKind::Notice,
            "支付令" => DocKind::PaymentOrder,
            "财产令" => DocKind::PropertyOrder,
            "执行令" => DocKind::ExecutionOrder,
            _ if word.ends_with('令') => DocKind::Order,
            _ => return None,
        })
    }

    pub const fn name_zh(self) -> &'static str {
        match self {
            DocKind::Judgment => "判决书",
            DocKind::Ruling => "裁定书",
            DocKind::Mediation => "调解书",
            DocKind::Decision => "决定书",
            DocKind::Notice => "通知书",
            DocKind::PaymentOrder => "支付令",
            DocKind::PropertyOrder => "财产令",
            DocKind::ExecutionOrder => "执行令",
            DocKind::Order => "令",
        }
    }

    /// An order (支付令, 财产令, 执行令, 令).
    pub fn is_order(self) -> bool {
        matches!(
            self,
            DocKind::PaymentOrder
                | DocKind::PropertyOrder
                | DocKind::ExecutionOrder
                | DocKind::Order
        )
    }
}

macro_rules! as_text {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name_zh())
            }
        }

        /// Transitional: `info.kind.as_deref()` still reads the word, so the reports that print
        /// it with `unwrap_or("")` keep compiling while they move to `name_zh`.
        impl std::ops::Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                self.name_zh()
            }
        }
    };
}

as_text!(CaseKind);
as_text!(DocKind);

/// `DocInfo`'s kind fields print the word (`"kind": "判决书"`), as the JSON contract says.
pub(super) fn word<T: fmt::Display, S: Serializer>(k: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match k {
        Some(k) => s.collect_str(k),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for k in [
            DocKind::Judgment,
            DocKind::Ruling,
            DocKind::Mediation,
            DocKind::Decision,
            DocKind::Notice,
            DocKind::PaymentOrder,
            DocKind::PropertyOrder,
            DocKind::ExecutionOrder,
            DocKind::Order,
        ] {
            assert_eq!(DocKind::from_name(k.name_zh()), Some(k));
        }
        for k in [
            CaseKind::Civil,
            CaseKind::Administrative,
            CaseKind::Criminal,
            CaseKind::Execution,
            CaseKind::StateCompensation,
            CaseKind::JudicialAid,
        ] {
            assert_eq!(CaseKind::from_name(k.name_zh()), Some(k));
        }
        assert_eq!(CaseKind::from_name(""), None);
        assert_eq!(DocKind::from_name("搜查令"), Some(DocKind::Order));
        assert_eq!(
            serde_json::to_string(&DocKind::Mediation).unwrap(),
            "\"mediation\""
        );
        assert_eq!(CaseKind::Criminal.to_string(), "刑事");
    }

    #[test]
    fn doc_info_prints_the_words() {
        let info = super::super::DocInfo {
            kind: Some(DocKind::PaymentOrder),
            case_kind: Some(CaseKind::Civil),
            case_number: None,
            date: None,
        };
        assert_eq!(
            serde_json::to_value(&info).unwrap(),
            serde_json::json!({"kind": "支付令", "case_kind": "民事", "case_number": null, "date": null})
        );
    }
}
