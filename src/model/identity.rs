//! What an entry is, as an id: derived from the entry itself, never from
//! where it sits, so that marks, citations and calendar UIDs can rely on it.
//!
//! - An issue: its gazette's name, year and number —
//!   `重庆市人民政府公报-2021-15` (two gazettes' 2021 No. 15 differ).
//! - A document with a 文号: the 文号 normalised — whitespace dropped,
//!   full-width ASCII made half-width, the brackets around its year made
//!   〔〕 whatever was typed (`渝府发[2021]18号`, `渝府发（2021）18号` and
//!   `渝府发〔2021〕18号` are one document).
//! - A document without one: the start of its title, its date and a short
//!   hash of issuer, title and date (`关于做好…的通知-2021-03-01-1f3a9c`).
//!
//! Ids never hold `/` (it separates an entry from the path of a node in
//! it: `ENTRY/d1/a2`), control characters or a leading `.`, and stay short
//! enough to be a file name.

use super::date::Date;
use super::schema::{Document, Entry};

/// The most characters of a title an id keeps.
const TITLE_CHARS: usize = 24;
/// The most characters of an id from a 文号 or a gazette's name.
const MAX_CHARS: usize = 60;

/// The id of an entry.
pub fn entry_id(e: &Entry) -> String {
    match e {
        Entry::Issue(i) => {
            let name = compact(&i.title);
            let name = if name.is_empty() {
                "公报".into()
            } else {
                name
            };
            clean(&format!(
                "{}-{}-{}",
                cut(&name, MAX_CHARS),
                i.year,
                i.number
            ))
        }
        Entry::Document(d) => document_id(d),
    }
}

/// The id of a document, standalone or inside an issue (the identity that
/// tells a document already stored in an issue).
pub fn document_id(d: &Document) -> String {
    match d.doc_number.as_deref().map(doc_number) {
        // A number that does not say whose (`第181号`, a government's
        // order) is made whose by its issuer: every government numbers
        // its orders from 1.
        Some(n) if n.starts_with('第') => {
            let whose = d
                .issuer
                .as_deref()
                .map(compact)
                .filter(|w| !w.is_empty())
                .or_else(|| Some(compact(&d.title)).filter(|t| t.ends_with('令')));
            match whose {
                Some(w) => clean(&cut(&format!("{w}{n}"), MAX_CHARS)),
                None => titled_id(d.issuer.as_deref(), &d.title, d.date),
            }
        }
        Some(n) if !n.is_empty() => clean(&cut(&n, MAX_CHARS)),
        _ => titled_id(d.issuer.as_deref(), &d.title, d.date),
    }
}

/// The id a document with this 文号 has (the 文号 normalised, made safe).
pub fn number_id(s: &str) -> String {
    clean(&cut(&doc_number(s), MAX_CHARS))
}

