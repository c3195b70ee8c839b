//! The library's search index: what `find` needs of each entry without
//! reading its RON. For each entry, three sealed files in `.gongbao/index/`,
//! named by the hash of the entry's RON (so an entry that changes gets new
//! ones, and the old ones are swept):
//!
//! - `HASH.titles`: the palette's candidates (titles folded, with their
//!   readings: [`Columns`]) and its units' spellings;
//! - `HASH.nodes`: its nodes (kind, parent, id, and for a node with
//!   children the name a breadcrumb shows), read only for the entries a
//!   search's shown hits are in;
//! - `HASH.text`: every node's searchable strings (`find --text`), read an
//!   entry at a time until enough hits are found;
//! - `HASH.cites`: the citations found in its titles and texts, not yet
//!   resolved (resolving takes the whole library, and is done once when it
//!   loads; see [`Library::scans_for`]).
//!
//! How many nodes each entry has, its order in the library and its
//! gazette come from the catalogue index, so nodes are numbered across the
//! library without reading any of these files.
//!
//! `add` writes them as it stores an entry; a reader makes any that is
//! missing or damaged from the entry (and writes it, unless the library is
//! read-only). Like the catalogue index, nothing here is trusted: each file
//! is checksummed and, once decoded, checked to hang together before use.
//! The results are those of the same search over the whole library's tree
//! (a test holds them to it), in the same order.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Catalogue, Library, LibraryError, Stored};
use crate::fsio;
use crate::model::schema::Entry;
use crate::model::{Kind, NodeIx, Tree};
use crate::search::fulltext::{strings, TextHit, TextQuery};
use crate::search::index::{candidate_title, node_candidates, Columns, Index};

const NODES: &[u8; 8] = b"GBNOD02\n";
const TITLES: &[u8; 8] = b"GBTTL02\n";
const TEXT: &[u8; 8] = b"GBTXT01\n";
const CITES: &[u8; 8] = b"GBCIT01\n";
/// The most one index file may hold (an entry is at most
/// `load::MAX_FILE_BYTES` of RON; its index is smaller).
const MAX_BYTES: u64 = crate::model::load::MAX_FILE_BYTES;
/// A node without a parent in its entry (the entry's top node).
const TOP: u32 = u32::MAX;

/// Strings one after another, each found by where it starts.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Strs {
    text: String,
    #[serde(with = "crate::packed::u32s")]
    at: Vec<u32>,
}

impl Strs {
    fn push(&mut self, s: &str) {
        self.at.push(self.text.len() as u32);
        self.text.push_str(s);
    }

    fn len(&self) -> usize {
        self.at.len()
    }

    fn get(&self, k: usize) -> &str {
        let end = self.at.get(k + 1).map_or(self.text.len(), |&e| e as usize);
        self.at
            .get(k)
            .and_then(|&a| self.text.get(a as usize..end))
            .unwrap_or("")
    }

    /// Offsets in order, in bounds and at character boundaries.
    fn is_sound(&self) -> bool {
        self.at.windows(2).all(|w| w[0] <= w[1])
            && self.at.first().is_none_or(|&a| a == 0)
            && self
                .at
                .iter()
                .all(|&a| self.text.is_char_boundary(a as usize))
    }
}

/// What the nodes file holds of one entry.
#[derive(Debug, Serialize, Deserialize)]
pub struct Nodes {
    /// The entry's id: its nodes' ids are `ID/…`.
    entry: String,
    /// Per node, in document order from the entry's top node.
    kinds: Vec<Kind>,
    #[serde(with = "crate::packed::u32s")]
    parents: Vec<u32>,
    /// The id without `ENTRY/` (empty for an id that is `ENTRY` alone).
    ids: Strs,
    /// What a breadcrumb shows for a node with children (empty otherwise).
    crumbs: Strs,
}

/// What the titles file holds of one entry.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Titles {
    /// Each unit spelling and its jurisdiction.
    units: Vec<(Option<String>, String)>,
    /// The palette's candidates; targets are nodes of this entry.
    candidates: Columns,
}

