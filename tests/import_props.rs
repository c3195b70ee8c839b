//! Properties of the importer over the plain-text fixtures: the same text as
//! Markdown, as HTML, in GBK, or with page furniture inserted at random line
//! breaks imports to the same tree; a task table with its columns permuted
//! gives the same tasks; no non-empty line's text is lost except lines the
//! importer reports as removed.

// The tests make, read and damage their own temporary files.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

use gongbao::import::{import_file, Imported};
use gongbao::model::schema::{Entry, Node};
use proptest::prelude::*;

/// The plain UTF-8 text fixtures (documents; the issue has its own path).
fn fixtures() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for dir in [root.clone(), root.join("blind")] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("fixtures")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).expect("utf-8 fixture");
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((name, text));
        }
    }
    out
}

fn import(name: &str, bytes: &[u8]) -> Imported {
    import_file(Path::new(name), bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The tree without what depends on the form: the source file's name, and
/// the printed pages (which page numbers, when inserted, rightly give).
fn tree_of(mut e: Entry) -> Entry {
    fn clear(nodes: &mut [Node]) {
        for n in nodes {
            if let Some(page) = n.page_mut() {
                *page = None;
            }
            if let Some(kids) = gongbao::model::tree::children_mut(n) {
                clear(kids);
            }
        }
    }
    match &mut e {
        Entry::Document(d) => {
            d.source = None;
            clear(&mut d.children);
        }
        Entry::Issue(i) => clear(&mut i.documents),
    }
    e
}

/// The first lines where two trees' RON differ.
fn first_difference(a: &Entry, b: &Entry) -> String {
    let (a, b) = (
        gongbao::import::entry_to_ron(a),
        gongbao::import::entry_to_ron(b),
    );
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    match (0..la.len().max(lb.len())).find(|&k| la.get(k) != lb.get(k)) {
        Some(k) => format!(
            "line {}:\n  {}\n  {}",
            k + 1,
            la.get(k).unwrap_or(&"<end>"),
            lb.get(k).unwrap_or(&"<end>")
        ),
        None => "no difference".into(),
    }
}

/// Whether line `k` is in a table: a tab-separated row, or a group row
/// (`一、优化营商环境`) between two of them.
fn in_table(lines: &[&str], k: usize) -> bool {
    lines[k].contains('\t')
        || (k > 0
            && lines[k - 1].contains('\t')
            && lines.get(k + 1).is_some_and(|n| n.contains('\t'))
            && lines[k].chars().count() <= 20)
}

/// Lines of text as Markdown: a paragraph each (Markdown's own signs
/// escaped), runs of tab-separated rows as pipe tables.
fn to_markdown(text: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut k = 0;
    while k < lines.len() {
        if lines[k].contains('\t') {
            let start = k;
            while k < lines.len() && in_table(&lines, k) {
                k += 1;
            }
            let rows: Vec<Vec<String>> = lines[start..k]
                .iter()
                .map(|l| {
                    l.split('\t')
                        .map(|c| c.trim().replace('|', "\\|"))
                        .collect()
                })
                .collect();
            let width = rows.iter().map(Vec::len).max().unwrap_or(1);
            for (r, row) in rows.iter().enumerate() {
                let mut cells = row.clone();
                cells.resize(width, String::new());
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
                if r == 0 {
                    out.push_str(&format!("|{}\n", " --- |".repeat(width)));
                }
            }
            out.push('\n');
            continue;
        }
        let mut l = String::new();
        for c in lines[k].trim().chars() {
            if "\\`*_[]<>#|".contains(c) {
                l.push('\\');
            }
            l.push(c);
        }
        // A line that would start a list or a heading.
        if l.starts_with(['-', '+', '=']) {
            l.insert(0, '\\');
        }
        let digits = l.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && l[digits..].starts_with(['.', ')']) {
            l.insert(digits, '\\');
        }
        out.push_str(&l);
        out.push_str("\n\n");
        k += 1;
    }
    out
}

/// Lines of text as a web page: menus around a body of `<p>`s and tables.
fn to_html(text: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut body = String::new();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut k = 0;
    while k < lines.len() {
        if lines[k].contains('\t') {
            body.push_str("<table>\n");
            while k < lines.len() && in_table(&lines, k) {
                body.push_str("<tr>");
                for c in lines[k].split('\t') {
                    body.push_str(&format!("<td>{}</td>", esc(c.trim())));
                }
                body.push_str("</tr>\n");
                k += 1;
            }
            body.push_str("</table>\n");
            continue;
        }
        body.push_str(&format!("<p>{}</p>\n", esc(lines[k].trim())));
        k += 1;
    }
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>页面</title></head><body>\n\
         <div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/a\">政务公开</a> <a href=\"/b\">办事服务</a></div>\n\
         <div class=\"content\">\n{body}</div>\n<div class=\"footer\">版权所有 网站标识码</div></body></html>\n"
    )
}

/// Every string of a tree, concatenated without spaces.
fn haystack(e: &Entry) -> String {
    let ron = gongbao::import::entry_to_ron(e);
    let tree = gongbao::model::load::parse(&ron, Path::new("x.ron")).expect("loads");
    let mut s = String::new();
    if let Some(i) = tree.issue() {
        for l in i
            .masthead
            .iter()
            .chain(&i.masthead_en)
            .chain(&i.back_matter)
        {
            s.push_str(l);
        }
        // The 目录 line is the contents' own heading.
        s.push_str("目录");
        for c in i.contents.iter().chain(&i.contents_en) {
            s.push_str(&c.category);
            s.push_str(&c.title);
        }
    }
    for ix in 0..tree.len() {
        match &tree.nodes[ix].data {
            Some(Node::Entry(n) | Node::Segment(n)) => {
                s.push_str(&format!("{}{}{}", n.title, n.sep, n.text));
            }
            Some(Node::Table(t)) => {
                s.push_str(&t.title);
                for r in t.header.iter().chain(&t.rows) {
                    s.push_str(&r.concat());
                }
                s.push_str(&t.notes.concat());
            }
            Some(Node::Task(t)) => {
                s.push_str(t.number.as_deref().unwrap_or(""));
                s.push_str(&t.text);
                s.push_str(&t.lead.join("、"));
                s.push_str(&t.support.join("、"));
                s.push_str(&t.due_text);
                for (_, v) in &t.fields {
                    s.push_str(v);
                }
            }
            Some(Node::Heading(_))
                if tree.nodes[ix]
                    .parent
                    .is_some_and(|p| tree.nodes[p].kind == gongbao::model::Kind::Table) =>
            {
                s.push_str(&tree.label(ix));
            }
            _ => {
                s.push_str(&tree.printed_number(ix));
                s.push_str(tree.title(ix));
                // A run-in heading's title ends at its 。 (`坚持统筹推进。…`).
                if tree.heading(ix).is_some()
                    && !tree.title(ix).is_empty()
                    && !tree.text(ix).is_empty()
                {
                    s.push('。');
                }
                s.push_str(tree.text(ix));
            }
        }
    }
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn no_line_is_lost_except_what_is_reported() {
    for (name, text) in fixtures() {
        let imp = import(&name, text.as_bytes());
        let hay = haystack(&imp.entry);
        for (k, line) in text.lines().enumerate() {
            let removed = imp
                .report
                .iter()
                .any(|r| r.starts_with(&format!("line {}: removed", k + 1)));
            for piece in line.split(['\t', '\u{c}']) {
                let p: String = piece
                    .chars()
                    .filter(|c| !c.is_whitespace() && !matches!(c, '【' | '】'))
                    .collect();
                // A contents line is held as its title and page.
                let p = match p.find('…') {
                    Some(dots) if name.starts_with("issue") => p[..dots].to_string(),
                    _ => p,
                };
                if p.is_empty() || removed {
                    continue;
                }
                assert!(
                    hay.contains(&p),
                    "{name} line {}: {piece:?} is not in the tree",
                    k + 1
                );
            }
        }
    }
}

#[test]
fn markdown_html_and_gbk_give_the_same_tree() {
    for (name, text) in fixtures() {
        if text.contains('\u{c}') || name.starts_with("issue") {
            continue; // a printed page or a whole issue: not what a web page or Markdown holds
        }
        let stem = name.trim_end_matches(".txt");
        let want = tree_of(import(&name, text.as_bytes()).entry);
        let md = tree_of(import(&format!("{stem}.md"), to_markdown(&text).as_bytes()).entry);
        assert!(
            md == want,
            "{name} as Markdown gives another tree: {}",
            first_difference(&want, &md)
        );
        let html = tree_of(import(&format!("{stem}.html"), to_html(&text).as_bytes()).entry);
        assert!(
            html == want,
            "{name} as HTML gives another tree: {}",
            first_difference(&want, &html)
        );
        let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
        assert!(!bad);
        let g = import(&name, &gbk);
        assert!(tree_of(g.entry) == want, "{name} in GBK gives another tree");
        assert!(g.report.iter().any(|r| r.starts_with("decoded from GBK")));
    }
}

proptest! {
    // 24 cases in the suite; PROPTEST_CASES=1000 for a longer search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    /// Page numbers, form feeds and a running header at random line breaks.
    #[test]
    fn page_furniture_anywhere_gives_the_same_tree(
        which in 0usize..64,
        cuts in prop::collection::vec(0usize..10_000, 2..6),
    ) {
        let all = fixtures();
        let (name, text) = &all[which % all.len()];
        if !text.contains('\u{c}') {
            let want = tree_of(import(name, text.as_bytes()).entry);
            let lines: Vec<&str> = text.lines().collect();
            let mut at: Vec<usize> = cuts.iter().map(|c| 1 + c % (lines.len() - 1)).collect();
            at.sort_unstable();
            at.dedup();
            let mut out = String::new();
            let mut page = 1;
            for (k, l) in lines.iter().enumerate() {
                if at.contains(&k) {
                    out.push_str(&format!("— {page} —\n\u{c}某某市人民政府公报\n"));
                    page += 1;
                }
                out.push_str(l);
                out.push('\n');
            }
            let got = tree_of(import(name, out.as_bytes()).entry);
            prop_assert!(got == want, "{} with page breaks before lines {:?}: {}", name, at, first_difference(&want, &got));
        }
    }
}

#[test]
fn permuted_task_columns_give_the_same_tasks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let tasks = |f: &str| -> Vec<gongbao::model::schema::Task> {
        let bytes = std::fs::read(root.join(f)).expect("fixture");
        let ron = gongbao::import::entry_to_ron(&import(f, &bytes).entry);
        let tree = gongbao::model::load::parse(&ron, Path::new(f)).expect("loads");
        tree.of_kind(gongbao::model::Kind::Task)
            .filter_map(|ix| match &tree.nodes[ix].data {
                Some(Node::Task(t)) => Some(t.clone()),
                _ => None,
            })
            .map(|mut t| {
                t.id.clear();
                t
            })
            .collect()
    };
    let a = tasks("tasks.txt");
    assert_eq!(a.len(), 12);
    assert_eq!(a, tasks("tasks-permuted.txt"));
}
