//! Fees, seed item 9 (诉讼费的及时催收及移送): FE001, and how a paragraph decides the fee
//! ([`fee_decision`]). Vocabulary is in `patterns/fees.txt`.

pub mod fe001;
pub mod fe002;

use crate::patterns::Patterns;
use crate::rules::Family;

/// The pattern file of this family.
const FILE: &str = Family::Fees.pattern_file();

/// How complete a paragraph's fee decision is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FeeDecision {
    /// A fee word, but neither amount (nor reduction) nor bearer.
    NamedOnly,
    /// A fee word and a bearer, but no amount.
    NoAmount,
    /// A fee word and an amount, but no bearer.
    NoBearer,
    /// Amount (or reduction) and bearer, or an exemption.
    Complete,
}

/// Read one paragraph as a fee decision. `None`: the paragraph mentions no fee of this case (a
/// 预交上诉案件受理费 in the appeal notice is not one).
pub fn fee_decision(p: &Patterns, text: &str) -> Option<FeeDecision> {
    // the appeal notice (如不服本判决…预交上诉案件受理费…) decides no fee of this case
    let head = text.trim_start();
    if [
        "如不服",
        "如果不服",
        "如对本判决不服",
        "不服本判决",
        "如当事人不服",
    ]
    .iter()
    .any(|w| head.starts_with(w))
    {
        return None;
    }
    let appeal: Vec<(usize, usize)> = p
        .keywords(FILE, "appeal_fee")
        .find_iter(text)
        .map(|(s, e, _)| (s, e))
        .collect();
    let first_fee = p
        .keywords(FILE, "fee")
        .find_iter(text)
        .find(|(s, e, _)| !appeal.iter().any(|(a, b)| a <= s && e <= b))?;
    if p.keywords(FILE, "exemption").is_match(text) {
        return Some(FeeDecision::Complete);
    }
    // read from the fee word on: an amount before it belongs to something else
    let rest = &text[first_fee.0..];
    let amount =
        p.regexes(FILE, "amount").is_match(rest) || p.keywords(FILE, "reduction").is_match(rest);
    let bearer = p.regexes(FILE, "bearer").is_match(rest);
    Some(match (amount, bearer) {
        (true, true) => FeeDecision::Complete,
        (true, false) => FeeDecision::NoBearer,
        (false, true) => FeeDecision::NoAmount,
        (false, false) => FeeDecision::NamedOnly,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(text: &str) -> Option<FeeDecision> {
        fee_decision(&Patterns::builtin().unwrap(), text)
    }

    #[test]
    fn fee_wordings_from_practice() {
        use FeeDecision::*;
        for t in [
            "案件受理费550元，减半收取275元，由被告负担。",
            "本案收取受理费50元，由被告承担。",
            "本案受理费300元（减半收取），决定由原告负担。",
            "二审案件受理费8601．37元，由上诉人负担（已交纳）。",
            "案件受理费1591.00元，由原告自行负担205.00元，由被告负担1386.00元。",
            "案件受理费138元，减半收取69元，鉴定费800元，共计869元由被告负担。",
            "本案案件受理费适用简易程序减半收取为1150.00元，由被告承担（此款原告已预交）。",
            "案件受理费减半收取，由被告负担。",
            "本案免交案件受理费。",
            "案件受理费免予收取。",
            "二、案件受理费25元，由被告负担。",
            "上诉案件受理费50元，由上诉人文某自行承担。",
            "根据《诉讼费用交纳办法》第十七条的规定，上诉案件受理费50元，由上诉人负担。",
            "根据《诉讼费用交纳办法》第八条的规定，本案不交纳案件受理费。",
        ] {
            assert_eq!(decide(t), Some(Complete), "{t}");
        }
        assert_eq!(decide("案件受理费550元，原告已预交。"), Some(NoBearer));
        assert_eq!(decide("案件受理费由被告负担。"), Some(NoAmount));
        // the appeal notice's fee is not this case's fee decision
        assert_eq!(
            decide("如不服本判决，可在判决书送达之日起十五日内上诉，并于上诉期满后七日内预交上诉案件受理费10500元。"),
            None
        );
        assert_eq!(decide("如不服本判决，可以上诉。"), None);
    }
}
