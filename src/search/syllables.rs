//! Matching a query against a title's syllables (the readings come from
//! [`super::pinyin`]).
//!
//! A query is tokens ([`Tok`]): a hanzi matches itself; a run of letters
//! spells syllables, each piece starting at a syllable's first letter and
//! staying inside it (`xcl`, `xincai`, `xinc`); anything else matches
//! itself. `chunks` is the one transition: how many tokens, starting at
//! token `i`, syllable `j` can take.
//!
//! Three passes walk a title syllable by syllable with the token positions
//! reached as a bit set (bit `i`: tokens `0..i` are matched; bit `m`, for a
//! query of `m` tokens, is the whole query). The invariant, after syllable
//! `j`:
//!
//! - [`feasible`] and [`scan`]'s `any`: bit `i` is set exactly when tokens
//!   `0..i` match syllables among `0..=j`, in order, skipping any.
//! - [`scan`]'s `run`: bit `i > 0` is set exactly when tokens `0..i` match
//!   consecutive syllables ending at `j` (bit 0 is implied: a run may start
//!   anywhere).
//! - [`anchored`] from `f`: bit `i` is set exactly when tokens `0..i` match
//!   the consecutive syllables `f..=j`.
//!
//! Bits only move up, so each pass is one loop over the set bits; queries of
//! 64 tokens or more do not fit and are left to the dynamic programme
//! ([`syllable_span`]), which finds the match with the fewest places where
//! syllables are skipped.
//!
//! Worked example: 扩大开放大 (kuo da kai fang da) and `dada` (d a d a, `m` =
//! 4). After 扩 nothing moves: any = {0}. After 大, token 0 takes `d` or
//! `da`: any = {0, 1, 2}, run = {1, 2}. After 开 and 放 nothing moves (token
//! 1 `a` needs a syllable starting with a, token 2 `d` one starting with d):
//! any stays, run = {}. After the last 大, from bit 2 `da` reaches bit 4, so
//! the query matches; bit 2 was not in run, so no consecutive match: `scan`
//! gives (true, false), and the programme's best match (大 … 大) skips
//! syllables in one place. `tests` below checks all three passes and the
//! programme against a brute force over every match on random titles.

use super::fold::letter_bit;
pub use super::fold::letter_mask;
use super::pinyin::{default_id, reading_ids, syllable_table};

/// One unit of a query for syllable matching.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tok {
    /// A Chinese character: matches itself only.
    Han(char),
    /// A Latin letter: part of a syllable's spelling (or a letter itself).
    Letter(char),
    /// Anything else: matches itself (case-folded).
    Other(char),
}

/// A folded query as tokens.
pub fn tokens(q: &str) -> Vec<Tok> {
    q.chars()
        .map(|c| {
            if default_id(c) != 0 {
                Tok::Han(c)
            } else if c.is_ascii_alphabetic() {
                Tok::Letter(c.to_ascii_lowercase())
            } else {
                Tok::Other(lower(c))
            }
        })
        .collect()
}

/// The letters that must start a syllable (or be a letter of the title) for
/// the query to match: the first of each run of letters.
pub fn initials_needed(q: &[Tok]) -> u32 {
    let mut mask = 0;
    let mut in_run = false;
    for t in q {
        match t {
            Tok::Letter(l) if !in_run => {
                mask |= letter_bit(*l);
                in_run = true;
            }
            Tok::Letter(_) => {}
            _ => in_run = false,
        }
    }
    mask
}

/// A character lower-cased as the matchers compare it: hanzi and kana are
/// passed over without a table lookup.
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if ('\u{2e80}'..'\u{a640}').contains(&c) {
        c
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// A title's folded characters, the syllable id of each and the letter
/// each starts with ([`leads`]), as stored by the index: what
/// [`syllable_span`] matches against.
#[derive(Debug, Clone, Copy)]
pub struct Spelled<'a> {
    pub chars: &'a [char],
    pub ids: &'a [u16],
    pub leads: &'a [u8],
}

/// No letter: a character that is neither read nor a Latin letter.
pub const NO_LEAD: u8 = 26;

