//! Guessing an article's metadata from its text: title, publication date, outlet, byline, URL.
//!
//! Everything here reads the text and never changes it; what is recognised in the title line is
//! removed from the *title* only. The rules, in the order they apply:
//! - Markdown front matter (a `---` block at the very top with `title:`, `date:`, `source:`,
//!   `author:`, `url:` lines) wins over everything else.
//! - The title is the first non-empty line (after any front matter), trimmed; in Markdown a
//!   leading `#` heading marker (and a closing one) is dropped.
//! - A `date YYYY-MM-DD` (or `date: YYYY-MM`) token in the title line gives the publication date
//!   and is removed from the title; a line that is only such a token, among the first few lines,
//!   gives it too.
//! - A trailing outlet hint after the last `/` of the title line (`…ceasefire talks/Reuters`)
//!   gives the source when it is unambiguous (see [`split_outlet_hint`]), and is removed.
//! - Otherwise the first date in a usual news form on a short line near the top
//!   (`Published 2024-08-10`, `Balkan Insight, 2 September 2024`, `11 августа 2024`; see
//!   [`super::dates`]) gives it; an outlet's name just before that date (`Balkan Insight,`)
//!   gives the source when none was found.
//! - Otherwise a wire dateline such as `MOSCOW, Aug 6 (Reuters) -` near the top gives the source.
//! - A `By Jane Doe` line near the top gives the author; a line that is only an `http(s)://`
//!   address gives the URL.
//!
//! Limitations: these are heuristics for news articles in English-language conventions; every
//! field stays editable, and nothing guessed is ever taken from deep inside the body.

use crate::model::PartialDate;

/// Titles longer than this (in chars) are cut at a word boundary and end with "…".
pub const MAX_TITLE_CHARS: usize = 200;

/// Of a longer first line only this many bytes are read (for the title), and no outlet hint.
const MAX_TITLE_LINE_BYTES: usize = 4096;

/// How many non-empty lines after the title are searched for a dateline, byline, date or URL.
const HEADER_LINES: usize = 8;

/// What the text says about itself.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Guess {
    /// The title, possibly empty (the caller falls back to the file name).
    pub title: String,
    /// The outlet, or empty.
    pub source: String,
    /// The byline, or empty.
    pub author: String,
    /// The address of the original, or empty.
    pub url: String,
    /// The publication date.
    pub published: Option<PartialDate>,
    /// Things the user should know (a date token that is no real date).
    pub warnings: Vec<String>,
}

/// Guesses metadata from a normalised text (`\n` line ends). `markdown` enables front matter and
/// heading markers.
pub(crate) fn guess(text: &str, markdown: bool) -> Guess {
    let mut guess = Guess::default();
    let mut body = text;
    if markdown && let Some((fields, rest)) = front_matter(text) {
        for (key, value) in fields {
            apply_front_matter_field(&mut guess, &key, value);
        }
        body = rest;
    }
    let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
    // The title line: the first non-empty line, or the next one when it held only tokens.
    for line in lines.by_ref().take(HEADER_LINES) {
        // A line this long is a paragraph, not a headline: only its start is read, for the title.
        let (line, headline) = match line.get(..floor_char_boundary(line, MAX_TITLE_LINE_BYTES)) {
            Some(start) if start.len() < line.len() => (start, false),
            _ => (line, true),
        };
        let line = if markdown {
            strip_heading_marker(line)
        } else {
            line
        };
        let (mut title, date) = take_date_token(line);
        if let Some(date) = date {
            set_date(&mut guess, date);
        }
        if headline && let Some((head, outlet)) = split_outlet_hint(&title) {
            if guess.source.is_empty() {
                guess.source = outlet.to_owned();
            }
            title = head.to_owned();
        }
        if !title.is_empty() {
            if guess.title.is_empty() {
                guess.title = shorten(&title, MAX_TITLE_CHARS);
            }
            break;
        }
    }
    let header: Vec<&str> = lines.take(HEADER_LINES).collect();
    if guess.published.is_none()
        && let Some(found) = header
            .iter()
            .filter(|l| l.chars().count() <= MAX_DATE_LINE_CHARS)
            .find_map(|l| super::dates::find_date(l))
    {
        guess.published = Some(found.date);
        if guess.source.is_empty() && is_outlet_before_date(found.before) {
            guess.source = found.before.to_owned();
        }
    }
    for line in header {
        if guess.published.is_none()
            && line.len() <= 40
            && let (rest, Some(date)) = take_date_token(line)
            && rest.is_empty()
        {
            set_date(&mut guess, date);
        }
        if guess.source.is_empty()
            && let Some(outlet) = dateline_outlet(line)
        {
            guess.source = outlet.to_owned();
        }
        if guess.author.is_empty()
            && let Some(author) = byline(line)
        {
            guess.author = author.to_owned();
        }
        if guess.url.is_empty() && is_url_line(line) {
            guess.url = line.to_owned();
        }
    }
    guess
}

