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
