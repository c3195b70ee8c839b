//! Tables laid out by display width: aligned columns whose long cells wrap
//! inside their column, drawn with box characters.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::text::{pad_right, width, wrap};

use super::line::{Span, Tone};

/// A table row: cells, or one full-width heading row (a task table's groups).
#[derive(Debug, Clone)]
pub enum Row {
    Cells(Vec<String>, Tone),
    Full(String),
}

/// The widest run a cell cannot break inside: an ASCII word or number
/// (`22655`, `2021-03`), or a wide character (2).
fn unbreakable(cell: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    for c in cell.chars() {
        if c.is_ascii_graphic() {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
            best = best.max(width(c.encode_utf8(&mut [0; 4])));
        }
    }
    best
}

/// Column widths that fit `avail` columns of content. Each column gets at
/// least what its unbreakable words need (when that fits), and the rest is
/// shared in proportion to how much more each column's longest cell wants, so
/// narrow columns (序号, months) keep their width and long text wraps.
pub fn column_widths(rows: &[Row], ncols: usize, avail: usize) -> Vec<usize> {
    let mut natural = vec![2usize; ncols];
    let mut least = vec![2usize; ncols];
    for row in rows {
        if let Row::Cells(cells, _) = row {
            for (i, c) in cells.iter().enumerate().take(ncols) {
                natural[i] = natural[i].max(width(c).min(60));
                least[i] = least[i].max(unbreakable(c).min(12));
            }
        }
    }
    for i in 0..ncols {
        least[i] = least[i].min(natural[i]).max(4.min(natural[i]));
    }
    if natural.iter().sum::<usize>() <= avail {
        return natural;
    }
    let floor: usize = least.iter().sum();
    if floor >= avail {
        // Not even the words fit: shrink the widest column first (the
        // leftmost of equals), down to 2. A heap keeps each step
        // logarithmic: a table of thousands of columns stays quick.
        let mut w = least;
        let mut sum: usize = w.iter().sum();
        let mut widest: BinaryHeap<(usize, Reverse<usize>)> = w
            .iter()
            .enumerate()
            .map(|(i, &x)| (x, Reverse(i)))
            .collect();
        while sum > avail {
            let Some((m, Reverse(i))) = widest.pop() else {
                break;
            };
            if m <= 2 {
                break;
            }
            w[i] = m - 1;
            sum -= 1;
            widest.push((m - 1, Reverse(i)));
        }
        return w;
    }
    let extra = avail - floor;
    let wants: Vec<usize> = natural.iter().zip(&least).map(|(n, l)| n - l).collect();
    let total_want: usize = wants.iter().sum::<usize>().max(1);
    let mut w: Vec<usize> = least
        .iter()
        .zip(&wants)
        .map(|(l, want)| l + extra * want / total_want)
        .collect();
    let mut left = avail.saturating_sub(w.iter().sum());
    // Hand out what rounding left over to the columns that want most (the
    // last of equals), through a heap as above.
    let mut wanting: BinaryHeap<(usize, usize)> = (0..ncols)
        .filter(|&i| w[i] < natural[i])
        .map(|i| (natural[i] - w[i], i))
        .collect();
    while left > 0 {
        let Some((want, i)) = wanting.pop() else {
            break;
        };
        w[i] += 1;
        left -= 1;
        if want > 1 {
            wanting.push((want - 1, i));
        }
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
