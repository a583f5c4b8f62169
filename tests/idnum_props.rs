//! Property tests for `wenshu_lint::idnum`.

use proptest::prelude::*;
use wenshu_lint::idnum::*;

const PROVINCES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
];

/// (region, date, seq, male) for a valid resident ID, born 1900–2020.
fn resident_parts() -> impl Strategy<Value = (String, Date, u16, bool)> {
    (
        prop::sample::select(PROVINCES),
        0u32..10_000,
        1900u16..=2020,
        1u8..=12,
        1u8..=31,
        0u16..1000,
        any::<bool>(),
    )
        .prop_filter_map("calendar date", |(p, rest, y, m, d, seq, male)| {
            let date = Date::new(y, m, d)?;
            Some((format!("{p}{rest:04}"), date, seq, male))
        })
}

fn resident_id() -> impl Strategy<Value = String> {
    resident_parts().prop_map(|(r, d, s, male)| {
        make_resident_id(&r, d.year, d.month, d.day, s, male).expect("valid parts")
    })
}

/// Registration authority / organisation type pairs of GB 32100.
const REG_PAIRS: &[(char, char)] = &[
    ('1', '1'),
    ('1', '2'),
    ('1', '3'),
    ('1', '9'),
    ('5', '1'),
    ('5', '2'),
    ('5', '3'),
    ('5', '9'),
    ('9', '1'),
    ('9', '2'),
    ('9', '3'),
    ('Y', '1'),
];

fn uscc() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = USCC_ALPHABET.chars().collect();
    (
        prop::sample::select(REG_PAIRS),
        0u32..1_000_000,
        prop::collection::vec(prop::sample::select(alphabet), 8),
    )
        .prop_map(|((a, t), region, body)| {
            let body: String = body.into_iter().collect();
            make_uscc(a, t, &format!("{region:06}"), &body).expect("valid parts")
        })
}

fn full_width(c: char) -> char {
    if c.is_ascii_alphanumeric() {
        char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
    } else {
        c
    }
}

/// Renders `s` with each character full width where `fw[i]` and white space (one of a few kinds)
/// inserted before character `i` where `ws[i]` is `Some`.
fn render(s: &str, fw: &[bool], ws: &[Option<usize>]) -> String {
    const SPACES: [&str; 4] = [" ", "\n", "\u{3000}", "\r\n"];
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 {
            if let Some(k) = ws.get(i).copied().flatten() {
                out.push_str(SPACES[k % SPACES.len()]);
            }
        }
        out.push(if fw.get(i).copied().unwrap_or(false) {
            full_width(c)
        } else {
            c
        });
    }
    out
}

