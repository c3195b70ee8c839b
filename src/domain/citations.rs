//! Citations: what a document's text refers to, found in the text and
//! resolved against what is loaded (one file, a folder or the library).
//!
//! What is read as a citation (offsets are in characters of the field, as
//! `find --json` counts them):
//! - a title in 《》 (《》 and 〈〉 may nest inside), optionally followed by a
//!   group in （） holding its 文号 (`（国发〔2019〕5号）`, `（国务院令第713号）`)
//!   and by an article (`第三十三条第二款第一项`); a group after it that
//!   says `以下简称《X》` or `以下简称X` makes X another name of that title in
//!   the rest of the document (the definition itself is not a citation);
//!   further articles joined by 、和及与或至 (`第十条、第十二条`) cite the
//!   same title;
//! - a bare 文号: an issuer's short name, a year in brackets (〔〕 [] ［］ ()
//!   （）【】) and a serial (`渝府发〔2021〕18号`), or a decree number
//!   (`国务院令第713号`, `国令第707号`);
//! - an article of the citing regulation itself: `本条例第十条`, `本办法第三条
//!   第二款`, `本条第二款`, `前款`, `前条`, and a bare `第十条` or `第二款` in a
//!   document that has articles (in one that has none, `第十条` is not read).
//!
//! How they resolve is in [`Citations::build`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::date::Date;
use crate::model::schema::Node;
use crate::model::{Kind, NodeIx, Tree};

/// Where in a regulation: an article, maybe a 款 and a 项.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub article: Article,
    pub clause: Option<Clause>,
    /// The n-th 项 of the 款 (of the article's first 款 when none is named).
    pub item: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Article {
    Number(u32),
    /// 前条: the article before the one citing.
    Previous,
    /// 本条, or none named (`第二款`, `前款`): the article citing.
    This,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Clause {
    Number(u32),
    /// 前款: the 款 before the one citing.
    Previous,
}

/// What a citation names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cited {
    /// A title, with the 文号 given beside it and an article.
    Title {
        title: String,
        number: Option<String>,
        place: Option<Place>,
    },
    /// A 文号 alone (canonical form: 〔〕 around the year, ASCII digits).
    Number { number: String },
    /// An article of the citing document. `bare` when no `本…` says so.
    Internal { place: Place, bare: bool },
}

/// One citation as found in a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    /// Character range in the string.
    pub start: usize,
    pub end: usize,
    pub cited: Cited,
}

/// Titles that name a kind of document, not a document: never resolved.
const GENERIC: [&str; 24] = [
    "通知",
    "意见",
    "办法",
    "规定",
    "决定",
    "方案",
    "条例",
    "规划",
    "公告",
    "通告",
    "批复",
    "函",
    "细则",
    "实施细则",
    "章程",
    "目录",
    "清单",
    "纲要",
    "报告",
    "计划",
    "规则",
    "标准",
    "指南",
    "法",
];

/// Words a 文号's issuer part never starts with (what precedes a 文号 in a
/// sentence: `按照渝府发〔2021〕18号`).
const LEADS: [&str; 22] = [
    "按照", "根据", "依据", "依照", "参照", "遵照", "执行", "落实", "贯彻", "印发", "转发", "详见",
    "见", "和", "及", "与", "或", "即", "的", "对", "经", "以",
];