/// What the text file holds of one entry: each node with searchable
/// strings, and its label (for the hit's title) as a head and whether the
/// first string follows it.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Text {
    #[serde(with = "crate::packed::u32s")]
    nodes: Vec<u32>,
    heads: Strs,
    #[serde(with = "serde_bytes")]
    whole: Vec<u8>,
    strings: Strs,
    /// Record `k`'s strings are `strings[string_at[k]..string_at[k + 1]]`.
    #[serde(with = "crate::packed::u32s")]
    string_at: Vec<u32>,
}

impl Nodes {
    /// Whether it hangs together and is the node table of entry `id`
    /// with `n` nodes.
    fn is_sound(&self, id: &str, n: usize) -> bool {
        self.entry == id
            && self.kinds.len() == n
            && n > 0
            && self.parents.len() == n
            && self.ids.len() == n
            && self.crumbs.len() == n
            && self.ids.is_sound()
            && self.crumbs.is_sound()
            && self
                .parents
                .iter()
                .enumerate()
                .all(|(k, &p)| if k == 0 { p == TOP } else { (p as usize) < k })
    }
}

impl Text {
    fn is_sound(&self, nodes: usize) -> bool {
        let n = self.nodes.len();
        self.heads.len() == n
            && self.whole.len() == n
            && self.string_at.len() == n
            && self.heads.is_sound()
            && self.strings.is_sound()
            && self.nodes.iter().all(|&k| (k as usize) < nodes)
            && self.string_at.windows(2).all(|w| w[0] <= w[1])
            && self
                .string_at
                .last()
                .is_none_or(|&a| a as usize <= self.strings.len())
    }

    /// Record `k`'s strings.
    fn strings(&self, k: usize) -> impl Iterator<Item = &str> {
        let from = self.string_at.get(k).map_or(0, |&a| a as usize);
        let to = self
            .string_at
            .get(k + 1)
            .map_or(self.strings.len(), |&a| a as usize);
        (from..to.max(from)).map(|j| self.strings.get(j))
    }

    /// Record `k`'s label.
    fn label(&self, k: usize) -> String {
        let head = self.heads.get(k);
        match self.whole.get(k) {
            Some(1) => format!("{head}{}", self.strings(k).next().unwrap_or("")),
            _ => head.to_string(),
        }
    }
}

/// The three files' contents for one entry.
pub fn build(entry: &Entry) -> Parts {
    let tree = Tree::archive(vec![entry.clone()]);
    let top = tree.entry_node(0);
    let id = crate::model::tree::entry_key(entry);
    let prefix = format!("{id}/");
    let n = tree.len() - top;
    let mut t = Nodes {
        entry: id.clone(),
        kinds: Vec::with_capacity(n),
        parents: Vec::with_capacity(n),
        ids: Strs::default(),
        crumbs: Strs::default(),
    };
    let mut candidates = node_candidates(&tree, top..tree.len());
    candidates.retarget(|g| g - top as u32);
    let mut x = Text::default();
    for ix in top..tree.len() {
        let node = &tree.nodes[ix];
        let local = (ix - top) as u32;
        t.kinds.push(node.kind);
        t.parents.push(match node.parent {
            Some(p) if p >= top => (p - top) as u32,
            _ => TOP,
        });
        t.ids.push(node.id.strip_prefix(&prefix).unwrap_or(""));
        t.crumbs.push(&if node.children.is_empty() {
            String::new()
        } else {
            crumb(&tree, ix)
        });
        let strs = strings(&tree, ix);
        if strs.is_empty() {
            continue;
        }
        let label = candidate_title(&tree, ix);
        x.nodes.push(local);
        x.string_at.push(x.strings.len() as u32);
        match label.strip_suffix(strs[0]) {
            Some(head) => {
                x.heads.push(head);
                x.whole.push(1);
            }
            None => {
                x.heads.push(&label);
                x.whole.push(0);
            }
        }
        for s in strs {
            x.strings.push(s);
        }
    }
    Parts {
        nodes: t,
        titles: Titles {
            units: crate::domain::units::Units::written(&tree),
            candidates,
        },
        text: x,
        cites: Cites {
            rows: crate::domain::citations::scan_nodes(&tree, top..tree.len())
                .into_iter()
                .map(|mut r| {
                    r.node -= top;
                    r
                })
                .collect(),
        },
    }
}

