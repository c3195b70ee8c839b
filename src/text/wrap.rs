//! Wrapping as line ranges: where each display line of a paragraph starts
//! and ends, without copying the text or holding a value per character.
//!
//! The rules are those of `textwrap` with Unicode line breaking and first
//! fit (which this program used before and which the equivalence test holds
//! it to): break opportunities from UAX #14 (ICU's segmenter, as textwrap
//! uses), none after `-`; a word wider than a line is cut between characters
//! at the width of the following lines; trailing spaces are dropped at a
//! break. textwrap keeps every word of a line in memory at once (a
//! 60 MB paragraph of Chinese is twenty million words); this walks the break
//! opportunities once and keeps two numbers per line.

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};
use unicode_width::UnicodeWidthChar;

static SEGMENTER: LineSegmenterBorrowed<'static> =
    LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());

/// Which indent a wrapped line starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indent {
    /// A blank source line: no indent, no text.
    None,
    First,
    Rest,
}

/// One display line: a byte range of the (sanitized) source line, and its
/// indent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: u32,
    pub end: u32,
    pub indent: Indent,
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// The words of a line as textwrap's Unicode word separator makes them:
/// `(start, end of the word, end of its trailing spaces)` in bytes.
fn words(line: &str, mut each: impl FnMut(usize, usize, usize)) {
    let mut emit = |start: usize, end: usize| {
        let word = &line[start..end];
        let trimmed = word.trim_end_matches(' ').len();
        each(start, start + trimmed, end);
    };
    let mut start = 0;
    // textwrap drops the last opportunity it keeps (meant to be the end of
    // the line; when the line ends in `-` it is an inner one): hold each
    // back by one and never emit the last.
    let mut pending: Option<usize> = None;
    for idx in SEGMENTER.segment_str(line) {
        if idx == 0 || line[..idx].ends_with(['-', '\u{AD}']) {
            continue;
        }
        if let Some(p) = pending.replace(idx) {
            emit(start, p);
            start = p;
        }
    }
    if start < line.len() {
        emit(start, line.len());
    }
}

