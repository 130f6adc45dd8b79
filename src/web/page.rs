//! A fetched page as an article: the reader-mode text of [`crate::import::import_html`] (the
//! same extractor as an imported `.html` file), with its metadata read from what the page says
//! about itself, best first:
//! 1. JSON-LD (`<script type="application/ld+json">`): the first `NewsArticle` (or another
//!    `…Article`, `BlogPosting`, `Report`), also inside arrays and `@graph` — `headline`,
//!    `author` (names joined by ", "), `publisher`'s name, `datePublished`, `dateModified`,
//!    `mainEntityOfPage` / `url`;
//! 2. OpenGraph and article properties (`og:title`, `og:site_name`, `og:url`,
//!    `article:published_time`, `article:modified_time`, `article:author` when it is a name);
//! 3. plain `<meta>` (`author`, `date`, `dcterms.*`, `citation_*`), `<link rel=canonical>`.
//!
//! Only the page's own text is read: scripts other than JSON-LD are never run, and nothing the
//! page points to is loaded.

use dom_query::Document as Dom;

use super::WebError;
use super::http::Response;
use crate::import::{ImportOptions, import_html};
use crate::model::{Document, Fetched, PartialDate, web::hash_hex};

/// What a page says about itself (empty: not said).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// Headline.
    pub title: String,
    /// Outlet.
    pub outlet: String,
    /// Byline.
    pub author: String,
    /// Publication date.
    pub published: Option<PartialDate>,
    /// Last modification.
    pub modified: Option<PartialDate>,
    /// Canonical address (absolute http(s) only).
    pub canonical: String,
}

/// A fetched article, not yet in any project.
#[derive(Debug, Clone)]
pub struct WebArticle {
    /// The document: fresh id, metadata from the page, `origin` the address asked for.
    pub document: Document,
    /// How it was fetched (for the same document).
    pub record: Fetched,
    /// Things the user should know (a guessed encoding).
    pub warnings: Vec<String>,
}

/// Whether a media type is a web page; an absent one is a page when the body starts like one.
fn is_html(media_type: &str, body: &[u8]) -> bool {
    match media_type {
        "text/html" | "application/xhtml+xml" => true,
        "" => {
            let start: Vec<u8> = body
                .iter()
                .copied()
                .skip_while(|b| b.is_ascii_whitespace())
                .take(15)
                .map(|b| b.to_ascii_lowercase())
                .collect();
            start.starts_with(b"<!doctype html") || start.starts_with(b"<html")
        }
        _ => false,
    }
}

/// Makes an article of a server's answer to `requested`. Refuses what is not a web page, what
/// has no article, and text that cannot be decoded.
pub fn article(response: &Response, requested: &str) -> Result<WebArticle, WebError> {
    if !is_html(&response.media_type, &response.body) {
        return Err(WebError::NotHtml {
            media_type: if response.media_type.is_empty() {
                "no Content-Type and no HTML".to_owned()
            } else {
                response.media_type.clone()
            },
            url: response.url.clone(),
        });
    }
    let bytes = transcode(&response.body, response.charset.as_deref());
    let imported =
        import_html(&bytes, requested, &ImportOptions::default()).map_err(|e| WebError::Page {
            reason: e.to_string(),
            url: response.url.clone(),
        })?;
    let text = String::from_utf8_lossy(&bytes);
    let meta = page_meta(&text);
    let mut document = imported.document;
    let set = |slot: &mut String, value: &str| {
        if !value.trim().is_empty() {
            value.trim().clone_into(slot);
        }
    };
    set(&mut document.title, &meta.title);
    set(&mut document.source, &meta.outlet);
    set(&mut document.author, &meta.author);
    let canonical = if meta.canonical.is_empty() {
        response.url.clone()
    } else {
        meta.canonical.clone()
    };
    document.url = canonical.clone();
    document.published = meta.published.or(document.published);
    document.imported = response.retrieved;
    let record = Fetched {
        doc: document.id,
        url: requested.trim().to_owned(),
        canonical,
        fetched: response.retrieved,
        hash: hash_hex(&response.body),
        modified: meta.modified,
        feed: String::new(),
        versions: Vec::new(),
    };
    Ok(WebArticle {
        document,
        record,
        warnings: imported.warnings,
    })
}

