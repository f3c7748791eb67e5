//! Validity period: `validFrom` / `validUntil` (and VC 1.1's `issuanceDate` /
//! `expirationDate`) against a time the caller passes in, since a pure library has no clock.
//!
//! Dates must be XML Schema `dateTime` values **with** a time zone (OB 3.0 `DateTimeZ`):
//! a date without a zone means a different instant in Tokyo and in London, so it cannot
//! decide whether a credential has expired.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde_json::Value;

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("\"{0}\" is not an XML Schema dateTime (expected e.g. 2024-04-01T09:00:00Z)")]
    Syntax(String),
    #[error("\"{0}\" has no time zone; a date-time must end in Z or ±hh:mm")]
    NoTimeZone(String),
    #[error("\"{0}\" is not a real calendar date or time")]
    OutOfRange(String),
}

/// Parses an XML Schema `dateTime` that carries a time zone, e.g. `2010-01-01T19:23:24Z` or
/// `2024-04-01T09:00:00.5+09:00`. Lower-case `t`/`z` and a space separator (which RFC 3339
/// parsers tolerate) are rejected: XML Schema does not allow them.
pub fn parse_date_time(text: &str) -> Result<DateTime<FixedOffset>, DateError> {
    let syntax = || DateError::Syntax(text.to_owned());
    let range = || DateError::OutOfRange(text.to_owned());
    let bytes = text.as_bytes();
    // yyyy-mm-ddThh:mm:ss = 19 bytes, then an optional fraction, then the zone.
    if bytes.len() < 19 || !text.is_ascii() {
        return Err(syntax());
    }
    let digits = |from: usize, to: usize| -> Result<u32, DateError> {
        let part = text.get(from..to).ok_or_else(syntax)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().map_err(|_| syntax())
        } else {
            Err(syntax())
        }
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if separators
        .iter()
        .any(|&(at, want)| bytes.get(at) != Some(&want))
    {
        return Err(syntax());
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?);
    let (hour, minute, second) = (digits(11, 13)?, digits(14, 16)?, digits(17, 19)?);
    let mut rest = &text[19..];
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return Err(syntax());
        }
        // Only the first nine digits are representable; the rest cannot change the verdict.
        let kept = &fraction[..len.min(9)];
        let scale = 10u32.pow(9 - kept.len() as u32);
        nanos = kept.parse::<u32>().map_err(|_| syntax())? * scale;
        if hour == 24 && fraction[..len].bytes().any(|b| b != b'0') {
            return Err(range());
        }
        rest = &fraction[len..];
    }
    let offset_seconds = match rest {
        "Z" => 0,
        "" => return Err(DateError::NoTimeZone(text.to_owned())),
        zone => {
            let zone_bytes = zone.as_bytes();
            if zone_bytes.len() != 6 || zone_bytes.get(3) != Some(&b':') {
                return Err(syntax());
            }
            let sign = match zone_bytes.first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return Err(syntax()),
            };
            let zone_digits = |part: &str| -> Result<i32, DateError> {
                if part.bytes().all(|b| b.is_ascii_digit()) {
                    part.parse().map_err(|_| syntax())
                } else {
                    Err(syntax())
                }
            };
            let (hh, mm) = (zone_digits(&zone[1..3])?, zone_digits(&zone[4..6])?);
            if hh > 14 || mm > 59 || (hh == 14 && mm != 0) {
                return Err(range());
            }
            sign * (hh * 3600 + mm * 60)
        }
    };
    let offset = FixedOffset::east_opt(offset_seconds).ok_or_else(range)?;
    let date = NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(range)?;
    // XML Schema allows 24:00:00 for the midnight that ends a day.
    let (time, extra_day) = if hour == 24 && minute == 0 && second == 0 {
        (NaiveTime::MIN, true)
    } else {
        (
            NaiveTime::from_hms_nano_opt(hour, minute, second, nanos).ok_or_else(range)?,
            false,
        )
    };
    let mut local = NaiveDateTime::new(date, time);
    if extra_day {
        local = local
            .checked_add_signed(Duration::days(1))
            .ok_or_else(range)?;
    }
    offset
        .from_local_datetime(&local)
        .single()
        .ok_or_else(range)
}

/// Where the credential stands relative to `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Validity {
    Valid {
        from: Option<DateTime<FixedOffset>>,
        until: Option<DateTime<FixedOffset>>,
    },
    NotYetValid {
        from: DateTime<FixedOffset>,
    },
    Expired {
        until: DateTime<FixedOffset>,
    },
}

/// The outcome of the dates step, with the raw strings kept for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateCheck {
    pub validity: Validity,
    /// The VC 1.1 properties were used instead of `validFrom` / `validUntil`.
    pub legacy: bool,
    /// `validFrom` / `issuanceDate` as written.
    pub from_text: Option<String>,
    /// `validUntil` / `expirationDate` as written.
    pub until_text: Option<String>,
}

/// A date property that is present but not a valid `dateTime`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{property}: {error}")]
pub struct InvalidDate {
    pub property: &'static str,
    pub value: String,
    pub error: DateError,
}

