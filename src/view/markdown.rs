//! `export --format markdown`: the whole issue as Markdown, readable alone.

use std::io::Write;

use crate::model::schema::{Node, Role};
use crate::model::{Kind, NodeIx, Tree};
use crate::text::sanitize;

fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

/// Escapes a table cell: pipes, and no line breaks.
fn cell(s: &str) -> String {
    clean(s).replace('|', "\\|")
}

/// One node and its subtree (`show --format markdown`), its heading at
/// level 1.
pub fn write_node(tree: &Tree, ix: NodeIx, out: &mut impl Write) -> std::io::Result<()> {
    let entry = tree.nodes[ix].entry;
    match tree.nodes[ix].kind {
        // An archive's or library's root: everything.
        Kind::Archive => write(tree, out),
        // A year of a library: its entries.
        Kind::Year => {
            for &k in &tree.nodes[ix].children {
                write_node(tree, k, out)?;
            }
            Ok(())
        }
        _ => match tree.issue_of(entry) {
            Some(i) if ix == tree.entry_node(entry) => write_issue(tree, entry, i, out),
            _ => node(tree, ix, 1, out),
        },
    }
}

pub fn write(tree: &Tree, out: &mut impl Write) -> std::io::Result<()> {
    for k in 0..tree.entries.len() {
        match tree.issue_of(k) {
            Some(i) => write_issue(tree, k, i, out)?,
            None => node(tree, tree.entry_node(k), 1, out)?,
        }
    }
    Ok(())
}

fn write_issue(
    tree: &Tree,
    k: usize,
    i: &crate::model::Issue,
    out: &mut impl Write,
) -> std::io::Result<()> {
    writeln!(out, "# {}\n", clean(&tree.title_of_entry(k)))?;
    writeln!(out, "{} · {}\n", clean(&i.publisher), i.published)?;
    writeln!(out, "## 目录\n")?;
    for e in &i.contents {
        let page = e.page.map_or_else(|| "(missing)".into(), |p| p.to_string());
        writeln!(
            out,
            "- 【{}】{} …… {}",
            clean(&e.category),
            clean(&e.title),
            page
        )?;
    }
    writeln!(out)?;
    for e in &i.contents_en {
        let page = e.page.map_or_else(|| "(missing)".into(), |p| p.to_string());
        writeln!(
            out,
            "- {} — {} ({})",
            clean(&e.category),
            clean(&e.title),
            page
        )?;
    }
    writeln!(out)?;
    for &d in &tree.nodes[tree.entry_node(k)].children {
        node(tree, d, 2, out)?;
    }
    if !i.back_matter.is_empty() {
        writeln!(out, "---\n")?;
        for l in &i.back_matter {
            writeln!(out, "{}  ", clean(l))?;
        }
    }
    Ok(())
}

fn heading(level: usize, text: &str, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{} {}\n", "#".repeat(level.clamp(1, 6)), clean(text))
}

