//! The palette's index: every titled node with its folded and pinyin forms,
//! computed once at load, and a ranked fuzzy search over them.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;

use crate::model::{Kind, NodeIx, Tree};

use super::fold::{fold_char, fold_compact, fold_into, fold_query};
use super::syllables::{
    anchored, feasible, initials_needed, letter_mask, lower, scan, syllable_span, tokens, Scratch,
    Span, Spelled, Starts, Tok,
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
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Meta {
    /// A node index, or for a unit (`kind` is `None`) its index in `units`.
    target: u32,
    kind: Option<Kind>,
    /// Where the title proper starts in the folded characters, after a
    /// number such as `2. ` or `专栏5 ` (a prefix match may start there).
    title_start: u16,
    /// The title's length in characters (shorter titles rank first).
    len: u16,
    /// Letters the title can spell, letters that can start a syllable, and
    /// the Latin letters written in it.
    letters: u32,
    initials: u32,
    latin: u32,
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
    /// Each core's list of matches, kept from one search to the next: a
    /// broad query matches most candidates, and fresh pages for them cost
    /// as much as the matching.
    lists: std::sync::Mutex<Vec<Vec<Scored>>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} candidates)", self.len())
    }
}

/// Kinds the palette offers, and how structural they are (higher first).
fn kind_rank(kind: Option<Kind>) -> Option<i64> {
    Some(match kind? {
        Kind::Column | Kind::Industry | Kind::Chapter | Kind::Part => 3,
        Kind::Section | Kind::Document | Kind::Attachment | Kind::Heading | Kind::Article => 2,
        Kind::Segment | Kind::Entry | Kind::Table | Kind::Item => 1,
        Kind::Task | Kind::Decision => 0,
        Kind::Archive | Kind::Year | Kind::Issue | Kind::Paragraph => return None,
    })
}

/// The text a node is found by: its label (专栏5 新材料…, 三、产业发展方向),
/// a document's 文号 and title, a task's number and text.
pub fn candidate_title(tree: &Tree, ix: NodeIx) -> String {
    match tree.nodes[ix].kind {
        Kind::Document => tree.document_name(ix),
        _ => tree.label(ix),
    }
}

