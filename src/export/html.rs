//! The HTML export: a standalone, printable report of cited excerpts with tag colours.
//!
//! One file, no scripts, nothing fetched: the styles are inline (a `<style>` element and colour
//! attributes), and a Content-Security-Policy meta element (`default-src 'none'`) forbids scripts,
//! images, fonts and connections should anything slip in. Every text from the project — titles,
//! outlets, quotes, notes, tag, actor and event names, descriptions — is escaped (`&`, `<`, `>`,
//! `"`, `'`); colours come from the project's `#rrggbb` values only. An article address becomes a
//! link only when it is an http(s) address.
//!
//! Layout: the project title and a summary line; a legend of the tags the excerpts carry (with
//! their colours); one section per group (tag, actor, event or article, as in [`super::markdown`]),
//! each excerpt a blockquote (one paragraph per line of the quote) with a coloured edge (its first
//! tag's colour, or the group's tag), its citation (outlet, date, title, passage id), its tags as
//! coloured chips, its actors and events with roles, and its note; then the tables of the brief
//! in the order of the DOCX and PDF briefs ([`super::brief::blocks`]) — "Event cards",
//! "Contested claims" (a section quoting both sides under each claim), "Source grades",
//! "Competing hypotheses" and "ACH matrix", each switched by the brief template, and the agreement
//! appendix when asked for — each a `<table>` with caption, `<thead>` and `<tbody>` ([`table`]);
//! last, the list of sources.
//! Print styles drop the page margins, keep each excerpt and each table row on one page, repeat a
//! table's header row on each page and keep the colours.

use std::fmt::Write as _;

use super::brief::{Block, Table, blocks};
use super::cite::{self, Excerpt};
use super::group::{self, Heading};
use super::markdown::{heading_details, heading_text, summary};
use super::query::ExcerptQuery;
use super::{BriefTemplate, GroupBy, Part};
use crate::model::{Project, Rgb};

