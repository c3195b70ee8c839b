//! The palette's index: every titled node with its folded and pinyin forms,
//! computed once at load, and a ranked fuzzy search over them.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use crate::model::{Kind, NodeIx, Tree};

use super::fold::{fold_compact, fold_query};
use super::pinyin::{letter_mask, syllable_match, Syllables};

/// What a candidate leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Node(NodeIx),
    /// A unit name (承办单位, 牵头单位, 配合单位) as written.
    Unit(String),
}

#[derive(Debug, Clone)]
struct Candidate {
    target: Target,
    kind: Option<Kind>,
    title: String,
    /// Folded characters without whitespace, and their indices in `title`.
    folded: String,
    map: Vec<u32>,
    syllables: Syllables,
    /// Where the title proper starts in the folded characters, after a
    /// number such as `2. ` or `专栏5 ` (a prefix match may start there).
    title_start: usize,
    len: usize,
}

/// A ranked palette hit. Its title is [`Index::title`] of its candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index of the candidate (for narrowing and the title).
    pub candidate: usize,
    pub target: Target,
    /// `None` for a unit.
    pub kind: Option<Kind>,
    pub score: i64,
    /// Matched character indices into the title, ascending.
    pub matched: Vec<usize>,
}

pub struct Index {
    candidates: Vec<Candidate>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} candidates)", self.candidates.len())
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

/// The candidates of the titled nodes in `range`.
fn node_candidates(tree: &Tree, range: std::ops::Range<NodeIx>) -> Vec<Candidate> {
    let mut out = Vec::new();
    for ix in range {
        let kind = tree.nodes[ix].kind;
        if kind_rank(Some(kind)).is_none() {
            continue;
        }
        let title = candidate_title(tree, ix);
        // The title proper starts after the number prefix, in folded chars.
        let own = tree.title(ix);
        let prefix = title
            .strip_suffix(own)
            .filter(|_| !own.is_empty())
            .unwrap_or("");
        let start = fold_compact(prefix).0.len();
        out.push(Candidate::new(Target::Node(ix), Some(kind), title, start));
    }
    out
}

