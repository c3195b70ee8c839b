//! genlib: a deterministic benchmark library of Chinese official documents.
//!
//! ```text
//! cargo run --release --example genlib -- OUT_DIR [--issues 500] [--documents 3000] [--seed 7]
//! cargo run --release --example genlib -- --queries
//! ```
//!
//! Writes gazette issues (plain text) and standalone documents (plain text,
//! Markdown and saved HTML pages) into OUT_DIR, for `gongbao add OUT_DIR`,
//! then prints what it made. Every name, number and sentence is invented
//! from the word lists in `examples/genlib/` and the phrase templates below;
//! no real document is copied. The same seed gives byte-identical files.
//!
//! The families follow the importer's fixtures (`tests/fixtures/import/`):
//! notices with attachments, opinions, regulations (条例/办法/规定/细则 with
//! 第X章/第X条, 项 and 目), plans (decimal 1.2.1 emergency plans, 规划 with
//! 章/节, 专栏 and an indicator table), task allocation tables (牵头单位 /
//! 配合单位 / 完成时限), personnel notices, replies (批复) and government
//! orders (令), and gazette issues (masthead, 目录, several documents).

// The generator writes a fresh folder of its own, not the user's files.
#![allow(clippy::disallowed_methods)]

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

// ---------------------------------------------------------------------------
// Word lists (examples/genlib/*.txt, written for this generator)

const PLACE_CHARS: &str = include_str!("genlib/place_chars.txt");
const NAME_CHARS: &str = include_str!("genlib/name_chars.txt");
const SURNAMES: &str = include_str!("genlib/surnames.txt");
const BRAND_CHARS: &str = include_str!("genlib/brand_chars.txt");
const THINGS: &str = include_str!("genlib/things.txt");
const PHRASES: &str = include_str!("genlib/phrases.txt");

// ---------------------------------------------------------------------------
// A small PRNG: splitmix64.

#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6a09_e667_f3bc_c909)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }

    /// An index drawn by weight.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// An independent stream for item `n` of kind `salt`.
    fn fork(&self, salt: u64, n: u64) -> Rng {
        let mut r = Rng(self.0 ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ n.rotate_left(17));
        r.next();
        r
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------
// Dates

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
struct Date {
    y: u32,
    m: u32,
    d: u32,
}

fn days_in(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    fn new(y: u32, m: u32, d: u32) -> Date {
        Date {
            y,
            m,
            d: d.min(days_in(y, m)),
        }
    }

    fn random(rng: &mut Rng, y: u32) -> Date {
        let m = rng.range(1, 12) as u32;
        Date::new(y, m, rng.range(1, days_in(y, m) as usize) as u32)
    }

    fn add_days(self, n: i64) -> Date {
        let mut d = self;
        let mut n = n;
        while n > 0 {
            if d.d < days_in(d.y, d.m) {
                d.d += 1;
            } else if d.m < 12 {
                d = Date::new(d.y, d.m + 1, 1);
            } else {
                d = Date::new(d.y + 1, 1, 1);
            }
            n -= 1;
        }
        while n < 0 {
            if d.d > 1 {
                d.d -= 1;
            } else if d.m > 1 {
                d = Date::new(d.y, d.m - 1, days_in(d.y, d.m - 1));
            } else {
                d = Date::new(d.y - 1, 12, 31);
            }
            n += 1;
        }
        d
    }

    fn cn(self) -> String {
        format!("{}年{}月{}日", self.y, self.m, self.d)
    }

    /// 二〇二三年六月十六日
    fn numerals(self) -> String {
        let digit = |c: char| match c {
            '0' => '〇',
            '1' => '一',
            '2' => '二',
            '3' => '三',
            '4' => '四',
            '5' => '五',
            '6' => '六',
            '7' => '七',
            '8' => '八',
            _ => '九',
        };
        let year: String = self.y.to_string().chars().map(digit).collect();
        format!("{year}年{}月{}日", cn_num(self.m), cn_num(self.d))
    }
}

/// 1 → 一, 12 → 十二, 23 → 二十三, 105 → 一百零五.
fn cn_num(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n % 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", D[rest as usize]),
                10..=19 => format!("一{}", cn_num(rest)),
                _ => cn_num(rest),
            };
            format!("{}百{tail}", D[(n / 100 % 10) as usize])
        }
    }
}

// ---------------------------------------------------------------------------
// Pools read from the word lists

struct Pools {
    place: Vec<char>,
    given: Vec<char>,
    surnames: Vec<String>,
    brand: Vec<char>,
    things: BTreeMap<String, Vec<String>>,
    /// Phrase lists, each line without its `domain|` tag.
    phrases: BTreeMap<String, Vec<String>>,
    /// Tagged lines by (list, tag): `industry|…` → ("task", "industry").
    tagged: BTreeMap<(String, String), Vec<String>>,
}

/// The policy domains: what a department works on, what a topic is about.
const DOMAINS: [&str; 9] = [
    "econ", "industry", "agri", "env", "urban", "social", "commerce", "safety", "gov",
];

/// The domain of each department of [`DEPTS`], in order.
const DEPT_DOMAIN: [&str; 34] = [
    "econ", "social", "industry", "industry", "safety", "social", "gov", "econ", "social", "env",
    "env", "urban", "urban", "agri", "agri", "commerce", "commerce", "social", "social", "safety",
    "econ", "econ", "safety", "social", "econ", "social", "env", "econ", "gov", "agri", "industry",
    "gov", "urban", "gov",
];

fn hanzi(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The distinct hanzi of a list, in order, skipping `#` comment lines.
fn chars_of(text: &str) -> Vec<char> {
    let mut seen = HashSet::new();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::chars)
        .filter(|&c| hanzi(c) && seen.insert(c))
        .collect()
}

fn words_of(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(str::to_string)
        .collect()
}

/// `[name]` sections of words (whitespace-separated) or, with `lines`, of
/// whole lines.
fn sections_of(text: &str, lines: bool) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current = String::new();
    for l in text.lines() {
        let l = l.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            current = name.to_string();
            continue;
        }
        let entry = out.entry(current.clone()).or_default();
        if lines {
            entry.push(l.to_string());
        } else {
            entry.extend(l.split_whitespace().map(str::to_string));
        }
    }
    out
}

impl Pools {
    fn load() -> Pools {
        Pools {
            place: chars_of(PLACE_CHARS),
            given: chars_of(NAME_CHARS),
            surnames: words_of(SURNAMES),
            brand: chars_of(BRAND_CHARS),
            things: sections_of(THINGS, false),
            phrases: sections_of(PHRASES, true)
                .into_iter()
                .map(|(k, v)| {
                    let v = v
                        .into_iter()
                        .map(|l| match l.split_once('|') {
                            Some((tag, rest)) if tag.is_ascii() => rest.to_string(),
                            _ => l,
                        })
                        .collect();
                    (k, v)
                })
                .collect(),
            tagged: {
                let mut m: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
                for (k, v) in sections_of(PHRASES, true) {
                    for l in v {
                        if let Some((tag, rest)) = l.split_once('|').filter(|(t, _)| t.is_ascii()) {
                            m.entry((k.clone(), tag.to_string()))
                                .or_default()
                                .push(rest.to_string());
                        }
                    }
                }
                m
            },
        }
    }

    /// The lines of a list tagged `tag` (empty when none are).
    fn tagged(&self, list: &str, tag: &str) -> &[String] {
        self.tagged
            .get(&(list.to_string(), tag.to_string()))
            .map_or(&[][..], Vec::as_slice)
    }

    /// A line of `list` for `domain`: one of the domain's own most of the
    /// time, else a general one (`any|`), else any line.
    fn pick_for(&self, rng: &mut Rng, list: &str, domain: &str) -> String {
        // Headings lean on the general lines; sentences on the domain's.
        let p_own = match list {
            "sectionhead" | "column" | "entryname" => 0.35,
            _ => 0.6,
        };
        let own = self.tagged(list, domain);
        let general = self.tagged(list, "any");
        let v = if !own.is_empty() && (general.is_empty() || rng.chance(p_own)) {
            own
        } else if !general.is_empty() {
            general
        } else {
            self.list(list)
        };
        if v.is_empty() {
            return list.to_string();
        }
        rng.pick(v).clone()
    }

    /// The tag of a line in a tagged list (`ent`, `place`, `proj` …).
    fn tag_of(&self, list: &str, line: &str) -> Option<&str> {
        let same = |x: &str| {
            x == line
                || ["省", "市", "区", "国"]
                    .iter()
                    .any(|l| x.replace("{L}", l) == line)
        };
        self.tagged
            .iter()
            .find(|((l, _), v)| l == list && v.iter().any(|x| same(x)))
            .map(|((_, t), _)| t.as_str())
    }

    fn list(&self, name: &str) -> &[String] {
        self.phrases
            .get(name)
            .or_else(|| self.things.get(name))
            .map_or(&[][..], Vec::as_slice)
    }

    fn place2(&self, rng: &mut Rng) -> String {
        let a = *rng.pick(&self.place);
        let mut b = *rng.pick(&self.place);
        while b == a {
            b = *rng.pick(&self.place);
        }
        format!("{a}{b}")
    }

    fn person(&self, rng: &mut Rng) -> String {
        let mut s = rng.pick(&self.surnames).clone();
        s.push(*rng.pick(&self.given));
        if rng.chance(0.7) {
            s.push(*rng.pick(&self.given));
        }
        s
    }

    fn brand(&self, rng: &mut Rng) -> String {
        let a = *rng.pick(&self.brand);
        let b = *rng.pick(&self.brand);
        format!("{a}{b}")
    }
}

// ---------------------------------------------------------------------------
// Publishers, scopes and issuers

struct PublisherDef {
    name: &'static str,
    abbr: &'static str,
    province: bool,
    slug: &'static str,
    per_year: u32,
    english: Option<&'static str>,
    order_base: u32,
    total_base: u32,
}

const PUBLISHERS: &[PublisherDef] = &[
    PublisherDef {
        name: "澜江省",
        abbr: "澜",
        province: true,
        slug: "lanjiang",
        per_year: 24,
        english: Some("GAZETTE OF THE PEOPLE'S GOVERNMENT OF LANJIANG PROVINCE"),
        order_base: 180,
        total_base: 520,
    },
    PublisherDef {
        name: "岱南省",
        abbr: "岱",
        province: true,
        slug: "dainan",
        per_year: 24,
        english: None,
        order_base: 330,
        total_base: 610,
    },
    PublisherDef {
        name: "瀛海省",
        abbr: "瀛",
        province: true,
        slug: "yinghai",
        per_year: 24,
        english: Some("GAZETTE OF THE PEOPLE'S GOVERNMENT OF YINGHAI PROVINCE"),
        order_base: 480,
        total_base: 702,
    },
    PublisherDef {
        name: "汀北省",
        abbr: "汀",
        province: true,
        slug: "tingbei",
        per_year: 12,
        english: None,
        order_base: 630,
        total_base: 388,
    },
    PublisherDef {
        name: "望川市",
        abbr: "望",
        province: false,
        slug: "wangchuan",
        per_year: 24,
        english: None,
        order_base: 60,
        total_base: 455,
    },
    PublisherDef {
        name: "鹭洲市",
        abbr: "鹭",
        province: false,
        slug: "luzhou",
        per_year: 12,
        english: None,
        order_base: 780,
        total_base: 236,
    },
    PublisherDef {
        name: "桐江市",
        abbr: "桐",
        province: false,
        slug: "tongjiang",
        per_year: 24,
        english: None,
        order_base: 900,
        total_base: 498,
    },
    PublisherDef {
        name: "岚溪市",
        abbr: "岚",
        province: false,
        slug: "lanxi",
        per_year: 12,
        english: None,
        order_base: 1020,
        total_base: 301,
    },
];

/// A department: full name in a province, in a city; short name in a
/// province, in a city (after 省/市/区); the code in its 文号.
type Dept = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const DEPTS: &[Dept] = &[
    (
        "发展和改革委员会",
        "发展和改革委员会",
        "发展改革委",
        "发展改革委",
        "发改",
    ),
    ("教育厅", "教育局", "教育厅", "教育局", "教"),
    ("科学技术厅", "科学技术局", "科技厅", "科技局", "科"),
    (
        "工业和信息化厅",
        "经济和信息化委员会",
        "工业和信息化厅",
        "经济信息委",
        "工信",
    ),
    ("公安厅", "公安局", "公安厅", "公安局", "公"),
    ("民政厅", "民政局", "民政厅", "民政局", "民"),
    ("司法厅", "司法局", "司法厅", "司法局", "司"),
    ("财政厅", "财政局", "财政厅", "财政局", "财"),
    (
        "人力资源和社会保障厅",
        "人力资源和社会保障局",
        "人力资源社会保障厅",
        "人力社保局",
        "人社",
    ),
    (
        "自然资源厅",
        "规划和自然资源局",
        "自然资源厅",
        "规划自然资源局",
        "自然资",
    ),
    ("生态环境厅", "生态环境局", "生态环境厅", "生态环境局", "环"),
    (
        "住房和城乡建设厅",
        "住房和城乡建设委员会",
        "住房城乡建设厅",
        "住房城乡建设委",
        "建",
    ),
    ("交通运输厅", "交通运输局", "交通运输厅", "交通运输局", "交"),
    ("水利厅", "水利局", "水利厅", "水利局", "水"),
    (
        "农业农村厅",
        "农业农村委员会",
        "农业农村厅",
        "农业农村委",
        "农",
    ),
    ("商务厅", "商务委员会", "商务厅", "商务委", "商"),
    (
        "文化和旅游厅",
        "文化和旅游发展委员会",
        "文化和旅游厅",
        "文化旅游委",
        "文旅",
    ),
    (
        "卫生健康委员会",
        "卫生健康委员会",
        "卫生健康委",
        "卫生健康委",
        "卫健",
    ),
    (
        "退役军人事务厅",
        "退役军人事务局",
        "退役军人事务厅",
        "退役军人局",
        "退役",
    ),
    ("应急管理厅", "应急管理局", "应急管理厅", "应急局", "应急"),
    ("审计厅", "审计局", "审计厅", "审计局", "审"),
    (
        "人民政府国有资产监督管理委员会",
        "人民政府国有资产监督管理委员会",
        "国资委",
        "国资委",
        "国资",
    ),
    (
        "市场监督管理局",
        "市场监督管理局",
        "市场监管局",
        "市场监管局",
        "市监",
    ),
    ("体育局", "体育局", "体育局", "体育局", "体"),
    ("统计局", "统计局", "统计局", "统计局", "统"),
    ("医疗保障局", "医疗保障局", "医保局", "医保局", "医保"),
    ("林业和草原局", "林业局", "林业局", "林业局", "林"),
    (
        "地方金融监督管理局",
        "地方金融监督管理局",
        "地方金融监管局",
        "金融监管局",
        "金",
    ),
    (
        "大数据发展管理局",
        "大数据应用发展管理局",
        "大数据局",
        "大数据发展局",
        "数",
    ),
    (
        "粮食和物资储备局",
        "粮食和物资储备局",
        "粮食和储备局",
        "粮食和储备局",
        "粮",
    ),
    ("能源局", "能源局", "能源局", "能源局", "能"),
    (
        "机关事务管理局",
        "机关事务管理局",
        "机关事务局",
        "机关事务局",
        "机",
    ),
    (
        "城市管理局",
        "城市管理局",
        "城市管理局",
        "城市管理局",
        "城管",
    ),
    (
        "政务服务管理局",
        "政务服务管理办公室",
        "政务服务局",
        "政务服务办",
        "政服",
    ),
];

/// Units named in tables that do not issue documents here.
const OTHER_UNITS: &[&str] = &[
    "税务局",
    "消防救援总队",
    "通信管理局",
    "气象局",
    "总工会",
    "妇联",
    "科协",
    "残联",
    "团委",
    "供销合作社",
    "邮政管理局",
    "人防办",
    "信访办",
    "外事办",
    "知识产权局",
    "药监局",
];

const NATIONAL_UNITS: &[&str] = &[
    "国家发展改革委",
    "教育部",
    "科技部",
    "工业和信息化部",
    "公安部",
    "民政部",
    "司法部",
    "财政部",
    "人力资源社会保障部",
    "自然资源部",
    "生态环境部",
    "住房城乡建设部",
    "交通运输部",
    "水利部",
    "农业农村部",
    "商务部",
    "文化和旅游部",
    "国家卫生健康委",
    "应急管理部",
    "市场监管总局",
    "国家统计局",
    "国家医保局",
    "国家林草局",
    "国家能源局",
    "国家数据局",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Nation,
    Province,
    City,
    District,
}

/// Where a document applies: its place, level and the units it names.
struct Scope {
    name: String,
    level: Level,
    /// The publisher this scope belongs to (for 文号 abbreviations).
    publisher: Option<usize>,
    /// 省 / 市 / 区 / 县 (国 for the nation).
    l: &'static str,
    /// 全省 / 全市 / 全区 / 全国.
    all: String,
    /// Places below: districts, counties, towns (or provinces for the nation).
    places: Vec<String>,
    /// Units as named in task tables: 省发展改革委 …
    units: Vec<String>,
    /// 各市（州）人民政府，省政府各部门，各直属机构：
    addressee: String,
    leader: &'static str,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Gov,
    Office,
    Dept(usize),
    Congress,
}

struct Issuer {
    name: String,
    scope: usize,
    kind: Kind,
    /// The 文号 prefix before 发/函/规: 澜政, 望府办, 澜发改 …
    prefix: String,
}

struct World {
    scopes: Vec<Scope>,
    issuers: Vec<Issuer>,
    /// Issuers of each publisher's gazette (its own scope only).
    by_publisher: Vec<Vec<usize>>,
}

