//! EX002, registration transfers (过户, 协助办理…转移登记): what tells the object apart.
//!
//! Real estate needs its location (坐落) and 不动产权证号; a vehicle its plate number or VIN; a
//! share the company and the amount or ratio. A transfer item that names no kind of object needs
//! any of these. The identifier regexes are those of `patterns/preservation.txt`.

use crate::patterns::Patterns;

use crate::rules::Family;

const F: &str = Family::Enforceability.pattern_file();
const IDS: &str = Family::Preservation.pattern_file();

/// What a transfer sentence lacks, in Chinese (`None`: not a transfer, or identified). `context`
/// is the rest of the ruling and the facts, read when the sentence points back (上述房屋, 第一项,
/// 案涉车辆).
pub fn transfer_lacks(p: &Patterns, sentence: &str, context: &str) -> Option<&'static str> {
    if !p.regexes(F, "transfer").is_match(sentence) {
        return None;
    }
    let lacks = |t: &str| -> Option<&'static str> {
        let house = p.keywords(F, "transfer_real_estate").is_match(t);
        let vehicle = p.keywords(F, "transfer_vehicle").is_match(t);
        let share = p.keywords(F, "transfer_share").is_match(t);
        let house_ok = p.regexes(IDS, "property_certificate").is_match(t)
            && p.regexes(IDS, "location").is_match(t);
        let vehicle_ok = p.regexes(IDS, "vehicle").is_match(t);
        let share_ok = p.regexes(IDS, "share").is_match(t);
        if house && !house_ok {
            Some("不动产的坐落和不动产权证号")
        } else if vehicle && !vehicle_ok {
            Some("车辆的号牌号码（车辆识别代号）")
        } else if share && !share_ok {
            Some("股权所在公司及出资额或持股比例")
        } else if !(house || vehicle || share || house_ok || vehicle_ok || share_ok) {
            Some("过户标的（不动产的坐落和权证号、车辆号牌、股权所在公司及数额）")
        } else {
            None
        }
    };
    let missing = lacks(sentence)?;
    if p.regexes(F, "transfer_reference").is_match(sentence) && lacks(context).is_none() {
        return None;
    }
    Some(missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfers_need_what_tells_the_object_apart() {
        let p = Patterns::builtin().unwrap();
        for (t, lacks) in [
            ("被告于本判决生效之日起三十日内协助原告办理房屋过户手续", true),
            ("被告协助原告将位于绵阳市涪城区临园路12号的房屋过户至原告名下", true),
            ("被告协助原告办理坐落于绵阳市涪城区临园路12号房屋（不动产权证号：川（2020）绵阳市不动产权第0012345号）的转移登记手续", false),
            ("被告协助原告将小型轿车一辆转移登记至原告名下", true),
            ("被告协助原告将车牌号为川B12345的小型轿车过户至原告名下", false),
            ("被告协助原告办理股权变更登记手续", true),
            ("被告将其持有的绵阳市锦鸿餐饮管理有限公司20%的股权变更登记至原告名下", false),
            ("被告协助原告办理过户手续", true),
            ("被告支付原告货款30000元", false),
        ] {
            assert_eq!(transfer_lacks(&p, t, "").is_some(), lacks, "{t}");
        }
        // pointing back at an object identified in another item
        let ctx = "一、位于绵阳市涪城区临园路12号的房屋（不动产权证号：川（2020）绵阳市不动产权第0012345号）归原告所有；";
        assert!(transfer_lacks(&p, "二、被告协助原告办理上述房屋的过户手续", ctx).is_none());
        assert!(transfer_lacks(&p, "二、被告协助原告办理上述房屋的过户手续", "").is_some());
    }
}
