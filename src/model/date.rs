//! The one date type of the program: a year, a month or a day, with its
//! precision. Official documents date things as precisely as they mean:
//! a decision due in `2021年9月`, a task due `2022年底前`, a notice signed on
//! `二〇〇四年六月二十六日`. A date keeps exactly that precision; nothing is
//! invented (a month is never turned into its first or last day).
//!
//! In RON and JSON a date is a string of its precision: `2021`, `2021-08`,
//! `2021-08-04`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How precise a [`Date`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A year, month or day. Ordered by year, then month, then day, a less
/// precise date sorting before the more precise ones inside it
/// (`2022` < `2022-01` < `2022-01-01`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    /// 1–12, 0 when the date is a year.
    month: u8,
    /// 1–31, 0 when the date is a year or a month.
    day: u8,
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct DateError(pub String);

/// Years a document can carry: wide enough for old laws and long plans.
const YEARS: std::ops::RangeInclusive<u32> = 1000..=9999;

fn days_in(year: u32, month: u32) -> u32 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// A year-precise date.
    pub fn year(year: u32) -> Option<Date> {
        YEARS.contains(&year).then_some(Date {
            year: year as u16,
            month: 0,
            day: 0,
        })
    }

    /// A month-precise date.
    pub fn month(year: u32, month: u32) -> Option<Date> {
        (YEARS.contains(&year) && (1..=12).contains(&month)).then_some(Date {
            year: year as u16,
            month: month as u8,
            day: 0,
        })
    }

    /// A day-precise date; `None` unless the day exists.
    pub fn day(year: u32, month: u32, day: u32) -> Option<Date> {
        let m = Date::month(year, month)?;
        (1..=days_in(year, month)).contains(&day).then_some(Date {
            day: day as u8,
            ..m
        })
    }

    pub fn precision(self) -> Precision {
        if self.day != 0 {
            Precision::Day
        } else if self.month != 0 {
            Precision::Month
        } else {
            Precision::Year
        }
    }

    pub fn y(self) -> u32 {
        u32::from(self.year)
    }

    /// The month, unless the date is a year.
    pub fn m(self) -> Option<u32> {
        (self.month != 0).then_some(u32::from(self.month))
    }

    /// The day, unless the date is a year or a month.
    pub fn d(self) -> Option<u32> {
        (self.day != 0).then_some(u32::from(self.day))
    }

    /// The month this date falls in; `None` for a year.
    pub fn to_month(self) -> Option<Date> {
        Date::month(self.y(), self.m()?)
    }

    /// The last month the date covers: itself, its month, or December of its year.
    pub fn last_month(self) -> Date {
        Date {
            year: self.year,
            month: if self.month == 0 { 12 } else { self.month },
            day: 0,
        }
    }

    /// The last day the date covers: itself, the last day of its month, or
    /// 31 December of its year.
    pub fn last_day(self) -> Date {
        let m = self.last_month();
        let day = if self.day != 0 {
            self.day
        } else {
            days_in(m.y(), u32::from(m.month)) as u8
        };
        Date { day, ..m }
    }

    /// A month-precise date moved by `delta` months (the day, if any, is dropped).
    pub fn add_months(self, delta: i32) -> Date {
        let m = if self.month == 0 { 1 } else { self.month };
        let idx = i64::from(self.year) * 12 + i64::from(m) - 1 + i64::from(delta);
        let idx = idx.clamp(
            i64::from(*YEARS.start()) * 12,
            i64::from(*YEARS.end()) * 12 + 11,
        );
        Date {
            year: (idx / 12) as u16,
            month: (idx % 12 + 1) as u8,
            day: 0,
        }
    }

    /// Parses the stored form: `2021`, `2021-08` or `2021-08-04`.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let bad = || DateError(s.to_string());
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        match parts.as_slice() {
            [y] => Date::year(num(y, 4).ok_or_else(bad)?),
            [y, m] => Date::month(num(y, 4).ok_or_else(bad)?, num(m, 2).ok_or_else(bad)?),
            [y, m, d] => Date::day(
                num(y, 4).ok_or_else(bad)?,
                num(m, 2).ok_or_else(bad)?,
                num(d, 2).ok_or_else(bad)?,
            ),
            _ => None,
        }
        .ok_or_else(bad)
    }

    /// Parses a date as printed in Chinese, whole: `2021年8月4日`,
    /// `2021年8月`, `2021年`, `二〇〇四年六月二十六日`, full-width digits too;
    /// spaces inside are ignored. Anything else around it refuses.
    pub fn parse_cn(s: &str) -> Option<Date> {
        let (date, rest) = Date::scan_cn(s)?;
        rest.trim().is_empty().then_some(date)
    }

    /// A Chinese date at the start of `s` and the rest after it:
    /// `2019年1月1日起施行` → (2019-01-01, `起施行`). A year alone needs its 年.
    pub fn scan_cn(s: &str) -> Option<(Date, &str)> {
        let s = s.trim_start();
        let (year, rest) = cn_field(s, 4)?;
        let rest = skip_spaces(rest).strip_prefix('年')?;
        let Some((month, after_m)) = cn_field(skip_spaces(rest), 2) else {
            return Some((Date::year(year)?, rest));
        };
        let Some(after_m) = skip_spaces(after_m).strip_prefix('月') else {
            return Some((Date::year(year)?, rest));
        };
        let Some((day, after_d)) = cn_field(skip_spaces(after_m), 2) else {
            return Some((Date::month(year, month)?, after_m));
        };
        match skip_spaces(after_d).strip_prefix(['日', '号']) {
            Some(after) => Some((Date::day(year, month, day)?, after)),
            None => Some((Date::month(year, month)?, after_m)),
        }
    }
}