/// Bytes as one of an entry's index files' bodies (the first byte says
/// which: nodes, titles, text), decoded, checked as a reader checks them
/// and, when they pass, used as a search uses them: every node's
/// breadcrumb walk, the palette over the candidates, every text record's
/// strings and title, a full-text query. For the fuzz target and its
/// corpus replay: nothing that passes the checks may make a search panic.
pub fn exercise(data: &[u8]) {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    fn decode<T: serde::de::DeserializeOwned>(b: &[u8]) -> Option<T> {
        rmp_serde::from_slice(b).ok()
    }
    match which % 3 {
        0 => {
            let Some(n) = decode::<Nodes>(body) else {
                return;
            };
            if !n.is_sound(&n.entry, n.kinds.len()) {
                return;
            }
            for k in 0..n.kinds.len() {
                let _ = n.ids.get(k);
                let mut cur = n.parents.get(k).copied().unwrap_or(TOP);
                while cur != TOP {
                    let _ = n.crumbs.get(cur as usize);
                    cur = n.parents.get(cur as usize).copied().unwrap_or(TOP);
                }
            }
        }
        1 => {
            let Some(t) = decode::<Titles>(body) else {
                return;
            };
            let targets = t.candidates.len() * 4 + 16;
            if !t.candidates.is_sound(targets) {
                return;
            }
            let units = crate::domain::units::Units::names_of(&t.units);
            let index = Index::from_runs(vec![t.candidates], &units);
            for q in ["x", "xcl", "新", "新材料", "zz", "A1", "第十条"] {
                for h in index.search(q, None, 20).hits {
                    let _ = index.title(h.candidate);
                    let _ = index.matched(h.candidate, q);
                }
            }
        }
        _ => {
            let Some(x) = decode::<Text>(body) else {
                return;
            };
            let n = x.nodes.iter().map(|&k| k as usize + 1).max().unwrap_or(0);
            if !x.is_sound(n) {
                return;
            }
            let queries: Vec<TextQuery> = ["行业", "hangye", "IGBT", "。"]
                .iter()
                .filter_map(|q| TextQuery::new(q))
                .collect();
            for k in 0..x.nodes.len() {
                let _ = x.label(k);
                for q in &queries {
                    if let Some(m) = q.first_match(x.strings(k)) {
                        let _ = m.hit(k).snippet(16);
                    }
                }
            }
        }
    }
}

/// The bodies of the index files of the embedded sample issue, each with
/// the byte [`exercise`] reads first: the seeds of the index fuzz target.
pub fn sample_bodies() -> Vec<Vec<u8>> {
    let Ok(tree) = crate::model::load_embedded() else {
        return Vec::new();
    };
    let p = build(&tree.into_entry());
    [
        (0u8, rmp_serde::to_vec(&p.nodes)),
        (1, rmp_serde::to_vec(&p.titles)),
        (2, rmp_serde::to_vec(&p.text)),
    ]
    .into_iter()
    .filter_map(|(k, b)| {
        let mut v = vec![k];
        v.extend(b.ok()?);
        Some(v)
    })
    .collect()
}

/// What a breadcrumb shows of a node: a document's 文号 and title, else
/// its label (as `commands::breadcrumb`).
pub fn crumb(tree: &Tree, ix: NodeIx) -> String {
    match tree.nodes[ix].kind {
        Kind::Document => tree.document_name(ix),
        _ => tree.label(ix),
    }
}

/// An entry's index, as made from the entry.
#[derive(Debug)]
pub struct Parts {
    nodes: Nodes,
    titles: Titles,
    text: Text,
    cites: Cites,
}

/// The citations an entry's titles and texts hold, its nodes numbered from
/// the entry's top node.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cites {
    rows: Vec<crate::domain::citations::Scanned>,
}

