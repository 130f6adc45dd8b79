//! What fetched pages and checked feeds change in a project, as one [`Edit`] each — nothing
//! here touches the network but [`check_feed`].
//!
//! - [`plan_add`]: new articles, skipping those already in the project (or earlier in the same
//!   batch) by the address asked for, their canonical address, or their text.
//! - [`check_feed`]: a conditional request; the items not seen before and not in the project.
//! - [`plan_refresh`]: a re-fetched article whose text changed — the new text replaces the old
//!   through [`crate::anchor::reanchor`] (passages placed again or orphaned), the old text is kept
//!   as a dated [`Version`], and the title follows the page; one undo step.

use std::collections::BTreeSet;

use super::feed::{self, FeedItem};
use super::{Client, WebArticle, WebError};
use crate::anchor::{self, AnchorError, ArticlePassages};
use crate::edit::{Edit, WebEdit};
use crate::import::find_duplicate;
use crate::model::{DocId, Feed, Fetched, Project, Text, Timestamp, Version, web::hash_hex};

/// An article not added because it is already there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The address asked for.
    pub url: String,
    /// The title of what it duplicates.
    pub same_as: String,
    /// The project's document, or `None` when it duplicates one earlier in the batch.
    pub existing: Option<DocId>,
}

/// What adding fetched articles would do.
#[derive(Debug, Clone)]
pub struct AddPlan {
    /// The articles to add.
    pub added: Vec<WebArticle>,
    /// The articles already there.
    pub skipped: Vec<Skipped>,
    /// One batch adding the documents and their fetch records; `None` when nothing is new.
    pub edit: Option<Edit>,
}

/// The project's document fetched from, or published at, `url`.
pub fn doc_with_url(project: &Project, url: &str) -> Option<DocId> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    project.web().doc_with_url(url).or_else(|| {
        project
            .documents()
            .values()
            .find(|d| d.url.trim() == url)
            .map(|d| d.id)
    })
}

/// Plans adding fetched articles (`feed`: the feed they were picked from, or empty).
pub fn plan_add(project: &Project, articles: Vec<WebArticle>, feed: &str) -> AddPlan {
    plan_add_from_feeds(
        project,
        articles.into_iter().map(|a| (a, feed.to_owned())).collect(),
    )
}

/// [`plan_add`] for articles each picked from its own feed (or none: empty): one plan, so an
/// article two feeds carry is added once.
pub fn plan_add_from_feeds(project: &Project, articles: Vec<(WebArticle, String)>) -> AddPlan {
    let mut added: Vec<WebArticle> = Vec::new();
    let mut skipped = Vec::new();
    for (mut article, feed) in articles {
        let urls = [
            article.record.url.as_str(),
            article.record.canonical.as_str(),
        ];
        let text = article.document.text.as_str();
        let existing = urls
            .iter()
            .find_map(|u| doc_with_url(project, u))
            .or_else(|| find_duplicate(project, text).map(|d| d.id));
        if let Some(id) = existing {
            skipped.push(Skipped {
                url: article.record.url.clone(),
                same_as: project
                    .document(id)
                    .map(|d| d.title.clone())
                    .unwrap_or_default(),
                existing: Some(id),
            });
            continue;
        }
        let earlier = added.iter().find(|a| {
            a.document.text == article.document.text
                || urls
                    .iter()
                    .any(|u| !u.is_empty() && (a.record.url == *u || a.record.canonical == *u))
        });
        if let Some(earlier) = earlier {
            skipped.push(Skipped {
                url: article.record.url.clone(),
                same_as: earlier.document.title.clone(),
                existing: None,
            });
            continue;
        }
        article.record.feed = feed;
        added.push(article);
    }
    let edits: Vec<Edit> = added
        .iter()
        .flat_map(|a| {
            [
                Edit::AddDocument(Box::new(a.document.clone())),
                Edit::Web(Box::new(WebEdit::SetFetched(
                    a.document.id,
                    Some(Box::new(a.record.clone())),
                ))),
            ]
        })
        .collect();
    AddPlan {
        added,
        skipped,
        edit: (!edits.is_empty()).then_some(Edit::Batch(edits)),
    }
}