/// Lines longer than this (in chars) are body text: a date in them is not the publication date.
const MAX_DATE_LINE_CHARS: usize = 120;

/// Words that lead a date without naming an outlet ("Published 2024-08-10", "By Jane Doe |").
const DATE_LEAD_WORDS: [&str; 22] = [
    "published",
    "updated",
    "posted",
    "date",
    "dated",
    "modified",
    "last",
    "on",
    "by",
    "опубликовано",
    "обновлено",
    "дата",
    "опубліковано",
    "оновлено",
    "veröffentlicht",
    "aktualisiert",
    "stand",
    "am",
    "publié",
    "mis",
    "mise",
    "le",
];

/// Whether the text before a date names an outlet ("Balkan Insight", "РТС"), not a lead word.
fn is_outlet_before_date(before: &str) -> bool {
    let first = before
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(':')
        .to_lowercase();
    !before.is_empty() && !DATE_LEAD_WORDS.contains(&first.as_str()) && is_outlet_name(before)
}

/// A date token found in a line: parsed, or the text that failed to parse.
type DateToken = Result<PartialDate, String>;

fn set_date(guess: &mut Guess, date: DateToken) {
    match date {
        Ok(date) => {
            if guess.published.is_none() {
                guess.published = Some(date);
            }
        }
        Err(text) => guess.warnings.push(format!(
            "\"date {text}\" near the top is not a real date; the publication date was left empty"
        )),
    }
}

/// Front matter: `---` on the first line, `key: value` lines, and `---` or `...` closing it
/// within the first 100 lines. Returns the fields (keys lower-cased) and the text after it.
fn front_matter(text: &str) -> Option<(Vec<(String, String)>, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let mut fields = Vec::new();
    let mut offset = 0usize;
    for line in rest.split_inclusive('\n').take(100) {
        offset += line.len();
        let line = line.trim_end_matches('\n');
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return Some((fields, rest.get(offset..).unwrap_or("")));
        }
        if let Some((key, value)) = line.split_once(':')
            && !key.starts_with(' ')
        {
            let value = value.trim();
            let value = strip_quotes(value);
            fields.push((key.trim().to_lowercase(), value.to_owned()));
        }
    }
    None
}

fn strip_quotes(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

fn apply_front_matter_field(guess: &mut Guess, key: &str, value: String) {
    if value.is_empty() {
        return;
    }
    match key {
        "title" | "headline" => guess.title = shorten(&value, MAX_TITLE_CHARS),
        "source" | "outlet" | "publisher" | "publication" => guess.source = value,
        "author" | "authors" | "byline" => guess.author = value,
        "url" | "link" | "canonical_url" | "source_url" => guess.url = value,
        "date" | "published" | "pubdate" | "publication_date" => {
            // Accept a full timestamp by keeping its date part.
            let day = value
                .get(..10)
                .filter(|_| value.len() > 10)
                .unwrap_or(&value);
            match day.parse::<PartialDate>() {
                Ok(date) => guess.published = Some(date),
                Err(_) => guess.warnings.push(format!(
                    "the front matter's date {value:?} is not a date; the publication date was left empty"
                )),
            }
        }
        _ => {}
    }
}

/// Drops a Markdown ATX heading marker: `## Title ##` → `Title`.
fn strip_heading_marker(line: &str) -> &str {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if hashes == 0 || hashes > 6 {
        return line;
    }
    let rest = &line[hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return line; // "#hashtag", not a heading
    }
    let rest = rest.trim();
    let closed = rest.trim_end_matches('#');
    if closed.len() < rest.len() && (closed.is_empty() || closed.ends_with([' ', '\t'])) {
        closed.trim_end()
    } else {
        rest
    }
}

/// Whether a word has the shape of a date: `YYYY-MM-DD` or `YYYY-MM`.
fn is_date_shape(word: &str) -> bool {
    let b = word.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    match b.len() {
        7 => digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7),
        10 => {
            digits(0..4)
                && b.get(4) == Some(&b'-')
                && digits(5..7)
                && b.get(7) == Some(&b'-')
                && digits(8..10)
        }
        _ => false,
    }
}