impl Index {
    /// Indexes every titled node and the given unit names.
    pub fn build(tree: &Tree, units: &[String]) -> Index {
        // Nodes in chunks on every core, joined in document order.
        let n = tree.len();
        let threads = std::thread::available_parallelism()
            .map_or(1, |t| t.get())
            .clamp(1, 8);
        let chunk = n.div_ceil(threads).max(1);
        let mut candidates = Vec::with_capacity(n);
        std::thread::scope(|s| {
            let parts: Vec<_> = (1..n)
                .step_by(chunk)
                .map(|from| s.spawn(move || node_candidates(tree, from..(from + chunk).min(n))))
                .collect();
            for p in parts {
                match p.join() {
                    Ok(mut part) => candidates.append(&mut part),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
        });
        for u in units {
            candidates.push(Candidate::new(Target::Unit(u.clone()), None, u.clone(), 0));
        }
        Index {
            candidates,
            matcher: SkimMatcherV2::default().smart_case(),
        }
    }

    /// An index of names only (units), for picking one by fuzzy or pinyin.
    pub fn build_names(names: &[String]) -> Index {
        Index {
            candidates: names
                .iter()
                .map(|n| Candidate::new(Target::Unit(n.clone()), None, n.clone(), 0))
                .collect(),
            matcher: SkimMatcherV2::default().smart_case(),
        }
    }

    pub fn len(&self) -> usize {
        self.candidates.len()
    }

    /// The title a candidate is shown and matched by.
    pub fn title(&self, candidate: usize) -> &str {
        self.candidates
            .get(candidate)
            .map_or("", |c| c.title.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }

    /// Ranked hits for `query` over every candidate, or only over `within`
    /// (the previous hits' candidates, when the query grew).
    pub fn search(&self, query: &str, within: Option<&[usize]>) -> Vec<Hit> {
        let q = fold_query(query);
        if q.is_empty() {
            return Vec::new();
        }
        let need = Need::of(&q);
        let all: Vec<usize>;
        let ids: &[usize] = match within {
            Some(w) => w,
            None => {
                all = (0..self.candidates.len()).collect();
                &all
            }
        };
        // Large candidate lists are scored on every core.
        let threads = if ids.len() > 20_000 {
            std::thread::available_parallelism()
                .map_or(1, |t| t.get())
                .clamp(1, 8)
        } else {
            1
        };
        let chunk = ids.len().div_ceil(threads).max(1);
        let mut scored: Vec<Scored> = Vec::new();
        std::thread::scope(|s| {
            let parts: Vec<_> = ids
                .chunks(chunk)
                .map(|part| {
                    let (q, need) = (&q, &need);
                    s.spawn(move || self.score_all(part, q, need))
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
        // scattered matches) the matcher's score, shorter titles, document order.
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(b.2.cmp(&a.2))
                .then(a.3.cmp(&b.3))
                .then(a.4.cmp(&b.4))
        });
        scored.into_iter().map(|s| s.5).collect()
    }

    /// Scores candidates; the ones that do not match are left out.
    fn score_all(&self, ids: &[usize], q: &str, need: &Need) -> Vec<Scored> {
        let mut scored = Vec::new();
        for &ci in ids {
            let c = &self.candidates[ci];
            let Some(kr) = kind_rank(c.kind).or(c.kind.is_none().then_some(1)) else {
                continue;
            };
            let Some((score, compact)) = self.best(c, q, need) else {
                continue;
            };
            let class = match_class(&compact, c.folded.chars().count(), c.title_start);
            let matched: Vec<usize> = compact.iter().map(|&k| c.map[k] as usize).collect();
            let hit = Hit {
                candidate: ci,
                target: c.target.clone(),
                kind: c.kind,
                score: class * 10_000 + kr * 1_000 + score,
                matched,
            };
            let fuzzy = if class == 0 { score } else { 0 };
            scored.push((class, kr, fuzzy, c.len, ci, hit));
        }
        scored
    }

    /// The better of the fuzzy match on the folded title (hanzi, letters)
    /// and the syllable match (pinyin in full or by initials, mixed with
    /// hanzi): a score and matched positions in the folded characters.
    fn best(&self, c: &Candidate, q: &str, need: &Need) -> Option<(i64, Vec<usize>)> {
        // Cheap rejections first: letters the title cannot spell, hanzi it lacks.
        if c.syllables.letters & need.letters != need.letters
            || !need.hanzi.iter().all(|h| c.folded.contains(*h))
        {
            return None;
        }
        let fuzzy = if is_subsequence(&c.folded, q, need.sensitive) {
            self.matcher.fuzzy_indices(&c.folded, q)
        } else {
            None
        };
        let spelled = syllable_match(&c.syllables, q).map(|(gaps, pos)| {
            let start = pos.first().copied().unwrap_or(0) as i64;
            (60 - 8 * gaps as i64 - start, pos)
        });
        match (fuzzy, spelled) {
            (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
            (a, b) => a.or(b),
        }
    }
}

/// A hit with its sort keys: match class, kind rank, fuzzy score (scattered
/// matches only), title length, candidate order.
type Scored = (i64, i64, i64, usize, usize, Hit);

/// What every match of a query needs, worked out once per query.
struct Need {
    letters: u32,
    hanzi: Vec<char>,
    sensitive: bool,
}

impl Need {
    fn of(q: &str) -> Need {
        Need {
            letters: letter_mask(q.chars()),
            hanzi: q
                .chars()
                .filter(|c| super::pinyin::default_reading(*c).is_some())
                .collect(),
            sensitive: super::fold::case_sensitive(q),
        }
    }
}

/// Whether the query's characters occur in order in `hay` (what a fuzzy
/// match needs at least), with smart case.
fn is_subsequence(hay: &str, q: &str, sensitive: bool) -> bool {
    let mut it = hay.chars();
    q.chars().all(|qc| {
        it.by_ref().any(|h| {
            if sensitive {
                h == qc
            } else {
                h.to_lowercase().eq(qc.to_lowercase())
            }
        })
    })
}

/// 3: the whole title; 2: a prefix; 1: a contiguous run; 0: scattered. A
/// title's number (`2. `, `专栏5 `) may be skipped for the first two.
fn match_class(compact: &[usize], n: usize, title_start: usize) -> i64 {
    let contiguous = compact.windows(2).all(|w| w[1] == w[0] + 1);
    let (Some(&first), Some(&last)) = (compact.first(), compact.last()) else {
        return 0;
    };
    let at_start = first == 0 || first == title_start;
    match (contiguous, at_start) {
        (true, true) if last + 1 == n => 3,
        (true, true) => 2,
        (true, false) => 1,
        _ => 0,
    }
}

impl Candidate {
    fn new(target: Target, kind: Option<Kind>, title: String, title_start: usize) -> Candidate {
        let (chars, map) = fold_compact(&title);
        let syllables = Syllables::new(&chars);
        Candidate {
            target,
            kind,
            len: title.chars().count(),
            folded: chars.iter().collect(),
            map,
            syllables,
            title_start,
            title,
        }
    }
}