/// Items the project remembers as seen, at most (the oldest beyond it are forgotten first;
/// those still in the feed are always kept).
pub const MAX_SEEN: usize = 2000;

/// What checking a feed found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedCheck {
    /// The feed's new state (title, validators, time, items seen); apply with [`feeds_edit`].
    pub feed: Feed,
    /// The server said nothing changed (`304`).
    pub not_modified: bool,
    /// Items neither seen before nor in the project, in the feed's order.
    pub new_items: Vec<FeedItem>,
}

/// The addresses a project's articles were fetched from or published at: what a feed check
/// needs of the project (a copy of a few strings an article, not of the project, so a check can
/// run on another thread).
#[derive(Debug, Clone, Default)]
pub struct KnownUrls(BTreeSet<String>);

impl KnownUrls {
    /// The addresses of `project`'s articles and fetch records.
    pub fn of(project: &Project) -> Self {
        let fetched = (project.web().fetched.values()).flat_map(|f| [&f.url, &f.canonical]);
        let published = project.documents().values().map(|d| &d.url);
        Self(
            fetched
                .chain(published)
                .map(|u| u.trim())
                .filter(|u| !u.is_empty())
                .map(str::to_owned)
                .collect(),
        )
    }

    /// Whether an article of the project has address `url`.
    pub fn contains(&self, url: &str) -> bool {
        self.0.contains(url.trim())
    }
}

/// Fetches a feed with a conditional request and lists its new items (network): those neither
/// seen before nor at an address in `known`.
pub fn check_feed(client: &Client, known: &KnownUrls, feed: &Feed) -> Result<FeedCheck, WebError> {
    let response = client.get(&feed.url, &feed.etag, &feed.last_modified)?;
    let mut state = feed.clone();
    state.checked = Some(response.retrieved);
    if response.not_modified {
        return Ok(FeedCheck {
            feed: state,
            not_modified: true,
            new_items: Vec::new(),
        });
    }
    let parsed = feed::parse(&response.body, &response.url)?;
    if !parsed.title.is_empty() {
        state.title = parsed.title.clone();
    }
    state.etag = response.etag;
    state.last_modified = response.last_modified;
    let seen: BTreeSet<&str> = feed.seen.iter().map(String::as_str).collect();
    let mut listed = BTreeSet::new();
    let new_items: Vec<FeedItem> = parsed
        .items
        .iter()
        .filter(|item| !seen.contains(item.key()))
        .filter(|item| !known.contains(&item.link))
        .filter(|item| listed.insert(item.key().to_owned()))
        .cloned()
        .collect();
    let current: BTreeSet<String> = parsed.items.iter().map(|i| i.key().to_owned()).collect();
    let mut all: Vec<String> = current.iter().cloned().collect();
    let room = MAX_SEEN.saturating_sub(all.len());
    all.extend(
        feed.seen
            .iter()
            .filter(|s| !current.contains(*s))
            .take(room)
            .cloned(),
    );
    all.sort();
    all.dedup();
    state.seen = all;
    Ok(FeedCheck {
        feed: state,
        not_modified: false,
        new_items,
    })
}