fn build_world(pools: &Pools, rng: &mut Rng) -> World {
    let mut scopes = Vec::new();
    let mut issuers = Vec::new();
    let mut by_publisher = vec![Vec::new(); PUBLISHERS.len()];
    let mut used_abbr: HashSet<String> = PUBLISHERS.iter().map(|p| p.abbr.to_string()).collect();
    used_abbr.insert("国".into());
    // The nation.
    scopes.push(Scope {
        name: "国务院".into(),
        level: Level::Nation,
        publisher: None,
        l: "国",
        all: "全国".into(),
        places: PUBLISHERS
            .iter()
            .filter(|p| p.province)
            .map(|p| p.name.to_string())
            .collect(),
        units: NATIONAL_UNITS.iter().map(|s| s.to_string()).collect(),
        addressee: "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：".into(),
        leader: "总理",
    });
    issuers.push(Issuer {
        name: "国务院".into(),
        scope: 0,
        kind: Kind::Gov,
        prefix: "国".into(),
    });
    issuers.push(Issuer {
        name: "国务院办公厅".into(),
        scope: 0,
        kind: Kind::Office,
        prefix: "国办".into(),
    });
    let mut subs = Vec::new();
    for (pi, p) in PUBLISHERS.iter().enumerate() {
        let l = if p.province { "省" } else { "市" };
        let places: Vec<String> = (0..rng.range(8, 12))
            .map(|k| {
                let base = pools.place2(rng);
                if p.province {
                    format!("{base}市")
                } else if k % 3 == 2 {
                    format!("{base}县")
                } else {
                    format!("{base}区")
                }
            })
            .collect();
        let mut units: Vec<String> = DEPTS
            .iter()
            .map(|d| format!("{l}{}", if p.province { d.2 } else { d.3 }))
            .collect();
        units.extend(OTHER_UNITS.iter().map(|u| format!("{l}{u}")));
        let si = scopes.len();
        scopes.push(Scope {
            name: p.name.into(),
            level: if p.province {
                Level::Province
            } else {
                Level::City
            },
            publisher: Some(pi),
            l,
            all: format!("全{l}"),
            places: places.clone(),
            units,
            addressee: if p.province {
                "各市（州）人民政府，省政府各部门，各直属机构：".into()
            } else {
                "各区县人民政府，市政府各部门，有关单位：".into()
            },
            leader: if p.province { "省长" } else { "市长" },
        });
        let gov = if p.province { "政" } else { "府" };
        let mut push = |issuers: &mut Vec<Issuer>, name: String, kind: Kind, prefix: String| {
            by_publisher[pi].push(issuers.len());
            issuers.push(Issuer {
                name,
                scope: si,
                kind,
                prefix,
            });
        };
        push(
            &mut issuers,
            format!("{}人民政府", p.name),
            Kind::Gov,
            format!("{}{gov}", p.abbr),
        );
        push(
            &mut issuers,
            format!(
                "{}人民政府{}",
                p.name,
                if p.province { "办公厅" } else { "办公室" }
            ),
            Kind::Office,
            format!("{}{gov}办", p.abbr),
        );
        push(
            &mut issuers,
            format!("{}人民代表大会常务委员会", p.name),
            Kind::Congress,
            String::new(),
        );
        // A different selection of departments for each publisher.
        let mut ds: Vec<usize> = (0..DEPTS.len()).collect();
        rng.shuffle(&mut ds);
        ds.truncate(rng.range(12, 16));
        ds.sort_unstable();
        for d in ds {
            let dept = DEPTS[d];
            push(
                &mut issuers,
                format!("{}{}", p.name, if p.province { dept.0 } else { dept.1 }),
                Kind::Dept(d),
                format!("{}{}", p.abbr, dept.4),
            );
        }
        // Governments below the publisher: a prefecture city of a province,
        // two districts of a city.
        let below = if p.province { 1 } else { 2 };
        subs.extend(places.iter().take(below).map(|place| (pi, place.clone())));
    }
    for (pi, place) in subs {
        let p = &PUBLISHERS[pi];
        let (name, l) = if p.province {
            (place.clone(), "市")
        } else {
            (format!("{}{place}", p.name), "区")
        };
        let towns: Vec<String> = (0..rng.range(6, 10))
            .map(|k| {
                let base = pools.place2(rng);
                match (p.province, k % 3) {
                    (true, 0) => format!("{base}县"),
                    (true, _) => format!("{base}区"),
                    (false, 0) => format!("{base}镇"),
                    (false, _) => format!("{base}街道"),
                }
            })
            .collect();
        let mut units: Vec<String> = DEPTS
            .iter()
            .take(26)
            .map(|d| format!("{l}{}", d.3))
            .collect();
        units.extend(OTHER_UNITS.iter().take(8).map(|u| format!("{l}{u}")));
        let si = scopes.len();
        scopes.push(Scope {
            name: name.clone(),
            level: if p.province {
                Level::City
            } else {
                Level::District
            },
            publisher: Some(pi),
            l,
            all: format!("全{l}"),
            places: towns,
            units,
            addressee: if p.province {
                "各区县人民政府，市政府各部门，有关单位：".into()
            } else {
                "各街道办事处、镇人民政府，区政府各部门，有关单位：".into()
            },
            leader: if p.province { "市长" } else { "区长" },
        });
        // The 文号 abbreviation: the place's first character, else its second,
        // else both.
        let chars: Vec<char> = place.chars().collect();
        let abbr = [
            chars[0].to_string(),
            chars[1].to_string(),
            format!("{}{}", chars[0], chars[1]),
        ]
        .into_iter()
        .find(|a| !used_abbr.contains(a))
        .unwrap_or_else(|| format!("{}{}", chars[0], chars[1]));
        used_abbr.insert(abbr.clone());
        issuers.push(Issuer {
            name: format!("{name}人民政府"),
            scope: si,
            kind: Kind::Gov,
            prefix: format!("{abbr}府"),
        });
        issuers.push(Issuer {
            name: format!("{name}人民政府办公室"),
            scope: si,
            kind: Kind::Office,
            prefix: format!("{abbr}府办"),
        });
    }
    World {
        scopes,
        issuers,
        by_publisher,
    }
}

// ---------------------------------------------------------------------------
// Document specifications (the catalogue, made before any text)

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Family {
    Notice,
    Opinion,
    Regulation,
    Plan,
    Tasks,
    Personnel,
    Reply,
    Order,
}

const FAMILIES: [Family; 8] = [
    Family::Notice,
    Family::Opinion,
    Family::Regulation,
    Family::Plan,
    Family::Tasks,
    Family::Personnel,
    Family::Reply,
    Family::Order,
];

impl Family {
    fn name(self) -> &'static str {
        match self {
            Family::Notice => "notice",
            Family::Opinion => "opinion",
            Family::Regulation => "regulation",
            Family::Plan => "plan",
            Family::Tasks => "tasks",
            Family::Personnel => "personnel",
            Family::Reply => "reply",
            Family::Order => "order",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Form {
    Txt,
    Md,
    Html,
}

impl Form {
    fn ext(self) -> &'static str {
        match self {
            Form::Txt => "txt",
            Form::Md => "md",
            Form::Html => "html",
        }
    }
}

#[derive(Clone)]
struct Cite {
    title: String,
    docno: Option<String>,
    resolved: bool,
}

#[derive(Clone)]
struct Spec {
    family: Family,
    domain: &'static str,
    /// Variant inside the family.
    sub: u8,
    issuer: usize,
    date: Date,
    title: String,
    /// The 文号 prefix and kind letter (`发`, `函`, `规`, `任`), or none.
    docno_form: Option<(String, &'static str)>,
    docno: Option<String>,
    topic: String,
    /// The attachment's title (the plan, measures or task list it issues).
    attach: Option<String>,
    target: usize,
    form: Form,
    issue: Option<usize>,
    cites: Vec<Cite>,
}

/// What each family's title and body are about.
struct Titled {
    domain: &'static str,
    title: String,
    topic: String,
    attach: Option<String>,
    sub: u8,
    docno_kind: Option<&'static str>,
}

/// The verbs of titles: 关于{verb}{topic}的通知.
static TITLE_VERBS: &[&str] = &[
    "加快推进",
    "进一步加强",
    "深入推进",
    "全面推进",
    "扎实推进",
    "加强",
    "促进",
    "支持",
    "推动",
    "规范",
    "完善",
    "健全",
    "强化",
    "提升",
    "持续推进",
    "做好",
    "进一步做好",
    "切实加强",
];

fn title_verb(rng: &mut Rng) -> &'static str {
    rng.pick::<&str>(TITLE_VERBS)
}

/// A topic of a domain with its level word put in (`质量强{L}建设` → `质量强省建设`).
fn topic(pools: &Pools, rng: &mut Rng, domain: &str, l: &str) -> String {
    pools.pick_for(rng, "topic", domain).replace("{L}", l)
}

fn scope_short(scope: &Scope) -> String {
    scope.name.clone()
}

fn plan_suffix(rng: &mut Rng, year: u32) -> String {
    match rng.below(7) {
        0 => format!("三年行动计划（{}—{}年）", year, year + 2),
        1 => "实施方案".into(),
        2 => "工作方案".into(),
        3 => "专项行动方案".into(),
        4 => format!("{}年工作要点", year),
        5 => format!("行动计划（{}—{}年）", year, year + 4),
        _ => "若干措施".into(),
    }
}

fn make_title(
    family: Family,
    issuer: &Issuer,
    scope: &Scope,
    pools: &Pools,
    rng: &mut Rng,
    year: u32,
) -> Titled {
    let i = &issuer.name;
    let s = scope_short(scope);
    let l = scope.l;
    let domain = match issuer.kind {
        Kind::Dept(d) => DEPT_DOMAIN[d],
        _ => *rng.pick(&DOMAINS),
    };
    let mut t = Titled {
        domain,
        title: String::new(),
        topic: topic(pools, rng, domain, l),
        attach: None,
        sub: 0,
        docno_kind: Some("发"),
    };
    match family {
        Family::Notice => {
            t.sub = rng.weighted(&[30, 30, 12, 12, 8, 8]) as u8;
            // A government or its office forwards a department's document.
            if t.sub == 5 && !matches!(issuer.kind, Kind::Gov | Kind::Office) {
                t.sub = 0;
            }
            let tp = t.topic.clone();
            match t.sub {
                0 => t.title = format!("{i}关于{}{tp}的通知", title_verb(rng)),
                1 => {
                    let a = format!("{s}{tp}{}", plan_suffix(rng, year));
                    t.title = format!("{i}关于印发{a}的通知");
                    t.attach = Some(a);
                }
                2 => t.title = format!("{i}关于做好{year}年{tp}工作的通知"),
                3 => {
                    let what = rng.pick(&[
                        "专项行动",
                        "试点工作",
                        "专项督查",
                        "评估工作",
                        "示范创建工作",
                        "排查整治",
                    ]);
                    t.title = format!("{i}关于开展{tp}{what}的通知");
                }
                4 => {
                    let list = rng.pick(pools.list("honour")).replace("{L}", l);
                    let n = cn_num(rng.range(1, 9) as u32);
                    t.topic = list.clone();
                    t.title = format!("{i}关于公布{s}第{n}批{list}名单的通知");
                    t.attach = Some(format!("{s}第{n}批{list}名单"));
                }
                _ => {
                    let u = rng.pick(&scope.units).clone();
                    let g = rng.pick(&["实施意见", "指导意见", "工作方案", "若干措施"]);
                    let a = format!("{u}关于{}{tp}的{g}", title_verb(rng));
                    t.title = format!("{i}转发{a}的通知");
                    t.attach = Some(a);
                }
            }
        }
        Family::Opinion => {
            t.sub = rng.below(4) as u8;
            let g = ["实施意见", "指导意见", "若干意见", "意见"][t.sub as usize];
            t.title = format!("{i}关于{}{}的{g}", title_verb(rng), t.topic);
        }
        Family::Regulation => {
            let rt = pools.pick_for(rng, "regulation", domain);
            t.topic = rt.clone();
            let measures = |rng: &mut Rng, rt: &str| -> String {
                match rng.below(6) {
                    0 if !rt.ends_with("管理") => format!("{s}{rt}管理办法"),
                    1 => format!("{s}{rt}实施细则"),
                    2 => format!("{s}{rt}若干规定"),
                    3 => format!("{s}{rt}办法（试行）"),
                    4 => {
                        let law = rng.pick(pools.list("law"));
                        format!("{s}实施《中华人民共和国{law}法》办法")
                    }
                    _ => format!("{s}{rt}办法"),
                }
            };
            match issuer.kind {
                Kind::Congress => {
                    t.sub = 0;
                    t.docno_kind = None;
                    t.title = if rng.chance(0.15) {
                        let law = rng.pick(pools.list("law"));
                        format!("{s}实施《中华人民共和国{law}法》办法")
                    } else {
                        format!("{s}{rt}条例")
                    };
                    if rng.chance(0.12) {
                        t.title.push_str(&format!("（{}年修正）", year));
                    }
                }
                _ if rng.chance(0.55) => {
                    // A notice issuing the measures as its attachment.
                    t.sub = 1;
                    let a = measures(rng, &rt);
                    t.title = format!("{i}关于印发{a}的通知");
                    t.attach = Some(a);
                    t.docno_kind = Some(if rng.chance(0.5) { "规" } else { "发" });
                }
                _ => {
                    // The measures themselves, with a 文号 and a signature.
                    t.sub = 2;
                    t.title = measures(rng, &rt);
                    t.docno_kind = Some("规");
                }
            }
        }
        Family::Plan => {
            let own_plan = matches!(issuer.kind, Kind::Gov | Kind::Office);
            t.sub = rng.weighted(&[if own_plan { 30 } else { 0 }, 25, 45]) as u8;
            match t.sub {
                0 | 1 => {
                    let h = pools.pick_for(rng, "emergency", domain);
                    t.topic = h.clone();
                    let mut plan = if h.ends_with("应急") {
                        format!("{s}{h}预案")
                    } else {
                        format!("{s}{h}应急预案")
                    };
                    if rng.chance(0.3) {
                        plan.push_str(&format!("（{}年修订）", year));
                    }
                    if t.sub == 0 {
                        t.title = plan;
                        t.docno_kind = if rng.chance(0.4) { Some("发") } else { None };
                    } else {
                        t.title = format!("{i}关于印发{plan}的通知");
                        t.attach = Some(plan);
                    }
                }
                _ => {
                    let tp = t.topic.clone();
                    let plan = if (2021..=2022).contains(&year) && rng.chance(0.6) {
                        format!("{s}“十四五”{tp}规划")
                    } else if (2016..=2017).contains(&year) && rng.chance(0.6) {
                        format!("{s}“十三五”{tp}规划")
                    } else {
                        format!("{s}{tp}发展规划（{}—{}年）", year, year + 4)
                    };
                    t.title = format!("{i}关于印发{plan}的通知");
                    t.attach = Some(plan);
                }
            }
        }
        Family::Tasks => {
            t.sub = rng.below(3) as u8;
            let tp = t.topic.clone();
            let a = match t.sub {
                0 => format!("{s}{year}年{tp}重点任务分工方案"),
                1 => format!("{s}{tp}工作任务清单"),
                _ => format!("{s}{tp}{}", plan_suffix(rng, year)),
            };
            t.title = format!("{i}关于印发{a}的通知");
            t.attach = Some(a);
        }
        Family::Personnel => {
            t.sub = rng.below(3) as u8;
            let name = pools.person(rng);
            t.topic = name.clone();
            t.title = match t.sub {
                0 => format!("{i}关于{name}等同志职务任免的通知"),
                1 => format!("{i}关于{name}同志任职的通知"),
                _ => format!("{i}关于{name}等同志免职的通知"),
            };
            t.docno_kind = Some("人");
        }
        Family::Reply => {
            t.sub = rng.below(5) as u8;
            let place = rng.pick(&scope.places).clone();
            t.topic = place.clone();
            let ind = rng.pick(pools.list("industry")).clone();
            t.title = match t.sub {
                0 => format!("{i}关于同意设立{place}{ind}产业园的批复"),
                1 => format!("{i}关于{place}国土空间总体规划（2021—2035年）的批复"),
                2 => {
                    let list = rng.pick(pools.list("honour")).replace("{L}", l);
                    format!("{i}关于同意将{place}列为{list}的批复")
                }
                3 => {
                    let thing = pools.place2(rng);
                    format!("{i}关于{place}{thing}{ind}项目可行性研究报告的批复")
                }
                _ => {
                    let what = rng.pick(&[
                        "行政区划",
                        "城市总体规划",
                        "开发区四至范围",
                        "历史文化街区保护规划",
                        "生态保护红线",
                    ]);
                    format!("{i}关于同意{place}调整{what}的批复")
                }
            };
            t.docno_kind = Some("函");
        }
        Family::Order => {
            t.sub = 0;
            t.title = format!("{}人民政府令", scope.name);
            let rt = pools.pick_for(rng, "regulation", domain);
            t.topic = rt.clone();
            t.attach = Some(if rt.ends_with("管理") {
                format!("{s}{rt}办法")
            } else {
                format!("{s}{rt}管理办法")
            });
            t.docno_kind = Some("令");
        }
    }
    t
}

/// Which issuers may sign a family's documents.
fn issuer_fits(family: Family, issuer: &Issuer, scope: &Scope) -> bool {
    match family {
        Family::Order => matches!(issuer.kind, Kind::Gov) && scope.level != Level::Nation,
        Family::Regulation => !matches!(issuer.kind, Kind::Office) || scope.level == Level::Nation,
        Family::Personnel => matches!(issuer.kind, Kind::Gov),
        Family::Reply => matches!(issuer.kind, Kind::Gov | Kind::Office),
        _ => !matches!(issuer.kind, Kind::Congress),
    }
}

// ---------------------------------------------------------------------------
// Text generation: a context filling phrase templates

struct Ctx<'a> {
    rng: Rng,
    pools: &'a Pools,
    scope: &'a Scope,
    topic: String,
    year: u32,
    /// 本办法 / 本条例 / 本预案 …
    genre: &'static str,
    domain: &'static str,
    /// The document is printed in a gazette issue.
    in_issue: bool,
    /// The issuing department's short name (省民政厅), when a department issues.
    own_unit: Option<String>,
    /// Templates used lately (not to repeat a sentence within a few lines).
    recent: Vec<String>,
}

impl<'a> Ctx<'a> {
    fn fill(&mut self, tpl: &str) -> String {
        let mut out = String::with_capacity(tpl.len() * 2);
        let mut rest = tpl;
        while let Some(p) = rest.find('{') {
            out.push_str(&rest[..p]);
            let after = &rest[p + 1..];
            let Some(q) = after.find('}') else {
                out.push_str(&rest[p..]);
                rest = "";
                break;
            };
            self.slot(&after[..q], &mut out);
            rest = &after[q + 1..];
        }
        out.push_str(rest);
        out
    }

    fn word(&mut self, list: &str) -> String {
        if self
            .pools
            .tagged
            .contains_key(&(list.to_string(), "any".to_string()))
        {
            return self.pools.pick_for(&mut self.rng, list, self.domain);
        }
        let v = self.pools.list(list);
        if v.is_empty() {
            return list.to_string();
        }
        v[self.rng.below(v.len())].clone()
    }

    /// A unit of the scope; the issuing department itself a third of the time.
    fn unit(&mut self) -> String {
        if let Some(own) = &self.own_unit {
            if self.rng.chance(0.33) {
                return own.clone();
            }
        }
        self.rng.pick(&self.scope.units).clone()
    }

    fn place(&mut self) -> String {
        self.rng.pick(&self.scope.places).clone()
    }

    fn enterprise(&mut self) -> String {
        let place = self.pools.place2(&mut self.rng);
        let brand = self.pools.brand(&mut self.rng);
        let trade = self.word("trade");
        let form = *self
            .rng
            .pick(&["有限公司", "股份有限公司", "集团有限公司", "有限责任公司"]);
        format!("{place}{brand}{trade}{form}")
    }

    fn project(&mut self) -> String {
        let place = self.pools.place2(&mut self.rng);
        let n = self.rng.below(6);
        match n {
            0 => {
                let w = self.word("crop");
                format!("{place}{w}产业园")
            }
            1 => {
                let w = self.word("mineral");
                format!("{place}{w}精深加工项目")
            }
            2 => {
                let w = self.word("site");
                format!("{place}{w}保护利用工程")
            }
            3 => {
                let w = self.word("industry");
                let b = self.pools.brand(&mut self.rng);
                format!("{place}{b}{w}产业基地")
            }
            4 => {
                let w = self.word("material");
                format!("{place}{w}生产线建设项目")
            }
            _ => {
                let w = self.word("fruit");
                format!("{place}{w}标准化种植示范基地")
            }
        }
    }

