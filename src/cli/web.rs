//! `dossier fetch`, `dossier feeds add | list | check` and `dossier refresh`: articles from the
//! web, feeds, and re-fetching articles to record their versions (see [`crate::web`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::Status;
use super::commands::title_from_file_name;
use super::error::{CliError, count};
use crate::export;
use crate::model::DocId;
use crate::session::Session;
use crate::web::{self, Client, WebArticle, WebError, plan};

/// Arguments of `dossier fetch`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Addresses (http:// or https://) of the articles.
    #[arg(value_name = "URL", required = true)]
    pub urls: Vec<String>,
    /// The project to add them to; created (titled after its file name) if it does not exist.
    #[arg(long, value_name = "PROJECT")]
    pub into: PathBuf,
}

/// Arguments of `dossier feeds`.
#[derive(Debug, Args)]
pub struct FeedsArgs {
    /// What to do with the project's feeds.
    #[command(subcommand)]
    pub action: FeedsAction,
}

/// A `dossier feeds` action.
#[derive(Debug, Subcommand)]
pub enum FeedsAction {
    /// Follow an RSS or Atom feed (it is read on the next `feeds check`).
    Add {
        /// The feed's address.
        #[arg(value_name = "URL")]
        url: String,
        /// The project; created if it does not exist.
        #[arg(long, value_name = "PROJECT")]
        into: PathBuf,
    },
    /// List the feeds a project follows, with when each was last checked.
    List {
        /// The project file (.ron).
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
    },
    /// Read every feed (conditional requests: an unchanged feed costs one short answer) and list
    /// the items not seen before and not already in the project; they count as seen afterwards.
    ///
    /// A feed that cannot be read is reported and keeps its state; the others are recorded.
    /// Exit 1 (nothing written) when none could be read.
    Check {
        /// The project file (.ron).
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// Also fetch every new item and add it to the project (items already there, by
        /// address or text, are skipped).
        #[arg(long)]
        import: bool,
    },
}

/// Arguments of `dossier refresh`.
#[derive(Debug, Args)]
pub struct RefreshArgs {
    /// The project file (.ron).
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
    /// Only this article (title, file name or id); repeatable. Default: every article with an
    /// address.
    #[arg(long, value_name = "DOC")]
    pub doc: Vec<String>,
}