/// One batch recording checked feeds' new states; `None` when nothing changed.
pub fn feeds_edit(checks: &[FeedCheck], project: &Project) -> Option<Edit> {
    let edits: Vec<Edit> = checks
        .iter()
        .filter(|c| project.web().feeds.get(&c.feed.url) != Some(&c.feed))
        .map(|c| {
            Edit::Web(Box::new(WebEdit::SetFeed(
                c.feed.url.clone(),
                Some(Box::new(c.feed.clone())),
            )))
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// The edit that subscribes to a feed; `None` when the project follows it already.
pub fn subscribe(project: &Project, url: &str) -> Result<Option<Edit>, WebError> {
    let url = super::http::check_url(url)?;
    if project.web().feeds.contains_key(&url) {
        return Ok(None);
    }
    Ok(Some(Edit::Web(Box::new(WebEdit::SetFeed(
        url.clone(),
        Some(Box::new(Feed::new(url))),
    )))))
}

/// The address to re-fetch an article from: its fetch record's, or its own `url`.
pub fn refresh_url(project: &Project, doc: DocId) -> Option<String> {
    project
        .web()
        .fetched
        .get(&doc)
        .map(|f| f.url.clone())
        .or_else(|| project.document(doc).map(|d| d.url.trim().to_owned()))
        .filter(|u| super::http::check_url(u).is_ok())
}

/// A changed article, ready to apply.
#[derive(Debug, Clone)]
pub struct Refresh {
    /// The article.
    pub doc: DocId,
    /// One step: the new text (passages re-placed), the old kept as a version, the new title.
    pub edit: Edit,
    /// How the passages fared.
    pub counts: anchor::Counts,
    /// The passages orphaned, with their quotes.
    pub orphaned: Vec<anchor::Outcome>,
    /// The page changed without saying so (its modification date is the same as before).
    pub stealth: bool,
}

/// What refreshing one article needs of its project — the article with its passages and its
/// fetch record — copied, so the plan can be made on another thread.
#[derive(Debug, Clone)]
pub struct RefreshBase {
    article: ArticlePassages,
    fetched: Option<Fetched>,
}

impl RefreshBase {
    /// Copies article `doc` of `project` with what a refresh needs.
    pub fn of(project: &Project, doc: DocId) -> Result<Self, AnchorError> {
        Ok(Self {
            article: ArticlePassages::of(project, doc)?,
            fetched: project.web().fetched.get(&doc).cloned(),
        })
    }
}

/// Plans replacing article `doc`'s text by a re-fetched page's; `Ok(None)` when the text is the
/// same.
pub fn plan_refresh(
    project: &Project,
    doc: DocId,
    article: &WebArticle,
) -> Result<Option<Refresh>, AnchorError> {
    plan_refresh_from(&RefreshBase::of(project, doc)?, article)
}

/// [`plan_refresh`] on an article copied out of its project (see [`RefreshBase`]).
pub fn plan_refresh_from(
    base: &RefreshBase,
    article: &WebArticle,
) -> Result<Option<Refresh>, AnchorError> {
    let document = &base.article.document;
    let doc = document.id;
    let mut reanchored =
        match anchor::reanchor_article(&base.article, article.document.text.clone()) {
            Ok(r) => r,
            Err(AnchorError::Unchanged(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
    reanchored.replacement.origin = article.record.url.clone();
    reanchored.replacement.imported = article.record.fetched;
    let counts = reanchored.counts();
    let orphaned: Vec<anchor::Outcome> = reanchored.orphaned().cloned().collect();
    let old = base.fetched.as_ref();
    let stealth = old.and_then(|o| o.modified) == article.record.modified;
    let version = Version {
        fetched: old.map_or(document.imported, |o| o.fetched),
        replaced: article.record.fetched,
        hash: hash_hex(document.text.as_str().as_bytes()),
        title: document.title.clone(),
        stealth,
        text: document.text.as_str().to_owned(),
    };
    let mut record: Fetched = match old {
        Some(old) => Fetched {
            canonical: article.record.canonical.clone(),
            fetched: article.record.fetched,
            hash: article.record.hash.clone(),
            modified: article.record.modified.or(old.modified),
            ..old.clone()
        },
        None => Fetched {
            doc,
            ..article.record.clone()
        },
    };
    record.versions.push(version);
    let mut edits = vec![
        reanchored.into_edit(),
        Edit::Web(Box::new(WebEdit::SetFetched(doc, Some(Box::new(record))))),
    ];
    let new_title = article.document.title.trim();
    if !new_title.is_empty() && new_title != document.title {
        let mut meta = document.meta();
        new_title.clone_into(&mut meta.title);
        edits.push(Edit::SetDocumentMeta(doc, meta));
    }
    Ok(Some(Refresh {
        doc,
        edit: Edit::Batch(edits),
        counts,
        orphaned,
        stealth,
    }))
}

/// The text of an article's current version, hashed like [`Version::hash`].
pub fn text_hash(text: &Text) -> String {
    hash_hex(text.as_str().as_bytes())
}

/// When the current text of an article was fetched, if it was.
pub fn fetched_at(project: &Project, doc: DocId) -> Option<Timestamp> {
    project.web().fetched.get(&doc).map(|f| f.fetched)
}
