//! Finder tests over whole party lines.

use super::*;

const SAMPLE: &str =
    "被告：陈志强，男，1978年5月12日出生，汉族，住四川省绵阳市涪城区，公民身份号码：510107197805121232。";

#[test]
fn sample_party_line_is_consistent() {
    let ids = find_person_ids(SAMPLE);
    assert_eq!(ids.len(), 1);
    let id = &ids[0];
    assert_eq!(id.normalized, "510107197805121232");
    assert_eq!(&SAMPLE[id.span.clone()], "510107197805121232");
    assert_eq!(id.raw, "510107197805121232");
    assert_eq!(id.label, Some(IdLabel::ResidentId));
    assert_eq!(&SAMPLE[id.label_span.clone().unwrap()], "公民身份号码");
    assert_eq!(id.kind, IdKind::ResidentId);
    assert!(!id.masked);
    // The sample number is valid (check digit 2) and agrees with the line: male, 1978-05-12.
    let info = id.validate().unwrap().unwrap();
    assert!(info.male);
    assert_eq!(info.birth.as_tuple(), (1978, 5, 12));
    assert!(check_against_line(&info, SAMPLE).is_empty());
}

#[test]
fn contradictions_with_the_line() {
    let id = make_resident_id("510703", 1978, 5, 12, 24, false).unwrap();
    let line = format!("被告：陈志强，男，1979年5月12日出生，汉族，公民身份号码：{id}。");
    let found = &find_person_ids(&line)[0];
    let info = found.validate().unwrap().unwrap();
    let c = check_against_line(&info, &line);
    assert_eq!(c.len(), 2, "{c:?}");
    match &c[0] {
        Contradiction::BirthDate {
            stated,
            in_number,
            span,
        } => {
            assert_eq!(stated.year, 1979);
            assert_eq!(in_number.as_tuple(), (1978, 5, 12));
            assert_eq!(&line[span.clone()], "1979年5月12日出生");
        }
        other => panic!("{other:?}"),
    }
    match &c[1] {
        Contradiction::Sex { stated_male, span } => {
            assert!(*stated_male);
            assert_eq!(&line[span.clone()], "男");
        }
        other => panic!("{other:?}"),
    }
    assert!(c[1].message_zh().contains("性别"));
    assert!(!c[0].message_zh().contains(&id));
}

#[test]
fn phone_and_id_on_one_line() {
    let id = make_resident_id("510703", 1990, 7, 1, 123, true).unwrap();
    let line = format!("原告：王某，男，1990年7月1日出生，身份证号{id}，联系电话13808123456。");
    let ids = find_person_ids(&line);
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0].normalized, id);
    let phones = find_phone_numbers(&line);
    assert_eq!(phones.len(), 1);
    assert_eq!(phones[0].normalized, "13808123456");
    assert!(find_bank_accounts(&line).is_empty());
    assert!(find_credit_codes(&line).is_empty());
}

#[test]
fn amounts_case_numbers_and_dates_are_not_identifiers() {
    for line in [
        "被告于本判决生效之日起十日内偿还原告借款3856420元。",
        "（2022）川07民初1234号",
        "(2022)川07民初1234号",
        "本院于2022年3月15日立案，2022-03-15，20220315。",
        "合计人民币13856420000元。",
        "利息按年利率3.85%计算，共计1385642.50元。",
    ] {
        assert!(find_person_ids(line).is_empty(), "{line}");
        assert!(find_phone_numbers(line).is_empty(), "{line}");
        assert!(find_credit_codes(line).is_empty(), "{line}");
        assert!(find_bank_accounts(line).is_empty(), "{line}");
    }
}

