//! Bytes → text: UTF-8 with or without BOM, UTF-16 with BOM, and the
//! Chinese legacy encodings (GB18030/GBK/GB2312), detected as Firefox does:
//! `encoding_rs` decodes, `chardetng` guesses, a declared charset (an HTML
//! page's `<meta charset>`) wins over the guess.

use encoding_rs::Encoding;

/// Decoded text and, when it was not plain UTF-8, what was done.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// Decodes `bytes`; `declared` is a charset label the file itself names.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        let note = (enc != encoding_rs::UTF_8 || had_errors).then(|| {
            format!(
                "decoded from {} (byte order mark){}",
                enc.name(),
                errors(had_errors, &text)
            )
        });
        return Decoded {
            text: text.into_owned(),
            note,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_string(),
            note: None,
        };
    }
    let (enc, how) = match declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        Some(enc) if enc != encoding_rs::UTF_8 => (enc, "declared"),
        _ => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            (det.guess(None, chardetng::Utf8Detection::Deny), "guessed")
        }
    };
    // GB2312 and GBK labels decode as GB18030, their superset (as browsers do).
    let (text, _, had_errors) = enc.decode(bytes);
    Decoded {
        note: Some(format!(
            "decoded from {} ({how}){}",
            enc.name(),
            errors(had_errors, &text)
        )),
        text: text.into_owned(),
    }
}

fn errors(had: bool, text: &str) -> String {
    if had {
        let n = text.chars().filter(|&c| c == '\u{fffd}').count();
        format!("; {n} undecodable byte sequences replaced by �")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let s = "关于印发某某方案的通知";
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        let d = decode(&gbk, None);
        assert_eq!(d.text, s);
        assert!(d.note.is_some_and(|n| n.starts_with("decoded from GB")));
        let mut utf16 = vec![0xff, 0xfe];
        for u in s.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&utf16, None);
        assert_eq!(d.text, s);
        assert_eq!(
            d.note.as_deref(),
            Some("decoded from UTF-16LE (byte order mark)")
        );
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&bom, None).text, s);
        assert!(decode(s.as_bytes(), None).note.is_none());
        let d = decode(&gbk, Some("gb2312"));
        assert_eq!(d.text, s);
    }
}
