//! Full-text search: substring (not fuzzy: too noisy on long text) over every
//! node's title, text and table cells, folded like the palette, and in full
//! pinyin aligned to syllables (`hangye` finds 行业, not 航…).

use crate::model::schema::Node;
use crate::model::{NodeIx, Tree};
use rayon::prelude::*;

use super::fold::{case_sensitive, fold_compact, fold_query};
use super::pinyin::readings;

/// A node that contains the query: the first match, and how many there are.
#[derive(Debug, Clone, PartialEq)]
pub struct TextHit {
    pub node: NodeIx,
    /// The string that matched (a title, a text, a cell), as written.
    pub field: String,
    /// The first match's character range in `field`.
    pub start: usize,
    pub end: usize,
    /// Matches in this node.
    pub count: usize,
}

impl TextHit {
    /// Up to `context` characters either side of the match, and the
    /// match's character indices in that snippet.
    pub fn snippet(&self, context: usize) -> (String, Vec<usize>) {
        let chars: Vec<char> = self.field.chars().collect();
        let from = self.start.saturating_sub(context);
        let to = (self.end + context).min(chars.len());
        let mut s = String::new();
        let mut offset = 0;
        if from > 0 {
            s.push('…');
            offset = 1;
        }
        s.extend(&chars[from..to]);
        if to < chars.len() {
            s.push('…');
        }
        let matched = (self.start..self.end).map(|i| i - from + offset).collect();
        (s, matched)
    }

    /// The matched text as written.
    pub fn matched_text(&self) -> String {
        self.field
            .chars()
            .skip(self.start)
            .take(self.end - self.start)
            .collect()
    }
}