/// One run of candidates. It is also what the library's search index
/// keeps of an entry (see `library::search`), its arrays written as bytes.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Columns {
    titles: String,
    /// Candidate `k`'s title starts at `title_at[k]` and ends where the next
    /// one starts (or at the end).
    #[serde(with = "crate::packed::u32s")]
    title_at: Vec<u32>,
    /// The folded characters (see [`fold_into`]) and the reading of each;
    /// candidate `k`'s start at `id_at[k]`.
    #[serde(with = "crate::packed::chars")]
    chars: Vec<char>,
    #[serde(with = "crate::packed::u16s")]
    ids: Vec<u16>,
    #[serde(with = "serde_bytes")]
    leads: Vec<u8>,
    #[serde(with = "crate::packed::u32s")]
    id_at: Vec<u32>,
    meta: Vec<Meta>,
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
        self.chars.extend_from_slice(fold);
        let from = self.ids.len();
        self.id_at.push(from as u32);
        super::pinyin::reading_ids(fold, &mut self.ids);
        super::syllables::leads(fold, &self.ids[from..], &mut self.leads);
        let (letters, initials) = Spelled {
            chars: fold,
            ids: &self.ids[from..],
            leads: &self.leads[from..],
        }
        .masks();
        let title_start = prefix
            .chars()
            .map(fold_char)
            .filter(|c| !c.is_whitespace())
            .count();
        let latin = letter_mask(fold.iter().copied());
        self.meta.push(Meta {
            target,
            kind,
            title_start: title_start.min(u16::MAX as usize) as u16,
            len: title.chars().count().min(u16::MAX as usize) as u16,
            letters,
            initials,
            latin,
        });
    }

    /// How many candidates it holds.
    pub fn len(&self) -> usize {
        self.meta.len()
    }

    pub fn is_empty(&self) -> bool {
        self.meta.is_empty()
    }

    /// Whether columns read from a file hang together: every offset in
    /// order and in bounds (titles cut at character boundaries), one
    /// reading and one lead per character, every target below `targets`.
    pub fn is_sound(&self, targets: usize) -> bool {
        let n = self.meta.len();
        let ordered = |at: &[u32], len: usize| {
            at.first().is_none_or(|&a| a == 0)
                && at.windows(2).all(|w| w[0] <= w[1])
                && at.last().is_none_or(|&a| a as usize <= len)
        };
        self.title_at.len() == n
            && self.id_at.len() == n
            && self.chars.len() == self.ids.len()
            && self.leads.len() == self.ids.len()
            && ordered(&self.title_at, self.titles.len())
            && ordered(&self.id_at, self.ids.len())
            && self
                .title_at
                .iter()
                .all(|&a| self.titles.is_char_boundary(a as usize))
            && self
                .meta
                .iter()
                .all(|m| m.kind.is_some() && (m.target as usize) < targets)
            // Every reading a syllable of the table, every lead a letter
            // or none.
            && {
                let n = super::pinyin::syllable_count();
                self.ids.iter().all(|&id| usize::from(id) < n)
            }
            && self.leads.iter().all(|&l| l <= super::syllables::NO_LEAD)
    }

    /// Renumbers the candidates' targets.
    pub fn retarget(&mut self, f: impl Fn(u32) -> u32) {
        for m in &mut self.meta {
            m.target = f(m.target);
        }
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

    fn spelled(&self, k: usize) -> Spelled<'_> {
        let end = self
            .id_at
            .get(k + 1)
            .map_or(self.ids.len(), |&e| e as usize);
        let from = self.id_at.get(k).map_or(end, |&a| a as usize);
        Spelled {
            chars: self.chars.get(from..end).unwrap_or(&[]),
            ids: self.ids.get(from..end).unwrap_or(&[]),
            leads: self.leads.get(from..end).unwrap_or(&[]),
        }
    }
}

