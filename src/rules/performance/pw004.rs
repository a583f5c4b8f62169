//! PW004: the 迟延履行 notice cites a Civil Procedure Law article not in force on the document's
//! date (the table is `[delay_article:table]` of performance.txt, see [`ArticleTable`]).

use super::{delay_notices, SEED};
use crate::diagnostic::Severity;
use crate::rules::items::{article_number, fmt_ymd, ArticlePeriod, ArticleTable};
use crate::rules::{Check, Context, Default, Emitter, Example, Family, Rule, Scope, BOTH};
use crate::structure::Section;
use std::ops::Range;

pub const PW004: Rule = Rule {
    code: "PW004",
    name: "WrongDelayInterestArticle",
    severity: Severity::Error,
    family: Family::Performance,
    default: Default::On,
    scope: Scope {
        sections: &[Section::Ruling, Section::Tail, Section::Signature],
        cases: &[],
        documents: &[],
    },
    summary: "The delayed-performance notice cites a Civil Procedure Law article that was not in force on the document's date",
    message: "迟延履行告知引用的民事诉讼法条文序号与文书日期不符",
    help: "按文书日期引用当时有效的民事诉讼法条文：2008年4月1日前第二百三十二条，2008年4月1日至2012年12月31日第二百二十九条，2013年1月1日至2021年12月31日第二百五十三条，2022年1月1日至2023年12月31日第二百六十条，2024年1月1日起第二百六十四条",
    explain: "民事诉讼法历次修正后，迟延履行条文的序号变化：第二百三十二条（2008年4月1日前）、第二百二十九条（2008年4月1日至2012年12月31日）、第二百五十三条（2013年1月1日至2021年12月31日）、第二百六十条（2022年1月1日至2023年12月31日）、第二百六十四条（2024年1月1日起）。迟延履行告知引用的条文与文书落款日期不符的，执行中计算迟延履行利息的依据有误。只检查迟延履行告知那一句中引用的民事诉讼法条文，不检查其他法律，也不检查申请执行期间等其他句子。对照表是 patterns/performance.txt 中的 [delay_article:table]，法律再次修正时只需增加一行。适用范围：任何载有迟延履行告知的文书（判决书、调解书、裁定书），按文书落款日期检查。",
    seed: SEED,
    profiles: BOTH,
    bad: &[Example {
        parts: &[(
            Section::Tail,
            "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百五十三条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，由被告绵阳市鑫源建材有限公司负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
        )],
    }],
    good: &[
        Example { parts: &[] },
        Example {
            parts: &[
                (
                    Section::Tail,
                    "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百五十三条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费550元，由被告绵阳市鑫源建材有限公司负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于四川省绵阳市中级人民法院。\n本判决生效后，负有履行义务的当事人应当自觉履行判决确定的义务。逾期不履行的，权利人可以申请强制执行。",
                ),
                (Section::Signature, "审　判　员　　李　华\n二〇二一年十月九日\n书　记　员　　赵　敏"),
            ],
        },
    ],
};

pub const CHECK: Check = Check {
    rules: &[PW004],
    run: check,
};

/// The sentence of `text` around `range` (bounded by 。！？).
fn sentence_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = text[..range.start]
        .rfind(['。', '！', '？'])
        .map(|i| i + '。'.len_utf8())
        .unwrap_or(0);
    let end = text[range.end..]
        .find(['。', '！', '？'])
        .map(|i| range.end + i)
        .unwrap_or(text.len());
    start..end
}

fn period_text(p: &ArticlePeriod) -> String {
    match (p.start, p.end) {
        (Some(s), Some(e)) => format!("{}至{}", fmt_ymd(s), fmt_ymd(e)),
        (Some(s), None) => format!("{}起", fmt_ymd(s)),
        (None, Some(e)) => format!("{}及以前", fmt_ymd(e)),
        (None, None) => "任何日期".to_string(),
    }
}

