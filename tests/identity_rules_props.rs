//! Property tests at the rule level: a judgment whose party carries a generated valid identity
//! number (or credit code) gets no ID002 (ID004); the same judgment with one character of the
//! number changed gets exactly one, located on that party line. Full-width digits and a line
//! wrap inside the number don't change the verdict.

use proptest::prelude::*;
use wenshu_lint::idnum::{make_resident_id, make_uscc};
use wenshu_lint::{lint_bytes, Options};

fn judgment(person_line: &str, org_line: &str) -> String {
    format!(
        "四川省绵阳市涪城区人民法院\n民 事 判 决 书\n（2024）川0703民初1022号\n{person_line}\n{org_line}\n法定代表人：王建国，该公司总经理。\n原告张明与被告绵阳市鑫源建材有限公司买卖合同纠纷一案，本院于2024年3月15日立案后，依法适用简易程序，公开开庭进行了审理。\n本院认为，被告应当支付货款。依照《中华人民共和国民法典》第六百二十六条之规定，判决如下：\n被告绵阳市鑫源建材有限公司于本判决生效之日起十日内支付原告张明货款30000元。\n如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，由被告负担。\n本判决生效后，负有履行义务的当事人应当自觉履行。逾期不履行的，权利人可以申请强制执行，义务人将被纳入失信被执行人名单。\n审　判　员　　李　华\n二〇二四年十月九日\n书　记　员　　赵　敏"
    )
}

fn findings(text: &str, code: &str) -> Vec<String> {
    let r = lint_bytes(text.as_bytes(), "p.txt", &Options::default());
    assert!(r.error.is_none());
    r.findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| f.context.clone())
        .collect()
}

fn person(id: &str, y: u16, m: u8, d: u8, male: bool) -> String {
    format!("原告：张明，{}，{y}年{m}月{d}日出生，汉族，住四川省绵阳市涪城区临园路12号，公民身份号码：{id}。", if male { "男" } else { "女" })
}

const ORG: &str = "被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：91510703MA6284QXX1。";

fn mutate(s: &str, pos: usize, pick: usize, alphabet: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let pos = pos % chars.len();
    let options: Vec<char> = alphabet.chars().filter(|c| *c != chars[pos]).collect();
    chars[pos] = options[pick % options.len()];
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn valid_ids_pass_and_single_mutations_fire(y in 1940u16..2005, m in 1u8..=12, d in 1u8..=28, seq in 0u16..1000, male in any::<bool>(), pos in 0usize..18, pick in 0usize..10) {
        let id = make_resident_id("510703", y, m, d, seq, male).unwrap();
        let ok = judgment(&person(&id, y, m, d, male), ORG);
        prop_assert_eq!(findings(&ok, "ID002").len(), 0);
        prop_assert_eq!(findings(&ok, "ID001").len(), 0);
        let bad_id = mutate(&id, pos, pick, "0123456789X");
        let bad = judgment(&person(&bad_id, y, m, d, male), ORG);
        let f = findings(&bad, "ID002");
        prop_assert_eq!(f.len(), 1, "{} → {}", id, bad_id);
        prop_assert!(f[0].starts_with("原告：张明"));
    }

    #[test]
    fn full_width_and_wrapped_numbers_read_as_one(y in 1940u16..2005, m in 1u8..=12, d in 1u8..=28, seq in 0u16..1000, male in any::<bool>(), split in 1usize..17) {
        let id = make_resident_id("510703", y, m, d, seq, male).unwrap();
        let wide: String = id.chars().map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 - 0x30 + 0xFF10).unwrap() } else { c }).collect();
        prop_assert_eq!(findings(&judgment(&person(&wide, y, m, d, male), ORG), "ID002").len(), 0);
        let wrapped = format!("{} {}", &id[..split], &id[split..]);
        prop_assert_eq!(findings(&judgment(&person(&wrapped, y, m, d, male), ORG), "ID002").len(), 0);
    }

    #[test]
    fn sex_and_birth_date_must_agree(y in 1940u16..2005, m in 1u8..=12, d in 1u8..=27, seq in 0u16..1000, male in any::<bool>()) {
        let id = make_resident_id("510703", y, m, d, seq, male).unwrap();
        prop_assert_eq!(findings(&judgment(&person(&id, y, m, d, !male), ORG), "ID002").len(), 1);
        prop_assert_eq!(findings(&judgment(&person(&id, y, m, d + 1, male), ORG), "ID002").len(), 1);
    }

    #[test]
    fn credit_codes(body in "[0-9A-HJ-NP-RTUW-Y]{8}", pos in 0usize..18, pick in 0usize..31) {
        let code = make_uscc('9', '1', "510703", &body).unwrap();
        let pline = person("510703198001011232", 1980, 1, 1, true);
        let org = |c: &str| format!("被告：绵阳市鑫源建材有限公司，住所地四川省绵阳市涪城区创业路18号，统一社会信用代码：{c}。");
        prop_assert_eq!(findings(&judgment(&pline, &org(&code)), "ID004").len(), 0);
        let bad = mutate(&code, pos, pick, "0123456789ABCDEFGHJKLMNPQRTUWXY");
        let f = findings(&judgment(&pline, &org(&bad)), "ID004");
        prop_assert_eq!(f.len(), 1, "{} → {}", code, bad);
        prop_assert!(f[0].starts_with("被告：绵阳市鑫源建材有限公司"));
    }
}