/// Whether a title is generic (《通知》): a kind of document alone.
pub fn is_generic(title: &str) -> bool {
    let t = fold_title(title);
    t.chars().count() < 2 || GENERIC.contains(&t.as_str())
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn ascii_digit(c: char) -> Option<u32> {
    let c = crate::search::fold::fold_char(c);
    c.to_digit(10)
}

/// A number at `i`: ASCII or full-width digits, or Chinese numerals; its
/// value and where it ends.
fn number_at(c: &[char], i: usize) -> Option<(u32, usize)> {
    let digits = c[i..]
        .iter()
        .take_while(|&&d| ascii_digit(d).is_some())
        .count();
    if digits > 0 {
        if digits > 6 {
            return None;
        }
        let v = c[i..i + digits]
            .iter()
            .filter_map(|&d| ascii_digit(d))
            .fold(0u32, |a, d| a * 10 + d);
        return Some((v, i + digits));
    }
    let n = c[i..]
        .iter()
        .take_while(|d| "〇零一二三四五六七八九十百千两".contains(**d))
        .count();
    if n == 0 {
        return None;
    }
    let s: String = c[i..i + n].iter().collect();
    crate::import::numbering::cn_value(&s).map(|v| (v, i + n))
}

/// `第N条`, `第N款`, `第N项` at `i`: the unit and number, and the end.
fn di_at(c: &[char], i: usize) -> Option<(char, u32, usize)> {
    if c.get(i) != Some(&'第') {
        return None;
    }
    let (v, end) = number_at(c, i + 1)?;
    let unit = *c.get(end)?;
    matches!(unit, '条' | '款' | '项').then_some((unit, v, end + 1))
}

/// A place at `i` (`第十条第二款第一项`, `第二款`, `前款`, `前条`, `本条第二款`):
/// the place and where it ends.
fn place_at(c: &[char], i: usize) -> Option<(Place, usize)> {
    let mut place = Place {
        article: Article::This,
        clause: None,
        item: None,
    };
    let mut k = i;
    let starts = |k: usize, s: &str| s.chars().enumerate().all(|(j, x)| c.get(k + j) == Some(&x));
    if starts(k, "前条") {
        place.article = Article::Previous;
        return Some((place, k + 2));
    }
    if starts(k, "前款") {
        place.clause = Some(Clause::Previous);
        return Some((place, k + 2));
    }
    let mut any = false;
    if starts(k, "本条") && !starts(k, "本条例") {
        k += 2;
        any = true;
    }
    if let Some(('条', v, e)) = di_at(c, k) {
        place.article = Article::Number(v);
        k = e;
        any = true;
    }
    if let Some(('款', v, e)) = di_at(c, k) {
        place.clause = Some(Clause::Number(v));
        k = e;
        any = true;
    }
    if let Some(('项', v, e)) = di_at(c, k) {
        if any {
            place.item = Some(v);
            k = e;
        }
    }
    (any && (place.article != Article::This || place.clause.is_some())).then_some((place, k))
}

/// The words that make an article the citing regulation's own.
const OWN: [&str; 9] = [
    "本条例",
    "本法",
    "本办法",
    "本规定",
    "本细则",
    "本决定",
    "本规则",
    "本实施细则",
    "本章程",
];

/// A 文号 ending at `end` (exclusive, after 号) whose year bracket or 令第
/// starts at `from`: the issuer run before it, trimmed of leading words.
fn issuer_before(c: &[char], from: usize) -> usize {
    let mut s = from;
    while s > 0 && is_han(c[s - 1]) && from - (s - 1) <= 12 {
        s -= 1;
    }
    // Cut after the last lead word inside the run.
    let run: String = c[s..from].iter().collect();
    let mut cut = 0;
    for w in LEADS {
        if let Some(at) = run.rfind(w) {
            let after = run[..at + w.len()].chars().count();
            cut = cut.max(after);
        }
    }
    s + cut
}

/// A 文号 at `i` (its year bracket, or 令 of 令第N号): where it starts (the
/// issuer part), ends, and its canonical text.
fn number_at_bracket(c: &[char], i: usize) -> Option<(usize, usize, String)> {
    let open = c[i];
    if open == '令' {
        if c.get(i + 1) != Some(&'第') {
            return None;
        }
        let (_, e) = number_at(c, i + 2)?;
        if c.get(e) != Some(&'号') {
            return None;
        }
        let s = issuer_before(c, i);
        if s == i {
            return None;
        }
        return Some((s, e + 1, canonical_number(&c[s..e + 1])));
    }
    let close = match open {
        '〔' => '〕',
        '[' => ']',
        '［' => '］',
        '(' => ')',
        '（' => '）',
        '【' => '】',
        _ => return None,
    };
    let year: Vec<u32> = c
        .get(i + 1..i + 5)?
        .iter()
        .filter_map(|&d| ascii_digit(d))
        .collect();
    if year.len() != 4 || c.get(i + 5) != Some(&close) {
        return None;
    }
    let (_, e) = number_at(c, i + 6)
        .filter(|&(_, e)| c[i + 6..e].iter().all(|&d| ascii_digit(d).is_some()))?;
    if c.get(e) != Some(&'号') {
        return None;
    }
    let s = issuer_before(c, i);
    if s == i {
        return None;
    }
    Some((s, e + 1, canonical_number(&c[s..e + 1])))
}

/// A 文号 in one form: 〔〕 around the year, ASCII digits, no spaces.
pub fn canonical_number(s: &[char]) -> String {
    s.iter()
        .filter(|c| !c.is_whitespace())
        .map(|&c| match c {
            '[' | '［' | '(' | '（' | '【' => '〔',
            ']' | '］' | ')' | '）' | '】' => '〕',
            c => crate::search::fold::fold_char(c),
        })
        .collect()
}

/// A title in one form for comparison: full-width forms folded, no
/// whitespace, no quotation marks or 《》〈〉, brackets as ASCII ().
pub fn fold_title(s: &str) -> String {
    s.chars()
        .map(crate::search::fold::fold_char)
        .filter(|c| !c.is_whitespace())
        .filter(|c| !"\"'“”‘’「」『』《》〈〉<>«»".contains(*c))
        .map(|c| match c {
            '〔' | '[' | '【' => '(',
            '〕' | ']' | '】' => ')',
            '—' | '－' | '–' | '~' | '～' => '-',
            c => c,
        })
        .collect()
}

/// The forms a title is also cited by: without a leading 中华人民共和国, and
/// without a trailing `(试行)`, `(暂行)`, `(草案)` or `(…修正/修订/修改)`.
/// A plan's `(2021-2025年)` is part of its name and stays.
pub fn title_keys(title: &str) -> Vec<String> {
    let full = fold_title(title);
    let mut keys = vec![full.clone()];
    let mut base = full.clone();
    while let Some(open) = base.rfind('(') {
        if !base.ends_with(')') {
            break;
        }
        let inner = &base[open + 1..base.len() - 1];
        let edition = ["试行", "暂行", "草案", "征求意见稿"].contains(&inner)
            || (["修正", "修订", "修改", "版"]
                .iter()
                .any(|w| inner.ends_with(w))
                && inner.chars().next().is_some_and(|c| c.is_ascii_digit()));
        if !edition || open == 0 {
            break;
        }
        base.truncate(open);
        keys.push(base.clone());
    }
    for k in keys.clone() {
        if let Some(rest) = k.strip_prefix("中华人民共和国") {
            if !rest.is_empty() {
                keys.push(rest.to_string());
            }
        }
    }
    keys.dedup();
    keys
}

/// Every citation in `text`, in order. `aliases` holds the other names
/// defined so far in the document (`以下简称《目录》`: 目录 → the full title)
/// and gains those defined here.
pub fn scan(text: &str, aliases: &mut HashMap<String, String>) -> Vec<Found> {
    let c: Vec<char> = text.chars().collect();
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '《' => {
                let Some(close) = closing(&c, i) else {
                    i += 1;
                    continue;
                };
                let raw: String = c[i + 1..close].iter().collect();
                let mut title = raw.clone();
                if let Some(full) = aliases.get(&fold_title(&raw)) {
                    title = full.clone();
                }
                let mut end = close + 1;
                let mut number = None;
                // A group after it: its 文号, a short name, or both
                // (`（商资发〔2021〕65号，以下简称总体方案）`).
                if let Some((inner, after)) = group_at(&c, end) {
                    for part in inner.split(|x| "，,；;".contains(*x)) {
                        let s: String = part.iter().collect();
                        if let Some(short) = s.strip_prefix("以下简称") {
                            let short = short.trim_start_matches(['：', ':']);
                            let short = short
                                .strip_prefix('《')
                                .and_then(|x| x.strip_suffix('》'))
                                .unwrap_or(short)
                                .trim_matches(['“', '”', '"']);
                            if !short.is_empty() {
                                aliases.insert(fold_title(short), title.clone());
                            }
                        } else if let Some(n) = whole_number(part) {
                            number = Some(n);
                        }
                    }
                    if number.is_some() {
                        end = after;
                    } else if aliases.values().any(|t| *t == title)
                        && inner.starts_with(&['以', '下', '简', '称'])
                    {
                        // The definition: its 《目录》 is not a citation.
                        out.push(Found {
                            start: i,
                            end,
                            cited: Cited::Title {
                                title,
                                number: None,
                                place: None,
                            },
                        });
                        i = after;
                        continue;
                    }
                }
                let mut place = None;
                if let Some((p, e)) =
                    place_at(&c, end).filter(|(p, _)| matches!(p.article, Article::Number(_)))
                {
                    place = Some(p);
                    end = e;
                }
                out.push(Found {
                    start: i,
                    end,
                    cited: Cited::Title {
                        title: title.clone(),
                        number: number.clone(),
                        place,
                    },
                });
                i = end;
                // 、第十二条 … of the same title.
                if place.is_some() {
                    while let Some(&joint) = c.get(i) {
                        if !"、和及与或至".contains(joint) {
                            break;
                        }
                        let Some((p, e)) = place_at(&c, i + 1)
                            .filter(|(p, _)| matches!(p.article, Article::Number(_)))
                        else {
                            break;
                        };
                        out.push(Found {
                            start: i + 1,
                            end: e,
                            cited: Cited::Title {
                                title: title.clone(),
                                number: number.clone(),
                                place: Some(p),
                            },
                        });
                        i = e;
                    }
                }
            }
            '〔' | '[' | '［' | '(' | '（' | '【' | '令' => match number_at_bracket(&c, i) {
                Some((s, e, number)) => {
                    // The issuer part may have been passed over already.
                    let s = s.max(out.last().map_or(0, |f| f.end));
                    out.push(Found {
                        start: s,
                        end: e,
                        cited: Cited::Number { number },
                    });
                    i = e;
                }
                None => i += 1,
            },
            '本' | '第' | '前' => {
                let own = OWN
                    .iter()
                    .find(|w| w.chars().enumerate().all(|(j, x)| c.get(i + j) == Some(&x)));
                let from = i + own.map_or(0, |w| w.chars().count());
                match place_at(&c, from) {
                    Some((place, e)) if own.is_some() || matches!(c[i], '第' | '前' | '本') => {
                        out.push(Found {
                            start: i,
                            end: e,
                            cited: Cited::Internal {
                                place,
                                bare: own.is_none()
                                    && !matches!(place.article, Article::Previous)
                                    && place.clause != Some(Clause::Previous)
                                    && c[i] != '本',
                            },
                        });
                        i = e;
                        // 、第十二条 … of the same document.
                        while let Some(&joint) = c.get(i) {
                            if !"、和及与或至".contains(joint) {
                                break;
                            }
                            let Some((p, e)) = place_at(&c, i + 1) else {
                                break;
                            };
                            out.push(Found {
                                start: i + 1,
                                end: e,
                                cited: Cited::Internal {
                                    place: p,
                                    bare: own.is_none(),
                                },
                            });
                            i = e;
                        }
                    }
                    _ => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The 》 that closes the 《 at `i` (《》 nest), within 200 characters.
fn closing(c: &[char], i: usize) -> Option<usize> {
    let mut depth = 0;
    for (k, &x) in c.iter().enumerate().skip(i).take(200) {
        match x {
            '《' => depth += 1,
            '》' => {
                depth -= 1;
                if depth == 0 {
                    return (k > i + 1).then_some(k);
                }
            }
            '\n' => return None,
            _ => {}
        }
    }
    None
}

/// A group in （） or () at `i`, within 60 characters: its inside and the
/// index after it.
fn group_at(c: &[char], i: usize) -> Option<(&[char], usize)> {
    let close = match c.get(i)? {
        '（' => '）',
        '(' => ')',
        _ => return None,
    };
    let k = c[i + 1..].iter().take(60).position(|&x| x == close)?;
    Some((&c[i + 1..i + 1 + k], i + 2 + k))
}

/// A group's inside when it is a 文号 and nothing else.
fn whole_number(inner: &[char]) -> Option<String> {
    for (k, &x) in inner.iter().enumerate() {
        if let Some((s, e, n)) = number_at_bracket(inner, k) {
            if s == 0 && e == inner.len() {
                return Some(n);
            }
            if "〔[［(（【".contains(x) || x == '令' {
                break;
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Resolution.

/// Which string of a node a citation is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Text,
}

/// What a citation was resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Node(NodeIx),
    /// Not in what is loaded; `key` is what to look for (the title or the
    /// 文号).
    Unresolved {
        key: String,
    },
    /// A generic title (《通知》): never resolved.
    Generic,
    /// Only documents of other jurisdictions have this title, which names
    /// no place: not linked (the citing document means its own or the
    /// state's).
    Elsewhere {
        key: String,
        places: Vec<String>,
    },
}

/// One citation with its place and target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The citing node, the field and the character range in it.
    pub node: NodeIx,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    /// The citation as written.
    pub text: String,
    pub target: Target,
    /// An article of the citing document itself (`本条例第十条`, `前款`).
    pub internal: bool,
    /// Other versions the title could mean (the newest not later than the
    /// citing document was taken).
    pub also: Vec<NodeIx>,
}

/// A citation found in a node's title or text, not yet resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scanned {
    pub node: NodeIx,
    pub field: Field,
    pub found: Found,
}

/// Scans the titles and texts of the nodes `range` (whole documents: the
/// short names a document defines hold to its end), in node order.
pub fn scan_nodes(tree: &Tree, range: std::ops::Range<NodeIx>) -> Vec<Scanned> {
    let mut out = Vec::new();
    let mut aliases: HashMap<NodeIx, HashMap<String, String>> = HashMap::new();
    for ix in range {
        let Some(data) = &tree.nodes[ix].data else {
            continue;
        };
        let fields: Vec<(Field, &str)> = match data {
            Node::Document(d) => vec![(Field::Title, d.title.as_str())],
            Node::Attachment(a) => vec![(Field::Title, a.title.as_str())],
            _ => vec![(Field::Title, tree.title(ix)), (Field::Text, tree.text(ix))],
        };
        let doc = document(tree, ix).unwrap_or(0);
        for (field, s) in fields {
            if s.is_empty()
                || !s.contains([
                    '《', '第', '前', '本', '〔', '[', '［', '(', '（', '【', '令',
                ])
            {
                continue;
            }
            let names = aliases.entry(doc).or_default();
            for found in scan(s, names) {
                out.push(Scanned {
                    node: ix,
                    field,
                    found,
                });
            }
        }
    }
    out
}

/// Every citation of a tree, resolved.
#[derive(Debug, Clone, Default)]
pub struct Citations {
    /// In document order of the citing nodes.
    pub links: Vec<Link>,
}

/// A document (or attachment) that can be cited, for resolving.
struct Citable {
    node: NodeIx,
    date: Option<Date>,
    place: Option<String>,
}

/// The documents that can be cited, by title form and by 文号.
struct Catalogue {
    titles: HashMap<String, Vec<Citable>>,
    /// Titles a notice gives what it issues (`关于印发X的通知` → X): used
    /// when no document or attachment is titled X.
    issued: HashMap<String, Vec<Citable>>,
    numbers: HashMap<String, Vec<NodeIx>>,
}

/// The document or attachment a node belongs to (the nearest).
pub fn container(tree: &Tree, ix: NodeIx) -> Option<NodeIx> {
    up(tree, ix, &[Kind::Document, Kind::Attachment])
}

/// The nearest node of one of `kinds` from `ix` up (itself included).
pub fn up(tree: &Tree, ix: NodeIx, kinds: &[Kind]) -> Option<NodeIx> {
    let mut at = Some(ix);
    while let Some(a) = at {
        if kinds.contains(&tree.nodes[a].kind) {
            return Some(a);
        }
        at = tree.nodes[a].parent;
    }
    None
}

/// The document node a node belongs to.
pub fn document(tree: &Tree, ix: NodeIx) -> Option<NodeIx> {
    up(tree, ix, &[Kind::Document])
}

fn date_of(tree: &Tree, ix: NodeIx) -> Option<Date> {
    tree.document_of(ix).and_then(|d| d.date)
}

fn place_of(tree: &Tree, ix: NodeIx) -> Option<String> {
    tree.document_of(ix)
        .and_then(|d| d.issuer.as_deref())
        .and_then(super::jurisdiction::of_issuer)
        .or_else(|| {
            tree.issue_of(tree.nodes[ix].entry)
                .and_then(|i| super::jurisdiction::of_issuer(&i.title))
        })
}

/// `关于印发X的通知` → X (the quotation marks of X dropped).
fn issued_title(title: &str) -> Option<String> {
    let at = title.find("印发")?;
    let rest = &title[at + "印发".len()..];
    let end = rest.rfind("的通知")?;
    let x = rest[..end].trim();
    (!x.is_empty()).then(|| x.to_string())
}

impl Catalogue {
    fn new(tree: &Tree) -> Catalogue {
        let mut c = Catalogue {
            titles: HashMap::new(),
            issued: HashMap::new(),
            numbers: HashMap::new(),
        };
        for (ix, n) in tree.nodes.iter().enumerate() {
            let citable = || Citable {
                node: ix,
                date: date_of(tree, ix),
                place: place_of(tree, ix),
            };
            match &n.data {
                Some(Node::Document(d)) => {
                    let mut keys = title_keys(&d.title);
                    // A title without its place (`物业管理条例` of 澄州市) is
                    // also cited with it (`澄州市物业管理条例`).
                    if super::jurisdiction::of_issuer(&d.title).is_none() {
                        if let Some(p) = place_of(tree, ix).filter(|p| p != "国家") {
                            keys.extend(title_keys(&format!("{p}{}", d.title)));
                        }
                    }
                    for k in keys {
                        c.titles.entry(k).or_default().push(citable());
                    }
                    if let Some(x) = issued_title(&d.title) {
                        for k in title_keys(&x) {
                            c.issued.entry(k).or_default().push(citable());
                        }
                    }
                    if let Some(num) = &d.doc_number {
                        let chars: Vec<char> = num.chars().collect();
                        c.numbers
                            .entry(canonical_number(&chars))
                            .or_default()
                            .push(ix);
                    }
                }
                Some(Node::Attachment(a)) => {
                    for k in title_keys(&a.title) {
                        c.titles.entry(k).or_default().push(citable());
                    }
                }
                _ => {}
            }
        }
        c
    }

    /// The documents a title may mean.
    fn by_title(&self, title: &str) -> Option<&Vec<Citable>> {
        let keys = title_keys(title);
        keys.iter()
            .find_map(|k| self.titles.get(k))
            .or_else(|| keys.iter().find_map(|k| self.issued.get(k)))
    }

    /// A document whose 文号 the scanned run ends with (the run may hold a
    /// word before the issuer's name): the longest such 文号.
    fn by_number(&self, number: &str) -> Option<NodeIx> {
        if let Some(v) = self.numbers.get(number) {
            return v.first().copied();
        }
        // The longest 文号 the run ends with.
        let chars: Vec<char> = number.chars().collect();
        (1..chars.len()).find_map(|k| {
            let tail: String = chars[k..].iter().collect();
            self.numbers.get(&tail).and_then(|v| v.first().copied())
        })
    }
}

impl Citations {
    /// Scans every title and text in `tree` and resolves what it finds:
    /// - 文号: exact, after canonical brackets and digits (the issuer part
    ///   may be preceded by a word of the sentence);
    /// - titles: by [`title_keys`] (folded; a leading 中华人民共和国 and a
    ///   trailing edition optional on both sides), documents and attachments
    ///   first, then what notices issue (`关于印发X的通知`: X is the notice's
    ///   when no attachment is titled X); a 文号 given beside the title picks
    ///   among same-titled documents;
    /// - several versions: the newest not later than the citing document,
    ///   the others in `also`; when all are later, the earliest; one alone
    ///   is linked whatever its date;
    /// - a title that names no place (`物业管理条例`) is not linked to a
    ///   document of another place: the candidates are those of the citing
    ///   document's place or the state's (国家) or of no known place, and
    ///   when only other places' remain the citation is [`Target::Elsewhere`];
    ///   a title that names a place (`重庆市物业管理条例`) is linked from any
    ///   place;
    /// - generic titles (《通知》, see [`is_generic`]) are never linked;
    /// - an article: the article of that number in the document (the
    ///   citation resolves to the document when it has no such article), its
    ///   款 (the article's own text is its first 款, the following 款 its
    ///   paragraphs) and 项 (items, counted within the 款);
    /// - a bare `第十条` only in a document that has articles; a citation of
    ///   the citing document itself by 文号 or title is dropped.
    pub fn build(tree: &Tree) -> Citations {
        Citations::resolve(tree, scan_nodes(tree, 0..tree.nodes.len()))
    }

    /// Resolves what [`scan_nodes`] found (see [`Citations::build`] for
    /// how); the scans in node order.
    pub fn resolve(tree: &Tree, scans: Vec<Scanned>) -> Citations {
        let cat = Catalogue::new(tree);
        let mut links = Vec::new();
        let mut has_articles: HashMap<NodeIx, bool> = HashMap::new();
        for Scanned {
            node: ix,
            field,
            found: f,
        } in scans
        {
            if ix >= tree.nodes.len() || f.start >= f.end {
                continue;
            }
            let s = match field {
                Field::Title => tree.title(ix),
                Field::Text => tree.text(ix),
            };
            // Stored scans are checked against the text they are about.
            if f.end > s.chars().count() {
                continue;
            }
            let doc = document(tree, ix).unwrap_or(0);
            let text: String = s.chars().skip(f.start).take(f.end - f.start).collect();
            let (target, also) = match &f.cited {
                Cited::Title {
                    title,
                    number,
                    place,
                } => cat.title(tree, ix, title, number.as_deref(), *place),
                Cited::Number { number } => match cat.by_number(number) {
                    Some(t) => (Target::Node(t), Vec::new()),
                    None => (
                        Target::Unresolved {
                            key: number.clone(),
                        },
                        Vec::new(),
                    ),
                },
                Cited::Internal { place, bare } => {
                    let home = container(tree, ix).unwrap_or(0);
                    let articled = *has_articles.entry(home).or_insert_with(|| {
                        (home..=tree.subtree_end(home)).any(|k| tree.nodes[k].kind == Kind::Article)
                    });
                    if *bare && !articled {
                        continue;
                    }
                    match locate(tree, home, ix, *place) {
                        Some(t) => (Target::Node(t), Vec::new()),
                        None => (Target::Unresolved { key: text.clone() }, Vec::new()),
                    }
                }
            };
            // A document citing itself (its own 文号 or title).
            if let Target::Node(t) = target {
                if !matches!(f.cited, Cited::Internal { .. })
                    && (t == doc || container(tree, ix) == Some(t))
                    && tree.nodes[t].kind == Kind::Document
                {
                    continue;
                }
            }
            links.push(Link {
                node: ix,
                field,
                start: f.start,
                end: f.end,
                text,
                target,
                internal: matches!(f.cited, Cited::Internal { .. }),
                also,
            });
        }
        Citations { links }
    }

    /// The citations made in node `ix` itself (its title, then its text),
    /// and the index in `links` of the first.
    pub fn in_node(&self, ix: NodeIx) -> (usize, &[Link]) {
        let from = self.links.partition_point(|l| l.node < ix);
        let to = self.links.partition_point(|l| l.node <= ix);
        (from, &self.links[from..to])
    }

    /// The citations made in `ix` and its subtree.
    pub fn made_in<'a>(&'a self, tree: &Tree, ix: NodeIx) -> impl Iterator<Item = &'a Link> {
        let end = tree.subtree_end(ix);
        self.links
            .iter()
            .filter(move |l| (ix..=end).contains(&l.node))
    }

    /// The citations of `ix` or anything in its subtree.
    pub fn of<'a>(&'a self, tree: &Tree, ix: NodeIx) -> impl Iterator<Item = &'a Link> {
        self.indices_of(tree, ix).map(|k| &self.links[k])
    }

    /// [`Citations::of`], as indices into `links`.
    pub fn indices_of<'a>(&'a self, tree: &Tree, ix: NodeIx) -> impl Iterator<Item = usize> + 'a {
        let end = tree.subtree_end(ix);
        self.links
            .iter()
            .enumerate()
            .filter(move |(_, l)| matches!(l.target, Target::Node(t) if (ix..=end).contains(&t)))
            .map(|(k, _)| k)
    }

    /// What is cited but not loaded (in `within`'s subtree, or anywhere):
    /// each title or 文号 with the number of documents citing it, most cited
    /// first (then by name). A document's own missing articles are not in it.
    pub fn unresolved(&self, tree: &Tree, within: Option<NodeIx>) -> Vec<(String, usize)> {
        let range = within.map(|w| w..=tree.subtree_end(w));
        let mut by: HashMap<&str, std::collections::HashSet<NodeIx>> = HashMap::new();
        for l in &self.links {
            if l.internal || range.as_ref().is_some_and(|r| !r.contains(&l.node)) {
                continue;
            }
            if let Target::Unresolved { key } | Target::Elsewhere { key, .. } = &l.target {
                by.entry(key.as_str())
                    .or_default()
                    .insert(document(tree, l.node).unwrap_or(0));
            }
        }
        let mut out: Vec<(String, usize)> = by
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.len()))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