impl Cites {
    /// Every node inside the entry's `n`, every range not empty.
    fn is_sound(&self, n: usize) -> bool {
        self.rows
            .iter()
            .all(|r| r.node < n && r.found.start < r.found.end)
    }
}

/// Which of an entry's index files.
#[derive(Debug, Clone, Copy)]
enum Part {
    Nodes,
    Titles,
    Text,
    Cites,
}

impl Part {
    fn ext(self) -> &'static str {
        match self {
            Part::Nodes => "nodes",
            Part::Titles => "titles",
            Part::Text => "text",
            Part::Cites => "cites",
        }
    }

    fn magic(self) -> &'static [u8; 8] {
        match self {
            Part::Nodes => NODES,
            Part::Titles => TITLES,
            Part::Text => TEXT,
            Part::Cites => CITES,
        }
    }
}

impl Library {
    fn index_dir(&self) -> PathBuf {
        self.machinery().join("index")
    }

    fn index_file(&self, content: &str, part: Part) -> PathBuf {
        self.index_dir().join(format!("{content}.{}", part.ext()))
    }

    /// Writes an entry's index files (a file already there is the same:
    /// its name is its entry's content).
    pub(crate) fn write_parts(&self, content: &str, p: &Parts) -> Result<(), LibraryError> {
        let dir = self.index_dir();
        std::fs::create_dir_all(&dir).map_err(super::io_err(&dir))?;
        let bodies = [
            (Part::Nodes, rmp_serde::to_vec(&p.nodes)),
            (Part::Titles, rmp_serde::to_vec(&p.titles)),
            (Part::Text, rmp_serde::to_vec(&p.text)),
            (Part::Cites, rmp_serde::to_vec(&p.cites)),
        ];
        for (part, body) in bodies {
            let path = self.index_file(content, part);
            let body = body.map_err(|e| super::io_err(&path)(std::io::Error::other(e)))?;
            // Rebuildable: no sync (a file cut short by a crash fails its
            // checksum and is made again).
            fsio::write_atomic_unsynced(&path, &fsio::seal(part.magic(), &body))?;
        }
        Ok(())
    }

