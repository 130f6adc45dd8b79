//! What a project keeps about the web: the feeds it follows (with their conditional-request
//! state and the items already seen) and, for each article fetched from a link, when and from
//! where it was fetched, a hash of what came back, and the earlier texts of the article (its
//! versions, oldest first).
//!
//! Both live beside the documents rather than inside them ([`Web`], one field of
//! [`crate::model::Project`]): an article imported from a file has none of this, and the record
//! of a fetched one is found by its document's id. The project file writes them as the lists
//! `feeds` and `fetched` (since version 3), absent when empty.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::date::{PartialDate, Timestamp};
use super::id::DocId;

/// A feed the project follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feed {
    /// Its address (the key: one feed per address).
    pub url: String,
    /// The feed's own title, or empty until first checked.
    #[serde(default)]
    pub title: String,
    /// The `ETag` of the last answer, for a conditional request; empty: none.
    #[serde(default)]
    pub etag: String,
    /// The `Last-Modified` of the last answer, as sent; empty: none.
    #[serde(default)]
    pub last_modified: String,
    /// When it was last checked.
    #[serde(default)]
    pub checked: Option<Timestamp>,
    /// The items already listed once (their links, or ids when they have no link), sorted.
    #[serde(default)]
    pub seen: Vec<String>,
}

impl Feed {
    /// A feed not yet checked.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            title: String::new(),
            etag: String::new(),
            last_modified: String::new(),
            checked: None,
            seen: Vec::new(),
        }
    }
}

/// An earlier text of a fetched article, kept when a re-fetch found the page changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// When this text was fetched.
    pub fetched: Timestamp,
    /// When a newer text replaced it.
    pub replaced: Timestamp,
    /// The BLAKE3 hash (hex) of the text.
    pub hash: String,
    /// The title the page had then.
    #[serde(default)]
    pub title: String,
    /// The page changed without saying so: its modification date (JSON-LD `dateModified`,
    /// `article:modified_time`) was the same before and after, or absent.
    #[serde(default)]
    pub stealth: bool,
    /// The text.
    pub text: String,
}

/// How an article was fetched, and its earlier versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetched {
    /// The article.
    pub doc: DocId,
    /// The address asked for.
    pub url: String,
    /// The page's canonical address (JSON-LD, `og:url`, `<link rel=canonical>`), or the address
    /// the redirects ended at.
    #[serde(default)]
    pub canonical: String,
    /// When the current text was fetched.
    pub fetched: Timestamp,
    /// The BLAKE3 hash (hex) of the bytes the server sent.
    pub hash: String,
    /// When the page says it was last modified (JSON-LD `dateModified`,
    /// `article:modified_time`).
    #[serde(default)]
    pub modified: Option<PartialDate>,
    /// The feed it was picked from, or empty.
    #[serde(default)]
    pub feed: String,
    /// Earlier texts, oldest first.
    #[serde(default)]
    pub versions: Vec<Version>,
}

/// Everything a project keeps about the web: feeds by address, fetch records by document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Web {
    /// Feeds, by address.
    pub feeds: BTreeMap<String, Feed>,
    /// Fetch records, by document.
    pub fetched: BTreeMap<DocId, Fetched>,
}

impl Web {
    /// Whether there is nothing (a project that never used the web).
    pub fn is_empty(&self) -> bool {
        self.feeds.is_empty() && self.fetched.is_empty()
    }

    /// The document fetched from `url`, asked for or canonical.
    pub fn doc_with_url(&self, url: &str) -> Option<DocId> {
        let url = url.trim();
        (!url.is_empty())
            .then(|| {
                self.fetched
                    .values()
                    .find(|f| f.url == url || f.canonical == url)
                    .map(|f| f.doc)
            })
            .flatten()
    }
}

/// The BLAKE3 hash of bytes, in lower-case hex (what [`Fetched::hash`] and [`Version::hash`]
/// hold).
pub fn hash_hex(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}
