//! Publication dates as news articles write them near their top, in English, Russian,
//! Ukrainian, German, French (and Serbian, whose month names are close to Russian ones):
//!
//! - ISO: `Published 2024-08-10`, `*Associated Press, 2024-10-08*`, `2024-08-10T09:30Z`,
//!   `2024/08/10`;
//! - day, month name, year: `2 September 2024`, `11. August 2024`, `11 августа 2024 г.`,
//!   `11 серпня 2024`, `1er août 2024`, `11. август 2024.`;
//! - month name, day, year: `August 11, 2024`, `Aug. 11 2024`, `Sept 2nd, 2024`;
//! - day.month.year: `11.08.2024` (the European order; `11/08/2024` is left alone, since
//!   English writes it the other way round).
//!
//! [`find_date`] returns the first such date of a line and what comes before it (an outlet, as in
//! `Balkan Insight, 2 September 2024`). Only real calendar days between 1900 and 2100 count.
//!
//! Limitations: no month-and-year-only forms ("August 2024"), no relative dates ("yesterday"),
//! no other calendars; a line is read as written, so a date of an event in a short line near
//! the top can be taken for the publication date (the import summary lists every date it
//! found, and the date stays editable).
//!
//! No crate was a fit: the date parsers on crates.io read English (or one fixed format) and
//! whole strings, not a date somewhere in a dateline in five languages; this is a table of month
//! names and four patterns.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::PartialDate;

/// Month names and abbreviations, lower case: English, German, French, Russian (nominative and
/// genitive), Ukrainian (both), Serbian (Cyrillic and Latin).
const MONTH_NAMES: &[(&str, u8)] = &[
    // English
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("mär", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("janv", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fév", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    // Russian, genitive (as in dates) and nominative
    ("января", 1),
    ("январь", 1),
    ("янв", 1),
    ("февраля", 2),
    ("февраль", 2),
    ("фев", 2),
    ("марта", 3),
    ("март", 3),
    ("апреля", 4),
    ("апрель", 4),
    ("апр", 4),
    ("мая", 5),
    ("май", 5),
    ("июня", 6),
    ("июнь", 6),
    ("июля", 7),
    ("июль", 7),
    ("августа", 8),
    ("август", 8),
    ("авг", 8),
    ("сентября", 9),
    ("сентябрь", 9),
    ("сен", 9),
    ("сент", 9),
    ("октября", 10),
    ("октябрь", 10),
    ("окт", 10),
    ("ноября", 11),
    ("ноябрь", 11),
    ("ноя", 11),
    ("декабря", 12),
    ("декабрь", 12),
    ("дек", 12),
    // Ukrainian, genitive and nominative
    ("січня", 1),
    ("січень", 1),
    ("лютого", 2),
    ("лютий", 2),
    ("березня", 3),
    ("березень", 3),
    ("квітня", 4),
    ("квітень", 4),
    ("травня", 5),
    ("травень", 5),
    ("червня", 6),
    ("червень", 6),
    ("липня", 7),
    ("липень", 7),
    ("серпня", 8),
    ("серпень", 8),
    ("вересня", 9),
    ("вересень", 9),
    ("жовтня", 10),
    ("жовтень", 10),
    ("листопада", 11),
    ("листопад", 11),
    ("грудня", 12),
    ("грудень", 12),
    // Serbian, Cyrillic and Latin
    ("јануар", 1),
    ("јануара", 1),
    ("фебруар", 2),
    ("фебруара", 2),
    ("април", 4),
    ("априла", 4),
    ("мај", 5),
    ("маја", 5),
    ("јун", 6),
    ("јуна", 6),
    ("јул", 7),
    ("јула", 7),
    ("септембар", 9),
    ("септембра", 9),
    ("октобар", 10),
    ("октобра", 10),
    ("новембар", 11),
    ("новембра", 11),
    ("децембар", 12),
    ("децембра", 12),
    ("januara", 1),
    ("februara", 2),
    ("mart", 3),
    ("marta", 3),
    ("aprila", 4),
    ("maj", 5),
    ("maja", 5),
    ("jun", 6),
    ("jula", 7),
    ("avgust", 8),
    ("avgusta", 8),
    ("septembar", 9),
    ("oktobar", 10),
    ("novembar", 11),
    ("decembar", 12),
];

/// The month a (case-insensitive) name or abbreviation, with or without a final dot, stands
/// for.
pub(crate) fn month_number(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTH_NAMES
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, m)| *m)
}

/// `2024-08-10`, `2024/08/10`, `2024.08.10`, also as the start of a timestamp.
static ISO: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})").ok());
/// `2 September 2024`, `11. August 2024`, `1er août 2024`, `11 августа 2024`.
static DAY_MONTH_YEAR: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})(?:\.|er|st|nd|rd|th)?\s+(\p{L}+)\.?,?\s+(\d{4})").ok());
/// `August 11, 2024`, `Aug. 11 2024`, `Sept 2nd, 2024`.
static MONTH_DAY_YEAR: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})").ok());
/// `11.08.2024`.
static DOTTED: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})\.(\d{1,2})\.(\d{4})").ok());

/// A date found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FoundDate<'a> {
    /// The date.
    pub date: PartialDate,
    /// What the line says before it, trimmed of spaces and `* _ , – — : |` (an outlet, a word
    /// such as "Published", or nothing).
    pub before: &'a str,
}