/// `dossier fetch URL... --into PROJECT`: all or nothing.
pub(super) fn fetch(
    args: &FetchArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, CliError> {
    fetch_with(&Client::new(), args, out, err)
}

/// [`fetch`] with a given client (tests use short timeouts).
pub fn fetch_with(
    client: &Client,
    args: &FetchArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, CliError> {
    let path = &args.into;
    let (mut session, created) = Session::open_or_create(path, &title_from_file_name(path))?;
    let (articles, failures): (Vec<_>, Vec<_>) = web::fetch_articles(client, &args.urls)
        .into_iter()
        .partition(Result::is_ok);
    if !failures.is_empty() {
        return Err(CliError::WebRefused {
            path: path.clone(),
            failures: failures.into_iter().filter_map(Result::err).collect(),
        });
    }
    let articles: Vec<WebArticle> = articles.into_iter().filter_map(Result::ok).collect();
    let plan = plan::plan_add(session.project(), articles, "");
    report_skipped(&plan.skipped, err);
    let Some(edit) = plan.edit else {
        let what = if created {
            "nothing new to add, so no project was created"
        } else {
            "nothing new to add; the project is unchanged"
        };
        writeln!(out, "{what} — {}", path.display()).map_err(CliError::Stdout)?;
        return Ok(Status::Done);
    };
    apply_and_save(&mut session, edit, path)?;
    report_added(&plan.added, out, err)?;
    report_reprints(session.project(), &plan.added, out)?;
    writeln!(
        out,
        "added {} — {}",
        count(plan.added.len(), "article"),
        path.display()
    )
    .map_err(CliError::Stdout)?;
    Ok(Status::Done)
}

/// Names the articles the added ones are reprints of (see [`crate::reprint`]).
fn report_reprints(
    project: &crate::model::Project,
    added: &[WebArticle],
    out: &mut dyn Write,
) -> Result<(), CliError> {
    for a in added {
        let d = &a.document;
        for (other, similarity) in crate::reprint::reprints_of(project, d.text.as_str(), Some(d.id))
        {
            let Some(other) = project.document(other) else {
                continue;
            };
            let outlet = if other.source.is_empty() {
                "no outlet"
            } else {
                &other.source
            };
            writeln!(
                out,
                "reprint: {:?} is the same story as {:?} ({outlet}), {:.0}% of five-word runs shared",
                d.title,
                other.title,
                similarity * 100.0
            )
            .map_err(CliError::Stdout)?;
        }
    }
    Ok(())
}

fn report_skipped(skipped: &[plan::Skipped], err: &mut dyn Write) {
    for s in skipped {
        let _ = writeln!(
            err,
            "dossier: skipped: the same article as {:?} is already there — {}",
            s.same_as, s.url
        );
    }
}

fn report_added(
    added: &[WebArticle],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    for a in added {
        let d = &a.document;
        let mut about = vec![count(d.text.len_chars(), "char")];
        if !d.source.is_empty() {
            about.push(d.source.clone());
        }
        if let Some(date) = d.published {
            about.push(date.to_string());
        }
        writeln!(
            out,
            "fetched {:?} ({}) — {}",
            d.title,
            about.join(", "),
            a.record.url
        )
        .map_err(CliError::Stdout)?;
        for w in &a.warnings {
            let _ = writeln!(err, "dossier: warning: {w} — {}", a.record.url);
        }
    }
    Ok(())
}

fn apply_and_save(
    session: &mut Session,
    edit: crate::edit::Edit,
    path: &Path,
) -> Result<(), CliError> {
    session.apply(edit).map_err(|source| CliError::Apply {
        path: path.to_owned(),
        source,
    })?;
    session.save_to(path)?;
    Ok(())
}

/// `dossier feeds …`.
pub(super) fn feeds(
    args: &FeedsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, CliError> {
    feeds_with(&Client::new(), args, out, err)
}

/// [`feeds`] with a given client.
pub fn feeds_with(
    client: &Client,
    args: &FeedsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, CliError> {
    match &args.action {
        FeedsAction::Add { url, into } => {
            let (mut session, _) = Session::open_or_create(into, &title_from_file_name(into))?;
            let edit =
                plan::subscribe(session.project(), url).map_err(|e| CliError::WebRefused {
                    path: into.clone(),
                    failures: vec![e],
                })?;
            match edit {
                None => writeln!(out, "already following {url} — {}", into.display()),
                Some(edit) => {
                    apply_and_save(&mut session, edit, into)?;
                    writeln!(out, "following {} — {}", url.trim(), into.display())
                }
            }
            .map_err(CliError::Stdout)?;
            Ok(Status::Done)
        }
        FeedsAction::List { project } => {
            let session = Session::open(project)?;
            let feeds = &session.project().web().feeds;
            for feed in feeds.values() {
                let checked = feed
                    .checked
                    .map_or_else(|| "never checked".to_owned(), |t| format!("checked {t}"));
                let title = if feed.title.is_empty() {
                    "(untitled)"
                } else {
                    &feed.title
                };
                writeln!(out, "{}\t{title}\t{checked}", feed.url).map_err(CliError::Stdout)?;
            }
            if feeds.is_empty() {
                writeln!(out, "no feeds — {}", project.display()).map_err(CliError::Stdout)?;
            }
            Ok(Status::Done)
        }
        FeedsAction::Check { project, import } => check(client, project, *import, out, err),
    }
}

fn check(
    client: &Client,
    path: &Path,
    import: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, CliError> {
    let mut session = Session::open(path)?;
    let feeds: Vec<_> = session.project().web().feeds.values().cloned().collect();
    if feeds.is_empty() {
        writeln!(out, "no feeds to check — {}", path.display()).map_err(CliError::Stdout)?;
        return Ok(Status::Done);
    }
    let mut checks = Vec::new();
    let mut failures = Vec::new();
    let known = plan::KnownUrls::of(session.project());
    for feed in &feeds {
        match plan::check_feed(client, &known, feed) {
            Ok(c) => checks.push(c),
            Err(e) => failures.push(e),
        }
    }
    if checks.is_empty() {
        return Err(CliError::WebRefused {
            path: path.to_owned(),
            failures,
        });
    }
    for f in &failures {
        let _ = writeln!(err, "dossier: warning: {f}");
    }
    let mut edits = Vec::new();
    let mut added = Vec::new();
    let mut draft = None;
    for c in &checks {
        let name = if c.feed.title.is_empty() {
            &c.feed.url
        } else {
            &c.feed.title
        };
        if c.not_modified {
            writeln!(out, "{name}: not modified").map_err(CliError::Stdout)?;
            continue;
        }
        writeln!(out, "{name}: {}", count(c.new_items.len(), "new item"))
            .map_err(CliError::Stdout)?;
        for item in &c.new_items {
            let date = item.published.map(|d| format!(", {d}")).unwrap_or_default();
            writeln!(
                out,
                "  {:?} ({}{date}) {}",
                item.title,
                item.outlet,
                item.key()
            )
            .map_err(CliError::Stdout)?;
        }
        if import {
            let links: Vec<String> = c
                .new_items
                .iter()
                .map(|i| i.link.clone())
                .filter(|l| !l.is_empty())
                .collect();
            let mut articles = Vec::new();
            for result in web::fetch_articles(client, &links) {
                match result {
                    Ok(a) => articles.push(a),
                    Err(e) => {
                        let _ = writeln!(err, "dossier: warning: not added: {e}");
                    }
                }
            }
            // Earlier feeds' articles count as already there.
            let draft = draft.get_or_insert_with(|| session.project().clone());
            let plan = plan::plan_add(draft, articles, &c.feed.url);
            report_skipped(&plan.skipped, err);
            if let Some(edit) = plan.edit {
                crate::edit::apply(draft, edit.clone()).map_err(|source| CliError::Apply {
                    path: path.to_owned(),
                    source,
                })?;
                edits.push(edit);
            }
            added.extend(plan.added);
        }
    }
    edits.extend(plan::feeds_edit(&checks, session.project()));
    if !edits.is_empty() {
        apply_and_save(&mut session, crate::edit::Edit::Batch(edits), path)?;
    }
    if import {
        report_added(&added, out, err)?;
        report_reprints(session.project(), &added, out)?;
        writeln!(
            out,
            "added {} — {}",
            count(added.len(), "article"),
            path.display()
        )
        .map_err(CliError::Stdout)?;
    }
    Ok(Status::Done)
}

/// `dossier refresh PROJECT [--doc DOC]...`.
pub(super) fn refresh(
    args: &RefreshArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, CliError> {
    refresh_with(&Client::new(), args, out, err)
}

/// [`refresh`] with a given client.
pub fn refresh_with(
    client: &Client,
    args: &RefreshArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, CliError> {
    let path = &args.project;
    let mut session = Session::open(path)?;
    let project = session.project();
    let docs: Vec<DocId> = if args.doc.is_empty() {
        project.documents().keys().copied().collect()
    } else {
        let terms = export::QueryTerms {
            docs: args.doc.clone(),
            ..export::QueryTerms::default()
        };
        terms
            .resolve(project)
            .map_err(|errors| CliError::Query {
                path: path.clone(),
                errors,
            })?
            .docs
            .into_iter()
            .collect()
    };
    let targets: Vec<(DocId, String)> = docs
        .into_iter()
        .filter_map(|d| plan::refresh_url(project, d).map(|u| (d, u)))
        .collect();
    if targets.is_empty() {
        writeln!(
            out,
            "no articles with a web address to re-fetch — {}",
            path.display()
        )
        .map_err(CliError::Stdout)?;
        return Ok(Status::Done);
    }
    let urls: Vec<String> = targets.iter().map(|(_, u)| u.clone()).collect();
    let results = web::fetch_articles(client, &urls);
    let mut failures: Vec<WebError> = Vec::new();
    let mut changed = 0;
    for ((doc, _), result) in targets.iter().zip(results) {
        let article = match result {
            Ok(a) => a,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let title = session
            .project()
            .document(*doc)
            .map(|d| d.title.clone())
            .unwrap_or_default();
        let refresh = plan::plan_refresh(session.project(), *doc, &article).map_err(|e| {
            CliError::WebRefused {
                path: path.clone(),
                failures: vec![WebError::Page {
                    reason: e.to_string(),
                    url: article.record.url.clone(),
                }],
            }
        })?;
        let Some(refresh) = refresh else {
            writeln!(out, "unchanged: {title:?}").map_err(CliError::Stdout)?;
            continue;
        };
        session
            .apply(refresh.edit)
            .map_err(|source| CliError::Apply {
                path: path.clone(),
                source,
            })?;
        changed += 1;
        let c = refresh.counts;
        writeln!(
            out,
            "changed{}: {title:?} — the old text is kept as a version; passages: {} placed exactly, {} approximately, {} orphaned",
            if refresh.stealth { " (no new modification date: a stealth edit)" } else { "" },
            c.exact,
            c.approximate,
            c.orphaned
        )
        .map_err(CliError::Stdout)?;
        for o in &refresh.orphaned {
            writeln!(out, "  orphaned {}: {:?}", o.passage, o.quote).map_err(CliError::Stdout)?;
        }
    }
    if failures.len() == targets.len() {
        return Err(CliError::WebRefused {
            path: path.clone(),
            failures,
        });
    }
    for f in &failures {
        let _ = writeln!(
            err,
            "dossier: warning: not re-fetched (the article is kept as it is): {f}"
        );
    }
    if changed > 0 {
        session.save_to(path)?;
    }
    writeln!(
        out,
        "re-fetched {}, {} changed — {}",
        count(targets.len() - failures.len(), "article"),
        changed,
        path.display()
    )
    .map_err(CliError::Stdout)?;
    Ok(Status::Done)
}