/// Every searchable string of a node, borrowed from the tree.
pub fn strings(tree: &Tree, ix: NodeIx) -> Vec<&str> {
    let mut out = vec![tree.title(ix), tree.text(ix)];
    match &tree.nodes[ix].data {
        Some(Node::Table(t)) => {
            for row in t.header.iter().chain(&t.rows) {
                out.extend(row.iter().map(String::as_str));
            }
            out.extend(t.notes.iter().map(String::as_str));
        }
        Some(Node::Task(t)) => {
            out.extend(t.lead.iter().map(String::as_str));
            out.extend(t.support.iter().map(String::as_str));
            out.push(&t.due_text);
            out.extend(t.fields.iter().map(|(_, v)| v.as_str()));
        }
        // A decision's month is a date, found through the timeline.
        Some(Node::Decision(d)) => out.push(&d.unit),
        Some(Node::Document(d)) => {
            out.extend(d.doc_number.as_deref());
            out.extend(d.title_en.as_deref());
        }
        _ => {}
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Nodes containing `query`, in document order, one hit per node. Scans the
/// tree's strings directly, folding on the fly, split over the cores: no
/// index to build or keep (on a 500-issue archive an index of every
/// character's pinyin would cost several times the archive's size).
pub fn search(tree: &Tree, query: &str) -> Vec<TextHit> {
    search_until(tree, query, &|| false).unwrap_or_default()
}

/// [`search`], giving up (`None`) soon after `stop` says so: it is asked
/// every few thousand nodes, so a newer query need not wait for this one.
pub fn search_until(
    tree: &Tree,
    query: &str,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<TextHit>> {
    let Some(q) = TextQuery::new(query) else {
        return Some(Vec::new());
    };
    let n = tree.len();
    let chunk = n.div_ceil(crate::cores()).max(1);
    let starts: Vec<usize> = (1..n).step_by(chunk).collect();
    // Each run on a core; a run that sees `stop` gives up, and so does all.
    let parts: Option<Vec<Vec<TextHit>>> = starts
        .par_iter()
        .map(|&start| {
            let mut out = Vec::new();
            for ix in start..(start + chunk).min(n) {
                if (ix - start) % 4096 == 0 && stop() {
                    return None;
                }
                if let Some(m) = q.first_match(strings(tree, ix)) {
                    out.push(m.hit(ix));
                }
            }
            Some(out)
        })
        .collect();
    parts.map(|p| p.into_iter().flatten().collect())
}

/// A query folded for full-text search, matched against any strings (a
/// node's in the tree, or a record of the library's text index).
pub struct TextQuery {
    needle: Vec<char>,
    sensitive: bool,
    /// The forms the needle's first character takes in the source.
    first: Vec<char>,
    /// A letters-only query: its letters, and the hanzi that can start it.
    pinyin: Option<(Vec<char>, Vec<bool>)>,
}

/// The first of some strings that matches, where, and how many matches
/// all of them hold.
#[derive(Debug, Clone, PartialEq)]
pub struct StrMatch<'a> {
    pub field: &'a str,
    pub start: usize,
    pub end: usize,
    pub count: usize,
}

impl StrMatch<'_> {
    pub fn hit(&self, node: NodeIx) -> TextHit {
        TextHit {
            node,
            field: self.field.to_string(),
            start: self.start,
            end: self.end,
            count: self.count,
        }
    }
}

impl TextQuery {
    /// `None` for a query that folds to nothing.
    pub fn new(query: &str) -> Option<TextQuery> {
        let q: Vec<char> = fold_query(query).chars().collect();
        if q.is_empty() {
            return None;
        }
        let sensitive = case_sensitive(query);
        let ql: Vec<char> = q.iter().flat_map(|c| c.to_lowercase().take(1)).collect();
        let needle: Vec<char> = if sensitive { q } else { ql.clone() };
        let pinyin = (needle.iter().all(|c| c.is_ascii_alphabetic()) && needle.len() >= 2)
            .then(|| (ql.clone(), first_syllable_hanzi(&ql)));
        Some(TextQuery {
            first: variants(needle[0], sensitive),
            needle,
            sensitive,
            pinyin,
        })
    }

    /// The first string that matches, with the count over all of them.
    pub fn first_match<'a>(
        &self,
        strings: impl IntoIterator<Item = &'a str>,
    ) -> Option<StrMatch<'a>> {
        let mut found: Option<StrMatch<'a>> = None;
        for text in strings {
            let ranges = self.ranges(text);
            let Some(&(start, end)) = ranges.first() else {
                continue;
            };
            match &mut found {
                Some(m) => m.count += ranges.len(),
                None => {
                    found = Some(StrMatch {
                        field: text,
                        start,
                        end,
                        count: ranges.len(),
                    })
                }
            }
        }
        found
    }

    /// Every match in one string, as character ranges, in order.
    fn ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let pinyin = self
            .pinyin
            .as_ref()
            .map(|(q, set)| (q.as_slice(), set.as_slice()));
        // Cheap rejections before folding: the first character of a literal
        // match in one of its forms, or a hanzi that can start a pinyin match.
        let literal = text.contains(self.first.as_slice());
        let spelled = pinyin.is_some_and(|(_, set)| {
            text.chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) && set[c as usize - 0x4e00])
        });
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        if literal {
            ranges = literal_matches(text, &self.needle, self.sensitive);
        }
        if let (Some((pq, set)), true) = (pinyin, spelled) {
            let (folded, map) = fold_compact(text);
            for (a, b) in spelled_matches(&folded, pq, set) {
                let range = (map[a] as usize, map[b] as usize + 1);
                if !ranges.iter().any(|r| r.0 <= range.0 && range.1 <= r.1) {
                    ranges.push(range);
                }
            }
        }
        ranges.sort_unstable();
        ranges
    }
}

/// The forms a folded query character can take in the source: itself, its
/// upper case (when case does not matter) and their full-width forms.
fn variants(c: char, sensitive: bool) -> Vec<char> {
    let mut v = vec![c];
    if !sensitive {
        v.extend(c.to_uppercase());
    }
    let wide: Vec<char> = v
        .iter()
        .filter(|c| ('!'..='~').contains(*c))
        .filter_map(|&c| char::from_u32(c as u32 + 0xfee0))
        .collect();
    v.extend(wide);
    v
}

