//! The Markdown export: a brief of cited excerpts, grouped by tag, actor, event or article.
//!
//! Layout (CommonMark, readable as plain text too):
//!
//! ```markdown
//! # Ceasefire talks, 2025
//!
//! 12 excerpts from 4 articles, grouped by tag. Selection: 1 tag.
//!
//! ## Claim/Assessment
//!
//! *An evaluation of how things stand.*
//!
//! > First paragraph of the quote.
//! >
//! > Second paragraph.
//!
//! — Reuters, c. 2025-08-06, “Putin and Witkoff exchange pleasantries” · `p2w6h4ya9c0vm`
//!
//! Tags: Claim/Assessment · Actors: Vladimir Putin (speaker) · Events: Witkoff meets Putin (reports)
//!
//! *Note:* The analyst's note.
//! ```
//!
//! - Groups: one `##` section per tag (by path), actor (by name), event (by date) or article (by
//!   publication date); an excerpt appears under each of its tags, actors or events, and those
//!   with none come last under "Untagged", "No actor" or "No event". Under a tag only the
//!   passages tagged with exactly that tag are listed, not those of its sub-tags (they have their
//!   own section).
//! - Within a group, excerpts follow the articles' publication dates, then their place in the
//!   article.
//! - Each line break of a quote starts a new paragraph of the blockquote (article texts put one
//!   paragraph per line).
//! - The citation names the outlet (when known), the publication date (`c.` when approximate,
//!   `n.d.` when unknown) and the title, linked to the article's address when it has an http(s)
//!   one, then the passage id.
//! - After the groups, the tables of the brief in the order of the DOCX and PDF briefs
//!   ([`super::brief::blocks`]): "Event cards", "Contested claims" (a section: each claim a `###`
//!   heading, its event and independent support, then who supports and who disputes it, quoted
//!   and cited), "Source grades", "Competing hypotheses" and "ACH matrix", each switched by the
//!   brief template; then the agreement appendix when asked for. A table is a `##` heading, its
//!   caption as a paragraph and a GitHub-flavoured pipe table ([`table`]).
//! - Escaping: every text from the project is escaped so that it reads as written — `\`, `` ` ``,
//!   `*`, `_`, `[`, `]`, `<`, `|` and `~` everywhere, `&` before what could be an entity, and at
//!   the start of a line `#`, `>`, `-`, `+`, `=` and the `.` or `)` of `1.` (not in a table cell,
//!   which holds inline text only). Leading and trailing spaces of each line are dropped (they
//!   would make code blocks and hard breaks).

use std::fmt::Write as _;

use super::brief::{Block, Table, blocks};
use super::cite::{self, Excerpt};
use super::group::{self, Heading};
use super::query::ExcerptQuery;
use super::{BriefTemplate, GroupBy, Part};
use crate::model::{Document, Project, one_line};

/// The Markdown brief of what `query` selects from `project`, grouped `by`; UTF-8, ending in a
/// newline.
pub fn to_markdown(project: &Project, query: &ExcerptQuery, by: GroupBy) -> String {
    let template = BriefTemplate {
        group_by: by,
        ..BriefTemplate::default()
    };
    to_markdown_with(project, query, &template)
}

/// The Markdown brief of what `query` selects from `project`, made as `template` says (its
/// grouping and the parts it leaves out; the agreement appendix is added by [`super::export_with`]).
pub fn to_markdown_with(
    project: &Project,
    query: &ExcerptQuery,
    template: &BriefTemplate,
) -> String {
    to_markdown_with_appendices(project, query, template, &[])
}

