//! The source lists for reference managers (Zotero, Mendeley, EndNote, JabRef, BibTeX/biber):
//! the articles a query selects as CSL-JSON, RIS or BibTeX, in reading order (publication date,
//! then title).
//!
//! Every article becomes one newspaper-article record: title, outlet (`container-title`, RIS `T2`,
//! BibTeX `journal`), byline (split into authors at `;`, `&` and " and "; "Family, Given" and
//! "Given Family" are recognised, anything longer is kept whole), publication date as precisely
//! as known (approximate dates carry CSL's `circa`, RIS and BibTeX lose that), the address when
//! it is an http(s) one, and Dossier's article id (CSL `id`, RIS `ID`, a `note` in BibTeX) so
//! that a round trip through a reference manager matches the article again.
//!
//! - CSL-JSON: an array of items, `type` `article-newspaper`, names as `family`/`given` or
//!   `literal`, `issued` as `date-parts` (validates against the CSL-JSON schema; see the tests).
//! - RIS: `TY  - NEWS` … `ER  - `, one tag a line, `\n` line ends, UTF-8 (line ends inside a value
//!   become spaces).
//! - BibTeX: `@article` entries keyed `outlet` + year + the start of the id (ASCII, unique),
//!   values in braces with TeX's special characters escaped (`\&`, `\%`, `\$`, `\#`, `\_`, `\{`,
//!   `\}`, `\textasciitilde{}`, `\textasciicircum{}`, `\textbackslash{}`); the title in double
//!   braces so styles keep its case; the date as `year`, `month` (three-letter macro) and
//!   biblatex's `date`.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::brief::web_address;
use super::group::by_doc_date;
use super::query::ExcerptQuery;
use crate::model::one_line;
use crate::model::{Document, PartialDate, Project};

/// The selected articles in reading order.
fn articles<'p>(project: &'p Project, query: &ExcerptQuery) -> Vec<&'p Document> {
    let mut docs = query.run(project).documents;
    docs.sort_by(|a, b| by_doc_date(a, b));
    docs
}

/// A person's name as a reference manager wants it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Name {
    /// Family and given names.
    Person {
        /// Family name.
        family: String,
        /// Given names.
        given: String,
    },
    /// A name kept whole (an organisation, a byline that is not a plain name).
    Literal(String),
}

/// The authors in a byline.
pub(crate) fn authors(byline: &str) -> Vec<Name> {
    let byline = one_line(byline);
    let byline = byline
        .strip_prefix("By ")
        .or_else(|| byline.strip_prefix("by "))
        .unwrap_or(&byline);
    byline
        .split(';')
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" & "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|name| {
            if let Some((family, given)) = name.split_once(", ")
                && !family.contains(',')
                && !given.contains(',')
            {
                return Name::Person {
                    family: family.trim().to_owned(),
                    given: given.trim().to_owned(),
                };
            }
            let words: Vec<&str> = name.split(' ').collect();
            let plain = (2..=4).contains(&words.len())
                && words
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase) && !w.contains(','));
            if plain {
                let (given, family) = words.split_at(words.len() - 1);
                Name::Person {
                    family: family.join(" "),
                    given: given.join(" "),
                }
            } else {
                Name::Literal(name.to_owned())
            }
        })
        .collect()
}

// ----- CSL-JSON -----

/// The CSL-JSON array of the selected articles, pretty-printed, ending in a newline.
pub fn to_csl_json(project: &Project, query: &ExcerptQuery) -> Result<String, serde_json::Error> {
    let items: Vec<Value> = articles(project, query).into_iter().map(csl_item).collect();
    let mut out = serde_json::to_string_pretty(&items)?;
    out.push('\n');
    Ok(out)
}

fn csl_item(doc: &Document) -> Value {
    let mut item = Map::new();
    item.insert("id".into(), json!(doc.id.to_string()));
    item.insert("type".into(), json!("article-newspaper"));
    item.insert("title".into(), json!(one_line(&doc.title)));
    let outlet = one_line(&doc.source);
    if !outlet.is_empty() {
        item.insert("container-title".into(), json!(outlet));
    }
    let names: Vec<Value> = authors(&doc.author)
        .into_iter()
        .map(|n| match n {
            Name::Person { family, given } => json!({"family": family, "given": given}),
            Name::Literal(literal) => json!({ "literal": literal }),
        })
        .collect();
    if !names.is_empty() {
        item.insert("author".into(), Value::Array(names));
    }
    if let Some(date) = doc.published {
        let mut parts = vec![json!(date.year_part())];
        if let Some(m) = date.month_part() {
            parts.push(json!(m));
            if let Some(d) = date.day_part() {
                parts.push(json!(d));
            }
        }
        let mut issued = Map::new();
        issued.insert("date-parts".into(), json!([parts]));
        if date.approximate {
            issued.insert("circa".into(), json!(true));
        }
        item.insert("issued".into(), Value::Object(issued));
    }
    if let Some(url) = web_address(&doc.url) {
        item.insert("URL".into(), json!(url));
    }
    Value::Object(item)
}