/// The first date of `line` in one of the forms of the module docs.
pub(crate) fn find_date(line: &str) -> Option<FoundDate<'_>> {
    let mut best: Option<(usize, PartialDate)> = None;
    let mut consider = |start: usize, date: Option<PartialDate>| {
        if let Some(date) = date
            && best.is_none_or(|(s, _)| start < s)
        {
            best = Some((start, date));
        }
    };
    if let Some(re) = ISO.as_ref() {
        for c in re.captures_iter(line) {
            let (Some(all), Some(y), Some(s1), Some(m), Some(s2), Some(d)) =
                (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
            else {
                continue;
            };
            if s1.as_str() != s2.as_str() || !bounded(line, all.start(), all.end(), true) {
                continue;
            }
            consider(all.start(), make(y.as_str(), m.as_str(), d.as_str()));
            break;
        }
    }
    // Day and month-name forms differ only in which group holds the day and which the month.
    for (re, day_group, month_group) in [(&DAY_MONTH_YEAR, 1, 2), (&MONTH_DAY_YEAR, 2, 1)] {
        let Some(re) = re.as_ref() else { continue };
        for c in re.captures_iter(line) {
            let (Some(all), Some(d), Some(m), Some(y)) =
                (c.get(0), c.get(day_group), c.get(month_group), c.get(3))
            else {
                continue;
            };
            let Some(month) = month_number(m.as_str()) else {
                continue;
            };
            if !bounded(line, all.start(), all.end(), false) {
                continue;
            }
            consider(
                all.start(),
                make(y.as_str(), &month.to_string(), d.as_str()),
            );
            break;
        }
    }
    if let Some(re) = DOTTED.as_ref() {
        for c in re.captures_iter(line) {
            let (Some(all), Some(d), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3))
            else {
                continue;
            };
            if !bounded(line, all.start(), all.end(), false) {
                continue;
            }
            consider(all.start(), make(y.as_str(), m.as_str(), d.as_str()));
            break;
        }
    }
    let (start, date) = best?;
    let before = line
        .get(..start)
        .unwrap_or("")
        .trim_matches(|c: char| c.is_whitespace() || "*_,–—-:|(".contains(c));
    Some(FoundDate { date, before })
}

/// Whether the match `start..end` stands alone: no letter or digit glued to either end (a
/// timestamp's `T` may follow an ISO date).
fn bounded(line: &str, start: usize, end: usize, iso: bool) -> bool {
    let before = line.get(..start).and_then(|s| s.chars().next_back());
    let after = line.get(end..).and_then(|s| s.chars().next());
    let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    !glued(before) && (!glued(after) || (iso && after == Some('T')))
}

/// A real calendar day from its parts, in 1900–2100.
fn make(year: &str, month: &str, day: &str) -> Option<PartialDate> {
    let year: i32 = year.parse().ok()?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    PartialDate::day(year, month.parse().ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(line: &str) -> Option<(String, String)> {
        find_date(line).map(|f| (f.date.to_string(), f.before.to_owned()))
    }

    fn pair(date: &str, before: &str) -> Option<(String, String)> {
        Some((date.to_owned(), before.to_owned()))
    }

    #[test]
    fn the_forms_of_the_issue_are_found() {
        assert_eq!(
            found("Published 2024-08-10"),
            pair("2024-08-10", "Published")
        );
        assert_eq!(
            found("*Associated Press, 2024-10-08*"),
            pair("2024-10-08", "Associated Press")
        );
        assert_eq!(
            found("Balkan Insight, 2 September 2024"),
            pair("2024-09-02", "Balkan Insight")
        );
        assert_eq!(found("РТС, 11. август 2024."), pair("2024-08-11", "РТС"));
        assert_eq!(
            found("Коммерсантъ, 2024-08-12"),
            pair("2024-08-12", "Коммерсантъ")
        );
    }

    #[test]
    fn five_languages_and_both_orders() {
        for (line, date) in [
            ("11 августа 2024 г., 14:05", "2024-08-11"),
            ("Опубліковано 11 серпня 2024", "2024-08-11"),
            ("Veröffentlicht am 3. März 2025, 10:12 Uhr", "2025-03-03"),
            ("Publié le 1er août 2024 à 18h", "2024-08-01"),
            ("Le Monde — 14 juillet 2024", "2024-07-14"),
            ("August 11, 2024", "2024-08-11"),
            ("Updated: Aug. 6, 2025 5:01 PM ET", "2025-08-06"),
            ("Sept 2nd, 2024", "2024-09-02"),
            ("By Jane Doe | 11.08.2024", "2024-08-11"),
            ("2025-08-06T09:30:00Z", "2025-08-06"),
            ("Date: 2025/03/16", "2025-03-16"),
        ] {
            assert_eq!(
                find_date(line).map(|f| f.date.to_string()).as_deref(),
                Some(date),
                "{line}"
            );
        }
    }

    #[test]
    fn non_dates_are_left_alone() {
        for line in [
            "Trump gives Russia 10 days",
            "12 injured in Zaporizhzhia",
            "11/08/2024",
            "2024-02-30",
            "Call 555-2024-0812 now",
            "In 2024 the mine 5 March plans",
            "31 June 2024",
            "Version 1.2.2024b",
        ] {
            assert_eq!(found(line), None, "{line}");
        }
        // The first date of a line wins.
        assert_eq!(
            found("Published 2 May 2024, updated 2024-05-03"),
            pair("2024-05-02", "Published")
        );
        assert_eq!(month_number("Août"), Some(8));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Juni"), Some(6));
    }
}
