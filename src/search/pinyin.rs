//! Pinyin of a string in context: the `pinyin` crate's reading of each
//! character, overridden by a phrase table for heteronyms (行业 is hangye,
//! not xingye). Positions map back to the source characters.

use std::collections::HashMap;
use std::sync::OnceLock;

use pinyin::ToPinyin;

const PHRASES: &str = include_str!("../../assets/config/pinyin.ron");

/// The phrase table: phrase → one reading per character.
pub fn phrases() -> &'static HashMap<String, Vec<String>> {
    static TABLE: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let raw: HashMap<String, String> = ron::from_str(PHRASES).unwrap_or_default();
        raw.into_iter()
            .map(|(k, v)| (k, v.split_whitespace().map(str::to_string).collect()))
            .filter(|(k, v): &(String, Vec<String>)| k.chars().count() == v.len())
            .collect()
    })
}

/// Phrases by their first character, longest first, with `'static` readings.
type PhraseIndex = HashMap<char, Vec<(Vec<char>, Vec<&'static str>)>>;

fn phrase_index() -> &'static PhraseIndex {
    static INDEX: OnceLock<PhraseIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: PhraseIndex = HashMap::new();
        for (phrase, syllables) in phrases() {
            let chars: Vec<char> = phrase.chars().collect();
            let readings: Vec<&'static str> = syllables.iter().map(String::as_str).collect();
            if let Some(&first) = chars.first() {
                index.entry(first).or_default().push((chars, readings));
            }
        }
        for list in index.values_mut() {
            list.sort_by_key(|(c, _)| std::cmp::Reverse(c.len()));
        }
        index
    })
}

/// A reading spelled in ASCII: `ü` is typed `v`.
fn ascii_syllable(p: &'static str) -> &'static str {
    match p {
        "lü" => "lv",
        "nü" => "nv",
        "lüe" => "lve",
        "nüe" => "nve",
        p => p,
    }
}

/// The plain reading of one character by the crate's default (ü as v).
pub fn default_reading(c: char) -> Option<&'static str> {
    c.to_pinyin().map(|p| ascii_syllable(p.plain()))
}

/// The reading of each character of `chars` in context; `None` for
/// characters without one (Latin letters, digits, punctuation). Allocates
/// only the result: phrases are found by their first character.
pub fn readings(chars: &[char]) -> Vec<Option<&'static str>> {
    let mut out: Vec<Option<&'static str>> = chars.iter().map(|&c| default_reading(c)).collect();
    let index = phrase_index();
    let mut i = 0;
    while i < chars.len() {
        let mut step = 1;
        if let Some(list) = index.get(&chars[i]) {
            if let Some((phrase, syl)) = list.iter().find(|(p, _)| chars[i..].starts_with(p)) {
                for (k, s) in syl.iter().enumerate() {
                    out[i + k] = Some(s);
                }
                step = phrase.len();
            }
        }
        i += step;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pinyin::ToPinyinMulti;

    fn spell(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        readings(&chars)
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn heteronyms_read_in_context() {
        assert_eq!(spell("行业"), "hang ye");
        assert_eq!(spell("执行"), "zhi xing");
        assert_eq!(spell("重庆市"), "chong qing shi");
        assert_eq!(spell("重点"), "zhong dian");
        assert_eq!(spell("长江经济带"), "chang jiang jing ji dai");
        assert_eq!(spell("增长"), "zeng zhang");
        assert_eq!(spell("协调发展"), "xie tiao fa zhan");
        assert_eq!(spell("利润率"), "li run lv");
        assert_eq!(spell("外资银行"), "wai zi yin hang");
    }

    #[test]
    fn every_phrase_reading_is_one_the_crate_knows() {
        for (phrase, syllables) in phrases() {
            for (c, syl) in phrase.chars().zip(syllables) {
                let known: Vec<String> = c
                    .to_pinyin_multi()
                    .map(|m| m.into_iter().map(|p| p.plain().replace('ü', "v")).collect())
                    .unwrap_or_default();
                assert!(
                    known.contains(syl),
                    "{phrase}: {c} is not read {syl} (known: {known:?})"
                );
            }
        }
        assert!(phrases().len() >= 40);
    }

    #[test]
    fn letters_a_title_can_spell() {
        let chars: Vec<char> = "新材料 AI".chars().collect();
        let s = Syllables::new(&chars);
        assert_eq!(s.letters, letter_mask("xincailiao ai".chars()));
    }
}

/// One unit of a query for syllable matching.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    /// A Chinese character: matches itself only.
    Han(char),
    /// A Latin letter: part of a syllable's spelling (or a letter itself).
    Letter(char),
    /// Anything else: matches itself (case-folded).
    Other(char),
}

