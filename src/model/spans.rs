//! Where things are in a RON file: the fields (`name:`) of every struct,
//! found by walking the tokens as the parser does — strings, characters and
//! comments skipped, brackets nested — so that a problem found after
//! parsing (an empty or repeated id, a missing title) is reported at the
//! field it is about, not at the first text that looks like it.

/// A field's name and where it starts (1-based line and column, the column
/// in characters as the parser counts them), with the offset of the bracket
/// that opens the struct it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub line: usize,
    pub col: usize,
    pub owner: usize,
    /// How many brackets are open around it (1: the file's root struct).
    pub depth: usize,
}

/// Every `name:` field of the file, in the order of the structs that hold
/// them (a struct's fields before those of the structs it contains), then in
/// order within a struct.
pub fn fields(source: &str) -> Vec<Field> {
    let b = source.as_bytes();
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut p = Pos {
        i: 0,
        line: 1,
        col: 1,
    };
    while p.i < b.len() {
        let i = p.i;
        let c = b[i];
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let n = source[i..].find('\n').unwrap_or(b.len() - i);
                p.go(b, i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                // Block comments nest.
                let mut depth = 0usize;
                let mut j = i;
                while j < b.len() {
                    if b[j..].starts_with(b"/*") {
                        depth += 1;
                        j += 2;
                    } else if b[j..].starts_with(b"*/") {
                        depth -= 1;
                        j += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        j += 1;
                    }
                }
                p.go(b, j);
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                p.go(b, j + 1);
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) && !prev_is_ident(b, i) => {
                // A raw string: r"…", r#"…"#.
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    p.go(b, i + 1);
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let body = i + 2 + hashes;
                let n = source[body..]
                    .find(&close)
                    .map_or(b.len(), |k| body + k + close.len());
                p.go(b, n);
            }
            b'\'' => {
                // A character: '"', '\'', '\u{…}'.
                let mut j = i + 1;
                while j < b.len() && b[j] != b'\'' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                p.go(b, j + 1);
            }
            b'(' | b'[' | b'{' => {
                open.push(i);
                p.go(b, i + 1);
            }
            b')' | b']' | b'}' => {
                open.pop();
                p.go(b, i + 1);
            }
            c if (c.is_ascii_alphabetic() || c == b'_') && !prev_is_ident(b, i) => {
                let end = i + b[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                    .count();
                let after = source[end..].trim_start();
                let is_field = after.starts_with(':') && !after.starts_with("::");
                if let (true, Some(&owner)) = (is_field, open.last()) {
                    if b[owner] != b'[' {
                        out.push(Field {
                            name: source[i..end].to_string(),
                            line: p.line,
                            col: p.col,
                            owner,
                            depth: open.len(),
                        });
                    }
                }
                p.go(b, end);
            }
            _ => p.go(b, i + 1),
        }
    }
    // Structs in the order they open (pre-order), fields in order within.
    out.sort_by_key(|f| f.owner);
    out
}

/// A place in the source: byte offset, line and column.
struct Pos {
    i: usize,
    line: usize,
    col: usize,
}

impl Pos {
    /// Moves to byte `to`, counting lines and characters.
    fn go(&mut self, b: &[u8], to: usize) {
        let to = to.min(b.len());
        for &c in &b[self.i.min(to)..to] {
            if c == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if c & 0xC0 != 0x80 {
                self.col += 1;
            }
        }
        self.i = to;
    }
}

fn prev_is_ident(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_skip_strings_comments_and_characters() {
        let src = "Document( // id: \"no\"\n  title: \"id: x\", /* id: /* nested */ no */\n  children: [\n    Paragraph((text: r#\"id: \"y\"\"#, c: ')', id: \"p1\")),\n  ],\n  id: \"d1\",\n)\n";
        let ids: Vec<(usize, usize)> = fields(src)
            .into_iter()
            .filter(|f| f.name == "id")
            .map(|f| (f.line, f.col))
            .collect();
        // The document's own id first (its struct opens first), then the
        // paragraph's, whatever the order of the fields.
        assert_eq!(ids, vec![(6, 3), (4, 44)]);
    }

    proptest::proptest! {
        /// Any text: no panic, and every field it reports is where its name is.
        #[test]
        fn any_text_gives_fields_where_their_names_are(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                '(', ')', '[', ']', '{', '}', '"', '\'', '\\', '/', '*', '#', 'r', ':',
                'i', 'd', '_', ' ', '\n', '重', 'é', ',',
            ]), 0..200),
        ) {
            let src: String = chars.into_iter().collect();
            for f in fields(&src) {
                let line = src.split('\n').nth(f.line - 1).expect("the line");
                let rest: String = line.chars().skip(f.col - 1).collect();
                proptest::prop_assert!(rest.starts_with(&f.name), "{f:?} in {src:?}");
            }
        }
    }
}
