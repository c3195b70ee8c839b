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

fn longest_phrase() -> usize {
    static LEN: OnceLock<usize> = OnceLock::new();
    *LEN.get_or_init(|| {
        phrases()
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0)
    })
}

/// The plain reading of one character by the crate's default (ü as v).
pub fn default_reading(c: char) -> Option<String> {
    c.to_pinyin().map(|p| p.plain().replace('ü', "v"))
}

/// The reading of each character of `chars` in context; `None` for
/// characters without one (Latin letters, digits, punctuation).
pub fn readings(chars: &[char]) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = chars.iter().map(|&c| default_reading(c)).collect();
    let table = phrases();
    let max = longest_phrase();
    if max == 0 {
        return out;
    }
    let mut i = 0;
    while i < chars.len() {
        let mut matched = 0;
        for len in (2..=max.min(chars.len() - i)).rev() {
            let key: String = chars[i..i + len].iter().collect();
            if let Some(r) = table.get(&key) {
                for (k, syl) in r.iter().enumerate() {
                    out[i + k] = Some(syl.clone());
                }
                matched = len;
                break;
            }
        }
        i += matched.max(1);
    }
    out
}

/// A string in pinyin letters: `text` with, for each letter, the source
/// character it came from and whether a syllable starts there. Characters
/// without a reading stay as themselves (lower-cased).
#[derive(Debug, Clone, Default)]
pub struct PinyinForm {
    pub text: String,
    pub map: Vec<u32>,
    pub starts: Vec<bool>,
    /// The initials: one letter per syllable, other characters as themselves.
    pub initials: String,
    pub initials_map: Vec<u32>,
}

/// Builds both pinyin forms of folded characters whose source indices are `map`.
pub fn form(chars: &[char], map: &[u32]) -> PinyinForm {
    let mut f = PinyinForm::default();
    for (k, r) in readings(chars).into_iter().enumerate() {
        let src = map[k];
        match r {
            Some(syl) => {
                for (j, ch) in syl.chars().enumerate() {
                    f.text.push(ch);
                    f.map.push(src);
                    f.starts.push(j == 0);
                }
                if let Some(first) = syl.chars().next() {
                    f.initials.push(first);
                    f.initials_map.push(src);
                }
            }
            None => {
                for ch in chars[k].to_lowercase() {
                    f.text.push(ch);
                    f.map.push(src);
                    f.starts.push(true);
                    f.initials.push(ch);
                    f.initials_map.push(src);
                }
            }
        }
    }
    f
}

/// A query with its hanzi spelled out: (`新cl` → `xincl`, initials `xcl`).
pub fn query_forms(q: &str) -> (String, String) {
    let chars: Vec<char> = q.chars().collect();
    let mut full = String::new();
    let mut initials = String::new();
    for (k, r) in readings(&chars).into_iter().enumerate() {
        match r {
            Some(s) => {
                full.push_str(&s);
                initials.extend(s.chars().next());
            }
            None => {
                full.extend(chars[k].to_lowercase());
                initials.extend(chars[k].to_lowercase());
            }
        }
    }
    (full, initials)
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
    fn forms_map_back_to_characters() {
        let chars: Vec<char> = "新材料".chars().collect();
        let f = form(&chars, &[0, 1, 2]);
        assert_eq!(f.text, "xincailiao");
        assert_eq!(f.initials, "xcl");
        assert_eq!(f.map[3], 1);
        assert_eq!(
            query_forms("新cl"),
            ("xincl".to_string(), "xcl".to_string())
        );
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

/// Characters with their readings in context, ready for [`syllable_match`].
#[derive(Debug, Clone, Default)]
pub struct Syllables {
    chars: Vec<char>,
    readings: Vec<Option<String>>,
}

impl Syllables {
    pub fn new(chars: &[char]) -> Syllables {
        Syllables {
            chars: chars
                .iter()
                .flat_map(|c| c.to_lowercase().take(1))
                .collect(),
            readings: readings(chars),
        }
    }
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
    if m == 0 || n == 0 {
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
            Tok::Letter(_) => match &s.readings[j] {
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