/// Now in UTC: year, month, day, and seconds into the day.
fn now_utc() -> (u32, u32, u32, u64) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as u32, m as u32, d as u32, secs % 86_400)
}

/// This month, from the system clock (UTC).
pub fn today() -> Date {
    let (y, m, _, _) = now_utc();
    Date::month(y, m).unwrap_or(Date {
        year: 2000,
        month: 1,
        day: 0,
    })
}

/// Today, from the system clock (UTC).
pub fn today_day() -> Date {
    let (y, m, d, _) = now_utc();
    Date::day(y, m, d).unwrap_or_else(today)
}

/// Now as an iCalendar UTC date-time: `20261128T175600Z`.
pub fn now_utc_stamp() -> String {
    let (y, m, d, s) = now_utc();
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

fn skip_spaces(s: &str) -> &str {
    s.trim_start_matches([' ', '\u{3000}'])
}

/// A number written with ASCII or full-width digits (up to `max` of them), or
/// Chinese numerals (〇一二… for years digit by digit, 十 for months and days).
fn cn_field(s: &str, max: usize) -> Option<(u32, &str)> {
    let digit = |c: char| match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    };
    let mut value = 0u32;
    let mut len = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        match digit(c) {
            Some(d) if len < max => {
                value = value * 10 + d;
                len += 1;
                end = i + c.len_utf8();
            }
            _ => break,
        }
    }
    if len > 0 {
        return Some((value, &s[end..]));
    }
    // Chinese numerals: a year digit by digit (二〇〇四), a month or day with 十.
    // A year's zero is printed 〇, 零, or (by mistake, often) ○ or O.
    let cn = |c: char| match c {
        '〇' | '零' => Some(0),
        '○' | 'Ｏ' | 'O' | 'o' if max == 4 => Some(0),
        _ => Some(v_of(c)).filter(|&v| v > 0),
    };
    let taken: Vec<(usize, char)> = s
        .char_indices()
        .take_while(|&(_, c)| cn(c).is_some() || c == '十')
        .collect();
    if taken.is_empty() {
        return None;
    }
    let end = taken.last().map_or(0, |&(i, c)| i + c.len_utf8());
    let chars: Vec<char> = taken.iter().map(|&(_, c)| c).collect();
    let value = if max == 4 {
        if chars.len() != 4 || chars.contains(&'十') {
            return None;
        }
        chars
            .iter()
            .try_fold(0u32, |acc, &c| Some(acc * 10 + cn(c)?))?
    } else {
        match chars.as_slice() {
            ['十'] => 10,
            ['十', d] => 10 + cn(*d)?,
            [t, '十'] => cn(*t)? * 10,
            [t, '十', d] => cn(*t)? * 10 + cn(*d)?,
            [d] => cn(*d)?,
            _ => return None,
        }
    };
    Some((value, &s[end..]))
}

fn v_of(c: char) -> u32 {
    match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            Precision::Year => write!(f, "{:04}", self.year),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_forms_round_trip() {
        for s in ["2021", "2021-08", "2021-08-04", "2020-02-29"] {
            assert_eq!(Date::parse(s).map(|d| d.to_string()), Ok(s.to_string()));
        }
        for bad in [
            "2021-02-29",
            "2021-8-15",
            "2021-13-01",
            "2021-00",
            "2021-1a",
            "21",
            "",
            "2021-08-04-01",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn chinese_forms() {
        let p = |s: &str| Date::parse_cn(s).map(|d| d.to_string());
        assert_eq!(p("2021年8月4日").as_deref(), Some("2021-08-04"));
        assert_eq!(p("2021 年 8 月 4 日").as_deref(), Some("2021-08-04"));
        assert_eq!(p("２０２１年８月").as_deref(), Some("2021-08"));
        assert_eq!(p("2022年").as_deref(), Some("2022"));
        assert_eq!(p("二〇〇四年六月二十六日").as_deref(), Some("2004-06-26"));
        assert_eq!(p("二〇二三年十二月三十一日").as_deref(), Some("2023-12-31"));
        assert_eq!(p("二〇二三年十月").as_deref(), Some("2023-10"));
        assert_eq!(p("二○○八年五月十二日").as_deref(), Some("2008-05-12"));
        assert_eq!(p("二OO三年一月").as_deref(), Some("2003-01"));
        assert_eq!(p("2021年2月30日"), None);
        assert_eq!(p("2021年8月4日起"), None);
        let (d, rest) = Date::scan_cn("2019年1月1日起施行").unwrap_or_else(|| unreachable!());
        assert_eq!((d.to_string().as_str(), rest), ("2019-01-01", "起施行"));
        let (d, rest) = Date::scan_cn("2022年底前").unwrap_or_else(|| unreachable!());
        assert_eq!((d.to_string().as_str(), rest), ("2022", "底前"));
    }

    #[test]
    fn order_and_months() {
        let d = |s: &str| Date::parse(s).unwrap_or_else(|_| unreachable!());
        assert!(d("2022") < d("2022-01"));
        assert!(d("2022-01") < d("2022-01-01"));
        assert!(d("2021-12-31") < d("2022"));
        assert_eq!(d("2022").last_month(), d("2022-12"));
        assert_eq!(d("2021-11").add_months(3), d("2022-02"));
        assert_eq!(d("2021-01").add_months(-1), d("2020-12"));
        assert_eq!(d("2021-08-04").to_month(), Some(d("2021-08")));
        assert_eq!(d("2021").precision(), Precision::Year);
        let now = today();
        assert!(now.y() >= 2024 && now.precision() == Precision::Month);
    }
}