    fn slot(&mut self, key: &str, out: &mut String) {
        let y = self.year;
        match key {
            "T" => out.push_str(&self.topic),
            "L" => out.push_str(self.scope.l),
            "ALL" => out.push_str(&self.scope.all),
            "S" => out.push_str(&self.scope.name),
            "G" => out.push_str(self.genre),
            "P" => {
                // Not the place just named (`在甲区、甲区开展试点`).
                let mut p = self.place();
                for _ in 0..4 {
                    if !out.ends_with(&p) && !out.ends_with(&format!("{p}、")) {
                        break;
                    }
                    p = self.place();
                }
                out.push_str(&p);
            }
            "U" => {
                let u = self.unit();
                out.push_str(&u);
            }
            "ENT" => {
                let e = self.enterprise();
                out.push_str(&e);
            }
            "PROJ" => {
                let p = self.project();
                out.push_str(&p);
            }
            "NAME" => {
                let n = self.pools.person(&mut self.rng);
                out.push_str(&n);
            }
            "N" => {
                let n = self.rng.range(2, 12);
                write!(out, "{n}").ok();
            }
            "NN" => {
                let n = self.rng.range(10, 500);
                write!(out, "{n}").ok();
            }
            "CN" => {
                let n = self.rng.range(2, 10) as u32;
                out.push_str(&cn_num(n));
            }
            "PCT" => {
                let n = self.rng.range(50, 99);
                write!(out, "{n}%").ok();
            }
            "DEC" => {
                let a = self.rng.range(1, 30);
                let b = self.rng.range(0, 9);
                write!(out, "{a}.{b}").ok();
            }
            "Y" => write!(out, "{y}").unwrap_or(()),
            "Y2" => {
                let t = y + self.rng.range(1, 5) as u32;
                write!(out, "{t}").ok();
            }
            "YP" => write!(out, "{}", y.saturating_sub(1)).unwrap_or(()),
            "INDICATOR" => {
                // In running text an indicator goes without its unit.
                let w = self.word("indicator");
                out.push_str(w.split('（').next().unwrap_or(&w));
            }
            "M" => {
                let m = self.rng.range(1, 12);
                write!(out, "{m}").ok();
            }
            _ => {
                // Any other key names a list (verb, idiom, industry, crop …).
                let w = self.word(&key.to_ascii_lowercase());
                out.push_str(&w);
            }
        }
    }

    /// A sentence from a phrase list, filled.
    /// A sentence from a phrase list, filled; one used lately in this
    /// document is drawn again (up to four times).
    fn say(&mut self, list: &str) -> String {
        let mut tpl = self.word(list);
        for _ in 0..4 {
            if !self.recent.contains(&tpl) {
                break;
            }
            tpl = self.word(list);
        }
        if self.recent.len() >= 24 {
            self.recent.remove(0);
        }
        self.recent.push(tpl.clone());
        self.fill(&tpl)
    }

    /// A paragraph of `lo..=hi` sentences from a list.
    fn para(&mut self, list: &str, lo: usize, hi: usize) -> String {
        let n = self.rng.range(lo, hi);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(&self.say(list));
        }
        s
    }
}

// ---------------------------------------------------------------------------
// Blocks: a document as the importer's reader sees it, before any form

#[derive(Clone)]
enum Row {
    Group(String),
    Cells(Vec<String>),
}

#[derive(Clone)]
enum Block {
    /// 版头 (`XX人民政府文件`).
    Head(String),
    Title(String),
    DocNo(String),
    /// A regulation's passage or amendment line.
    Passage(String),
    /// 目录 and its entries.
    Toc(Vec<String>),
    Addressee(String),
    Para(String),
    /// A numbered heading line: 一、总体要求 / 第一章　总则 / 1.1 编制目的.
    Heading(String, u8),
    /// 专栏N　title.
    Column(String),
    Entry(String, String),
    Table {
        header: Vec<String>,
        rows: Vec<Row>,
        note: Option<String>,
    },
    /// 附件：1.… lines at the end of the body.
    AttachNote(Vec<String>),
    Signature(Vec<String>),
    Date(String),
    Tail(String),
    AttachLabel(String),
    AttachTitle(String),
}

fn block_len(b: &Block) -> usize {
    match b {
        Block::Head(s)
        | Block::Title(s)
        | Block::DocNo(s)
        | Block::Passage(s)
        | Block::Addressee(s)
        | Block::Para(s)
        | Block::Heading(s, _)
        | Block::Column(s)
        | Block::Date(s)
        | Block::Tail(s)
        | Block::AttachLabel(s)
        | Block::AttachTitle(s) => s.len() + 8,
        Block::Entry(a, b) => a.len() + b.len() + 8,
        Block::Toc(v) | Block::AttachNote(v) | Block::Signature(v) => {
            v.iter().map(|s| s.len() + 4).sum()
        }
        Block::Table { header, rows, note } => {
            header.iter().map(String::len).sum::<usize>()
                + rows
                    .iter()
                    .map(|r| match r {
                        Row::Group(g) => g.len() + 4,
                        Row::Cells(c) => c.iter().map(|x| x.len() + 1).sum::<usize>() + 2,
                    })
                    .sum::<usize>()
                + note.as_ref().map_or(0, String::len)
        }
    }
}

fn blocks_len(v: &[Block]) -> usize {
    v.iter().map(block_len).sum()
}

/// 一、 二、 … as printed.
fn cn_label(n: usize) -> String {
    format!("{}、", cn_num(n as u32))
}

fn cn_paren(n: usize) -> String {
    format!("（{}）", cn_num(n as u32))
}

// ---------------------------------------------------------------------------
// Family bodies

/// The opening paragraph of a notice, opinion or plan; `cite` goes in front.
fn opening(ctx: &mut Ctx, cites: &[Cite], kind: &str) -> String {
    let mut s = String::new();
    if let Some(c) = cites.first() {
        s.push_str("根据《");
        s.push_str(&c.title);
        s.push('》');
        if let Some(n) = &c.docno {
            s.push('（');
            s.push_str(n);
            s.push('）');
        }
        s.push_str(if ctx.rng.chance(0.5) {
            "精神，"
        } else {
            "等文件要求，"
        });
        if let Some(c2) = cites.get(1) {
            s.push_str("按照《");
            s.push_str(&c2.title);
            s.push('》');
            if let Some(n) = &c2.docno {
                s.push('（');
                s.push_str(n);
                s.push('）');
            }
            s.push_str("部署，");
        }
    }
    let purpose = ctx.say("purpose");
    s.push_str(&purpose);
    s.push_str(&ctx.say("reason"));
    let end = match kind {
        "opinion" => ctx.fill("经{S}人民政府同意，现提出如下意见。"),
        "plan" => ctx.fill("结合{L}实际，制定本方案。"),
        _ => {
            if ctx.rng.chance(0.5) {
                "现就有关事项通知如下。".into()
            } else {
                "现将有关事项通知如下：".into()
            }
        }
    };
    s.push_str(&end);
    s
}

/// A 专栏 with its entries.
fn column(ctx: &mut Ctx, n: usize, out: &mut Vec<Block>) {
    let title = ctx.say("column");
    let sep = if ctx.rng.chance(0.8) { "　" } else { " " };
    out.push(Block::Column(format!("专栏{n}{sep}{title}")));
    for _ in 0..ctx.rng.range(3, 6) {
        let name = ctx.say("entryname");
        let text = ctx.para("task", 1, 2);
        out.push(Block::Entry(name, text));
    }
}

/// The body of a notice or opinion (or an attachment written like one):
/// 一、 chapters (总体要求, one to four task chapters, 保障措施), （一）
/// sections with run-in or titled heads, 1. items, now and then a 专栏 at
/// a section's end. The sections grow until `target` bytes.
fn policy_body(ctx: &mut Ctx, target: usize, columns: bool, out: &mut Vec<Block>) {
    let start = blocks_len(out);
    let mut chapter = 1;
    let mut col = 0;
    // 总体要求 first, most of the time.
    if ctx.rng.chance(0.7) {
        out.push(Block::Heading(format!("{}总体要求", cn_label(chapter)), 1));
        chapter += 1;
        let heads = ["指导思想", "基本原则", "主要目标"];
        let n = ctx.rng.range(1, 3);
        if n == 1 {
            out.push(Block::Para(
                ctx.para("purpose_long", 1, 1) + &ctx.para("goal", 1, 2),
            ));
        } else {
            for (k, h) in heads.iter().take(n).enumerate() {
                out.push(Block::Heading(format!("{}{h}", cn_paren(k + 1)), 2));
                match *h {
                    "基本原则" => {
                        for _ in 0..ctx.rng.range(2, 4) {
                            let lead = ctx.say("principle");
                            let text = ctx.para("task", 1, 2);
                            out.push(Block::Para(format!("{lead}{text}")));
                        }
                    }
                    "主要目标" => out.push(Block::Para(ctx.para("goal", 2, 4))),
                    _ => out.push(Block::Para(ctx.para("purpose_long", 1, 2))),
                }
            }
        }
    }
    // One to four task chapters sharing the room, then the safeguards.
    let room = target.saturating_sub(blocks_len(out) - start + 900);
    let chapters = (room / 5000)
        .clamp(1, 6)
        .min(ctx.rng.range(1, 4) + room / 30_000);
    let per = room / chapters;
    let mut heads: Vec<String> = Vec::new();
    for c in 0..chapters {
        let head = if chapters == 1 {
            ctx.rng
                .pick(&["重点任务", "主要任务", "工作重点"])
                .to_string()
        } else {
            let mut h = ctx.say("chapterhead");
            for _ in 0..5 {
                if !heads.contains(&h) {
                    break;
                }
                h = ctx.say("chapterhead");
            }
            h
        };
        heads.push(head.clone());
        out.push(Block::Heading(format!("{}{head}", cn_label(chapter)), 1));
        chapter += 1;
        let chapter_start = blocks_len(out);
        let mut k = 0;
        while k < 2 || (k < 14 && blocks_len(out) - chapter_start < per) {
            k += 1;
            let head = ctx.say("sectionhead");
            // Longer documents have longer sections.
            let rich = per > 8000;
            match ctx.rng.below(3) {
                0 => {
                    // Run-in: （一）优化基地布局。依托…
                    let text = ctx.para("task", 2, if rich { 6 } else { 4 });
                    out.push(Block::Para(format!("{}{head}。{text}", cn_paren(k))));
                }
                1 => {
                    out.push(Block::Heading(format!("{}{head}", cn_paren(k)), 2));
                    for _ in 0..(if rich { ctx.rng.range(1, 3) } else { 1 }) {
                        out.push(Block::Para(ctx.para("task", 2, 5)));
                    }
                }
                _ => {
                    out.push(Block::Heading(format!("{}{head}", cn_paren(k)), 2));
                    for j in 1..=ctx.rng.range(2, if rich { 6 } else { 4 }) {
                        let lead = ctx.say("sectionhead");
                        let text = ctx.para("task", 1, 3);
                        out.push(Block::Para(format!("{j}.{lead}。{text}")));
                    }
                }
            }
            if columns && ctx.rng.chance(0.15) {
                col += 1;
                column(ctx, col, out);
            }
        }
        let _ = c;
    }
    out.push(Block::Heading(
        format!("{}{}", cn_label(chapter), ctx.say("safeguardhead")),
        1,
    ));
    for k in 1..=ctx.rng.range(2, 4) {
        let head = ctx.say("safeguardlead");
        let text = ctx.para("safeguard", 1, 3);
        if ctx.rng.chance(0.5) {
            out.push(Block::Para(format!("{}{head}。{text}", cn_paren(k))));
        } else {
            out.push(Block::Heading(format!("{}{head}", cn_paren(k)), 2));
            out.push(Block::Para(text));
        }
    }
}

fn signature_date(ctx: &mut Ctx, issuer: &str, date: Date, out: &mut Vec<Block>) {
    out.push(Block::Signature(vec![issuer.to_string()]));
    out.push(Block::Date(if ctx.rng.chance(0.12) {
        date.numerals()
    } else {
        date.cn()
    }));
}

fn public_note(ctx: &mut Ctx) -> String {
    ctx.rng
        .pick(&[
            "（此件公开发布）",
            "（此件主动公开）",
            "（此件公开发布）",
            "（此件依申请公开）",
        ])
        .to_string()
}

/// 抄送 and 印发 lines (版记); a gazette does not reprint them.
fn cc_lines(ctx: &mut Ctx, issuer: &str, date: Date, out: &mut Vec<Block>) {
    if !ctx.in_issue && ctx.rng.chance(0.3) {
        let l = ctx.scope.l;
        out.push(Block::Tail(format!(
            "抄送：{l}委各部门，{l}人大常委会办公厅，{l}政协办公厅，{l}纪委监委。"
        )));
        let office = if issuer.ends_with("人民政府") {
            format!("{issuer}办公厅")
        } else {
            issuer.to_string()
        };
        out.push(Block::Tail(format!(
            "{office}　　{}印发",
            date.add_days(2).cn()
        )));
    }
}

/// Notice with an optional attachment written like a policy document.
fn notice(ctx: &mut Ctx, spec: &Spec, issuer: &str, out: &mut Vec<Block>) {
    out.push(Block::Addressee(ctx.scope.addressee.clone()));
    let target = spec.target;
    match (&spec.attach, spec.sub) {
        (Some(att), 4) => {
            // A list of honours: a short notice and a table.
            out.push(Block::Para(
                ctx.fill("根据{S}有关工作安排，经组织申报、专家评审、实地核查和网上公示，现将{S}")
                    + &format!("{}予以公布。", att.trim_start_matches(&ctx.scope.name)),
            ));
            out.push(Block::Para(ctx.para("safeguard", 2, 3)));
            out.push(Block::AttachNote(vec![format!("附件：{att}")]));
            signature_date(ctx, issuer, spec.date, out);
            out.push(Block::Tail(public_note(ctx)));
            out.push(Block::AttachLabel("附件".into()));
            out.push(Block::AttachTitle(att.clone()));
            // What is listed: enterprises, villages and towns, or projects.
            let kind = ctx
                .pools
                .tag_of("honour", &spec.topic)
                .unwrap_or("proj")
                .to_string();
            let mut rows = Vec::new();
            let n = (target.saturating_sub(blocks_len(out)) / 90).clamp(8, 400);
            for k in 1..=n {
                let place = ctx.place();
                let name = match kind.as_str() {
                    "ent" => ctx.enterprise(),
                    "place" => {
                        let v = ctx.pools.place2(&mut ctx.rng);
                        let unit = *ctx.rng.pick(&["村", "村", "镇", "乡", "社区"]);
                        format!("{place}{v}{unit}")
                    }
                    _ => ctx.project(),
                };
                rows.push(Row::Cells(vec![k.to_string(), name, place]));
            }
            let what = match kind.as_str() {
                "ent" => "企业名称",
                "place" => "村镇名称",
                _ => "项目名称",
            };
            out.push(Block::Table {
                header: vec!["序号".into(), what.into(), "所在地".into()],
                rows,
                note: None,
            });
        }
        (Some(att), _) => {
            let verb = if spec.sub == 5 { "转发" } else { "印发" };
            let agreed = if ctx.rng.chance(0.6) {
                ctx.fill("已经{S}人民政府同意，")
            } else {
                String::new()
            };
            out.push(Block::Para(format!(
                "《{att}》{agreed}现{verb}给你们，请结合实际认真贯彻执行。"
            )));
            if !spec.cites.is_empty() {
                let o = opening(ctx, &spec.cites, "notice");
                out.push(Block::Para(o));
            }
            out.push(Block::Para(ctx.para("safeguard", 2, 3)));
            out.push(Block::AttachNote(vec![format!("附件：{att}")]));
            signature_date(ctx, issuer, spec.date, out);
            out.push(Block::Tail(public_note(ctx)));
            out.push(Block::AttachLabel("附件".into()));
            out.push(Block::AttachTitle(att.clone()));
            out.push(Block::Para(
                ctx.say("purpose") + &ctx.fill("结合{L}实际，制定本方案。"),
            ));
            let rest = target.saturating_sub(blocks_len(out));
            policy_body(ctx, rest, true, out);
            cc_lines(ctx, issuer, spec.date, out);
        }
        _ => {
            let o = opening(ctx, &spec.cites, "notice");
            out.push(Block::Para(o));
            let rest = target.saturating_sub(blocks_len(out) + 300);
            let columns = ctx.rng.chance(0.3);
            policy_body(ctx, rest, columns, out);
            if ctx.rng.chance(0.25) {
                out.push(Block::Para("特此通知。".into()));
            }
            signature_date(ctx, issuer, spec.date, out);
            out.push(Block::Tail(public_note(ctx)));
            cc_lines(ctx, issuer, spec.date, out);
        }
    }
}

fn opinion(ctx: &mut Ctx, spec: &Spec, issuer: &str, out: &mut Vec<Block>) {
    out.push(Block::Addressee(ctx.scope.addressee.clone()));
    let o = opening(ctx, &spec.cites, "opinion");
    out.push(Block::Para(o));
    let rest = spec.target.saturating_sub(blocks_len(out) + 300);
    let columns = ctx.rng.chance(0.4);
    policy_body(ctx, rest, columns, out);
    signature_date(ctx, issuer, spec.date, out);
    out.push(Block::Tail(public_note(ctx)));
    cc_lines(ctx, issuer, spec.date, out);
}

/// Article and chapter counters of a regulation.
#[derive(Default)]
struct Numbers {
    art: u32,
    ch: u32,
}

impl Numbers {
    fn article(&mut self, ctx: &mut Ctx, out: &mut Vec<Block>, text: String) {
        self.art += 1;
        let sep = if ctx.rng.chance(0.93) { "　" } else { " " };
        out.push(Block::Para(format!("第{}条{sep}{text}", cn_num(self.art))));
    }

    fn chapter(&mut self, out: &mut Vec<Block>, title: &str) {
        self.ch += 1;
        out.push(Block::Heading(
            format!("第{}章　{title}", cn_num(self.ch)),
            1,
        ));
    }
}

