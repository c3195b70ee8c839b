//! Who is responsible for what: every unit named (decision units, task lead
//! and supporting units), with spellings merged through the alias table in
//! `assets/config/units.ron` and the user's own `units.ron` (see
//! [`crate::config`]). A unit is a name in a jurisdiction (read from the
//! issuer: [`super::jurisdiction`]): 市教育局 of 重庆市 is not 市教育局 of
//! 成都市. The data keeps names as written.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use serde::Deserialize;

use crate::model::schema::Node;
use crate::model::{NodeIx, Tree};

const TABLE: &str = include_str!("../../assets/config/units.ron");

#[derive(Debug, Default, Deserialize)]
struct AliasFile {
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    compounds: BTreeMap<String, Vec<String>>,
}

/// The alias table as one map, spelling → canonical name, read once: the
/// built-in table, then the user's (a user's mapping of a spelling wins),
/// followed to the end (市住房城乡建委 → 市住房城乡建设委 → a user's
/// 市住房和城乡建设委员会), the same in every run.
fn canon() -> &'static BTreeMap<String, String> {
    static MAP: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut direct: BTreeMap<String, String> = BTreeMap::new();
        let builtin: AliasFile = ron::from_str(TABLE).unwrap_or_default();
        for file in [Some(&builtin), USER.get()].into_iter().flatten() {
            for (name, others) in &file.aliases {
                for o in others.iter().filter(|o| *o != name) {
                    direct.insert(o.clone(), name.clone());
                }
                // A name a user makes canonical is no one's alias.
                direct.remove(name);
            }
        }
        let mut out = BTreeMap::new();
        for spelled in direct.keys() {
            let mut name = spelled;
            // At most as many steps as there are mappings: a cycle stops.
            for _ in 0..direct.len() {
                match direct.get(name) {
                    Some(next) if next != spelled => name = next,
                    _ => break,
                }
            }
            out.insert(spelled.clone(), name.clone());
        }
        out
    })
}

static USER: std::sync::OnceLock<AliasFile> = std::sync::OnceLock::new();

/// Reads the user's `units.ron` (aliases and compounds, in the form of
/// `assets/config/units.ron`), added to the built-in table; an error names
/// the file, line and column. Without this call the built-in table alone
/// is used (as in the tests).
pub fn load_user_aliases() -> Result<(), String> {
    if let Some((path, text)) = crate::config::read("units.ron")? {
        let file: AliasFile =
            ron::from_str(&text).map_err(|e| crate::config::ron_error(&path, &e))?;
        let _ = USER.set(file);
    }
    Ok(())
}

/// The alias table: the built-in one, with the user's added (a user's
/// entry for a name replaces the built-in one), read once.
fn aliases() -> &'static AliasFile {
    static FILE: std::sync::OnceLock<AliasFile> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        let mut file: AliasFile = ron::from_str(TABLE).unwrap_or_default();
        if let Some(user) = USER.get() {
            for (k, v) in &user.aliases {
                file.aliases.insert(k.clone(), v.clone());
            }
            for (k, v) in &user.compounds {
                file.compounds.insert(k.clone(), v.clone());
            }
        }
        file
    })
}

/// The canonical units a cell names, as the units view counts them: a
/// compound cell (市商务委及各行业主管部门) names each of its parts, and an
/// alias (市住房城乡建委) its unit (市住房城乡建设委). One canonicalisation for
/// the units view, the timeline's lanes and its unit filter.
pub fn canonical(written: &str) -> Vec<String> {
    let parts: Vec<&str> = match aliases().compounds.get(written) {
        Some(p) => p.iter().map(String::as_str).collect(),
        None => vec![written],
    };
    parts
        .into_iter()
        .map(|p| canon().get(p).map_or(p, String::as_str).to_string())
        .collect()
}

/// One unit and what it owns across the loaded entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unit {
    /// How it is shown: its name, and its jurisdiction when units of more
    /// than one are loaded (`市教育局（重庆市）`).
    pub unit: String,
    /// Its canonical name (what the timeline's rows and lanes hold).
    pub name: String,
    /// Whose it is; `None` when the issuer does not say.
    pub jurisdiction: Option<String>,
    /// Other spellings seen in the text (or the compound cells it came from).
    pub aliases: Vec<String>,
    pub decisions: Vec<NodeIx>,
    pub lead: Vec<NodeIx>,
    pub support: Vec<NodeIx>,
}

/// What a unit's jurisdiction shows when its issuer does not say.
pub const NO_JURISDICTION: &str = "辖区未注明";

/// The jurisdiction of each document, read once per document.
struct Jurisdictions<'a> {
    tree: &'a Tree,
    /// By the node of the document a naming is in.
    cache: HashMap<NodeIx, Option<Rc<str>>>,
}

impl<'a> Jurisdictions<'a> {
    fn new(tree: &'a Tree) -> Self {
        Jurisdictions {
            tree,
            cache: HashMap::new(),
        }
    }