/// The style sheet of the report.
const STYLE: &str = "\
:root { color-scheme: light; }
body { font: 11pt/1.5 Georgia, 'Times New Roman', serif; color: #1b1b1b; background: #fff;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .3rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid #ccc; }
.summary, .about { color: #555; font-size: .95rem; margin: 0 0 .8rem; }
.swatch { display: inline-block; width: .75em; height: .75em; border-radius: 2px; margin-right: .4em; }
.legend { font: .85rem/1.8 system-ui, sans-serif; }
.excerpt { margin: 0 0 1.3rem; padding-left: .8rem; border-left: 4px solid #9a9a9a; }
.excerpt blockquote { margin: 0; }
.excerpt blockquote p { margin: 0 0 .4rem; }
.cite { margin: .15rem 0; font-size: .9rem; color: #333; }
.id { font: .75rem ui-monospace, monospace; color: #777; }
.links { margin: .25rem 0; font: .8rem/1.7 system-ui, sans-serif; color: #333; }
.chip { display: inline-block; padding: 0 .5em; border-radius: .7em; margin-right: .25em; line-height: 1.5; }
.note { margin: .25rem 0; font-size: .9rem; font-style: italic; }
.contested h3 { font-size: 1rem; margin: 1.2rem 0 .2rem; }
.contested h4 { font: .85rem system-ui, sans-serif; margin: .4rem 0 .1rem; }
.contested ul { margin: 0 0 .4rem; padding-left: 1.2rem; }
.contested ul.supports { list-style: '+ '; }
.contested ul.disputes { list-style: '− '; }
.table table { border-collapse: collapse; width: 100%; font: .8rem/1.4 system-ui, sans-serif; margin: 0 0 1rem; }
.table caption { caption-side: top; text-align: left; color: #555; padding: 0 0 .4rem; }
.table th, .table td { border: 1px solid #bbb; padding: .2rem .35rem; vertical-align: top; text-align: left;
  overflow-wrap: break-word; }
.table thead th { background: #eee; font-weight: 600; }
.sources ol { padding-left: 1.4rem; font-size: .9rem; }
.sources a { overflow-wrap: anywhere; }
@page { margin: 16mm 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  .excerpt { break-inside: avoid; }
  .table caption { break-after: avoid; }
  .table thead { display: table-header-group; }
  .table tr { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

/// The HTML report of what `query` selects from `project`, grouped `by`; UTF-8, ending in a
/// newline.
pub fn to_html(project: &Project, query: &ExcerptQuery, by: GroupBy) -> String {
    let template = BriefTemplate {
        group_by: by,
        ..BriefTemplate::default()
    };
    to_html_with(project, query, &template)
}

/// The HTML report of what `query` selects from `project`, made as `template` says (its grouping
/// and the parts it leaves out; the agreement appendix is added by [`super::export_with`]).
pub fn to_html_with(project: &Project, query: &ExcerptQuery, template: &BriefTemplate) -> String {
    to_html_with_appendices(project, query, template, &[])
}

/// [`to_html_with`], with the `appendices` (the agreement table an export option asks for) after
/// the brief's tables and before the sources, laid out like every other table.
pub(crate) fn to_html_with_appendices(
    project: &Project,
    query: &ExcerptQuery,
    template: &BriefTemplate,
    appendices: &[Table],
) -> String {
    let by = template.group_by;
    let selection = query.run(project);
    let mut excerpts = cite::resolve(project, &selection);
    group::sort_for_reading(&mut excerpts);
    let mut out = String::with_capacity(4096 + excerpts.len() * 1024);
    let title = escape(&project.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Dossier\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>{title}</h1>\n<p class=\"summary\">{}</p>\n",
        escape(&summary(&excerpts, by, query))
    );
    if template.includes(Part::Description) {
        for paragraph in super::brief::paragraphs(&project.description) {
            let _ = writeln!(out, "<p class=\"description\">{}</p>", escape(&paragraph));
        }
    }
    write_legend(&mut out, &excerpts);
    out.push_str("</header>\n");
    for group in group::group(&excerpts, by) {
        out.push_str("<section class=\"group\">\n<h2>");
        let group_colour = match &group.heading {
            Heading::Tag { tag, .. } => Some(tag.color),
            _ => None,
        };
        if let Some(colour) = group_colour {
            let _ = write!(
                out,
                "<span class=\"swatch\" style=\"background:{colour}\"></span>"
            );
        }
        out.push_str(&escape(&heading_text(&group.heading)));
        out.push_str("</h2>\n");
        if let Some(about) = heading_details(&group.heading) {
            let _ = writeln!(out, "<p class=\"about\">{}</p>", escape(&about));
        }
        for excerpt in group.items {
            write_excerpt(&mut out, excerpt, group_colour, template);
        }
        out.push_str("</section>\n");
    }
    for block in blocks(project, &excerpts, template) {
        match block {
            Block::Table(part, t) => out.push_str(&table(&t, table_class(part))),
            // The section quotes both sides under each claim; it stands where DOCX and PDF have
            // the "Contested claims" table, and says the same and more (the claim's event and
            // the outlets that support it), so the table is not written twice.
            Block::Contested(claims) => out.push_str(&super::claims::html_section(&claims)),
        }
    }
    for t in appendices {
        out.push_str(&table(t, "appendix"));
    }
    write_sources(&mut out, &excerpts);
    out.push_str("</body>\n</html>\n");
    out
}

/// A table as a `<section class="table {class}">`: its title as an `<h2>`, then a `<table>` with
/// its caption, the header row in `<thead>` (`<th scope="col">`) and the rows in `<tbody>`. Every
/// text is escaped; line breaks in a cell stay as white space.
pub(crate) fn table(table: &Table, class: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<section class=\"table {}\">\n<h2>{}</h2>\n<table>\n",
        escape(class),
        escape(&table.title)
    );
    if !table.caption.trim().is_empty() {
        let _ = writeln!(out, "<caption>{}</caption>", escape(table.caption.trim()));
    }
    out.push_str("<thead><tr>");
    for h in &table.header {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for c in row {
            let _ = write!(out, "<td>{}</td>", escape(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

/// The class of a table's section, after the part of the template that switches it.
fn table_class(part: Part) -> &'static str {
    match part {
        Part::EventCards => "events",
        Part::Claims => "grades",
        Part::Ach => "ach",
        Part::Contested => "contested",
        Part::Description => "description",
        Part::Notes => "notes",
    }
}

/// The tags the excerpts carry, each with its colour, by path.
fn write_legend(out: &mut String, excerpts: &[Excerpt<'_>]) {
    let mut tags: Vec<(&str, Rgb, _)> = excerpts
        .iter()
        .flat_map(|e| {
            e.tags
                .iter()
                .map(|(path, tag)| (path.as_str(), tag.color, tag.id))
        })
        .collect();
    tags.sort_unstable_by(|a, b| a.0.cmp(b.0).then(a.2.cmp(&b.2)));
    tags.dedup_by_key(|t| t.2);
    if tags.is_empty() {
        return;
    }
    out.push_str("<p class=\"legend\">");
    for (path, colour, _) in tags {
        let _ = write!(out, "{} ", chip(path, colour));
    }
    out.push_str("</p>\n");
}

/// A tag name on its colour, with black or white text, whichever reads better.
fn chip(text: &str, colour: Rgb) -> String {
    format!(
        "<span class=\"chip\" style=\"background:{colour};color:{}\">{}</span>",
        ink_on(colour),
        escape(text)
    )
}

/// Black or white, whichever contrasts more with `background` (WCAG relative luminance).
fn ink_on(background: Rgb) -> &'static str {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = background.0;
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    // Contrast with black (L+0.05)/0.05 against white 1.05/(L+0.05): equal at L ≈ 0.179.
    if luminance > 0.179 { "#000" } else { "#fff" }
}

/// One excerpt as an `<article>`.
fn write_excerpt(
    out: &mut String,
    e: &Excerpt<'_>,
    group_colour: Option<Rgb>,
    template: &BriefTemplate,
) {
    let edge = group_colour.or_else(|| e.tags.first().map(|(_, t)| t.color));
    match edge {
        Some(colour) => {
            let _ = writeln!(
                out,
                "<article class=\"excerpt\" style=\"border-left-color:{colour}\">"
            );
        }
        None => out.push_str("<article class=\"excerpt\">\n"),
    }
    out.push_str("<blockquote>");
    for line in e.passage.quote.split('\n') {
        let line = line.trim();
        if !line.is_empty() {
            let _ = write!(out, "<p>{}</p>", escape(line));
        }
    }
    out.push_str("</blockquote>\n");
    let _ = writeln!(out, "<p class=\"cite\">— {}</p>", citation(e));
    let mut links: Vec<String> = Vec::new();
    if !e.tags.is_empty() {
        let chips: Vec<String> = e
            .tags
            .iter()
            .map(|(path, tag)| chip(path, tag.color))
            .collect();
        links.push(chips.join(" "));
    }
    if let Some(actors) = e.actors_text(", ", |s| escape(&s)) {
        links.push(format!("<span class=\"actors\">Actors: {actors}</span>"));
    }
    if let Some(events) = e.events_text(", ", |s| escape(&s)) {
        links.push(format!("<span class=\"events\">Events: {events}</span>"));
    }
    if template.includes(Part::Claims) {
        if let Some(claims) = e.claims_text("; ", |s| escape(&s)) {
            links.push(format!("<span class=\"claims\">Claims: {claims}</span>"));
        }
        links.push(format!(
            "<span class=\"grade\" title=\"outlet {}: {}; credibility {}: {}\">Grade: {}</span>",
            e.reliability,
            e.reliability.label(),
            e.credibility,
            e.credibility.label(),
            e.grade_text()
        ));
    }
    if !links.is_empty() {
        let _ = writeln!(out, "<p class=\"links\">{}</p>", links.join(" · "));
    }
    let note = e.passage.note.trim();
    if !note.is_empty() && template.includes(Part::Notes) {
        let lines: Vec<String> = note.split('\n').map(|l| escape(l.trim())).collect();
        let _ = writeln!(out, "<p class=\"note\">Note: {}</p>", lines.join("<br>"));
    }
    out.push_str("</article>\n");
}

/// `Outlet, date, “Title” <span class=id>p…</span>`, escaped.
fn citation(e: &Excerpt<'_>) -> String {
    let doc = e.doc;
    let mut parts = Vec::new();
    if !doc.source.trim().is_empty() {
        parts.push(escape(doc.source.trim()));
    }
    parts.push(
        doc.published
            .map_or_else(|| "n.d.".to_owned(), cite::human_date),
    );
    parts.push(format!("“{}”", escape(&doc.title)));
    format!(
        "{} <span class=\"id\">{}</span>",
        parts.join(", "),
        e.passage.id
    )
}

/// The articles the excerpts come from, in reading order, with their addresses.
fn write_sources(out: &mut String, excerpts: &[Excerpt<'_>]) {
    let docs = super::brief::cited_articles(excerpts);
    if docs.is_empty() {
        return;
    }
    out.push_str("<section class=\"sources\">\n<h2>Sources</h2>\n<ol>\n");
    for doc in docs {
        let mut parts = vec![format!("“{}”", escape(&doc.title))];
        for field in [&doc.source, &doc.author] {
            if !field.trim().is_empty() {
                parts.push(escape(field.trim()));
            }
        }
        parts.push(
            doc.published
                .map_or_else(|| "n.d.".to_owned(), cite::human_date),
        );
        let url = doc.url.trim();
        if is_web_address(url) {
            let url = escape(url);
            parts.push(format!("<a href=\"{url}\" rel=\"noreferrer\">{url}</a>"));
        } else if !url.is_empty() {
            parts.push(escape(url));
        }
        let _ = writeln!(out, "<li>{}</li>", parts.join(", "));
    }
    out.push_str("</ol>\n</section>\n");
}

/// Whether an address may be a link: http or https, no white space.
fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.contains(char::is_whitespace)
}

/// Text as HTML: `&`, `<`, `>`, `"` and `'` escaped; safe in element content and in quoted
/// attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_the_five_characters() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>&amp;</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn chips_pick_readable_ink() {
        assert_eq!(ink_on(Rgb([0xff, 0xff, 0xff])), "#000");
        assert_eq!(ink_on(Rgb([0xff, 0xd7, 0x00])), "#000", "yellow");
        assert_eq!(ink_on(Rgb([0x00, 0x33, 0x99])), "#fff", "dark blue");
        assert_eq!(ink_on(Rgb([0, 0, 0])), "#fff");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert!(is_web_address("https://example.org/a?b=c&d"));
        assert!(is_web_address("HTTP://EXAMPLE.ORG"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("data:text/html,<script>"));
        assert!(!is_web_address("https://a b"));
    }
}