/// Appends the letter each character starts with (its reading's first, or
/// itself if it is a Latin letter) as 0..26 for a..z, else [`NO_LEAD`]:
/// the passes over a title look a syllable up by it.
pub fn leads(chars: &[char], ids: &[u16], out: &mut Vec<u8>) {
    let first = &syllable_table().first;
    out.extend(chars.iter().zip(ids).map(|(&c, &id)| {
        let lead = match id {
            0 => c,
            id => first.get(id as usize).map_or('\0', |&b| char::from(b)),
        }
        .to_ascii_lowercase();
        if lead.is_ascii_lowercase() {
            lead as u8 - b'a'
        } else {
            NO_LEAD
        }
    }));
}

impl Spelled<'_> {
    fn reading(&self, j: usize) -> Option<&'static str> {
        match self.ids[j] {
            0 => None,
            id => Some(syllable_table().names[id as usize]),
        }
    }

    /// The letters the title can spell and the letters that can start a
    /// syllable (a letter of the title counts for both), as bit sets.
    pub fn masks(&self) -> (u32, u32) {
        let t = syllable_table();
        let (mut letters, mut initials) = (0, 0);
        for (&c, &id) in self.chars.iter().zip(self.ids) {
            if id != 0 {
                letters |= t.letters[id as usize];
                initials |= t.initial[id as usize];
            } else if c.is_ascii_alphabetic() {
                letters |= letter_bit(c);
                initials |= letter_bit(c);
            }
        }
        (letters, initials)
    }
}

/// A title's characters with their readings in context, owned.
#[derive(Debug, Clone, Default)]
pub struct Syllables {
    chars: Vec<char>,
    ids: Vec<u16>,
    leads: Vec<u8>,
    /// Bit `n` is set when letter `a + n` occurs in a reading or as itself.
    pub letters: u32,
}

impl Syllables {
    pub fn new(chars: &[char]) -> Syllables {
        let mut ids = Vec::with_capacity(chars.len());
        reading_ids(chars, &mut ids);
        let mut lead = Vec::with_capacity(chars.len());
        leads(chars, &ids, &mut lead);
        let mut s = Syllables {
            chars: chars.to_vec(),
            ids,
            leads: lead,
            letters: 0,
        };
        s.letters = s.spelled().masks().0;
        s
    }

    pub fn spelled(&self) -> Spelled<'_> {
        Spelled {
            chars: &self.chars,
            ids: &self.ids,
            leads: &self.leads,
        }
    }
}

/// How long a chunk token `i` can take at syllable `j`: each length in
/// `1..` is offered to `f` (a hanzi or other character takes 1).
fn chunks(s: Spelled, q: &[Tok], i: usize, j: usize, mut f: impl FnMut(usize)) {
    match q[i] {
        Tok::Han(c) => {
            if s.chars[j] == c {
                f(1)
            }
        }
        Tok::Other(c) => {
            if lower(s.chars[j]) == c {
                f(1)
            }
        }
        Tok::Letter(l) => match s.reading(j) {
            Some(syl) => {
                for (k, sc) in syl.chars().enumerate() {
                    match q.get(i + k) {
                        Some(Tok::Letter(x)) if *x == sc => f(k + 1),
                        _ => break,
                    }
                }
            }
            None => {
                if lower(s.chars[j]) == l {
                    f(1)
                }
            }
        },
    }
}

/// Whether the query can match at all: the tokens matched so far are a set
/// of positions (a bit set), advanced syllable by syllable without
/// allocating. Most candidates fail here, before the dynamic programme.
pub fn feasible(s: Spelled, q: &[Tok]) -> bool {
    let m = q.len();
    if m >= 64 {
        return true;
    }
    let done = 1u64 << m;
    let mut states: u64 = 1;
    for j in 0..s.chars.len() {
        let mut next = states;
        let mut bits = states & !done;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            chunks(s, q, i, j, |len| next |= 1 << (i + len));
        }
        states = next;
        if states & done != 0 {
            return true;
        }
    }
    false
}