/// The candidates of the titled nodes in `range`.
pub fn node_candidates(tree: &Tree, range: std::ops::Range<NodeIx>) -> Columns {
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
    out.chars.reserve(bytes / 3 + count * 8);
    out.leads.reserve(bytes / 3 + count * 8);
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

impl Index {
    /// Indexes every titled node and the given unit names.
    pub fn build(tree: &Tree, units: &[String]) -> Index {
        // Nodes in runs on every core, in document order.
        let n = tree.len();
        let chunk = n.div_ceil(crate::cores()).max(1);
        let starts: Vec<usize> = (1..n).step_by(chunk).collect();
        let runs: Vec<Columns> = starts
            .par_iter()
            .map(|&from| node_candidates(tree, from..(from + chunk).min(n)))
            .collect();
        Index::finish(runs, units)
    }

    /// An index of names only (units), for picking one by fuzzy or pinyin.
    pub fn build_names(names: &[String]) -> Index {
        Index::finish(Vec::new(), names)
    }

    /// An index of runs of node candidates built beforehand (their
    /// targets are whatever the caller numbers its nodes by) and units.
    pub fn from_runs(runs: Vec<Columns>, units: &[String]) -> Index {
        Index::finish(runs, units)
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
            lists: std::sync::Mutex::new(Vec::new()),
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

    /// The best `limit` hits for `query`, ranked, over every candidate or
    /// only over `within` (the previous matches, when the query grew), and
    /// every candidate that matched.
    pub fn search(&self, query: &str, within: Option<&[usize]>, limit: usize) -> Found {
        let q = fold_query(query);
        if q.is_empty() {
            return Found::default();
        }
        let need = Need::of(&q);
        let count = within.map_or_else(|| self.len(), <[usize]>::len);
        let mut parts: Vec<Vec<Scored>> = self.on_cores(count, |from, to| {
            let mut list = self.list();
            let mut scorer = Scorer::default();
            match within {
                Some(w) => {
                    self.score_all(w[from..to].iter().copied(), &need, &mut scorer, &mut list)
                }
                None => self.score_all(from..to, &need, &mut scorer, &mut list),
            }
            vec![list]
        });
        let all: Vec<usize> = parts
            .iter()
            .flatten()
            .map(|s| s.candidate as usize)
            .collect();
        let count = parts
            .iter()
            .flatten()
            .filter(|s| s.class > Class::Loose)
            .count();
        // Scattered matches are ordered by score, worked out only when
        // they can reach the best `limit`.
        let consecutive = parts
            .iter()
            .flatten()
            .filter(|s| s.class > Class::Scattered)
            .count();
        let mut lowest = i64::MAX;
        if consecutive < limit {
            // Kinds rank before scores: only the kinds that reach the best
            // `limit` need scores.
            let mut per_kind = [0usize; 4];
            for s in parts
                .iter()
                .flatten()
                .filter(|s| s.class == Class::Scattered)
            {
                per_kind[s.kind.clamp(0, 3) as usize] += 1;
            }
            let mut reach = consecutive;
            lowest = 0;
            for k in (0..4).rev() {
                reach += per_kind[k];
                if reach >= limit {
                    lowest = k as i64;
                    break;
                }
            }
            for part in &mut parts {
                let scattered: Vec<&mut Scored> = part
                    .iter_mut()
                    .filter(|s| s.class == Class::Scattered && i64::from(s.kind) >= lowest)
                    .collect();
                let scores = self.on_cores(scattered.len(), |from, to| {
                    let mut scorer = Scorer::default();
                    scattered[from..to]
                        .iter()
                        .map(|s| self.scattered_score(s.candidate as usize, &need, &mut scorer))
                        .collect::<Vec<i64>>()
                });
                for (s, f) in scattered.into_iter().zip(scores) {
                    s.fuzzy = f;
                }
            }
        }
        // Whole and prefix matches first, then structural kinds, then (for
        // scattered matches) the better score, shorter titles, document order.
        let key = |s: &Scored| {
            (
                std::cmp::Reverse(s.class),
                std::cmp::Reverse(s.kind),
                std::cmp::Reverse(s.fuzzy),
                s.len,
                s.candidate,
            )
        };
        // A query ending in a number (`专栏1`): a title where that number
        // goes on (`专栏11`) ranks after one where it ends, other things
        // equal — decided among a few more than `limit`.
        let numbered = q.chars().last().is_some_and(|c| c.is_ascii_digit());
        let wanted = limit;
        let limit = if numbered {
            limit.saturating_add(64)
        } else {
            limit
        };
        // The best `limit`, kept in a heap whose top is the worst of them.
        let mut best: std::collections::BinaryHeap<(_, Scored)> =
            std::collections::BinaryHeap::with_capacity(limit.min(all.len()) + 1);
        let shown = |s: &&Scored| {
            s.class > Class::Scattered
                || (s.class == Class::Scattered && i64::from(s.kind) >= lowest)
        };
        for s in parts.iter().flatten().filter(shown) {
            if best.len() < limit {
                best.push((key(s), *s));
            } else if best.peek().is_some_and(|(worst, _)| key(s) < *worst) {
                best.pop();
                best.push((key(s), *s));
            }
        }
        let mut sorted: Vec<Scored> = best.into_sorted_vec().into_iter().map(|(_, s)| s).collect();
        if numbered {
            let goes_on = |s: &Scored| -> bool {
                let at = self.matched(s.candidate as usize, query);
                let title: Vec<char> = self.title(s.candidate as usize).chars().collect();
                at.last()
                    .and_then(|&i| title.get(i + 1))
                    .is_some_and(|c| crate::search::fold::fold_char(*c).is_ascii_digit())
            };
            let mut flagged: Vec<(bool, Scored)> =
                sorted.iter().map(|s| (goes_on(s), *s)).collect();
            // Stable: the rest of the order stays.
            flagged.sort_by_key(|(on, s)| {
                (std::cmp::Reverse(s.class), std::cmp::Reverse(s.kind), *on)
            });
            sorted = flagged.into_iter().map(|(_, s)| s).take(wanted).collect();
        }
        let hits = sorted
            .into_iter()
            .filter_map(|s| {
                let (run, k) = self.locate(s.candidate as usize)?;
                let m = &run.meta[k];
                Some(Hit {
                    candidate: s.candidate as usize,
                    target: self.target(m),
                    kind: m.kind,
                    score: score(s.class, s.kind, s.fuzzy),
                })
            })
            .collect();
        self.keep(parts);
        Found { hits, all, count }
    }

    /// A list for one core's matches, from those kept.
    fn list(&self) -> Vec<Scored> {
        let mut list = self
            .lists
            .lock()
            .ok()
            .and_then(|mut l| l.pop())
            .unwrap_or_default();
        list.clear();
        list
    }

    /// Keeps the lists for the next search.
    fn keep(&self, lists: Vec<Vec<Scored>>) {
        if let Ok(mut kept) = self.lists.lock() {
            kept.extend(lists);
            kept.truncate(crate::cores());
        }
    }

    /// `work` over `0..count` in chunks, on every core when there is much
    /// of it; the results joined in order.
    fn on_cores<T: Send>(
        &self,
        count: usize,
        work: impl Fn(usize, usize) -> Vec<T> + Sync,
    ) -> Vec<T> {
        let threads = if count > 20_000 { crate::cores() } else { 1 };
        if threads == 1 {
            return work(0, count);
        }
        let chunk = count.div_ceil(threads).max(1);
        let starts: Vec<usize> = (0..count).step_by(chunk).collect();
        let parts: Vec<Vec<T>> = starts
            .par_iter()
            .map(|&from| work(from, (from + chunk).min(count)))
            .collect();
        parts.into_iter().flatten().collect()
    }

    /// Classifies candidates; the ones that do not match are left out.
    fn score_all(
        &self,
        ids: impl Iterator<Item = usize>,
        need: &Need,
        scorer: &mut Scorer,
        scored: &mut Vec<Scored>,
    ) {
        // Room for every candidate: no copying as it grows.
        scored.reserve(ids.size_hint().0);
        // Candidates come in ascending order: the run is found by walking
        // on from the last one, not searched for each candidate (a
        // library's index has a run per entry).
        let mut r = 0;
        for ci in ids {
            if self.first.get(r).is_none_or(|&f| ci < f) {
                r = 0;
            }
            while self.first.get(r + 1).is_some_and(|&f| f <= ci) {
                r += 1;
            }
            let Some(run) = self.runs.get(r) else {
                continue;
            };
            let k = ci - self.first[r];
            if k >= run.meta.len() {
                continue;
            }
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
            let s = run.spelled(k);
            let Some((class, _)) = classify(s, m, need, &mut scorer.dp) else {
                continue;
            };
            scored.push(Scored {
                class,
                kind: kind as i8,
                fuzzy: 0,
                len: m.len,
                candidate: ci as u32,
            });
        }
    }

    /// How well a scattered match scores: the better of the skim matcher on
    /// the folded title and the syllable match.
    fn scattered_score(&self, candidate: usize, need: &Need, scorer: &mut Scorer) -> i64 {
        let Some((run, k)) = self.locate(candidate) else {
            return i64::MIN;
        };
        let s = run.spelled(k);
        let mut best = i64::MIN;
        if is_subsequence(s.chars, &need.chars, need.sensitive) {
            scorer.buf.clear();
            scorer.buf.extend(s.chars);
            if let Some(f) = self.matcher.fuzzy_match(&scorer.buf, &need.q) {
                best = f;
            }
        }
        if let Some(sp) = syllable_span(s, &need.tokens, &mut scorer.dp, &[], |_| {}) {
            best = best.max(spelled_score(sp));
        }
        best
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
        let s = run.spelled(k);
        let mut dp = Scratch::default();
        let Some((class, literal)) = classify(s, m, &need, &mut dp) else {
            return Vec::new();
        };
        let starts = [0, m.title_start as usize];
        let mut compact = Vec::new();
        if class > Class::Scattered && literal {
            if let Some(at) = literal_at(s.chars, &need.chars, need.sensitive, m.title_start) {
                compact.extend(at..at + need.chars.len());
            }
        } else if class > Class::Scattered {
            syllable_span(s, &need.tokens, &mut dp, &starts, |j| compact.push(j));
        } else {
            // Scattered: whichever scored the better.
            let folded: String = s.chars.iter().collect();
            let skim = is_subsequence(s.chars, &need.chars, need.sensitive)
                .then(|| self.matcher.fuzzy_indices(&folded, &q))
                .flatten();
            let mut spelled = Vec::new();
            let span = syllable_span(s, &need.tokens, &mut dp, &[], |j| spelled.push(j));
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

/// The ranked best hits of a search, and every candidate that matched.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// Every matching candidate, loose ones too, in candidate order: what
    /// a longer query narrows (a candidate it matches is among them).
    pub all: Vec<usize>,
    /// How many candidates match (loose ones not).
    pub count: usize,
}

/// One core's reusable buffers.
#[derive(Default)]
struct Scorer {
    buf: String,
    dp: Scratch,
}

/// How a candidate matches a query, worst first: hits rank by it before
/// anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    /// Syllables in order but too far apart to be a match
    /// ([`is_dense`]): no hit, but kept among the matches a longer query
    /// narrows (`xc` is loose in 壮大先进材料产业, `xcl` abbreviates it).
    Loose = -1,
    /// The query's characters or syllables in order, with gaps.
    Scattered = 0,
    /// Together, somewhere in the title.
    Contiguous = 1,
    /// At the title's start (or right after its number: `4. 新材料`).
    Prefix = 2,
    /// The whole title.
    Whole = 3,
}

/// A hit's score, as `find --json` prints it: the class, then the kind's
/// rank (how structural, 0–3), then the fuzzy score within (below 1,000):
/// class × 10,000 + kind × 1,000 + fuzzy, so sorting by score sorts by
/// the same keys in the same order.
fn score(class: Class, kind: i8, fuzzy: i64) -> i64 {
    (class as i64) * 10_000 + i64::from(kind) * 1_000 + fuzzy
}

/// The match class of a candidate: the better of the literal match on the
/// folded title and the syllable match; and whether the class comes from
/// the literal match. `None` when it does not match.
fn classify(s: Spelled, m: &Meta, need: &Need, dp: &mut Scratch) -> Option<(Class, bool)> {
    // The literal match needs the query's letters written in the title; a
    // single letter or hanzi is found as a syllable (a letter of the title
    // counts as one).
    let literal = if m.latin & need.letters == need.letters && !need.single() {
        literal_class(s.chars, &need.chars, need.sensitive, m.title_start)
    } else {
        None
    };
    if literal == Some(Class::Whole) {
        return Some((Class::Whole, true));
    }
    let q = &need.tokens;
    let spelled = if need.single() {
        // One letter or hanzi: the masks and the hanzi check have found
        // it somewhere, and anywhere is contiguous; it is a prefix if a
        // title starts with it, the whole if the title is that one syllable.
        let n = s.chars.len();
        let mut class = Class::Contiguous;
        for j in [0, m.title_start as usize] {
            if need.starts.first_at(s, j) {
                class = class.max(if j + 1 == n {
                    Class::Whole
                } else {
                    Class::Prefix
                });
            }
        }
        Some(class)
    } else if let Some((found, consecutive)) = scan(s, q, &need.starts) {
        if !found {
            None
        } else if !consecutive {
            Some(if dense(s, q, dp) {
                Class::Scattered
            } else {
                Class::Loose
            })
        } else {
            let (a, b) = (
                anchored(s, q, 0).unwrap_or_default(),
                anchored(s, q, m.title_start as usize).unwrap_or_default(),
            );
            Some(match (a.0 || b.0, a.1 || b.1) {
                (_, true) => Class::Whole,
                (true, _) => Class::Prefix,
                _ => Class::Contiguous,
            })
        }
    } else if !feasible(s, q) {
        None
    } else {
        // Very long queries: the best match's span decides.
        let starts = [0, m.title_start as usize];
        syllable_span(s, q, dp, &starts, |_| {}).map(|sp| {
            let at_start = starts.contains(&sp.first);
            match (sp.gaps, at_start, sp.last + 1 == s.chars.len()) {
                (0, true, true) => Class::Whole,
                (0, true, false) => Class::Prefix,
                (0, false, _) => Class::Contiguous,
                _ if is_dense(sp, s.chars.len()) => Class::Scattered,
                _ => Class::Loose,
            }
        })
    };
    let class = literal.max(spelled)?;
    Some((class, literal == Some(class)))
}

/// The most places a scattered syllable match may skip syllables.
const MAX_GAPS: usize = 2;

/// Whether a scattered syllable match is close enough to mean something.
/// The rule: the best match (fewest places where syllables are skipped)
/// skips in at most [`MAX_GAPS`] places, and each run of consecutive
/// matched syllables is at least two syllables long (`xn`, `xinneng`), or
/// one syllable spelled whole (`wei`), or holds a hanzi, digit or other
/// character of the query. Part of one syllable alone between skipped ones
/// (`a`, `ba` of bao) is no match: `asdf` no longer finds a…s…d…f scattered
/// over a long task sentence, while `xnyqc` still finds 新能源及智能网联汽车
/// (`xny` … `qc`) and `shizhufangchengxiangjianwei` 市住房城乡建设委. An
/// abbreviation is the exception: initials alone, each a syllable, of a
/// title at most three times as long (`fgw` for 市发展改革委).
fn is_dense(sp: Span, title_len: usize) -> bool {
    // An abbreviation: initials only, of a title at most three times as
    // long (`fgw` for 市发展改革委, `zjw` for 市住房城乡建设委).
    let abbreviation = sp.initials && title_len <= 3 * sp.matched;
    sp.gaps <= MAX_GAPS && (!sp.thin || abbreviation)
}

/// [`is_dense`] for a title the passes found scattered.
fn dense(s: Spelled, q: &[Tok], dp: &mut Scratch) -> bool {
    // Fewer than four letters scattered over a title longer than three
    // times them: neither two runs of two nor an abbreviation.
    if q.len() < 4 && s.chars.len() > 3 * q.len() && q.iter().all(|t| matches!(t, Tok::Letter(_))) {
        return false;
    }
    syllable_span(s, q, dp, &[], |_| {}).is_some_and(|sp| is_dense(sp, s.chars.len()))
}

/// How a syllable match scores against the skim matcher: fewer skipped
/// syllables and an earlier start are better.
fn spelled_score(sp: Span) -> i64 {
    60 - 8 * sp.gaps as i64 - sp.first as i64
}

/// A matching candidate with its sort keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Scored {
    fuzzy: i64,
    candidate: u32,
    len: u16,
    class: Class,
    kind: i8,
}

/// What every match of a query needs, worked out once per query.
struct Need {
    q: String,
    /// The query's characters, lower-cased unless case matters.
    chars: Vec<char>,
    tokens: Vec<Tok>,
    starts: Starts,
    letters: u32,
    initials: u32,
    hanzi: Vec<char>,
    sensitive: bool,
}

impl Need {
    /// Whether the query is one letter or one hanzi.
    fn single(&self) -> bool {
        matches!(self.tokens.as_slice(), [Tok::Letter(_) | Tok::Han(_)])
    }

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
            starts: Starts::of(&tokens),
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

/// The class of the literal match; `None` when the query's characters are
/// not all there in order.
fn literal_class(hay: &[char], q: &[char], sensitive: bool, title_start: u16) -> Option<Class> {
    if !is_subsequence(hay, q, sensitive) {
        return None;
    }
    Some(match literal_at(hay, q, sensitive, title_start) {
        Some(k) if k == 0 || k == title_start as usize => {
            if k + q.len() == hay.len() {
                Class::Whole
            } else {
                Class::Prefix
            }
        }
        Some(_) => Class::Contiguous,
        None => Class::Scattered,
    })
}
