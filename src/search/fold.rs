//! Folding for comparison: full-width ASCII forms to half-width (０-９ Ａ-Ｚ
//! （）), U+3000 to a space. Whitespace is dropped where a form is built for
//! matching, so `专栏5` equals `专栏 5`.

/// One character folded: full-width ASCII variants become ASCII.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        c => c,
    }
}

/// A string folded, without whitespace, with each kept char's index in the
/// source (in chars).
pub fn fold_compact(s: &str) -> (Vec<char>, Vec<u32>) {
    let mut out = Vec::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        let f = fold_char(c);
        if f.is_whitespace() {
            continue;
        }
        out.push(f);
        map.push(i as u32);
    }
    (out, map)
}

/// A string's characters folded for matching, without whitespace, into `out`
/// (cleared first): [`fold_compact`] without the map, into a reused buffer.
pub fn fold_into(s: &str, out: &mut Vec<char>) {
    out.clear();
    out.extend(s.chars().map(fold_char).filter(|c| !c.is_whitespace()));
}

/// A query folded for matching: no whitespace.
pub fn fold_query(q: &str) -> String {
    q.chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Smart case: case matters only when the query has an upper-case letter.
pub fn case_sensitive(q: &str) -> bool {
    q.chars().any(char::is_uppercase)
}

/// The bit of an ASCII letter (`a` is bit 0; the caller passes a letter).
pub fn letter_bit(c: char) -> u32 {
    1 << (c.to_ascii_lowercase() as u32 - 'a' as u32)
}

/// The letters of a string as a bit set (`a` is bit 0).
pub fn letter_mask(s: impl IntoIterator<Item = char>) -> u32 {
    s.into_iter()
        .filter(char::is_ascii_alphabetic)
        .fold(0, |m, c| m | letter_bit(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_spaces() {
        assert_eq!(fold_query("专栏 5"), "专栏5");
        assert_eq!(fold_query("专栏　５"), "专栏5");
        assert_eq!(fold_query("（ＩＧＢＴ）"), "(IGBT)");
        let (chars, map) = fold_compact("A I算");
        assert_eq!(chars, vec!['A', 'I', '算']);
        assert_eq!(map, vec![0, 2, 3]);
        assert!(case_sensitive("IGBT"));
        assert!(!case_sensitive("igbt新"));
    }
}