/// Whether the tokens spell syllables `from`, `from + 1`, … with none
/// skipped (a prefix match there), and whether some such match ends at the
/// last character (the whole title). Queries of 64 tokens or more: `None`.
pub fn anchored(s: Spelled, q: &[Tok], from: usize) -> Option<(bool, bool)> {
    let m = q.len();
    if m >= 64 || m == 0 {
        return None;
    }
    let done = 1u64 << m;
    let (mut states, mut prefix, mut whole) = (1u64, false, false);
    for j in from..s.chars.len() {
        let mut next = 0;
        let mut bits = states;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            chunks(s, q, i, j, |len| next |= 1 << (i + len));
        }
        if next & done != 0 {
            prefix = true;
            whole |= j + 1 == s.chars.len();
        }
        states = next & !done;
        if states == 0 {
            break;
        }
    }
    Some((prefix, whole))
}

/// Which token positions a syllable can advance, by the letter it starts
/// with or the character it is: worked out once per query, so the passes
/// over a title skip most syllables with a table lookup.
#[derive(Debug, Clone, Default)]
pub struct Starts {
    /// By lead letter (0..26), and nothing for [`NO_LEAD`].
    by_letter: [u64; 27],
    /// Hanzi and other characters of the query, with their positions.
    chars: Vec<(char, u64)>,
}

impl Starts {
    pub fn of(q: &[Tok]) -> Starts {
        let mut s = Starts::default();
        for (i, t) in q.iter().enumerate().take(64) {
            match *t {
                Tok::Letter(l) => s.by_letter[(l as u8 - b'a') as usize] |= 1 << i,
                Tok::Han(c) | Tok::Other(c) => match s.chars.iter_mut().find(|(k, _)| *k == c) {
                    Some((_, m)) => *m |= 1 << i,
                    None => s.chars.push((c, 1 << i)),
                },
            }
        }
        s
    }

    /// Whether syllable `j` can take the query's first token: exactly so
    /// when the query is one letter or one hanzi.
    pub fn first_at(&self, s: Spelled, j: usize) -> bool {
        j < s.chars.len() && self.at(s, j) & 1 != 0
    }

    /// The positions that syllable `j` may advance (a superset: the
    /// transition itself is [`chunks`]'s to decide).
    #[inline]
    fn at(&self, s: Spelled, j: usize) -> u64 {
        let lead = s.leads.get(j).map_or(NO_LEAD as usize, |&l| l as usize);
        let mut m = self.by_letter.get(lead).copied().unwrap_or(0);
        if !self.chars.is_empty() {
            let c = s.chars[j];
            let lc = lower(c);
            for &(k, mask) in &self.chars {
                if k == lc || k == c {
                    m |= mask;
                }
            }
        }
        m
    }
}

/// Whether the tokens spell syllables at all (some may be skipped), and
/// whether they spell consecutive ones somewhere, in one pass: the token
/// positions reached are two bit sets, one kept from syllable to syllable,
/// one that must advance at every syllable. Queries of 64 tokens or more:
/// `None`.
pub fn scan(s: Spelled, q: &[Tok], starts: &Starts) -> Option<(bool, bool)> {
    let m = q.len();
    if m >= 64 || m == 0 {
        return None;
    }
    let done = 1u64 << m;
    let (mut any, mut run) = (1u64, 0u64);
    let mut found = false;
    for j in 0..s.chars.len() {
        // A consecutive match may start at any syllable; `run` ⊆ `any`.
        let from_run = run | 1;
        let (mut next_any, mut next_run) = (any, 0u64);
        let mut bits = any & !done & starts.at(s, j);
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let in_run = from_run & (1 << i) != 0;
            chunks(s, q, i, j, |len| {
                next_any |= 1 << (i + len);
                if in_run {
                    next_run |= 1 << (i + len);
                }
            });
        }
        if next_run & done != 0 {
            return Some((true, true));
        }
        found |= next_any & done != 0;
        any = next_any;
        run = next_run;
    }
    Some((found, false))
}

/// Buffers for [`syllable_span`], reused from one title to the next.
#[derive(Debug, Default)]
pub struct Scratch {
    at: Vec<usize>,
    take: Vec<usize>,
    from: Vec<usize>,
}

