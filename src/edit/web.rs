//! The edits of feeds and fetch records ([`crate::model::web`]): each sets or clears one feed or
//! one document's record as a whole, and its inverse puts back what was there.

use super::{Edit, EditError};
use crate::model::{DocId, Feed, Fetched, Problem, Project};

/// A change to what a project keeps about the web; wrapped in [`Edit::Web`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebEdit {
    /// Sets (`Some`) or removes (`None`) the fetch record of a document; a record's `doc` must
    /// be the document named.
    SetFetched(DocId, Option<Box<Fetched>>),
    /// Adds or changes (`Some`) or removes (`None`) the feed with an address; a feed's `url`
    /// must be the address named.
    SetFeed(String, Option<Box<Feed>>),
}

impl WebEdit {
    /// The document the edit is about, if it is about one.
    pub fn doc(&self) -> Option<DocId> {
        match self {
            Self::SetFetched(doc, _) => Some(*doc),
            Self::SetFeed(..) => None,
        }
    }

    /// A short human description, for undo menu entries.
    pub fn label(&self) -> &'static str {
        match self {
            Self::SetFetched(..) => "record fetched article",
            Self::SetFeed(_, Some(_)) => "update feed",
            Self::SetFeed(_, None) => "remove feed",
        }
    }
}

/// Applies a [`WebEdit`], returning the edit that undoes it.
pub(super) fn apply(project: &mut Project, edit: WebEdit) -> Result<Edit, EditError> {
    match edit {
        WebEdit::SetFetched(doc, record) => {
            if let Some(record) = &record {
                if record.doc != doc {
                    return Err(EditError::Invalid(vec![Problem::Dangling {
                        owner: format!("the fetch record given for {doc}"),
                        noun: "document",
                        id: record.doc.to_string(),
                    }]));
                }
                let problems = project.check_fetched(record);
                if !problems.is_empty() {
                    return Err(EditError::Invalid(problems));
                }
            }
            let fetched = &mut project.web_mut().fetched;
            if fetched.get(&doc) == record.as_deref() {
                return Err(EditError::NoChange);
            }
            let old = match record {
                Some(record) => fetched.insert(doc, *record),
                None => fetched.remove(&doc),
            };
            Ok(Edit::Web(Box::new(WebEdit::SetFetched(
                doc,
                old.map(Box::new),
            ))))
        }
        WebEdit::SetFeed(url, feed) => {
            if let Some(feed) = &feed {
                let mut problems = project.check_feed(feed);
                if feed.url != url {
                    problems.push(Problem::Dangling {
                        owner: format!("the feed given for {url}"),
                        noun: "feed",
                        id: feed.url.clone(),
                    });
                }
                if !problems.is_empty() {
                    return Err(EditError::Invalid(problems));
                }
            }
            let feeds = &mut project.web_mut().feeds;
            if feeds.get(&url) == feed.as_deref() {
                return Err(EditError::NoChange);
            }
            let old = match feed {
                Some(feed) => feeds.insert(url.clone(), *feed),
                None => feeds.remove(&url),
            };
            Ok(Edit::Web(Box::new(WebEdit::SetFeed(
                url,
                old.map(Box::new),
            ))))
        }
    }
}