fn node(tree: &Tree, ix: NodeIx, level: usize, out: &mut impl Write) -> std::io::Result<()> {
    let kids = &tree.nodes[ix].children;
    let Some(data) = &tree.nodes[ix].data else {
        return Ok(());
    };
    match data {
        Node::Document(d) => {
            heading(level, &d.title, out)?;
            let opt =
                |v: &Option<String>| v.as_deref().map_or_else(|| "(missing)".to_string(), clean);
            let date = |v: &Option<crate::model::date::Date>| {
                v.map_or_else(|| "(missing)".to_string(), |d| d.to_string())
            };
            writeln!(out, "- 文号：{}", opt(&d.doc_number))?;
            writeln!(out, "- 发文：{}", opt(&d.issuer))?;
            writeln!(out, "- 日期：{}", date(&d.date))?;
            writeln!(out, "- 类别：{}", opt(&d.category))?;
            if d.genre.is_some() {
                writeln!(out, "- 文种：{}", opt(&d.genre))?;
            }
            if d.effective.is_some() {
                writeln!(out, "- 施行：{}", date(&d.effective))?;
            }
            if d.expires.is_some() {
                writeln!(out, "- 有效期至：{}", date(&d.expires))?;
            }
            writeln!(
                out,
                "- 页码：{}",
                d.page.map_or_else(|| "(missing)".into(), |p| p.to_string())
            )?;
            writeln!(out, "- English: {}\n", opt(&d.title_en))?;
        }
        Node::Attachment(c) => heading(level, &c.title, out)?,
        Node::Part(h)
        | Node::Chapter(h)
        | Node::Section(h)
        | Node::Industry(h)
        | Node::Heading(h) => {
            heading(level, &tree.label(ix), out)?;
            if !h.text.is_empty() {
                writeln!(out, "{}\n", clean(&h.text))?;
            }
        }
        Node::Column(_) => {
            writeln!(out, "> **{}**\n>", clean(&tree.label(ix)))?;
            for &k in kids {
                match &tree.nodes[k].data {
                    Some(Node::Entry(e)) => {
                        writeln!(out, "> - **{}**：{}", clean(&e.title), clean(&e.text))?
                    }
                    Some(Node::Heading(_)) => {
                        writeln!(out, ">\n> **{}**\n>", clean(&tree.label(k)))?;
                        for &g in &tree.nodes[k].children {
                            match &tree.nodes[g].data {
                                Some(Node::Entry(e)) => writeln!(
                                    out,
                                    "> - **{}**。{}",
                                    clean(&e.title),
                                    clean(&e.text)
                                )?,
                                _ => writeln!(out, "> - {}", clean(tree.text(g)))?,
                            }
                        }
                    }
                    Some(Node::Table(_)) => {
                        writeln!(out)?;
                        node(tree, k, level + 1, out)?;
                    }
                    _ => writeln!(out, "> {}", clean(tree.text(k)))?,
                }
            }
            writeln!(out)?;
            return Ok(());
        }
        Node::Article(h) => writeln!(
            out,
            "**{}** {}\n",
            clean(&tree.printed_number(ix)),
            clean(&h.text)
        )?,
        Node::Item(h) => {
            let title = if h.title.is_empty() {
                String::new()
            } else {
                format!("**{}**", clean(&h.title))
            };
            writeln!(
                out,
                "{}{title}{}\n",
                clean(&tree.printed_number(ix)),
                clean(&h.text)
            )?
        }
        Node::Segment(n) => writeln!(out, "**{}。**{}\n", clean(&n.title), clean(&n.text))?,
        Node::Entry(n) => writeln!(out, "- **{}**：{}\n", clean(&n.title), clean(&n.text))?,
        Node::Paragraph(p) => match (p.role, &p.number) {
            (Role::Signature | Role::Date, _) => {
                writeln!(out, "<p align=\"right\">{}</p>\n", clean(&p.text))?
            }
            (_, Some(n)) => writeln!(out, "{}、{}\n", clean(n), clean(&p.text))?,
            _ => writeln!(out, "{}\n", clean(&p.text))?,
        },
        Node::Table(t) => {
            if !t.title.is_empty() {
                writeln!(out, "**{}**\n", clean(&t.title))?;
            }
            let task_or_decision = kids.iter().any(|&k| {
                matches!(
                    tree.nodes[k].kind,
                    Kind::Task | Kind::Decision | Kind::Heading
                )
            });
            let header: Vec<String> = t.header.first().cloned().unwrap_or_default();
            let ncols = header.len().max(1);
            writeln!(
                out,
                "| {} |",
                header
                    .iter()
                    .map(|c| cell(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            )?;
            writeln!(out, "|{}", " --- |".repeat(ncols))?;
            for extra in t.header.iter().skip(1).chain(t.rows.iter()) {
                writeln!(
                    out,
                    "| {} |",
                    extra
                        .iter()
                        .map(|c| cell(c))
                        .collect::<Vec<_>>()
                        .join(" | ")
                )?;
            }
            if task_or_decision {
                rows(tree, ix, ncols, out)?;
            }
            writeln!(out)?;
            for n in &t.notes {
                writeln!(out, "{}  ", clean(n))?;
            }
            if !t.notes.is_empty() {
                writeln!(out)?;
            }
            return Ok(());
        }
        Node::Task(_) | Node::Decision(_) => {}
    }
    for &k in kids {
        node(tree, k, level + 1, out)?;
    }
    Ok(())
}

fn rows(tree: &Tree, ix: NodeIx, ncols: usize, out: &mut impl Write) -> std::io::Result<()> {
    for &k in &tree.nodes[ix].children {
        match &tree.nodes[k].data {
            Some(Node::Task(t)) => {
                let header = tree
                    .ancestors(k)
                    .into_iter()
                    .rev()
                    .find_map(|a| match &tree.nodes[a].data {
                        Some(Node::Table(tb)) => {
                            Some(crate::model::columns::column_names(&tb.header))
                        }
                        _ => None,
                    })
                    .unwrap_or_default();
                let cells: Vec<String> = crate::model::columns::task_cells(t, &header)
                    .iter()
                    .map(|c| cell(c))
                    .collect();
                writeln!(out, "| {} |", cells.join(" | "))?
            }
            Some(Node::Decision(d)) => writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&d.number),
                cell(&d.title),
                cell(&d.unit),
                d.due
                    .map_or_else(|| "(missing)".to_string(), |d| d.to_string())
            )?,
            Some(Node::Heading(_)) => {
                let mut cells = vec![format!("**{}**", cell(&tree.label(k)))];
                cells.resize(ncols, String::new());
                writeln!(out, "| {} |", cells.join(" | "))?;
                rows(tree, k, ncols, out)?;
            }
            _ => {}
        }
    }
    Ok(())
}
