//! Numbering as printed in official documents: 第X编/章/节/条, 一、（一）1.（1）①,
//! and decimal 1 / 1.1 / 1.1.1. One function reads a label off the start of a
//! line; the structure recogniser decides what it means where it stands.

/// How a label is written. Equal styles are siblings; a new style nests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// 第X编
    Part,
    /// 第X章
    Zhang,
    /// 第X节
    Jie,
    /// 第X条
    Tiao,
    /// 一、
    CnComma,
    /// （一）
    CnParen,
    /// 1. or 1、
    ArabicDot,
    /// （1）
    ArabicParen,
    /// ①
    Circled,
    /// 1 / 1.1 / 1.1.1: the number of parts.
    Decimal(u8),
}

impl Style {
    /// The rank of the regulation styles (编 > 章 > 节 > 条), which nest in
    /// that order whatever came before; `None` for the others.
    pub fn fixed_rank(self) -> Option<u8> {
        match self {
            Style::Part => Some(0),
            Style::Zhang => Some(1),
            Style::Jie => Some(2),
            Style::Tiao => Some(3),
            _ => None,
        }
    }
}

/// A label read off the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Label<'a> {
    pub style: Style,
    /// Without punctuation or 第/章: `三十三`, `1.2.1`, `5`.
    pub number: String,
    pub ordinal: Option<u32>,
    /// Exactly as printed: `第三十三条`, `（一）`, `1.2.1`.
    pub label: &'a str,
    /// The rest of the line after the label and any spaces.
    pub rest: &'a str,
}

const CN_DIGITS: &str = "〇零一二三四五六七八九十百千两";

fn is_cn_digit(c: char) -> bool {
    CN_DIGITS.contains(c)
}

/// Chinese numerals up to 9999 (一百零三, 二十, 十五, 两百) → value.
pub fn cn_value(s: &str) -> Option<u32> {
    // Numbers up to 9999 are at most 8 numerals (九千九百九十九); a longer
    // run is not a number a document uses (and would overflow).
    if s.is_empty() || s.chars().count() > 8 {
        return None;
    }
    let digit = |c: char| match c {
        '〇' | '零' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                current = Some(digit(c)?);
                continue;
            }
        };
        total = total.checked_add(current.unwrap_or(1).checked_mul(unit)?)?;
        current = None;
    }
    total.checked_add(current.unwrap_or(0))
}

/// `第三十三条 …` → (number `三十三`, ordinal 33, the rest after 条), for
/// `unit` one of 编 章 节 条. Digits are accepted too (`第5条`).
fn di(s: &str, unit: char) -> Option<(String, Option<u32>, usize)> {
    let rest = s.strip_prefix('第')?;
    let num: String = rest
        .chars()
        .take_while(|&c| is_cn_digit(c) || c.is_ascii_digit())
        .collect();
    if num.is_empty() || num.chars().count() > 6 {
        return None;
    }
    let after = &rest[num.len()..];
    after.strip_prefix(unit)?;
    let ordinal = if num.chars().all(|c| c.is_ascii_digit()) {
        num.parse().ok()
    } else {
        cn_value(&num)
    };
    let end = '第'.len_utf8() + num.len() + unit.len_utf8();
    Some((num, ordinal, end))
}

fn skip_space(s: &str) -> &str {
    s.trim_start_matches([' ', '\u{3000}', '\t'])
}