/// The body as UTF-8 when the server named another encoding it knows; otherwise as sent (the
/// importer's own detection decides).
fn transcode<'b>(body: &'b [u8], charset: Option<&str>) -> std::borrow::Cow<'b, [u8]> {
    match charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes())) {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            let (text, _, _) = enc.decode(body);
            std::borrow::Cow::Owned(text.into_owned().into_bytes())
        }
        _ => std::borrow::Cow::Borrowed(body),
    }
}

/// Reads what a page says about itself (see the module documentation).
pub fn page_meta(html: &str) -> PageMeta {
    let dom = Dom::from(html);
    let mut out = PageMeta::default();
    for script in dom.select("script").iter() {
        let kind = script.attr("type").unwrap_or_default();
        if !kind.trim().eq_ignore_ascii_case("application/ld+json") {
            continue;
        }
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(script.text().trim())
            && let Some(article) = find_article(&value, 0)
        {
            json_ld(article, &mut out);
            break;
        }
    }
    let fill = |slot: &mut String, value: &str| {
        if slot.is_empty() && !value.trim().is_empty() {
            *slot = collapse(value);
        }
    };
    let mut metas = Vec::new();
    for meta in dom.select("meta").iter() {
        let key = meta
            .attr("property")
            .or_else(|| meta.attr("name"))
            .or_else(|| meta.attr("itemprop"))
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let content = meta.attr("content").unwrap_or_default().to_string();
        if !key.is_empty() && !content.trim().is_empty() {
            metas.push((key, content));
        }
    }
    let get = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| {
                metas
                    .iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.as_str())
            })
            .unwrap_or_default()
    };
    fill(
        &mut out.title,
        get(&["og:title", "twitter:title", "citation_title", "dc.title"]),
    );
    fill(
        &mut out.outlet,
        get(&["og:site_name", "application-name", "citation_publisher"]),
    );
    // `article:author` is often a profile address, not a name.
    let author = [
        "article:author",
        "author",
        "citation_author",
        "dc.creator",
        "byl",
    ]
    .iter()
    .find_map(|k| {
        metas
            .iter()
            .find(|(key, v)| key == k && !is_absolute(v))
            .map(|(_, v)| v.trim())
    })
    .unwrap_or_default();
    fill(
        &mut out.author,
        author.trim_start_matches("By ").trim_start_matches("by "),
    );
    if out.published.is_none() {
        out.published = date(get(&[
            "article:published_time",
            "datepublished",
            "date",
            "dcterms.created",
            "dc.date",
            "citation_publication_date",
            "pubdate",
        ]));
    }
    if out.modified.is_none() {
        out.modified = date(get(&[
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "dcterms.modified",
        ]));
    }
    if out.canonical.is_empty() {
        let og = get(&["og:url"]);
        let link = dom
            .select("link")
            .iter()
            .find(|l| {
                l.attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                })
            })
            .and_then(|l| l.attr("href"))
            .map(|h| h.to_string())
            .unwrap_or_default();
        out.canonical = [og, link.as_str()]
            .into_iter()
            .map(str::trim)
            .find(|u| is_absolute(u))
            .unwrap_or_default()
            .to_owned();
    }
    if out.title.is_empty() {
        out.title = collapse(&dom.select("title").text());
    }
    out
}

/// The JSON-LD types read as an article.
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || matches!(t, "BlogPosting" | "Report" | "LiveBlogPosting")
}