    /// The jurisdiction of the document node `ix` is in: its issuer's, else
    /// its gazette's.
    fn of(&mut self, ix: NodeIx) -> Option<Rc<str>> {
        let t = self.tree;
        let doc = std::iter::once(ix)
            .chain(t.ancestors(ix).into_iter().rev())
            .find(|&a| t.nodes[a].kind == crate::model::Kind::Document)?;
        if let Some(p) = self.cache.get(&doc) {
            return p.clone();
        }
        let place = t
            .document_of(doc)
            .and_then(|d| d.issuer.as_deref())
            .and_then(super::jurisdiction::of_issuer)
            .or_else(|| {
                t.issue_of(t.nodes[doc].entry)
                    .and_then(|i| super::jurisdiction::of_issuer(&i.title))
            })
            .map(Rc::from);
        self.cache.insert(doc, place.clone());
        place
    }
}

/// Every naming of a unit in a tree, in document order: the node, the
/// jurisdiction it is written in, the spelling and its role (0 a
/// decision's unit, 1 a task's lead, 2 a supporting unit). A blank cell
/// names no unit (it is not a blank row of the list).
fn namings<'a>(tree: &'a Tree, mut each: impl FnMut(NodeIx, &Option<Rc<str>>, &'a str, usize)) {
    let mut places = Jurisdictions::new(tree);
    for ix in 1..tree.len() {
        let mut seen: Vec<(&str, usize)> = Vec::new();
        match &tree.nodes[ix].data {
            Some(Node::Decision(d)) => seen.push((&d.unit, 0)),
            Some(Node::Task(t)) => {
                seen.extend(t.lead.iter().map(|u| (u.as_str(), 1)));
                seen.extend(t.support.iter().map(|u| (u.as_str(), 2)));
            }
            _ => continue,
        }
        seen.retain(|(u, _)| !u.trim().is_empty());
        if seen.is_empty() {
            continue;
        }
        let place = places.of(ix);
        for (w, role) in seen {
            each(ix, &place, w, role);
        }
    }
}

/// A unit as written, and the jurisdiction it is written in.
type Spelling<'a> = (Option<Rc<str>>, &'a str);

#[derive(Debug, Clone, Default)]
pub struct Units {
    /// Sorted by name.
    pub units: Vec<Unit>,
}

