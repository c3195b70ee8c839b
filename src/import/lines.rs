//! Line-level helpers: splitting, normalising and recognising lines.

/// One non-blank line of the source with its 1-based line number: a line
/// of text, or (from HTML, Markdown and .docx) a whole table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub no: usize,
    pub text: String,
    /// The line began with a `- ` list marker (removed from `text`).
    pub listed: bool,
    /// A table read from markup; `text` is then its cells, tab-separated.
    pub table: Option<Box<TableBlock>>,
    /// The printed page the line is on, when the source numbers its pages.
    pub page: Option<u32>,
}

impl Line {
    /// A line that is a whole table from markup; its text is the cells,
    /// tab-separated (at least one tab, so every rule reads it as a table).
    pub fn of_table(block: TableBlock, no: usize) -> Line {
        let text = block
            .rows
            .iter()
            .map(|r| r.join("\t"))
            .collect::<Vec<_>>()
            .join("\t");
        Line {
            no,
            text: if text.contains('\t') {
                text
            } else {
                format!("{text}\t")
            },
            table: Some(Box::new(block)),
            ..Line::default()
        }
    }
}

/// A table as markup gives it: rows of cells as printed (the cells a merged
/// cell covers are empty) and the merged cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableBlock {
    pub rows: Vec<Vec<String>>,
    /// How many of the first rows are the header (`<th>`/`<thead>`, or 1).
    pub header_rows: usize,
    pub spans: Vec<crate::model::schema::Span>,
}

/// Splits text into non-blank lines: strips a BOM, accepts CRLF and CR, trims
/// trailing spaces (keeping tabs that separate table cells), removes list
/// markers and rewrites the one LaTeX fragment form the extraction leaves.
pub fn split(text: &str, cleaned: &mut Vec<String>) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let no = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let mut t = raw.trim_end_matches([' ', '\u{3000}', '\r']).to_string();
        if t.trim().is_empty() {
            continue;
        }
        if !t.contains('\t') {
            t = t.trim_start_matches([' ', '\u{3000}']).to_string();
        }
        let mut listed = false;
        if let Some(rest) = t.strip_prefix("- ") {
            cleaned.push(format!("line {no}: removed the list marker \"- \""));
            t = rest.to_string();
            listed = true;
        }
        if let Some((fixed, from, to)) = fix_latex(&t) {
            cleaned.push(format!("line {no}: rewrote LaTeX {from:?} as {to:?}"));
            t = fixed;
        }
        out.push(Line {
            no,
            text: t,
            listed,
            table: None,
            page: None,
        });
    }
    out
}

/// `（ $\geq 250\text{cc}$ ）` → `（≥250cc）`: only the forms whose reading is certain.
fn fix_latex(t: &str) -> Option<(String, String, String)> {
    let a = t.find('$')?;
    let b = a + 1 + t[a + 1..].find('$')?;
    let inner = &t[a + 1..b];
    let mut s = inner.to_string();
    for (from, to) in [
        ("\\geq", "≥"),
        ("\\leq", "≤"),
        ("\\times", "×"),
        ("\\pm", "±"),
    ] {
        s = s.replace(from, to);
    }
    while let Some(p) = s.find("\\text{") {
        let close = p + s[p..].find('}')?;
        let word = s[p + 6..close].to_string();
        s.replace_range(p..=close, &word);
    }
    if s.contains('\\') || s.contains('{') {
        return None;
    }
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let before = t[..a].trim_end_matches(' ');
    let after = t[b + 1..].trim_start_matches(' ');
    Some((format!("{before}{s}{after}"), t[a..=b].to_string(), s))
}

/// The string without any whitespace (ASCII or U+3000).
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | '\u{2014}' | '\u{201c}' | '\u{201d}' | '\u{2026}')
}

pub fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{4e00}'..='\u{9fff}'))
}

/// `title……（12）` → (`title`, Some(12)); also `(12)` at the end of an English line.
pub fn split_page(s: &str) -> (String, Option<u32>) {
    let t = s.trim_end();
    let Some(body) = t.strip_suffix('）').or_else(|| t.strip_suffix(')')) else {
        return (t.to_string(), None);
    };
    let open = body.rfind(['（', '(']);
    if let Some(open) = open {
        let digits = &body[open..].trim_start_matches(['（', '(']);
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            let title = body[..open].trim_end_matches(['…', '.', '·', ' ', '\u{3000}']);
            return (title.to_string(), digits.parse().ok());
        }
    }
    (t.to_string(), None)
}

