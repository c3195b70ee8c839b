//! One resolver of what a user names, for every command that takes a node:
//! an id (`d1/a1/c3`), a 文号 (`渝府发〔2021〕18号`), a number as printed
//! (`第十九条`, `专栏 5`, `三、`), a title or a document's name — exact first;
//! then the shortest title containing the query. When several nodes match
//! equally, they are all returned, for the command to list.

use super::tree::{Kind, NodeIx, Tree};

/// What a query names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    One(NodeIx),
    /// Several nodes match equally well (in document order).
    Many(Vec<NodeIx>),
    None,
}

/// Folds for comparison: no whitespace (ASCII or U+3000), full-width ASCII
/// forms to half-width, lower case.
pub fn fold(s: &str) -> String {
    crate::search::fold::fold_query(s).to_lowercase()
}

/// How structural a kind is (what a name more likely means), best first.
fn rank(kind: Kind) -> u8 {
    match kind {
        Kind::Column | Kind::Industry | Kind::Chapter | Kind::Part | Kind::Document => 0,
        Kind::Section | Kind::Attachment | Kind::Heading | Kind::Table | Kind::Article => 1,
        _ => 2,
    }
}

/// The exact names of a node.
fn names(tree: &Tree, ix: NodeIx) -> Vec<String> {
    let mut k = vec![fold(tree.title(ix)), fold(&tree.label(ix))];
    let printed = tree.printed_number(ix);
    if tree.nodes[ix].kind != Kind::Document && !printed.is_empty() {
        k.push(fold(&printed));
        // 第十九条 and 第十九条 with its text; 三、 and 三、总则.
        if !tree.title(ix).is_empty() {
            k.push(fold(&format!("{printed}{}", tree.title(ix))));
        }
    }
    match tree.nodes[ix].kind {
        Kind::Column => k.push(fold(&format!("专栏{}", tree.number(ix)))),
        Kind::Document => {
            let n = tree.number(ix);
            if !n.is_empty() {
                k.push(fold(&n));
            }
            k.push(fold(&tree.document_name(ix)));
        }
        _ => {}
    }
    k.retain(|s| !s.is_empty());
    k
}

/// A page asked for: `p12`, `page12`, `12页`, `第12页` (folded: no spaces).
fn page_asked(q: &str) -> Option<u32> {
    let digits = q
        .strip_prefix("page")
        .or_else(|| q.strip_prefix('p'))
        .or_else(|| q.strip_prefix('第').and_then(|r| r.strip_suffix('页')))
        .or_else(|| q.strip_suffix('页'))?;
    digits.parse().ok().filter(|&n| n > 0)
}

/// What `:` in the explorer goes to: a page (`p12`, `第12页`) or a
/// decision's or task's number (`1.6`, `45`, `任务45`) within the entry
/// whose root is `entry` — the node that page starts in (the last node
/// starting on it or before), the decisions and tasks so numbered; else
/// what [`resolve`] takes (an id, a 文号, a name), across everything loaded.
pub fn goto(tree: &Tree, entry: NodeIx, query: &str) -> Resolved {
    use crate::model::schema::Node;
    let q = fold(query);
    let range = entry..=tree.subtree_end(entry);
    if let Some(page) = page_asked(&q) {
        // The node the page starts in; a page past the last one any node
        // starts on is none (the entry's last page is not known).
        let mut best = None;
        let mut last = 0;
        for ix in range {
            match tree.nodes[ix].data.as_ref().and_then(Node::page) {
                Some(p) if p == page => return Resolved::One(ix),
                Some(p) if p < page => {
                    best = Some(ix);
                    last = last.max(p);
                }
                Some(p) => last = last.max(p),
                None => {}
            }
        }
        return match best {
            Some(ix) if last >= page => Resolved::One(ix),
            _ => Resolved::None,
        };
    }
    let (number, tasks_only) = match q.strip_prefix("任务") {
        Some(n) => (n, true),
        None => (q.as_str(), false),
    };
    let numeric = !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && number.chars().next().is_some_and(|c| c.is_ascii_digit());
    if numeric {
        let found: Vec<NodeIx> = range
            .filter(|&ix| match &tree.nodes[ix].data {
                Some(Node::Task(t)) => t.number.as_deref() == Some(number),
                Some(Node::Decision(d)) => !tasks_only && d.number == number,
                _ => false,
            })
            .collect();
        match found.len() {
            0 => {}
            1 => return Resolved::One(found[0]),
            _ => return Resolved::Many(found),
        }
    }
    resolve(tree, query)
}