/// [`to_markdown_with`], ending with the `appendices` (the agreement table an export option asks
/// for), laid out like every other table.
pub(crate) fn to_markdown_with_appendices(
    project: &Project,
    query: &ExcerptQuery,
    template: &BriefTemplate,
    appendices: &[Table],
) -> String {
    let by = template.group_by;
    let selection = query.run(project);
    let mut excerpts = cite::resolve(project, &selection);
    group::sort_for_reading(&mut excerpts);
    let mut out = String::new();
    out.push_str("# ");
    out.push_str(&escape_heading(&project.title));
    out.push_str("\n\n");
    if template.includes(Part::Description) {
        for paragraph in super::brief::paragraphs(&project.description) {
            out.push_str(&escape_text(&paragraph));
            out.push_str("\n\n");
        }
    }
    out.push_str(&escape_text(&summary(&excerpts, by, query)));
    out.push('\n');
    for group in group::group(&excerpts, by) {
        out.push_str("\n## ");
        out.push_str(&escape_heading(&heading_text(&group.heading)));
        out.push('\n');
        if let Some(about) = heading_details(&group.heading) {
            let _ = write!(out, "\n*{}*\n", escape_text(&about));
        }
        for excerpt in group.items {
            out.push('\n');
            write_excerpt(&mut out, excerpt, template);
        }
    }
    for block in blocks(project, &excerpts, template) {
        match block {
            Block::Table(_, t) => out.push_str(&table(&t)),
            // The section quotes both sides under each claim; it stands where DOCX and PDF have
            // the "Contested claims" table, and says the same and more (the claim's event and
            // the outlets that support it), so the table is not written twice.
            Block::Contested(claims) => out.push_str(&super::claims::markdown_section(&claims)),
        }
    }
    for t in appendices {
        out.push_str(&table(t));
    }
    write_sources(&mut out, &excerpts);
    out
}

/// `## Sources`: the cited articles, numbered, by publication date — outlet, byline, date, title
/// (linked to the article's address when it has an http(s) one), as the other formats list them.
fn write_sources(out: &mut String, excerpts: &[Excerpt<'_>]) {
    let docs = super::brief::cited_articles(excerpts);
    if docs.is_empty() {
        return;
    }
    out.push_str("\n## Sources\n\n");
    for (n, doc) in docs.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", n + 1, article(doc, true));
    }
}

