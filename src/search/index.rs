//! The palette's index: every titled node with its folded and pinyin forms,
//! computed once at load, and a ranked fuzzy search over them.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use crate::model::{Kind, NodeIx, Tree};

use super::fold::{fold_char, fold_compact, fold_query};
use super::pinyin::{
    initials_needed, letter_mask, lower, syllable_span, tokens, Scratch, Span, Spelled, Tok,
};

/// What a candidate leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Node(NodeIx),
    /// A unit name (承办单位, 牵头单位, 配合单位) as written.
    Unit(String),
}

/// One candidate's fixed-size part; its title, characters and readings
/// live in the index's shared buffers.
#[derive(Debug, Clone, Copy)]
struct Meta {
    /// A node index, or for a unit (`kind` is `None`) its index in `units`.
    target: u32,
    kind: Option<Kind>,
    /// Where the title proper starts in the folded characters, after a
    /// number such as `2. ` or `专栏5 ` (a prefix match may start there).
    title_start: u16,
    /// The title's length in characters (shorter titles rank first).
    len: u16,
    /// Letters the title can spell, and letters that can start a syllable.
    letters: u32,
    initials: u32,
}

/// A ranked palette hit. Its title is [`Index::title`] of its candidate,
/// and the matched characters [`Index::matched`].
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index of the candidate (for narrowing, the title and the matched characters).
    pub candidate: usize,
    pub target: Target,
    /// `None` for a unit.
    pub kind: Option<Kind>,
    pub score: i64,
}

/// Every titled node and unit name, stored column by column: the titles in
/// one string, the syllable id of each folded character in one array, and
/// a small fixed-size record each. Nothing per candidate is allocated on
/// its own, so building and searching 200,000 candidates stays cheap. The
/// folded characters are not stored: they are recomputed from the title for
/// the candidates that pass the letter masks.
pub struct Index {
    /// Runs of candidates, one built on each core and kept apart (joining
    /// them would copy everything once more); units are the last run.
    runs: Vec<Columns>,
    /// Each run's first candidate.
    first: Vec<usize>,
    units: Vec<String>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} candidates)", self.len())
    }
}

/// Kinds the palette offers, and how structural they are (higher first).
fn kind_rank(kind: Option<Kind>) -> Option<i64> {
    Some(match kind? {
        Kind::Column | Kind::Industry | Kind::Chapter => 3,
        Kind::Section | Kind::Document | Kind::Attachment | Kind::Heading => 2,
        Kind::Segment | Kind::Entry | Kind::Table => 1,
        Kind::Task | Kind::Decision => 0,
        Kind::Archive | Kind::Issue | Kind::Paragraph => return None,
    })
}

/// The text a node is found by: its label (专栏5 新材料…, 三、产业发展方向),
/// a document's 文号 and title, a task's number and text.
pub fn candidate_title(tree: &Tree, ix: NodeIx) -> String {
    match tree.nodes[ix].kind {
        Kind::Document => format!("{} {}", tree.number(ix), tree.title(ix)),
        _ => tree.label(ix),
    }
}

/// One run of candidates.
#[derive(Default)]
struct Columns {
    titles: String,
    /// Candidate `k`'s title starts at `title_at[k]` and ends where the next
    /// one starts (or at the end).
    title_at: Vec<u32>,
    /// The reading of each folded character (see [`fold_into`]).
    ids: Vec<u16>,
    id_at: Vec<u32>,
    meta: Vec<Meta>,
}

/// A title's characters folded for matching, without whitespace, into `out`.
fn fold_into(title: &str, out: &mut Vec<char>) {
    out.clear();
    out.extend(title.chars().map(fold_char).filter(|c| !c.is_whitespace()));
}

impl Columns {
    fn push(
        &mut self,
        target: u32,
        kind: Option<Kind>,
        title: &str,
        prefix: &str,
        fold: &mut Vec<char>,
    ) {
        self.title_at.push(self.titles.len() as u32);
        self.titles.push_str(title);
        fold_into(title, fold);
        let from = self.ids.len();
        self.id_at.push(from as u32);
        super::pinyin::reading_ids(fold, &mut self.ids);
        let (letters, initials) = Spelled {
            chars: fold,
            ids: &self.ids[from..],
        }
        .masks();
        let title_start = prefix
            .chars()
            .map(fold_char)
            .filter(|c| !c.is_whitespace())
            .count();
        self.meta.push(Meta {
            target,
            kind,
            title_start: title_start.min(u16::MAX as usize) as u16,
            len: title.chars().count().min(u16::MAX as usize) as u16,
            letters,
            initials,
        });
    }