#[test]
fn unlabelled_numbers() {
    let id = make_resident_id("510107", 1980, 1, 2, 3, true).unwrap();
    let line = format!("张三（{id}）");
    let ids = find_person_ids(&line);
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0].label, None);
    assert!(ids[0].validate().is_ok());

    // A bad check digit is still reported (ID002) when the shape is right.
    let mut bad = id.clone();
    let last = if bad.ends_with('0') { '1' } else { '0' };
    bad.pop();
    bad.push(last);
    let ids = find_person_ids(&format!("张三，{bad}，"));
    assert_eq!(ids.len(), 1);
    assert!(matches!(
        ids[0].validate(),
        Err(IdProblem::BadCheckDigit { .. })
    ));

    // Part of a longer number: nothing.
    assert!(find_person_ids(&format!("{id}1")).is_empty());
    assert!(find_person_ids(&format!("A{id}")).is_empty());
    // Obsolete 15-digit number, unlabelled.
    let ids = find_person_ids("李四，510107780512123，");
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0].kind, IdKind::ResidentIdFifteen);
    assert_eq!(ids[0].validate(), Err(IdProblem::ObsoleteFifteen));
    // 18 digits without a date where the date belongs: not an identity number.
    assert!(find_person_ids("编号：510107000012341234").is_empty());
}

#[test]
fn labelled_wrong_lengths_are_found() {
    let line = "被告：李四，女，公民身份号码：51010719800102123。";
    let ids = find_person_ids(line);
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0].validate(), Err(IdProblem::WrongLength(17)));
    let line = "被告：李四，女，身份证号码为51010719800102123456。";
    assert_eq!(
        find_person_ids(line)[0].validate(),
        Err(IdProblem::WrongLength(20))
    );
    let line = "被告：李四，身份证号：510107780512123";
    assert_eq!(
        find_person_ids(line)[0].validate(),
        Err(IdProblem::ObsoleteFifteen)
    );
}

#[test]
fn wrapped_and_full_width_numbers() {
    let id = make_resident_id("510703", 1985, 11, 30, 456, false).unwrap();
    let wrapped = format!("公民身份号码：{}\n{}。", &id[..10], &id[10..]);
    let ids = find_person_ids(&wrapped);
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0].normalized, id);
    assert!(ids[0].raw.contains('\n'));

    let full: String = id
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect();
    let line = format!("身份证号码：{full}，住…");
    let ids = find_person_ids(&line);
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0].normalized, id);
    assert_eq!(&line[ids[0].span.clone()], full);
    assert!(ids[0].validate().is_ok());
}

#[test]
fn masked_numbers() {
    for line in [
        "公民身份号码：5107**********0011",
        "公民身份号码5107××××××××××0011",
        "身份证号码：5107XXXXXXXXXX0011",
        "王某（5107**********0011）",
    ] {
        let ids = find_person_ids(line);
        assert_eq!(ids.len(), 1, "{line}");
        assert!(ids[0].masked, "{line}");
        assert_eq!(ids[0].validate(), Err(IdProblem::Masked));
        assert_eq!(ids[0].normalized, "5107**********0011");
    }
}

#[test]
fn substitutes() {
    let cases = [
        ("护照号码：E12345678", IdKind::ChinesePassport),
        ("护照号码C03005988", IdKind::ForeignPassport),
        (
            "港澳居民来往内地通行证号码：H12345678",
            IdKind::HkMacaoPermit,
        ),
        ("回乡证：M1234567801", IdKind::HkMacaoPermit),
        ("台湾居民来往大陆通行证号码：12345678", IdKind::TaiwanPermit),
        ("台胞证号：12345678", IdKind::TaiwanPermit),
        (
            "外国人永久居留身份证号码：USA123456789012",
            IdKind::ForeignPermanentResidentOld,
        ),
    ];
    for (line, kind) in cases {
        let ids = find_person_ids(line);
        assert_eq!(ids.len(), 1, "{line}");
        assert_eq!(ids[0].kind, kind, "{line}");
        assert!(kind.is_substitute());
        assert_eq!(ids[0].validate(), Ok(None), "{line}");
    }
    let permit = make_resident_id("810000", 1975, 6, 7, 8, true).unwrap();
    let line = format!("港澳台居民居住证号码：{permit}");
    let ids = find_person_ids(&line);
    assert_eq!(ids[0].kind, IdKind::ResidencePermit);
    assert_eq!(
        ids[0].validate().unwrap().unwrap().kind,
        IdKind::ResidencePermit
    );
    let pr = make_resident_id("933840", 1975, 6, 7, 8, false).unwrap();
    let line = format!("外国人永久居留身份证号码：{pr}");
    let ids = find_person_ids(&line);
    assert_eq!(ids[0].kind, IdKind::ForeignPermanentResident);
    assert!(ids[0].validate().is_ok());
    assert_eq!(
        find_person_ids("回乡证：H1234")[0].validate(),
        Err(IdProblem::BadFormat(IdKind::HkMacaoPermit))
    );
}