/// A regulation's chapters and articles, grown to `target` bytes.
fn articles(ctx: &mut Ctx, spec: &Spec, effective: Date, target: usize, out: &mut Vec<Block>) {
    let g = ctx.genre;
    let start = blocks_len(out);
    let big = target > 9000;
    let chaptered = big || ctx.rng.chance(0.5);
    let parts = big && target > 26_000 && ctx.rng.chance(0.25);
    let mut no = Numbers::default();
    let mut part = 0u32;
    // 总则
    if parts {
        part += 1;
        out.push(Block::Heading(format!("第{}编　总则", cn_num(part)), 0));
    }
    if chaptered {
        no.chapter(out, "总则");
    }
    let mut first = format!("为了{}，", ctx.say("regpurpose"));
    match spec.cites.first() {
        Some(c) => {
            first.push_str(&format!("根据《{}》", c.title));
            if let Some(n) = &c.docno {
                first.push_str(&format!("（{n}）"));
            }
            first.push_str("和有关法律、法规，");
        }
        None => first.push_str("根据有关法律、行政法规，"),
    }
    first.push_str(&ctx.fill("结合本{L}实际，制定本{G}。"));
    no.article(ctx, out, first);
    let scope_art = ctx.fill("本{L}行政区域内{T}及其监督管理活动，适用本{G}。");
    no.article(ctx, out, scope_art);
    let duty = ctx.say("duty");
    no.article(ctx, out, duty);
    let duty2 = ctx.say("duty");
    no.article(ctx, out, duty2);
    // The middle chapters.
    let budget = target.saturating_sub(1500);
    let mut sections_in_chapter;
    loop {
        if parts && part == 1 && blocks_len(out) - start > budget / 2 {
            part += 1;
            out.push(Block::Heading(
                format!("第{}编　{}", cn_num(part), ctx.say("parthead")),
                0,
            ));
        }
        if chaptered {
            let head = ctx.say("reghead");
            no.chapter(out, &head);
        }
        sections_in_chapter = big && ctx.rng.chance(0.3);
        let nsec = if sections_in_chapter {
            ctx.rng.range(2, 3)
        } else {
            1
        };
        for s in 1..=nsec {
            if sections_in_chapter {
                let head = ctx.say("reghead");
                out.push(Block::Heading(
                    format!("第{}节　{head}", cn_num(s as u32)),
                    2,
                ));
            }
            for _ in 0..ctx.rng.range(3, 7) {
                match ctx.rng.below(6) {
                    0 => {
                        // An article with 项 (and sometimes 目): a lead and
                        // some of its items, in order.
                        let line = ctx.word("reglist");
                        let mut fields = line.split('|');
                        let lead = ctx.fill(fields.next().unwrap_or_default());
                        let items: Vec<&str> =
                            fields.next().unwrap_or_default().split('；').collect();
                        let subs: Vec<&str> = fields
                            .next()
                            .map(|f| f.split('；').collect())
                            .unwrap_or_default();
                        no.article(ctx, out, lead);
                        let mut chosen: Vec<&str> = items
                            .iter()
                            .copied()
                            .filter(|_| ctx.rng.chance(0.8))
                            .collect();
                        if chosen.len() < 2 {
                            chosen = items.clone();
                        }
                        let n = chosen.len();
                        for (k, item) in chosen.iter().enumerate() {
                            let item = ctx.fill(item.trim_end_matches('；'));
                            if k == 1 && !subs.is_empty() && ctx.rng.chance(0.5) {
                                out.push(Block::Para(format!("{}{item}，包括：", cn_paren(k + 1))));
                                for (j, sub) in subs.iter().enumerate() {
                                    out.push(Block::Para(format!("{}. {sub}；", j + 1)));
                                }
                            } else {
                                let end = if k + 1 == n { "。" } else { "；" };
                                out.push(Block::Para(format!("{}{item}{end}", cn_paren(k + 1))));
                            }
                        }
                    }
                    1 => {
                        // Two or three 款.
                        let a = ctx.say("article");
                        no.article(ctx, out, a);
                        for _ in 0..ctx.rng.range(1, 2) {
                            out.push(Block::Para(ctx.say("article")));
                        }
                    }
                    2 if no.art > 6 => {
                        let n = ctx.rng.range(2, no.art as usize - 1) as u32;
                        let text = ctx.fill(&format!(
                            "违反本{{G}}第{}条规定，{{BAD}}的，由{{U}}责令限期改正；逾期不改正的，处{{NN}}元以上{{NN}}元以下罚款。",
                            cn_num(n)
                        ));
                        no.article(ctx, out, text);
                    }
                    _ => {
                        let a = ctx.say("article");
                        no.article(ctx, out, a);
                    }
                }
            }
        }
        if blocks_len(out) - start > budget || no.ch > 14 {
            break;
        }
    }
    // 法律责任 and 附则
    if chaptered {
        no.chapter(out, "法律责任");
    }
    for _ in 0..ctx.rng.range(2, 4) {
        let n = ctx.rng.range(3, (no.art as usize).max(4)) as u32;
        let text = ctx.fill(&format!(
            "违反本{{G}}第{}条规定，{{BAD}}的，由{{U}}责令停止违法行为，处{{NN}}元以上{{NN}}元以下罚款；情节严重的，依法追究法律责任。",
            cn_num(n)
        ));
        no.article(ctx, out, text);
    }
    let staff = ctx.fill("有关部门及其工作人员在{T}工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分；构成犯罪的，依法追究刑事责任。");
    no.article(ctx, out, staff);
    if chaptered {
        no.chapter(
            out,
            if ctx.rng.chance(0.2) {
                "附　　则"
            } else {
                "附则"
            },
        );
    }
    if ctx.rng.chance(0.4) {
        let t = ctx.fill("本{G}下列用语的含义：");
        no.article(ctx, out, t);
        let n = ctx.rng.range(2, 4);
        for k in 1..=n {
            let line = ctx.word("definition");
            let (term, def) = line.split_once('|').unwrap_or((&line, ""));
            let end = if k == n { "。" } else { "；" };
            out.push(Block::Para(format!(
                "{}{term}，是指{def}{end}",
                cn_paren(k)
            )));
        }
    }
    let mut last = format!("本{g}自{}起施行", effective.cn());
    if g == "办法" && spec.family != Family::Order && ctx.rng.chance(0.5) {
        let years = ctx.rng.range(2, 5);
        last.push_str(&format!("，有效期{years}年"));
    }
    last.push('。');
    if ctx.rng.chance(0.3) {
        let old = format!("《{}{}》", ctx.scope.name, ctx.say("oldname"));
        last.push_str(&format!("{old}同时废止。"));
    }
    no.article(ctx, out, last);
}

fn regulation_genre(title: &str) -> &'static str {
    let t = title.trim_end_matches(|c| c != '）').trim_end_matches('）');
    let t = t.rsplit_once('（').map_or(title, |(a, _)| a);
    let t = if t.is_empty() { title } else { t };
    if t.ends_with("条例") {
        "条例"
    } else if t.ends_with("细则") {
        "细则"
    } else if t.ends_with("规定") {
        "规定"
    } else {
        "办法"
    }
}

fn congress_line(scope: &Scope, date: Date, rng: &mut Rng) -> String {
    let term = match date.y {
        ..=2017 => 12,
        2018..=2022 => 13,
        _ => 14,
    };
    let start = match term {
        12 => 2013,
        13 => 2018,
        _ => 2023,
    };
    let meeting = ((date.y - start) * 6 + date.m / 2 + 1).max(1) + rng.range(0, 2) as u32;
    format!(
        "{}{}第{}届人民代表大会常务委员会第{}次会议通过",
        date.cn(),
        scope.name,
        cn_num(term),
        cn_num(meeting)
    )
}

fn regulation(ctx: &mut Ctx, spec: &Spec, issuer: &str, out: &mut Vec<Block>) {
    let effective = spec.date.add_days(ctx.rng.range(20, 120) as i64);
    match spec.sub {
        0 => {
            // Congress: passage line, maybe an amendment line and a 目录.
            out.push(Block::Passage(congress_line(
                ctx.scope,
                spec.date,
                &mut ctx.rng,
            )));
            if spec.title.contains("修正") {
                let later = spec.date.add_days(-(ctx.rng.range(400, 1500) as i64));
                let _ = later;
                let line = format!(
                    "根据{}{}人民代表大会常务委员会《关于修改〈{}〉等{}件地方性法规的决定》修正",
                    spec.date.cn(),
                    ctx.scope.name,
                    spec.title.split('（').next().unwrap_or(&spec.title),
                    cn_num(ctx.rng.range(2, 9) as u32)
                );
                out.push(Block::Passage(line));
            }
            let mut body = Vec::new();
            articles(ctx, spec, effective, spec.target, &mut body);
            let heads: Vec<String> = body
                .iter()
                .filter_map(|b| match b {
                    Block::Heading(h, _) => Some(h.clone()),
                    _ => None,
                })
                .collect();
            if heads.len() >= 4 && ctx.rng.chance(0.5) {
                out.push(Block::Toc(heads));
            }
            out.extend(body);
        }
        1 => {
            let Some(att) = &spec.attach else {
                return;
            };
            out.push(Block::Addressee(ctx.scope.addressee.clone()));
            let o = format!(
                "《{att}》已经{}研究同意，现印发给你们，请认真贯彻执行。",
                if issuer.ends_with("人民政府") || issuer.ends_with("办公厅") {
                    format!("{}人民政府", ctx.scope.name)
                } else {
                    "厅（局）务会议".into()
                }
            );
            out.push(Block::Para(o));
            out.push(Block::AttachNote(vec![format!("附件：{att}")]));
            signature_date(ctx, issuer, spec.date, out);
            out.push(Block::Tail(public_note(ctx)));
            out.push(Block::AttachLabel("附件".into()));
            out.push(Block::AttachTitle(att.clone()));
            let rest = spec.target.saturating_sub(blocks_len(out));
            articles(ctx, spec, effective, rest, out);
        }
        _ => {
            let rest = spec.target.saturating_sub(600);
            articles(ctx, spec, effective, rest, out);
            signature_date(ctx, issuer, spec.date, out);
            out.push(Block::Tail(public_note(ctx)));
        }
    }
}

fn order(ctx: &mut Ctx, spec: &Spec, out: &mut Vec<Block>) {
    let Some(att) = &spec.attach else {
        return;
    };
    let effective = spec.date.add_days(ctx.rng.range(30, 90) as i64);
    let meeting = spec.date.add_days(-(ctx.rng.range(5, 30) as i64));
    out.push(Block::Para(format!(
        "《{att}》已经{}{}人民政府第{}次常务会议通过，现予公布，自{}起施行。",
        meeting.cn(),
        ctx.scope.name,
        cn_num(ctx.rng.range(3, 99) as u32),
        effective.cn()
    )));
    let leader = ctx.pools.person(&mut ctx.rng);
    out.push(Block::Signature(vec![format!(
        "{}　{leader}",
        ctx.scope.leader
    )]));
    out.push(Block::Date(spec.date.cn()));
    out.push(Block::AttachTitle(att.clone()));
    let rest = spec.target.saturating_sub(blocks_len(out));
    articles(ctx, spec, effective, rest, out);
}

/// Decimal emergency plan: 1 总则 / 1.1 / 1.2.1, （1） items and 专栏.
fn decimal_plan(ctx: &mut Ctx, target: usize, out: &mut Vec<Block>) {
    let start = blocks_len(out);
    let effective_note = ctx.rng.chance(0.8);
    let chapters: Vec<String> = {
        let mut v = vec!["总则".to_string(), "组织指挥体系".to_string()];
        let mut middle: Vec<String> = ctx.pools.list("planchapter").to_vec();
        ctx.rng.shuffle(&mut middle);
        v.extend(middle.into_iter().take(ctx.rng.range(3, 6)));
        v.push("附则".into());
        v
    };
    let per = target / chapters.len().max(1);
    let mut col = 0;
    for (ci, ch) in chapters.iter().enumerate() {
        let c = ci + 1;
        let chapter_start = blocks_len(out);
        out.push(Block::Heading(format!("{c} {ch}"), 1));
        out.push(Block::Para(ctx.para("plan", 1, 2)));
        let last = ci + 1 == chapters.len();
        if last {
            out.push(Block::Heading(format!("{c}.1 预案管理"), 2));
            out.push(Block::Para(ctx.fill(
                "本预案由{U}负责解释，原则上每三年评估修订一次。{U}应当会同有关部门加强预案宣传培训和演练。",
            )));
            out.push(Block::Heading(format!("{c}.2 预案实施"), 2));
            let eff = Date::new(ctx.year, ctx.rng.range(1, 12) as u32, 1);
            out.push(Block::Para(if effective_note {
                format!(
                    "本预案自{}起施行，有效期至{}。",
                    eff.cn(),
                    Date::new(eff.y + 5, eff.m, 1).add_days(-1).cn()
                )
            } else {
                "本预案自印发之日起施行。".into()
            }));
            break;
        }
        // 总则 and 组织指挥体系 have their usual sections; others draw theirs.
        let fixed: &[&str] = match ci {
            0 => &["编制目的", "编制依据", "适用范围", "工作原则", "事件分级"],
            1 => &[
                "指挥部组成",
                "指挥部职责",
                "办公室职责",
                "成员单位职责",
                "现场指挥部",
                "专家组",
            ],
            _ => &[],
        };
        let mut s = 0;
        while s < 12 && (s < 2 || blocks_len(out) - chapter_start < per) {
            s += 1;
            let head = match fixed.get(s - 1) {
                Some(h) => h.to_string(),
                None if !fixed.is_empty() => break,
                None => ctx.say("planhead"),
            };
            out.push(Block::Heading(format!("{c}.{s} {head}"), 2));
            out.push(Block::Para(ctx.para("plan", 1, 3)));
            if ctx.rng.chance(0.4) {
                for k in 1..=ctx.rng.range(2, 3) {
                    let head = ctx.say("planhead");
                    out.push(Block::Heading(format!("{c}.{s}.{k} {head}"), 3));
                    out.push(Block::Para(ctx.para("plan", 1, 2)));
                    if ctx.rng.chance(0.25) {
                        out.push(Block::Para(ctx.fill("出现下列情形之一的，启动相应响应：")));
                        let n = ctx.rng.range(2, 4);
                        for j in 1..=n {
                            let end = if j == n { "。" } else { "；" };
                            let cond = ctx.say("condition");
                            out.push(Block::Para(format!("（{j}）{cond}{end}")));
                        }
                    }
                }
            }
            if ctx.rng.chance(0.12) {
                col += 1;
                column(ctx, col, out);
            }
        }
        if blocks_len(out) - start > target + per {
            // Keep room for 附则.
            continue;
        }
    }
}

/// 规划 with 第X章/第X节, an indicator table in 专栏1, more 专栏 and run-in paragraphs.
fn chapter_plan(ctx: &mut Ctx, title: &str, target: usize, out: &mut Vec<Block>) {
    let start = blocks_len(out);
    let y = ctx.year;
    out.push(Block::Para(
        ctx.fill("本规划依据有关法律法规和{S}国民经济和社会发展规划编制，")
            + &format!("规划期为{}—{}年，展望到{}年。", y, y + 4, y + 14),
    ));
    out.push(Block::Heading("第一章　发展基础与形势".into(), 1));
    out.push(Block::Heading("第一节　发展基础".into(), 2));
    for _ in 0..ctx.rng.range(2, 4) {
        let lead = ctx.say("achievement");
        out.push(Block::Para(format!("{lead}{}", ctx.para("fact", 2, 3))));
    }
    out.push(Block::Heading("第二节　面临形势".into(), 2));
    out.push(Block::Para(ctx.para("situation", 2, 4)));
    out.push(Block::Heading("第二章　总体要求".into(), 1));
    out.push(Block::Heading("第一节　指导思想".into(), 2));
    out.push(Block::Para(ctx.para("purpose_long", 2, 3)));
    out.push(Block::Heading("第二节　发展目标".into(), 2));
    out.push(Block::Para(ctx.para("goal", 2, 3)));
    // 专栏1: the indicator table.
    let mut col = 1;
    let period = if title.contains("十四五") {
        "“十四五”时期".to_string()
    } else if title.contains("十三五") {
        "“十三五”时期".to_string()
    } else {
        format!("{}—{}年", y, y + 4)
    };
    out.push(Block::Column(format!(
        "专栏1　{period}{}主要指标",
        ctx.topic
    )));
    let mut rows = Vec::new();
    let cats = ["规模效益", "创新能力", "绿色发展", "民生保障", "公共服务"];
    let mut k = 0;
    for cat in cats.iter().take(ctx.rng.range(2, 4)) {
        for j in 0..ctx.rng.range(2, 4) {
            k += 1;
            let name = ctx.say("indicator");
            // Values by unit: a share in per cent, else a count or amount.
            let (base_s, goal) = if name.contains('%') {
                let base = ctx.rng.range(200, 900);
                let goal = (base + ctx.rng.range(5, 80)).min(1000);
                (
                    format!("{}.{}", base / 10, base % 10),
                    format!("{}.{}", goal / 10, goal % 10),
                )
            } else {
                let base = ctx.rng.range(5, 900);
                (base.to_string(), (base + ctx.rng.range(1, 400)).to_string())
            };
            let base = base_s;
            let goal_s = match ctx.rng.below(8) {
                0 => format!("{goal}左右"),
                1 => format!(">{goal}"),
                _ => goal,
            };
            let attr = if ctx.rng.chance(0.3) {
                "约束性"
            } else {
                "预期性"
            };
            rows.push(Row::Cells(vec![
                if j == 0 {
                    cat.to_string()
                } else {
                    String::new()
                },
                name,
                base.to_string(),
                goal_s,
                attr.to_string(),
            ]));
        }
    }
    let _ = k;
    out.push(Block::Table {
        header: vec![
            "类别".into(),
            "指标名称".into(),
            format!("{}年", y - 1),
            format!("{}年", y + 4),
            "属性".into(),
        ],
        rows,
        note: Some("注：指标数据以统计部门公布为准。".into()),
    });
    let mut ch = 2;
    let budget = target.saturating_sub(1500);
    let mut heads: Vec<String> = Vec::new();
    while blocks_len(out) - start < budget && ch < 18 {
        ch += 1;
        let mut head = ctx.say("chapterhead");
        for _ in 0..8 {
            if !heads.contains(&head) {
                break;
            }
            head = ctx.say("chapterhead");
        }
        heads.push(head.clone());
        out.push(Block::Heading(format!("第{}章　{head}", cn_num(ch)), 1));
        for s in 1..=ctx.rng.range(2, 4) {
            let head = ctx.say("sectionhead");
            out.push(Block::Heading(
                format!("第{}节　{head}", cn_num(s as u32)),
                2,
            ));
            for _ in 0..ctx.rng.range(1, 3) {
                let lead = ctx.say("sectionhead");
                out.push(Block::Para(format!("{lead}。{}", ctx.para("task", 2, 3))));
            }
            if ctx.rng.chance(0.3) {
                col += 1;
                column(ctx, col, out);
                // Now and then the text goes on after the column (no end marker).
                if ctx.rng.chance(0.03) {
                    out.push(Block::Para(ctx.para("task", 2, 3)));
                }
            }
        }
    }
    ch += 1;
    out.push(Block::Heading(format!("第{}章　保障措施", cn_num(ch)), 1));
    for _ in 0..ctx.rng.range(2, 4) {
        let lead = ctx.say("safeguardlead");
        out.push(Block::Para(format!(
            "{lead}。{}",
            ctx.para("safeguard", 1, 2)
        )));
    }
}

fn plan(ctx: &mut Ctx, spec: &Spec, issuer: &str, out: &mut Vec<Block>) {
    ctx.genre = "预案";
    match spec.sub {
        0 => {
            if !spec.cites.is_empty() {
                let o = opening(ctx, &spec.cites, "plan");
                out.push(Block::Para(o));
            }
            let rest = spec.target.saturating_sub(blocks_len(out) + 200);
            decimal_plan(ctx, rest, out);
            signature_date(ctx, issuer, spec.date, out);
        }
        _ => {
            let Some(att) = &spec.attach else {
                return;
            };
            out.push(Block::Addressee(ctx.scope.addressee.clone()));
            out.push(Block::Para(format!(
                "现将《{att}》印发给你们，请认真贯彻执行。"
            )));
            if !spec.cites.is_empty() {
                let o = opening(ctx, &spec.cites, "notice");
                out.push(Block::Para(o));
            }
            out.push(Block::AttachNote(vec![format!("附件：{att}")]));
            signature_date(ctx, issuer, spec.date, out);
            out.push(Block::Tail(public_note(ctx)));
            out.push(Block::AttachLabel("附件".into()));
            out.push(Block::AttachTitle(att.clone()));
            let rest = spec.target.saturating_sub(blocks_len(out));
            if spec.sub == 1 {
                decimal_plan(ctx, rest, out);
            } else {
                chapter_plan(ctx, att, rest, out);
            }
        }
    }
}