fn tokens(q: &str) -> Vec<Tok> {
    q.chars()
        .map(|c| {
            if default_reading(c).is_some() {
                Tok::Han(c)
            } else if c.is_ascii_alphabetic() {
                Tok::Letter(c.to_ascii_lowercase())
            } else {
                Tok::Other(c.to_lowercase().next().unwrap_or(c))
            }
        })
        .collect()
}

/// Every reading, numbered (0 is "no reading"), so a title's readings take
/// two bytes a character.
struct SyllableTable {
    names: Vec<&'static str>,
    ids: HashMap<&'static str, u16>,
}

fn syllable_table() -> &'static SyllableTable {
    static TABLE: OnceLock<SyllableTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = SyllableTable {
            names: vec![""],
            ids: HashMap::new(),
        };
        let mut add = |r: &'static str| {
            if !t.ids.contains_key(r) {
                t.ids.insert(r, t.names.len() as u16);
                t.names.push(r);
            }
        };
        for c in '\u{3400}'..='\u{9fff}' {
            if let Some(r) = default_reading(c) {
                add(r);
            }
        }
        for readings in phrases().values() {
            for r in readings {
                add(r.as_str());
            }
        }
        t
    })
}

/// Characters (lower-cased) with their readings in context, ready for
/// [`syllable_match`], and the set of letters they can spell.
#[derive(Debug, Clone, Default)]
pub struct Syllables {
    chars: Box<[char]>,
    ids: Box<[u16]>,
    /// Bit `n` is set when letter `a + n` occurs in a reading or as itself.
    pub letters: u32,
}

/// The letters of a string as a bit set (`a` is bit 0).
pub fn letter_mask(s: impl IntoIterator<Item = char>) -> u32 {
    s.into_iter()
        .filter(char::is_ascii_alphabetic)
        .fold(0, |m, c| {
            m | 1 << (c.to_ascii_lowercase() as u32 - 'a' as u32)
        })
}

impl Syllables {
    pub fn new(chars: &[char]) -> Syllables {
        let table = syllable_table();
        let lower: Box<[char]> = chars
            .iter()
            .flat_map(|c| c.to_lowercase().take(1))
            .collect();
        let ids: Box<[u16]> = readings(chars)
            .into_iter()
            .map(|r| r.and_then(|r| table.ids.get(r).copied()).unwrap_or(0))
            .collect();
        let mut letters = letter_mask(lower.iter().copied());
        for &id in ids.iter() {
            letters |= letter_mask(table.names[id as usize].chars());
        }
        Syllables {
            chars: lower,
            ids,
            letters,
        }
    }

    fn reading(&self, j: usize) -> Option<&'static str> {
        match self.ids[j] {
            0 => None,
            id => Some(syllable_table().names[id as usize]),
        }
    }
}

/// Whether the query can match at all: the tokens matched so far are a set
/// of positions (a bit set), advanced syllable by syllable without
/// allocating. Most candidates fail here, before the dynamic programme.
fn feasible(s: &Syllables, q: &[Tok]) -> bool {
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
            match q[i] {
                Tok::Han(c) | Tok::Other(c) => {
                    if s.chars[j] == c {
                        next |= 1 << (i + 1);
                    }
                }
                Tok::Letter(l) => match s.reading(j) {
                    Some(syl) => {
                        for (k, sc) in syl.chars().enumerate() {
                            match q.get(i + k) {
                                Some(Tok::Letter(x)) if *x == sc => next |= 1 << (i + k + 1),
                                _ => break,
                            }
                        }
                    }
                    None => {
                        if s.chars[j] == l {
                            next |= 1 << (i + 1);
                        }
                    }
                },
            }
        }
        states = next;
        if states & done != 0 {
            return true;
        }
    }
    false
}

