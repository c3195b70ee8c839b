//! Markdown (as law collections publish documents) → lines for the
//! structure recogniser, with `pulldown-cmark`: headings and paragraphs one
//! line each (a paragraph's soft line breaks join), ordered list items with
//! their number as printed (`1. `), pipe tables as tables, HTML comments
//! dropped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::lines::{Line, TableBlock};

/// Reads Markdown text.
pub fn read(text: &str, report: &mut Vec<String>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut current = String::new();
    // Ordered lists' next numbers, innermost last (`None`: a bullet list).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut table: Option<TableBlock> = None;
    let mut row: Vec<String> = Vec::new();
    let mut in_head = false;
    let mut dropped = 0;
    // Where each line starts, to number lines by binary search.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset);
    let mut start_line = 1;
    let flush = |out: &mut Vec<Line>, current: &mut String, no: usize| {
        let t = current.trim().to_string();
        if !t.is_empty() {
            out.push(Line {
                no,
                text: t,
                ..Line::default()
            });
        }
        current.clear();
    };
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) => {
                // A loose list item's paragraph keeps the item's number.
                let marker = current.ends_with(". ")
                    && current
                        .trim_end_matches(". ")
                        .bytes()
                        .all(|b| b.is_ascii_digit());
                if !marker {
                    flush(&mut out, &mut current, start_line);
                    start_line = line_of(range.start);
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                flush(&mut out, &mut current, start_line)
            }
            Event::Start(Tag::List(first)) => lists.push(first),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut current, start_line);
                start_line = line_of(range.start);
                if let Some(Some(n)) = lists.last_mut() {
                    current.push_str(&format!("{n}. "));
                    *n += 1;
                }
            }
            Event::End(TagEnd::Item) => flush(&mut out, &mut current, start_line),
            Event::Start(Tag::Table(_)) => {
                flush(&mut out, &mut current, start_line);
                start_line = line_of(range.start);
                table = Some(TableBlock {
                    header_rows: 1,
                    ..TableBlock::default()
                });
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                if let Some(t) = table.as_mut() {
                    t.rows.push(std::mem::take(&mut row));
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(std::mem::take(&mut row));
                }
            }
            Event::End(TagEnd::TableCell) => {
                row.push(std::mem::take(&mut current).trim().to_string())
            }
            Event::End(TagEnd::Table) => {
                if let Some(mut t) = table.take() {
                    let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
                    for r in &mut t.rows {
                        r.resize(width, String::new());
                    }
                    out.push(Line::of_table(t, start_line));
                }
                let _ = in_head;
            }
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak => {
                // A paragraph wrapped in the source: Chinese joins, words keep a space.
                let ascii = current
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
                if ascii {
                    current.push(' ');
                }
            }
            Event::HardBreak => {
                flush(&mut out, &mut current, start_line);
                start_line = line_of(range.start) + 1;
            }
            Event::Html(_) | Event::InlineHtml(_) => dropped += 1,
            _ => {}
        }
    }
    flush(&mut out, &mut current, start_line);
    if dropped > 0 {
        report.push(format!(
            "dropped {dropped} HTML comments or tags of the Markdown"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_items_and_tables() {
        let md = "# 某某办法\n\n## 第一章 总则\n\n第一条 为了\n测试，制定本办法。\n\n1. 甲；\n2. 乙。\n\n| 序号 | 事项 |\n| --- | --- |\n| 1 | 审批 |\n";
        let mut r = Vec::new();
        let lines = read(md, &mut r);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts[..5],
            [
                "某某办法",
                "第一章 总则",
                "第一条 为了测试，制定本办法。",
                "1. 甲；",
                "2. 乙。"
            ]
        );
        let t = lines[5].table.as_deref().map(|t| t.rows.clone());
        assert_eq!(
            t,
            Some(vec![
                vec!["序号".to_string(), "事项".into()],
                vec!["1".into(), "审批".into()]
            ])
        );
        assert_eq!(lines[2].no, 5);
    }
}
