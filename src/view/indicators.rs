//! The indicator check as an aligned table.

use crate::domain::indicators::Indicator;

use super::line::Tone;
use super::table::{layout, Row};

/// Header and rows of the check table (shared by the reader and `indicators`).
pub fn rows(list: &[Indicator]) -> Vec<Row> {
    let mut rows = vec![Row::Cells(
        [
            "指标名称",
            "2020年",
            "2025年",
            "年均增速（表列）",
            "按两值推算",
            "核对",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        Tone::Header,
    )];
    for r in list {
        let implied = r.implied.clone().unwrap_or_else(|| "—".into());
        let flag = if r.flagged {
            "✗ 不一致"
        } else if r.implied.is_some() {
            "✓"
        } else {
            ""
        };
        rows.push(Row::Cells(
            vec![
                r.name.clone(),
                r.base.clone(),
                r.target.clone(),
                r.stated.clone(),
                implied,
                flag.to_string(),
            ],
            if r.flagged {
                Tone::Missing
            } else {
                Tone::Plain
            },
        ));
    }
    rows
}

/// The check table as text lines of `width` columns, then the notes by row.
pub fn text(list: &[Indicator], width: usize) -> Vec<String> {
    let mut out: Vec<String> = layout(&rows(list), 1, width)
        .into_iter()
        .map(|(spans, _)| spans.iter().map(|s| s.text.as_str()).collect())
        .collect();
    let mut notes: Vec<String> = Vec::new();
    for r in list {
        if let Some(n) = &r.note {
            for line in n.lines() {
                if !notes.iter().any(|x| x == line) {
                    notes.push(line.to_string());
                }
            }
        }
    }
    out.extend(notes);
    out
}
