//! Reference lists from reference managers — RIS (`.ris`), BibTeX (`.bib`, `.bibtex`) and
//! CSL-JSON (`.json`, `.csljson`) — read as article metadata.
//!
//! Each record becomes a [`Reference`] (title, outlet, authors, date, address, abstract, and a
//! Dossier article id when the file came from Dossier's own export). [`plan`] matches each
//! reference to an article of the project — by Dossier id, then by address (ignoring scheme case,
//! `www.`, a trailing slash and the fragment), then by title (ignoring case, punctuation and
//! spacing) — and:
//! - fills in what the matched article lacks (outlet, byline, address, date); a field the article
//!   has already is kept, and a different value in the record is reported, never written over;
//! - makes a new article of a record that matches none when it carries text (an abstract) or an
//!   address: its text is the abstract, or the title and the address (to be replaced by the
//!   article's text later with `import --replace`);
//! - skips, with a reason, a record with neither.
//!
//! A file that does not parse is refused as a whole with the line of the problem.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use crate::model::{DocId, DocMeta, Document, PartialDate, Project, Text, Timestamp};

/// The reference-list formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefFormat {
    /// RIS.
    Ris,
    /// BibTeX (and biblatex).
    Bibtex,
    /// CSL-JSON.
    CslJson,
}

impl RefFormat {
    /// The format a file name says, by its extension.
    pub fn of_path(origin: &str) -> Option<Self> {
        let lower = origin.to_lowercase();
        if lower.ends_with(".ris") {
            Some(Self::Ris)
        } else if lower.ends_with(".bib") || lower.ends_with(".bibtex") {
            Some(Self::Bibtex)
        } else if lower.ends_with(".json") || lower.ends_with(".csljson") {
            Some(Self::CslJson)
        } else {
            None
        }
    }

    /// Its name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ris => "RIS",
            Self::Bibtex => "BibTeX",
            Self::CslJson => "CSL-JSON",
        }
    }
}

/// Extensions (lower case) of reference lists, for file dialogs' filters.
pub const REFERENCE_EXTENSIONS: [&str; 4] = ["ris", "bib", "bibtex", "json"];

/// One record of a reference list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reference {
    /// The record's own id or key (`ID`, the BibTeX key, CSL `id`).
    pub key: String,
    /// The Dossier article id the record names, when it came from Dossier.
    pub dossier_id: Option<DocId>,
    /// The title.
    pub title: String,
    /// The outlet (journal, newspaper, site).
    pub outlet: String,
    /// Authors as "Given Family" (or a name kept whole).
    pub authors: Vec<String>,
    /// The publication date.
    pub published: Option<PartialDate>,
    /// The address.
    pub url: String,
    /// The abstract or text, when the record carries one.
    pub text: String,
}

impl Reference {
    /// The byline: the authors joined with " and ".
    pub fn byline(&self) -> String {
        self.authors.join(" and ")
    }
}

/// Why a reference list could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a readable {format} file: {reason} (line {line})")]
pub struct RefError {
    /// The format it was read as.
    pub format: &'static str,
    /// Line of the problem (1-based).
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// Reads the records of a reference list.
pub fn read(text: &str, format: RefFormat) -> Result<Vec<Reference>, RefError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        RefFormat::Ris => read_ris(text),
        RefFormat::Bibtex => read_bibtex(text),
        RefFormat::CslJson => read_csl(text),
    }
}

// ----- RIS -----