/// Resolves a query against the tree: exactly (see [`resolve_exact`]),
/// else the shortest title containing it.
pub fn resolve(tree: &Tree, query: &str) -> Resolved {
    match resolve_exact(tree, query) {
        Resolved::None => {}
        found => return found,
    }
    let q = fold(query);
    if q.is_empty() {
        return Resolved::None;
    }
    (1..tree.len())
        .filter(|&ix| fold(tree.title(ix)).contains(&q))
        .min_by_key(|&ix| {
            (
                rank(tree.nodes[ix].kind),
                tree.title(ix).chars().count(),
                ix,
            )
        })
        .map_or(Resolved::None, Resolved::One)
}

/// Resolves a query exactly: an id, or a node's exact name (title, label,
/// number as printed, 文号) — never a part of a title. What changes data
/// (`remove`) takes only this.
pub fn resolve_exact(tree: &Tree, query: &str) -> Resolved {
    if let Some(ix) = tree.find_id(query.trim()) {
        return Resolved::One(ix);
    }
    let q = fold(query);
    if q.is_empty() {
        return Resolved::None;
    }
    let exact: Vec<NodeIx> = (1..tree.len())
        .filter(|&ix| names(tree, ix).contains(&q))
        .collect();
    if !exact.is_empty() {
        let best = exact
            .iter()
            .map(|&ix| rank(tree.nodes[ix].kind))
            .min()
            .unwrap_or(0);
        let top: Vec<NodeIx> = exact
            .into_iter()
            .filter(|&ix| rank(tree.nodes[ix].kind) == best)
            .collect();
        return match top.as_slice() {
            [one] => Resolved::One(*one),
            _ => Resolved::Many(top),
        };
    }
    Resolved::None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_ids_numbers_and_titles() {
        let tree = crate::model::load_embedded().expect("embedded");
        let one = |q: &str| match resolve(&tree, q) {
            Resolved::One(ix) => tree.nodes[ix].id.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(one("d1/a1/c3"), "d1/a1/c3");
        assert_eq!(one("渝府发〔2021〕19号"), "d2");
        assert_eq!(one("专栏5"), one("专栏 5"));
        assert_eq!(one("三、产业发展方向"), "d1/a1/c3");
        assert_eq!(one("新材料"), "d1/a1/c3/s1/i4");
        assert_eq!(resolve(&tree, "没有这个"), Resolved::None);
    }

    #[test]
    fn an_ambiguous_number_lists_its_candidates() {
        let doc = r#"Document(format: 2, id: "d1", title: "某某条例", children: [
            Chapter((id: "d1/c1", number: "一", label: "第一章", title: "总则", children: [
                Article((id: "d1/c1/n1", number: "一", ordinal: 1, label: "第一条", text: "甲。")),
            ])),
            Chapter((id: "d1/c2", number: "二", label: "第二章", title: "附则", children: [
                Article((id: "d1/c2/n1", number: "一", ordinal: 1, label: "第一条", text: "乙。")),
                Article((id: "d1/c2/n2", number: "二", ordinal: 2, label: "第二条", text: "丙。")),
            ])),
        ])"#;
        let tree = crate::model::load::parse(doc, std::path::Path::new("d.ron")).expect("parses");
        assert_eq!(
            resolve(&tree, "第二条"),
            Resolved::One(tree.find_id("d1/c2/n2").expect("id"))
        );
        assert_eq!(
            resolve(&tree, "第二章"),
            Resolved::One(tree.find_id("d1/c2").expect("id"))
        );
        match resolve(&tree, "第一条") {
            Resolved::Many(v) => assert_eq!(v.len(), 2),
            other => panic!("{other:?}"),
        }
    }
}

#[cfg(test)]
mod goto_tests {
    use super::*;

    #[test]
    fn pages_and_numbers_within_the_entry_else_names() {
        let tree = crate::model::load_embedded().expect("sample");
        let id = |r: Resolved| match r {
            Resolved::One(ix) => tree.nodes[ix].id.clone(),
            other => format!("{other:?}"),
        };
        // Read from the sample: decision 1.6 and task 45 are numbered so.
        assert_eq!(id(goto(&tree, 0, "1.6")), "d3/a1/t1/r6");
        assert_eq!(id(goto(&tree, 0, "任务45")), id(goto(&tree, 0, "45")));
        assert!(id(goto(&tree, 0, "45")).starts_with("d2/a2/t1/"));
        // A page: the node it starts in.
        let p = goto(&tree, 0, "第5页");
        assert!(matches!(p, Resolved::One(_)), "{p:?}");
        assert_eq!(goto(&tree, 0, "p5"), p);
        assert_eq!(goto(&tree, 0, "p 5"), p);
        // Else the resolver: a 文号, an id.
        assert_eq!(id(goto(&tree, 0, "渝府发〔2021〕18号")), "d1");
        assert_eq!(id(goto(&tree, 0, "d1/a1/c3")), "d1/a1/c3");
        assert_eq!(goto(&tree, 0, "p0"), Resolved::None);
        assert_eq!(goto(&tree, 0, "p999"), Resolved::None);
    }
}