/// Reads the label at the start of `s`, if there is one. `decimal_heads`
/// allows `1 总则` (a decimal level 1 without a dot), which only documents
/// numbered 1.1 / 1.1.1 use.
pub fn read(s: &str, decimal_heads: bool) -> Option<Label<'_>> {
    for (unit, style) in [
        ('编', Style::Part),
        ('章', Style::Zhang),
        ('节', Style::Jie),
        ('条', Style::Tiao),
    ] {
        if let Some((number, ordinal, end)) = di(s, unit) {
            let after = &s[end..];
            // An article is `第X条`, a space and its text: `第十条规定的…`
            // inside a sentence is not one.
            if style == Style::Tiao
                && !(after.is_empty() || after.starts_with([' ', '\u{3000}', '\t']))
            {
                return None;
            }
            // 章/节/编 are followed by their title, or nothing.
            if style != Style::Tiao
                && after.chars().next().is_some_and(|c| {
                    matches!(c, '的' | '规' | '所' | '中' | '、' | '，' | '和' | '至')
                })
            {
                return None;
            }
            return Some(Label {
                style,
                number,
                ordinal,
                label: &s[..end],
                rest: skip_space(after),
            });
        }
    }
    let first = s.chars().next()?;
    // 一、
    if is_cn_digit(first) {
        let num: String = s.chars().take_while(|&c| is_cn_digit(c)).collect();
        let after = &s[num.len()..];
        if let Some(rest) = after.strip_prefix('、') {
            let ordinal = cn_value(&num);
            if ordinal.is_some_and(|n| (1..=99).contains(&n)) {
                return Some(Label {
                    style: Style::CnComma,
                    number: num.clone(),
                    ordinal,
                    label: &s[..num.len() + '、'.len_utf8()],
                    rest: skip_space(rest),
                });
            }
        }
        return None;
    }
    // （一） and （1）
    if matches!(first, '（' | '(') {
        let inner_start = first.len_utf8();
        let close = s[inner_start..].find(['）', ')'])? + inner_start;
        let num = s[inner_start..close].trim();
        let close_len = s[close..].chars().next().map_or(1, char::len_utf8);
        let end = close + close_len;
        let (style, ordinal) = if !num.is_empty() && num.chars().all(is_cn_digit) {
            (Style::CnParen, cn_value(num))
        } else if !num.is_empty() && num.len() <= 2 && num.chars().all(|c| c.is_ascii_digit()) {
            (Style::ArabicParen, num.parse().ok())
        } else {
            return None;
        };
        ordinal.filter(|n| (1..=99).contains(n))?;
        return Some(Label {
            style,
            number: num.to_string(),
            ordinal,
            label: &s[..end],
            rest: skip_space(&s[end..]),
        });
    }
    // ①
    if ('①'..='⑳').contains(&first) {
        let n = first as u32 - '①' as u32 + 1;
        let end = first.len_utf8();
        return Some(Label {
            style: Style::Circled,
            number: n.to_string(),
            ordinal: Some(n),
            label: &s[..end],
            rest: skip_space(&s[end..]),
        });
    }
    // 1. 1、 1.1 1.1.1 and (in decimal documents) `1 总则`
    if first.is_ascii_digit() {
        let bytes = s.as_bytes();
        let mut parts = Vec::new();
        let mut i = 0;
        loop {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i == start || i - start > 2 {
                return None;
            }
            parts.push(&s[start..i]);
            if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                i += 1;
                continue;
            }
            break;
        }
        let after = &s[i..];
        if parts.len() >= 2 {
            // 1.1 / 1.2.1 followed by a space or the heading itself.
            let next = after.chars().next()?;
            if next.is_ascii_digit() || next == '%' || next == '.' || next == '倍' {
                return None;
            }
            let depth = parts.len().min(9) as u8;
            return Some(Label {
                style: Style::Decimal(depth),
                number: s[..i].to_string(),
                ordinal: parts.last().and_then(|p| p.parse().ok()),
                label: &s[..i],
                rest: skip_space(after),
            });
        }
        for dot in ['.', '．', '、'] {
            if let Some(rest) = after.strip_prefix(dot) {
                if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                    return None;
                }
                let end = i + dot.len_utf8();
                return Some(Label {
                    style: Style::ArabicDot,
                    number: parts[0].to_string(),
                    ordinal: parts[0].parse().ok(),
                    label: &s[..end],
                    rest: skip_space(rest),
                });
            }
        }
        // `1 总则`, or `1总则` run together on a short heading line.
        let run_in = after.chars().next().is_some_and(|c| !c.is_ascii())
            && after.chars().count() <= 12
            && !after.contains(['，', '。', '；', '、', '：', '％']);
        if decimal_heads && (after.starts_with([' ', '\u{3000}']) || run_in) {
            let rest = skip_space(after);
            if rest.chars().next().is_some_and(|c| !c.is_ascii_digit()) {
                return Some(Label {
                    style: Style::Decimal(1),
                    number: parts[0].to_string(),
                    ordinal: parts[0].parse().ok(),
                    label: &s[..i],
                    rest,
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(s: &str) -> Option<(Style, String, Option<u32>, String)> {
        read(s, true).map(|l| (l.style, l.number, l.ordinal, l.label.to_string()))
    }

    #[test]
    fn chinese_values() {
        assert_eq!(cn_value("一百零三"), Some(103));
        assert_eq!(cn_value("十五"), Some(15));
        assert_eq!(cn_value("二十"), Some(20));
        assert_eq!(cn_value("三十三"), Some(33));
        assert_eq!(cn_value("两百"), Some(200));
    }

    #[test]
    fn labels_as_printed() {
        assert_eq!(
            style("第三十三条　违反本条例"),
            Some((Style::Tiao, "三十三".into(), Some(33), "第三十三条".into()))
        );
        assert_eq!(style("第十条规定的情形"), None);
        assert_eq!(style("第一章总则").map(|s| s.0), Some(Style::Zhang));
        assert_eq!(style("第一章的规定"), None);
        assert_eq!(
            style("（一）总体要求"),
            Some((Style::CnParen, "一".into(), Some(1), "（一）".into()))
        );
        assert_eq!(
            style("(3) 加强"),
            Some((Style::ArabicParen, "3".into(), Some(3), "(3)".into()))
        );
        assert_eq!(
            style("1.2.1 预警"),
            Some((Style::Decimal(3), "1.2.1".into(), Some(1), "1.2.1".into()))
        );
        assert_eq!(
            style("2. 推进"),
            Some((Style::ArabicDot, "2".into(), Some(2), "2.".into()))
        );
        assert_eq!(style("1 总则").map(|s| s.0), Some(Style::Decimal(1)));
        assert_eq!(read("1 总则", false), None);
        assert_eq!(style("2021年"), None);
        assert_eq!(style("3.5%以上"), None);
        assert_eq!(style("十四五"), None);
        assert_eq!(style("②其他").map(|s| s.2), Some(Some(2)));
    }
}