/// Matches a query whose letters spell syllables, in full or by their
/// beginnings (`xincailiao`, `xcl`, `xinc`, mixed with hanzi: `新cl`). Each
/// run of letters must start at a syllable start and stay inside that
/// syllable, so `dada` does not match any d…a…d…a. Returns the number of
/// skipped syllables between matched ones (fewer is better) and the matched
/// character positions; the earliest start wins ties.
pub fn syllable_match(s: &Syllables, query: &str) -> Option<(usize, Vec<usize>)> {
    let q = tokens(query);
    let m = q.len();
    let n = s.chars.len();
    if m == 0 || n == 0 || !feasible(s, &q) {
        return None;
    }
    const INF: usize = usize::MAX / 4;
    // Chunk lengths token i can take at syllable j.
    let chunks = |i: usize, j: usize| -> Vec<usize> {
        match q[i] {
            Tok::Han(c) => {
                if s.chars[j] == c {
                    vec![1]
                } else {
                    vec![]
                }
            }
            Tok::Other(c) => {
                if s.chars[j] == c {
                    vec![1]
                } else {
                    vec![]
                }
            }
            Tok::Letter(_) => match s.reading(j) {
                Some(syl) => {
                    let mut lens = Vec::new();
                    for (k, sc) in syl.chars().enumerate() {
                        match q.get(i + k) {
                            Some(Tok::Letter(l)) if *l == sc => lens.push(k + 1),
                            _ => break,
                        }
                    }
                    lens
                }
                None => match q[i] {
                    Tok::Letter(l) if s.chars[j] == l => vec![1],
                    _ => vec![],
                },
            },
        }
    };
    // at[i][j]: least gaps matching q[i..] with token i placed at syllable j.
    // from[i][j]: least gaps matching q[i..] at some syllable ≥ j, where any
    // syllable after j costs a gap (j is the one right after the last match).
    let mut at = vec![vec![INF; n + 1]; m + 1];
    let mut take = vec![vec![0usize; n + 1]; m + 1];
    let mut from = vec![vec![INF; n + 2]; m + 1];
    from[m] = vec![0; n + 2];
    for i in (0..m).rev() {
        for j in (0..n).rev() {
            for len in chunks(i, j) {
                let rest = from[i + len][j + 1];
                if rest < at[i][j] {
                    at[i][j] = rest;
                    take[i][j] = len;
                }
            }
        }
        // from[i][j] = min(at[i][j], 1 + min_{k>j} at[i][k])
        let mut best_later = INF;
        for j in (0..=n).rev() {
            let here = if j < n { at[i][j] } else { INF };
            from[i][j] = here.min(best_later.saturating_add(1));
            if j < n {
                best_later = best_later.min(at[i][j]);
            }
        }
    }
    let start = (0..n)
        .filter(|&j| at[0][j] < INF)
        .min_by_key(|&j| (at[0][j], j))?;
    let gaps = at[0][start];
    // Walk the choices back out.
    let mut pos = Vec::new();
    let (mut i, mut j) = (0, start);
    while i < m {
        pos.push(j);
        let len = take[i][j];
        i += len;
        j += 1;
        if i == m {
            break;
        }
        // The next match is at j if that is as good, else the best later one.
        let target = from[i][j];
        if at[i].get(j).copied() != Some(target) {
            j = (j + 1..n).find(|&k| at[i][k].saturating_add(1) == target)?;
        }
    }
    Some((gaps, pos))
}

#[cfg(test)]
mod syllable_tests {
    use super::*;

    fn m(title: &str, q: &str) -> Option<Vec<usize>> {
        let chars: Vec<char> = title.chars().collect();
        syllable_match(&Syllables::new(&chars), q).map(|r| r.1)
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
}
