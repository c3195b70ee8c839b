//! Deadline cells (完成时限, 时间节点, 完成时间) → a date with its precision.
//! The table of forms is in docs/FORMAT.md; the cell text is always kept.

use crate::model::date::Date;

/// Reads a deadline cell. `year` is the document's year, for cells that
/// name only a month (`12月底前`). Cells that name no date (`长期坚持`,
/// `持续推进`) give `None`.
pub fn due_date(cell: &str, year: Option<u32>) -> Option<Date> {
    let s: String = cell
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    // A span of years (2021—2025年): its end.
    let digits = |t: &str| -> Option<(u32, usize)> {
        let n = t.bytes().take_while(u8::is_ascii_digit).count();
        (n == 4)
            .then(|| t[..4].parse().ok().map(|y| (y, 4)))
            .flatten()
    };
    let mut rest = s.as_str();
    let mut y = None;
    if let Some((first, n)) = digits(rest) {
        let after = &rest[n..];
        // `2021—2025年`, `2021——2025年`, `2021年—2025年`, `2021至2025年`.
        let from_year = after.strip_prefix('年').unwrap_or(after);
        let sep = from_year.trim_start_matches(['—', '–', '-', '~', '～', '至', '到']);
        if sep.len() < from_year.len() {
            if let Some((end, m)) = digits(sep).map(|d| (d, sep)) {
                if m[end.1..].starts_with('年') {
                    return Date::year(end.0);
                }
            }
        }
        if let Some(after_year) = after.strip_prefix('年') {
            y = Some(first);
            rest = after_year;
        } else {
            return None;
        }
    }
    let year_of = |y: Option<u32>| y.or(year);
    if rest.starts_with("上半年") {
        return Date::month(year_of(y)?, 6);
    }
    if rest.starts_with("下半年") || rest.starts_with("年底") || rest.starts_with('底') {
        return Date::month(year_of(y)?, 12);
    }
    if let Some(q) = rest
        .strip_prefix("第")
        .unwrap_or(rest)
        .split_once("季度")
        .map(|(q, _)| q)
    {
        let n = match q {
            "一" | "1" => 3,
            "二" | "2" => 6,
            "三" | "3" => 9,
            "四" | "4" => 12,
            _ => 0,
        };
        if n > 0 {
            return Date::month(year_of(y)?, n);
        }
    }
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&n) {
        if let Some(after_m) = rest[n..].strip_prefix('月') {
            let m: u32 = rest[..n].parse().ok()?;
            let d = after_m.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=2).contains(&d) && after_m[d..].starts_with(['日', '号']) {
                return Date::day(year_of(y)?, m, after_m[..d].parse().ok()?);
            }
            return Date::month(year_of(y)?, m);
        }
    }
    y.and_then(Date::year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_of_formats_md() {
        let d = |s: &str| due_date(s, Some(2024)).map(|d| d.to_string());
        assert_eq!(d("2022年6月底前").as_deref(), Some("2022-06"));
        assert_eq!(d("2023年9月30日前").as_deref(), Some("2023-09-30"));
        assert_eq!(d("2022年底前").as_deref(), Some("2022-12"));
        assert_eq!(d("2022年12月").as_deref(), Some("2022-12"));
        assert_eq!(d("2023年上半年").as_deref(), Some("2023-06"));
        assert_eq!(d("2023年第三季度").as_deref(), Some("2023-09"));
        assert_eq!(d("2022年").as_deref(), Some("2022"));
        assert_eq!(d("12月底前").as_deref(), Some("2024-12"));
        assert_eq!(d("长期坚持"), None);
        assert_eq!(d("持续推进"), None);
        assert_eq!(d("2021—2025年").as_deref(), Some("2025"));
        assert_eq!(d("2024-2026年").as_deref(), Some("2026"));
        assert_eq!(d("2021——2025年").as_deref(), Some("2025"));
        assert_eq!(d("2021年—2025年").as_deref(), Some("2025"));
        assert_eq!(d("2023年下半年").as_deref(), Some("2023-12"));
        assert_eq!(due_date("12月底前", None), None);
    }
}
