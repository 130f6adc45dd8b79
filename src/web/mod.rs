//! Articles from the web: fetching pages over HTTP(S) ([`http`]), making articles of them with
//! their metadata ([`page`]), reading feeds ([`feed`]), and what that adds to or changes in a
//! project ([`plan`]): new articles without duplicates, feeds checked with conditional requests,
//! and changed pages whose new text replaces the old one with the old kept as a version.
//!
//! Network work and project changes are apart: the functions that touch the network take a
//! [`http::Client`] and return plain values (call them off the UI thread); the planning
//! functions take a `&Project` and those values and return one [`crate::edit::Edit`] (one undo
//! step), so nothing changes until it is applied, and a failure changes nothing.

pub mod diff;
pub mod feed;
pub mod http;
pub mod link;
pub mod notes;
pub mod page;
pub mod plan;

pub use http::{Client, DEFAULT_LIMITS, Limits, USER_AGENT};
pub use link::as_url;
pub use page::{PageMeta, WebArticle};

/// Why a page or feed could not be had. Each message says what happened and ends with the
/// address.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WebError {
    /// Not an absolute http(s) address.
    #[error("not a web address (http:// or https://) — {url}")]
    BadUrl {
        /// What was given.
        url: String,
    },
    /// No connection (offline, refused, unknown host).
    #[error("could not reach the server: {reason} — {url}")]
    Offline {
        /// What failed.
        reason: String,
        /// The address.
        url: String,
    },
    /// No answer in time.
    #[error("no complete answer within {seconds} s — {url}")]
    Timeout {
        /// The limit.
        seconds: f32,
        /// The address.
        url: String,
    },
    /// Too many redirects (or a loop).
    #[error("more than {max} redirects (a redirect loop?) — {url}")]
    Redirects {
        /// The limit.
        max: u32,
        /// The address.
        url: String,
    },
    /// The server answered with an error status.
    #[error("the server answered {status} {reason} — {url}")]
    Status {
        /// The status code.
        status: u16,
        /// Its reason phrase.
        reason: String,
        /// The address (after redirects).
        url: String,
    },
    /// The body is larger than the limit.
    #[error("the page is larger than the limit of {} MiB — {url}", .limit / (1024 * 1024))]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
        /// The address.
        url: String,
    },
    /// The answer is not a web page.
    #[error("not a web page ({media_type}) — {url}")]
    NotHtml {
        /// What it is.
        media_type: String,
        /// The address.
        url: String,
    },
    /// A web page without an article, or text that cannot be decoded.
    #[error("{reason}")]
    Page {
        /// What the importer said (ends with the address).
        reason: String,
        /// The address.
        url: String,
    },
    /// Not an RSS or Atom feed.
    #[error("not an RSS or Atom feed ({reason}) — {url}")]
    NotAFeed {
        /// What the parsers said.
        reason: String,
        /// The address.
        url: String,
    },
    /// Anything else the HTTP layer refused.
    #[error("the request failed: {reason} — {url}")]
    Protocol {
        /// What failed.
        reason: String,
        /// The address.
        url: String,
    },
}

/// Fetches a page and makes an article of it (network; call it off the UI thread).
pub fn fetch_article(client: &Client, url: &str) -> Result<WebArticle, WebError> {
    let response = client.get(url, "", "")?;
    page::article(&response, url)
}

/// Most pages fetched at once by [`fetch_articles`].
pub const PARALLEL_FETCHES: usize = 4;

/// Fetches several pages, [`PARALLEL_FETCHES`] at a time, and returns their results in the
/// order given (network; call it off the UI thread).
pub fn fetch_articles(client: &Client, urls: &[String]) -> Vec<Result<WebArticle, WebError>> {
    let mut results = Vec::with_capacity(urls.len());
    for chunk in urls.chunks(PARALLEL_FETCHES) {
        std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|url| scope.spawn(move || fetch_article(client, url)))
                .collect();
            for (handle, url) in handles.into_iter().zip(chunk) {
                results.push(handle.join().unwrap_or_else(|_| {
                    Err(WebError::Protocol {
                        reason: "the fetching thread failed".to_owned(),
                        url: url.clone(),
                    })
                }));
            }
        });
    }
    results
}
