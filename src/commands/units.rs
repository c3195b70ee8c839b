//! `units`: every unit named in the data with how many decisions and tasks
//! it owns; with a UNIT, that unit's decisions and tasks.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{write_json, Error};
use crate::domain::units::{Unit, Units};
use crate::model::date::Date;
use crate::model::schema::Node;
use crate::model::{NodeIx, Tree};
use crate::text::{pad_right, sanitize, width};

/// One unit of the list, as `--json` writes it: the counts.
#[derive(Debug, Serialize)]
pub struct Count<'a> {
    pub unit: &'a str,
    pub jurisdiction: Option<&'a str>,
    pub aliases: &'a [String],
    pub decisions: usize,
    pub lead: usize,
    pub support: usize,
}

/// One unit's portfolio, as `units UNIT --json` writes it.
#[derive(Debug, Serialize)]
pub struct Portfolio<'a> {
    pub unit: &'a str,
    pub jurisdiction: Option<&'a str>,
    pub aliases: &'a [String],
    /// `null` for a listed node that is not a decision.
    pub decisions: Vec<Option<Decision<'a>>>,
    /// The numbers of the tasks it leads (those with a numeric number).
    pub lead: Vec<u32>,
    pub support: Vec<u32>,
}

/// A decision of a portfolio.
#[derive(Debug, Serialize)]
pub struct Decision<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub due: Option<Date>,
}

/// `units [UNIT] [--json]`: UNIT is found fuzzily, in pinyin too.
pub fn run(
    tree: &Tree,
    unit: Option<&str>,
    json: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let all = Units::build(tree);
    match unit {
        None if json => {
            let rows: Vec<Count> = all
                .units
                .iter()
                .map(|u| Count {
                    unit: &u.unit,
                    jurisdiction: u.jurisdiction.as_deref(),
                    aliases: &u.aliases,
                    decisions: u.decisions.len(),
                    lead: u.lead.len(),
                    support: u.support.len(),
                })
                .collect();
            write_json(out, &rows)?;
        }
        None => list(&all, out)?,
        Some(q) => {
            // By name or alias; else the best fuzzy and pinyin matches.
            let found = all.matching(q);
            let u = match found.as_slice() {
                [] => return Err(Error::NoUnit(q.to_string())),
                [one] => *one,
                many => {
                    let how = if all.named(q).is_empty() {
                        format!("matches {} units equally", many.len())
                    } else {
                        format!("names {} units", many.len())
                    };
                    let list: Vec<String> = many
                        .iter()
                        .map(|u| format!("  {}", sanitize(&u.unit)))
                        .collect();
                    return Err(Error::Ambiguous(format!(
                        "{:?} {how}; give one as shown:\n{}",
                        sanitize(q),
                        list.join("\n")
                    )));
                }
            };
            if json {
                write_json(out, &portfolio(tree, u))?;
            } else {
                portfolio_text(tree, u, out)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The list as a table: unit, decisions, lead, support.
fn list(all: &Units, out: &mut impl Write) -> std::io::Result<()> {
    let w = all
        .units
        .iter()
        .map(|u| width(&u.unit))
        .max()
        .unwrap_or(4)
        .min(40);
    writeln!(out, "{}  decisions  lead  support", pad_right("unit", w))?;
    for u in &all.units {
        writeln!(
            out,
            "{}  {:>9}  {:>4}  {:>7}",
            pad_right(&u.unit, w),
            u.decisions.len(),
            u.lead.len(),
            u.support.len()
        )?;
    }
    Ok(())
}

/// The numbers of tasks, those that are integers.
fn task_numbers(tree: &Tree, list: &[NodeIx]) -> Vec<u32> {
    list.iter()
        .filter_map(|&ix| tree.number(ix).parse().ok())
        .collect()
}

fn portfolio<'a>(tree: &'a Tree, u: &'a Unit) -> Portfolio<'a> {
    Portfolio {
        unit: &u.unit,
        jurisdiction: u.jurisdiction.as_deref(),
        aliases: &u.aliases,
        decisions: u
            .decisions
            .iter()
            .map(|&ix| match &tree.nodes[ix].data {
                Some(Node::Decision(d)) => Some(Decision {
                    number: &d.number,
                    title: &d.title,
                    due: d.due,
                }),
                _ => None,
            })
            .collect(),
        lead: task_numbers(tree, &u.lead),
        support: task_numbers(tree, &u.support),
    }
}

fn portfolio_text(tree: &Tree, u: &Unit, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{}", sanitize(&u.unit))?;
    if !u.aliases.is_empty() {
        writeln!(out, "  also written: {}", sanitize(&u.aliases.join("、")))?;
    }
    writeln!(out, "  decisions ({}):", u.decisions.len())?;
    for &ix in &u.decisions {
        if let Some(Node::Decision(d)) = &tree.nodes[ix].data {
            let due = d
                .due
                .map_or_else(|| crate::view::reader::MISSING.into(), |d| d.to_string());
            writeln!(
                out,
                "    {:<5} {}  {}",
                sanitize(&d.number),
                due,
                sanitize(&d.title)
            )?;
        }
    }
    for (label, list) in [("leads tasks", &u.lead), ("supports tasks", &u.support)] {
        let nums: Vec<String> = task_numbers(tree, list)
            .iter()
            .map(u32::to_string)
            .collect();
        writeln!(out, "  {label} ({}): {}", list.len(), nums.join(" "))?;
    }
    Ok(())
}