fn read_ris(text: &str) -> Result<Vec<Reference>, RefError> {
    let error = |line: usize, reason: &str| RefError {
        format: "RIS",
        line,
        reason: reason.to_owned(),
    };
    let mut out = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        let tagged = line.len() >= 5
            && line.is_char_boundary(2)
            && line.is_char_boundary(5)
            && line[..2]
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && line[2..].starts_with("  -");
        if !tagged {
            if line.trim().is_empty() {
                continue;
            }
            // A continuation of the previous value.
            match current.as_mut().and_then(|fields| fields.last_mut()) {
                Some((_, value)) => {
                    value.push(' ');
                    value.push_str(line.trim());
                    continue;
                }
                None => return Err(error(n + 1, "a line that is not a tag (\"XX  - value\")")),
            }
        }
        let tag = &line[..2];
        let value = line[5..].trim().to_owned();
        match (tag, current.as_mut()) {
            ("TY", None) => current = Some(vec![("TY".to_owned(), value)]),
            ("TY", Some(_)) => {
                return Err(error(
                    n + 1,
                    "a record starts before the last one ended (ER)",
                ));
            }
            ("ER", Some(_)) => {
                if let Some(fields) = current.take() {
                    out.push(ris_reference(&fields));
                }
            }
            (_, None) => {
                return Err(error(
                    n + 1,
                    "a tag outside a record (a record starts with TY)",
                ));
            }
            (_, Some(fields)) => fields.push((tag.to_owned(), value)),
        }
    }
    if current.is_some() {
        return Err(error(
            text.lines().count(),
            "the last record does not end (ER)",
        ));
    }
    if out.is_empty() {
        return Err(error(1, "no records (TY … ER)"));
    }
    Ok(out)
}

fn ris_reference(fields: &[(String, String)]) -> Reference {
    let first = |tags: &[&str]| -> String {
        tags.iter()
            .find_map(|t| fields.iter().find(|(k, v)| k == t && !v.is_empty()))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let authors = fields
        .iter()
        .filter(|(k, v)| matches!(k.as_str(), "AU" | "A1") && !v.is_empty())
        .map(|(_, v)| display_name(v))
        .collect();
    let date = first(&["DA", "PY", "Y1"]);
    let key = first(&["ID"]);
    Reference {
        dossier_id: key.parse().ok(),
        key,
        title: first(&["TI", "T1", "CT"]),
        outlet: first(&["T2", "JO", "JF", "JA", "PB"]),
        authors,
        published: ris_date(&date),
        url: first(&["UR", "L2"])
            .split([';', ' '])
            .next()
            .unwrap_or_default()
            .to_owned(),
        text: first(&["AB", "N2"]),
    }
}

/// `2025/08/06/`, `2025/08//`, `2025`, `2025-08-06`.
fn ris_date(text: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = text.split(['/', '-']).map(str::trim).collect();
    numeric_date(&parts)
}

/// A date from numeric parts (year, month, day), as precise as they allow.
fn numeric_date(parts: &[&str]) -> Option<PartialDate> {
    let year: i32 = parts.first()?.parse().ok()?;
    let month = parts.get(1).and_then(|m| m.parse::<u8>().ok());
    let day = parts.get(2).and_then(|d| d.parse::<u8>().ok());
    match (month, day) {
        (Some(m), Some(d)) => PartialDate::day(year, m, d).or_else(|| PartialDate::month(year, m)),
        (Some(m), None) => PartialDate::month(year, m),
        _ => Some(PartialDate::year(year)),
    }
}

/// "Family, Given" as "Given Family"; anything else as given.
fn display_name(name: &str) -> String {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.split_once(", ") {
        Some((family, given)) if !given.contains(',') && !given.is_empty() => {
            format!("{given} {family}")
        }
        _ => name,
    }
}

// ----- CSL-JSON -----

fn read_csl(text: &str) -> Result<Vec<Reference>, RefError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| RefError {
        format: "CSL-JSON",
        line: e.line(),
        reason: e.to_string(),
    })?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        item @ serde_json::Value::Object(_) => vec![item],
        _ => {
            return Err(RefError {
                format: "CSL-JSON",
                line: 1,
                reason: "neither an array of items nor one item".to_owned(),
            });
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(n, item)| {
            item.as_object().map(csl_reference).ok_or_else(|| RefError {
                format: "CSL-JSON",
                line: 1,
                reason: format!("item {} is not an object", n + 1),
            })
        })
        .collect()
}