/// Wraps one line (no `\n`; sanitized) into `width` columns, the first
/// display line after an indent `first` columns wide, the others after one
/// `rest` wide. Calls `out` with each display line in order.
pub fn wrap_line(line: &str, width: usize, first: usize, rest: usize, out: &mut impl FnMut(Piece)) {
    let piece = |start: usize, end: usize, n: usize| Piece {
        start: start as u32,
        end: end as u32,
        indent: if n == 0 { Indent::First } else { Indent::Rest },
    };
    // textwrap's fast path: a line shorter in bytes than the width, with no
    // indent, is one display line.
    if line.len() < width && first == 0 {
        out(piece(0, line.trim_end_matches(' ').len(), 0));
        return;
    }
    let widths = [width.saturating_sub(first), width.saturating_sub(rest)];
    let cut = widths[1];
    // First fit over the fragments, one at a time. The state of the line
    // being filled: where it starts, how wide it is so far, how many
    // fragments it holds, where its last fragment's word and spaces end.
    struct Fill {
        start: usize,
        width: usize,
        count: usize,
        word_end: usize,
        lines: usize,
    }
    let mut fill = Fill {
        start: 0,
        width: 0,
        count: 0,
        word_end: 0,
        lines: 0,
    };
    let mut fragment = |fill: &mut Fill, start: usize, wend: usize, end: usize, w: usize| {
        let limit = widths[fill.lines.min(1)];
        if fill.width + w > limit && fill.count > 0 {
            out(piece(fill.start, fill.word_end, fill.lines));
            fill.lines += 1;
            fill.start = start;
            fill.width = 0;
            fill.count = 0;
        }
        fill.width += w + (end - wend);
        fill.count += 1;
        fill.word_end = wend;
    };
    // With a first-line indent textwrap puts an empty fragment first, so
    // the first word may go to the second line.
    if first > 0 {
        fragment(&mut fill, 0, 0, 0, 0);
    }
    // A fragment: a word or a piece of one, with the spaces after it (none
    // inside a word). Too wide for a line, it is cut between characters.
    let mut fit = |fill: &mut Fill, start: usize, wend: usize, end: usize| {
        let w: usize = line[start..wend].chars().map(char_width).sum();
        if w <= cut {
            fragment(fill, start, wend, end, w);
            return;
        }
        let mut from = start;
        let mut pw = 0;
        for (i, c) in line[start..wend].char_indices() {
            let i = start + i;
            let cw = char_width(c);
            if pw > 0 && pw + cw > cut {
                fragment(fill, from, i, i, pw);
                from = i;
                pw = 0;
            }
            pw += cw;
        }
        fragment(fill, from, wend, end, pw);
    };
    words(line, |start, wend, end| {
        // textwrap's hyphen splitter: a word may also break after a `-`
        // between two letters or digits.
        let word = &line[start..wend];
        let mut from = start;
        for (i, _) in word.match_indices('-') {
            let before = word[..i].chars().next_back();
            let after = word[i + 1..].chars().next();
            if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
            {
                fit(&mut fill, from, start + i + 1, start + i + 1);
                from = start + i + 1;
            }
        }
        fit(&mut fill, from, wend, end);
    });
    out(piece(fill.start, fill.word_end.max(fill.start), fill.lines));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
        let mut v = Vec::new();
        wrap_line(
            s,
            width,
            crate::text::width(first),
            crate::text::width(rest),
            &mut |p: Piece| {
                let indent = match p.indent {
                    Indent::First => first,
                    Indent::Rest => rest,
                    Indent::None => "",
                };
                v.push(format!("{indent}{}", &s[p.start as usize..p.end as usize]));
            },
        );
        v
    }

    fn textwrap(s: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
        let options = textwrap::Options::new(width)
            .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
            .break_words(true)
            .initial_indent(first)
            .subsequent_indent(rest);
        textwrap::wrap(s, &options)
            .into_iter()
            .map(|c| c.into_owned())
            .collect()
    }

    #[test]
    fn same_lines_as_textwrap_on_hand_picked_lines() {
        let cases = [
            "半导体，新型显示。新型智能终端、先进传感器；软件：工业软件！",
            "foo bar-",
            "foo bar- baz",
            "a-b-c-d-e-f-g-h",
            "To be, or not to be, that is the question.",
            "“ 重庆市”  《条例》（2021—2025年）",
            "   leading spaces and trailing   ",
            "x",
            "一",
            "wordwordwordwordwordwordwordword and more",
        ];
        for s in cases {
            for width in 2..=24 {
                for (first, rest) in [("", ""), ("    ", ""), ("", "      "), ("  ", "    ")] {
                    let width = width
                        .max(crate::text::width(first) + 2)
                        .max(crate::text::width(rest) + 2);
                    assert_eq!(
                        lines(s, width, first, rest),
                        textwrap(s, width, first, rest),
                        "{s:?} at {width} with {first:?}/{rest:?}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        #[test]
        fn same_lines_as_textwrap(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                '重', '庆', '市', '条', '例', '，', '。', '、', '“', '”', '《', '》', '（', '）',
                'a', 'b', 'Z', '1', '2', ' ', ' ', '-', '.', ',', '—', '…', '：', '！', '٣', 'é',
                '\u{3000}', '\u{FF08}', '\u{1F600}',
            ]), 0..120),
            width in 2usize..40,
            indents in 0usize..4,
        ) {
            let s: String = chars.into_iter().collect();
            let (first, rest) = [("", ""), ("    ", ""), ("", "      "), ("  ", "    ")][indents];
            let width = width.max(crate::text::width(first) + 2).max(crate::text::width(rest) + 2);
            proptest::prop_assert_eq!(lines(&s, width, first, rest), textwrap(&s, width, first, rest));
        }
    }
}