    /// Takes away the index files of no entry of the catalogue (the
    /// caller holds the lock); returns how many went.
    pub(crate) fn sweep_search(&self, cat: &Catalogue) -> usize {
        let keep: std::collections::HashSet<&str> =
            cat.entries.iter().map(|s| s.content.as_str()).collect();
        let mut gone = 0;
        for e in std::fs::read_dir(self.index_dir())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = e.file_name().to_string_lossy().into_owned();
            let content = name.split('.').next().unwrap_or("");
            if !keep.contains(content) && std::fs::remove_file(e.path()).is_ok() {
                gone += 1;
            }
        }
        gone
    }

    /// Makes the index files an entry lacks (a killed `add` can leave an
    /// entry with some of them; a reader would make them, this makes the
    /// library whole at once). The caller holds the lock. Returns how many
    /// entries were indexed anew.
    pub(crate) fn complete_search(&self, cat: &Catalogue) -> usize {
        let parts = [Part::Nodes, Part::Titles, Part::Text, Part::Cites];
        let lacking: Vec<&Stored> = cat
            .entries
            .iter()
            .filter(|s| {
                parts
                    .iter()
                    .any(|&p| !self.index_file(&s.content, p).is_file())
            })
            .collect();
        lacking
            .par_iter()
            .filter(|s| self.remake(&s.file, &s.content).is_some())
            .count()
    }

    /// An entry's index made from its RON, and written unless the library
    /// is read-only; `None` when the entry does not load.
    fn remake(&self, file: &Path, content: &str) -> Option<Parts> {
        let entry = crate::model::load::load_entries(std::slice::from_ref(&file.to_path_buf()))
            .pop()?
            .ok()?;
        let p = build(&entry);
        if self.writes {
            let _ = self.write_parts(content, &p);
        }
        Some(p)
    }

    /// One of an entry's index files, read and checked by `sound`; when it
    /// is missing or damaged, all three are made from the entry (and
    /// written, unless the library is read-only). `None` when the entry
    /// no longer loads.
    fn part<T: serde::de::DeserializeOwned>(
        &self,
        s: &Held,
        part: Part,
        sound: impl Fn(&T) -> bool,
        take: impl FnOnce(Parts) -> T,
    ) -> Option<T> {
        let path = self.index_file(&s.content, part);
        if let Some(t) = read_part::<T>(&path, part.magic()).filter(&sound) {
            return Some(t);
        }
        Some(take(self.remake(&s.file, &s.content)?)).filter(sound)
    }

    fn titles_of(&self, s: &Held) -> Option<Titles> {
        let n = s.nodes as usize;
        self.part(
            s,
            Part::Titles,
            |t: &Titles| t.candidates.is_sound(n),
            |p| p.titles,
        )
    }

    fn nodes_of(&self, s: &Held) -> Option<Nodes> {
        let n = s.nodes as usize;
        self.part(
            s,
            Part::Nodes,
            |t: &Nodes| t.is_sound(&s.id, n),
            |p| p.nodes,
        )
    }

    fn cites_of(&self, s: &Held) -> Option<Cites> {
        let n = s.nodes as usize;
        self.part(s, Part::Cites, |c: &Cites| c.is_sound(n), |p| p.cites)
    }

    /// The citations found in `tree` (the library's, as loaded), read from
    /// each entry's index (made again where missing or damaged, as the
    /// other parts are); an entry not in the catalogue is scanned here.
    pub fn scans_for(
        &self,
        cat: &Catalogue,
        tree: &Tree,
    ) -> Vec<crate::domain::citations::Scanned> {
        use crate::domain::citations::scan_nodes;
        let by_id: std::collections::HashMap<&str, &Stored> =
            cat.entries.iter().map(|s| (s.id.as_str(), s)).collect();
        let per_entry: Vec<Vec<crate::domain::citations::Scanned>> = (0..tree.entries.len())
            .into_par_iter()
            .map(|k| {
                let top = tree.entry_node(k);
                let end = tree.subtree_end(top) + 1;
                // An issue's top node is named by its entry's id, a
                // document's by the entry's id and its own (`ID/d1`).
                let id = tree.nodes[top].id.as_str();
                let stored = by_id
                    .get(id)
                    .or_else(|| id.rsplit_once('/').and_then(|(e, _)| by_id.get(e)))
                    .map(|s| Held::of(s))
                    .filter(|h| h.nodes as usize == end - top)
                    .and_then(|h| self.cites_of(&h));
                match stored {
                    Some(c) => c
                        .rows
                        .into_iter()
                        .map(|mut r| {
                            r.node += top;
                            r
                        })
                        .collect(),
                    None => scan_nodes(tree, top..end),
                }
            })
            .collect();
        per_entry.into_iter().flatten().collect()
    }

    fn text_of(&self, s: &Held) -> Option<Text> {
        let n = s.nodes as usize;
        self.part(s, Part::Text, |x: &Text| x.is_sound(n), |p| p.text)
    }

    /// The library's search index: every entry's nodes numbered in the
    /// library's order, and with `titles` the palette's index over them.
    /// Node tables and text are read as a search needs them.
    pub fn search_index(&self, cat: &Catalogue, titles: bool) -> Searchable {
        let mut order: Vec<(crate::model::tree::Order, &Stored)> =
            cat.entries.iter().map(|s| (s.stub.order(), s)).collect();
        order.sort_by(|a, b| a.0.cmp(&b.0));
        let stored: Vec<Held> = order.into_iter().map(|(_, s)| Held::of(s)).collect();
        if !titles {
            return Searchable::new(self.clone(), stored, None);
        }
        let parts: Vec<Option<Titles>> = stored.par_iter().map(|s| self.titles_of(s)).collect();
        // An entry that no longer loads is left out, as the tree leaves it.
        let (stored, kept): (Vec<Held>, Vec<Titles>) = stored
            .into_iter()
            .zip(parts)
            .filter_map(|(s, t)| Some((s, t?)))
            .unzip();
        Searchable::new(self.clone(), stored, Some(kept))
    }
}

