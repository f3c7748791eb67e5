//! Issue dates as people write them in Japanese and English spreadsheets.
//!
//! Why several forms: Excel shows the same date as `2026/4/1`, `2026-04-01` or `2026年4月1日`
//! depending on locale and cell format, and HR systems export `20260401`. A time is kept only
//! when it carries a zone (RFC 3339); a bare date stays a date, because which midnight it means
//! is the issuer's decision, not the file's.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::mapping::fold_width;

/// When the achievement was awarded, as the file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum IssuedOn {
    /// A calendar day, serialised `YYYY-MM-DD`.
    Date(NaiveDate),
    /// An instant, serialised RFC 3339 in UTC with seconds (`2026-04-01T00:00:00Z`).
    Instant(DateTime<Utc>),
}

impl IssuedOn {
    /// The calendar day (for an instant, its day in UTC).
    pub fn date(self) -> NaiveDate {
        match self {
            IssuedOn::Date(date) => date,
            IssuedOn::Instant(instant) => instant.date_naive(),
        }
    }
}

impl fmt::Display for IssuedOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IssuedOn::Date(date) => write!(f, "{}", date.format("%Y-%m-%d")),
            IssuedOn::Instant(instant) => write!(f, "{}", instant.format("%Y-%m-%dT%H:%M:%SZ")),
        }
    }
}

impl From<IssuedOn> for String {
    fn from(value: IssuedOn) -> Self {
        value.to_string()
    }
}

impl TryFrom<String> for IssuedOn {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        parse_issue_date(&value).ok_or_else(|| format!("not an issue date: {value:?}"))
    }
}

/// Reads `2026-04-01`, `2026/4/1`, `2026.4.1`, `2026年4月1日`, `20260401`, Japanese era dates
/// (`令和8年4月1日`, `R8.4.1`, `平成31年4月30日`), RFC 3339 instants,
/// and Excel date-times without a zone (`2026-04-01T09:00:00`, whose day is kept). Impossible
/// days such as `2026-02-30` are `None`.
pub fn parse_issue_date(raw: &str) -> Option<IssuedOn> {
    let folded = fold_width(raw);
    let text = folded.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Some(IssuedOn::Instant(instant.with_timezone(&Utc)));
    }
    let day_part = match text.split_once(['T', ' ']) {
        Some((day, time)) if looks_like_time(time) => day,
        _ => text,
    };
    parse_day(day_part).map(IssuedOn::Date)
}

fn looks_like_time(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.len() <= 12
        && text.contains(':')
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        let year = text.get(0..4)?.parse().ok()?;
        let month = text.get(4..6)?.parse().ok()?;
        let day = text.get(6..8)?.parse().ok()?;
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    if let Some(date) = parse_era_day(text) {
        return Some(date);
    }
    let (year, month, day) = split_day(text)?;
    if year.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month, day)
}

/// `2026年4月1日`, `2026-4-1`, `2026/4/1`, `2026.4.1` → ("2026", 4, 1), all parts digits.
fn split_day(text: &str) -> Option<(String, u32, u32)> {
    let text = match text.strip_suffix('日') {
        Some(rest) => rest.replacen('年', "-", 1).replacen('月', "-", 1),
        None => text.to_owned(),
    };
    let mut parts = text.split(['-', '/', '.']);
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |part: &str, max_len: usize| {
        !part.is_empty() && part.len() <= max_len && part.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return None;
    }
    Some((year.to_owned(), month.parse().ok()?, day.parse().ok()?))
}

/// A Japanese era and the span of days it covers.
struct Era {
    name: &'static str,
    initial: char,
    /// Gregorian year of the era's year 0.
    offset: i32,
    first: (i32, u32, u32),
    last: Option<(i32, u32, u32)>,
}

/// The eras an issue date can plausibly be in. Forms and certificates in Japan are still often
/// dated this way (`令和8年4月1日`, `R8.4.1`).
const ERAS: [Era; 2] = [
    Era {
        name: "令和",
        initial: 'R',
        offset: 2018,
        first: (2019, 5, 1),
        last: None,
    },
    Era {
        name: "平成",
        initial: 'H',
        offset: 1988,
        first: (1989, 1, 8),
        last: Some((2019, 4, 30)),
    },
];

fn parse_era_day(text: &str) -> Option<NaiveDate> {
    let (era, rest) = ERAS.iter().find_map(|era| {
        text.strip_prefix(era.name)
            .or_else(|| text.strip_prefix(era.initial))
            .or_else(|| text.strip_prefix(era.initial.to_ascii_lowercase()))
            .map(|rest| (era, rest))
    })?;
    // 元年 is the first year of an era.
    let rest = match rest.strip_prefix('元') {
        Some(after) => format!("1{after}"),
        None => rest.to_owned(),
    };
    let (year, month, day) = split_day(rest.trim_start())?;
    if year.len() > 2 {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(era.offset + year, month, day)?;
    let within = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
    let after_start = within(era.first).is_some_and(|first| date >= first);
    let before_end = era
        .last
        .is_none_or(|last| within(last).is_some_and(|last| date <= last));
    (year >= 1 && after_start && before_end).then_some(date)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<String> {
        parse_issue_date(text).map(|date| date.to_string())
    }

    #[test]
    fn reads_common_forms() {
        for text in [
            "2026-04-01",
            "2026/4/1",
            "2026.04.01",
            "2026年4月1日",
            "２０２６／０４／０１",
            "20260401",
            " 2026-04-01T09:30:00 ",
            "2026/4/1 9:30",
            "令和8年4月1日",
            "令和８年４月１日",
            "R8.4.1",
            "r8/4/1",
        ] {
            assert_eq!(day(text).as_deref(), Some("2026-04-01"), "{text}");
        }
        assert_eq!(
            day("2026-04-01T09:00:00+09:00").as_deref(),
            Some("2026-04-01T00:00:00Z")
        );
    }

    #[test]
    fn rejects_impossible_or_ambiguous_dates() {
        for text in [
            "",
            "2026-02-30",
            "2026-13-01",
            "04/01/2026",
            "1/4/2026",
            "26-04-01",
            "2026-04",
            "2026-04-01-02",
            "yesterday",
            "45748",
            "2026-04-01Tnoon",
            "令和元年4月30日",
            "平成31年5月1日",
            "R100.4.1",
            "R0.5.1",
            "昭和64年1月1日",
            "X8.4.1",
        ] {
            assert_eq!(day(text), None, "{text:?} was accepted");
        }
    }

    #[test]
    fn era_boundaries() {
        assert_eq!(day("令和元年5月1日").as_deref(), Some("2019-05-01"));
        assert_eq!(day("平成31年4月30日").as_deref(), Some("2019-04-30"));
        assert_eq!(day("H1.1.8").as_deref(), Some("1989-01-08"));
        assert_eq!(day("平成元年1月7日"), None);
    }

    #[test]
    fn serde_round_trip() {
        let date = parse_issue_date("2026/4/1").unwrap();
        let json = serde_json::to_string(&date).unwrap();
        assert_eq!(json, "\"2026-04-01\"");
        assert_eq!(serde_json::from_str::<IssuedOn>(&json).unwrap(), date);
        assert!(serde_json::from_str::<IssuedOn>("\"2026-02-30\"").is_err());
    }
}
