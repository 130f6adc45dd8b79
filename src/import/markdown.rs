//! Markdown articles as plain text: the markup goes (`#` heading markers, `*emphasis*`,
//! `**strong**`, `~~strike~~`, `` `code` ``, `> ` quote markers, front matter, link targets,
//! reference definitions), the words stay, as the HTML import keeps a page's text and not its
//! tags. Paragraphs, headings, list items and code blocks are separated by a blank line; lines
//! broken inside a paragraph stay broken; list items keep a `- ` (or their number); a link keeps
//! its text and an image its description.
//!
//! Parsed with `pulldown-cmark` (CommonMark, with strikethrough, tables and front matter), so
//! `snake_case`, `2 * 3` and escaped `\*` are read as CommonMark reads them.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The text of a Markdown document without its markup.
pub(crate) fn to_plain_text(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out = String::with_capacity(markdown.len());
    // Numbers of the open ordered lists (None: a bulleted list).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut in_metadata = false;
    let mut cells_in_row = 0usize;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                block_break(&mut out);
            }
            Event::Start(Tag::Item) => {
                line_break(&mut out);
                let depth = lists.len().saturating_sub(1);
                out.push_str(&"  ".repeat(depth));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("- "),
                }
            }
            Event::Start(Tag::TableRow | Tag::TableHead) => {
                line_break(&mut out);
                cells_in_row = 0;
            }
            Event::Start(Tag::TableCell) => {
                if cells_in_row > 0 {
                    out.push_str(" | ");
                }
                cells_in_row += 1;
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::Table
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => {
                if lists.is_empty() {
                    block_break(&mut out);
                }
            }
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::InlineMath(text) | Event::DisplayMath(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::Rule => block_break(&mut out),
            Event::TaskListMarker(done) => out.push_str(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(name) => {
                out.push('[');
                out.push_str(&name);
                out.push(']');
            }
            // Raw HTML tags are markup too; text between them arrives as Text.
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::Start(_) | Event::End(_) => {}
        }
    }
    let trimmed = out.trim_end();
    let mut text = trimmed.trim_start_matches('\n').to_owned();
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

/// Ends the current line, unless the text is at the start of one.
fn line_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Ends the current block with one blank line (never two).
fn block_break(out: &mut String) {
    if out.is_empty() {
        return;
    }
    while !out.ends_with("\n\n") {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_and_words_stay() {
        let md = "---\ntitle: Jadar\ndate: 2024-08-10\n---\n\n# Belgrade protest against *Jadar* mine\n\n*Associated Press, 2024-10-08*\n\nThousands marched, said **[Rio Tinto](https://riotinto.com)** critics.\nA second line of `the` same paragraph.\n\n> “The stakes are here,” she said.\n\n- first point\n- second with snake_case and 2 * 3\n\n1. one\n2. two\n\n![A crowd on the bridge](crowd.jpg)\n\nEscaped \\*stars\\* stay.\n";
        let text = to_plain_text(md);
        assert_eq!(
            text,
            "Belgrade protest against Jadar mine\n\nAssociated Press, 2024-10-08\n\nThousands marched, said Rio Tinto critics.\nA second line of the same paragraph.\n\n“The stakes are here,” she said.\n\n- first point\n- second with snake_case and 2 * 3\n\n1. one\n2. two\n\nA crowd on the bridge\n\nEscaped *stars* stay.\n"
        );
    }

    #[test]
    fn plain_text_passes_through() {
        let text = "Witkoff meets Putin\n\nReuters, 2025-08-06\n\nBody line one.\nBody line two.\n";
        assert_eq!(to_plain_text(text), text);
        assert_eq!(to_plain_text("---\ntitle: only\n---\n"), "");
    }
}
