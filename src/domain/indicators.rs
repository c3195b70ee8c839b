//! The indicator check of a plan's target table (专栏1): for each indicator,
//! the annual change implied by its 2020 value and 2025 target, compared with
//! the stated one. The stated figure decides the method: `N%` is compound
//! growth, (target/base)^(1/years) − 1; `N个百分点` or an amount (`0.6万元/人`,
//! `4个`) is linear, (target − base)/years.

use crate::model::schema::{Node, Table};
use crate::model::{Kind, NodeIx, Tree};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Compound,
    Linear,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub name: String,
    pub category: String,
    pub attribute: String,
    /// The cells as written.
    pub base: String,
    pub target: String,
    pub stated: String,
    pub method: Option<Method>,
    /// The implied annual change, rounded to the stated figure's decimals,
    /// with its unit (`%`, `个百分点`, `万元/人` …); `None` when it cannot be
    /// computed (no stated change, or a value missing).
    pub implied: Option<String>,
    pub flagged: bool,
    /// The table's notes that concern this row.
    pub note: Option<String>,
}

/// The number a cell gives: `30左右` → 30, `>6` → 6, `[-16%]` → -16; `—` → none.
pub fn number_in(cell: &str) -> Option<f64> {
    let start = cell.find(|c: char| c.is_ascii_digit() || c == '-')?;
    let rest = &cell[start..];
    let end = rest
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (c == '-' && i == 0)))
        .map_or(rest.len(), |(i, _)| i);
    rest[..end].parse().ok()
}

fn decimals(s: &str) -> usize {
    let n = s.trim_start_matches(|c: char| !(c.is_ascii_digit() || c == '-'));
    let num: String = n
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    num.split_once('.').map_or(0, |(_, d)| d.len())
}

/// The unit of a stated change: what follows its number.
fn unit_of(stated: &str) -> String {
    let start = stated.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    stated[start..]
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .to_string()
}

/// Whether a table looks like an indicator table: a 2020 value, a 2025 target, a stated change.
pub fn is_indicator_table(t: &Table) -> bool {
    let head: String = t.header.iter().flatten().cloned().collect();
    head.contains("现状") && head.contains("目标") && t.header.first().is_some_and(|h| h.len() >= 6)
}

/// Years between the base and target columns (`2020年现状`, `2025年目标`), default 5.
fn years(t: &Table) -> f64 {
    let h = t.header.first();
    let year = |i: usize| h.and_then(|h| h.get(i)).and_then(|c| number_in(c));
    match (year(3), year(4)) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => 5.0,
    }
}

/// Checks every row of an indicator table.
pub fn check(t: &Table) -> Vec<Indicator> {
    let years = years(t);
    let mut category = String::new();
    let mut out = Vec::new();
    for row in &t.rows {
        let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
        if !cell(0).is_empty() {
            category = cell(0);
        }
        let (base, target, stated) = (cell(3), cell(4), cell(5));
        let method = match () {
            _ if number_in(&stated).is_none() => None,
            _ if stated.trim_end().ends_with('%') && !stated.contains("百分点") => {
                Some(Method::Compound)
            }
            _ => Some(Method::Linear),
        };
        let implied = match (
            method,
            number_in(&base),
            number_in(&target),
            number_in(&stated),
        ) {
            (Some(m), Some(b), Some(tg), Some(_)) if !target.contains('[') => {
                let value = match m {
                    Method::Compound if b > 0.0 => Some(((tg / b).powf(1.0 / years) - 1.0) * 100.0),
                    Method::Compound => None,
                    Method::Linear => Some((tg - b) / years),
                };
                // A table whose span is no years (or a figure out of
                // range) implies nothing, rather than `inf%`.
                value
                    .filter(|v| v.is_finite())
                    .map(|v| format!("{:.*}{}", decimals(&stated), v, unit_of(&stated)))
            }
            _ => None,
        };
        let flagged = match (&implied, number_in(&stated)) {
            (Some(imp), Some(st)) => {
                let d = decimals(&stated);
                number_in(imp).map(|v| format!("{v:.d$}")) != Some(format!("{st:.d$}"))
            }
            _ => false,
        };
        out.push(Indicator {
            name: cell(1),
            category: category.clone(),
            attribute: cell(2),
            base,
            target,
            stated,
            method,
            implied,
            flagged,
            note: None,
        });
    }
    link_notes(t, &mut out);
    out
}

