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

/// The widest number in a cell (`22655`, `0.6`, `[-16%]`): digits and
/// what is written in and around them; never split across lines.
fn widest_number(cell: &str) -> usize {
    let numeric = |c: char| c.is_ascii_digit() || ".,%+-[]<>~".contains(c);
    let mut best = 0;
    let (mut run, mut digits) = (0, false);
    for c in cell.chars() {
        if numeric(c) {
            run += 1;
            digits |= c.is_ascii_digit();
            if digits {
                best = best.max(run);
            }
        } else {
            (run, digits) = (0, false);
        }
    }
    best
}

/// Column widths that fit `avail` columns of content. Each column gets at
/// least what its unbreakable words need (when that fits), and the rest goes
/// to the columns with the most text (the sum of their cells' widths), each
/// up to its longest cell: 试点任务 gets more than 配合单位, 指标名称 more than
/// the number columns. When not even the words fit, the columns with the
/// least text for their width shrink first, never below the widest number
/// in them (unless even the numbers do not fit).
pub fn column_widths(rows: &[Row], ncols: usize, avail: usize) -> Vec<usize> {
    let mut natural = vec![2usize; ncols];
    let mut least = vec![2usize; ncols];
    let mut numbers = vec![0usize; ncols];
    let mut text = vec![0usize; ncols];
    for row in rows {
        if let Row::Cells(cells, _) = row {
            for (i, c) in cells.iter().enumerate().take(ncols) {
                let cw = width(c);
                natural[i] = natural[i].max(cw.min(60));
                least[i] = least[i].max(unbreakable(c).min(12));
                numbers[i] = numbers[i].max(widest_number(c).min(24));
                text[i] += cw;
            }
        }
    }
    for i in 0..ncols {
        least[i] = least[i].min(natural[i]).max(4.min(natural[i]));
    }
    if natural.iter().sum::<usize>() <= avail {
        return natural;
    }
    let mut floor: usize = least.iter().sum();
    // The words do not fit: what must (2 columns, a number whole) is the
    // floor instead, when that fits, and the rest goes by text as below.
    if floor > avail {
        let hard: Vec<usize> = (0..ncols)
            .map(|i| numbers[i].max(2).min(natural[i].max(2)))
            .collect();
        let sum: usize = hard.iter().sum();
        if sum < avail {
            least = hard;
            floor = sum;
        }
    }
    if floor >= avail {
        // Not even the words fit: shrink the widest column first (the
        // leftmost of equals), down to 2 but not below its widest number.
        // A heap keeps each step logarithmic: a table of thousands of
        // columns stays quick.
        // Numbers stay whole when they can all fit; where not even they
        // do, the table is kept to its width and long numbers break.
        let keep: usize = numbers.iter().map(|&n| n.max(2)).sum();
        if keep > avail {
            numbers.iter_mut().for_each(|n| *n = 0);
        }
        let mut w = least;
        let mut sum: usize = w.iter().sum();
        // The column with the least text for its width gives first: a
        // column of long sentences keeps the most.
        let weight =
            |i: usize, x: usize| (x as u64 * 1_000_000) / (1 + (text[i] as f64).sqrt() as u64);
        let mut widest: BinaryHeap<(u64, Reverse<usize>)> = w
            .iter()
            .enumerate()
            .map(|(i, &x)| (weight(i, x), Reverse(i)))
            .collect();
        while sum > avail {
            let Some((_, Reverse(i))) = widest.pop() else {
                break;
            };
            let m = w[i];
            if m <= 2.max(numbers[i]) {
                continue;
            }
            w[i] = m - 1;
            sum -= 1;
            widest.push((weight(i, m - 1), Reverse(i)));
        }
        return w;
    }
    // The rest by text, each column up to its longest cell: rounds of
    // sharing among the columns that still want more (at most `avail`
    // rounds; each gives at least one column).
    let mut w = least;
    let mut extra = avail - floor;
    while extra > 0 {
        let open: Vec<usize> = (0..ncols).filter(|&i| w[i] < natural[i]).collect();
        if open.is_empty() {
            break;
        }
        let total: usize = open.iter().map(|&i| text[i].max(1)).sum();
        let mut given = 0;
        for &i in &open {
            let add = (extra * text[i].max(1) / total).min(natural[i] - w[i]);
            w[i] += add;
            given += add;
        }
        if given == 0 {
            // Rounding left it all: one more column to the one with most
            // text (the first of equals).
            if let Some(&i) = open.iter().max_by_key(|&&i| (text[i], Reverse(i))) {
                w[i] += 1;
                given = 1;
            }
        }
        extra -= given;
    }
    w
}

/// How many columns the rows need (the widest row's cells; at least 1).
pub fn columns(rows: &[Row]) -> usize {
    rows.iter()
        .map(|r| match r {
            Row::Cells(c, _) => c.len(),
            Row::Full(_) => 1,
        })
        .max()
        .unwrap_or(1)
        .max(1)
}

/// Lays out a table in `total` columns. Returns lines of spans and, for each
/// line, the index of the row it belongs to (`None` for borders).
pub fn layout(rows: &[Row], header_rows: usize, total: usize) -> Vec<(Vec<Span>, Option<usize>)> {
    let ncols = columns(rows);
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