    fn title(&self, k: usize) -> &str {
        let end = self
            .title_at
            .get(k + 1)
            .map_or(self.titles.len(), |&e| e as usize);
        self.title_at
            .get(k)
            .and_then(|&a| self.titles.get(a as usize..end))
            .unwrap_or("")
    }

    fn ids(&self, k: usize) -> &[u16] {
        let end = self
            .id_at
            .get(k + 1)
            .map_or(self.ids.len(), |&e| e as usize);
        self.id_at
            .get(k)
            .and_then(|&a| self.ids.get(a as usize..end))
            .unwrap_or(&[])
    }
}

/// The candidates of the titled nodes in `range`.
fn node_candidates(tree: &Tree, range: std::ops::Range<NodeIx>) -> Columns {
    let mut out = Columns::default();
    // Room for every title up front (a number is at most 40 bytes), so the
    // buffers are not copied as they grow.
    let (mut bytes, mut count) = (0, 0);
    for ix in range.clone() {
        if kind_rank(Some(tree.nodes[ix].kind)).is_some() {
            let own = tree.title(ix);
            bytes += 40
                + if own.is_empty() {
                    tree.text(ix).len()
                } else {
                    own.len()
                };
            count += 1;
        }
    }
    out.titles.reserve(bytes);
    out.ids.reserve(bytes / 3 + count * 8);
    out.title_at.reserve(count);
    out.id_at.reserve(count);
    out.meta.reserve(count);
    let mut fold = Vec::new();
    for ix in range {
        let kind = tree.nodes[ix].kind;
        if kind_rank(Some(kind)).is_none() {
            continue;
        }
        let title = candidate_title(tree, ix);
        // The title proper starts after the number prefix.
        let own = tree.title(ix);
        let prefix = title
            .strip_suffix(own)
            .filter(|_| !own.is_empty())
            .unwrap_or("");
        out.push(ix as u32, Some(kind), &title, prefix, &mut fold);
    }
    out
}

fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .clamp(1, 8)
}