fn check(ctx: &Context, out: &mut Emitter) {
    let notices = delay_notices(ctx);
    if notices.is_empty() {
        return;
    }
    let Some(date) = ctx.st.info.ymd() else {
        return;
    };
    let r = &PW004;
    let table = match ArticleTable::from_patterns(ctx.patterns) {
        Ok(t) => t,
        Err(e) => {
            // A broken table must not silently switch the rule off.
            if let Some((para, range)) = notices.first() {
                out.push(ctx.diag(
                    r,
                    ctx.span_in(*para, range.start, range.end),
                    format!("无法检查迟延履行条文：条文对照表有误（{e}）"),
                ));
            }
            return;
        }
    };
    let Some(period) = table.on(date) else {
        return;
    };
    let cites = ctx
        .patterns
        .regexes(Family::Performance.pattern_file(), "cpl_article");
    for (para, range) in notices {
        let text = ctx.text(para);
        let sentence = sentence_around(text, &range);
        let s = &text[sentence.clone()];
        for re in cites.regexes() {
            for caps in re.captures_iter(s) {
                let Some(m) = caps.get(0) else { continue };
                let number = caps
                    .name("art")
                    .and_then(|a| article_number(a.as_str()))
                    .or_else(|| {
                        let t = m.as_str();
                        let from = t.rfind('第')?;
                        article_number(&t[from..])
                    });
                let Some(number) = number else { continue };
                if number == period.article {
                    continue;
                }
                let cited = &m.as_str()[m.as_str().rfind('第').unwrap_or(0)..];
                out.push(ctx.diag(
                    r,
                    ctx.span_in(para, sentence.start + m.start(), sentence.start + m.end()),
                    format!(
                        "迟延履行告知引用民事诉讼法{}，但文书日期{}适用的是{}（{}）",
                        cited,
                        fmt_ymd(date),
                        period.text,
                        period_text(period)
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::performance::testing::*;

    #[test]
    fn pw004_articles_by_date() {
        let cases = [
            ("二〇〇七年五月六日", "第二百三十二条", true),
            ("二〇一一年十月十日", "第二百二十九条", true),
            ("二〇一二年九月二十二日", "第二百二十九条", true),
            ("二〇一三年一月一日", "第二百二十九条", false),
            ("二〇一六年五月六日", "第二百五十三条", true),
            ("二〇二一年十二月三十一日", "第二百五十三条", true),
            ("二〇二二年三月一日", "第二百五十三条", false),
            ("二〇二三年三月一日", "第二百六十条", true),
            ("二〇二四年三月一日", "第二百六十条", false),
            ("二〇二四年三月一日", "第264条", true),
        ];
        for (date, art, ok) in cases {
            let notice = NOTICE_253.replace("第二百五十三条", art);
            let warn = "本判决生效后，当事人应当自觉履行义务，逾期不履行的，对方可以申请强制执行。";
            let tail = format!("{notice}\n{FEE}\n{warn}");
            let f = findings(&judgment(PAY, &tail, date, ""));
            let pw4: Vec<_> = f.iter().filter(|f| f.code == "PW004").collect();
            assert_eq!(pw4.is_empty(), ok, "{date} {art}: {pw4:?}");
            if let Some(d) = pw4.first() {
                assert!(d.excerpt.contains(art), "{}", d.excerpt);
            }
        }
    }

    #[test]
    fn pw004_only_the_notice_sentence_and_only_the_cpl() {
        // 第二百三十九条 (period for applying for enforcement) in the next sentence is not checked
        let tail = format!("如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百五十三条之规定，加倍支付迟延履行期间的债务利息。申请执行的期间依照《中华人民共和国民事诉讼法》第二百三十九条的规定为二年。\n{FEE}");
        assert!(!codes(&judgment(PAY, &tail, DATE_2016, "")).contains(&"PW004"));
        // the SPC interpretation is not the Civil Procedure Law
        let tail = format!("如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百五十三条、《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五百零五条之规定，加倍支付迟延履行期间的债务利息。\n{FEE}");
        assert!(!codes(&judgment(PAY, &tail, DATE_2016, "")).contains(&"PW004"));
    }
}
