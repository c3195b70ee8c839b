use std::borrow::Cow;

/// Makes a string from a file safe for one terminal line or for stdout.
///
/// Every string from a gazette file passes through here before it reaches a
/// cell or stdout. C0 controls and DEL are shown in caret notation (`^[`),
/// C1 controls as `<9B>` (as `less` does); a tab becomes a space, a newline a
/// space (callers split lines first where lines matter). Bidi controls and
/// zero-width/format characters are removed.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_care) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            '\u{7f}' => out.push_str("^?"),
            c if ('\u{80}'..='\u{9f}').contains(&c) => {
                out.push_str(&format!("<{:02X}>", c as u32));
            }
            c if is_invisible(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_care(c: char) -> bool {
    (c as u32) < 0x20
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{2028}' | '\u{2029}')
        || is_invisible(c)
}

/// Bidi controls and zero-width or format characters.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{00AD}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_visible() {
        assert_eq!(sanitize("a\u{1b}]0;pwned\u{7}b"), "a^[]0;pwned^Gb");
        assert_eq!(sanitize("x\u{9b}31m"), "x<9B>31m");
        assert_eq!(sanitize("del\u{7f}"), "del^?");
    }

    #[test]
    fn bidi_and_zero_width_are_removed() {
        assert_eq!(sanitize("a\u{202E}b\u{200B}c\u{FEFF}d\u{2066}e"), "abcde");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("专栏5 新材料"), Cow::Borrowed(_)));
    }
}