/// Hanzi whose reading can start a pinyin match of `q`: readings that are a
/// prefix of the query (by default or inside a phrase of the table).
fn first_syllable_hanzi(q: &[char]) -> Vec<bool> {
    let qs: String = q.iter().collect();
    let mut set = vec![false; 0x9fff - 0x4e00 + 1];
    for (k, slot) in set.iter_mut().enumerate() {
        if let Some(r) = char::from_u32(0x4e00 + k as u32).and_then(super::pinyin::default_reading)
        {
            *slot = qs.starts_with(r);
        }
    }
    for (phrase, readings) in super::pinyin::phrases() {
        for (c, r) in phrase.chars().zip(readings) {
            if qs.starts_with(r.as_str()) && ('\u{4e00}'..='\u{9fff}').contains(&c) {
                set[c as usize - 0x4e00] = true;
            }
        }
    }
    set
}

/// Literal matches of the folded `needle` in `text`, as character ranges of
/// `text`. Text that folding cannot change for this needle (no whitespace,
/// and no full-width letters or digits when the needle has ASCII) is searched
/// as it is; anything else is folded first.
fn literal_matches(text: &str, needle: &[char], sensitive: bool) -> Vec<(usize, usize)> {
    let ascii_needle = needle.iter().any(|c| ('!'..='~').contains(c));
    let plain = !text
        .chars()
        .any(|c| c.is_whitespace() || (ascii_needle && ('\u{ff01}'..='\u{ff5e}').contains(&c)));
    let needle_str: String = needle.iter().collect();
    if plain && (sensitive || needle.iter().all(char::is_ascii)) {
        let hay = if sensitive {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(text.to_ascii_lowercase())
        };
        let n = needle.len();
        return hay
            .match_indices(needle_str.as_str())
            .map(|(b, _)| {
                let start = hay[..b].chars().count();
                (start, start + n)
            })
            .collect();
    }
    let (folded, map) = fold_compact(text);
    let hay: Vec<char> = if sensitive {
        folded
    } else {
        folded
            .iter()
            .flat_map(|c| c.to_lowercase().take(1))
            .collect()
    };
    find_all(&hay, needle)
        .into_iter()
        .map(|p| (map[p] as usize, map[p + needle.len() - 1] as usize + 1))
        .collect()
}

/// Pinyin matches of a letters-only query, aligned to syllables: at each
/// hanzi that can start one, the readings of a small window (phrases need
/// two characters of context) are spelled out and compared. Returns
/// (first, last) indices into `folded`.
fn spelled_matches(folded: &[char], q: &[char], starts: &[bool]) -> Vec<(usize, usize)> {
    let qs: String = q.iter().collect();
    let mut out = Vec::new();
    for (p, &c) in folded.iter().enumerate() {
        if !('\u{4e00}'..='\u{9fff}').contains(&c) || !starts[c as usize - 0x4e00] {
            continue;
        }
        let lo = p.saturating_sub(2);
        let hi = (p + q.len() + 2).min(folded.len());
        let r = readings(&folded[lo..hi]);
        let mut spelled = String::new();
        let mut k = p - lo;
        while spelled.len() < qs.len() && k < r.len() {
            match r[k] {
                Some(s) => spelled.push_str(s),
                None => break,
            }
            k += 1;
        }
        if spelled == qs {
            out.push((p, lo + k - 1));
        }
    }
    out
}

fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == *needle)
        .collect()
}

#[cfg(test)]
mod stop_tests {
    use super::*;

    #[test]
    fn a_search_told_to_stop_gives_up_and_one_not_told_finishes() {
        let tree = crate::model::load_embedded().expect("embedded");
        assert_eq!(search_until(&tree, "行业", &|| true), None);
        let all = search_until(&tree, "行业", &|| false).expect("finishes");
        assert_eq!(all, search(&tree, "行业"));
        assert!(all.len() > 10);
    }
}
