//! Full-text search: substring (not fuzzy: too noisy on long text) over every
//! node's title, text and table cells, folded like the palette, and in full
//! pinyin aligned to syllables (`hangye` finds 行业, not 航…).

use crate::model::schema::Node;
use crate::model::{NodeIx, Tree};

use super::fold::{case_sensitive, fold_compact, fold_query};
use super::pinyin::{form, PinyinForm};

/// One searchable string of a node.
#[derive(Debug, Clone)]
struct Field {
    node: NodeIx,
    text: String,
    folded: Vec<char>,
    lower: Vec<char>,
    map: Vec<u32>,
    pinyin: PinyinForm,
}

/// Every node's strings with their folded and pinyin forms, built once.
#[derive(Debug, Clone, Default)]
pub struct TextIndex {
    fields: Vec<Field>,
}

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

fn strings(tree: &Tree, ix: NodeIx) -> Vec<String> {
    let mut out = vec![tree.title(ix).to_string(), tree.text(ix).to_string()];
    match &tree.nodes[ix].data {
        Some(Node::Table(t)) => {
            for row in t.header.iter().chain(&t.rows) {
                out.extend(row.iter().cloned());
            }
            out.extend(t.notes.iter().cloned());
        }
        Some(Node::Task(t)) => {
            out.extend(t.lead.iter().cloned());
            out.extend(t.support.iter().cloned());
        }
        Some(Node::Decision(d)) => {
            out.push(d.unit.clone());
            out.extend(d.due.clone());
        }
        Some(Node::Document(d)) => {
            out.push(d.doc_number.clone());
            out.extend(d.title_en.clone());
        }
        _ => {}
    }
    out.retain(|s| !s.is_empty());
    out
}

impl TextIndex {
    pub fn build(tree: &Tree) -> TextIndex {
        let mut fields = Vec::new();
        for ix in 1..tree.len() {
            for text in strings(tree, ix) {
                let (folded, map) = fold_compact(&text);
                let lower: Vec<char> = folded
                    .iter()
                    .flat_map(|c| c.to_lowercase().take(1))
                    .collect();
                let compact: Vec<u32> = (0..folded.len() as u32).collect();
                let pinyin = form(&folded, &compact);
                fields.push(Field {
                    node: ix,
                    text,
                    folded,
                    lower,
                    map,
                    pinyin,
                });
            }
        }
        TextIndex { fields }
    }

    /// Nodes containing `query`, in document order, one hit per node.
    pub fn search(&self, query: &str) -> Vec<TextHit> {
        let q: Vec<char> = fold_query(query).chars().collect();
        if q.is_empty() {
            return Vec::new();
        }
        let sensitive = case_sensitive(query);
        let ql: Vec<char> = q.iter().flat_map(|c| c.to_lowercase().take(1)).collect();
        let pinyin_query: Option<String> = (q.iter().all(|c| c.is_ascii_alphabetic())
            && q.len() >= 2)
            .then(|| ql.iter().collect());
        let mut hits: Vec<TextHit> = Vec::new();
        for f in &self.fields {
            let hay = if sensitive { &f.folded } else { &f.lower };
            let needle = if sensitive { &q } else { &ql };
            let mut ranges: Vec<(usize, usize)> = find_all(hay, needle)
                .into_iter()
                .map(|p| (f.map[p] as usize, f.map[p + needle.len() - 1] as usize + 1))
                .collect();
            if let Some(pq) = &pinyin_query {
                for p in pinyin_matches(&f.pinyin, pq) {
                    let (a, b) = p;
                    let range = (f.map[a] as usize, f.map[b] as usize + 1);
                    if !ranges.iter().any(|r| r.0 <= range.0 && range.1 <= r.1) {
                        ranges.push(range);
                    }
                }
            }
            if ranges.is_empty() {
                continue;
            }
            ranges.sort_unstable();
            match hits.last_mut() {
                Some(h) if h.node == f.node => h.count += ranges.len(),
                _ => hits.push(TextHit {
                    node: f.node,
                    field: f.text.clone(),
                    start: ranges[0].0,
                    end: ranges[0].1,
                    count: ranges.len(),
                }),
            }
        }
        hits
    }
}

fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == *needle)
        .collect()
}

/// Matches of a letters-only query in a pinyin form that start and end on
/// syllable boundaries; returns (first, last) compact character indices.
fn pinyin_matches(f: &PinyinForm, q: &str) -> Vec<(usize, usize)> {
    let text: Vec<char> = f.text.chars().collect();
    let needle: Vec<char> = q.chars().collect();
    find_all(&text, &needle)
        .into_iter()
        .filter(|&p| {
            let end = p + needle.len();
            f.starts[p] && (end == text.len() || f.starts[end])
        })
        // Only where the match covers hanzi (plain letters already matched as text).
        .filter(|&p| f.map[p] != f.map[p + needle.len() - 1] || needle.len() > 1)
        .map(|p| (f.map[p] as usize, f.map[p + needle.len() - 1] as usize))
        .collect()
}

/// Full-text search over a tree (builds the index; keep a `TextIndex` to
/// search repeatedly).
pub fn text_search(tree: &Tree, query: &str) -> Vec<TextHit> {
    TextIndex::build(tree).search(query)
}