/// Finds `date YYYY-MM-DD` (the word `date` in any case, with or without a colon) in a line and
/// returns the line without it (whitespace collapsed) and the date. A token with the shape of a
/// date that is not a real one (`2025-02-30`) is returned as `Err` and still removed.
fn take_date_token(line: &str) -> (String, Option<DateToken>) {
    let words: Vec<&str> = line.split_whitespace().collect();
    let found = words.windows(2).position(|pair| match pair {
        [word, date] => {
            word.trim_end_matches(':').eq_ignore_ascii_case("date")
                && is_date_shape(date.trim_end_matches([',', ';', '.', ':']))
        }
        _ => false,
    });
    let Some(i) = found else {
        return (words.join(" "), None);
    };
    let date_text = words
        .get(i + 1)
        .map_or("", |d| d.trim_end_matches([',', ';', '.', ':']));
    let date = date_text
        .parse::<PartialDate>()
        .map_err(|_| date_text.to_owned());
    let rest: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i && *j != i + 1)
        .map(|(_, w)| *w)
        .collect();
    (rest.join(" "), Some(date))
}

const MONTHS: [&str; 24] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// Small words allowed inside an outlet's name ("Voice of America").
const CONNECTORS: [&str; 6] = ["of", "the", "and", "for", "de", "al"];

/// Whether a text is a plausible outlet name: one to three words, the first starting with a
/// capital letter and the others capitalised or short connectors ("of", "the"), made of letters,
/// digits (not in the first word) and `& . ' ’ -`; not a month (a date), not a web address.
fn is_outlet_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    if text.contains("://") || text.to_lowercase().starts_with("www.") {
        return false;
    }
    // "reuters.com": a dot followed by a lower-case letter looks like a domain.
    if text
        .as_bytes()
        .windows(2)
        .any(|w| w.first() == Some(&b'.') && w.get(1).is_some_and(u8::is_ascii_lowercase))
    {
        return false;
    }
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '&' | '.' | '\'' | '’' | '-');
    for (i, word) in words.iter().enumerate() {
        if !word.chars().all(allowed) {
            return false;
        }
        let first = word.chars().next().unwrap_or(' ');
        let last_word = i + 1 == words.len();
        if i == 0 {
            if !first.is_uppercase() || word.chars().any(|c| c.is_ascii_digit()) {
                return false;
            }
            if MONTHS.contains(word) || MONTHS.contains(&word.trim_end_matches('.')) {
                return false;
            }
        } else if !(first.is_uppercase()
            || first.is_ascii_digit()
            || (!last_word && CONNECTORS.contains(word)))
        {
            return false;
        }
    }
    true
}

/// Splits a trailing outlet hint off a title line: `…ceasefire talks/Reuters` →
/// (`…ceasefire talks`, `Reuters`).
///
/// Unambiguous means: the text after the last `/` is an outlet name ([`is_outlet_name`]: one to
/// three capitalised words, not a date, not a web address), there is a title before it, and the
/// character before the `/` is not a capital letter or digit (`AC/DC`, `EU/NATO`, `24/7` are
/// left alone) nor part of a web address.
pub(crate) fn split_outlet_hint(line: &str) -> Option<(&str, &str)> {
    let slash = line.rfind('/')?;
    let (head, tail) = (line.get(..slash)?, line.get(slash + 1..)?);
    let outlet = tail.trim();
    let title = head.trim_end();
    if title.is_empty() || outlet.is_empty() {
        return None;
    }
    let before = head.chars().next_back()?;
    if before.is_uppercase() || before.is_ascii_digit() || before == '/' || before == ':' {
        return None;
    }
    let last_word = title.rsplit(char::is_whitespace).next().unwrap_or("");
    if last_word.contains("://") || last_word.starts_with("www.") {
        return None;
    }
    is_outlet_name(outlet).then_some((title, outlet))
}

