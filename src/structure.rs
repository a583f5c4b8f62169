//! Document structure: which section every paragraph belongs to, the ruling items, the party
//! lines, and the header facts (document kind, case kind, case number, date).
//!
//! Rules ask this structure ("the ruling items", "the party lines") instead of scanning the text.
//! The parser works on paragraphs in reading order and anchors on the most reliable landmarks:
//! the signature block is found first (from the end), then the ruling trigger ("判决如下：") before
//! it, then the tail between the items and the signature; the parties follow the header.

use crate::document::Document;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// The section of a paragraph (`dump`'s `section` field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Header,
    Parties,
    Procedure,
    Reasoning,
    Ruling,
    Tail,
    Signature,
    Appendix,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Header => "header",
            Section::Parties => "parties",
            Section::Procedure => "procedure",
            Section::Reasoning => "reasoning",
            Section::Ruling => "ruling",
            Section::Tail => "tail",
            Section::Signature => "signature",
            Section::Appendix => "appendix",
        }
    }

    pub fn parse(s: &str) -> Option<Section> {
        Some(match s {
            "header" => Section::Header,
            "parties" => Section::Parties,
            "procedure" => Section::Procedure,
            "reasoning" => Section::Reasoning,
            "ruling" => Section::Ruling,
            "tail" => Section::Tail,
            "signature" => Section::Signature,
            "appendix" => Section::Appendix,
            _ => return None,
        })
    }
}

/// Header facts (`document` object in the JSON contract).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocInfo {
    /// 判决书 / 裁定书 / 调解书 / 决定书 / 通知书 / …
    pub kind: Option<String>,
    /// 民事 / 刑事 / 行政 / 执行 / 国家赔偿
    pub case_kind: Option<String>,
    pub case_number: Option<String>,
    /// ISO date (YYYY-MM-DD) from the signature block.
    pub date: Option<String>,
}

impl DocInfo {
    /// The date as (year, month, day).
    pub fn ymd(&self) -> Option<(i32, u32, u32)> {
        let d = self.date.as_deref()?;
        let mut it = d.split('-');
        Some((
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
        ))
    }
}

/// A party line (a party or a representative) in the parties section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyLine {
    /// 0-based paragraph index.
    pub para: usize,
    /// The role word as written (原告, 上诉人, 委托诉讼代理人 …), without the parenthesised
    /// procedural status.
    pub role: String,
    /// Byte length of the role prefix (including any （原审被告） and the colon).
    pub prefix_len: usize,
    /// A representative / prosecutor line, never itself a party to identify.
    pub representative: bool,
}

/// One ruling item (判项): its number and paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulingItem {
    /// 1-based item number.
    pub number: u32,
    /// 0-based paragraph indices, first is the item's own paragraph.
    pub paras: Vec<usize>,
    /// Bracketed notes that follow the item and are not part of the order itself (criminal
    /// items: "（刑期从…起计算。罚金于…缴纳。）"): section ruling, no item number.
    pub notes: Vec<usize>,
}

/// The structure of one document.
#[derive(Debug, Clone)]
pub struct Structure {
    pub info: DocInfo,
    /// One section per paragraph of the document.
    pub sections: Vec<Section>,
    /// Ruling item number per paragraph (ruling paragraphs only).
    pub item_of: Vec<Option<u32>>,
    pub parties: Vec<PartyLine>,
    pub items: Vec<RulingItem>,
    /// 0-based index of the paragraph that introduces the items (判决如下：…), if any.
    pub trigger: Option<usize>,
    /// 0-based index of the first signature paragraph, if any.
    pub signature_start: Option<usize>,
}