/// Removes spaces that the extraction put between Chinese characters (or
/// before a bracket after one) in a title; reports what changed.
pub fn clean_title(s: &str, no: usize, cleaned: &mut Vec<String>) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' || c == '\u{3000}' {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().copied().find(|&n| n != ' ');
            let wide = |x: Option<char>| x.is_some_and(is_cjk);
            let bracket = |x: Option<char>| matches!(x, Some('(' | ')' | '（' | '）'));
            if (wide(prev) && (wide(next) || bracket(next))) || (bracket(prev) && wide(next)) {
                continue;
            }
        }
        out.push(c);
    }
    if out != s {
        cleaned.push(format!(
            "line {no}: removed stray spaces in the title {out:?}"
        ));
    }
    out
}

/// Repairs `People' s` (an apostrophe split from its s) in English text.
pub fn fix_english(s: &str, no: usize, cleaned: &mut Vec<String>) -> String {
    let fixed = s.replace("' s ", "'s ");
    if fixed != s {
        cleaned.push(format!("line {no}: joined \"' s\" as \"'s\""));
    }
    fixed
}

/// A back-matter line such as `主办单位：重庆市人民政府办公厅` or `网 址：…`.
pub fn is_label_line(s: &str) -> bool {
    match s.find(['：', ':']) {
        Some(p) => {
            let label = squash(&s[..p]);
            let n = label.chars().count();
            (2..=8).contains(&n) && label.chars().all(|c| matches!(c, '\u{4e00}'..='\u{9fff}'))
        }
        None => false,
    }
}

/// 渝府发〔2021〕18号 and the like.
pub fn is_doc_number(s: &str) -> bool {
    let s = squash(s);
    let Some(open) = s.find('〔') else {
        return false;
    };
    let Some(close) = s.find('〕') else {
        return false;
    };
    close > open
        && s[open + '〔'.len_utf8()..close]
            .chars()
            .all(|c| c.is_ascii_digit())
        && s.ends_with('号')
        && s[close..].chars().filter(|c| c.is_ascii_digit()).count() > 0
        && s.chars().count() <= 20
}

/// Whether a line ends a sentence, so the next line does not continue it.
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(['。', '；', '：', ':', ';', '！', '？', '!', '?', '…'])
        || t.ends_with("。”")
        || t.ends_with("。）")
}

/// Chinese numerals 一 … 九十九 → value.
pub fn cn_number(s: &str) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".find(c).map(|p| (p / 3) as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        ['十'] => Some(10),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        [d] => digit(*d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_titles() {
        assert_eq!(
            split_page("重庆市公安局关于规范农村地区居民分户的通知……………（42）"),
            (
                "重庆市公安局关于规范农村地区居民分户的通知".into(),
                Some(42)
            )
        );
        assert_eq!(
            split_page("Notice of … Areas (42)"),
            ("Notice of … Areas".into(), Some(42))
        );
        assert_eq!(
            split_page("规划(2021—2025年)"),
            ("规划(2021—2025年)".into(), None)
        );
        let mut c = Vec::new();
        assert_eq!(
            clean_title(
                "重庆市人民政府关于 印发重庆市制造业高质量发展 “十四五”规划 (2021—2025年)",
                1,
                &mut c
            ),
            "重庆市人民政府关于印发重庆市制造业高质量发展“十四五”规划(2021—2025年)"
        );
        assert_eq!(c.len(), 1);
        assert_eq!(clean_title("AI 算法", 1, &mut c), "AI 算法");
    }

    #[test]
    fn numbers_dates_and_marks() {
        assert_eq!(cn_number("十四"), Some(14));
        assert_eq!(cn_number("三"), Some(3));
        assert_eq!(cn_number("二十"), Some(20));
        assert!(is_doc_number("渝府办发〔2021〕79号"));
        assert!(!is_doc_number("（国务院令第713号）"));
        assert!(ends_sentence("请认真贯彻执行。"));
        assert!(!ends_sentence("发挥电子整机加工能力优势，"));
    }

    #[test]
    fn latex_and_markers() {
        let mut c = Vec::new();
        let l = split(
            "- 注：1. 现状\r\n发动机（ $\\geq 250\\text{cc}$ ）及\r\n\r\n",
            &mut c,
        );
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].text, "注：1. 现状");
        assert!(l[0].listed);
        assert_eq!(l[1].text, "发动机（≥250cc）及");
        assert_eq!(c.len(), 2);
    }
}