/// The outlet of a wire dateline at the start of a line: `MOSCOW (Reuters) -`,
/// `KYIV, Aug 6 (AP) —`. The place must start with a word in capitals.
fn dateline_outlet(line: &str) -> Option<&str> {
    let open = line.get(..floor_char_boundary(line, 64))?.find('(')?;
    if open == 0 {
        return None;
    }
    let place = line.get(..open)?.trim_end();
    let first = place.split_whitespace().next()?.trim_end_matches(',');
    if first.chars().count() < 2 || !first.chars().all(|c| c.is_alphabetic() && c.is_uppercase()) {
        return None;
    }
    if !place
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | ',' | '.' | '\'' | '-'))
    {
        return None;
    }
    let inside = line.get(open + 1..)?;
    let close = inside.get(..floor_char_boundary(inside, 64))?.find(')')?;
    let outlet = inside.get(..close)?.trim();
    let after = inside.get(close + 1..)?.trim_start();
    if !after.starts_with(['-', '–', '—']) {
        return None;
    }
    is_outlet_name(outlet).then_some(outlet)
}

/// The name in a byline such as `By Jane Doe and John Roe`.
///
/// Limitations: a line that is only `By Friday` is taken for a byline.
fn byline(line: &str) -> Option<&str> {
    let name = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))?
        .trim()
        .trim_end_matches(['.', ',', ';']);
    if name.is_empty() || name.chars().nth(80).is_some() {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_like = words.len() <= 8
        && words.iter().all(|w| {
            let w = w.trim_end_matches(',');
            w == "and"
                || [
                    "de", "van", "von", "der", "al", "bin", "da", "di", "la", "le",
                ]
                .contains(&w)
                || w.chars().next().is_some_and(char::is_uppercase)
        })
        && words.first().is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && !MONTHS.contains(w)
        });
    name_like.then_some(name)
}

fn is_url_line(line: &str) -> bool {
    (line.starts_with("https://") || line.starts_with("http://"))
        && !line.contains(char::is_whitespace)
        && line.len() > "https://".len() + 3
}