impl Structure {
    /// 0-based paragraph indices in `section`.
    pub fn in_section(&self, section: Section) -> impl Iterator<Item = usize> + '_ {
        self.sections
            .iter()
            .enumerate()
            .filter(move |(_, s)| **s == section)
            .map(|(i, _)| i)
    }

    pub fn is_mediation(&self) -> bool {
        self.info.kind.as_deref() == Some("调解书")
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary of structure (landmarks). Rule vocabulary lives in patterns/.

/// Party roles, longest first so that 被上诉人 wins over 上诉人 and 被告人 over 被告.
const PARTY_ROLES: &[&str] = &[
    "附带民事诉讼原告人",
    "附带民事诉讼被告人",
    "附带民事诉讼原告",
    "附带民事诉讼被告",
    "被申请执行人",
    "申请执行人",
    "再审申请人",
    "再审被申请人",
    "复议申请人",
    "复议被申请人",
    "申请复议人",
    "被申请复议人",
    "原审第三人",
    "原审原告",
    "原审被告",
    "一审原告",
    "一审被告",
    "一审第三人",
    "二审上诉人",
    "二审被上诉人",
    "被上诉人",
    "被申请人",
    "被执行人",
    "被告人",
    "上诉人",
    "申请人",
    "申诉人",
    "被申诉人",
    "异议人",
    "案外人",
    "第三人",
    "罪犯",
    "原告",
    "被告",
    "起诉人",
    "申报人",
    "赔偿请求人",
    "赔偿义务机关",
    "利害关系人",
];

/// Representatives and prosecutors: their lines are never parties to identify.
const REPRESENTATIVE_ROLES: &[&str] = &[
    "委托诉讼代理人",
    "委托代理人",
    "诉讼代理人",
    "特别授权代理人",
    "指定代理人",
    "法定代理人",
    "法定代表人",
    "诉讼代表人",
    "代表人",
    "负责人",
    "经营者",
    "指定辩护人",
    "辩护人",
    "公诉机关",
    "原公诉机关",
    "公诉人",
    "抗诉机关",
    "诉讼代理人",
    "委托代理",
    "共同委托诉讼代理人",
];

/// Phrases that mark the procedure paragraph, never a party line.
const PROCEDURE_MARKERS: &[&str] = &[
    "一案",
    "诉称",
    "辩称",
    "不服",
    "起诉书指控",
    "指控",
    "提起公诉",
    "提起诉讼",
    "向本院提出",
    "向本院申请",
    "本院受理",
    "本院于",
    "立案后",
    "立案受理",
    "审理终结",
    "申请执行",
];

const SIGNATURE_ROLES: &[&str] = &[
    "审判长",
    "代理审判员",
    "审判员",
    "人民陪审员",
    "陪审员",
    "执行长",
    "执行员",
    "助理审判员",
    "见习书记员",
    "代理书记员",
    "书记员",
    "法官助理",
    "速录员",
    "记录员",
];

/// Judges sign the block; clerks and assistants only follow them.
fn is_judge_role(role: &str) -> bool {
    !matches!(
        role,
        "见习书记员" | "代理书记员" | "书记员" | "法官助理" | "速录员" | "记录员"
    )
}

static RE_CASE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(〔\[]\s*(?:19|20)\d{2}\s*[）)〕\]]\s*[[\x{3400}-\x{9FFF}]A-Za-z0-9×Ｘ*＊\s]{1,30}?\s*(?:字\s*)?第?\s*[0-9０-９×Ｘ*＊]+\s*(?:-\s*\d+\s*)?号(?:之[一二三四五六七八九十\d]+)?").unwrap()
});

static RE_KIND_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\x{3400}-\x{9FFF}]{0,30}?(刑事|民事|行政|执行|国家赔偿|司法救助)?(?:附带民事)?(判决书|裁定书|调解书|决定书|通知书|支付令|财产令|执行令|令)$").unwrap()
});

/// Old case numbers without the bracketed year: 郑刑执字第2107号.
static RE_BARE_CASE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\x{3400}-\x{9FFF}]{1,12}字第[0-9０-９]+号(?:之[一二三四五六七八九十\d]+)?$")
        .unwrap()
});

static RE_TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:判决|裁定|决定|调解协议|协议)如下\s*[：:]?\s*$|(?:判决|裁定|决定)\s*[：:]\s*$|达成(?:了)?(?:如下|以下)?[^。；]{0,12}协议\s*[：:]\s*$|协议(?:内容)?如下\s*[：:]?\s*$").unwrap()
});

static RE_ITEM_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<cn>[一二三四五六七八九十]{1,4})\s*[、，,．.]|[（(](?P<pcn>[一二三四五六七八九十]{1,4})[）)]|(?P<num>[0-9０-９]{1,3})\s*(?:[、．.，,]|[）)](?:\s*|$))|[（(](?P<pnum>[0-9０-９]{1,3})[）)]|(?P<circ>[①-⑳]))").unwrap()
});

/// A short bracketed suffix after the kind (a draft's working title).
static RE_WORKING_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:书)[（(\[【][\x{3400}-\x{9FFF}]{1,6}[）)\]】]$").unwrap());

/// An unfilled signature date in a draft: 二〇二五年  月  日, ××××年××月××日.
static RE_DATE_PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[〇○零Ｏ一二三四五六七八九0-9×ＸX*＊]{0,4}年[一二三四五六七八九十×ＸX*＊]{0,3}月[一二三四五六七八九十×ＸX*＊]{0,3}日$").unwrap()
});

static RE_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<y>[〇○零Ｏ0OＯ一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日$").unwrap()
});

static RE_ARABIC_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$").unwrap()
});

/// Paragraph text without any white space (letter-spaced titles and signatures).
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

pub use crate::numerals::cn_number;
use crate::numerals::cn_year;