impl Catalogue {
    /// Resolves a title citation from node `from`.
    fn title(
        &self,
        tree: &Tree,
        from: NodeIx,
        title: &str,
        number: Option<&str>,
        place: Option<Place>,
    ) -> (Target, Vec<NodeIx>) {
        let shown = || format!("《{title}》");
        if is_generic(title) {
            return (Target::Generic, Vec::new());
        }
        // A 文号 beside the title settles it when it is loaded.
        if let Some(t) = number.and_then(|n| self.by_number(n)) {
            return (Target::Node(article_in(tree, t, place)), Vec::new());
        }
        let Some(all) = self.by_title(title) else {
            return (Target::Unresolved { key: shown() }, Vec::new());
        };
        let here = place_of(tree, from);
        let names_place = super::jurisdiction::of_issuer(&fold_title(title)).is_some();
        let ok = |c: &&Citable| {
            names_place
                || c.place.is_none()
                || c.place.as_deref() == Some("国家")
                || c.place == here
        };
        let mut cands: Vec<&Citable> = all.iter().filter(ok).collect();
        if cands.is_empty() {
            let mut places: Vec<String> = all.iter().filter_map(|c| c.place.clone()).collect();
            places.sort();
            places.dedup();
            return (
                Target::Elsewhere {
                    key: shown(),
                    places,
                },
                Vec::new(),
            );
        }
        let when = date_of(tree, from);
        cands.sort_by_key(|c| (c.date, c.node));
        let pick = match when {
            Some(w) => cands
                .iter()
                .rev()
                .find(|c| c.date.is_some_and(|d| d <= w))
                .or_else(|| cands.iter().find(|c| c.date.is_some()))
                .or(cands.first()),
            None => cands.last(),
        }
        .map(|c| c.node);
        let Some(pick) = pick else {
            return (Target::Unresolved { key: shown() }, Vec::new());
        };
        let also = cands
            .iter()
            .map(|c| c.node)
            .filter(|&n| n != pick)
            .collect();
        (Target::Node(article_in(tree, pick, place)), also)
    }
}