const PREFIXES: &[&str] = &[
    "被告：陈志强，男，汉族，公民身份号码：",
    "原告王丽，居民身份证号码",
    "第三人：李四，身份证号:",
    "被申请人张某，身份证号码为",
    "上诉人（原审被告）：赵某，公民身份号码 ",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_resident_ids_validate((region, date, seq, male) in resident_parts()) {
        let id = make_resident_id(&region, date.year, date.month, date.day, seq, male).unwrap();
        let info = validate_resident_id(&id).unwrap();
        prop_assert_eq!(info.birth, date);
        prop_assert_eq!(info.male, male);
        prop_assert_eq!(info.region(), region.as_str());
        prop_assert_eq!(info.kind, IdKind::ResidentId);
        prop_assert_eq!(resident_check_digit(&id[..17]), id.chars().last());
    }

    /// MOD 11-2 catches every single substitution.
    #[test]
    fn one_substitution_fails(id in resident_id(), pos in 0usize..18, r in 0usize..11) {
        let allowed: &[char] = if pos == 17 {
            &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']
        } else {
            &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']
        };
        let new = allowed[r % allowed.len()];
        let old = id.as_bytes()[pos] as char;
        prop_assume!(new != old);
        let mut m: Vec<char> = id.chars().collect();
        m[pos] = new;
        let m: String = m.into_iter().collect();
        prop_assert!(validate_resident_id(&m).is_err(), "{} -> {} accepted", id, m);
    }

    /// MOD 11-2 catches every transposition of adjacent distinct characters.
    #[test]
    fn adjacent_swap_fails(id in resident_id(), pos in 0usize..17) {
        let mut m: Vec<char> = id.chars().collect();
        prop_assume!(m[pos] != m[pos + 1]);
        m.swap(pos, pos + 1);
        let m: String = m.into_iter().collect();
        prop_assert!(validate_resident_id(&m).is_err(), "{} -> {} accepted", id, m);
    }

    #[test]
    fn generated_usccs_validate(code in uscc()) {
        prop_assert_eq!(validate_uscc(&code), Ok(()));
        prop_assert_eq!(uscc_check_char(&code[..17]), code.chars().last());
        prop_assert_eq!(validate_org_code(&code[8..17]), Ok(()));
    }

    /// Mod 31 catches every single substitution within the alphabet (and anything else is a bad
    /// character).
    #[test]
    fn uscc_one_substitution_fails(code in uscc(), pos in 0usize..18, r in 0usize..31) {
        let new = USCC_ALPHABET.chars().nth(r).unwrap();
        let old = code.as_bytes()[pos] as char;
        prop_assume!(new != old);
        let mut m: Vec<char> = code.chars().collect();
        m[pos] = new;
        let m: String = m.into_iter().collect();
        prop_assert!(validate_uscc(&m).is_err(), "{} -> {} accepted", code, m);
    }

    /// A labelled number written in full width and/or broken by white space (a PDF wrap) reads as
    /// the same number, and its span covers exactly the rendered number.
    #[test]
    fn labelled_rendering_is_normalised(
        id in resident_id(),
        prefix in prop::sample::select(PREFIXES),
        fw in prop::collection::vec(any::<bool>(), 18),
        ws in prop::collection::vec(prop::option::weighted(0.1, 0usize..4), 18),
    ) {
        let rendered = render(&id, &fw, &ws);
        let line = format!("{prefix}{rendered}，住四川省绵阳市。");
        let found = find_person_ids(&line);
        prop_assert_eq!(found.len(), 1, "{:?}", found);
        prop_assert_eq!(&found[0].normalized, &id);
        prop_assert_eq!(&line[found[0].span.clone()], rendered.as_str());
        prop_assert!(!found[0].masked);
        prop_assert!(found[0].validate().is_ok());
    }

    #[test]
    fn labelled_uscc_rendering_is_normalised(
        code in uscc(),
        fw in prop::collection::vec(any::<bool>(), 18),
        ws in prop::collection::vec(prop::option::weighted(0.1, 0usize..4), 18),
    ) {
        let rendered = render(&code, &fw, &ws);
        let line = format!("被告：某某有限公司，统一社会信用代码：{rendered}。");
        let found = find_credit_codes(&line);
        prop_assert_eq!(found.len(), 1, "{:?}", found);
        prop_assert_eq!(&found[0].normalized, &code);
        prop_assert_eq!(found[0].validate(), Ok(()));
        prop_assert!(find_person_ids(&line).is_empty());
    }

    /// Masked numbers are flagged and never validate.
    #[test]
    fn masked_numbers_never_validate(
        id in resident_id(),
        start in 2usize..14,
        len in 2usize..12,
        sym in prop::sample::select(vec!['*', '＊', '×', 'X']),
        labelled in any::<bool>(),
    ) {
        let end = (start + len).min(16);
        prop_assume!(end > start + 1);
        let masked: String = id
            .chars()
            .enumerate()
            .map(|(i, c)| if (start..end).contains(&i) { sym } else { c })
            .collect();
        prop_assert!(validate_resident_id(&masked).is_err());
        let line = if labelled {
            format!("被告：王某，男，公民身份号码：{masked}。")
        } else {
            format!("被告：王某（{masked}）")
        };
        let found = find_person_ids(&line);
        prop_assert_eq!(found.len(), 1, "{}: {:?}", line, found);
        prop_assert!(found[0].masked);
        prop_assert_eq!(found[0].validate(), Err(IdProblem::Masked));
    }

    /// The line agrees with a number built from what it states; flipping the stated sex or the
    /// stated year is caught.
    #[test]
    fn line_consistency((region, date, seq, male) in resident_parts(), flip_sex in any::<bool>(), flip_year in any::<bool>()) {
        let id = make_resident_id(&region, date.year, date.month, date.day, seq, male).unwrap();
        let stated_male = male ^ flip_sex;
        let stated_year = if flip_year { date.year + 1 } else { date.year };
        let line = format!(
            "被告：陈某，{}，{}年{}月{}日出生，汉族，公民身份号码：{}。",
            if stated_male { "男" } else { "女" }, stated_year, date.month, date.day, id
        );
        let found = find_person_ids(&line);
        let info = found[0].validate().unwrap().unwrap();
        let c = check_against_line(&info, &line);
        let sex = c.iter().any(|c| matches!(c, Contradiction::Sex { .. }));
        let birth = c.iter().any(|c| matches!(c, Contradiction::BirthDate { .. }));
        prop_assert_eq!(sex, flip_sex);
        prop_assert_eq!(birth, flip_year);
    }

    #[test]
    fn phones_found_and_masked_flagged(second in 3u8..=9, rest in 0u64..1_000_000_000, mask in any::<bool>()) {
        let number = format!("1{second}{rest:09}");
        let written = if mask {
            format!("{}****{}", &number[..3], &number[7..])
        } else {
            number.clone()
        };
        let line = format!("被告：王某，联系电话：{written}，住…");
        let found = find_phone_numbers(&line);
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(found[0].masked, mask);
        if !mask {
            prop_assert_eq!(&found[0].normalized, &number);
        }
        prop_assert!(find_person_ids(&line).is_empty());
    }

    #[test]
    fn log_mask_hides_the_middle(id in resident_id()) {
        let m = mask_for_log(&id);
        prop_assert_eq!(m.chars().count(), 18);
        prop_assert_eq!(&m[..4], &id[..4]);
        prop_assert_eq!(&m[16..], &id[16..]);
        prop_assert!(m[4..16].chars().all(|c| c == '*'));
    }

    /// No finder or validator panics, and every span is a valid range of the input.
    #[test]
    fn total_on_any_input(s in "(\\PC|[0-9０-９Xx*×：:，, \n]|身份证号码|公民身份号码|统一社会信用代码|账号|护照){0,60}") {
        for f in find_person_ids(&s) {
            prop_assert!(s.get(f.span.clone()).is_some());
            prop_assert_eq!(&s[f.span.clone()], f.raw.as_str());
            let _ = f.validate();
        }
        for f in find_credit_codes(&s) {
            prop_assert!(s.get(f.span.clone()).is_some());
            let _ = f.validate();
        }
        for f in find_phone_numbers(&s) {
            prop_assert!(s.get(f.span.clone()).is_some());
        }
        for f in find_bank_accounts(&s) {
            prop_assert!(s.get(f.span.clone()).is_some());
        }
        for b in stated_birth_dates(&s) {
            prop_assert!(s.get(b.span.clone()).is_some());
        }
        if let Some(x) = stated_sex(&s) {
            prop_assert!(s.get(x.span.clone()).is_some());
        }
        let _ = validate_resident_id(&s);
        let _ = validate_uscc(&s);
        let _ = validate_org_code(&s);
        let _ = mask_for_log(&s);
    }
}