fn due(ctx: &mut Ctx, year: u32) -> String {
    let y = year + ctx.rng.range(0, 1) as u32;
    match ctx.rng.weighted(&[30, 12, 14, 8, 6, 8, 6, 1, 3, 5]) {
        0 => format!("{y}年{}月底前", ctx.rng.range(3, 12)),
        1 => {
            let m = ctx.rng.range(1, 12) as u32;
            format!("{y}年{m}月{}日前", days_in(y, m))
        }
        2 => format!("{y}年底前"),
        3 => format!("{y}年{}", ctx.rng.pick(&["上半年", "下半年"])),
        4 => format!("{y}年第{}季度", ctx.rng.pick(&["一", "二", "三", "四"])),
        5 => format!("{y}年{}月", ctx.rng.range(1, 12)),
        6 => format!("{}月底前", ctx.rng.range(4, 12)),
        7 => ctx.rng.pick(&["长期坚持", "持续推进"]).to_string(),
        8 => format!("{y}—{}年", y + ctx.rng.range(1, 3) as u32),
        _ => format!("{y}年"),
    }
}

/// `lo..=hi` distinct units, none of `taken`, joined by 、.
fn units_cell(ctx: &mut Ctx, lo: usize, hi: usize, taken: &str) -> String {
    let n = ctx.rng.range(lo, hi);
    let mut v: Vec<String> = Vec::new();
    for _ in 0..n * 8 {
        if v.len() == n {
            break;
        }
        let u = ctx.unit();
        if !v.contains(&u) && !taken.split('、').any(|t| t == u) {
            v.push(u);
        }
    }
    v.join("、")
}

/// A task table: header by names (order varies), group rows, task rows.
fn task_table(ctx: &mut Ctx, target: usize, single_unit_column: bool) -> Block {
    let header: Vec<String> = if single_unit_column {
        vec![
            "序号".into(),
            "工作任务".into(),
            "责任单位".into(),
            "完成时限".into(),
        ]
    } else {
        match ctx.rng.below(5) {
            0 => vec!["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            1 => vec!["序号", "工作任务", "牵头单位", "配合单位", "时间节点"],
            2 => vec![
                "序号",
                "主要任务",
                "具体措施",
                "牵头单位",
                "配合单位",
                "完成时限",
            ],
            3 => vec!["序号", "重点任务", "牵头单位", "责任单位", "完成时限"],
            _ => vec!["序号", "任务内容", "牵头部门", "配合部门", "完成时限"],
        }
        .into_iter()
        .map(str::to_string)
        .collect()
    };
    let mut rows = Vec::new();
    let mut size = 0;
    let mut n = 0;
    let mut group = 0;
    let mut seen: HashSet<String> = HashSet::new();
    while size < target || n < 6 {
        if n == 0 || ctx.rng.chance(0.12) {
            group += 1;
            let head = ctx.say("chapterhead");
            rows.push(Row::Group(format!("{}{head}", cn_label(group))));
        }
        n += 1;
        let mut cells = Vec::new();
        let mut lead = String::new();
        for h in &header {
            let v = match h.as_str() {
                "序号" => n.to_string(),
                "牵头单位" | "牵头部门" => {
                    lead = units_cell(ctx, 1, 2, "");
                    lead.clone()
                }
                "配合单位" | "配合部门" => {
                    if ctx.rng.chance(0.1) {
                        String::new()
                    } else {
                        units_cell(ctx, 1, 4, &lead)
                    }
                }
                "责任单位" if single_unit_column => units_cell(ctx, 1, 4, ""),
                "责任单位" => units_cell(ctx, 1, 3, &lead),
                "完成时限" | "时间节点" => due(ctx, ctx.year),
                "具体措施" => ctx.say("task"),
                _ => {
                    // A task once per table.
                    let mut s = ctx.say("task");
                    for _ in 0..6 {
                        if !seen.contains(&s) {
                            break;
                        }
                        s = ctx.say("task");
                    }
                    seen.insert(s.clone());
                    s.trim_end_matches('。').to_string()
                }
            };
            cells.push(v);
        }
        size += cells.iter().map(String::len).sum::<usize>() + 8;
        rows.push(Row::Cells(cells));
        if n > 400 {
            break;
        }
    }
    Block::Table {
        header,
        rows,
        note: single_unit_column
            .then(|| "注：责任单位中排在首位的为牵头单位，其余为配合单位。".into()),
    }
}

fn tasks(ctx: &mut Ctx, spec: &Spec, issuer: &str, out: &mut Vec<Block>) {
    let Some(att) = &spec.attach else {
        return;
    };
    out.push(Block::Addressee(ctx.scope.addressee.clone()));
    out.push(Block::Para(format!(
        "《{att}》已经{}人民政府同意，现印发给你们，请结合实际认真抓好落实。",
        ctx.scope.name
    )));
    if !spec.cites.is_empty() {
        let o = opening(ctx, &spec.cites, "notice");
        out.push(Block::Para(o));
    }
    out.push(Block::Para(ctx.fill(
        "各牵头单位要对照任务分工制定具体措施，明确责任人和时间节点，主动协调配合单位共同推进；各配合单位要积极对接，按照职责做好相关工作，形成工作合力。",
    )));
    out.push(Block::Para(ctx.fill(
        "{L}政府督查室将定期跟踪督办，每季度通报落实情况，并将落实情况纳入年度绩效考核。",
    )));
    out.push(Block::AttachNote(vec![format!("附件：{att}")]));
    signature_date(ctx, issuer, spec.date, out);
    out.push(Block::Tail(public_note(ctx)));
    out.push(Block::AttachLabel("附件".into()));
    out.push(Block::AttachTitle(att.clone()));
    out.push(Block::Para(
        ctx.say("purpose") + &ctx.fill("结合{L}实际，现将重点任务分工如下。"),
    ));
    let rest = spec.target.saturating_sub(blocks_len(out) + 200);
    let single = spec.form == Form::Html && ctx.rng.chance(0.4);
    out.push(task_table(ctx, rest, single));
}

fn personnel(ctx: &mut Ctx, spec: &Spec, issuer: &str, out: &mut Vec<Block>) {
    out.push(Block::Addressee(ctx.scope.addressee.clone()));
    let meeting = spec.date.add_days(-(ctx.rng.range(2, 10) as i64));
    out.push(Block::Para(format!(
        "经{}{}人民政府第{}次常务会议研究，决定：",
        meeting.cn(),
        ctx.scope.l,
        cn_num(ctx.rng.range(3, 120) as u32)
    )));
    let first = spec.topic.clone();
    let mut names = vec![first];
    let n = ctx.rng.range(3, 12);
    while names.len() < n {
        names.push(ctx.pools.person(&mut ctx.rng));
    }
    // A post that fits its unit: 副局长 of a 局, 副主任 of a 委, 副厅长 of a 厅.
    let posts = |ctx: &mut Ctx| -> String {
        let unit = ctx.rng.pick(&ctx.scope.units).clone();
        let full = unit.replacen(ctx.scope.l, &ctx.scope.name, 1);
        let post = if full.ends_with('局') {
            *ctx.rng
                .pick(&["副局长", "副局长", "局长助理", "总工程师", "二级巡视员"])
        } else if full.ends_with('厅') {
            *ctx.rng
                .pick(&["副厅长", "副厅长", "一级巡视员", "二级巡视员", "总工程师"])
        } else if full.ends_with('委') || full.ends_with("委员会") {
            *ctx.rng
                .pick(&["副主任", "副主任", "主任助理", "总经济师", "二级巡视员"])
        } else {
            *ctx.rng.pick(&["副主任", "主任助理", "副局长"])
        };
        format!("{full}{post}")
    };
    let appoint = spec.sub != 2;
    let dismiss = spec.sub != 1;
    let lines = names.len();
    for (k, name) in names.iter().enumerate() {
        let end = if k + 1 == lines { "。" } else { "；" };
        let post = posts(ctx);
        let line = if appoint && (!dismiss || k % 2 == 0) {
            let trial = if ctx.rng.chance(0.3) {
                "（试用期一年）"
            } else {
                ""
            };
            format!("任命{name}为{post}{trial}{end}")
        } else {
            format!("免去{name}的{post}职务{end}")
        };
        out.push(Block::Para(line));
    }
    if ctx.rng.chance(0.5) {
        out.push(Block::Para(
            "下列同志试用期满，经考核合格，正式任职：".into(),
        ));
        for _ in 0..ctx.rng.range(2, 4) {
            let name = ctx.pools.person(&mut ctx.rng);
            let post = posts(ctx);
            out.push(Block::Para(format!("{name}　{post}")));
        }
    }
    out.push(Block::Para(
        "以上任免人员按照干部管理权限办理相关手续。".into(),
    ));
    out.push(Block::Para("特此通知。".into()));
    out.push(Block::Signature(vec![issuer.to_string()]));
    out.push(Block::Date(if ctx.rng.chance(0.5) {
        spec.date.numerals()
    } else {
        spec.date.cn()
    }));
    if !ctx.in_issue && ctx.rng.chance(0.6) {
        let l = ctx.scope.l;
        out.push(Block::Tail(format!(
            "抄送：{l}委组织部，{l}人大常委会人事代表工作委员会，{l}纪委监委驻{l}政府办公厅纪检监察组。"
        )));
    }
}

fn reply(ctx: &mut Ctx, spec: &Spec, issuer: &str, out: &mut Vec<Block>) {
    let place = spec.topic.clone();
    // A 街道 has an office (办事处), not a government; 你市/你县/你街道.
    let (body, you) = match place.strip_suffix("街道") {
        Some(_) => (format!("{place}办事处"), "街道".to_string()),
        None => (
            format!("{place}人民政府"),
            place
                .chars()
                .last()
                .map_or("市".to_string(), |c| c.to_string()),
        ),
    };
    out.push(Block::Addressee(format!(
        "{body}{}",
        if ctx.rng.chance(0.4) {
            format!("，{}：", ctx.unit())
        } else {
            "：".into()
        }
    )));
    let what = spec
        .title
        .split_once("关于")
        .map_or(spec.title.as_str(), |(_, r)| r)
        .trim_end_matches("的批复")
        .to_string();
    out.push(Block::Para(format!(
        "你{you}关于{what}的请示收悉。现批复如下："
    )));
    for k in 1..=ctx.rng.range(3, 6) {
        let text = ctx.para("task", 1, 3);
        out.push(Block::Para(format!("{}{text}", cn_label(k))));
    }
    out.push(Block::Para(ctx.para("safeguard", 1, 2)));
    signature_date(ctx, issuer, spec.date, out);
    out.push(Block::Tail(public_note(ctx)));
}

/// The blocks of a document, head to tail.
fn document_blocks(spec: &Spec, world: &World, pools: &Pools, rng: Rng) -> Vec<Block> {
    let issuer = &world.issuers[spec.issuer];
    let scope = &world.scopes[issuer.scope];
    let mut ctx = Ctx {
        rng,
        pools,
        scope,
        topic: spec.topic.clone(),
        year: spec.date.y,
        genre: regulation_genre(spec.attach.as_deref().unwrap_or(&spec.title)),
        domain: spec.domain,
        in_issue: spec.issue.is_some(),
        own_unit: match issuer.kind {
            Kind::Dept(d) => Some(format!(
                "{}{}",
                scope.l,
                if scope.level == Level::Province {
                    DEPTS[d].2
                } else {
                    DEPTS[d].3
                }
            )),
            _ => None,
        },
        recent: Vec::new(),
    };
    let mut out = Vec::new();
    if spec.issue.is_none()
        && spec.form == Form::Txt
        && matches!(spec.family, Family::Notice | Family::Opinion)
        && ctx.rng.chance(0.2)
    {
        out.push(Block::Head(format!("{}文件", issuer.name)));
    }
    out.push(Block::Title(spec.title.clone()));
    if let Some(n) = &spec.docno {
        out.push(Block::DocNo(n.clone()));
    }
    match spec.family {
        Family::Notice => notice(&mut ctx, spec, &issuer.name, &mut out),
        Family::Opinion => opinion(&mut ctx, spec, &issuer.name, &mut out),
        Family::Regulation => regulation(&mut ctx, spec, &issuer.name, &mut out),
        Family::Plan => plan(&mut ctx, spec, &issuer.name, &mut out),
        Family::Tasks => tasks(&mut ctx, spec, &issuer.name, &mut out),
        Family::Personnel => personnel(&mut ctx, spec, &issuer.name, &mut out),
        Family::Reply => reply(&mut ctx, spec, &issuer.name, &mut out),
        Family::Order => order(&mut ctx, spec, &mut out),
    }
    out
}

// ---------------------------------------------------------------------------
// Forms: plain text, Markdown, HTML

/// The importer's genre words: a title line ending in one ends the title.
const TITLE_GENRES: [&str; 29] = [
    "通知", "通报", "意见", "办法", "条例", "规定", "细则", "方案", "规划", "计划", "纲要", "决定",
    "决议", "批复", "公告", "通告", "报告", "要点", "预案", "规则", "规范", "指南", "命令", "纪要",
    "议案", "措施", "清单", "令", "函",
];

/// Splits a long title over two lines the way a layout does, never right
/// after a genre word or a closing bracket (where the reader would stop).
fn split_title(title: &str, rng: &mut Rng) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    if chars.len() < 22 {
        return vec![title.to_string()];
    }
    let genres = TITLE_GENRES;
    // Layouts like to break before 关于 (the issuer on a line of its own).
    if let Some(p) = chars.iter().position(|&c| c == '关') {
        if p >= 6 && chars.get(p + 1) == Some(&'于') && chars.len() - p > 8 && rng.chance(0.5) {
            return vec![chars[..p].iter().collect(), chars[p..].iter().collect()];
        }
    }
    for _ in 0..6 {
        let at = rng.range(chars.len() / 3, chars.len() * 2 / 3);
        let first: String = chars[..at].iter().collect();
        let second: String = chars[at..].iter().collect();
        let bad_end = genres.iter().any(|g| first.ends_with(g))
            || first.ends_with(['）', '》', '”', '（', '“', '《'])
            || second.starts_with(['）', '》', '”', '、', '，']);
        let bad_start = second.starts_with(|c: char| c.is_ascii_digit())
            || second.starts_with("第")
            || second.starts_with(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']);
        if !bad_end && !bad_start {
            return vec![first, second];
        }
    }
    vec![title.to_string()]
}

struct TxtStyle {
    indent: &'static str,
    crlf: bool,
    split_title: bool,
    /// Printed: the title set over lines of about this many characters.
    title_width: Option<usize>,
}

fn render_txt(blocks: &[Block], style: &TxtStyle, rng: &mut Rng) -> String {
    let mut out = String::new();
    let ind = style.indent;
    let line = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    for b in blocks {
        match b {
            Block::Head(s) | Block::DocNo(s) | Block::Passage(s) | Block::Addressee(s) => {
                line(&mut out, s)
            }
            Block::Title(s) => {
                if let Some(w) = style.title_width {
                    // At most three lines (the importer reads a title over up to four).
                    let w = w.max(s.chars().count().div_ceil(3) + 2);
                    for l in wrap(s, w, true) {
                        line(&mut out, &l);
                    }
                } else if style.split_title {
                    for l in split_title(s, rng) {
                        line(&mut out, &l);
                    }
                } else {
                    line(&mut out, s);
                }
            }
            Block::Toc(v) => {
                line(&mut out, "目　　录");
                for s in v {
                    line(&mut out, s);
                }
            }
            Block::Para(s) => line(&mut out, &format!("{ind}{s}")),
            Block::Heading(s, _) => line(&mut out, &format!("{ind}{s}")),
            Block::Column(s) => line(&mut out, s),
            Block::Entry(a, b) => line(&mut out, &format!("{a}：{b}")),
            Block::Table { header, rows, note } => {
                line(&mut out, &header.join("\t"));
                for r in rows {
                    match r {
                        Row::Group(g) => line(&mut out, g),
                        Row::Cells(c) => line(&mut out, &c.join("\t")),
                    }
                }
                if let Some(n) = note {
                    line(&mut out, n);
                }
            }
            Block::AttachNote(v) => {
                for s in v {
                    line(&mut out, &format!("{ind}{s}"));
                }
            }
            Block::Signature(v) => {
                for s in v {
                    line(&mut out, s);
                }
            }
            Block::Date(s) | Block::Tail(s) | Block::AttachLabel(s) | Block::AttachTitle(s) => {
                line(&mut out, s)
            }
        }
    }
    if style.crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

fn render_md(blocks: &[Block]) -> String {
    let mut out = String::new();
    let para = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push_str("\n\n");
    };
    for b in blocks {
        match b {
            Block::Title(s) => para(&mut out, &format!("# {s}")),
            Block::AttachTitle(s) => para(&mut out, &format!("## {s}")),
            Block::Heading(s, level) => {
                let hashes = "#".repeat((*level as usize + 2).min(6));
                para(&mut out, &format!("{hashes} {s}"))
            }
            Block::Column(s) => para(&mut out, &format!("**{s}**")),
            Block::Entry(a, b) => para(&mut out, &format!("{a}：{b}")),
            Block::Toc(_) => {}
            Block::Table { header, rows, note } => {
                let mut t = format!("| {} |\n|", header.join(" | "));
                for _ in header {
                    t.push_str(" --- |");
                }
                t.push('\n');
                for r in rows {
                    match r {
                        Row::Group(g) => {
                            let _ = write!(t, "| {g} |");
                            for _ in 1..header.len() {
                                t.push_str("  |");
                            }
                            t.push('\n');
                        }
                        Row::Cells(c) => {
                            let _ = writeln!(t, "| {} |", c.join(" | "));
                        }
                    }
                }
                out.push_str(&t);
                out.push('\n');
                if let Some(n) = note {
                    para(&mut out, n);
                }
            }
            Block::AttachNote(v) | Block::Signature(v) => {
                for s in v {
                    para(&mut out, s);
                }
            }
            Block::Head(s)
            | Block::DocNo(s)
            | Block::Passage(s)
            | Block::Addressee(s)
            | Block::Para(s)
            | Block::Date(s)
            | Block::Tail(s)
            | Block::AttachLabel(s) => para(&mut out, s),
        }
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Run-in heads (`（一）优化布局。依托…`) get their lead in bold, as sites print them.
fn html_para(s: &str) -> String {
    let bold_lead = s.starts_with('（') || s.chars().next().is_some_and(|c| c.is_ascii_digit());
    if bold_lead {
        if let Some((lead, rest)) = s.split_once('。') {
            if lead.chars().count() <= 24 && !lead.contains(['，', '；']) && !rest.is_empty() {
                return format!(
                    "<p style=\"text-indent: 2em;\"><strong>{}。</strong>{}</p>",
                    esc(lead),
                    esc(rest)
                );
            }
        }
    }
    format!("<p style=\"text-indent: 2em;\">{}</p>", esc(s))
}

fn html_table(header: &[String], rows: &[Row], note: &Option<String>, merge: bool) -> String {
    let mut t = String::from(
        "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" style=\"border-collapse: collapse; width: 100%;\">\n<tbody>\n<tr>",
    );
    for h in header {
        let _ = write!(
            t,
            "<td style=\"text-align: center;\"><strong>{}</strong></td>",
            esc(h)
        );
    }
    t.push_str("</tr>\n");
    // Merge equal lead cells of consecutive rows (rowspan), as sites do.
    let lead_col = header
        .iter()
        .position(|h| h == "牵头单位" || h == "责任单位" || h == "牵头部门");
    let cells: Vec<Option<&Vec<String>>> = rows
        .iter()
        .map(|r| match r {
            Row::Cells(c) => Some(c),
            Row::Group(_) => None,
        })
        .collect();
    let mut skip = vec![false; rows.len()];
    for (i, r) in rows.iter().enumerate() {
        match r {
            Row::Group(g) => {
                // The group in the first cell, the others empty (the importer
                // reads a group row merged across the table as a task).
                let _ = write!(t, "<tr><td><strong>{}</strong></td>", esc(g));
                for _ in 1..header.len() {
                    t.push_str("<td></td>");
                }
                t.push_str("</tr>\n");
            }
            Row::Cells(c) => {
                t.push_str("<tr>");
                for (j, v) in c.iter().enumerate() {
                    if Some(j) == lead_col && merge {
                        if skip[i] {
                            continue;
                        }
                        let mut span = 1;
                        while let Some(Some(next)) = cells.get(i + span) {
                            if next.get(j) == Some(v) && !v.is_empty() {
                                skip[i + span] = true;
                                span += 1;
                            } else {
                                break;
                            }
                        }
                        if span > 1 {
                            let _ = write!(t, "<td rowspan=\"{span}\">{}</td>", esc(v));
                            continue;
                        }
                    }
                    let _ = write!(t, "<td>{}</td>", esc(v));
                }
                t.push_str("</tr>\n");
            }
        }
    }
    if let Some(n) = note {
        let _ = writeln!(
            t,
            "<tr><td colspan=\"{}\">{}</td></tr>",
            header.len(),
            esc(n)
        );
    }
    t.push_str("</tbody>\n</table>\n");
    t
}

struct PageMeta<'a> {
    site: String,
    column: &'a str,
    issuer: &'a str,
    title: &'a str,
    docno: Option<&'a str>,
    date: Date,
    published: Date,
    index: String,
}

fn render_html_body(blocks: &[Block], rng: &mut Rng) -> String {
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::Title(s) => {
                let parts = split_title(s, rng);
                let _ = writeln!(
                    body,
                    "<h1 class=\"article-title\">{}</h1>",
                    parts
                        .iter()
                        .map(|p| esc(p))
                        .collect::<Vec<_>>()
                        .join("<br>")
                );
            }
            Block::Head(s) => {
                let _ = writeln!(body, "<p style=\"text-align: center;\">{}</p>", esc(s));
            }
            Block::DocNo(s) | Block::Passage(s) => {
                let _ = writeln!(body, "<p style=\"text-align: center;\">{}</p>", esc(s));
            }
            Block::Toc(_) => {}
            Block::Addressee(s) => {
                let _ = writeln!(body, "<p>{}</p>", esc(s));
            }
            Block::Para(s) => {
                body.push_str(&html_para(s));
                body.push('\n');
            }
            Block::Heading(s, _) | Block::Column(s) => {
                let _ = writeln!(
                    body,
                    "<p style=\"text-indent: 2em;\"><strong>{}</strong></p>",
                    esc(s)
                );
            }
            Block::Entry(a, b) => {
                let _ = writeln!(
                    body,
                    "<p style=\"text-indent: 2em;\">{}：{}</p>",
                    esc(a),
                    esc(b)
                );
            }
            Block::Table { header, rows, note } => {
                let merge = rng.chance(0.5);
                body.push_str(&html_table(header, rows, note, merge));
            }
            Block::AttachNote(v) => {
                for s in v {
                    let _ = writeln!(body, "<p style=\"text-indent: 2em;\">{}</p>", esc(s));
                }
            }
            Block::Signature(v) => {
                for s in v {
                    let _ = writeln!(body, "<p style=\"text-align: right;\">{}</p>", esc(s));
                }
            }
            Block::Date(s) => {
                let _ = writeln!(body, "<p style=\"text-align: right;\">{}</p>", esc(s));
            }
            Block::Tail(s) => {
                let _ = writeln!(body, "<p style=\"text-indent: 2em;\">{}</p>", esc(s));
            }
            Block::AttachLabel(s) => {
                let _ = writeln!(body, "<p>{}</p>", esc(s));
            }
            Block::AttachTitle(s) => {
                let _ = writeln!(
                    body,
                    "<p style=\"text-align: center;\"><strong>{}</strong></p>",
                    esc(s)
                );
            }
        }
    }
    body
}