/// A signature-block date line (二〇二四年十月九日, also Arabic 2024年10月9日) → ISO date.
pub fn parse_date_line(text: &str) -> Option<String> {
    let s = squeeze(text);
    if let Some(c) = RE_DATE_LINE.captures(&s) {
        let y = cn_year(&c["y"])? as i32;
        let m = cn_number(&c["m"])?;
        let d = cn_number(&c["d"])?;
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    if let Some(c) = RE_ARABIC_DATE_LINE.captures(&s) {
        let (y, m, d): (i32, u32, u32) = (
            c["y"].parse().ok()?,
            c["m"].parse().ok()?,
            c["d"].parse().ok()?,
        );
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

/// The role of a signature line (审判长, 书记员 …) if the paragraph is one: role followed by a
/// short name (white space between the characters allowed: 审　判　长　　毛　龙).
pub fn signature_role(text: &str) -> Option<&'static str> {
    let s = squeeze(text);
    // "人民审判员" and similar variants: a judge title ending in 审判员/陪审员
    let (role, skip) = match SIGNATURE_ROLES.iter().find(|r| s.starts_with(**r)) {
        Some(r) => (*r, r.len()),
        None => {
            let head: String = s.chars().take(6).collect();
            let i = head
                .find("审判员")
                .map(|i| (i, "审判员"))
                .or_else(|| head.find("陪审员").map(|i| (i, "陪审员")))?;
            (i.1, i.0 + i.1.len())
        }
    };
    let name = &s[skip..];
    let name = name.trim_start_matches(['：', ':']);
    let n = name.chars().count();
    if n <= 8 && !name.contains(['。', '，', '；']) {
        Some(
            SIGNATURE_ROLES
                .iter()
                .copied()
                .find(|r| *r == role)
                .unwrap_or("审判员"),
        )
    } else {
        None
    }
}

fn is_signature_extra(text: &str) -> bool {
    let s = squeeze(text);
    s.starts_with("本件与原本核对无异")
        || s.starts_with("本件与原件核对无异")
        || s == "（院印）"
        || s == "(院印)"
        || s.starts_with("（此页无正文")
        || s.starts_with("(此页无正文")
}

/// Strip a leading party/representative role from a paragraph: returns (role, prefix byte length,
/// representative?).
pub fn party_role(text: &str) -> Option<(&'static str, usize, bool)> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let (role, rep) = REPRESENTATIVE_ROLES
        .iter()
        .map(|r| (*r, true))
        .chain(PARTY_ROLES.iter().map(|r| (*r, false)))
        .filter(|(r, _)| t.starts_with(r))
        .max_by_key(|(r, _)| r.len())?;
    let mut rest = &t[role.len()..];
    // chained statuses: 一审被告、二审被上诉人：…
    while let Some(after) = rest.strip_prefix('、') {
        match PARTY_ROLES
            .iter()
            .filter(|r| after.starts_with(**r))
            .max_by_key(|r| r.len())
        {
            Some(r) => rest = &after[r.len()..],
            None => break,
        }
    }
    // procedural status in brackets: 上诉人（原审被告、反诉原告）
    if rest.starts_with(['（', '(']) {
        let close = rest.find(['）', ')'])?;
        if rest[..close].chars().count() > 30 {
            return None;
        }
        rest = &rest[close + rest[close..].chars().next()?.len_utf8()..];
    }
    let rest_trim = rest.trim_start_matches(['：', ':', ' ', '\u{3000}']);
    let prefix_len = lead + (t.len() - rest_trim.len());
    // After the role comes a name, not running prose like "原告诉称" or "被告辩称".
    if rest_trim.is_empty() {
        return None;
    }
    Some((role, prefix_len, rep))
}

fn has_procedure_marker(text: &str) -> bool {
    PROCEDURE_MARKERS.iter().any(|m| text.contains(m))
}

/// Is this paragraph a party or representative line?
fn party_line(text: &str) -> Option<(&'static str, usize, bool)> {
    let (role, prefix, rep) = party_role(text)?;
    let rest = &text[prefix..];
    // "原告张三与被告李四…纠纷一案" is the procedure paragraph; "原告诉称" is a claim.
    if has_procedure_marker(text) && !rep {
        // Criminal defendants' lines mention 本院/刑事拘留 but not 一案/指控.
        let first_clause = rest.split(['，', '。', ',']).next().unwrap_or("");
        if first_clause.chars().count() > 25
            || has_procedure_marker(first_clause)
            || text.contains("一案")
        {
            return None;
        }
    }
    const PROSE: &[&str] = &[
        "诉称",
        "辩称",
        "称",
        "述称",
        "向本院",
        "与被告",
        "与原告",
        "不服",
        "提出",
        "认为",
        "主张",
        "的",
        "在本案",
        "应当",
        "要求",
        "对",
    ];
    if PROSE.iter().any(|p| rest.starts_with(p)) {
        return None;
    }
    Some((role, prefix, rep))
}

/// A top-level ruling item label at the start of a paragraph: (style, number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelStyle {
    Cn,
    ParenCn,
    Num,
    ParenNum,
    Circled,
}

fn item_label(text: &str) -> Option<(LabelStyle, u32)> {
    let c = RE_ITEM_LABEL.captures(text.trim_start())?;
    let digits = |s: &str| -> Option<u32> {
        let ascii: String = s
            .chars()
            .map(|c| {
                if ('０'..='９').contains(&c) {
                    char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or('0')
                } else {
                    c
                }
            })
            .collect();
        ascii.parse().ok()
    };
    if let Some(m) = c.name("cn") {
        return Some((LabelStyle::Cn, cn_number(m.as_str())?));
    }
    if let Some(m) = c.name("pcn") {
        return Some((LabelStyle::ParenCn, cn_number(m.as_str())?));
    }
    if let Some(m) = c.name("num") {
        return Some((LabelStyle::Num, digits(m.as_str())?));
    }
    if let Some(m) = c.name("pnum") {
        return Some((LabelStyle::ParenNum, digits(m.as_str())?));
    }
    if let Some(m) = c.name("circ") {
        let ch = m.as_str().chars().next()?;
        return Some((LabelStyle::Circled, ch as u32 - '①' as u32 + 1));
    }
    None
}

/// Tail landmarks: paragraphs after the items that are not items.
fn is_tail_paragraph(text: &str) -> bool {
    let s = squeeze(text);
    const STARTS: &[&str] = &[
        "如不服",
        "如果未按",
        "如不按",
        "如果不按",
        "如被告未按",
        "如未履行",
        "如未按",
        "如果不服",
        "本判决为终审判决",
        "本裁定为终审裁定",
        "本判决是终审判决",
        "本裁定是终审裁定",
        "本裁定送达后",
        "本裁定书送达后",
        "本裁定立即",
        "本调解书",
        "上述协议",
        "上列协议",
        "以上协议",
        "上述调解协议",
        "本决定",
        "本案案件受理费",
        "案件受理费",
        "本案受理费",
        "受理费",
        "一审案件受理费",
        "二审案件受理费",
        "本案诉讼费",
        "诉讼费",
        "案件诉讼费",
        "申请费",
        "保全费",
        "公告费",
        "鉴定费",
        "执行费",
        "本案一审",
        "本案二审",
        "一审诉讼费",
        "二审诉讼费",
        "督促",
        "特别提示",
        "提示",
        "温馨提示",
        "履行提示",
        "当事人",
        "负有",
        "义务人",
        "被告应",
        "如被告",
        "如义务人",
        "逾期",
        "若",
        "（此页无正文",
    ];
    if STARTS.iter().any(|p| s.starts_with(p)) {
        return true;
    }
    // "本判决生效后，负有义务的当事人应自觉履行…": a warning, unless it is itself the order
    let warning_words = ["自觉", "强制执行", "失信", "拒不履行", "逾期不履行"];
    if [
        "本判决生效后",
        "本调解书生效后",
        "本判决发生法律效力后",
        "判决生效后",
    ]
    .iter()
    .any(|p| s.starts_with(p))
        && warning_words.iter().any(|w| s.contains(w))
    {
        return true;
    }
    if is_fee_paragraph(text) {
        return true;
    }
    // a probation admonition after a criminal sentence: 被告人…回到社区后，应当遵守…
    if s.contains("回到社区后") || (s.contains("社区矫正") && s.contains("应当遵守")) {
        return true;
    }
    s.contains("迟延履行")
        || s.contains("延迟履行")
        || s.contains("履行期间的债务利息")
        || s.contains("上诉于")
        || s.contains("终审判决")
        || s.contains("终审裁定")
}

/// The document-kind line (民事判决书, spaced 国 家 赔 偿 决 定 书, a title line ending in the
/// kind): (kind, case kind).
fn kind_line(text: &str) -> Option<(String, Option<String>)> {
    let s = squeeze(text);
    if s.chars().count() > 80 {
        return None;
    }
    // a draft's working title after the kind: 民事判决书（模拟）, 民事判决书(征求意见稿)
    let s = match RE_WORKING_TITLE.find(&s) {
        Some(m) => &s[..m.start() + "书".len()],
        None => &s[..],
    };
    let c = RE_KIND_LINE.captures(s)?;
    Some((c[2].to_string(), c.get(1).map(|k| k.as_str().to_string())))
}

fn case_number_line(text: &str) -> bool {
    let s = squeeze(text);
    s.chars().count() <= 60 && (RE_CASE_NUMBER.is_match(&s) || RE_BARE_CASE_NUMBER.is_match(&s))
}

/// A court line (…人民法院, …法院赔偿委员会, 中华人民共和国…).
fn court_line(text: &str) -> bool {
    let s = squeeze(text);
    s.chars().count() <= 30
        && (s.ends_with("法院")
            || s.ends_with("人民共和国")
            || (s.contains("法院") && s.ends_with("委员会")))
}

/// A short bracketed subtitle between the kind line and the case number: （追加被执行人）.
fn subtitle_line(text: &str) -> bool {
    let s = squeeze(text);
    s.chars().count() <= 20 && s.starts_with(['（', '(']) && s.ends_with(['）', ')'])
}

/// Find the header: the kind line with its case number (a title line, the court line, a
/// subtitle may stand around them). Whatever is printed before it (a performance notice put in
/// front of the document) belongs to the header too. Returns the end of the header (exclusive)
/// and fills `info.kind`, `info.case_kind`, `info.case_number`.
fn find_header(texts: &[&str], info: &mut DocInfo) -> usize {
    let limit = texts.len().min(60);
    let set_number = |info: &mut DocInfo, t: &str| {
        if info.case_number.is_none() {
            info.case_number = RE_CASE_NUMBER
                .find(t)
                .or_else(|| RE_BARE_CASE_NUMBER.find(t))
                .map(|m| m.as_str().trim().to_string());
        }
    };
    // the kind of each early paragraph; a kind line split over two paragraphs (民事 / 判决书)
    // counts at its second half
    let mut kinds: Vec<Option<(String, Option<String>)>> =
        texts.iter().take(limit).map(|t| kind_line(t)).collect();
    for i in 0..limit.saturating_sub(1) {
        let (a, b) = (squeeze(texts[i]), squeeze(texts[i + 1]));
        if kinds[i].is_some() || a.chars().count() > 12 || b.chars().count() > 12 {
            continue;
        }
        if kinds[i + 1].as_ref().is_some_and(|k| k.1.is_some()) {
            continue;
        }
        if let Some(k) = kind_line(&format!("{a}{b}")) {
            if kinds[i + 1].is_none() || k.1.is_some() {
                kinds[i + 1] = Some(k);
            }
        }
    }
    // 1. a kind line followed (within a few header lines) by the case number or a party line
    for k in 0..limit {
        if kinds[k].is_none() {
            continue;
        }
        let mut last_kind = k;
        let mut j = k + 1;
        while j < limit && j <= k + 5 {
            let t = texts[j];
            if case_number_line(t) || party_line(t).is_some() {
                let (kind, case_kind) = kinds[last_kind].clone().unwrap_or_default();
                info.kind = Some(kind);
                info.case_kind = case_kind;
                if case_number_line(t) {
                    set_number(info, t);
                    return j + 1;
                }
                return j;
            }
            if kinds[j].is_some() {
                last_kind = j;
            } else if !court_line(t) && !subtitle_line(t) {
                break;
            }
            j += 1;
        }
    }
    // 2. no kind line: a case number followed by a party line
    for k in 0..limit {
        if case_number_line(texts[k])
            && (k + 1..(k + 3).min(texts.len())).any(|j| party_line(texts[j]).is_some())
        {
            set_number(info, texts[k]);
            return k + 1;
        }
    }
    if let Some(k) = (0..limit.min(8)).find(|&k| case_number_line(texts[k])) {
        set_number(info, texts[k]);
        return k + 1;
    }
    // 3. court lines only
    texts
        .iter()
        .take(limit)
        .take_while(|t| court_line(t))
        .count()
}

fn is_signature_line(text: &str) -> bool {
    signature_role(text).is_some() || is_date_line(text) || is_signature_extra(text)
}

/// A signature date, filled or (in a draft) still blank.
fn is_date_line(text: &str) -> bool {
    parse_date_line(text).is_some() || RE_DATE_PLACEHOLDER.is_match(&squeeze(text))
}

fn is_judge_line(text: &str) -> bool {
    signature_role(text).is_some_and(is_judge_role)
}

/// The signature block: the first run of signature lines after the header that holds a judge
/// and the date. A summary or table appended after the signature may hold 审判员 or a date
/// of its own; it is not the block. Without such a run: the last run with a judge; without a
/// judge (notices, decisions): the court line and the date near the end.
fn find_signature(texts: &[&str], from: usize) -> Option<(usize, usize)> {
    let n = texts.len();
    let mut runs = Vec::new();
    let mut i = from;
    while i < n {
        if !is_judge_line(texts[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut dated = false;
        while j < n && is_signature_line(texts[j]) {
            dated |= is_date_line(texts[j]);
            j += 1;
        }
        if dated {
            return Some((i, j));
        }
        runs.push((i, j));
        i = j;
    }
    if let Some(last) = runs.last() {
        return Some(*last);
    }
    let d = (from..n)
        .rev()
        .take(8)
        .find(|&i| parse_date_line(texts[i]).is_some())?;
    let court = d > from && court_line(texts[d - 1]);
    let mut end = d + 1;
    while end < n && (signature_role(texts[end]).is_some() || is_signature_extra(texts[end])) {
        end += 1;
    }
    Some((if court { d - 1 } else { d }, end))
}

/// Parse the structure of a document.
pub fn analyze(doc: &Document) -> Structure {
    let n = doc.paragraphs.len();
    let texts: Vec<&str> = (0..n).map(|i| doc.para_text(i)).collect();
    let mut sections = vec![Section::Procedure; n];
    let mut item_of = vec![None; n];
    let mut info = DocInfo::default();

    // --- Header: court line(s), kind line, case number — up to the first party line. -------
    let header_end = find_header(&texts, &mut info);
    for s in sections.iter_mut().take(header_end) {
        *s = Section::Header;
    }

    // --- Signature block: the judges and the date, wherever else 审判员 appears. ------------
    let (signature_start, signature_end) = match find_signature(&texts, header_end) {
        Some((s, e)) => (Some(s), e),
        None => (None, n),
    };
    let body_end = signature_start.unwrap_or(n);

    // --- Parties: from the header on, while paragraphs are party/representative lines. -------
    let mut parties = Vec::new();
    let mut parties_end = header_end;
    {
        let mut i = header_end;
        let mut in_parties = false;
        while i < body_end {
            let t = texts[i];
            if let Some((role, prefix_len, representative)) = party_line(t) {
                in_parties = true;
                parties.push(PartyLine {
                    para: i,
                    role: role.to_string(),
                    prefix_len,
                    representative,
                });
                i += 1;
                parties_end = i;
                continue;
            }
            // continuation of a party (criminal history, 现羁押于…) before the procedure starts
            if in_parties
                && !has_procedure_marker(t)
                && t.chars().count() < 200
                && !t.contains("本院")
                && !starts_reasoning(t)
                && !t.trim_start().starts_with("案由")
            {
                i += 1;
                parties_end = i;
                continue;
            }
            break;
        }
    }
    for s in sections.iter_mut().take(parties_end).skip(header_end) {
        *s = Section::Parties;
    }

    // --- Ruling trigger: the last "…如下：" before the signature, after the parties. ---------
    let reasoning_start = (parties_end..body_end).find(|&i| starts_reasoning(texts[i]));
    let trigger = (parties_end..body_end)
        .rev()
        .find(|&i| RE_TRIGGER.is_match(texts[i].trim_end()));
    let trigger = match (trigger, reasoning_start) {
        (Some(t), Some(r)) if t < r => {
            // a quoted trigger before 本院认为 (appeal quoting the first instance) — look after
            (r..body_end)
                .find(|&i| RE_TRIGGER.is_match(texts[i].trim_end()))
                .or(Some(t))
        }
        (t, _) => t,
    };

    // procedure / reasoning
    let proc_end = trigger.map(|t| t + 1).unwrap_or(body_end);
    for i in parties_end..proc_end {
        sections[i] = match reasoning_start {
            Some(r) if i >= r => Section::Reasoning,
            _ => Section::Procedure,
        };
    }
    if let Some(t) = trigger {
        if reasoning_start.is_none_or(|r| r > t) {
            sections[t] = Section::Reasoning;
        }
    }

    // --- Ruling items and tail. ------------------------------------------------------------------
    let mut items: Vec<RulingItem> = Vec::new();
    if let Some(t) = trigger {
        let mut top_style: Option<LabelStyle> = None;
        let mut in_tail = false;
        let mut last_number = 0u32;
        for i in t + 1..body_end {
            let text = texts[i];
            // "判决如下" with its colon on a line of its own: the colon belongs to the trigger
            if items.is_empty() && !in_tail && is_punctuation_only(text) {
                sections[i] = Section::Reasoning;
                continue;
            }
            // "一、二审案件受理费…" is the fee paragraph, not item 一
            let label = if is_fee_paragraph(text) {
                None
            } else {
                item_label(text)
            };
            if !in_tail && !items.is_empty() && label.is_none() && is_item_note(text) {
                sections[i] = Section::Ruling;
                if let Some(it) = items.last_mut() {
                    it.notes.push(i);
                }
                continue;
            }
            if !in_tail {
                let is_top = match (label, top_style) {
                    (Some((style, _)), None) => {
                        // the first labelled paragraph fixes the top-level style
                        if items.is_empty() || matches!(style, LabelStyle::Cn) {
                            true
                        } else {
                            false
                        }
                    }
                    (Some((style, _)), Some(top)) => style == top,
                    _ => false,
                };
                if let (true, Some((style, num))) = (is_top, label) {
                    // a first unnumbered item already counted as 1: a labelled "二、" continues it
                    if top_style.is_none() {
                        top_style = Some(style);
                    }
                    let number = if num > last_number {
                        num
                    } else {
                        last_number + 1
                    };
                    last_number = number;
                    items.push(RulingItem {
                        number,
                        paras: vec![i],
                        notes: Vec::new(),
                    });
                    sections[i] = Section::Ruling;
                    item_of[i] = Some(number);
                    continue;
                }
                if is_tail_paragraph(text) && label.is_none() && !items.is_empty() {
                    in_tail = true;
                } else if items.is_empty() && is_tail_paragraph(text) && !looks_like_item(text) {
                    in_tail = true;
                } else {
                    // unnumbered first item, or a continuation / sub-item of the current item
                    if items.is_empty() {
                        last_number = 1;
                        items.push(RulingItem {
                            number: 1,
                            paras: vec![i],
                            notes: Vec::new(),
                        });
                    } else if let Some(it) = items.last_mut() {
                        it.paras.push(i);
                    }
                    sections[i] = Section::Ruling;
                    item_of[i] = Some(last_number);
                    continue;
                }
            }
            sections[i] = Section::Tail;
        }
    } else {
        // no trigger: everything between the last reasoning/procedure and the signature stays
        // procedure, but tail-like paragraphs just before the signature are the tail.
        let mut i = body_end;
        while i > parties_end && is_tail_paragraph(texts[i - 1]) {
            i -= 1;
            sections[i] = Section::Tail;
        }
    }

    // --- Signature and appendix. -----------------------------------------------------------------
    if let Some(s) = signature_start {
        for sec in sections.iter_mut().take(signature_end).skip(s) {
            *sec = Section::Signature;
        }
        for sec in sections.iter_mut().skip(signature_end) {
            *sec = Section::Appendix;
        }
        info.date = (s..signature_end).find_map(|i| parse_date_line(texts[i]));
    }

    if info.case_kind.is_none() {
        info.case_kind = info
            .case_number
            .as_deref()
            .and_then(case_kind_from_number)
            .map(str::to_string);
    }

    Structure {
        info,
        sections,
        item_of,
        parties,
        items,
        trigger,
        signature_start,
    }
}

/// A paragraph of nothing but punctuation (a lone "：").
fn is_punctuation_only(text: &str) -> bool {
    let s = squeeze(text);
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, '：' | ':' | '。' | '；' | ';' | '，' | ','))
}

/// The fee decision: court fees and who bears them (…受理费…由…负担/承担), including the
/// "一、二审案件受理费…" form whose 一、 is not an item label.
fn is_fee_paragraph(text: &str) -> bool {
    let s = squeeze(text);
    let fee = ["受理费", "诉讼费", "申请费", "保全费"]
        .iter()
        .any(|w| s.contains(w));
    let borne = [
        "负担",
        "承担",
        "交纳",
        "缴纳",
        "收取",
        "免交",
        "免予",
        "不予收取",
    ]
    .iter()
    .any(|w| s.contains(w));
    if s.starts_with("一、二审") || s.starts_with("一审、二审") {
        return fee;
    }
    fee && borne && item_label(text).is_none() && s.chars().count() <= 200
}

/// A bracketed note under a criminal item: "（刑期从判决执行之日起计算…）", "（罚金于…缴纳）",
/// "（缓刑考验期限，从判决确定之日起计算。）". Not part of the order itself.
fn is_item_note(text: &str) -> bool {
    let s = squeeze(text);
    let s = s.trim_end_matches(['。', '.']);
    (s.starts_with('（') && s.ends_with('）') || s.starts_with('(') && s.ends_with(')'))
        && [
            "刑期",
            "缓刑考验期",
            "罚金",
            "折抵",
            "羁押",
            "已缴纳",
            "已退赔",
            "已扣押",
        ]
        .iter()
        .any(|w| s.contains(w))
}

fn starts_reasoning(text: &str) -> bool {
    let s = text.trim_start();
    s.starts_with("本院认为")
        || s.starts_with("本院经审查认为")
        || s.starts_with("本院审查认为")
        || s.starts_with("本院经审理认为")
        || s.starts_with("本院再审认为")
        || s.starts_with("本院二审认为")
        || s.starts_with("合议庭认为")
        || s.starts_with("本院经审查")
}

/// Does a paragraph read like an operative item (an order), even though it has tail words?
fn looks_like_item(text: &str) -> bool {
    let s = squeeze(text);
    const ORDERS: &[&str] = &[
        "驳回",
        "准许",
        "维持",
        "撤销",
        "被告",
        "原告",
        "终结",
        "终止",
        "中止",
        "查封",
        "冻结",
        "扣划",
        "扣押",
        "拍卖",
        "变卖",
        "追加",
        "变更",
        "不予",
        "解除",
        "确认",
        "责令",
        "本案按",
    ];
    ORDERS.iter().any(|w| s.starts_with(w))
}

/// Case kind from the case number's type code (民初, 刑终, 行初, 执 …).
fn case_kind_from_number(number: &str) -> Option<&'static str> {
    let n = squeeze(number);
    let after = n.split(['）', ')', '〕', ']']).nth(1)?;
    if after.contains("刑") {
        Some("刑事")
    } else if after.contains("民") || after.contains("商") {
        Some("民事")
    } else if after.contains("行") {
        Some("行政")
    } else if after.contains("执") {
        Some("执行")
    } else if after.contains("赔") {
        Some("国家赔偿")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text;

    fn parse(s: &str) -> (Document, Structure) {
        let doc = text::read(s.as_bytes()).unwrap();
        let st = analyze(&doc);
        (doc, st)
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(cn_number("十"), Some(10));
        assert_eq!(cn_number("二十一"), Some(21));
        assert_eq!(cn_number("三十"), Some(30));
        assert_eq!(
            parse_date_line("二〇二四年十月九日").as_deref(),
            Some("2024-10-09")
        );
        assert_eq!(
            parse_date_line("二○一五年十一月十六日").as_deref(),
            Some("2015-11-16")
        );
        assert_eq!(
            parse_date_line("二零二二年三月二十一日").as_deref(),
            Some("2022-03-21")
        );
        assert_eq!(parse_date_line("二〇二四年十三月九日"), None);
        assert_eq!(signature_role("审　判　长　　毛　龙"), Some("审判长"));
        assert_eq!(signature_role("审判员许艳婷"), Some("审判员"));
        assert_eq!(signature_role("见习书记员王丹"), Some("见习书记员"));
        assert_eq!(
            signature_role("审判员认为本案事实清楚，证据确实充分。"),
            None
        );
    }

    #[test]
    fn civil_judgment_sections() {
        let text = "四川省绵阳市涪城区人民法院\n民 事 判 决 书\n（2024）川0703民初1022号\n原告：张三，男，1980年1月1日出生。\n委托诉讼代理人：李四，律师。\n被告：某某有限公司，住所地绵阳市。\n法定代表人：王五，总经理。\n原告张三与被告某某有限公司买卖合同纠纷一案，本院于2024年3月1日立案后，依法适用简易程序公开开庭进行了审理。\n张三向本院提出诉讼请求：依法分割共同财产。\n本院认为，双方买卖合同合法有效。依照《中华人民共和国民法典》第五百七十七条之规定，判决如下：\n一、被告某某有限公司于本判决生效之日起十日内支付原告张三货款10000元；\n二、驳回原告张三的其他诉讼请求。\n如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。\n案件受理费50元，由被告负担。\n如不服本判决，可以在判决书送达之日起十五日内向本院递交上诉状，上诉于四川省绵阳市中级人民法院。\n审　判　员　　赵　六\n二〇二四年十月九日\n书　记　员　　孙　七\n附：相关法律条文\n《中华人民共和国民法典》第五百七十七条……";
        let (_, st) = parse(text);
        use Section::*;
        assert_eq!(
            st.sections,
            vec![
                Header, Header, Header, Parties, Parties, Parties, Parties, Procedure, Procedure,
                Reasoning, Ruling, Ruling, Tail, Tail, Tail, Signature, Signature, Signature,
                Appendix, Appendix
            ]
        );
        assert_eq!(st.info.kind.as_deref(), Some("判决书"));
        assert_eq!(st.info.case_kind.as_deref(), Some("民事"));
        assert_eq!(
            st.info.case_number.as_deref(),
            Some("（2024）川0703民初1022号")
        );
        assert_eq!(st.info.date.as_deref(), Some("2024-10-09"));
        assert_eq!(st.items.len(), 2);
        assert_eq!(st.items[1].number, 2);
        assert_eq!(st.parties.iter().filter(|p| !p.representative).count(), 2);
        assert_eq!(st.parties[1].role, "委托诉讼代理人");
    }

    #[test]
    fn unnumbered_single_item_and_spaced_signature() {
        let text = "某某法院\n民事判决书\n（2015）临潼民初字第01826号\n原告陈某某，女，汉族。\n被告袁某，男，汉族。\n原告陈某某与被告袁某离婚纠纷一案，本院受理后，公开开庭进行了审理。\n本院认为，原告诉请依法不予准许。依照…之规定，判决如下：\n驳回原告陈某某要求离婚的诉讼请求。\n案件受理费300元，由原告陈某某负担。\n审判长毛龙\n二〇一五年十一月十六日\n书记员王丹";
        let (_, st) = parse(text);
        assert_eq!(st.sections[7], Section::Ruling);
        assert_eq!(st.item_of[7], Some(1));
        assert_eq!(st.sections[8], Section::Tail);
        assert_eq!(st.sections[9], Section::Signature);
        assert_eq!(st.info.date.as_deref(), Some("2015-11-16"));
    }

    #[test]
    fn criminal_and_continuations() {
        let text = "某某法院\n刑事判决书\n（2019）沪0112刑初429号\n公诉机关上海市闵行区人民检察院。\n被告人周某，男，1982年1月27日出生，汉族。因涉嫌贩卖毒品罪于2018年12月16日被刑事拘留。\n辩护人许某，律师。\n上海市闵行区人民检察院以沪闵检二部刑诉［2019］472号起诉书指控被告人周某犯贩卖毒品罪，于2019年3月向本院提起公诉。\n本院认为，被告人周某构成贩卖毒品罪。依照《刑法》之规定，判决如下：\n一、被告人周某犯贩卖毒品罪，判处有期徒刑七个月。\n（刑期从判决执行之日起计算。）\n二、扣押在案的毒品予以没收；违法所得予以追缴。\n如不服本判决，可在接到判决书的第二日起十日内提出上诉。\n审判员李群\n二〇一九年三月二十九日\n书记员汪旭莹";
        let (_, st) = parse(text);
        assert_eq!(st.info.case_kind.as_deref(), Some("刑事"));
        assert_eq!(st.sections[3], Section::Parties);
        assert!(st.parties[0].representative);
        assert!(!st.parties[1].representative);
        assert_eq!(st.sections[6], Section::Procedure);
        assert_eq!(st.item_of[8], Some(1));
        // the bracketed sentence note is the item's note, not part of the order
        assert_eq!(st.sections[9], Section::Ruling);
        assert_eq!(st.item_of[9], None);
        assert_eq!(st.items[0].notes, vec![9]);
        assert_eq!(st.items[0].paras, vec![8]);
        assert_eq!(st.item_of[10], Some(2));
        assert_eq!(st.sections[11], Section::Tail);
    }

    #[test]
    fn mediation() {
        let text = "某某法院\n民 事 调 解 书\n（2024）川0703民初88号\n原告：张三，男。\n被告：李四，男。\n原告张三与被告李四民间借贷纠纷一案，本院于2024年1月2日立案后进行了审理。\n本案审理过程中，经本院主持调解，当事人自愿达成如下协议：\n一、李四于2024年3月1日前偿还张三借款5000元；\n二、案件受理费25元，由李四负担。\n上述协议，不违反法律规定，本院予以确认。\n本调解书经双方当事人签收后，即具有法律效力。\n审判员赵六\n二〇二四年一月九日\n书记员孙七";
        let (_, st) = parse(text);
        assert_eq!(st.info.kind.as_deref(), Some("调解书"));
        assert_eq!(st.sections[6], Section::Reasoning);
        assert_eq!(st.items.len(), 2);
        assert_eq!(st.sections[8], Section::Ruling);
        assert_eq!(st.sections[9], Section::Tail);
    }
}

/// Compile this module's regexes now (see `crate::warm_up`).
pub(crate) fn warm() {
    LazyLock::force(&RE_CASE_NUMBER);
    LazyLock::force(&RE_KIND_LINE);
    LazyLock::force(&RE_BARE_CASE_NUMBER);
    LazyLock::force(&RE_TRIGGER);
    LazyLock::force(&RE_ITEM_LABEL);
    LazyLock::force(&RE_DATE_LINE);
    LazyLock::force(&RE_WORKING_TITLE);
    LazyLock::force(&RE_DATE_PLACEHOLDER);
    LazyLock::force(&RE_ARABIC_DATE_LINE);
}
