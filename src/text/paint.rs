//! Colouring what matched a query in a command's output on a terminal (as
//! ripgrep does): bold red, then back to plain. The text is sanitized here,
//! character by character, so a file's own escape sequences never pass and
//! the positions stay those of the text as written.

use super::sanitize;

/// Where a match starts.
pub const ON: &str = "\x1b[1;31m";
/// Where a match ends.
pub const OFF: &str = "\x1b[0m";

/// `s`, sanitized, its characters at `indices` (character positions)
/// coloured when `color`.
pub fn chars(s: &str, indices: &[usize], color: bool) -> String {
    if !color || indices.is_empty() {
        return sanitize(s).into_owned();
    }
    let mut out = String::new();
    let mut on = false;
    for (k, c) in s.chars().enumerate() {
        let hit = indices.contains(&k);
        if hit != on {
            out.push_str(if hit { ON } else { OFF });
            on = hit;
        }
        let mut buf = [0; 4];
        out.push_str(&sanitize(c.encode_utf8(&mut buf)));
    }
    if on {
        out.push_str(OFF);
    }
    out
}

/// `s`, sanitized, every occurrence of `term` coloured when `color`.
pub fn term(s: &str, term: &str, color: bool) -> String {
    if !color || term.is_empty() {
        return sanitize(s).into_owned();
    }
    let mut indices = Vec::new();
    let char_at = |byte: usize| s[..byte].chars().count();
    for (p, m) in s.match_indices(term) {
        let first = char_at(p);
        indices.extend(first..first + m.chars().count());
    }
    chars(s, &indices, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_coloured_and_escapes_never_pass() {
        assert_eq!(
            chars("新材料", &[0, 2], true),
            "\x1b[1;31m新\x1b[0m材\x1b[1;31m料\x1b[0m"
        );
        assert_eq!(chars("新材料", &[0, 2], false), "新材料");
        // A file's ESC is shown, not written; positions stay the text's.
        assert_eq!(chars("a\x1b[2Jb", &[5], true), "a^[[2J\x1b[1;31mb\x1b[0m");
        assert_eq!(term("专栏1 专栏1", "专栏1", true).matches(ON).count(), 2);
    }
}