/// A 文号 normalised for comparison and ids.
pub fn doc_number(s: &str) -> String {
    let folded: Vec<char> = s
        .chars()
        .map(crate::search::fold::fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    let open = |c: char| matches!(c, '[' | '(' | '【' | '〔' | '{' | '〖' | '﹝' | '〘');
    let close = |c: char| matches!(c, ']' | ')' | '】' | '〕' | '}' | '〗' | '﹞' | '〙');
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < folded.len() {
        let year = folded.get(i + 1..i + 5);
        if open(folded[i])
            && year.is_some_and(|y| y.iter().all(char::is_ascii_digit))
            && folded.get(i + 5).copied().is_some_and(close)
        {
            out.push('〔');
            out.extend(&folded[i + 1..i + 5]);
            out.push('〕');
            i += 6;
        } else {
            out.push(folded[i]);
            i += 1;
        }
    }
    out
}

fn titled_id(issuer: Option<&str>, title: &str, date: Option<Date>) -> String {
    let key = format!(
        "{}\u{1f}{}\u{1f}{}",
        compact(issuer.unwrap_or("")),
        compact(title),
        date.map(|d| d.to_string()).unwrap_or_default()
    );
    let hash = xxhash_rust::xxh3::xxh3_64(key.as_bytes());
    let title = compact(title);
    let title = if title.is_empty() {
        "无题".to_string()
    } else {
        cut(&title, TITLE_CHARS)
    };
    let date = date.map_or_else(|| "无日期".to_string(), |d| d.to_string());
    clean(&format!("{title}-{date}-{:06x}", hash & 0xff_ffff))
}

/// Whitespace dropped, full-width ASCII forms made half-width.
fn compact(s: &str) -> String {
    s.chars()
        .map(crate::search::fold::fold_char)
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn cut(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// No `/`, no controls, no leading dot.
fn clean(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == '/' || c == '\\' { '／' } else { c })
        .collect();
    match s.strip_prefix('.') {
        Some(rest) => format!("．{rest}"),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(
        number: Option<&str>,
        issuer: Option<&str>,
        title: &str,
        date: Option<&str>,
    ) -> Document {
        let mut d: Document = ron::from_str("(id: \"d1\", title: \"\")").expect("document");
        d.doc_number = number.map(str::to_string);
        d.issuer = issuer.map(str::to_string);
        d.title = title.to_string();
        d.date = date.and_then(|s| Date::parse(s).ok());
        d
    }

    #[test]
    fn one_document_however_its_number_is_typed() {
        for typed in [
            "渝府发〔2021〕18号",
            "渝府发[2021]18号",
            "渝府发［2021］18号",
            "渝府发（2021）18号",
            "渝府发(2021)18号",
            "渝府发 〔2021〕 18 号",
            "渝府发【2021】18号",
            "渝府发﹝2021﹞18号",
        ] {
            assert_eq!(doc_number(typed), "渝府发〔2021〕18号", "{typed}");
        }
        assert_eq!(doc_number("国令第707号"), "国令第707号");
        // Brackets around something other than a year stay as they are.
        assert_eq!(doc_number("某(试行)1号"), "某(试行)1号");
    }

    #[test]
    fn documents_without_a_number_differ_by_issuer_title_and_date() {
        let a = doc(
            None,
            Some("某市教育局"),
            "关于做好春季开学工作的通知",
            Some("2021-02-20"),
        );
        let b = doc(
            None,
            Some("某市卫生健康委"),
            "关于做好春季开学工作的通知",
            Some("2021-02-20"),
        );
        let c = doc(
            None,
            Some("某市教育局"),
            "关于做好春季开学工作的通知",
            Some("2022-02-20"),
        );
        let a2 = doc(
            None,
            Some("某市 教育局"),
            "关于做好春季开学工作的通知",
            Some("2021-02-20"),
        );
        assert_ne!(document_id(&a), document_id(&b));
        assert_ne!(document_id(&a), document_id(&c));
        assert_eq!(document_id(&a), document_id(&a2));
        assert!(document_id(&a).starts_with("关于做好春季开学工作的通知-2021-02-20-"));
        let n = doc(Some("渝教发〔2021〕3号"), Some("某市教育局"), "x", None);
        assert_eq!(document_id(&n), "渝教发〔2021〕3号");
        // Orders are numbered by each government: whose is part of the id.
        let a = doc(
            Some("第181号"),
            Some("甲市人民政府"),
            "甲市人民政府令",
            None,
        );
        let b = doc(
            Some("第181号"),
            Some("乙市人民政府"),
            "乙市人民政府令",
            None,
        );
        let c = doc(Some("第181号"), None, "丙市人民政府令", None);
        assert_eq!(document_id(&a), "甲市人民政府第181号");
        assert_eq!(document_id(&b), "乙市人民政府第181号");
        assert_eq!(document_id(&c), "丙市人民政府令第181号");
    }

    #[test]
    fn ids_are_safe_file_names() {
        let d = doc(Some("A/B〔2021〕1号"), None, "", None);
        assert_eq!(document_id(&d), "A／B〔2021〕1号");
        let d = doc(None, None, ".hidden\u{1b}[31m", None);
        let id = document_id(&d);
        assert!(
            !id.starts_with('.') && !id.contains('\u{1b}') && !id.contains('/'),
            "{id}"
        );
    }
}