#[test]
fn credit_codes() {
    let line =
        "被告：绵阳某某科技有限公司，住所地四川省绵阳市，统一社会信用代码：91350100M000100Y43。";
    let codes = find_credit_codes(line);
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].label, Some(CodeLabel::Uscc));
    assert_eq!(codes[0].kind, CodeKind::Uscc);
    assert_eq!(&line[codes[0].span.clone()], "91350100M000100Y43");
    assert_eq!(codes[0].validate(), Ok(()));
    // Not a person's number.
    assert!(find_person_ids(line).is_empty());

    let codes = find_credit_codes("统一社会信用代码91510703MA6284QX7W");
    assert!(matches!(
        codes[0].validate(),
        Err(UsccProblem::BadOrgCode { .. })
    ));

    let codes = find_credit_codes("（统一社会信用代码：9135010 0M000100Y43）");
    assert_eq!(codes[0].normalized, "91350100M000100Y43");

    let codes = find_credit_codes("统一社会信用代码：91350100M000100Y4");
    assert_eq!(codes[0].validate(), Err(UsccProblem::WrongLength(17)));

    let codes = find_credit_codes("组织机构代码：71526726-X，");
    assert_eq!(codes[0].kind, CodeKind::OrgCode);
    assert_eq!(codes[0].normalized, "71526726X");
    assert_eq!(codes[0].validate(), Err(UsccProblem::ObsoleteOrgCode));
    assert_eq!(codes[0].validate_org_code(), Ok(()));

    // Bare codes.
    let codes = find_credit_codes("某公司（91350100M000100Y43）诉");
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].label, None);
    let codes = find_credit_codes("统一社会信用代码：913501******100Y43");
    assert!(codes[0].masked);
    assert_eq!(codes[0].validate(), Err(UsccProblem::Masked));
}

#[test]
fn uscc_generated_from_body() {
    let c = make_uscc('9', '1', "510703", "MA6284QX").unwrap();
    assert_eq!(validate_uscc(&c), Ok(()));
    let line = format!("法定代表人…，统一社会信用代码{c}");
    assert_eq!(find_credit_codes(&line)[0].normalized, c);
}

#[test]
fn masking_for_logs() {
    assert_eq!(mask_for_log("510107197805121232"), "5101************32");
    assert_eq!(mask_for_log("13800138000"), "1380*****00");
    assert_eq!(mask_for_log("1234567"), "1234*67");
    assert_eq!(mask_for_log(""), "");
    assert_eq!(mask_for_log("号码"), "**");
    assert_eq!(mask_for_log("5101 0719 7805 1212 32"), "5101************32");
}

#[test]
fn finders_never_panic_on_odd_input() {
    let odd = [
        "",
        "公民身份号码",
        "公民身份号码：",
        "身份证号码：：：：：：：：：：",
        "账号",
        "账户：中国",
        "１",
        "1",
        "+86",
        "138",
        "\u{FF10}\u{3000}\u{FF11}",
        "统一社会信用代码：\n",
        "组织机构代码－－－",
        "５１０１０７１９７８０５１２１２３２",
        "😀510107197805121232😀",
        "-13800138000-",
    ];
    for s in odd {
        let _ = find_person_ids(s);
        let _ = find_credit_codes(s);
        let _ = find_phone_numbers(s);
        let _ = find_bank_accounts(s);
        let _ = stated_birth_dates(s);
        let _ = stated_sex(s);
        let _ = validate_resident_id(s);
        let _ = validate_uscc(s);
        let _ = validate_org_code(s);
        let _ = mask_for_log(s);
    }
}