impl Units {
    pub fn build(tree: &Tree) -> Units {
        // Every naming of a unit, grouped by how it is written and where
        // (an archive repeats the same few dozen spellings thousands of times).
        type Key<'a> = (Option<Rc<str>>, &'a str);
        let mut written: HashMap<Key, [Vec<NodeIx>; 3]> = HashMap::new();
        let mut order: Vec<Key> = Vec::new();
        namings(tree, |ix, place, w, role| {
            let lists = written.entry((place.clone(), w)).or_insert_with(|| {
                order.push((place.clone(), w));
                Default::default()
            });
            lists[role].push(ix);
        });
        let spellings: Vec<_> = order
            .into_iter()
            .filter_map(|key| written.remove(&key).map(|roles| (key, roles)))
            .collect();
        Units::assemble(spellings)
    }

    /// Each spelling of a unit in a tree (once) and the jurisdiction it is
    /// written in, in order of first appearance: what the library's search
    /// index keeps of an entry's units.
    pub fn written(tree: &Tree) -> Vec<(Option<String>, String)> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        namings(tree, |_, place, w, _| {
            let place = place.as_deref().map(str::to_string);
            if seen.insert((place.clone(), w)) {
                out.push((place, w.to_string()));
            }
        });
        out
    }

    /// The names ([`Units::names`]) of the units these spellings name.
    pub fn names_of(written: &[(Option<String>, String)]) -> Vec<String> {
        let spellings = written
            .iter()
            .map(|(p, w)| ((p.as_deref().map(Rc::from), w.as_str()), Default::default()))
            .collect();
        Units::assemble(spellings).names()
    }

    /// The units of these spellings (in order of first appearance), each
    /// with the nodes naming it in each role.
    fn assemble(spellings: Vec<(Spelling, [Vec<NodeIx>; 3])>) -> Units {
        let file = aliases();
        let canon = canon();
        let mut map: BTreeMap<(Option<Rc<str>>, String), Unit> = BTreeMap::new();
        // In order of first appearance, so aliases are listed as met.
        for ((place, w), roles) in spellings {
            let parts: Vec<&str> = match file.compounds.get(w) {
                Some(p) => p.iter().map(String::as_str).collect(),
                None => vec![w],
            };
            for p in parts {
                let name = canon.get(p).map_or(p, String::as_str);
                let u = map
                    .entry((place.clone(), name.to_string()))
                    .or_insert_with(|| Unit {
                        unit: name.to_string(),
                        name: name.to_string(),
                        jurisdiction: place.as_deref().map(str::to_string),
                        ..Unit::default()
                    });
                for spelled in [p, w] {
                    if spelled != name && !u.aliases.iter().any(|a| a == spelled) {
                        u.aliases.push(spelled.to_string());
                    }
                }
                for (list, ixs) in [&mut u.decisions, &mut u.lead, &mut u.support]
                    .into_iter()
                    .zip(&roles)
                {
                    list.extend_from_slice(ixs);
                }
            }
        }
        // With units of more than one jurisdiction loaded, each says whose.
        let mut places_seen: Vec<Option<&str>> = map.keys().map(|k| k.0.as_deref()).collect();
        places_seen.dedup();
        places_seen.sort_unstable();
        places_seen.dedup();
        if places_seen.len() > 1 {
            for u in map.values_mut() {
                u.unit = format!(
                    "{}（{}）",
                    u.name,
                    u.jurisdiction.as_deref().unwrap_or(NO_JURISDICTION)
                );
            }
        }
        for u in map.values_mut() {
            for list in [&mut u.decisions, &mut u.lead, &mut u.support] {
                list.sort_unstable();
                list.dedup();
            }
        }
        let mut units: Vec<Unit> = map.into_values().collect();
        units.sort_by(|a, b| a.unit.cmp(&b.unit));
        Units { units }
    }

    pub fn names(&self) -> Vec<String> {
        self.units.iter().map(|u| u.unit.clone()).collect()
    }

    /// The units a query names exactly: by what is shown, by name or by an
    /// alias (several when the name is used in several jurisdictions).
    pub fn named(&self, query: &str) -> Vec<&Unit> {
        let q = query.trim();
        let shown: Vec<&Unit> = self.units.iter().filter(|u| u.unit == q).collect();
        if !shown.is_empty() {
            return shown;
        }
        self.units
            .iter()
            .filter(|u| u.name == q || u.aliases.iter().any(|a| a == q))
            .collect()
    }

    /// The unit a query names: exactly (or an alias), else the best fuzzy or
    /// pinyin match.
    pub fn find(&self, query: &str) -> Option<&Unit> {
        self.matching(query).into_iter().next()
    }

    /// The units a query names: by name or alias; else the best fuzzy and
    /// pinyin matches, all of them when several match equally well
    /// (`市金融` names 市金融工作局 and 市金融监管局); none when nothing
    /// matches.
    pub fn matching(&self, query: &str) -> Vec<&Unit> {
        let q = query.trim();
        let named = self.named(q);
        if !named.is_empty() {
            return named;
        }
        let names = self.names();
        let index = crate::search::Index::build_names(&names);
        let hits = index.search(q, None, 20).hits;
        let Some(best) = hits.first().map(|h| h.score) else {
            return Vec::new();
        };
        hits.into_iter()
            .take_while(|h| h.score == best)
            .filter_map(|h| match h.target {
                crate::search::index::Target::Unit(name) => {
                    self.units.iter().find(|u| u.unit == name)
                }
                crate::search::index::Target::Node(_) => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A blank or empty unit cell names no unit.
    #[test]
    fn a_blank_cell_names_no_unit() {
        let mut entry = crate::model::load_embedded()
            .expect("embedded")
            .into_entry();
        fn blank_tasks(nodes: &mut [Node]) {
            for n in nodes {
                if let Node::Task(t) = n {
                    t.lead.push(String::new());
                    t.support.push("　 ".into());
                }
                if let Some(kids) = crate::model::tree::children_mut(n) {
                    blank_tasks(kids);
                }
            }
        }
        if let crate::model::schema::Entry::Issue(i) = &mut entry {
            blank_tasks(&mut i.documents);
        }
        let tree = Tree::new(entry);
        let units = Units::build(&tree);
        assert!(!units.units.is_empty());
        assert!(units.units.iter().all(|u| !u.unit.trim().is_empty()));
        assert!(Units::written(&tree)
            .iter()
            .all(|(_, w)| !w.trim().is_empty()));
    }

    #[test]
    fn aliases_and_compounds_merge() {
        let tree = crate::model::load_embedded().expect("embedded");
        let units = Units::build(&tree);
        let housing = units.find("市住房城乡建委").expect("alias finds the unit");
        assert_eq!(housing.unit, "市住房城乡建设委");
        assert_eq!(housing.aliases, ["市住房城乡建委"]);
        assert_eq!(housing.lead.len() + housing.support.len(), 3);
        let commerce = units.find("市商务委").expect("commerce");
        assert!(commerce
            .aliases
            .contains(&"市商务委及各行业主管部门".to_string()));
        assert!(units.find("各行业主管部门").is_some());
        assert!(units.units.iter().all(|u| !u.unit.contains('及')));
        let ndrc = units.find("fgw").map(|u| u.unit.clone());
        assert_eq!(ndrc.as_deref(), Some("市发展改革委"));
    }
}
