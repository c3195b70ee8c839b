//! Pinyin of a string in context: the `pinyin` crate's reading of each
//! character, overridden by a phrase table for heteronyms (行业 is hangye,
//! not xingye). Positions map back to the source characters. Each reading
//! is numbered ([`reading_ids`]) so that [`super::syllables`] can match
//! queries against a title's syllables.

use std::collections::HashMap;
use std::sync::OnceLock;

use pinyin::ToPinyin;

use super::fold::letter_mask;

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

/// Phrases by their first character, longest first, with their readings'
/// syllable ids; `starts` has a bit for each first character in the BMP, so
/// most characters are passed over without hashing.
struct PhraseIndex {
    by_first: HashMap<char, Vec<Phrase>>,
    starts: Vec<u64>,
}

/// A phrase's characters and the syllable id of each.
type Phrase = (Vec<char>, Vec<u16>);

impl PhraseIndex {
    fn may_start(&self, c: char) -> bool {
        let u = c as usize;
        match self.starts.get(u / 64) {
            Some(bits) => bits & (1 << (u % 64)) != 0,
            None => self.by_first.contains_key(&c),
        }
    }
}

fn phrase_index() -> &'static PhraseIndex {
    static INDEX: OnceLock<PhraseIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let table = syllable_table();
        let mut index = PhraseIndex {
            by_first: HashMap::new(),
            starts: vec![0; 0x10000 / 64],
        };
        for (phrase, syllables) in phrases() {
            let chars: Vec<char> = phrase.chars().collect();
            let ids: Vec<u16> = syllables
                .iter()
                .map(|r| table.ids.get(r.as_str()).copied().unwrap_or(0))
                .collect();
            if let Some(&first) = chars.first() {
                if let Some(bits) = index.starts.get_mut(first as usize / 64) {
                    *bits |= 1 << (first as usize % 64);
                }
                index.by_first.entry(first).or_default().push((chars, ids));
            }
        }
        for list in index.by_first.values_mut() {
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
/// characters without one (Latin letters, digits, punctuation).
pub fn readings(chars: &[char]) -> Vec<Option<&'static str>> {
    let mut ids = Vec::with_capacity(chars.len());
    reading_ids(chars, &mut ids);
    let names = &syllable_table().names;
    ids.into_iter()
        .map(|id| (id != 0).then(|| names[id as usize]))
        .collect()
}

/// Appends the syllable id of each character of `chars` in context to
/// `out` (0: no reading): each character's default reading, overridden
/// where a phrase of the table starts.
pub fn reading_ids(chars: &[char], out: &mut Vec<u16>) {
    let start = out.len();
    out.extend(chars.iter().map(|&c| default_id(c)));
    let index = phrase_index();
    let mut i = 0;
    while i < chars.len() {
        let mut step = 1;
        if index.may_start(chars[i]) {
            if let Some(list) = index.by_first.get(&chars[i]) {
                if let Some((phrase, ids)) = list.iter().find(|(p, _)| chars[i..].starts_with(p)) {
                    out[start + i..start + i + ids.len()].copy_from_slice(ids);
                    step = phrase.len();
                }
            }
        }
        i += step;
    }
}

/// The id of a character's default reading (0: none), from a dense table
/// for the common CJK blocks.
pub(super) fn default_id(c: char) -> u16 {
    let u = c as u32;
    if u < 0x80 {
        return 0;
    }
    let t = syllable_table();
    match u
        .checked_sub(DENSE_FROM)
        .and_then(|k| t.dense.get(k as usize))
    {
        Some(&id) => id,
        None => default_reading(c)
            .and_then(|r| t.ids.get(r).copied())
            .unwrap_or(0),
    }
}

/// Every reading, numbered (0 is "no reading"), so a title's readings take
/// two bytes a character.
pub(super) struct SyllableTable {
    pub(super) names: Vec<&'static str>,
    ids: HashMap<&'static str, u16>,
    /// The default reading's id of each character from `DENSE_FROM` to U+9FFF.
    dense: Vec<u16>,
    /// Per id: the letters its spelling uses, and its first letter, as bit sets.
    pub(super) letters: Vec<u32>,
    pub(super) initial: Vec<u32>,
    /// Per id: the first letter of its spelling, as a byte.
    pub(super) first: Vec<u8>,
}

const DENSE_FROM: u32 = 0x3400;

/// How many syllable ids there are (an index read from a file may hold no
/// other).
pub(crate) fn syllable_count() -> usize {
    syllable_table().names.len()
}

pub(super) fn syllable_table() -> &'static SyllableTable {
    static TABLE: OnceLock<SyllableTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = SyllableTable {
            names: vec![""],
            ids: HashMap::new(),
            dense: Vec::with_capacity(0xa000 - DENSE_FROM as usize),
            letters: Vec::new(),
            initial: Vec::new(),
            first: Vec::new(),
        };
        let add = |t: &mut SyllableTable, r: &'static str| -> u16 {
            if let Some(&id) = t.ids.get(r) {
                return id;
            }
            let id = t.names.len() as u16;
            t.ids.insert(r, id);
            t.names.push(r);
            id
        };
        for u in DENSE_FROM..0xa000 {
            let id = char::from_u32(u)
                .and_then(default_reading)
                .map_or(0, |r| add(&mut t, r));
            t.dense.push(id);
        }
        for readings in phrases().values() {
            for r in readings {
                add(&mut t, r.as_str());
            }
        }
        t.letters = t.names.iter().map(|n| letter_mask(n.chars())).collect();
        t.first = t
            .names
            .iter()
            .map(|n| n.bytes().next().unwrap_or(0))
            .collect();
        t.initial = t
            .names
            .iter()
            .map(|n| letter_mask(n.chars().take(1)))
            .collect();
        t
    })
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
}