// ----- RIS -----

/// The RIS records of the selected articles.
pub fn to_ris(project: &Project, query: &ExcerptQuery) -> String {
    let mut out = String::new();
    for doc in articles(project, query) {
        let mut tag = |tag: &str, value: &str| {
            let value = one_line(value);
            if !value.is_empty() {
                let _ = writeln!(out, "{tag}  - {value}");
            }
        };
        tag("TY", "NEWS");
        tag("ID", &doc.id.to_string());
        tag("TI", &doc.title);
        tag("T2", &doc.source);
        for name in authors(&doc.author) {
            match name {
                Name::Person { family, given } => tag("AU", &format!("{family}, {given}")),
                Name::Literal(literal) => tag("AU", &literal),
            }
        }
        if let Some(date) = doc.published {
            tag("PY", &date.year_part().to_string());
            tag("DA", &ris_date(date));
        }
        if let Some(url) = web_address(&doc.url) {
            tag("UR", url);
        }
        out.push_str("ER  - \n\n");
    }
    out
}

/// `2025/08/06/`, `2025/08//`, `2025///`.
fn ris_date(date: PartialDate) -> String {
    let two = |n: Option<u8>| n.map(|n| format!("{n:02}")).unwrap_or_default();
    format!(
        "{}/{}/{}/",
        date.year_part(),
        two(date.month_part()),
        two(date.day_part())
    )
}

// ----- BibTeX -----

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The BibTeX entries of the selected articles.
pub fn to_bibtex(project: &Project, query: &ExcerptQuery) -> String {
    let mut out = String::new();
    let mut keys: Vec<String> = Vec::new();
    for doc in articles(project, query) {
        let key = unique_key(&bib_key(doc), &keys);
        keys.push(key.clone());
        let _ = writeln!(out, "@article{{{key},");
        let _ = writeln!(out, "  title = {{{{{}}}}},", bib_escape(&doc.title));
        let outlet = one_line(&doc.source);
        if !outlet.is_empty() {
            let _ = writeln!(out, "  journal = {{{}}},", bib_escape(&outlet));
        }
        let names: Vec<String> = authors(&doc.author)
            .into_iter()
            .map(|n| match n {
                Name::Person { family, given } => {
                    format!("{}, {}", bib_escape(&family), bib_escape(&given))
                }
                Name::Literal(literal) => format!("{{{}}}", bib_escape(&literal)),
            })
            .collect();
        if !names.is_empty() {
            let _ = writeln!(out, "  author = {{{}}},", names.join(" and "));
        }
        if let Some(date) = doc.published {
            let _ = writeln!(out, "  year = {{{}}},", date.year_part());
            if let Some(m) = date.month_part() {
                let _ = writeln!(out, "  month = {},", MONTHS[usize::from(m - 1)]);
            }
            let _ = writeln!(out, "  date = {{{}}},", date.with_approximate(false));
        }
        if let Some(url) = web_address(&doc.url) {
            let _ = writeln!(out, "  url = {{{}}},", bib_escape_url(url));
        }
        let _ = writeln!(out, "  note = {{Dossier article {}}}", doc.id);
        out.push_str("}\n\n");
    }
    out
}

/// `reuters2025p2w6`: the outlet's ASCII letters (or "article"), the year, the start of the id.
fn bib_key(doc: &Document) -> String {
    let outlet: String = doc
        .source
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .take(20)
        .collect();
    let outlet = if outlet.is_empty() {
        "article".to_owned()
    } else {
        outlet
    };
    let year = doc
        .published
        .map(|d| d.year_part().to_string())
        .unwrap_or_default();
    let id: String = doc.id.to_string().chars().take(6).collect();
    format!("{outlet}{year}{id}")
}

fn unique_key(key: &str, taken: &[String]) -> String {
    if !taken.iter().any(|k| k == key) {
        return key.to_owned();
    }
    (2..)
        .map(|n| format!("{key}-{n}"))
        .find(|k| !taken.iter().any(|t| t == k))
        .unwrap_or_else(|| key.to_owned())
}

/// Text for a braced BibTeX value: TeX's special characters escaped, on one line.
pub(crate) fn bib_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// An address for a `url` field, which biblatex and `hyperref` read verbatim: only braces (which
/// would unbalance the value) are percent-encoded.
fn bib_escape_url(url: &str) -> String {
    url.replace('{', "%7B").replace('}', "%7D")
}
