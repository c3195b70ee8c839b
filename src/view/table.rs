//! Tables laid out by display width: aligned columns whose long cells wrap
//! inside their column, drawn with box characters.

use crate::text::{pad_right, width, wrap};

use super::reader::{Span, Tone};

/// A table row: cells, or one full-width heading row (a task table's groups).
#[derive(Debug, Clone)]
pub enum Row {
    Cells(Vec<String>, Tone),
    Full(String),
}

/// Column widths that fit `avail` columns of content: natural widths, then
/// the widest column is shrunk one column at a time until the table fits.
pub fn column_widths(rows: &[Row], ncols: usize, avail: usize) -> Vec<usize> {
    let mut w = vec![1usize; ncols];
    for row in rows {
        if let Row::Cells(cells, _) = row {
            for (i, c) in cells.iter().enumerate().take(ncols) {
                w[i] = w[i].max(width(c).min(48));
            }
        }
    }
    // Wide characters need at least 2 columns.
    for x in &mut w {
        *x = (*x).max(2);
    }
    while w.iter().sum::<usize>() > avail {
        let (i, &m) = w
            .iter()
            .enumerate()
            .max_by_key(|(i, &x)| (x, usize::MAX - i))
            .unwrap_or((0, &2));
        if m <= 2 {
            break;
        }
        w[i] -= 1;
    }
    w
}

/// Lays out a table in `total` columns. Returns lines of spans and, for each
/// line, the index of the row it belongs to (`None` for borders).
pub fn layout(rows: &[Row], header_rows: usize, total: usize) -> Vec<(Vec<Span>, Option<usize>)> {
    let ncols = rows
        .iter()
        .map(|r| match r {
            Row::Cells(c, _) => c.len(),
            Row::Full(_) => 1,
        })
        .max()
        .unwrap_or(1)
        .max(1);
    // Borders: "│" + (" cell " + "│") per column = 1 + 3 * ncols.
    let chrome = 1 + 3 * ncols;
    let w = column_widths(rows, ncols, total.saturating_sub(chrome));
    let inner: usize = w.iter().sum::<usize>() + 3 * ncols - 1;
    let border = |l: &str, m: &str, r: &str| -> Vec<Span> {
        let mut s = String::from(l);
        for (i, cw) in w.iter().enumerate() {
            s.push_str(&"─".repeat(cw + 2));
            s.push_str(if i + 1 == ncols { r } else { m });
        }
        vec![Span::new(s, Tone::Border)]
    };
    let mut out = vec![(border("┌", "┬", "┐"), None)];
    for (ri, row) in rows.iter().enumerate() {
        if ri == header_rows && header_rows > 0 {
            out.push((border("├", "┼", "┤"), None));
        }
        match row {
            Row::Full(text) => {
                for l in wrap(text, inner.saturating_sub(2).max(2)) {
                    out.push((
                        vec![
                            Span::new("│ ", Tone::Border),
                            Span::new(pad_right(&l, inner.saturating_sub(2)), Tone::Heading),
                            Span::new(" │", Tone::Border),
                        ],
                        Some(ri),
                    ));
                }
            }
            Row::Cells(cells, tone) => {
                let wrapped: Vec<Vec<String>> = (0..ncols)
                    .map(|i| wrap(cells.get(i).map_or("", String::as_str), w[i]))
                    .collect();
                let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
                for k in 0..height {
                    let mut spans = vec![Span::new("│", Tone::Border)];
                    for (i, col) in wrapped.iter().enumerate() {
                        let cell = col.get(k).map_or("", String::as_str);
                        spans.push(Span::new(format!(" {} ", pad_right(cell, w[i])), *tone));
                        spans.push(Span::new("│", Tone::Border));
                    }
                    out.push((spans, Some(ri)));
                }
            }
        }
    }
    out.push((border("└", "┴", "┘"), None));
    out
}
