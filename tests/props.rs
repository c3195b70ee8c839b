//! Property tests: the sanitizer, cutting and wrapping on arbitrary text, and
//! the importer on arbitrary text (never a panic).

use proptest::prelude::*;

use gongbao::text::{pad_right, sanitize, truncate, truncate_left, width, wrap};

fn forbidden(c: char) -> bool {
    (c as u32) < 0x20
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{ad}' | '\u{2028}' | '\u{2029}')
}

/// Text that mixes Chinese, ASCII, controls, escapes and bidi characters.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::char::range('\u{4e00}', '\u{9fff}'),
            3 => prop::char::range(' ', '~'),
            2 => prop::char::range('\u{0}', '\u{1f}'),
            2 => prop::char::range('\u{7f}', '\u{a0}'),
            1 => prop::sample::select(vec!['\u{1b}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{200b}', '\u{feff}', '\u{ad}', '，', '。', '、', '）', '“', '”', '\u{3000}', '\u{2028}']),
            1 => any::<char>(),
        ],
        0..80,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn sanitized_text_has_no_control_bidi_or_invisible_characters(s in hostile_text()) {
        let out = sanitize(&s);
        prop_assert!(!out.chars().any(forbidden), "{out:?}");
        // Idempotent, and nothing visible is lost.
        let again = sanitize(&out).into_owned();
        prop_assert_eq!(again.as_str(), out.as_ref());
        for c in s.chars().filter(|c| !forbidden(*c) && *c != '\t') {
            prop_assert!(out.contains(c));
        }
    }

    #[test]
    fn cuts_and_pads_respect_display_width(s in hostile_text(), w in 0usize..40) {
        let t = truncate(&s, w);
        prop_assert!(width(&t) <= w);
        prop_assert!(!t.chars().any(forbidden));
        let l = truncate_left(&s, w);
        prop_assert!(width(&l) <= w);
        prop_assert_eq!(width(&pad_right(&s, w)), w);
    }

    #[test]
    fn wrapping_keeps_every_character_within_the_width(s in hostile_text(), w in 2usize..40) {
        let lines = wrap(&s, w);
        for l in &lines {
            prop_assert!(width(l) <= w, "{l:?} wider than {w}");
            prop_assert!(!l.chars().any(forbidden));
        }
        let kept: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
        let expected: String = sanitize(&s).chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(kept, expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn the_importer_never_panics(s in hostile_text()) {
        let _ = gongbao::import::import(&s);
    }

    #[test]
    fn the_importer_never_panics_on_mangled_gazettes(cut in 0usize..148_000, keep in 0usize..4000, junk in hostile_text()) {
        let seed = include_str!("data/cq-gazette-2021-15.txt");
        let start = seed.char_indices().map(|(i, _)| i).find(|&i| i >= cut.min(seed.len())).unwrap_or(seed.len());
        let end = seed.char_indices().map(|(i, _)| i).find(|&i| i >= (start + keep).min(seed.len())).unwrap_or(seed.len());
        let mangled = format!("{}{}{}", &seed[..start], junk, &seed[end..]);
        if let Ok(imp) = gongbao::import::import(&mangled) {
            // Whatever it imports loads back or is refused with an error, never a panic.
            let _ = gongbao::model::load::parse(&gongbao::import::to_ron(&imp.issue), std::path::Path::new("x.ron"));
        }
    }
}