/// A modern portal page: navigation, the 信息公开 table, the article, footer.
fn render_html_modern(blocks: &[Block], meta: &PageMeta, rng: &mut Rng) -> String {
    let body = render_html_body(blocks, rng);
    let mut h = String::with_capacity(body.len() + 4096);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">\n\
<meta name=\"SiteName\" content=\"{site}\">\n<meta name=\"ColumnName\" content=\"{col}\">\n\
<meta name=\"ArticleTitle\" content=\"{title}\">\n<meta name=\"PubDate\" content=\"{y:04}-{m:02}-{d:02} 09:{min:02}\">\n\
<title>{title}_{col}_{site}</title>\n<link rel=\"stylesheet\" href=\"/static/css/article.css\">\n\
<script src=\"/static/js/common.js\"></script>\n</head>\n<body>\n\
<div class=\"topbar\"><div class=\"w1200\"><span class=\"welcome\">欢迎访问{site}！</span>\
<ul class=\"top-links\"><li><a href=\"/wza/\">无障碍</a></li><li><a href=\"/zzms/\">长者模式</a></li><li><a href=\"/m/\">移动版</a></li></ul></div></div>\n\
<div class=\"nav\"><ul class=\"w1200 mainnav\"><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li>\
<li><a href=\"/zwfw/\">政务服务</a></li><li><a href=\"/hdjl/\">互动交流</a></li><li><a href=\"/sjkf/\">数据开放</a></li><li><a href=\"/ztzl/\">专题专栏</a></li></ul></div>\n\
<div class=\"w1200 breadcrumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; <a href=\"/zwgk/wj/\">{col}</a></div>\n\
<div class=\"w1200 main\">\n<div class=\"xxgk-meta\">\n<table class=\"xxgk-table\" cellpadding=\"0\" cellspacing=\"0\"><tbody>\n\
<tr><td class=\"label\">索引号：</td><td class=\"value\">{index}</td><td class=\"label\">主题分类：</td><td class=\"value\">综合政务</td></tr>\n\
<tr><td class=\"label\">发文机关：</td><td class=\"value\">{issuer}</td><td class=\"label\">成文日期：</td><td class=\"value\">{cy}年{cm:02}月{cd:02}日</td></tr>\n\
<tr><td class=\"label\">标题：</td><td class=\"value\" colspan=\"3\">{title}</td></tr>\n\
<tr><td class=\"label\">发文字号：</td><td class=\"value\">{docno}</td><td class=\"label\">发布日期：</td><td class=\"value\">{y}年{m:02}月{d:02}日</td></tr>\n\
</tbody></table>\n</div>\n\
<div class=\"article-tools\"><span>【字体：<a href=\"javascript:fs(20)\">大</a> <a href=\"javascript:fs(16)\">中</a> <a href=\"javascript:fs(14)\">小</a>】</span>\
<span>浏览次数：<span id=\"hits\">{hits}</span></span><a href=\"javascript:window.print()\">打印本页</a></div>\n\
<div class=\"article-content\" id=\"zoomcon\">\n{body}</div>\n\
<div class=\"article-share\">分享到：<a href=\"#\">微信</a> <a href=\"#\">微博</a></div>\n</div>\n\
<div class=\"footer\"><div class=\"w1200\"><p>主办单位：{site_owner}　　承办单位：{site_owner}信息中心</p>\
<p>网站标识码：{code}　　<a href=\"#\">ICP备{code}号</a></p></div></div>\n</body>\n</html>\n",
        site = esc(&meta.site),
        col = esc(meta.column),
        title = esc(meta.title),
        y = meta.published.y,
        m = meta.published.m,
        d = meta.published.d,
        min = rng.range(0, 59),
        index = meta.index,
        issuer = esc(meta.issuer),
        cy = meta.date.y,
        cm = meta.date.m,
        cd = meta.date.d,
        docno = meta.docno.map(esc).unwrap_or_default(),
        hits = rng.range(100, 20000),
        site_owner = esc(meta.site.trim_end_matches("门户网站")),
        code = rng.range(1_000_000, 9_999_999),
    );
    h
}

/// An older table-layout page: uppercase tags, a zoom div, a side column.
fn render_html_old(blocks: &[Block], meta: &PageMeta, rng: &mut Rng, charset: &str) -> String {
    let body = render_html_body(blocks, rng)
        .replace(
            "<h1 class=\"article-title\">",
            "<p style=\"text-align:center\"><b>",
        )
        .replace("</h1>", "</b></p>");
    let mut h = String::with_capacity(body.len() + 3072);
    let _ = write!(
        h,
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n<HTML>\n<HEAD>\n\
<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\n\
<TITLE>{title}--{site}</TITLE>\n<LINK href=\"../../images/style.css\" type=text/css rel=stylesheet>\n\
<SCRIPT language=javascript>function doZoom(size){{ document.getElementById('zoom').style.fontSize = size + 'px'; }}</SCRIPT>\n\
</HEAD>\n<BODY leftMargin=0 topMargin=0>\n\
<TABLE width=1000 border=0 align=center cellPadding=0 cellSpacing=0><TR><TD class=nav height=36 align=center>\
<A href=\"/\">网站首页</A> | <A href=\"/xxgk/\">信息公开</A> | <A href=\"/bsfw/\">办事服务</A> | <A href=\"/gzhd/\">公众互动</A></TD></TR></TABLE>\n\
<TABLE width=1000 border=0 align=center cellPadding=0 cellSpacing=0><TR><TD height=30>&nbsp;您现在的位置：<A href=\"/\">首页</A> &gt;&gt; <A href=\"/xxgk/\">信息公开</A> &gt;&gt; {col}</TD></TR></TABLE>\n\
<TABLE width=1000 border=0 align=center cellPadding=0 cellSpacing=0><TR><TD width=760 vAlign=top>\n\
<TABLE class=xxgk width=\"100%\" border=0 cellPadding=0 cellSpacing=0>\n\
<TR><TD class=xxgk_t>索&nbsp;引&nbsp;号：</TD><TD class=xxgk_c>{index}</TD><TD class=xxgk_t>发布机构：</TD><TD class=xxgk_c>{issuer}</TD></TR>\n\
<TR><TD class=xxgk_t>发文字号：</TD><TD class=xxgk_c>{docno}</TD><TD class=xxgk_t>成文日期：</TD><TD class=xxgk_c>{cy}-{cm:02}-{cd:02}</TD></TR>\n\
</TABLE>\n<div id=\"zoom\">\n{body}</div>\n\
<TABLE width=\"100%\" border=0><TR><TD align=right height=40>【<A href=\"javascript:window.print()\">打印本页</A>】【<A href=\"javascript:window.close()\">关闭窗口</A>】</TD></TR></TABLE>\n\
</TD></TR></TABLE>\n\
<TABLE class=foot width=1000 border=0 align=center><TR><TD align=center height=80>主办：{site}&nbsp;&nbsp;您是第<FONT color=red>{hits}</FONT>位访问者</TD></TR></TABLE>\n\
</BODY>\n</HTML>\n",
        title = esc(meta.title),
        site = esc(&meta.site),
        col = esc(meta.column),
        index = meta.index,
        issuer = esc(meta.issuer),
        docno = meta.docno.map(esc).unwrap_or_default(),
        cy = meta.date.y,
        cm = meta.date.m,
        cd = meta.date.d,
        hits = rng.range(10_000, 2_000_000),
    );
    h
}

/// A standalone document as a file: its path under OUT_DIR, its bytes
/// (UTF-8, or GB18030 now and then) and its text.
/// A document that is mostly one long table (printed, its rows would hide
/// the text's print width from the importer).
fn table_heavy(spec: &Spec) -> bool {
    spec.family == Family::Tasks || (spec.family == Family::Notice && spec.sub == 4)
}

/// A file to write: its path under OUT_DIR, its bytes, its text (UTF-8)
/// and how it is laid out.
struct FileOut {
    name: String,
    bytes: Vec<u8>,
    text: String,
    layout: &'static str,
}

impl FileOut {
    fn utf8(name: String, text: String, layout: &'static str) -> FileOut {
        FileOut {
            name,
            bytes: text.clone().into_bytes(),
            text,
            layout,
        }
    }

    fn gb18030(name: String, text: String, layout: &'static str) -> FileOut {
        let bytes = encoding_rs::GB18030.encode(&text).0.into_owned();
        FileOut {
            name,
            bytes,
            text,
            layout,
        }
    }
}

fn standalone_file(spec: &Spec, i: usize, world: &World, pools: &Pools, drng: Rng) -> FileOut {
    let blocks = document_blocks(spec, world, pools, drng.clone());
    let mut frng = drng.fork(6, 0);
    let issuer = &world.issuers[spec.issuer];
    let scope = &world.scopes[issuer.scope];
    let slug = scope.publisher.map_or("guowuyuan", |p| PUBLISHERS[p].slug);
    let name = format!(
        "documents/{slug}/{}/{:04}-{}.{}",
        spec.date.y,
        i + 1,
        spec.family.name(),
        spec.form.ext()
    );
    match spec.form {
        Form::Txt if !table_heavy(spec) && frng.chance(0.1) => {
            // Text extracted from a printed PDF: pages, numbers, broken lines.
            let style = TxtStyle {
                indent: "",
                crlf: false,
                split_title: false,
                title_width: Some(22),
            };
            let text = render_txt(&blocks, &style, &mut frng);
            let print = Print {
                width: frng.range(28, 34),
                per_page: frng.range(34, 40),
                headers: Vec::new(),
                style: frng.below(3) as u8,
                spaced: frng.chance(0.3),
            };
            let (text, _) = paginate(&text, &print, 1);
            FileOut::utf8(name, text, "printed")
        }
        Form::Txt => {
            let style = TxtStyle {
                indent: if frng.chance(0.7) { "　　" } else { "" },
                crlf: frng.chance(0.1),
                split_title: frng.chance(0.3),
                title_width: None,
            };
            let text = render_txt(&blocks, &style, &mut frng);
            if frng.chance(0.05) {
                FileOut::gb18030(name, text, "web text, GB18030")
            } else if style.crlf {
                FileOut::utf8(name, text, "web text, CRLF")
            } else {
                FileOut::utf8(name, text, "web text")
            }
        }
        Form::Md => FileOut::utf8(name, render_md(&blocks), "markdown"),
        Form::Html => {
            let site_owner = if scope.level == Level::Nation {
                "中国政府网".to_string()
            } else {
                format!("{}人民政府门户网站", scope.name)
            };
            let column = match issuer.kind {
                Kind::Gov => "政府文件",
                Kind::Office => "办公厅（室）文件",
                Kind::Dept(_) => "部门文件",
                Kind::Congress => "地方性法规",
            };
            let meta = PageMeta {
                site: site_owner,
                column,
                issuer: &issuer.name,
                title: &spec.title,
                docno: spec.docno.as_deref(),
                date: spec.date,
                published: spec.date.add_days(frng.range(1, 12) as i64),
                index: format!(
                    "{:05}{}/{}-{:05}",
                    frng.range(10000, 99999),
                    slug.to_ascii_uppercase()
                        .chars()
                        .take(3)
                        .collect::<String>(),
                    spec.date.y,
                    i + 1
                ),
            };
            if frng.chance(0.65) {
                let text = render_html_modern(&blocks, &meta, &mut frng);
                FileOut::utf8(name, text, "portal page")
            } else if frng.chance(0.4) {
                let text = render_html_old(&blocks, &meta, &mut frng, "gb2312");
                FileOut::gb18030(name, text, "old page, gb2312")
            } else {
                let text = render_html_old(&blocks, &meta, &mut frng, "utf-8");
                FileOut::utf8(name, text, "old page")
            }
        }
    }
}

/// How a printed page is laid out when text comes from `pdftotext`.
struct Print {
    /// Characters a line holds (an ideographic space counts as one).
    width: usize,
    /// Lines a page holds.
    per_page: usize,
    /// Running headers at the top of each page after the first, alternating.
    headers: Vec<String>,
    /// The page number line: `— 3 —`, `- 3 -` or `3`.
    style: u8,
    /// A blank line after each paragraph (as some extractions give it).
    spaced: bool,
}

/// Closing punctuation a printed line never starts with.
fn closing(c: char) -> bool {
    "，。、；：？！）》”’」』…—%".contains(c)
}

/// A printed line never starts a line with what reads as a label either
/// (`1.`, `（二）`, `第`, `三、`): a break just before one moves on.
fn bad_start(rest: &[char]) -> bool {
    let Some(&c) = rest.first() else {
        return false;
    };
    closing(c)
        || c.is_ascii_digit()
        || c == '（'
        || c == '第'
        || c == '专'
        || c == '附'
        || (rest.get(1) == Some(&'、'))
}

/// Display columns of a character, as the importer counts them
/// (`unicode-width`): ASCII and the ambiguous “”‘’—…· one, the rest two.
fn cols(c: char) -> usize {
    if c.is_ascii() || "“”‘’—…·".contains(c) {
        1
    } else {
        2
    }
}

/// What the importer reads as a label at a line's start (`1.`, `（一）`,
/// `第X条`, `三、`, 专栏, 附件).
fn starts_label(rest: &[char]) -> bool {
    let (Some(&a), b) = (rest.first(), rest.get(1).copied()) else {
        return false;
    };
    let cn = |c: char| "一二三四五六七八九十".contains(c);
    a == '（'
        || a == '('
        || a == '第'
        || (cn(a) && b == Some('、'))
        || (a.is_ascii_digit() && matches!(b, Some('.' | '、' | '．')))
        || (a == '专' && b == Some('栏'))
        || (a == '附' && b == Some('件'))
        || ('①'..='⑳').contains(&a)
}