/// The article (款, 项) `place` names in document `doc`, or `doc` itself
/// when it has none such.
fn article_in(tree: &Tree, doc: NodeIx, place: Option<Place>) -> NodeIx {
    let Some(p) = place else {
        return doc;
    };
    locate(tree, doc, doc, p).unwrap_or(doc)
}

/// The article a node is in (itself when it is one).
fn article_of(tree: &Tree, ix: NodeIx) -> Option<NodeIx> {
    up(tree, ix, &[Kind::Article])
}

fn article_number(tree: &Tree, ix: NodeIx) -> Option<u32> {
    let h = tree.heading(ix)?;
    if let Some(o) = h.ordinal {
        return Some(o);
    }
    let n = h.number.trim();
    n.parse()
        .ok()
        .or_else(|| crate::import::numbering::cn_value(n))
}

/// The 款 of an article a node is in: 1 for the article's own text and
/// for items before its first paragraph; a paragraph child starts the next.
fn clause_of(tree: &Tree, article: NodeIx, ix: NodeIx) -> u32 {
    if ix == article {
        return 1;
    }
    let mut clause = 1;
    for &k in &tree.nodes[article].children {
        if tree.nodes[k].kind == Kind::Paragraph {
            clause += 1;
        }
        if (k..=tree.subtree_end(k)).contains(&ix) {
            return clause;
        }
    }
    clause
}