impl Index {
    /// Indexes every titled node and the given unit names.
    pub fn build(tree: &Tree, units: &[String]) -> Index {
        // Nodes in runs on every core, in document order.
        let n = tree.len();
        let chunk = n.div_ceil(threads()).max(1);
        let mut runs = Vec::new();
        std::thread::scope(|s| {
            let parts: Vec<_> = (1..n)
                .step_by(chunk)
                .map(|from| s.spawn(move || node_candidates(tree, from..(from + chunk).min(n))))
                .collect();
            for p in parts {
                match p.join() {
                    Ok(run) => runs.push(run),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
        });
        Index::finish(runs, units)
    }

    /// An index of names only (units), for picking one by fuzzy or pinyin.
    pub fn build_names(names: &[String]) -> Index {
        Index::finish(Vec::new(), names)
    }

    fn finish(mut runs: Vec<Columns>, units: &[String]) -> Index {
        let mut names = Columns::default();
        let mut fold = Vec::new();
        for (k, u) in units.iter().enumerate() {
            names.push(k as u32, None, u, "", &mut fold);
        }
        runs.push(names);
        let mut first = Vec::with_capacity(runs.len());
        let mut at = 0;
        for r in &runs {
            first.push(at);
            at += r.meta.len();
        }
        Index {
            runs,
            first,
            units: units.to_vec(),
            matcher: SkimMatcherV2::default().smart_case(),
        }
    }

    pub fn len(&self) -> usize {
        self.runs.iter().map(|r| r.meta.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The run a candidate is in, and its index there.
    fn locate(&self, candidate: usize) -> Option<(&Columns, usize)> {
        let p = self
            .first
            .partition_point(|&f| f <= candidate)
            .checked_sub(1)?;
        let run = self.runs.get(p)?;
        let k = candidate - self.first[p];
        (k < run.meta.len()).then_some((run, k))
    }

    /// The title a candidate is shown and matched by.
    pub fn title(&self, candidate: usize) -> &str {
        self.locate(candidate).map_or("", |(r, k)| r.title(k))
    }

    fn target(&self, m: &Meta) -> Target {
        match m.kind {
            Some(_) => Target::Node(m.target as usize),
            None => Target::Unit(self.units[m.target as usize].clone()),
        }
    }

    /// Ranked hits for `query` over every candidate, or only over `within`
    /// (the previous hits' candidates, when the query grew).
    pub fn search(&self, query: &str, within: Option<&[usize]>) -> Vec<Hit> {
        let q = fold_query(query);
        if q.is_empty() {
            return Vec::new();
        }
        let need = Need::of(&q);
        let count = within.map_or_else(|| self.len(), <[usize]>::len);
        // Large candidate lists are scored on every core.
        let threads = if count > 20_000 { threads() } else { 1 };
        let chunk = count.div_ceil(threads).max(1);
        let mut scored: Vec<Scored> = Vec::new();
        std::thread::scope(|s| {
            let parts: Vec<_> = (0..count)
                .step_by(chunk)
                .map(|from| {
                    let need = &need;
                    let to = (from + chunk).min(count);
                    s.spawn(move || match within {
                        Some(w) => self.score_all(w[from..to].iter().copied(), need),
                        None => self.score_all(from..to, need),
                    })
                })
                .collect();
            for p in parts {
                match p.join() {
                    Ok(mut part) => scored.append(&mut part),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
        });
        // Whole and prefix matches first, then structural kinds, then (for
        // scattered matches) the better score, shorter titles, document order.
        scored.sort_unstable_by_key(|s| {
            (
                std::cmp::Reverse(s.class),
                std::cmp::Reverse(s.kind),
                std::cmp::Reverse(s.fuzzy),
                s.len,
                s.candidate,
            )
        });
        scored
            .into_iter()
            .filter_map(|s| {
                let (run, k) = self.locate(s.candidate as usize)?;
                let m = &run.meta[k];
                Some(Hit {
                    candidate: s.candidate as usize,
                    target: self.target(m),
                    kind: m.kind,
                    score: s.class * 10_000 + s.kind * 1_000 + s.fuzzy,
                })
            })
            .collect()
    }

    /// Scores candidates; the ones that do not match are left out.
    fn score_all(&self, ids: impl Iterator<Item = usize>, need: &Need) -> Vec<Scored> {
        let mut scored = Vec::new();
        let mut scratch = Scratch::default();
        let (mut fold, mut buf) = (Vec::new(), String::new());
        for ci in ids {
            let Some((run, k)) = self.locate(ci) else {
                continue;
            };
            let m = &run.meta[k];
            let Some(kind) = kind_rank(m.kind).or(m.kind.is_none().then_some(1)) else {
                continue;
            };
            // Cheap rejections first: letters the title cannot spell or
            // start a syllable with, hanzi it lacks.
            if m.letters & need.letters != need.letters
                || m.initials & need.initials != need.initials
            {
                continue;
            }
            let title = run.title(k);
            if !need.hanzi.iter().all(|&h| title.contains(h)) {
                continue;
            }
            fold_into(title, &mut fold);
            let s = Spelled {
                chars: &fold,
                ids: run.ids(k),
            };
            let Some(b) = self.best(s, m, need, &mut scratch, &mut buf) else {
                continue;
            };
            scored.push(Scored {
                class: b.class,
                kind,
                fuzzy: if b.class == 0 { b.fuzzy } else { 0 },
                len: m.len,
                candidate: ci as u32,
            });
        }
        scored
    }

    /// The match class of a candidate (the better of the literal match on
    /// the folded title and the syllable match) and, for a scattered match,
    /// the better score of the skim matcher and the syllable match.
    fn best(
        &self,
        s: Spelled,
        m: &Meta,
        need: &Need,
        scratch: &mut Scratch,
        buf: &mut String,
    ) -> Option<Best> {
        let literal = literal_class(s.chars, &need.chars, need.sensitive, m.title_start);
        let span = syllable_span(s, &need.tokens, scratch, |_| {});
        let spelled_class = span.map(|sp| {
            if sp.gaps > 0 {
                0
            } else {
                let at_start = sp.first == 0 || sp.first == m.title_start as usize;
                match (at_start, sp.last + 1 == s.chars.len()) {
                    (true, true) => 3,
                    (true, false) => 2,
                    _ => 1,
                }
            }
        });
        let class = literal.max(spelled_class)?;
        let mut fuzzy = i64::MIN;
        if class == 0 {
            if literal.is_some() {
                buf.clear();
                buf.extend(s.chars);
                if let Some(f) = self.matcher.fuzzy_match(buf, &need.q) {
                    fuzzy = f;
                }
            }
            if let Some(sp) = span {
                fuzzy = fuzzy.max(spelled_score(sp));
            }
        }
        Some(Best {
            class,
            fuzzy,
            literal: literal == Some(class),
        })
    }

    /// The characters of a candidate's title that `query` matched, as
    /// indices into its characters, ascending; empty when it does not match.
    pub fn matched(&self, candidate: usize, query: &str) -> Vec<usize> {
        let Some((run, k)) = self.locate(candidate) else {
            return Vec::new();
        };
        let m = &run.meta[k];
        let q = fold_query(query);
        let need = Need::of(&q);
        let mut fold = Vec::new();
        fold_into(run.title(k), &mut fold);
        let s = Spelled {
            chars: &fold,
            ids: run.ids(k),
        };
        let mut scratch = Scratch::default();
        let Some(b) = self.best(s, m, &need, &mut scratch, &mut String::new()) else {
            return Vec::new();
        };
        let mut compact = Vec::new();
        if b.class > 0 && b.literal {
            if let Some(at) = literal_at(s.chars, &need.chars, need.sensitive, m.title_start) {
                compact.extend(at..at + need.chars.len());
            }
        } else if b.class > 0 {
            syllable_span(s, &need.tokens, &mut scratch, |j| compact.push(j));
        } else {
            // Scattered: whichever scored the better.
            let folded: String = s.chars.iter().collect();
            let skim = is_subsequence(s.chars, &need.chars, need.sensitive)
                .then(|| self.matcher.fuzzy_indices(&folded, &q))
                .flatten();
            let mut spelled = Vec::new();
            let span = syllable_span(s, &need.tokens, &mut scratch, |j| spelled.push(j));
            compact = match (skim, span) {
                (Some((f, pos)), Some(sp)) if f >= spelled_score(sp) => pos,
                (Some((_, pos)), None) => pos,
                _ => spelled,
            };
        }
        // Folded positions back to the title's characters.
        let (_, map) = fold_compact(run.title(k));
        compact
            .into_iter()
            .filter_map(|k| map.get(k).map(|&i| i as usize))
            .collect()
    }
}

/// How a syllable match scores against the skim matcher: fewer skipped
/// syllables and an earlier start are better.
fn spelled_score(sp: Span) -> i64 {
    60 - 8 * sp.gaps as i64 - sp.first as i64
}

/// A matching candidate with its sort keys.
struct Scored {
    class: i64,
    kind: i64,
    fuzzy: i64,
    len: u16,
    candidate: u32,
}

/// A candidate's match: class, scattered score, and whether the class came
/// from the literal match (else from the syllables).
struct Best {
    class: i64,
    fuzzy: i64,
    literal: bool,
}

/// What every match of a query needs, worked out once per query.
struct Need {
    q: String,
    /// The query's characters, lower-cased unless case matters.
    chars: Vec<char>,
    tokens: Vec<Tok>,
    letters: u32,
    initials: u32,
    hanzi: Vec<char>,
    sensitive: bool,
}

impl Need {
    fn of(q: &str) -> Need {
        let sensitive = super::fold::case_sensitive(q);
        let tokens = tokens(q);
        Need {
            q: q.to_string(),
            chars: q
                .chars()
                .map(|c| if sensitive { c } else { lower(c) })
                .collect(),
            letters: letter_mask(q.chars()),
            initials: initials_needed(&tokens),
            hanzi: tokens
                .iter()
                .filter_map(|t| match t {
                    Tok::Han(c) => Some(*c),
                    _ => None,
                })
                .collect(),
            tokens,
            sensitive,
        }
    }
}

fn same(h: char, q: char, sensitive: bool) -> bool {
    if sensitive {
        h == q
    } else {
        lower(h) == q
    }
}

/// Whether the query's characters occur in order in `hay` (what a fuzzy
/// match needs at least), with smart case.
fn is_subsequence(hay: &[char], q: &[char], sensitive: bool) -> bool {
    let mut it = hay.iter();
    q.iter()
        .all(|&qc| it.by_ref().any(|&h| same(h, qc, sensitive)))
}

/// Where the query occurs contiguously in `hay`: at the start or where the
/// title proper starts if it does there, else the first place.
fn literal_at(hay: &[char], q: &[char], sensitive: bool, title_start: u16) -> Option<usize> {
    let at = |k: usize| {
        hay.get(k..k + q.len())
            .is_some_and(|w| w.iter().zip(q).all(|(&h, &c)| same(h, c, sensitive)))
    };
    if q.is_empty() {
        return None;
    }
    [0, title_start as usize]
        .into_iter()
        .find(|&k| at(k))
        .or_else(|| (0..hay.len()).find(|&k| at(k)))
}

/// The class of the literal match: 3 the whole title, 2 a prefix (after
/// the number), 1 contiguous, 0 scattered; `None` when the query's
/// characters are not all there in order.
fn literal_class(hay: &[char], q: &[char], sensitive: bool, title_start: u16) -> Option<i64> {
    if !is_subsequence(hay, q, sensitive) {
        return None;
    }
    Some(match literal_at(hay, q, sensitive, title_start) {
        Some(k) if k == 0 || k == title_start as usize => {
            if k + q.len() == hay.len() {
                3
            } else {
                2
            }
        }
        Some(_) => 1,
        None => 0,
    })
}