/// Lines broken at the print width of `width` full-width characters, each
/// as wide as the page in display columns (a justified line holds more
/// digits than hanzi); tab-separated table rows and label lines stay whole.
/// Text lines may run a little long to avoid a bad break; `strict` lines
/// (titles, contents) break earlier instead.
fn wrap(line: &str, width: usize, strict: bool) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let full = 2 * width;
    // Label lines (抄送：…, 附件：…, a column's 名称：…) stay whole: the
    // importer does not join a broken one back.
    let lead_colon = line.find('：').is_some_and(|p| {
        let lead = &line[..p];
        lead.chars().count() <= 20 && !lead.contains(['，', '。', '、'])
    });
    let label = lead_colon || line.ends_with("印发");
    let total: usize = chars.iter().map(|&c| cols(c)).sum();
    if line.contains('\t') || total <= full || label {
        return vec![line.to_string()];
    }
    // Nor does a line end in a genre word or a closing bracket (a title's
    // first line would then end the title) or split a number.
    let bad_end = |piece: &[char]| {
        let s: String = piece
            .iter()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        piece
            .last()
            .is_some_and(|&c| "）》”".contains(c) || c.is_ascii_digit())
            || TITLE_GENRES.iter().any(|g| s.ends_with(g))
    };
    let good = |at: usize, end: usize| !bad_start(&chars[end..]) && !bad_end(&chars[at..end]);
    let mut out: Vec<String> = Vec::new();
    let mut at = 0;
    loop {
        // Where the line is full.
        let mut end = at;
        let mut used = 0;
        while end < chars.len() && used + cols(chars[end]) <= full {
            used += cols(chars[end]);
            end += 1;
        }
        if end >= chars.len() {
            break;
        }
        // A good break there, else a little further (punctuation and a
        // number's digits squeezed in), else one character back.
        let forward = |n: usize| {
            (0..n)
                .map(|d| end + d)
                .take_while(|&e| e < chars.len())
                .find(|&e| good(at, e))
        };
        let back = |n: usize| (1..n).map(|d| end - d).find(|&e| e > at && good(at, e));
        let end = if strict {
            forward(1).or_else(|| back(end - at)).unwrap_or(end)
        } else {
            // Body text: closing punctuation hangs in the margin; a line
            // never starts with a label; else the line stays full (the
            // importer knows a broken line by its width).
            let mut e = end;
            while e < chars.len() && e < end + 2 && closing(chars[e]) {
                e += 1;
            }
            if e < chars.len() && starts_label(&chars[e..]) && e > at + 1 {
                e -= 1;
            }
            e
        };
        out.push(chars[at..end].iter().collect());
        at = end;
    }
    if at < chars.len() {
        // A last piece of a few characters stays on the line before (a
        // layout avoids an orphan like 法 or 过 alone).
        let rest: String = chars[at..].iter().collect();
        match out.last_mut() {
            Some(prev) if chars.len() - at < 4 => prev.push_str(&rest),
            _ => out.push(rest),
        }
    }
    out
}

/// Text as `pdftotext` gives a printed document: lines broken at the print
/// width, pages ending in their number and a form feed, running headers.
/// Returns the text and the page each input line starts on.
fn paginate(text: &str, print: &Print, first_page: u32) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut pages = Vec::new();
    let mut page = first_page;
    let mut on_page = 0;
    let number = |page: u32| match print.style {
        0 => format!("— {page} —"),
        1 => format!("- {page} -"),
        _ => page.to_string(),
    };
    for line in text.lines() {
        pages.push(page);
        for piece in wrap(line, print.width, false) {
            if on_page == print.per_page {
                let _ = write!(out, "\n{}\n\u{c}", number(page));
                page += 1;
                on_page = 0;
                if !print.headers.is_empty() {
                    let h = &print.headers[page as usize % print.headers.len()];
                    out.push_str(h);
                    out.push('\n');
                    on_page += 1;
                }
            }
            out.push_str(&piece);
            out.push('\n');
            on_page += 1;
        }
        if print.spaced && on_page < print.per_page {
            out.push('\n');
            on_page += 1;
        }
    }
    let _ = write!(out, "\n{}\n", number(page));
    (out, pages)
}

// ---------------------------------------------------------------------------
// Gazette issues

struct IssueSpec {
    /// Text extracted from the printed PDF (a quarter of the issues).
    print: Option<Print>,
    publisher: usize,
    year: u32,
    number: u32,
    total: u32,
    published: Date,
    docs: Vec<usize>,
    target: usize,
}

fn issue_date(per_year: u32, year: u32, number: u32) -> Date {
    if per_year == 24 {
        let m = number.div_ceil(2);
        Date::new(
            year,
            m,
            if number % 2 == 1 {
                15
            } else {
                days_in(year, m)
            },
        )
    } else {
        Date::new(year, number, 20)
    }
}

/// The contents category of a document in its gazette.
fn category(spec: &Spec, world: &World) -> String {
    let issuer = &world.issuers[spec.issuer];
    let scope = &world.scopes[issuer.scope];
    let l = scope.l;
    match (spec.family, issuer.kind) {
        (Family::Order, _) => format!("{l}政府令"),
        (Family::Personnel, _) => "人事任免".into(),
        (_, Kind::Congress) => "地方性法规".into(),
        (_, Kind::Gov) => format!("{l}政府文件"),
        (_, Kind::Office) => format!(
            "{l}政府{}文件",
            if scope.level == Level::Province {
                "办公厅"
            } else {
                "办公室"
            }
        ),
        (_, Kind::Dept(_)) => "部门文件".into(),
    }
}

fn category_rank(c: &str) -> usize {
    if c.ends_with("政府令") {
        0
    } else if c == "地方性法规" {
        1
    } else if c.ends_with("政府文件") && !c.contains("办") {
        2
    } else if c.contains("办") {
        3
    } else if c == "部门文件" {
        4
    } else {
        5
    }
}

/// A contents line: title, leaders and page, a little narrower than a
/// printed line of `width` characters (a line as wide as the text would be
/// joined to the next); a title that does not fit, or now and then a long
/// one, over two lines.
fn contents_lines(title: &str, page: usize, width: usize, rng: &mut Rng) -> Vec<String> {
    // Display columns: hanzi two, digits and the … leaders one.
    let columns = 2 * width - 8;
    let page_cols = 4 + page.to_string().len();
    let dw = |s: &str| s.chars().map(cols).sum::<usize>();
    let line = |t: &str| {
        let n = columns.saturating_sub(dw(t) + page_cols).max(2);
        format!("{t}{}（{page}）", "…".repeat(n))
    };
    let chars: Vec<char> = title.chars().collect();
    let n = chars.len();
    let fits = dw(title) + page_cols + 2 <= columns;
    if !fits || (n > 30 && rng.chance(0.5)) {
        // The first line: as long as fits (or about two thirds of the
        // title), leaving the second line at least five characters.
        let limit = if fits { dw(title) * 2 / 3 } else { columns - 8 };
        let mut k = 0;
        let mut used = 0;
        while k < n.saturating_sub(5) && used + cols(chars[k]) <= limit {
            used += cols(chars[k]);
            k += 1;
        }
        if k >= 4 {
            let first: String = chars[..k].iter().collect();
            let rest: String = chars[k..].iter().collect();
            return vec![first, line(&rest)];
        }
    }
    vec![line(title)]
}

fn render_issue(
    issue: &IssueSpec,
    specs: &[Spec],
    bodies: &[String],
    world: &World,
    rng: &mut Rng,
) -> String {
    let p = &PUBLISHERS[issue.publisher];
    let gazette = format!("{}人民政府公报", p.name);
    // A printed issue's contents give the pages the documents start on.
    let printed = issue.print.as_ref();
    let mut body = String::new();
    let mut starts = Vec::new();
    for &d in &issue.docs {
        starts.push(body.lines().count());
        body.push_str(&bodies[d]);
    }
    // The back matter, on the last page.
    let office = if p.province { "办公厅" } else { "办公室" };
    let _ = writeln!(body, "主办单位：{}人民政府{office}", p.name);
    let _ = writeln!(body, "编辑出版：{gazette}编辑部");
    let street = *rng.pick(&[
        "人民路1号",
        "府前路8号",
        "政务中心大道66号",
        "行政中心2号楼",
    ]);
    let _ = writeln!(body, "地址：{}{street}", p.name);
    let _ = writeln!(body, "邮政编码：{}", rng.range(100_000, 899_999));
    let _ = writeln!(body, "印刷单位：{}日报社印务中心", p.name);
    let first_page = 1 + rng.below(2) as u32;
    let (body, doc_pages) = match printed {
        Some(print) => {
            let (text, pages) = paginate(&body, print, first_page);
            let doc_pages: Vec<u32> = starts.iter().map(|&s| pages[s]).collect();
            (text, Some(doc_pages))
        }
        None => (body, None),
    };
    let mut out = String::new();
    out.push_str(&gazette);
    out.push('\n');
    if let Some(en) = p.english {
        out.push_str(en);
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}年第{}期（总第{}期）",
        issue.year, issue.number, issue.total
    );
    let _ = writeln!(
        out,
        "{}人民政府{}主办",
        p.name,
        if p.province { "办公厅" } else { "办公室" }
    );
    let _ = writeln!(out, "{}出版", issue.published.cn());
    out.push_str("目　　录\n");
    // Pages: as printed, or about 1,100 characters of text a page.
    let mut page = first_page as usize;
    let mut last_cat = String::new();
    for (k, &d) in issue.docs.iter().enumerate() {
        if let Some(p) = doc_pages.as_ref().and_then(|v| v.get(k)) {
            page = *p as usize;
        }
        let spec = &specs[d];
        let cat = category(spec, world);
        if cat != last_cat {
            let _ = writeln!(out, "【{cat}】");
            last_cat = cat;
        }
        let title = if spec.family == Family::Order {
            format!(
                "{}（{}）",
                spec.title,
                spec.docno.as_deref().unwrap_or_default()
            )
        } else {
            spec.title.clone()
        };
        // Printed contents fit the page, a little short of the text's width.
        let width = printed.as_ref().map_or(44, |p| p.width);
        for l in contents_lines(&title, page, width, rng) {
            out.push_str(&l);
            out.push('\n');
        }
        page += bodies[d].chars().count() / 1100 + 1;
    }
    if printed.is_some() {
        out.push('\u{c}');
    }
    out.push_str(&body);
    out
}

// ---------------------------------------------------------------------------
// Citations, numbers and the catalogue

fn assign_docnos(specs: &mut [Spec], world: &World) {
    // Per prefix and year, in date order, numbers rising with small gaps.
    let mut keys: BTreeMap<(String, u32), Vec<usize>> = BTreeMap::new();
    let mut orders: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, s) in specs.iter().enumerate() {
        if let Some((prefix, kind)) = &s.docno_form {
            if *kind == "令" {
                let pi = world.scopes[world.issuers[s.issuer].scope]
                    .publisher
                    .unwrap_or(0);
                orders.entry(pi).or_default().push(i);
            } else {
                keys.entry((format!("{prefix}{kind}"), s.date.y))
                    .or_default()
                    .push(i);
            }
        }
    }
    for ((prefix, year), mut v) in keys {
        v.sort_by_key(|&i| (specs[i].date, i));
        let mut rng = Rng::new(u64::from(year) ^ (prefix.len() as u64 * 7919));
        let mut n = 0;
        for i in v {
            n += 1 + rng.below(3);
            let bracket = specs[i].form == Form::Html && rng.chance(0.1);
            specs[i].docno = Some(if bracket {
                format!("{prefix}﹝{year}﹞{n}号")
            } else {
                format!("{prefix}〔{year}〕{n}号")
            });
        }
    }
    for (pi, mut v) in orders {
        v.sort_by_key(|&i| (specs[i].date, i));
        let mut n = PUBLISHERS[pi].order_base;
        for i in v {
            n += 1;
            specs[i].docno = Some(format!("第{n}号"));
        }
    }
}

fn choose_citations(specs: &mut [Spec], world: &World, pools: &Pools, rng: &mut Rng) {
    let titles: HashSet<String> = specs.iter().map(|s| s.title.clone()).collect();
    let docnos: HashSet<String> = specs.iter().filter_map(|s| s.docno.clone()).collect();
    // What can be cited: notices (not lists of honours), opinions,
    // regulations, plans and task lists, by scope, in date order.
    let citable = |s: &Spec| {
        matches!(
            s.family,
            Family::Opinion | Family::Regulation | Family::Plan | Family::Tasks
        ) || (s.family == Family::Notice && s.sub != 4)
    };
    let mut by_scope: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, s) in specs.iter().enumerate() {
        if citable(s) {
            by_scope
                .entry(world.issuers[s.issuer].scope)
                .or_default()
                .push(i);
        }
    }
    for v in by_scope.values_mut() {
        v.sort_by_key(|&i| (specs[i].date, i));
    }
    for i in 0..specs.len() {
        if !citable(&specs[i]) {
            continue;
        }
        let date = specs[i].date;
        let mut cites = Vec::new();
        if rng.chance(0.085) {
            // An earlier document of the same government, the one above it,
            // or the State Council; of the same domain most of the time.
            let my_scope = world.issuers[specs[i].issuer].scope;
            let parent = world.scopes[my_scope].publisher.map_or(0, |p| p + 1);
            let mut candidates: Vec<usize> = Vec::new();
            for sc in [my_scope, parent, 0] {
                if let Some(v) = by_scope.get(&sc) {
                    let n = v.partition_point(|&j| specs[j].date < date);
                    candidates.extend(&v[..n]);
                }
                if sc == 0 {
                    break;
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            let mut pick = None;
            for _ in 0..20 {
                if candidates.is_empty() {
                    break;
                }
                let j = candidates[rng.below(candidates.len())];
                if specs[j].domain == specs[i].domain || rng.chance(0.25) {
                    pick = Some(j);
                    break;
                }
            }
            if let Some(j) = pick {
                cites.push(Cite {
                    title: specs[j].title.clone(),
                    docno: specs[j].docno.clone(),
                    resolved: true,
                });
            }
        }
        if rng.chance(0.035) {
            // A document outside the collection.
            let y = (date.y - rng.range(1, 4) as u32).max(2010);
            for _ in 0..10 {
                let (issuer, prefix) = *rng.pick(&[
                    ("国务院", "国发"),
                    ("国务院办公厅", "国办发"),
                    ("国务院", "国发"),
                    ("中共中央办公厅　国务院办公厅", "厅字"),
                ]);
                let tp = rng.pick(pools.list("topic")).replace("{L}", "国");
                let g = rng.pick(&["意见", "指导意见", "通知", "若干意见"]);
                let title = format!("{issuer}关于{}{tp}的{g}", title_verb(rng)).replace('　', "");
                let docno = format!("{prefix}〔{y}〕{}号", rng.range(60, 120));
                if !titles.contains(&title) && !docnos.contains(&docno) {
                    cites.push(Cite {
                        title,
                        docno: Some(docno),
                        resolved: false,
                    });
                    break;
                }
            }
        }
        specs[i].cites = cites;
    }
}

// ---------------------------------------------------------------------------
// The run

struct Args {
    out: Option<PathBuf>,
    issues: usize,
    documents: usize,
    seed: u64,
    queries: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        out: None,
        issues: 500,
        documents: 3000,
        seed: 7,
        queries: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut num = |name: &str| -> Result<u64, String> {
            it.next()
                .ok_or_else(|| format!("{name} needs a number"))?
                .parse::<u64>()
                .map_err(|e| format!("{name}: {e}"))
        };
        match arg.as_str() {
            "--issues" => a.issues = num("--issues")? as usize,
            "--documents" => a.documents = num("--documents")? as usize,
            "--seed" => a.seed = num("--seed")?,
            "--queries" => a.queries = true,
            "-h" | "--help" => return Err(
                "usage: genlib OUT_DIR [--issues 500] [--documents 3000] [--seed 7] [--queries]"
                    .into(),
            ),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => {
                if a.out.is_some() {
                    return Err(format!("one OUT_DIR only (got {s:?} too)"));
                }
                a.out = Some(PathBuf::from(s));
            }
        }
    }
    if a.out.is_none() && !a.queries {
        return Err(
            "usage: genlib OUT_DIR [--issues 500] [--documents 3000] [--seed 7] [--queries]".into(),
        );
    }
    Ok(a)
}

/// The benchmark queries: (kind, query, why). `find QUERY` unless the kind
/// is `text` (`find --text QUERY`).
const QUERIES: &[(&str, &str, &str)] = &[
    (
        "letter",
        "z",
        "one pinyin initial: matches nearly every title (worst case for ranking and output)",
    ),
    (
        "letter",
        "x",
        "another very common initial (xin-, xian-, xiang-, xing-)",
    ),
    (
        "initials",
        "szjj",
        "数字经济: initials of a frequent topic; fuzzy, so many near misses too",
    ),
    ("initials", "yshj", "营商环境: a frequent topic"),
    ("initials", "yjya", "应急预案: the decimal emergency plans"),
    ("initials", "zwrm", "职务任免: personnel notices"),
    (
        "initials",
        "llwl",
        "冷链物流: a topic named in titles and task text",
    ),
    (
        "initials",
        "rmzfgb",
        "人民政府公报: every issue's masthead and nothing much else",
    ),
    (
        "pinyin",
        "shuzijingji",
        "数字经济 in full pinyin: long query, fewer fuzzy hits",
    ),
    (
        "pinyin",
        "gushumingmu",
        "古树名木: a regulation topic, a few hundred hits",
    ),
    (
        "pinyin",
        "lanjiang",
        "澜江: a publisher (issues, titles of its bodies)",
    ),
    (
        "pinyin",
        "tiaoli",
        "条例: a short full-pinyin word that fuzzy-matches a great many titles",
    ),
    ("hanzi", "条例", "regulations by genre word"),
    (
        "hanzi",
        "专栏",
        "sidebar columns inside plans and notices (many nodes, not documents)",
    ),
    ("hanzi", "实施意见", "opinions"),
    (
        "hanzi",
        "猕猴桃",
        "a product in column entries and section heads, rarely in a document title",
    ),
    (
        "hanzi",
        "十四五",
        "plans of 2021–2022 (with quotation marks in the titles)",
    ),
    (
        "hanzi",
        "望川市",
        "a city publisher: its issues, bodies and places",
    ),
    ("hanzi", "批复", "replies"),
    (
        "docno",
        "政发〔2021〕",
        "文号 fragment: provincial government documents of 2021",
    ),
    (
        "docno",
        "府办发",
        "文号 fragment: city and district government offices",
    ),
    (
        "docno",
        "澜政办发〔2020〕",
        "one office, one year: a handful of hits",
    ),
    ("docno", "18号", "a number many 文号 end in"),
    ("docno", "第181号", "a government order's number"),
    (
        "text",
        "牵头单位",
        "--text: task table headers and the notices that name them",
    ),
    (
        "text",
        "有效期",
        "--text: validity clauses (有效期5年, 有效期至…)",
    ),
    (
        "text",
        "根据《",
        "--text: citing sentences (about 10% of the documents)",
    ),
    (
        "text",
        "自2023年1月1日起施行",
        "--text: a long exact phrase, a few hits",
    ),
    (
        "text",
        "冷链物流",
        "--text: a topic in any text, several hundred hits",
    ),
];