fn read_date(
    credential: &Value,
    property: &'static str,
) -> Result<Option<(String, DateTime<FixedOffset>)>, InvalidDate> {
    match credential.get(property) {
        None => Ok(None),
        Some(Value::String(text)) => parse_date_time(text)
            .map(|date| Some((text.clone(), date)))
            .map_err(|error| InvalidDate {
                property,
                value: text.clone(),
                error,
            }),
        Some(other) => Err(InvalidDate {
            property,
            value: other.to_string(),
            error: DateError::Syntax(other.to_string()),
        }),
    }
}

/// Checks the validity period of `credential` at `now`. The start is inclusive and the end
/// exclusive: a credential valid until 12:00 is expired at 12:00.
pub fn check_validity(credential: &Value, now: DateTime<Utc>) -> Result<DateCheck, InvalidDate> {
    let modern_from = read_date(credential, "validFrom")?;
    let modern_until = read_date(credential, "validUntil")?;
    let legacy_from = read_date(credential, "issuanceDate")?;
    let legacy_until = read_date(credential, "expirationDate")?;
    let legacy = modern_from.is_none()
        && modern_until.is_none()
        && (legacy_from.is_some() || legacy_until.is_some());
    let (from, until) = if legacy {
        (legacy_from, legacy_until)
    } else {
        (modern_from, modern_until)
    };
    let validity = match (&from, &until) {
        (Some((_, from)), _) if now < *from => Validity::NotYetValid { from: *from },
        (_, Some((_, until))) if now >= *until => Validity::Expired { until: *until },
        _ => Validity::Valid {
            from: from.as_ref().map(|(_, d)| *d),
            until: until.as_ref().map(|(_, d)| *d),
        },
    };
    Ok(DateCheck {
        validity,
        legacy,
        from_text: from.map(|(text, _)| text),
        until_text: until.map(|(text, _)| text),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    fn utc(text: &str) -> DateTime<Utc> {
        parse_date_time(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn accepts_xml_schema_date_times_with_zones() {
        assert_eq!(
            utc("2010-01-01T19:23:24Z"),
            Utc.with_ymd_and_hms(2010, 1, 1, 19, 23, 24).unwrap()
        );
        assert_eq!(
            utc("2024-04-01T09:00:00+09:00"),
            Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).unwrap()
        );
        assert_eq!(
            utc("2024-04-01T09:00:00.250-01:30").timestamp_subsec_millis(),
            250
        );
        assert_eq!(
            utc("2023-12-31T24:00:00Z"),
            Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap()
        );
    }

    #[test]
    fn rejects_what_xml_schema_rejects() {
        assert!(matches!(
            parse_date_time("2010-01-01T19:23:24"),
            Err(DateError::NoTimeZone(_))
        ));
        for bad in [
            "2010-01-01",
            "2010-01-01t19:23:24Z",
            "2010-01-01 19:23:24Z",
            "2010-01-01T19:23:24z",
            "2010-1-01T19:23:24Z",
            "2010-01-01T19:23:24.Z",
            "2010-01-01T19:23:24+0900",
            "",
            "２０１０-01-01T19:23:24Z",
            "2010-01-01T19:23:24+09:00x",
        ] {
            assert!(parse_date_time(bad).is_err(), "{bad} accepted");
        }
        for impossible in [
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01T23:60:00Z",
            "2024-01-01T00:00:00+15:00",
            "2024-01-01T24:00:01Z",
        ] {
            assert!(
                matches!(parse_date_time(impossible), Err(DateError::OutOfRange(_))),
                "{impossible}"
            );
        }
    }

    #[test]
    fn validity_window_is_inclusive_start_exclusive_end() {
        let credential =
            json!({"validFrom": "2025-01-01T00:00:00Z", "validUntil": "2026-01-01T00:00:00Z"});
        let at = |text| check_validity(&credential, utc(text)).unwrap().validity;
        assert!(matches!(
            at("2024-12-31T23:59:59Z"),
            Validity::NotYetValid { .. }
        ));
        assert!(matches!(at("2025-01-01T00:00:00Z"), Validity::Valid { .. }));
        assert!(matches!(at("2025-12-31T23:59:59Z"), Validity::Valid { .. }));
        assert!(matches!(
            at("2026-01-01T00:00:00Z"),
            Validity::Expired { .. }
        ));
    }

    #[test]
    fn legacy_dates_are_used_only_without_modern_ones() {
        let legacy = json!({"issuanceDate": "2020-01-01T00:00:00Z", "expirationDate": "2021-01-01T00:00:00Z"});
        let check = check_validity(&legacy, utc("2022-01-01T00:00:00Z")).unwrap();
        assert!(check.legacy);
        assert!(matches!(check.validity, Validity::Expired { .. }));
        let both =
            json!({"validFrom": "2020-01-01T00:00:00Z", "expirationDate": "2021-01-01T00:00:00Z"});
        let check = check_validity(&both, utc("2022-01-01T00:00:00Z")).unwrap();
        assert!(!check.legacy);
        assert!(matches!(check.validity, Validity::Valid { .. }));
    }

    #[test]
    fn invalid_dates_name_the_property() {
        let credential = json!({"validFrom": "2025-01-01T00:00:00Z", "validUntil": "tomorrow"});
        let err = check_validity(&credential, Utc::now()).unwrap_err();
        assert_eq!(err.property, "validUntil");
        assert_eq!(err.value, "tomorrow");
        let err = check_validity(&json!({"validFrom": 5}), Utc::now()).unwrap_err();
        assert_eq!(err.property, "validFrom");
    }
}