/// A note concerns a row when it names the row (it starts with the row's
/// name), its attribute (约束性指标…), a bracketed target (`[]内…`), or a
/// column every row has (现状数据…).
fn link_notes(t: &Table, rows: &mut [Indicator]) {
    let header: Vec<String> = t
        .header
        .iter()
        .flatten()
        .filter(|c| !c.is_empty())
        .cloned()
        .collect();
    for note in &t.notes {
        let body = note
            .trim_start_matches("注：")
            .trim_start_matches("注:")
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
        for r in rows.iter_mut() {
            let name = r.name.split(['（', '(']).next().unwrap_or("");
            let concerns = (!name.is_empty() && body.starts_with(name))
                || (!r.attribute.is_empty() && body.contains(&r.attribute))
                || (body.contains("[]") && r.target.contains('['))
                || header.iter().any(|h| {
                    h.chars().count() >= 2
                        && body.starts_with(
                            h.trim_start_matches(|c: char| c.is_ascii_digit() || c == '年'),
                        )
                });
            if concerns {
                match &mut r.note {
                    Some(n) => {
                        n.push('\n');
                        n.push_str(note);
                    }
                    None => r.note = Some(note.clone()),
                }
            }
        }
    }
}

/// The first indicator table of the tree, checked.
pub fn of_tree(tree: &Tree) -> Option<(NodeIx, Vec<Indicator>)> {
    tree.of_kind(Kind::Table)
        .find_map(|ix| match &tree.nodes[ix].data {
            Some(Node::Table(t)) if is_indicator_table(t) => Some((ix, check(t))),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_cells() {
        assert_eq!(number_in("30左右"), Some(30.0));
        assert_eq!(number_in(">6"), Some(6.0));
        assert_eq!(number_in("[-16%]"), Some(-16.0));
        assert_eq!(number_in("0.6万元/人"), Some(0.6));
        assert_eq!(number_in("—"), None);
        assert_eq!(decimals("0.08个百分点"), 2);
        assert_eq!(unit_of("0.6万元/人"), "万元/人");
    }

    /// A figure too large for a number implies nothing (never `inf%`).
    #[test]
    fn an_overflowing_figure_implies_nothing() {
        let row = |base: &str, target: &str, stated: &str| -> Vec<String> {
            ["类", "指标", "预期性", base, target, stated]
                .iter()
                .map(|s| s.to_string())
                .collect()
        };
        let t = Table {
            header: vec![["类别", "指标", "属性", "2020年", "2025年", "年均增长"]
                .iter()
                .map(|s| s.to_string())
                .collect()],
            rows: vec![
                row("1", &"9".repeat(400), "10%"),
                row("1", &"9".repeat(400), "10"),
                row("100", "200", "10"),
            ],
            ..Table::default()
        };
        let got = check(&t);
        assert_eq!(got[0].implied, None);
        assert_eq!(got[1].implied, None);
        assert_eq!(got[2].implied.as_deref(), Some("20"));
    }

    #[test]
    fn the_20_indicators() {
        let tree = crate::model::load_embedded().expect("embedded");
        let (_, rows) = of_tree(&tree).expect("专栏1");
        assert_eq!(rows.len(), 20);
        let by = |n: &str| {
            rows.iter()
                .find(|r| r.name.starts_with(n))
                .expect(n)
                .clone()
        };
        let output = by("规模以上工业产值");
        assert_eq!(output.method, Some(Method::Compound));
        assert_eq!(output.implied.as_deref(), Some("6%"));
        assert!(!output.flagged);
        let software = by("软件业务收入");
        assert_eq!(software.implied.as_deref(), Some("20%"));
        assert!(software.flagged, "2000 → 5000 over 5 years is 20%, not 18%");
        let strength = by("规模以上工业企业研发投入强度");
        assert_eq!(strength.implied.as_deref(), Some("0.08个百分点"));
        assert!(!strength.flagged);
        let platforms = by("企业牵头的高端创新平台");
        assert_eq!(platforms.implied.as_deref(), Some("4个"));
        let margin = by("规模以上工业企业营业收入利润率");
        assert_eq!(margin.implied, None);
        assert!(!margin.flagged);
        let flagged: Vec<&str> = rows
            .iter()
            .filter(|r| r.flagged)
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(flagged, ["工业增加值（亿元）", "软件业务收入（亿元）"]);
        assert_eq!(by("工业增加值（亿元）").implied.as_deref(), Some("5%"));
        let energy = by("规模以上工业单位增加值能耗");
        assert_eq!(energy.category, "绿色发展");
        assert!(energy.note.as_deref().is_some_and(|n| n.contains("约束性")));
        assert!(by("工业增加值（亿元）")
            .note
            .as_deref()
            .is_some_and(|n| n.contains("不变价")));
    }
}
