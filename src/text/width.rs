use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::sanitize;
use super::wrap::{Indent, Piece};

/// Display width of a string as the terminal shows it (after sanitizing).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(sanitize(s).as_ref())
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Cuts a string to at most `max` display columns, ending in `…` when cut.
/// Never splits a wide character: the result may be one column short.
pub fn truncate(s: &str, max: usize) -> String {
    let s = sanitize(s);
    if UnicodeWidthStr::width(s.as_ref()) <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    // Cut right after an ellipsis already there: one is enough.
    if !out.ends_with('…') {
        out.push('…');
    }
    out
}

/// Keeps the end of a string within `max` columns, starting with `…` when cut.
pub fn truncate_left(s: &str, max: usize) -> String {
    let s = sanitize(s);
    if UnicodeWidthStr::width(s.as_ref()) <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        kept.push(c);
        used += w;
    }
    let mut out = String::new();
    // Cut right before an ellipsis already there: one is enough.
    if kept.last() != Some(&'…') {
        out.push('…');
    }
    out.extend(kept.into_iter().rev());
    out
}

/// Pads (or cuts) to exactly `w` display columns.
pub fn pad_right(s: &str, w: usize) -> String {
    let mut out = truncate(s, w);
    let used = UnicodeWidthStr::width(out.as_str());
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// Wraps text to `width` display columns with Unicode line breaking (UAX #14):
/// Chinese breaks between characters, and no line starts with closing
/// punctuation such as ，。、；：？！）」』》. Each `\n` starts a new line.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    wrap_indent(s, width, "", "")
}

/// Like [`wrap`], with an indent on the first line and another on the rest
/// (the indents count toward `width`).
pub fn wrap_indent(s: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let width = width
        .max(2)
        .max(UnicodeWidthStr::width(first) + 2)
        .max(UnicodeWidthStr::width(rest) + 2);
    let (fw, rw) = (UnicodeWidthStr::width(first), UnicodeWidthStr::width(rest));
    let mut out = Vec::new();
    for line in s.split('\n') {
        let clean = sanitize(line);
        if clean.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        super::wrap::wrap_line(&clean, width, fw, rw, &mut |p: Piece| {
            let indent = if p.indent == Indent::First {
                first
            } else {
                rest
            };
            out.push(format!(
                "{indent}{}",
                &clean[p.start as usize..p.end as usize]
            ));
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_never_splits_wide_chars() {
        assert_eq!(truncate("新材料产业", 5), "新材…");
        assert_eq!(truncate("新材料产业", 4), "新…");
        assert_eq!(truncate("新材料", 6), "新材料");
        assert_eq!(truncate("ab", 0), "");
        assert_eq!(truncate_left("重庆市人民政府公报", 7), "…府公报");
        // Never two ellipses where a cut meets one (breadcrumbs showed ……).
        assert_eq!(truncate_left("甲乙…丙", 4), "…丙");
        assert_eq!(truncate("甲…乙丙", 4), "甲…");
    }

    #[test]
    fn pad_counts_columns() {
        assert_eq!(pad_right("专栏", 6), "专栏  ");
        assert_eq!(width(&pad_right("专栏五号", 5)), 5);
    }

    #[test]
    fn wrap_keeps_closing_punctuation_off_line_starts() {
        let text = "半导体，新型显示。新型智能终端、先进传感器；软件：工业软件！";
        for w in 2..=30 {
            let lines = wrap(text, w);
            assert_eq!(lines.concat(), text, "no character lost at width {w}");
            for l in &lines {
                assert!(width(l) <= w.max(2), "{l:?} wider than {w}");
            }
            for l in lines.iter().skip(1) {
                let first = l.chars().next().unwrap_or(' ');
                if w >= 4 {
                    assert!(!"，。、；：？！）」』》".contains(first), "{l:?} at {w}");
                }
            }
        }
    }
}