/// A table as GitHub-flavoured Markdown: a `##` heading with its title, its caption as a
/// paragraph, then a pipe table (header row, delimiter row, one row per row). Each cell is put on
/// one line (line breaks and runs of white space become one space) and escaped by
/// [`escape_cell`], so a `|`, `*`, `<` or line break in the project's text cannot end a cell or a
/// row, or turn into markup.
///
/// Limitations: Markdown tables do not wrap on a narrow screen; a wide table (an ACH matrix with
/// many hypotheses) scrolls sideways where it is shown.
pub(crate) fn table(table: &Table) -> String {
    let mut out = String::new();
    let _ = write!(out, "\n## {}\n", escape_heading(&table.title));
    if !table.caption.trim().is_empty() {
        let _ = write!(out, "\n{}\n", escape_text(&table.caption));
    }
    if table.header.is_empty() {
        return out;
    }
    let row = |cells: &[String]| -> String {
        let cells: Vec<String> = cells.iter().map(|c| escape_cell(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push('\n');
    out.push_str(&row(&table.header));
    let _ = writeln!(out, "|{}", "---|".repeat(table.header.len()));
    for r in &table.rows {
        out.push_str(&row(r));
    }
    out
}

/// "12 excerpts from 4 articles, grouped by tag. Selection: everything."
pub(crate) fn summary(excerpts: &[Excerpt<'_>], by: GroupBy, query: &ExcerptQuery) -> String {
    if excerpts.is_empty() {
        return format!("No excerpts match the selection ({query}).");
    }
    let mut docs: Vec<_> = excerpts.iter().map(|e| e.doc.id).collect();
    docs.sort_unstable();
    docs.dedup();
    format!(
        "{} from {}, grouped by {}. Selection: {query}.",
        count(excerpts.len(), "excerpt"),
        count(docs.len(), "article"),
        by.noun()
    )
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A group's heading as plain text.
pub(crate) fn heading_text(heading: &Heading<'_>) -> String {
    match heading {
        Heading::Tag { path, .. } => path.clone(),
        Heading::Actor(actor) => actor.name.clone(),
        Heading::Event(event) => event.title.clone(),
        Heading::Doc(doc) => doc.title.clone(),
        Heading::Without(GroupBy::Tag) => "Untagged".to_owned(),
        Heading::Without(GroupBy::Actor) => "No actor".to_owned(),
        Heading::Without(GroupBy::Event) => "No event".to_owned(),
        Heading::Without(GroupBy::Doc) => "No article".to_owned(),
    }
}

/// A line about what the group is (a tag's description, an actor's kind and aliases, an event's
/// date, place and kind, an article's outlet and date), as plain text.
pub(crate) fn heading_details(heading: &Heading<'_>) -> Option<String> {
    let parts: Vec<String> = match heading {
        Heading::Tag { tag, .. } => vec![tag.description.trim().to_owned()],
        Heading::Actor(actor) => {
            let mut parts = vec![actor.kind.label().to_owned()];
            if !actor.aliases.is_empty() {
                parts.push(format!("also {}", actor.aliases.join(", ")));
            }
            parts.push(actor.description.trim().to_owned());
            parts
        }
        Heading::Event(event) => vec![
            event.date.map(cite::human_date_spec).unwrap_or_default(),
            event.place.clone(),
            cite::event_kind(event.kind).to_owned(),
            event.description.trim().to_owned(),
        ],
        Heading::Doc(doc) => vec![
            doc.source.clone(),
            doc.published.map(cite::human_date).unwrap_or_default(),
            doc.author.clone(),
        ],
        Heading::Without(_) => Vec::new(),
    };
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// One excerpt: the blockquote, the citation, its tags and links, its note.
fn write_excerpt(out: &mut String, e: &Excerpt<'_>, template: &BriefTemplate) {
    let mut first = true;
    for line in e.passage.quote.split('\n') {
        if !first {
            out.push_str(">\n");
        }
        first = false;
        let line = escape_line(line, false);
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&citation(e));
    out.push('\n');
    let links = links_line(e, template.includes(Part::Claims));
    if !links.is_empty() {
        out.push('\n');
        out.push_str(&links);
        out.push('\n');
    }
    let note = e.passage.note.trim();
    if !note.is_empty() && template.includes(Part::Notes) {
        out.push_str("\n*Note:* ");
        out.push_str(&escape_text(note));
        out.push('\n');
    }
}

/// `— Outlet, date, “Title” · `id``.
fn citation(e: &Excerpt<'_>) -> String {
    format!("— {} · `{}`", article(e.doc, false), e.passage.id)
}

/// An article as cited: outlet (when known), the byline with `byline`, the publication date
/// (`c.` when approximate, `n.d.` when unknown) and the title, linked to the article's address
/// when it has an http(s) one.
fn article(doc: &Document, byline: bool) -> String {
    let mut parts = Vec::new();
    let fields = [&doc.source, &doc.author];
    for field in &fields[..if byline { 2 } else { 1 }] {
        if !field.trim().is_empty() {
            parts.push(escape_line(field, false));
        }
    }
    parts.push(
        doc.published
            .map_or_else(|| "n.d.".to_owned(), cite::human_date),
    );
    let title = format!("“{}”", escape_line(&doc.title, false));
    match link_target(&doc.url) {
        Some(url) => parts.push(format!("[{title}](<{url}>)")),
        None => parts.push(title),
    }
    parts.join(", ")
}

/// The article address when it is an http(s) address that can stand in `<…>`.
fn link_target(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    let plain = !url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '\\');
    (web && plain).then_some(url)
}

/// `Tags: … · Actors: … · Events: … · Claims: … · Grade: …`, leaving out what is empty (and the
/// claims and grade without `claims`).
fn links_line(e: &Excerpt<'_>, claims: bool) -> String {
    let mut parts = Vec::new();
    if !e.tags.is_empty() {
        let tags: Vec<&str> = e.tags.iter().map(|(path, _)| path.as_str()).collect();
        parts.push(format!("Tags: {}", escape_line(&tags.join(", "), false)));
    }
    if let Some(actors) = e.actors_text(", ", |s| s) {
        parts.push(format!("Actors: {}", escape_line(&actors, false)));
    }
    if let Some(events) = e.events_text(", ", |s| s) {
        parts.push(format!("Events: {}", escape_line(&events, false)));
    }
    if claims {
        if let Some(claims) = e.claims_text("; ", |s| s) {
            parts.push(format!("Claims: {}", escape_line(&claims, false)));
        }
        parts.push(format!("Grade: {}", e.grade_text()));
    }
    parts.join(" · ")
}

/// Text of one or more lines as one Markdown paragraph, the lines kept apart by hard breaks.
pub(super) fn escape_text(text: &str) -> String {
    text.trim()
        .split('\n')
        .map(|l| escape_line(l, false))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// Text for a heading: one line, `#` escaped everywhere.
pub(super) fn escape_heading(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_line(&one_line, true)
}

/// One line of plain text escaped so that CommonMark (with GitHub's tables, strikethrough and
/// footnotes) shows it as written. Leading and trailing white space is dropped.
pub(crate) fn escape_line(line: &str, heading: bool) -> String {
    escape(line, heading, true)
}

/// One table cell escaped so that it shows as written: the text on one line, then the inline
/// marks and `|` escaped as [`escape_line`] does. A cell holds inline content only (GitHub's
/// table extension), so what would start a block at the start of a line (`#`, `>`, `-`, `1.`)
/// stays as it is, and figures read plainly (`0.968`, not `0\.968`).
pub(crate) fn escape_cell(cell: &str) -> String {
    escape(&one_line(cell), false, false)
}

/// `line` escaped: inline marks everywhere, `#` everywhere in a `heading`, and what starts a
/// block when `line_start` (the text begins a line of the document).
fn escape(line: &str, heading: bool, line_start: bool) -> String {
    let chars: Vec<char> = line.trim().chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut out = String::with_capacity(chars.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' => true,
            '&' => chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#'),
            '#' => (i == 0 && line_start) || heading,
            '>' | '-' | '+' | '=' => i == 0 && line_start,
            '.' | ')' => line_start && digits > 0 && i == digits,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{escape_cell, escape_line};

    #[test]
    fn line_starts_and_inline_marks_are_escaped() {
        assert_eq!(escape_line("# not a heading", false), "\\# not a heading");
        assert_eq!(escape_line("1. first", false), "1\\. first");
        assert_eq!(escape_line("2025 was", false), "2025 was");
        assert_eq!(escape_line("- item", false), "\\- item");
        assert_eq!(escape_line("a - b", false), "a - b");
        assert_eq!(escape_line("> quoted", false), "\\> quoted");
        assert_eq!(escape_line("a > b", false), "a > b");
        assert_eq!(escape_line("*x* _y_ `z`", false), "\\*x\\* \\_y\\_ \\`z\\`");
        assert_eq!(escape_line("<b>&amp; & c", false), "\\<b>\\&amp; & c");
        assert_eq!(
            escape_line("[a](b) | ~~s~~", false),
            "\\[a\\](b) \\| \\~\\~s\\~\\~"
        );
        assert_eq!(escape_line("C# and #tag", false), "C# and #tag");
        assert_eq!(escape_line("C# and #tag", true), "C\\# and \\#tag");
        assert_eq!(escape_line("    code?  ", false), "code?");
        assert_eq!(escape_line("back\\slash", false), "back\\\\slash");
    }

    #[test]
    fn cells_escape_inline_marks_and_pipes_but_not_line_starts() {
        assert_eq!(escape_cell("0.968"), "0.968");
        assert_eq!(escape_cell("- dash\n> quote"), "- dash > quote");
        assert_eq!(escape_cell("# no | heading"), "# no \\| heading");
        assert_eq!(escape_cell("*a* <b> `c`"), "\\*a\\* \\<b> \\`c\\`");
        assert_eq!(
            escape_line("0.968", false),
            "0\\.968",
            "a line would be a list"
        );
    }
}
