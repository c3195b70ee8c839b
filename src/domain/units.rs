//! Who is responsible for what: every unit named in the issue (decision
//! units, task lead and supporting units), with spellings merged through the
//! alias table in `assets/config/units.ron`. The data keeps names as written.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::model::schema::Node;
use crate::model::{NodeIx, Tree};

const TABLE: &str = include_str!("../../assets/config/units.ron");

#[derive(Debug, Default, Deserialize)]
struct AliasFile {
    #[serde(default)]
    aliases: HashMap<String, Vec<String>>,
    #[serde(default)]
    compounds: HashMap<String, Vec<String>>,
}

/// The alias table, read once.
fn aliases() -> &'static AliasFile {
    static FILE: std::sync::OnceLock<AliasFile> = std::sync::OnceLock::new();
    FILE.get_or_init(|| ron::from_str(TABLE).unwrap_or_default())
}

/// The canonical units a cell names, as the units view counts them: a
/// compound cell (市商务委及各行业主管部门) names each of its parts, and an
/// alias (市住房城乡建委) its unit (市住房城乡建设委). One canonicalisation for
/// the units view, the timeline's lanes and its unit filter.
pub fn canonical(written: &str) -> Vec<String> {
    let file = aliases();
    let parts: Vec<&str> = match file.compounds.get(written) {
        Some(p) => p.iter().map(String::as_str).collect(),
        None => vec![written],
    };
    parts
        .into_iter()
        .map(|p| {
            file.aliases
                .iter()
                .find(|(_, others)| others.iter().any(|o| o == p))
                .map_or(p, |(name, _)| name.as_str())
                .to_string()
        })
        .collect()
}

/// One unit and what it owns across the issue.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unit {
    pub unit: String,
    /// Other spellings seen in the text (or the compound cells it came from).
    pub aliases: Vec<String>,
    pub decisions: Vec<NodeIx>,
    pub lead: Vec<NodeIx>,
    pub support: Vec<NodeIx>,
}

#[derive(Debug, Clone, Default)]
pub struct Units {
    /// Sorted by name.
    pub units: Vec<Unit>,
}

impl Units {
    pub fn build(tree: &Tree) -> Units {
        let file = aliases();
        let mut canon: HashMap<&str, &str> = HashMap::new();
        for (name, others) in &file.aliases {
            for o in others {
                canon.insert(o, name);
            }
        }
        // Every naming of a unit, grouped by how it is written (an archive
        // repeats the same few dozen spellings thousands of times).
        let mut written: HashMap<&str, [Vec<NodeIx>; 3]> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for ix in 1..tree.len() {
            let mut seen: Vec<(&str, usize)> = Vec::new();
            match &tree.nodes[ix].data {
                Some(Node::Decision(d)) if !d.unit.is_empty() => seen.push((&d.unit, 0)),
                Some(Node::Task(t)) => {
                    seen.extend(t.lead.iter().map(|u| (u.as_str(), 1)));
                    seen.extend(t.support.iter().map(|u| (u.as_str(), 2)));
                }
                _ => {}
            }
            for (w, role) in seen {
                let lists = written.entry(w).or_insert_with(|| {
                    order.push(w);
                    Default::default()
                });
                lists[role].push(ix);
            }
        }
        let mut map: BTreeMap<String, Unit> = BTreeMap::new();
        // In order of first appearance, so aliases are listed as met.
        for w in order {
            let Some(roles) = written.remove(w) else {
                continue;
            };
            let parts: Vec<&str> = match file.compounds.get(w) {
                Some(p) => p.iter().map(String::as_str).collect(),
                None => vec![w],
            };
            for p in parts {
                let name = canon.get(p).copied().unwrap_or(p);
                let u = map.entry(name.to_string()).or_insert_with(|| Unit {
                    unit: name.to_string(),
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
        for u in map.values_mut() {
            for list in [&mut u.decisions, &mut u.lead, &mut u.support] {
                list.sort_unstable();
                list.dedup();
            }
        }
        Units {
            units: map.into_values().collect(),
        }
    }

    pub fn names(&self) -> Vec<String> {
        self.units.iter().map(|u| u.unit.clone()).collect()
    }

    /// The unit a query names: exactly (or an alias), else the best fuzzy or
    /// pinyin match.
    pub fn find(&self, query: &str) -> Option<&Unit> {
        let q = query.trim();
        if let Some(u) = self
            .units
            .iter()
            .find(|u| u.unit == q || u.aliases.iter().any(|a| a == q))
        {
            return Some(u);
        }
        let names = self.names();
        let index = crate::search::Index::build_names(&names);
        let hit = index.search(q, None, 1).hits.into_iter().next()?;
        match hit.target {
            crate::search::index::Target::Unit(name) => self.units.iter().find(|u| u.unit == name),
            crate::search::index::Target::Node(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
