//! Web pages (`.html`, `.htm`, `.xhtml`): the article extracted the way a browser's reader mode
//! does, with `dom_smoothie` (a port of Mozilla's Readability).
//!
//! The page is decoded like a text file (BOM, UTF-8, or a legacy encoding guessed from its bytes),
//! parsed, and its main content found by scoring; navigation, scripts, styles, forms, comments and
//! ads around it are dropped. The text is the content's formatted text (paragraphs separated by
//! blank lines). Metadata: the title (Open Graph, `<title>`, headline), the byline → author, the
//! site name (`og:site_name`) → outlet, the published time (`article:published_time`, JSON-LD)
//! → date, and the canonical address (`og:url`, `<link rel=canonical>`) → address when absolute.
//!
//! A page the extractor does not find readable and that yields under 280 chars of text (a menu,
//! a cookie notice) is refused as having no article.
//!
//! Nothing is executed or fetched: scripts are never run, and no address in the page is loaded.

use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};

use super::ImportError;
use crate::model::PartialDate;

/// Most elements a page may have (Readability.js's `maxElemsToParse` idea).
pub(crate) const MAX_ELEMENTS: usize = 1_000_000;

/// Pages the extractor does not think readable are refused when what it finds is shorter than
/// this many chars (a menu, a cookie notice); longer finds are kept.
const SHORT_TEXT_CHARS: usize = 280;

/// The article of a page.
#[derive(Debug, Default)]
pub(crate) struct HtmlArticle {
    /// The readable text.
    pub text: String,
    /// The title, or empty.
    pub title: String,
    /// The byline, or empty.
    pub author: String,
    /// The site name, or empty.
    pub outlet: String,
    /// The publication date.
    pub published: Option<PartialDate>,
    /// The canonical address, or empty.
    pub url: String,
}

/// Extracts the article from a page's (decoded) HTML.
pub(crate) fn extract(html: &str, origin: &str) -> Result<HtmlArticle, ImportError> {
    let config = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let fail = |e: ReadabilityError| ImportError::NoArticle {
        reason: match e {
            ReadabilityError::GrabFailed => "no article text found in the page".to_owned(),
            other => other.to_string(),
        },
        origin: origin.to_owned(),
    };
    let url = canonical_url(html);
    let mut reader = Readability::new(html, url.as_deref(), Some(config)).map_err(fail)?;
    // Checked before parsing, which changes the document.
    let readable = reader.is_probably_readable();
    let article = reader.parse().map_err(fail)?;
    let chars = article.text_content.trim().chars().count();
    if !readable && chars < SHORT_TEXT_CHARS {
        return Err(ImportError::NoArticle {
            reason: format!(
                "no article text found in the page (only {chars} chars of text outside \
                 paragraphs of an article)"
            ),
            origin: origin.to_owned(),
        });
    }
    let clean = |s: Option<String>| s.map(|s| s.trim().to_owned()).unwrap_or_default();
    let published = article
        .published_time
        .as_deref()
        .and_then(|t| t.trim().get(..10))
        .and_then(|d| d.parse::<PartialDate>().ok());
    Ok(HtmlArticle {
        text: tidy(&article.text_content),
        title: article.title.trim().to_owned(),
        author: clean(article.byline),
        outlet: clean(article.site_name),
        published,
        url: url.unwrap_or_default(),
    })
}

/// Trailing spaces dropped from each line, runs of blank lines made one, ends trimmed.
fn tidy(text: &str) -> String {
    super::tidy_lines(text.len(), text.lines())
}

/// The page's own absolute `http(s)` address, from `og:url` or `<link rel="canonical">`, found
/// by a plain scan of the head (the address is only recorded, never loaded).
fn canonical_url(html: &str) -> Option<String> {
    let head_end = html
        .char_indices()
        .nth(200_000)
        .map_or(html.len(), |(i, _)| i);
    let head = &html[..head_end];
    let lower = head.to_ascii_lowercase();
    for marker in ["property=\"og:url\"", "rel=\"canonical\""] {
        let Some(at) = lower.find(marker) else {
            continue;
        };
        let tag_start = lower[..at].rfind('<')?;
        let tag_end = at + lower[at..].find('>')?;
        let tag = &head[tag_start..tag_end];
        let tag_lower = &lower[tag_start..tag_end];
        for attr in ["content=\"", "href=\""] {
            if let Some(i) = tag_lower.find(attr) {
                let value = &tag[i + attr.len()..];
                let value = &value[..value.find('"').unwrap_or(value.len())];
                let value = value.trim().replace("&amp;", "&");
                if value.starts_with("https://") || value.starts_with("http://") {
                    return Some(value);
                }
            }
        }
    }
    None
}
