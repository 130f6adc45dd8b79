//! Partial dates for events and articles, and timestamps for edits.
//!
//! A [`PartialDate`] is a year, a year-month or a full day, possibly approximate. A [`DateSpec`] is one
//! partial date or a closed range of two. The text form is ISO 8601 with the EDTF (ISO 8601-2) mark
//! for approximation: `2025`, `2025-08`, `2025-08-06`, `2025-08~`, `2025-08-06/2025-08-08`.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How precisely a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// Year, month and day.
    Day,
}

/// A date known to a year, a month or a day; possibly approximate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
    /// The source gives the date loosely ("in early August", "about a week ago").
    pub approximate: bool,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text does not have the shape YYYY, YYYY-MM or YYYY-MM-DD (with an optional `~`).
    #[error("{0:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, with ~ for approximate")]
    Shape(String),
    /// The month or day is out of range.
    #[error("{0:?} is not a real date")]
    OutOfRange(String),
    /// A range ends before it starts.
    #[error("the range {0:?} ends before it starts")]
    Backwards(String),
}

impl PartialDate {
    /// A year only.
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
            approximate: false,
        }
    }

    /// A year and month; `None` when the month is not 1–12.
    pub fn month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
            approximate: false,
        })
    }

    /// A full date; `None` when it does not exist in the proleptic Gregorian calendar.
    pub fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        let ok = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        ok.then_some(Self {
            year,
            month: Some(month),
            day: Some(day),
            approximate: false,
        })
    }

    /// The same date marked approximate (or not).
    pub fn with_approximate(mut self, approximate: bool) -> Self {
        self.approximate = approximate;
        self
    }

    /// The year.
    pub fn year_part(&self) -> i32 {
        self.year
    }

    /// The month, when known.
    pub fn month_part(&self) -> Option<u8> {
        self.month
    }

    /// The day, when known.
    pub fn day_part(&self) -> Option<u8> {
        self.day
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first day this date covers, as days since 1970-01-01.
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date covers, as days since 1970-01-01.
    pub fn last_day(&self) -> i64 {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        days_from_civil(self.year, month, day)
    }
}

impl Ord for PartialDate {
    /// Chronological by first day, then the less precise first, then exact before approximate.
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.precision().cmp(&other.precision()))
            .then(self.approximate.cmp(&other.approximate))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if (0..=9999).contains(&self.year) {
            write!(f, "{:04}", self.year)?;
        } else {
            write!(f, "{:+05}", self.year)?;
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        if self.approximate {
            f.write_str("~")?;
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let shape = || DateError::Shape(text.chars().take(40).collect());
        let s = text.trim();
        let (s, approximate) = match s.strip_suffix('~') {
            Some(rest) => (rest, true),
            None => (s, false),
        };
        let (sign, digits) = match s.strip_prefix('-') {
            Some(rest) => (-1, rest),
            None => (1, s.strip_prefix('+').unwrap_or(s)),
        };
        let mut parts = digits.split('-');
        let year_text = parts.next().ok_or_else(shape)?;
        if year_text.len() < 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(shape());
        }
        let year: i32 = year_text.parse().map_err(|_| shape())?;
        let year = sign * year;
        let mut number = |len: usize| -> Result<Option<u8>, DateError> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map(Some).map_err(|_| shape())
                }
                Some(_) => Err(shape()),
            }
        };
        let month = number(2)?;
        let day = number(2)?;
        if parts.next().is_some() {
            return Err(shape());
        }
        let out_of_range = || DateError::OutOfRange(text.chars().take(40).collect());
        let date = match (month, day) {
            (None, _) => Some(Self::year(year)),
            (Some(m), None) => Self::month(year, m),
            (Some(m), Some(d)) => Self::day(year, m, d),
        };
        Ok(date.ok_or_else(out_of_range)?.with_approximate(approximate))
    }
}

/// When an event happened: one partial date or a range of two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSpec {
    /// A single (possibly partial) date.
    On(PartialDate),
    /// From the first to the second, inclusive.
    Range(PartialDate, PartialDate),
}

impl DateSpec {
    /// The first day covered, as days since 1970-01-01.
    pub fn first_day(&self) -> i64 {
        match self {
            Self::On(d) | Self::Range(d, _) => d.first_day(),
        }
    }

    /// The last day covered, as days since 1970-01-01.
    pub fn last_day(&self) -> i64 {
        match self {
            Self::On(d) | Self::Range(_, d) => d.last_day(),
        }
    }