fn read_part<T: serde::de::DeserializeOwned>(path: &Path, magic: &[u8]) -> Option<T> {
    fsio::read_sealed(path, magic, MAX_BYTES, |body| {
        rmp_serde::from_slice(body).ok()
    })
}

/// The library's search index, loaded: every entry's nodes numbered one
/// after another (in the order of the library's tree), and the palette's
/// index over them when asked for.
pub struct Searchable {
    library: Library,
    /// Each entry as the catalogue has it, in the library's order.
    stored: Vec<Held>,
    /// Each entry's node table, read when first needed.
    nodes: Vec<std::sync::OnceLock<Option<Nodes>>>,
    /// Each entry's first node's number.
    base: Vec<u32>,
    index: Option<Index>,
    root_title: String,
}

/// What the search index keeps of an entry from the catalogue.
#[derive(Debug, Clone)]
struct Held {
    id: String,
    content: String,
    file: PathBuf,
    nodes: u32,
    /// An issue's gazette.
    gazette: Option<String>,
}

impl Held {
    fn of(s: &Stored) -> Held {
        Held {
            id: s.id.clone(),
            content: s.content.clone(),
            file: s.file.clone(),
            nodes: s.nodes,
            gazette: match &s.stub {
                super::Stub::Issue(i) => Some(i.title.clone()),
                super::Stub::Document(_) => None,
            },
        }
    }
}

/// A node of the index: its entry's place and its own there.
#[derive(Debug, Clone, Copy)]
struct At {
    entry: usize,
    local: usize,
}

/// A text hit: the node's number, its title, and the match.
pub type TextFound = (usize, String, TextHit);

impl Searchable {
    fn new(library: Library, stored: Vec<Held>, titles: Option<Vec<Titles>>) -> Searchable {
        let mut base = Vec::with_capacity(stored.len());
        let mut at = 0u32;
        for s in &stored {
            base.push(at);
            at = at.saturating_add(s.nodes);
        }
        let index = titles.map(|titles| {
            let mut written: Vec<(Option<String>, String)> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for t in &titles {
                for w in &t.units {
                    if seen.insert(w) {
                        written.push(w.clone());
                    }
                }
            }
            let units = crate::domain::units::Units::names_of(&written);
            // Each entry's candidates are a run of the index (not copied
            // into one), their targets numbered as the library's nodes.
            let runs: Vec<Columns> = titles
                .into_par_iter()
                .zip(base.par_iter())
                .map(|(t, &b)| {
                    let mut c = t.candidates;
                    c.retarget(|t| t + b);
                    c
                })
                .collect();
            Index::from_runs(runs, &units)
        });
        let root_title = library_title(&stored);
        Searchable {
            library,
            nodes: stored.iter().map(|_| std::sync::OnceLock::new()).collect(),
            stored,
            base,
            index,
            root_title,
        }
    }

    /// The palette's index (when asked for); its node targets are this
    /// index's numbers.
    pub fn index(&self) -> Option<&Index> {
        self.index.as_ref()
    }

    fn at(&self, node: usize) -> Option<At> {
        let entry = self
            .base
            .partition_point(|&b| b as usize <= node)
            .checked_sub(1)?;
        let local = node - self.base[entry] as usize;
        (local < self.stored[entry].nodes as usize).then_some(At { entry, local })
    }

    /// An entry's node table, read once.
    fn nodes_of(&self, entry: usize) -> Option<&Nodes> {
        self.nodes[entry]
            .get_or_init(|| self.library.nodes_of(&self.stored[entry]))
            .as_ref()
    }

    /// A node's id.
    pub fn id(&self, node: usize) -> String {
        let Some(a) = self.at(node) else {
            return String::new();
        };
        let Some(t) = self.nodes_of(a.entry) else {
            return String::new();
        };
        match t.ids.get(a.local) {
            "" => t.entry.clone(),
            own => format!("{}/{own}", t.entry),
        }
    }