fn main() {
    match run() {
        Ok(()) => {}
        Err(e) => {
            eprintln!("genlib: {e}");
            std::process::exit(2);
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

#[derive(Default)]
struct Stats {
    count: BTreeMap<(Family, Form), usize>,
    size: BTreeMap<Family, (usize, usize, usize, usize)>,
    issue_sizes: Vec<usize>,
    layouts: BTreeMap<&'static str, usize>,
    printed_issues: usize,
    total_bytes: usize,
    files: usize,
}

impl Stats {
    fn add(&mut self, family: Family, form: Form, bytes: usize) {
        *self.count.entry((family, form)).or_default() += 1;
        let e = self.size.entry(family).or_insert((usize::MAX, 0, 0, 0));
        e.0 = e.0.min(bytes);
        e.1 = e.1.max(bytes);
        e.2 += bytes;
        e.3 += 1;
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    if args.queries {
        for (kind, q, why) in QUERIES {
            println!("{kind}\t{q}\t{why}");
        }
    }
    let Some(out) = args.out.clone() else {
        return Ok(());
    };
    let started = Instant::now();
    let pools = Pools::load();
    let mut rng = Rng::new(args.seed);
    let world = build_world(&pools, &mut rng.fork(1, 0));

    // Issues: unique (gazette, year, number), shuffled and taken.
    let mut slots = Vec::new();
    for (pi, p) in PUBLISHERS.iter().enumerate() {
        for year in 2015..=2024 {
            for number in 1..=p.per_year {
                slots.push((pi, year, number));
            }
        }
    }
    rng.shuffle(&mut slots);
    slots.truncate(args.issues);
    slots.sort_unstable();
    let mut issues: Vec<IssueSpec> = slots
        .iter()
        .map(|&(pi, year, number)| {
            let p = &PUBLISHERS[pi];
            IssueSpec {
                print: None,
                publisher: pi,
                year,
                number,
                total: p.total_base + (year - 2015) * p.per_year + number,
                published: issue_date(p.per_year, year, number),
                docs: Vec::new(),
                target: 0,
            }
        })
        .collect();

    // The catalogue: standalone documents, then each issue's documents.
    let mut specs: Vec<Spec> = Vec::new();
    let mut titles: HashSet<String> = HashSet::new();
    let all_issuers: Vec<usize> = (0..world.issuers.len()).collect();
    let new_spec = |family: Family,
                    pool: &[usize],
                    date: Date,
                    rng: &mut Rng,
                    titles: &mut HashSet<String>|
     -> Spec {
        let fits: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|&i| {
                let is = &world.issuers[i];
                issuer_fits(family, is, &world.scopes[is.scope])
            })
            .collect();
        let mut issuer = *rng.pick(&fits);
        let mut t = make_title(
            family,
            &world.issuers[issuer],
            &world.scopes[world.issuers[issuer].scope],
            &pools,
            rng,
            date.y,
        );
        for _ in 0..30 {
            let n = t.title.chars().count();
            let ok_len = (8..=60).contains(&n);
            if ok_len && (family == Family::Order || !titles.contains(&t.title)) {
                break;
            }
            issuer = *rng.pick(&fits);
            t = make_title(
                family,
                &world.issuers[issuer],
                &world.scopes[world.issuers[issuer].scope],
                &pools,
                rng,
                date.y,
            );
        }
        titles.insert(t.title.clone());
        let is = &world.issuers[issuer];
        let docno_form = match t.docno_kind {
            None => None,
            Some("令") => Some((String::new(), "令")),
            Some(k) => {
                // A document without a 文号 now and then (a web copy that lost it).
                if family != Family::Personnel && rng.chance(0.07) {
                    None
                } else {
                    let prefix = match (is.kind, k) {
                        (Kind::Gov, "人") if is.prefix.ends_with('政') => {
                            format!("{}任", is.prefix.trim_end_matches('政'))
                        }
                        (_, "人") => is.prefix.clone(),
                        _ => is.prefix.clone(),
                    };
                    Some((prefix, k))
                }
            }
        };
        let target = match family {
            Family::Regulation | Family::Order => rng.range(5_500, 36_000),
            Family::Personnel => rng.range(1_000, 3_000),
            Family::Reply => rng.range(1_200, 3_500),
            Family::Notice | Family::Opinion => rng.range(3_000, 24_000),
            Family::Plan => rng.range(10_000, 60_000),
            Family::Tasks => rng.range(6_000, 40_000),
        };
        Spec {
            family,
            domain: t.domain,
            sub: t.sub,
            issuer,
            date,
            title: t.title,
            docno_form,
            docno: None,
            topic: t.topic,
            attach: t.attach,
            target,
            form: Form::Txt,
            issue: None,
            cites: Vec::new(),
        }
    };
    let family_weights = [26, 10, 20, 12, 12, 8, 9, 3];
    let mut crng = rng.fork(2, 0);
    for _ in 0..args.documents {
        let family = FAMILIES[crng.weighted(&family_weights)];
        let year = crng.range(2015, 2024) as u32;
        let date = Date::random(&mut crng, year);
        let mut s = new_spec(family, &all_issuers, date, &mut crng, &mut titles);
        s.form = match crng.weighted(&[60, 20, 20]) {
            0 => Form::Txt,
            1 => Form::Md,
            _ => Form::Html,
        };
        // Law collections are mostly regulations: lean Markdown that way.
        if s.form == Form::Md
            && matches!(family, Family::Personnel | Family::Reply)
            && crng.chance(0.6)
        {
            s.form = Form::Txt;
        }
        if s.form == Form::Txt && family == Family::Regulation && crng.chance(0.2) {
            s.form = Form::Md;
        }
        specs.push(s);
    }
    let standalone = specs.len();
    let issue_weights = [30, 14, 8, 9, 9, 14, 9, 7];
    for (ii, issue) in issues.iter_mut().enumerate() {
        let mut irng = rng.fork(3, ii as u64);
        issue.target = irng.range(125_000, 260_000);
        issue.print = irng.chance(0.25).then(|| Print {
            width: irng.range(30, 36),
            per_page: irng.range(36, 42),
            headers: vec![
                format!("{}人民政府公报", PUBLISHERS[issue.publisher].name),
                format!("{}年第{}期", issue.year, issue.number),
            ],
            style: irng.below(3) as u8,
            spaced: irng.chance(0.3),
        });
        let pool = &world.by_publisher[issue.publisher];
        let mut planned = 0;
        let mut orders = 0;
        while planned < issue.target {
            let mut family = FAMILIES[irng.weighted(&issue_weights)];
            if family == Family::Order && orders > 0 {
                family = Family::Notice;
            }
            // A printed issue holds no long tables: the importer measures
            // the print width on every line, table rows too, and a long
            // table's wide rows would hide the width of the text.
            if issue.print.is_some() && family == Family::Tasks {
                family = Family::Opinion;
            }
            if family == Family::Order {
                orders += 1;
            }
            let back = irng.range(8, 60) as i64;
            let date = issue.published.add_days(-back);
            let mut s = new_spec(family, pool, date, &mut irng, &mut titles);
            while issue.print.is_some() && s.family == Family::Notice && s.sub == 4 {
                s = new_spec(family, pool, date, &mut irng, &mut titles);
            }
            let room = issue.target.saturating_sub(planned);
            s.target = s.target.min(room.max(2_000)).min(60_000);
            if matches!(family, Family::Regulation | Family::Order) {
                s.target = s.target.max(5_500);
            }
            s.issue = Some(ii);
            // What the body will come to (short families are short whatever
            // the target; notices stop growing at about 25 KB).
            planned += 400
                + match family {
                    Family::Personnel => 1_700,
                    Family::Reply => 1_900,
                    Family::Notice | Family::Opinion => s.target.min(22_000),
                    _ => s.target,
                };
            issue.docs.push(specs.len());
            specs.push(s);
        }
    }
    assign_docnos(&mut specs, &world);
    choose_citations(&mut specs, &world, &pools, &mut rng.fork(4, 0));
    // Issue documents in contents order: by category, then date.
    for issue in &mut issues {
        issue.docs.sort_by_key(|&d| {
            (
                category_rank(&category(&specs[d], &world)),
                specs[d].date,
                d,
            )
        });
    }

    // Render: issue documents first (their bodies go into the issues).
    let mut stats = Stats::default();
    let mut manifest = String::from("file\tfamily\tform\ttitle\tdocno\tbytes\tlayout\n");
    let mut issue_bodies: Vec<String> = vec![String::new(); specs.len()];
    let mut all_text_chars: HashSet<char> = HashSet::new();
    let issue_body = |spec: &Spec, i: usize, round: u64| -> String {
        let drng = rng.fork(5, i as u64 * 16 + round);
        let blocks = document_blocks(spec, &world, &pools, drng.clone());
        let printed = spec.issue.is_some_and(|k| issues[k].print.is_some());
        // pdftotext drops the indent of a printed paragraph.
        let style = TxtStyle {
            indent: if printed { "" } else { "　　" },
            crlf: false,
            split_title: false,
            title_width: printed.then_some(22),
        };
        render_txt(&blocks, &style, &mut drng.fork(6, 0))
    };
    for (i, spec) in specs.iter().enumerate() {
        if spec.issue.is_some() {
            issue_bodies[i] = issue_body(spec, i, 0);
        }
    }
    // An issue outside 100–300 KB: one of its longer documents is written
    // again, longer or shorter (same title and 文号).
    for issue in &issues {
        let mut adjusted: Vec<usize> = Vec::new();
        for round in 1..12u64 {
            let total: usize = issue
                .docs
                .iter()
                .map(|&d| issue_bodies[d].len() + 150)
                .sum::<usize>()
                + 600;
            let goal = match total {
                t if t < 104 * 1024 => 150 * 1024,
                t if t > 292 * 1024 => 250 * 1024,
                _ => break,
            };
            // Task tables and plans grow and shrink at will; notices less so.
            // Each document is written again once at most.
            let scalable = |d: usize| matches!(specs[d].family, Family::Plan | Family::Tasks);
            let Some(&d) = issue
                .docs
                .iter()
                .filter(|&&d| !adjusted.contains(&d) || adjusted.len() >= issue.docs.len())
                .filter(|&&d| {
                    matches!(
                        specs[d].family,
                        Family::Notice | Family::Opinion | Family::Plan | Family::Tasks
                    )
                })
                .max_by_key(|&&d| (scalable(d), issue_bodies[d].len(), d))
            else {
                break;
            };
            if adjusted.len() >= issue.docs.len() {
                adjusted.clear();
            }
            adjusted.push(d);
            let mut s = specs[d].clone();
            let change = (goal as i64 - total as i64) * 11 / 10;
            s.target = (issue_bodies[d].len() as i64 + change).max(3000) as usize;
            issue_bodies[d] = issue_body(&s, d, round);
        }
    }
    for (i, spec) in specs.iter().enumerate() {
        if spec.issue.is_some() {
            continue;
        }
        // Regulations are kept within 5–40 KB: written again, longer or
        // shorter, when they fall outside.
        let mut s = spec.clone();
        let mut attempt = 0u64;
        let file = loop {
            let r = standalone_file(&s, i, &world, &pools, rng.fork(5, i as u64 * 16 + attempt));
            let len = r.text.len();
            let bounded = matches!(s.family, Family::Regulation | Family::Order) && attempt < 8;
            if bounded && len < 5 * 1024 + 200 {
                s.target += 5 * 1024 + 1500 - len.min(5 * 1024);
            } else if bounded && len > 40 * 1024 - 200 {
                s.target = s.target.saturating_sub(len + 2500 - 40 * 1024);
            } else {
                break r;
            }
            attempt += 1;
        };
        let FileOut {
            name,
            bytes,
            text,
            layout,
        } = file;
        all_text_chars.extend(text.chars().filter(|&c| hanzi(c)));
        write_file(&out.join(&name), &bytes)?;
        stats.add(spec.family, spec.form, text.len());
        *stats.layouts.entry(layout).or_default() += 1;
        stats.total_bytes += bytes.len();
        stats.files += 1;
        let _ = writeln!(
            manifest,
            "{name}\t{}\t{}\t{}\t{}\t{}\t{layout}",
            spec.family.name(),
            spec.form.ext(),
            spec.title,
            spec.docno.as_deref().unwrap_or(""),
            bytes.len()
        );
    }
    for (ii, issue) in issues.iter().enumerate() {
        let mut irng = rng.fork(7, ii as u64);
        let text = render_issue(issue, &specs, &issue_bodies, &world, &mut irng);
        let p = &PUBLISHERS[issue.publisher];
        let name = format!("issues/{}/{}-{:02}.txt", p.slug, issue.year, issue.number);
        all_text_chars.extend(text.chars().filter(|&c| hanzi(c)));
        write_file(&out.join(&name), text.as_bytes())?;
        stats.issue_sizes.push(text.len());
        stats.total_bytes += text.len();
        stats.files += 1;
        let layout = if issue.print.is_some() {
            stats.printed_issues += 1;
            "printed"
        } else {
            "web text"
        };
        let _ = writeln!(
            manifest,
            "{name}\tissue\ttxt\t{}人民政府公报 {}年第{}期\t\t{}\t{layout}",
            p.name,
            issue.year,
            issue.number,
            text.len()
        );
    }
    write_file(&out.join(".manifest.tsv"), manifest.as_bytes())?;
    summary(
        &args,
        &specs,
        standalone,
        &issues,
        &world,
        &stats,
        &all_text_chars,
        started,
    );
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn summary(
    args: &Args,
    specs: &[Spec],
    standalone: usize,
    issues: &[IssueSpec],
    world: &World,
    stats: &Stats,
    chars: &HashSet<char>,
    started: Instant,
) {
    let out = args.out.as_deref().unwrap_or(Path::new("."));
    println!("genlib: seed {} → {}", args.seed, out.display());
    println!(
        "files: {} ({} standalone documents, {} issues holding {} documents), {:.1} MB",
        stats.files,
        standalone,
        issues.len(),
        specs.len() - standalone,
        stats.total_bytes as f64 / 1_048_576.0
    );
    println!("\nstandalone documents by family and form:");
    println!(
        "  {:<11} {:>6} {:>6} {:>6} {:>6}   size KB min / mean / max",
        "family", "txt", "md", "html", "all"
    );
    for f in FAMILIES {
        let c = |form| stats.count.get(&(f, form)).copied().unwrap_or(0);
        let (t, m, h) = (c(Form::Txt), c(Form::Md), c(Form::Html));
        let (lo, hi, sum, n) = stats.size.get(&f).copied().unwrap_or((0, 0, 0, 0));
        println!(
            "  {:<11} {:>6} {:>6} {:>6} {:>6}   {:.1} / {:.1} / {:.1}",
            f.name(),
            t,
            m,
            h,
            t + m + h,
            if n == 0 { 0.0 } else { lo as f64 / 1024.0 },
            if n == 0 {
                0.0
            } else {
                sum as f64 / n as f64 / 1024.0
            },
            hi as f64 / 1024.0
        );
    }
    let forms = |form| {
        FAMILIES
            .iter()
            .map(|&f| stats.count.get(&(f, form)).copied().unwrap_or(0))
            .sum::<usize>()
    };
    let (t, m, h) = (forms(Form::Txt), forms(Form::Md), forms(Form::Html));
    let n = (t + m + h).max(1) as f64;
    println!(
        "  forms: txt {:.0}%, md {:.0}%, html {:.0}%",
        t as f64 * 100.0 / n,
        m as f64 * 100.0 / n,
        h as f64 * 100.0 / n
    );
    println!(
        "  layouts: {}",
        stats
            .layouts
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut in_issues: BTreeMap<Family, usize> = BTreeMap::new();
    for s in &specs[standalone..] {
        *in_issues.entry(s.family).or_default() += 1;
    }
    println!(
        "documents inside issues: {}",
        in_issues
            .iter()
            .map(|(f, n)| format!("{} {n}", f.name()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    // Issues.
    let mut gazettes: BTreeMap<usize, usize> = BTreeMap::new();
    let mut keys = HashSet::new();
    for i in issues {
        *gazettes.entry(i.publisher).or_default() += 1;
        keys.insert((i.publisher, i.year, i.number));
    }
    let years = issues.iter().map(|i| i.year);
    let numbers = issues.iter().map(|i| i.number);
    println!(
        "\nissues: {} of {} gazettes ({}), years {}–{}, numbers {}–{}, unique (gazette, year, number): {}",
        issues.len(),
        gazettes.len(),
        gazettes
            .iter()
            .map(|(p, n)| format!("{}公报 {n}", PUBLISHERS[*p].name))
            .collect::<Vec<_>>()
            .join(", "),
        years.clone().min().unwrap_or(0),
        years.max().unwrap_or(0),
        numbers.clone().min().unwrap_or(0),
        numbers.max().unwrap_or(0),
        keys.len() == issues.len()
    );
    println!(
        "issue layouts: printed (pages, running headers, broken lines) {}, web text {}",
        stats.printed_issues,
        issues.len() - stats.printed_issues
    );
    let isz = &stats.issue_sizes;
    if !isz.is_empty() {
        println!(
            "issue size KB min / mean / max: {:.1} / {:.1} / {:.1}; docs per issue {:.1}",
            isz.iter().min().copied().unwrap_or(0) as f64 / 1024.0,
            isz.iter().sum::<usize>() as f64 / isz.len() as f64 / 1024.0,
            isz.iter().max().copied().unwrap_or(0) as f64 / 1024.0,
            (specs.len() - standalone) as f64 / issues.len() as f64
        );
    }
    // Titles, issuers, numbers, citations.
    let standalone_specs = &specs[..standalone];
    let distinct = |v: &[Spec]| {
        v.iter()
            .map(|s| s.title.as_str())
            .collect::<HashSet<_>>()
            .len()
    };
    let lens: Vec<usize> = specs.iter().map(|s| s.title.chars().count()).collect();
    println!(
        "\ntitles: distinct {:.1}% of standalone ({} / {}), {:.1}% of all documents; length {}–{} characters",
        distinct(standalone_specs) as f64 * 100.0 / standalone.max(1) as f64,
        distinct(standalone_specs),
        standalone,
        distinct(specs) as f64 * 100.0 / specs.len().max(1) as f64,
        lens.iter().min().copied().unwrap_or(0),
        lens.iter().max().copied().unwrap_or(0)
    );
    let issuers: HashSet<usize> = standalone_specs.iter().map(|s| s.issuer).collect();
    let kinds = |k: fn(&Kind) -> bool| {
        issuers
            .iter()
            .filter(|&&i| k(&world.issuers[i].kind))
            .count()
    };
    println!(
        "issuing bodies of standalone documents: {} (governments {}, offices {}, departments {}, congresses {})",
        issuers.len(),
        kinds(|k| matches!(k, Kind::Gov)),
        kinds(|k| matches!(k, Kind::Office)),
        kinds(|k| matches!(k, Kind::Dept(_))),
        kinds(|k| matches!(k, Kind::Congress)),
    );
    let with_no = standalone_specs
        .iter()
        .filter(|s| s.docno.is_some())
        .count();
    let all_no: Vec<&String> = specs.iter().filter_map(|s| s.docno.as_ref()).collect();
    let unique_no: HashSet<&String> = all_no.iter().copied().collect();
    println!(
        "文号: {:.1}% of standalone documents have one; {} in all, all distinct: {}",
        with_no as f64 * 100.0 / standalone.max(1) as f64,
        all_no.len(),
        unique_no.len() == all_no.len()
    );
    let citing =
        |v: &[Spec], f: &dyn Fn(&Cite) -> bool| v.iter().filter(|s| s.cites.iter().any(f)).count();
    let pct = |a: usize, b: usize| a as f64 * 100.0 / b.max(1) as f64;
    let any = citing(standalone_specs, &|_| true);
    let res = citing(standalone_specs, &|c| c.resolved);
    let unres = citing(standalone_specs, &|c| !c.resolved);
    println!(
        "citations 根据《…》（文号）: {:.1}% of standalone documents cite ({:.1}% a document in the collection, {:.1}% one outside it); all documents: {:.1}%",
        pct(any, standalone),
        pct(res, standalone),
        pct(unres, standalone),
        pct(citing(specs, &|_| true), specs.len())
    );
    println!("distinct hanzi in the collection: {}", chars.len());
    println!(
        "total {:.1} MB written in {:.2} s",
        stats.total_bytes as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64()
    );
}