fn csl_reference(item: &serde_json::Map<String, serde_json::Value>) -> Reference {
    let text_of = |key: &str| -> String {
        match item.get(key) {
            Some(serde_json::Value::String(s)) => s.trim().to_owned(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let authors = item
        .get("author")
        .and_then(|a| a.as_array())
        .map(|names| {
            names
                .iter()
                .filter_map(|n| {
                    let part = |k: &str| n.get(k).and_then(|v| v.as_str()).unwrap_or("").trim();
                    let literal = part("literal");
                    if !literal.is_empty() {
                        return Some(literal.to_owned());
                    }
                    let joined = format!("{} {}", part("given"), part("family"));
                    let joined = joined.trim();
                    (!joined.is_empty()).then(|| joined.to_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    let published = item.get("issued").and_then(|issued| {
        let parts = issued.get("date-parts")?.get(0)?.as_array()?;
        let parts: Vec<String> = parts
            .iter()
            .map(|p| match p {
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::String(s) => s.clone(),
                _ => String::new(),
            })
            .collect();
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        let circa = issued.get("circa").is_some_and(|c| {
            c.as_bool() == Some(true) || c.as_str().is_some() || c.as_i64().is_some()
        });
        numeric_date(&refs).map(|d| d.with_approximate(circa))
    });
    let key = text_of("id");
    Reference {
        dossier_id: key.parse().ok(),
        key,
        title: text_of("title"),
        outlet: text_of("container-title"),
        authors,
        published,
        url: text_of("URL"),
        text: text_of("abstract"),
    }
}

// ----- BibTeX -----

/// A small BibTeX reader: `@type{key, field = value, …}` with braced, quoted and numeric values,
/// `#` concatenation, `@string` macros and the month macros; `@comment` and `@preamble` are
/// skipped. TeX in values is turned into text for the common escapes and accents.
fn read_bibtex(text: &str) -> Result<Vec<Reference>, RefError> {
    let mut parser = Bib {
        chars: text.chars().collect(),
        at: 0,
        strings: BTreeMap::new(),
    };
    let mut out = Vec::new();
    while parser.skip_to_entry() {
        let entry_type = parser.word().to_lowercase();
        parser.space();
        let close = match parser.next() {
            Some('{') => '}',
            Some('(') => ')',
            _ => return Err(parser.error("an entry type not followed by { or (")),
        };
        match entry_type.as_str() {
            "comment" | "preamble" => {
                parser.at -= 1;
                parser.balanced()?;
                continue;
            }
            "string" => {
                parser.space();
                let name = parser.word().to_lowercase();
                parser.space();
                if parser.next() != Some('=') {
                    return Err(parser.error("@string without ="));
                }
                let value = parser.value()?;
                parser.space();
                if parser.next() != Some(close) {
                    return Err(parser.error("@string not closed"));
                }
                parser.strings.insert(name, value);
                continue;
            }
            "" => return Err(parser.error("@ without an entry type")),
            _ => {}
        }
        parser.space();
        let key = parser.key();
        let mut fields: BTreeMap<String, String> = BTreeMap::new();
        loop {
            parser.space();
            match parser.next() {
                Some(',') => {}
                Some(c) if c == close => break,
                _ => return Err(parser.error("expected , or the end of the entry")),
            }
            parser.space();
            if parser.peek() == Some(close) {
                parser.at += 1;
                break;
            }
            let name = parser.word().to_lowercase();
            if name.is_empty() {
                return Err(parser.error("expected a field name"));
            }
            parser.space();
            if parser.next() != Some('=') {
                return Err(parser.error(&format!("the field {name} has no =")));
            }
            let value = parser.value()?;
            fields.insert(name, value);
        }
        out.push(bib_reference(&key, &fields));
    }
    if out.is_empty() {
        return Err(RefError {
            format: "BibTeX",
            line: 1,
            reason: "no entries (@article{…})".to_owned(),
        });
    }
    Ok(out)
}

struct Bib {
    chars: Vec<char>,
    at: usize,
    strings: BTreeMap<String, String>,
}

impl Bib {
    fn error(&self, reason: &str) -> RefError {
        let line = self.chars[..self.at.min(self.chars.len())]
            .iter()
            .filter(|c| **c == '\n')
            .count()
            + 1;
        RefError {
            format: "BibTeX",
            line,
            reason: reason.to_owned(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.at += 1;
        }
        c
    }

    fn space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    /// Moves past the next `@`; false at the end (text outside entries is a comment).
    fn skip_to_entry(&mut self) -> bool {
        while let Some(c) = self.next() {
            if c == '@' {
                return true;
            }
        }
        false
    }

    fn word(&mut self) -> String {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || "_-:.+/'".contains(c))
        {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    fn key(&mut self) -> String {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c != ',' && c != '}' && c != ')' && !c.is_whitespace())
        {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    /// A braced group from the current `{` (or `(`) to its match, returned without the outer
    /// braces.
    fn balanced(&mut self) -> Result<String, RefError> {
        let open = self.next();
        let close = if open == Some('(') { ')' } else { '}' };
        let start = self.at;
        let mut depth = 0usize;
        while let Some(c) = self.next() {
            match c {
                '\\' => {
                    self.next();
                }
                '{' => depth += 1,
                '}' if depth > 0 => depth -= 1,
                c if c == close && depth == 0 => {
                    return Ok(self.chars[start..self.at - 1].iter().collect());
                }
                _ => {}
            }
        }
        Err(self.error("a brace that is never closed"))
    }

    /// A field value: parts joined by `#`, the TeX in braced and quoted parts turned into text.
    fn value(&mut self) -> Result<String, RefError> {
        let mut out = String::new();
        loop {
            self.space();
            match self.peek() {
                Some('{') => out.push_str(&tex_to_text(&self.balanced()?)),
                Some('"') => {
                    self.at += 1;
                    let start = self.at;
                    let mut depth = 0usize;
                    loop {
                        match self.next() {
                            None => return Err(self.error("a quoted value that is never closed")),
                            Some('\\') => {
                                self.next();
                            }
                            Some('{') => depth += 1,
                            Some('}') => depth = depth.saturating_sub(1),
                            Some('"') if depth == 0 => break,
                            Some(_) => {}
                        }
                    }
                    let raw: String = self.chars[start..self.at - 1].iter().collect();
                    out.push_str(&tex_to_text(&raw));
                }
                Some(c) if c.is_ascii_digit() => out.push_str(&self.word()),
                Some(c) if c.is_alphabetic() => {
                    let name = self.word().to_lowercase();
                    match self.strings.get(&name) {
                        Some(v) => out.push_str(v),
                        None => match MONTHS.iter().position(|m| *m == name) {
                            Some(i) => out.push_str(&(i + 1).to_string()),
                            None => return Err(self.error(&format!("an unknown macro {name}"))),
                        },
                    }
                }
                _ => return Err(self.error("expected a value")),
            }
            self.space();
            if self.peek() == Some('#') {
                self.at += 1;
            } else {
                return Ok(out);
            }
        }
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// TeX as text: the escapes of special characters, `\textbackslash{}` and kin, the common accent
/// commands; grouping braces dropped; white space collapsed.
pub(crate) fn tex_to_text(tex: &str) -> String {
    let chars: Vec<char> = tex.chars().collect();
    let mut out = String::with_capacity(tex.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '{' | '}' => i += 1,
            '~' => {
                out.push('\u{a0}');
                i += 1;
            }
            '\\' => {
                let Some(&next) = chars.get(i + 1) else {
                    i += 1;
                    continue;
                };
                if "&%$#_{}~^\\ ".contains(next) && !next.is_alphabetic() {
                    out.push(if next == '\\' { '\n' } else { next });
                    i += 2;
                    continue;
                }
                if let Some(accent) = accent_mark(next) {
                    // \'e, \'{e}, \"{o}
                    let mut j = i + 2;
                    let braced = chars.get(j) == Some(&'{');
                    if braced {
                        j += 1;
                    }
                    if let Some(&base) = chars.get(j) {
                        out.extend([base, accent].iter());
                        j += 1;
                        if braced && chars.get(j) == Some(&'}') {
                            j += 1;
                        }
                        i = j;
                        continue;
                    }
                }
                // A command word.
                let mut j = i + 1;
                while chars.get(j).is_some_and(|c| c.is_ascii_alphabetic()) {
                    j += 1;
                }
                let name: String = chars[i + 1..j].iter().collect();
                if chars.get(j) == Some(&'{') && chars.get(j + 1) == Some(&'}') {
                    j += 2;
                } else if chars.get(j) == Some(&' ') {
                    j += 1;
                }
                match name.as_str() {
                    "textbackslash" => out.push('\\'),
                    "textasciitilde" => out.push('~'),
                    "textasciicircum" => out.push('^'),
                    "textendash" => out.push('–'),
                    "textemdash" => out.push('—'),
                    "ss" => out.push('ß'),
                    "o" => out.push('ø'),
                    "O" => out.push('Ø'),
                    "ae" => out.push('æ'),
                    "aa" => out.push('å'),
                    "l" => out.push('ł'),
                    "L" => out.push('Ł'),
                    _ => {} // other commands (\emph, \textit…) keep only their argument
                }
                i = j;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    let text: String = out.nfc().collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The combining mark of a TeX accent command's character.
fn accent_mark(c: char) -> Option<char> {
    Some(match c {
        '\'' => '\u{301}',
        '`' => '\u{300}',
        '^' => '\u{302}',
        '"' => '\u{308}',
        '~' => '\u{303}',
        '=' => '\u{304}',
        '.' => '\u{307}',
        'c' => '\u{327}',
        'v' => '\u{30c}',
        'u' => '\u{306}',
        'H' => '\u{30b}',
        _ => return None,
    })
}

fn bib_reference(key: &str, fields: &BTreeMap<String, String>) -> Reference {
    let first = |names: &[&str]| -> String {
        names
            .iter()
            .find_map(|n| fields.get(*n).filter(|v| !v.trim().is_empty()))
            .cloned()
            .unwrap_or_default()
    };
    let authors = fields
        .get("author")
        .map(|a| {
            a.split(" and ")
                .map(|n| display_name(n.trim()))
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let published = {
        let date = first(&["date"]);
        let parts: Vec<&str> = date.split(['-', '/']).collect();
        numeric_date(&parts).or_else(|| {
            let year = first(&["year"]);
            let month = first(&["month"]);
            let month = month
                .parse::<u8>()
                .ok()
                .or_else(|| {
                    let lower = month.to_lowercase();
                    MONTHS
                        .iter()
                        .position(|m| lower.starts_with(m))
                        .and_then(|i| u8::try_from(i + 1).ok())
                })
                .map(|m| m.to_string())
                .unwrap_or_default();
            let parts: Vec<&str> = [year.as_str(), month.as_str()]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
            numeric_date(&parts)
        })
    };
    let note = first(&["note"]);
    let dossier_id = note
        .strip_prefix("Dossier article ")
        .and_then(|id| id.trim().parse().ok());
    Reference {
        key: key.to_owned(),
        dossier_id,
        title: first(&["title"]),
        outlet: first(&[
            "journal",
            "journaltitle",
            "booktitle",
            "publisher",
            "organization",
            "howpublished",
        ]),
        authors,
        published,
        url: first(&["url"]),
        text: first(&["abstract"]),
    }
}

// ----- Matching -----

/// What importing a reference list does to a project.
#[derive(Debug, Clone, Default)]
pub struct RefPlan {
    /// Articles whose missing metadata the records fill in: (article, its new metadata, the
    /// fields filled).
    pub updates: Vec<(DocId, DocMeta, Vec<&'static str>)>,
    /// New articles made from records that match none, with the name of their file's format.
    pub added: Vec<(Document, &'static str)>,
    /// Things the user should know: records skipped, values that differ from the article's.
    pub notes: Vec<String>,
}

/// An address compared loosely: no scheme, no `www.`, no fragment, no trailing slash, lower-case
/// host.
fn url_key(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("HTTPS://"))
        .or_else(|| url.strip_prefix("HTTP://"))?;
    let rest = rest.split('#').next().unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    let key = format!("{host}/{}", path.trim_end_matches('/'));
    (!host.is_empty()).then_some(key)
}

/// A title compared loosely: letters and digits only, lower case, single spaces.
fn title_key(title: &str) -> String {
    title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Matches references, each with the file it comes from, to the project's articles.
pub fn plan(project: &Project, references: &[(String, Reference)]) -> RefPlan {
    let mut out = RefPlan::default();
    let mut metas: BTreeMap<DocId, DocMeta> = BTreeMap::new();
    let mut filled: BTreeMap<DocId, Vec<&'static str>> = BTreeMap::new();
    for (n, (origin, r)) in references.iter().enumerate() {
        let label = if r.title.is_empty() {
            format!("record {} ({})", n + 1, r.key)
        } else {
            format!("{:?}", r.title)
        };
        let by_id = r.dossier_id.filter(|id| project.document(*id).is_some());
        let by_url = || {
            let key = url_key(&r.url)?;
            project
                .documents()
                .values()
                .find(|d| url_key(&d.url).as_deref() == Some(key.as_str()))
                .map(|d| d.id)
        };
        let by_title = || {
            let key = title_key(&r.title);
            (!key.is_empty())
                .then(|| {
                    project
                        .documents()
                        .values()
                        .find(|d| title_key(&d.title) == key)
                        .map(|d| d.id)
                })
                .flatten()
        };
        if let Some(id) = by_id.or_else(by_url).or_else(by_title) {
            let Some(doc) = project.document(id) else {
                continue;
            };
            let meta = metas.entry(id).or_insert_with(|| doc.meta());
            let fields = filled.entry(id).or_default();
            let byline = r.byline();
            let mut fill = |name: &'static str, have: &mut String, offered: &str| {
                let offered = offered.trim();
                if offered.is_empty() {
                    return;
                }
                if have.trim().is_empty() {
                    *have = offered.to_owned();
                    fields.push(name);
                } else if have.trim() != offered && name != "address" {
                    out.notes.push(format!(
                        "kept the {name} of {:?} ({:?}); the record says {offered:?} — {origin}",
                        doc.title, have
                    ));
                }
            };
            fill("outlet", &mut meta.source, &r.outlet);
            fill("byline", &mut meta.author, &byline);
            fill("address", &mut meta.url, &r.url);
            if let Some(date) = r.published {
                match meta.published {
                    None => {
                        meta.published = Some(date);
                        fields.push("date");
                    }
                    Some(have) if have.with_approximate(false) != date.with_approximate(false) => {
                        out.notes.push(format!(
                            "kept the date of {:?} ({have}); the record says {date} — {origin}",
                            doc.title
                        ))
                    }
                    Some(_) => {}
                }
            }
            continue;
        }
        let has_text = !r.text.trim().is_empty();
        let link = url_key(&r.url).map(|_| r.url.trim().to_owned());
        if !has_text && link.is_none() {
            out.notes.push(format!(
                "skipped {label}: it matches no article and carries neither text nor a link — {origin}"
            ));
            continue;
        }
        let title = if r.title.trim().is_empty() {
            link.clone().unwrap_or_else(|| format!("Record {}", n + 1))
        } else {
            r.title.trim().to_owned()
        };
        let text = if has_text {
            r.text.trim().to_owned()
        } else {
            format!("{title}\n\n{}", link.clone().unwrap_or_default())
        };
        let mut doc = Document::new(title, text);
        doc.source = r.outlet.trim().to_owned();
        doc.author = r.byline();
        doc.url = link.unwrap_or_default();
        doc.published = r.published;
        doc.origin = format!("{origin}#{}", n + 1);
        doc.imported = Timestamp::now();
        doc.text = Text::new(crate::import::normalize_newlines(
            doc.text.as_str().to_owned(),
        ));
        let format = RefFormat::of_path(origin).map_or("reference list", RefFormat::name);
        out.added.push((doc, format));
    }
    for (id, meta) in metas {
        let fields = filled.remove(&id).unwrap_or_default();
        if !fields.is_empty() {
            out.updates.push((id, meta, fields));
        }
    }
    out
}