/// The best syllable match of a title: the places between matched
/// syllables where some are skipped (fewer is better; a jump over one
/// syllable and a jump over five count the same), and the first and last
/// matched character positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub gaps: usize,
    pub first: usize,
    pub last: usize,
    /// Some run of consecutive matched syllables is a single syllable
    /// matched by part of its spelling (`b` or `ba` of bao alone between
    /// skipped syllables).
    pub thin: bool,
    /// Each matched syllable took one letter of the query, its initial (an
    /// abbreviation: `fgw` for 发(展)改(革)委).
    pub initials: bool,
    /// How many syllables are matched.
    pub matched: usize,
}

/// Matches a query whose letters spell syllables, in full or by their
/// beginnings (`xincailiao`, `xcl`, `xinc`, mixed with hanzi: `新cl`). Each
/// run of letters must start at a syllable start and stay inside that
/// syllable, so `dada` does not match any d…a…d…a. The earliest start wins
/// ties, except that a start in `prefer` wins when it is as good. Each
/// matched position is given to `each`, in order.
pub fn syllable_span(
    s: Spelled,
    q: &[Tok],
    scratch: &mut Scratch,
    prefer: &[usize],
    mut each: impl FnMut(usize),
) -> Option<Span> {
    let m = q.len();
    let n = s.chars.len();
    if m == 0 || n == 0 || !feasible(s, q) {
        return None;
    }
    const INF: usize = usize::MAX / 4;
    // at[i][j]: least gaps matching q[i..] with token i placed at syllable j.
    // from[i][j]: least gaps matching q[i..] at some syllable ≥ j, where any
    // syllable after j costs a gap (j is the one right after the last match).
    let w = n + 2;
    let Scratch { at, take, from } = scratch;
    for v in [&mut *at, &mut *take, &mut *from] {
        v.clear();
        v.resize((m + 1) * w, INF);
    }
    from[m * w..].fill(0);
    for i in (0..m).rev() {
        for j in (0..n).rev() {
            let (mut best, mut len_best) = (INF, 0);
            chunks(s, q, i, j, |len| {
                let rest = from[(i + len) * w + j + 1];
                if rest < best {
                    best = rest;
                    len_best = len;
                }
            });
            at[i * w + j] = best;
            take[i * w + j] = len_best;
        }
        // from[i][j] = min(at[i][j], 1 + min_{k>j} at[i][k])
        let mut best_later = INF;
        for j in (0..=n).rev() {
            let here = if j < n { at[i * w + j] } else { INF };
            from[i * w + j] = here.min(best_later.saturating_add(1));
            if j < n {
                best_later = best_later.min(here);
            }
        }
    }
    let best = (0..n)
        .filter(|&j| at[j] < INF)
        .min_by_key(|&j| (at[j], j))?;
    let start = prefer
        .iter()
        .copied()
        .find(|&j| j < n && at[j] == at[best])
        .unwrap_or(best);
    let gaps = at[start];
    // Walk the choices back out, noting each run's syllables: a run of one
    // syllable matched by letters is thin.
    let (mut i, mut j) = (0, start);
    let mut last = start;
    let (mut run_len, mut run_weak, mut thin) = (0usize, true, false);
    let (mut initials, mut matched) = (true, 0usize);
    while i < m {
        if run_len > 0 && j != last + 1 {
            thin |= run_len < 2 && run_weak;
            run_len = 0;
            run_weak = true;
        }
        each(j);
        last = j;
        run_len += 1;
        // Letters that spell only part of the syllable (an initial, `ba`
        // of bao) are weak; a syllable spelled whole (`wei`), a hanzi or
        // another character is not.
        let whole = s
            .reading(j)
            .is_some_and(|r| r.len() >= 2 && r.len() == take[i * w + j]);
        run_weak &= matches!(q[i], Tok::Letter(_)) && !whole;
        initials &= matches!(q[i], Tok::Letter(_)) && take[i * w + j] == 1;
        matched += 1;
        i += take[i * w + j];
        j += 1;
        if i == m {
            break;
        }
        // The next match is at j if that is as good, else the best later one.
        let target = from[i * w + j];
        if j >= n || at[i * w + j] != target {
            j = (j + 1..n).find(|&k| at[i * w + k].saturating_add(1) == target)?;
        }
    }
    thin |= run_len < 2 && run_weak;
    Some(Span {
        gaps,
        first: start,
        last,
        thin,
        initials,
        matched,
    })
}

