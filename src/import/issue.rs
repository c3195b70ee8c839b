//! A gazette issue of any publisher: a masthead (`2021年第15期（总第897期）`,
//! `2019年第5号（总号：1652）`), a 目录 with categories and pages, an optional
//! English contents block, then the documents — found by their contents
//! titles, each read by the standalone document recogniser — and the back
//! matter (`主办单位：…` lines).

use crate::model::date::Date;
use crate::model::schema::{ContentsEntry, Issue, Node};

use super::document;
use super::lines::{self, squash, Line};
use super::ImportError;

/// A title for matching the contents against the text: no spaces, quotes
/// or brackets.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '（' | '）'
                        | '('
                        | ')'
                        | '【'
                        | '】'
                        | '《'
                        | '》'
                        | '“'
                        | '”'
                        | '"'
                        | '〈'
                        | '〉'
                )
        })
        .collect()
}

struct Masthead {
    unit: String,
    year: u32,
    number: u32,
    total: Option<u32>,
    published: Option<Date>,
    publisher: String,
}

/// Digits right after `after` in `s` (ASCII or full-width).
fn number_after(s: &str, after: &str) -> Option<u32> {
    let p = s.find(after)? + after.len();
    let digits: String = s[p..]
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn masthead(lines: &[String]) -> Result<Masthead, ImportError> {
    let mut year = None;
    let mut number = None;
    let mut total = None;
    let mut published = None;
    let mut publisher = String::new();
    let mut unit = String::new();
    for line in lines {
        let s = squash(line);
        if let Some(p) = s.find("年第") {
            let y: String = s[..p]
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if let (Ok(y), Some(n)) = (y.parse::<u32>(), number_after(&s, "年第")) {
                if year.is_none() {
                    // What follows the number's digits (ASCII or full-width,
                    // leading zeros too): 期 or 号.
                    let after = s[p + "年第".len()..].trim_start_matches(|c: char| {
                        c.is_ascii_digit() || ('０'..='９').contains(&c)
                    });
                    if after.starts_with('号') {
                        unit = "号".into();
                    }
                }
                year.get_or_insert(y);
                number.get_or_insert(n);
            }
        }
        if total.is_none() {
            total = number_after(&s, "总第")
                .or_else(|| number_after(&s, "总号：").or_else(|| number_after(&s, "总号:")));
        }
        if published.is_none() {
            if let Some(d) = s.strip_suffix("出版").and_then(Date::parse_cn) {
                published = Some(d);
            }
        }
        if s.ends_with("主办") && publisher.is_empty() {
            publisher = line.trim().to_string();
        }
    }
    let missing = |what: &str| ImportError::Missing(format!("masthead: no {what}"));
    Ok(Masthead {
        unit,
        year: year.ok_or_else(|| missing("year and number (2021年第15期, 2019年第5号)"))?,
        number: number.ok_or_else(|| missing("issue number"))?,
        total,
        published,
        publisher,
    })
}

/// Imports an issue from its text; what it was unsure of goes to `report`.
pub fn import(text: &str, report: &mut Vec<String>) -> Result<Issue, ImportError> {
    let (all, _) = document::lines_of(text, true, report);
    let toc_at = all
        .iter()
        .position(|l| squash(&l.text) == "目录")
        .ok_or_else(|| ImportError::Missing("no contents (目录) line found".into()))?;
    let mast: Vec<String> = all[..toc_at].iter().map(|l| l.text.clone()).collect();
    let facts = masthead(&mast)?;
    // Chinese contents: categories in 【】 and entries ending in a page number.
    let mut i = toc_at + 1;
    let mut contents = Vec::new();
    let mut category = String::new();
    let mut pending = String::new();
    while i < all.len() && lines::has_cjk(&all[i].text) {
        let t = all[i].text.trim();
        if let Some(cat) = t.strip_prefix('【').and_then(|r| r.strip_suffix('】')) {
            category = cat.trim().to_string();
            i += 1;
            continue;
        }
        let (title, page) = lines::split_page(t);
        if page.is_none() && !t.contains('…') {
            // A contents entry printed over two lines, or the first document.
            let next_has_page = all
                .get(i + 1)
                .is_some_and(|n| lines::split_page(&n.text).1.is_some());
            if next_has_page && pending.is_empty() {
                pending = title;
                i += 1;
                continue;
            }
            break;
        }
        let title = format!("{pending}{}", title.trim_end_matches(['…', '.', '·', ' ']));
        pending.clear();
        contents.push(ContentsEntry {
            category: category.clone(),
            title,
            page,
        });
        i += 1;
    }
    // An English block: lines without Chinese.
    let en_start = i;
    while i < all.len() && !lines::has_cjk(&all[i].text) {
        i += 1;
    }
    let mut contents_en = Vec::new();
    let mut masthead_en = Vec::new();
    let mut en_category = String::new();
    for l in &all[en_start..i] {
        let (title, page) = lines::split_page(&l.text);
        match page {
            Some(_) => contents_en.push(ContentsEntry {
                category: en_category.clone(),
                title: title.trim_end_matches(['…', '.', ' ']).to_string(),
                page,
            }),
            None if contents_en.is_empty() && !masthead_en.is_empty() => {
                en_category = l.text.clone();
            }
            None => masthead_en.push(l.text.clone()),
        }
    }
    // Back matter: the trailing run of `label：value` lines.
    let mut end = all.len();
    while end > i && lines::is_label_line(&all[end - 1].text) {
        end -= 1;
    }
    let back_matter: Vec<String> = all[end..].iter().map(|l| l.text.clone()).collect();
    let body = &all[i..end];
    let starts = document_starts(body, &contents, report);
    if starts.is_empty() {
        return Err(ImportError::Missing(
            "no document found: neither a contents title nor a title followed by a 文号".into(),
        ));
    }
    if starts[0].0 > 0 {
        report.push(format!(
            "line {}: {} lines between the contents and the first document: kept as back matter",
            body[0].no, starts[0].0
        ));
    }
    let mut documents = Vec::new();
    let mut leading: Vec<String> = body[..starts[0].0].iter().map(|l| l.text.clone()).collect();
    for (k, &(s, entry)) in starts.iter().enumerate() {
        let e = starts.get(k + 1).map_or(body.len(), |n| n.0);
        let mut doc = document::import(&body[s..e], report)?;
        if let Some(c) = entry.and_then(|n| contents.get(n)) {
            doc.category = (!c.category.is_empty()).then(|| c.category.clone());
            doc.page = c.page;
        }
        doc.title_en = entry
            .and_then(|n| contents_en.get(n))
            .map(|c| c.title.clone());
        documents.push(Node::Document(Box::new(doc)));
    }
    leading.extend(back_matter);
    Ok(Issue {
        format: crate::model::schema::FORMAT,
        year: facts.year,
        number: facts.number,
        total_number: facts.total,
        number_unit: facts.unit,
        published: facts
            .published
            .or_else(|| Date::year(facts.year))
            .ok_or_else(|| ImportError::Missing("masthead: no publication date".into()))?,
        title: mast.first().cloned().unwrap_or_default(),
        publisher: facts.publisher,
        masthead: mast,
        contents,
        masthead_en,
        contents_en,
        back_matter: leading,
        documents,
    })
}

/// Where each document starts in the body, with its contents entry: found
/// by the contents titles in order; without contents, a title followed by
/// a 文号. Entries without a document are reported.
fn document_starts(
    body: &[Line],
    contents: &[ContentsEntry],
    report: &mut Vec<String>,
) -> Vec<(usize, Option<usize>)> {
    let mut starts = Vec::new();
    let mut from = 0;
    for (n, c) in contents.iter().enumerate() {
        let target = norm(&c.title);
        let found = (from..body.len()).find(|&j| {
            let mut acc = String::new();
            for l in body.iter().skip(j).take(3) {
                acc.push_str(&norm(&l.text));
                if acc == target || (acc.starts_with(&target) && acc.len() <= target.len() + 12) {
                    return true;
                }
                if !target.starts_with(&acc) {
                    return false;
                }
            }
            false
        });
        match found {
            Some(j) => {
                starts.push((j, Some(n)));
                from = j + 1;
            }
            None => report.push(format!(
                "contents entry {:?}: no document with this title found in the text",
                c.title
            )),
        }
    }
    if starts.is_empty() {
        starts = (0..body.len().saturating_sub(1))
            .filter(|&k| lines::is_doc_number(&body[k + 1].text))
            .map(|k| (k, None))
            .collect();
        if !starts.is_empty() && !contents.is_empty() {
            report.push("documents found by their 文号, not by the contents".into());
        }
    }
    starts
}