/// The node of clause `n` of an article (the article itself for the first).
fn clause_node(tree: &Tree, article: NodeIx, n: u32) -> Option<NodeIx> {
    if n == 1 {
        return Some(article);
    }
    tree.nodes[article]
        .children
        .iter()
        .filter(|&&k| tree.nodes[k].kind == Kind::Paragraph)
        .nth((n as usize).checked_sub(2)?)
        .copied()
}

/// Item `n` of clause `clause` of an article.
fn item_node(tree: &Tree, article: NodeIx, clause: u32, n: u32) -> Option<NodeIx> {
    let mut c = 1;
    let mut k = 0;
    for &child in &tree.nodes[article].children {
        match tree.nodes[child].kind {
            Kind::Paragraph => c += 1,
            Kind::Item if c == clause => {
                k += 1;
                if k == n {
                    return Some(child);
                }
            }
            _ => {}
        }
    }
    None
}

/// Resolves a place inside document (or attachment) `home`, cited from
/// node `from` (for 本条, 前条, 前款).
fn locate(tree: &Tree, home: NodeIx, from: NodeIx, p: Place) -> Option<NodeIx> {
    let here = article_of(tree, from).filter(|&a| (home..=tree.subtree_end(home)).contains(&a));
    let find = |n: u32| {
        (home..=tree.subtree_end(home))
            .find(|&k| tree.nodes[k].kind == Kind::Article && article_number(tree, k) == Some(n))
    };
    let article = match p.article {
        Article::Number(n) => find(n)?,
        Article::This => here?,
        Article::Previous => find(article_number(tree, here?)?.checked_sub(1)?)?,
    };
    let clause = match p.clause {
        None => None,
        Some(Clause::Number(n)) => Some(n),
        Some(Clause::Previous) => {
            let at = clause_of(tree, article, from);
            Some(at.checked_sub(1).filter(|&c| c >= 1)?)
        }
    };
    match (clause, p.item) {
        (None, None) => Some(article),
        (Some(c), None) => clause_node(tree, article, c),
        (c, Some(i)) => item_node(tree, article, c.unwrap_or(1), i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Cited)> {
        let c: Vec<char> = text.chars().collect();
        scan(text, &mut HashMap::new())
            .into_iter()
            .map(|f| (c[f.start..f.end].iter().collect(), f.cited))
            .collect()
    }

    fn title(t: &str, number: Option<&str>, place: Option<Place>) -> Cited {
        Cited::Title {
            title: t.into(),
            number: number.map(Into::into),
            place,
        }
    }

    fn art(n: u32) -> Place {
        Place {
            article: Article::Number(n),
            clause: None,
            item: None,
        }
    }

    #[test]
    fn titles_with_numbers_articles_and_nesting() {
        assert_eq!(
            found("根据《重大行政决策程序暂行条例》（国务院令第713号）等规定"),
            vec![(
                "《重大行政决策程序暂行条例》（国务院令第713号）".into(),
                title("重大行政决策程序暂行条例", Some("国务院令第713号"), None)
            )]
        );
        assert_eq!(
            found("按照《关于修改〈某某法〉等八部法律的决定》第二条、第五条执行"),
            vec![
                (
                    "《关于修改〈某某法〉等八部法律的决定》第二条".into(),
                    title("关于修改〈某某法〉等八部法律的决定", None, Some(art(2)))
                ),
                (
                    "第五条".into(),
                    title("关于修改〈某某法〉等八部法律的决定", None, Some(art(5)))
                ),
            ]
        );
        assert_eq!(
            found("《中华人民共和国某某法》第三十三条第二款第一项"),
            vec![(
                "《中华人民共和国某某法》第三十三条第二款第一项".into(),
                title(
                    "中华人民共和国某某法",
                    None,
                    Some(Place {
                        article: Article::Number(33),
                        clause: Some(Clause::Number(2)),
                        item: Some(1)
                    })
                )
            )]
        );
    }

    #[test]
    fn bare_numbers_lose_the_words_before_them() {
        assert_eq!(
            found("按照渝府发〔2021〕18号文件和国办函[2020]7号要求，依据国令第707号"),
            vec![
                (
                    "渝府发〔2021〕18号".into(),
                    Cited::Number {
                        number: "渝府发〔2021〕18号".into()
                    }
                ),
                (
                    "国办函[2020]7号".into(),
                    Cited::Number {
                        number: "国办函〔2020〕7号".into()
                    }
                ),
                (
                    "国令第707号".into(),
                    Cited::Number {
                        number: "国令第707号".into()
                    }
                ),
            ]
        );
        // A year in brackets that is not a 文号.
        assert!(found("（2021—2025年）和（2020年）").is_empty());
    }

    #[test]
    fn internal_references_and_short_names() {
        let internal = |p: Place, bare| Cited::Internal { place: p, bare };
        assert_eq!(
            found("违反本条例第十条规定的，依照前款处理；第十二条、第十三条另有规定的除外"),
            vec![
                ("本条例第十条".into(), internal(art(10), false)),
                (
                    "前款".into(),
                    internal(
                        Place {
                            article: Article::This,
                            clause: Some(Clause::Previous),
                            item: None
                        },
                        false
                    )
                ),
                ("第十二条".into(), internal(art(12), true)),
                ("第十三条".into(), internal(art(13), true)),
            ]
        );
        let mut aliases = HashMap::new();
        let text = "现将《2021年度某某事项目录》（以下简称《目录》）印发，《目录》所列事项";
        let got = scan(text, &mut aliases);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].cited, title("2021年度某某事项目录", None, None));
        assert!(is_generic("通 知") && is_generic("《办法》") && !is_generic("某某办法"));
    }

    /// `第0款` and `第〇款` name no 款 (a review found the subtraction that
    /// panicked on them).
    #[test]
    fn clause_zero_resolves_to_nothing() {
        let doc = r#"Document(format: 2, id: "d1", title: "某某条例", children: [
            Article((id: "d1/a1", number: "一", ordinal: Some(1), text: "依照本条第0款和第〇款的规定，参照《某某条例》第一条第〇款。")),
        ])"#;
        let tree = crate::model::load::parse(doc, std::path::Path::new("d.ron")).expect("parses");
        let c = Citations::build(&tree);
        // The two internal ones, unresolved; the document's own title is
        // not listed (a document citing itself).
        assert_eq!(c.links.len(), 2, "{:?}", c.links);
        assert!(c
            .links
            .iter()
            .all(|l| matches!(l.target, Target::Unresolved { .. })));
    }

    #[test]
    fn title_keys_allow_editions_and_the_state_name() {
        assert_eq!(
            title_keys("中华人民共和国某某法（2019年修正）"),
            vec![
                "中华人民共和国某某法(2019年修正)",
                "中华人民共和国某某法",
                "某某法(2019年修正)",
                "某某法"
            ]
        );
        // A plan's years are its name.
        assert_eq!(
            title_keys("某某规划（2021—2025年）"),
            vec!["某某规划(2021-2025年)"]
        );
    }
}