/// [`syllable_span`] of a query string, with the positions collected.
pub fn syllable_match(s: &Syllables, query: &str) -> Option<(usize, Vec<usize>)> {
    let mut pos = Vec::new();
    let span = syllable_span(
        s.spelled(),
        &tokens(query),
        &mut Scratch::default(),
        &[],
        |j| pos.push(j),
    )?;
    Some((span.gaps, pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(title: &str, q: &str) -> Option<Vec<usize>> {
        let chars: Vec<char> = title.chars().collect();
        syllable_match(&Syllables::new(&chars), q).map(|r| r.1)
    }

    /// `scan` (found, consecutive) and `anchored` at `from` (prefix, whole).
    fn passes(title: &str, q: &str, from: usize) -> ((bool, bool), (bool, bool)) {
        let chars: Vec<char> = title.chars().collect();
        let s = Syllables::new(&chars);
        let t = tokens(q);
        let starts = Starts::of(&t);
        (
            scan(s.spelled(), &t, &starts).expect("short query"),
            anchored(s.spelled(), &t, from).expect("short query"),
        )
    }

    #[test]
    fn the_bit_set_passes_on_titles_of_the_sample() {
        assert_eq!(passes("新材料", "xcl", 0), ((true, true), (true, true)));
        assert_eq!(passes("4新材料", "xcl", 1), ((true, true), (true, true)));
        assert_eq!(passes("新材料", "cl", 0), ((true, true), (false, false)));
        assert_eq!(passes("新材料", "cl", 1), ((true, true), (true, true)));
        assert_eq!(
            passes("新能源及智能网联汽车", "xny", 0),
            ((true, true), (true, false))
        );
        // d…a…d…a only with a syllable skipped: found, not consecutive.
        assert_eq!(
            passes("扩大开放大", "dada", 0),
            ((true, false), (false, false))
        );
        assert_eq!(
            passes("推动服务业重点行业领域", "xingye", 0).0,
            (false, false)
        );
        assert_eq!(
            passes("推动服务业重点行业领域", "hangye", 7),
            ((true, true), (true, false))
        );
    }

    /// Every way the query matches the title, by brute force over
    /// [`chunks`]: the syllables used, in order.
    fn every_match(s: Spelled, q: &[Tok]) -> Vec<Vec<usize>> {
        fn go(
            s: Spelled,
            q: &[Tok],
            i: usize,
            from: usize,
            used: &mut Vec<usize>,
            out: &mut Vec<Vec<usize>>,
        ) {
            if i == q.len() {
                out.push(used.clone());
                return;
            }
            for j in from..s.chars.len() {
                let mut lens = Vec::new();
                chunks(s, q, i, j, |len| lens.push(len));
                for len in lens {
                    used.push(j);
                    go(s, q, i + len, j + 1, used, out);
                    used.pop();
                }
            }
        }
        let mut out = Vec::new();
        if !q.is_empty() {
            go(s, q, 0, 0, &mut Vec::new(), &mut out);
        }
        out
    }

    /// The places where a match skips syllables (however many it skips).
    fn gaps(used: &[usize]) -> usize {
        used.windows(2).filter(|w| w[1] != w[0] + 1).count()
    }

    const POOL: &[char] = &[
        '新', '材', '料', '大', '开', '放', '行', '业', '重', '长', '通', '信', '能', '源', '安',
        '5', 'G', 'a', '·', ' ',
    ];
    const NOISE: &[char] = &[
        'x', 'c', 'l', 'd', 'a', 'n', 'h', 'g', 'y', 'z', 'i', '新', '5',
    ];

    /// A query made from a title: for each choice, a later syllable spelled
    /// in full or in part, or written as itself, or a stray character.
    fn query_of(title: &[char], choices: &[(u8, u8, u8)]) -> String {
        let s = Syllables::new(title);
        let mut q = String::new();
        let mut j = 0usize;
        for &(skip, take, how) in choices {
            if how % 8 == 0 {
                q.push(NOISE[take as usize % NOISE.len()]);
                continue;
            }
            j += (skip % 3) as usize;
            let Some(&c) = title.get(j) else { break };
            match s.spelled().reading(j) {
                Some(r) if how % 4 != 1 => {
                    let n = 1 + take as usize % r.len();
                    q.extend(r.chars().take(n));
                }
                _ => q.push(c),
            }
            j += 1;
        }
        q
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(400))]

        /// The bit-set passes and the dynamic programme say what a brute
        /// force over every match says.
        #[test]
        fn the_passes_and_the_programme_agree_with_brute_force(
            title in proptest::collection::vec(proptest::sample::select(POOL), 0..9),
            choices in proptest::collection::vec((0u8..6, 0u8..8, 0u8..16), 0..7),
        ) {
            let q = tokens(&query_of(&title, &choices));
            let owned = Syllables::new(&title);
            let s = owned.spelled();
            let all = every_match(s, &q);
            let n = title.len();

            if q.is_empty() {
                proptest::prop_assert_eq!(scan(s, &q, &Starts::of(&q)), None);
                return Ok(());
            }
            proptest::prop_assert_eq!(feasible(s, &q), !all.is_empty());
            let consecutive = all.iter().any(|u| gaps(u) == 0);
            proptest::prop_assert_eq!(
                scan(s, &q, &Starts::of(&q)),
                Some((!all.is_empty(), consecutive))
            );
            for from in 0..n {
                let here: Vec<_> = all.iter().filter(|u| u[0] == from && gaps(u) == 0).collect();
                let whole = here.iter().any(|u| u[u.len() - 1] + 1 == n);
                proptest::prop_assert_eq!(anchored(s, &q, from), Some((!here.is_empty(), whole)));
            }

            let mut used = Vec::new();
            let span = syllable_span(s, &q, &mut Scratch::default(), &[], |j| used.push(j));
            match all.iter().map(|u| (gaps(u), u[0])).min() {
                None => proptest::prop_assert_eq!(span, None),
                Some((least, start)) => {
                    let span = span.expect("a match exists");
                    proptest::prop_assert_eq!((span.gaps, span.first), (least, start));
                    proptest::prop_assert!(all.contains(&used), "{:?} is not a match", used);
                    proptest::prop_assert_eq!(gaps(&used), least);
                    proptest::prop_assert_eq!(span.last, used[used.len() - 1]);
                }
            }
        }
    }

    #[test]
    fn spelled_and_initials_and_mixed() {
        assert_eq!(m("新材料", "xincailiao"), Some(vec![0, 1, 2]));
        assert_eq!(m("新材料", "xcl"), Some(vec![0, 1, 2]));
        assert_eq!(m("新材料", "xinc"), Some(vec![0, 1]));
        assert_eq!(m("新材料", "新cl"), Some(vec![0, 1, 2]));
        assert_eq!(m("新能源及智能网联汽车", "xny"), Some(vec![0, 1, 2]));
        assert_eq!(m("推动服务业重点行业领域", "hangye"), Some(vec![7, 8]));
        assert_eq!(m("推动服务业重点行业领域", "xingye"), None);
        assert_eq!(m("扩大开放大", "dada"), Some(vec![1, 4]));
        assert_eq!(m("强化工业安全生产保障", "hangye"), None);
        assert_eq!(m("龙头企业", "龘龘"), None);
        assert_eq!(m("5G通信", "5gtx"), Some(vec![0, 1, 2, 3]));
    }

    #[test]
    fn letters_a_title_can_spell() {
        let chars: Vec<char> = "新材料 AI".chars().collect();
        let s = Syllables::new(&chars);
        assert_eq!(s.letters, letter_mask("xincailiao ai".chars()));
    }
}