/// The first article object in a JSON-LD value (arrays and `@graph` searched, 8 levels deep).
fn find_article(value: &serde_json::Value, depth: usize) -> Option<&serde_json::Value> {
    use serde_json::Value;
    if depth > 8 {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|v| find_article(v, depth + 1)),
        Value::Object(map) => {
            let typed = match map.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article_type),
                _ => false,
            };
            if typed {
                return Some(value);
            }
            map.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

/// A name from JSON-LD: a string, an object's `name`, or a list of those joined by ", ".
fn names(value: Option<&serde_json::Value>) -> String {
    use serde_json::Value;
    match value {
        Some(Value::String(s)) => collapse(s),
        Some(Value::Object(map)) => names(map.get("name")),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| names(Some(v)))
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

fn json_ld(article: &serde_json::Value, out: &mut PageMeta) {
    use serde_json::Value;
    let text = |key: &str| match article.get(key) {
        Some(Value::String(s)) => collapse(s),
        _ => String::new(),
    };
    out.title = [text("headline"), text("name")]
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    out.author = names(article.get("author"));
    out.outlet = names(article.get("publisher"));
    out.published = date(&text("datePublished"));
    out.modified = date(&text("dateModified"));
    let page = match article.get("mainEntityOfPage") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(map)) => map
            .get("@id")
            .or_else(|| map.get("url"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    };
    out.canonical = [page, text("url")]
        .into_iter()
        .find(|u| is_absolute(u))
        .unwrap_or_default();
}

fn is_absolute(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Whitespace runs made one space, ends trimmed, at most 500 chars.
fn collapse(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(500)
        .collect()
}

/// The date of an ISO 8601 date or time ("2024-08-06T10:00:00+02:00" → 2024-08-06).
fn date(value: &str) -> Option<PartialDate> {
    let value = value.trim();
    value.get(..10).and_then(|d| d.parse().ok()).or_else(|| {
        value
            .get(..7)
            .and_then(|d| d.parse().ok())
            .filter(|_| value.len() == 7)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_wins_over_opengraph_and_meta() {
        let html = r#"<html><head><title>Page title | Site</title>
<meta property="og:title" content="OG title"><meta property="og:site_name" content="OG Site">
<meta name="author" content="Meta Author">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
{"@type":["NewsArticle"],"headline":"The  headline","author":[{"@type":"Person","name":"Ana Ivić"},{"name":"Bo Li"}],
"publisher":{"@type":"Organization","name":"The Outlet"},"datePublished":"2024-08-06T10:00:00+02:00",
"dateModified":"2024-08-07","mainEntityOfPage":{"@id":"https://example.org/a"}}]}</script></head><body></body></html>"#;
        let meta = page_meta(html);
        assert_eq!(meta.title, "The headline");
        assert_eq!(meta.author, "Ana Ivić, Bo Li");
        assert_eq!(meta.outlet, "The Outlet");
        assert_eq!(meta.published, PartialDate::day(2024, 8, 6));
        assert_eq!(meta.modified, PartialDate::day(2024, 8, 7));
        assert_eq!(meta.canonical, "https://example.org/a");
    }

    #[test]
    fn opengraph_and_meta_fill_in_without_json_ld() {
        let html = r#"<html><head><title>Page title</title>
<meta property="og:title" content="OG title"><meta property="og:site_name" content="OG Site">
<meta property="article:author" content="https://facebook.com/someone"><meta name="author" content="By Meta Author">
<meta property="article:published_time" content="2023-01-02T00:00:00Z">
<link rel="canonical" href="https://example.org/b"><script type="application/ld+json">{not json</script>
</head></html>"#;
        let meta = page_meta(html);
        assert_eq!(meta.title, "OG title");
        assert_eq!(meta.outlet, "OG Site");
        assert_eq!(meta.author, "Meta Author");
        assert_eq!(meta.published, PartialDate::day(2023, 1, 2));
        assert_eq!(meta.canonical, "https://example.org/b");
        assert_eq!(
            page_meta("<title> Only  a title </title>").title,
            "Only a title"
        );
    }
}