    pub fn kind(&self, node: usize) -> Option<Kind> {
        let a = self.at(node)?;
        self.nodes_of(a.entry)?.kinds.get(a.local).copied()
    }

    /// What breadcrumbs show above a node: the library's name, then its
    /// ancestors in its entry (as `commands::breadcrumb`).
    pub fn breadcrumb(&self, node: usize) -> Vec<String> {
        let Some(a) = self.at(node) else {
            return Vec::new();
        };
        let Some(t) = self.nodes_of(a.entry) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut cur = t.parents.get(a.local).copied().unwrap_or(TOP);
        // Parents come before their children: the walk ends.
        while cur != TOP {
            out.push(t.crumbs.get(cur as usize).to_string());
            cur = t.parents.get(cur as usize).copied().unwrap_or(TOP);
        }
        out.push(self.root_title.clone());
        out.reverse();
        out
    }

    /// The first `limit` nodes whose strings contain `query` (see
    /// `fulltext`), in the library's order, one hit each. Entries' text is
    /// read a batch at a time, in order, until `limit` hits are found.
    pub fn text_hits(&self, query: &str, limit: usize) -> Vec<TextFound> {
        let Some(q) = TextQuery::new(query) else {
            return Vec::new();
        };
        let batch = crate::cores() * 8;
        let mut out: Vec<TextFound> = Vec::new();
        let entries: Vec<usize> = (0..self.stored.len()).collect();
        for chunk in entries.chunks(batch) {
            let found: Vec<Vec<TextFound>> = chunk
                .par_iter()
                .map(|&e| self.entry_text_hits(e, &q))
                .collect();
            out.extend(found.into_iter().flatten());
            if out.len() >= limit {
                break;
            }
        }
        out.truncate(limit);
        out
    }

    fn entry_text_hits(&self, e: usize, q: &TextQuery) -> Vec<TextFound> {
        let Some(x) = self.library.text_of(&self.stored[e]) else {
            return Vec::new();
        };
        (0..x.nodes.len())
            .filter_map(|k| {
                let m = q.first_match(x.strings(k))?;
                let node = self.base[e] as usize + x.nodes[k] as usize;
                Some((node, x.label(k), m.hit(node)))
            })
            .collect()
    }
}

/// The library's name, as `Tree::root_title` gives it for an archive.
fn library_title(stored: &[Held]) -> String {
    let mut gazettes: Vec<&str> = stored.iter().filter_map(|s| s.gazette.as_deref()).collect();
    let n_issues = gazettes.len();
    let docs = stored.len() - n_issues;
    gazettes.sort_unstable();
    gazettes.dedup();
    crate::model::tree::archive_title(&gazettes, n_issues, docs)
}
#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind has its own code, and the code reads back as the kind.
    #[test]
    fn kinds_round_trip_through_their_codes() {
        let mut names = std::collections::HashSet::new();
        for code in 0..=u8::MAX {
            if let Some(k) = Kind::from_code(code) {
                assert_eq!(k.code(), code);
                names.insert(k.name());
            }
        }
        assert_eq!(names.len(), 19);
    }

    /// A node table whose parent points forward (a loop) is refused.
    #[test]
    fn a_node_table_that_does_not_hang_together_is_refused() {
        let entry = crate::model::load::load_embedded()
            .expect("sample")
            .into_entry();
        let p = build(&entry);
        let id = p.nodes.entry.clone();
        let n = p.nodes.kinds.len();
        assert!(p.nodes.is_sound(&id, n));
        assert!(!p.nodes.is_sound(&id, n + 1));
        let mut bad =
            rmp_serde::from_slice::<Nodes>(&rmp_serde::to_vec(&p.nodes).expect("w")).expect("r");
        bad.parents[3] = 5;
        assert!(!bad.is_sound(&id, n));
        assert!(!p.nodes.is_sound("another", n));
        let x = p.text;
        assert!(x.is_sound(n));
        assert!(!x.is_sound(1), "a record names a node past the end");
    }
}