/// The largest char boundary of `s` at or before `index`.
fn floor_char_boundary(s: &str, index: usize) -> usize {
    if index >= s.len() {
        return s.len();
    }
    (0..=index)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

/// At most `max` chars of `s`, cut at a word boundary when one is near, ending with "…".
pub(crate) fn shorten(s: &str, max: usize) -> String {
    let Some((cut, _)) = s.char_indices().nth(max) else {
        return s.to_owned();
    };
    let head = s.get(..cut).unwrap_or(s);
    let keep = match head.rfind(char::is_whitespace) {
        Some(space) if space >= cut / 2 => head.get(..space).unwrap_or(head),
        _ => head,
    };
    let mut out = keep.trim_end().to_owned();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<PartialDate> {
        Some(s.parse().expect("a date"))
    }

    #[test]
    fn title_is_the_first_non_empty_line_trimmed() {
        let g = guess("\n  \n  Talks resume in Riyadh  \n\nBody.", false);
        assert_eq!(g.title, "Talks resume in Riyadh");
        assert_eq!(g.source, "");
        assert_eq!(g.published, None);
    }

    #[test]
    fn outlet_hint_on_the_title_line() {
        let g = guess(
            "\nPutin and Witkoff exchange pleasantries ahead of ceasefire talks/Reuters\nBody",
            false,
        );
        assert_eq!(
            g.title,
            "Putin and Witkoff exchange pleasantries ahead of ceasefire talks"
        );
        assert_eq!(g.source, "Reuters");
        for (line, title, source) in [
            ("Truce holds / Al Jazeera", "Truce holds", "Al Jazeera"),
            (
                "Truce holds/Voice of America",
                "Truce holds",
                "Voice of America",
            ),
            ("Truce holds/France 24", "Truce holds", "France 24"),
        ] {
            assert_eq!(split_outlet_hint(line), Some((title, source)), "{line}");
        }
    }

    #[test]
    fn ambiguous_slashes_are_left_alone() {
        for line in [
            "Read more at https://example.com/News",
            "Read more at www.example.com/World",
            "A band called AC/DC",
            "Talks on 24/7 monitoring",
            "Ceasefire either/or",
            "Meeting set for 6/August",
            "Meeting set for the/Aug 6",
            "Summit in Alaska/Anchorage Alaska USA today",
            "/Reuters",
            "Talks end/Reuters.com",
            "Talks end/reuters",
        ] {
            assert_eq!(split_outlet_hint(line), None, "{line}");
        }
    }

    #[test]
    fn date_token_gives_published_and_leaves_the_title() {
        let g = guess(
            " date 2025-03-16 Your guide to what the 2024 US election means\n\nBody",
            false,
        );
        assert_eq!(g.published, date("2025-03-16"));
        assert_eq!(g.title, "Your guide to what the 2024 US election means");
        let g = guess("Talks resume, Date: 2025-08, in Riyadh/AP", false);
        assert_eq!(g.published, date("2025-08"));
        assert_eq!(g.title, "Talks resume, in Riyadh");
        assert_eq!(g.source, "AP");
    }

    #[test]
    fn a_date_token_that_is_no_date_warns() {
        let g = guess("date 2025-02-30 Talks\n", false);
        assert_eq!(g.published, None);
        assert_eq!(g.title, "Talks");
        assert_eq!(g.warnings.len(), 1);
        // "date" followed by something else is just a word.
        let g = guess("Up to date 2025 figures\n", false);
        assert_eq!(g.title, "Up to date 2025 figures");
        assert_eq!(g.published, None);
    }

    #[test]
    fn date_on_its_own_line_below_the_title() {
        let g = guess("Talks resume\nDate: 2025-08-06\n\nBody", false);
        assert_eq!(g.published, date("2025-08-06"));
        assert_eq!(g.title, "Talks resume");
    }

    #[test]
    fn markdown_heading_markers_leave_the_title() {
        let g = guess("# Talks resume #\n\nBody", true);
        assert_eq!(g.title, "Talks resume");
        let g = guess("### Talks resume\n", true);
        assert_eq!(g.title, "Talks resume");
        let g = guess("#hashtag diplomacy\n", true);
        assert_eq!(g.title, "#hashtag diplomacy");
        let g = guess("# Talks resume\n", false);
        assert_eq!(g.title, "# Talks resume", "plain text keeps its #");
    }

    #[test]
    fn markdown_front_matter() {
        let text = "---\ntitle: \"Witkoff in Moscow\"\ndate: 2025-08-06T10:00:00Z\nsource: Al Jazeera\n\
                    author: Jane Doe\nurl: https://example.com/a\n---\n# Heading\n\nBody";
        let g = guess(text, true);
        assert_eq!(g.title, "Witkoff in Moscow");
        assert_eq!(g.published, date("2025-08-06"));
        assert_eq!(g.source, "Al Jazeera");
        assert_eq!(g.author, "Jane Doe");
        assert_eq!(g.url, "https://example.com/a");
        let g = guess("---\nsource: AP\n---\n# Heading/Reuters\n", true);
        assert_eq!((g.title.as_str(), g.source.as_str()), ("Heading", "AP"));
        // Not closed: no front matter; the title is the first line.
        let g = guess("---\ntitle: x\n", true);
        assert_eq!(g.title, "---");
    }

    #[test]
    fn dateline_byline_and_url_near_the_top() {
        let text = "Kremlin hosts envoy\nBy Guy Faulconbridge and Mark Trevelyan\n\
                    https://example.com/world/kremlin\n\nMOSCOW, Aug 6 (Reuters) - Russian President…";
        let g = guess(text, false);
        assert_eq!(g.source, "Reuters");
        assert_eq!(g.author, "Guy Faulconbridge and Mark Trevelyan");
        assert_eq!(g.url, "https://example.com/world/kremlin");
        assert_eq!(dateline_outlet("KYIV (AP) — Ukraine said"), Some("AP"));
        assert_eq!(dateline_outlet("Kyiv (AP) — Ukraine said"), None);
        assert_eq!(dateline_outlet("NATO (the alliance) - said"), None);
        assert_eq!(dateline_outlet("MOSCOW (Reuters) said"), None);
        assert_eq!(byline("By Friday, Russia must agree"), None);
    }

    #[test]
    fn long_titles_are_shortened_at_a_word() {
        let long = "word ".repeat(100);
        let g = guess(&long, false);
        assert!(g.title.chars().count() <= MAX_TITLE_CHARS + 1);
        assert!(g.title.ends_with("word…"), "{}", g.title);
        let no_spaces = "x".repeat(500);
        assert_eq!(shorten(&no_spaces, 10), format!("{}…", "x".repeat(10)));
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("ééééé ééééé", 8), "ééééé…");
    }

    #[test]
    fn a_token_only_first_line_gives_way_to_the_next() {
        assert_eq!(guess("", false).title, "");
        assert_eq!(guess("\n \n", false).title, "");
        let g = guess("date 2025-01-02\n\nTalks resume\nBody", false);
        assert_eq!(
            (g.title.as_str(), g.published),
            ("Talks resume", date("2025-01-02"))
        );
    }
}