    /// Whether any part of the date is approximate.
    pub fn is_approximate(&self) -> bool {
        match self {
            Self::On(d) => d.approximate,
            Self::Range(a, b) => a.approximate || b.approximate,
        }
    }
}

impl Ord for DateSpec {
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.last_day().cmp(&other.last_day()))
            .then_with(|| self.to_string().cmp(&other.to_string()))
    }
}

impl PartialOrd for DateSpec {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::On(d) => d.fmt(f),
            Self::Range(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

impl FromStr for DateSpec {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.split_once('/') {
            None => text.parse().map(Self::On),
            Some((a, b)) => {
                let (a, b): (PartialDate, PartialDate) = (a.parse()?, b.parse()?);
                if b.last_day() < a.first_day() {
                    return Err(DateError::Backwards(text.chars().take(40).collect()));
                }
                Ok(Self::Range(a, b))
            }
        }
    }
}

macro_rules! serde_via_text {
    ($ty:ty, $what:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(V)
            }
        }
    };
}
serde_via_text!(
    PartialDate,
    "a date like \"2025-08-06\", \"2025-08\" or \"2025~\""
);
serde_via_text!(
    DateSpec,
    "a date like \"2025-08-06\" or a range \"2025-08-06/2025-08-08\""
);
serde_via_text!(Timestamp, "a UTC time like \"2025-08-06T14:03:00Z\"");

/// A moment in UTC, to the second; written as `YYYY-MM-DDTHH:MM:SSZ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Now, from the system clock (the epoch if the clock is before 1970).
    pub fn now() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self(i64::try_from(secs).unwrap_or(i64::MAX))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

impl FromStr for Timestamp {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let shape = || DateError::Shape(text.chars().take(40).collect());
        let (date, time) = text.split_once('T').ok_or_else(shape)?;
        let date: PartialDate = date.parse()?;
        let (Some(_), Some(_), false) = (date.month, date.day, date.approximate) else {
            return Err(shape());
        };
        let time = time.strip_suffix('Z').ok_or_else(shape)?;
        let mut hms = time.split(':').map(|p| {
            if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse::<i64>().map_err(|_| shape())
            } else {
                Err(shape())
            }
        });
        let (Some(h), Some(m), Some(s), None) = (hms.next(), hms.next(), hms.next(), hms.next())
        else {
            return Err(shape());
        };
        let (h, m, s) = (h?, m?, s?);
        if h > 23 || m > 59 || s > 60 {
            return Err(DateError::OutOfRange(text.chars().take(40).collect()));
        }
        Ok(Self(date.first_day() * 86_400 + h * 3600 + m * 60 + s))
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_parse_and_print() {
        for text in [
            "2025",
            "2025-08",
            "2025-08-06",
            "2025-08~",
            "2025~",
            "2024-02-29",
        ] {
            let d: PartialDate = text.parse().expect(text);
            assert_eq!(d.to_string(), text);
        }
        let d: PartialDate = "2025-08~".parse().expect("approx");
        assert!(d.approximate);
        assert_eq!(d.precision(), Precision::Month);
    }

    #[test]
    fn bad_dates_are_refused() {
        for text in [
            "",
            "25",
            "2025-13",
            "2025-02-29",
            "2025-8-6",
            "2025-08-06-01",
            "abcd",
            "2025-00",
        ] {
            assert!(text.parse::<PartialDate>().is_err(), "{text}");
        }
        assert!(matches!(
            "2025-08-09/2025-08-01".parse::<DateSpec>(),
            Err(DateError::Backwards(_))
        ));
    }

    #[test]
    fn ranges_and_order() {
        let r: DateSpec = "2025-05/2025-07~".parse().expect("range");
        assert_eq!(r.to_string(), "2025-05/2025-07~");
        assert!(r.is_approximate());
        let a: DateSpec = "2025-08-06".parse().expect("day");
        let b: DateSpec = "2025-08".parse().expect("month");
        assert!(b < a, "August as a whole sorts before its 6th day");
        assert_eq!(b.last_day() - b.first_day(), 30);
    }

    #[test]
    fn timestamps_round_trip() {
        for text in [
            "1970-01-01T00:00:00Z",
            "2025-08-06T14:03:59Z",
            "2000-02-29T23:59:00Z",
        ] {
            let t: Timestamp = text.parse().expect(text);
            assert_eq!(t.to_string(), text);
        }
        assert_eq!(
            "2025-08-06T00:00:00Z"
                .parse::<Timestamp>()
                .map(|t| t.0 % 86_400),
            Ok(0)
        );
    }
}
