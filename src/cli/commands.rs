//! The subcommands themselves: each loads what it needs, does its work and reports through the
//! given streams. None of them writes a file unless everything before the write succeeded.

use std::io::Write;
use std::path::Path;

use super::error::{CliError, count, write_problems};
use super::{ExportArgs, FmtArgs, ImportArgs, StatsArgs, Status};
use crate::anchor;
use crate::export;
use crate::import::{self, ImportOptions};
use crate::model::Project;
use crate::session::Session;
use crate::store::{self, LoadError};

/// `dossier import FILES... --into PROJECT [--lossy]`: all or nothing.
pub(super) fn import(
    args: &ImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, CliError> {
    if let Some(doc) = &args.replace {
        return replace(args, doc, out, err);
    }
    let path = &args.into;
    let (mut session, created) = Session::open_or_create(path, &title_from_file_name(path))?;
    let opts = ImportOptions { lossy: args.lossy };
    let batch =
        import::import_paths(session.project(), &args.files, &opts).map_err(|failures| {
            CliError::ImportRefused {
                path: path.clone(),
                failures,
            }
        })?;
    for d in &batch.duplicates {
        let _ = writeln!(
            err,
            "dossier: skipped: the same text as {:?} is already there — {}",
            d.same_as, d.origin
        );
    }
    for warning in &batch.warnings {
        let _ = writeln!(err, "dossier: warning: {warning}");
    }
    if batch.is_empty() {
        let what = if created {
            "nothing new to import, so no project was created"
        } else {
            "nothing new to import; the project is unchanged"
        };
        writeln!(out, "{what} — {}", path.display()).map_err(CliError::Stdout)?;
        return Ok(Status::Done);
    }
    let mut edit = batch.edit;
    if let Some(author) = &args.author {
        edit.stamp_author(author);
    }
    session.apply(edit).map_err(|source| CliError::Apply {
        path: path.clone(),
        source,
    })?;
    session.save_to(path)?;
    for item in &batch.imported {
        let doc = &item.document;
        writeln!(
            out,
            "imported {:?} ({}, {}) — {}",
            doc.title,
            item.encoding,
            count(doc.text.len_chars(), "char"),
            doc.origin
        )
        .map_err(CliError::Stdout)?;
        for warning in &item.warnings {
            let _ = writeln!(err, "dossier: warning: {warning} — {}", doc.origin);
        }
    }
    let undated: Vec<String> = batch
        .imported
        .iter()
        .filter(|i| i.document.published.is_none())
        .map(|i| format!("{:?}", i.document.title))
        .collect();
    if !undated.is_empty() {
        writeln!(
            out,
            "no publication date found in {}: {}",
            count(undated.len(), "document"),
            undated.join(", ")
        )
        .map_err(CliError::Stdout)?;
    }
    for (id, meta, fields) in &batch.updates {
        let _ = id;
        writeln!(
            out,
            "filled in the {} of {:?}",
            fields.join(", "),
            meta.title
        )
        .map_err(CliError::Stdout)?;
    }
    let mut added = vec![count(batch.imported.len(), "document")];
    for (n, noun) in [
        (batch.tags.len(), "tag"),
        (batch.passages.len(), "passage"),
        (batch.actors.len(), "actor"),
        (batch.events.len(), "event"),
    ] {
        if n > 0 {
            added.push(count(n, noun));
        }
    }
    if !batch.updates.is_empty() {
        added.push(format!(
            "metadata for {}",
            count(batch.updates.len(), "existing document")
        ));
    }
    let added = added.join(", ");
    let summary = if created {
        format!("created the project with {added}")
    } else {
        format!(
            "added {added}; the project now has {}",
            session.project().documents().len()
        )
    };
    writeln!(out, "{summary} — {}", path.display()).map_err(CliError::Stdout)?;
    Ok(Status::Done)
}

/// `dossier import --replace DOC FILE --into PROJECT [--lossy]`: FILE's text replaces DOC's, the
/// passages are re-anchored, the project is saved, and the outcome is summarised.
fn replace(
    args: &ImportArgs,
    doc: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, CliError> {
    let path = &args.into;
    let file = match args.files.as_slice() {
        [one] if one.is_dir() => {
            return Err(CliError::ReplaceNeedsOneFile {
                given: "a folder".to_owned(),
                path: one.clone(),
            });
        }
        [one] => one,
        many => {
            return Err(CliError::ReplaceNeedsOneFile {
                given: count(many.len(), "file"),
                path: path.clone(),
            });
        }
    };
    let mut session = Session::open(path)?;
    let project = session.project();
    let terms = export::QueryTerms {
        docs: vec![doc.to_owned()],
        ..export::QueryTerms::default()
    };
    let doc_id = terms
        .resolve(project)
        .map_err(|errors| CliError::Query {
            path: path.clone(),
            errors,
        })?
        .docs
        .into_iter()
        .next()
        .ok_or_else(|| CliError::Query {
            path: path.clone(),
            errors: Vec::new(),
        })?;
    let opts = ImportOptions { lossy: args.lossy };
    // The importer reads and decodes the file exactly as `import` would (size limit, encodings,
    // line ends); an empty project means nothing counts as a duplicate.
    let batch = import::import_paths(&Project::new(""), std::slice::from_ref(file), &opts)
        .map_err(|failures| CliError::ImportRefused {
            path: path.clone(),
            failures,
        })?;
    if batch.imported.len() > 1 || !batch.passages.is_empty() || !batch.tags.is_empty() {
        return Err(CliError::ReplaceNeedsOneFile {
            given: "a QDA project".to_owned(),
            path: file.clone(),
        });
    }
    let Some(item) = batch.imported.into_iter().next() else {
        return Err(CliError::ReplaceNeedsOneFile {
            given: "a file with no article".to_owned(),
            path: file.clone(),
        });
    };
    let title = project
        .document(doc_id)
        .map(|d| d.title.clone())
        .unwrap_or_default();
    let mut reanchored = match anchor::reanchor(project, doc_id, item.document.text.clone()) {
        Ok(r) => r,
        Err(anchor::AnchorError::Unchanged(_)) => {
            writeln!(
                out,
                "the text of {title:?} is already the one in {}; the project is unchanged — {}",
                file.display(),
                path.display()
            )
            .map_err(CliError::Stdout)?;
            return Ok(Status::Done);
        }
        Err(anchor::AnchorError::NoDocument(_)) => {
            return Err(CliError::Query {
                path: path.clone(),
                errors: vec![export::QueryError::Unknown {
                    noun: "document",
                    term: doc.to_owned(),
                }],
            });
        }
    };
    reanchored.replacement.origin = item.document.origin.clone();
    reanchored.replacement.imported = item.document.imported;
    let counts = reanchored.counts();
    let orphans: Vec<anchor::Outcome> = reanchored.orphaned().cloned().collect();
    // Approximate placements, old quote → new quote, for the analyst to review.
    let changed: Vec<(String, String, String)> = reanchored
        .outcomes
        .iter()
        .filter(|o| matches!(o.placement, anchor::Placement::Approximate { .. }))
        .filter_map(|o| {
            let new = reanchored
                .replacement
                .passages
                .iter()
                .find(|p| p.id == o.passage)?;
            Some((o.passage.to_string(), o.quote.clone(), new.quote.clone()))
        })
        .collect();
    session
        .apply(reanchored.into_edit())
        .map_err(|source| CliError::Apply {
            path: path.clone(),
            source,
        })?;
    session.save_to(path)?;
    for warning in &item.warnings {
        let _ = writeln!(err, "dossier: warning: {warning} — {}", file.display());
    }
    let mut text = format!(
        "replaced the text of {title:?} with {} ({}, {})\n",
        file.display(),
        item.encoding,
        count(item.document.text.len_chars(), "char"),
    );
    text.push_str(&format!(
        "passages: {} placed exactly, {} approximately (their quote now follows the new text), {} orphaned\n",
        counts.exact, counts.approximate, counts.orphaned
    ));
    for (id, old, new) in &changed {
        text.push_str(&format!(
            "  {id} {:?} is now {:?}\n",
            shorten(old, 60),
            shorten(new, 60)
        ));
    }
    if !orphans.is_empty() {
        text.push_str(
            "orphaned passages keep their quote, tags, links and note; place or delete them in the window:\n",
        );
        for o in &orphans {
            let anchor::Placement::Orphaned(reason) = o.placement else {
                continue;
            };
            text.push_str(&format!(
                "  {} {:?}: {reason}{}\n",
                o.passage,
                shorten(&o.quote, 80),
                if o.was_orphan {
                    " (already orphaned)"
                } else {
                    ""
                }
            ));
        }
    }
    text.push_str(&format!("saved — {}\n", path.display()));
    out.write_all(text.as_bytes()).map_err(CliError::Stdout)?;
    Ok(Status::Done)
}

/// At most `n` chars of `s`, with an ellipsis when cut.
fn shorten(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// A new project's title: its file name without the extension.
pub(super) fn title_from_file_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Untitled project".to_owned())
}

/// `dossier check PROJECT`: 0 valid, 1 every problem listed, 2 unreadable.
pub(super) fn check(
    path: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, CliError> {
    match store::load(path) {
        Ok(project) if !project.conflicts().is_empty() => {
            let conflicts = project.conflicts();
            for c in conflicts.values() {
                let _ = writeln!(err, "dossier: open conflict: {c} — {}", path.display());
            }
            let _ = writeln!(
                err,
                "dossier: the project has {} from a merge; open it in Dossier to pick a side — {}",
                count(conflicts.len(), "open conflict"),
                path.display()
            );
            Ok(Status::Problems)
        }
        Ok(project) => {
            let orphans = match project.orphans().len() {
                0 => String::new(),
                n => format!(" ({} not placed in its text)", count(n, "orphaned passage")),
            };
            writeln!(out, "ok: {}{orphans} — {}", project.stats(), path.display())
                .map_err(CliError::Stdout)?;
            Ok(Status::Done)
        }
        Err(LoadError::Invalid { path, problems }) => {
            // Stderr failing leaves the exit code to tell.
            let _ = write_problems(err, &problems, &path).and_then(|()| {
                writeln!(
                    err,
                    "dossier: the project has {} — {}",
                    count(problems.len(), "problem"),
                    path.display()
                )
            });
            Ok(Status::Problems)
        }
        Err(e) => Err(e.into()),
    }
}

/// `dossier stats PROJECT [--json]`.
pub(super) fn stats(args: &StatsArgs, out: &mut dyn Write) -> Result<Status, CliError> {
    let project = store::load(&args.project)?;
    let stats = project.stats();
    let text = if args.json {
        // Stats is a flat struct of integers; encoding it cannot fail, but say so if it does.
        let mut json = serde_json::to_string(&stats).map_err(|e| CliError::Export {
            path: args.project.clone(),
            source: e.into(),
        })?;
        json.push('\n');
        json
    } else {
        let title = if project.title.trim().is_empty() {
            "(untitled)"
        } else {
            project.title.as_str()
        };
        let mut text = format!("{title} — {}\n", args.project.display());
        for (label, n) in [
            ("documents", stats.documents),
            ("passages", stats.passages),
            ("tags", stats.tags),
            ("actors", stats.actors),
            ("events", stats.events),
            ("links", stats.links),
        ] {
            text.push_str(&format!("  {label:<10} {n:>6}\n"));
        }
        text
    };
    out.write_all(text.as_bytes()).map_err(CliError::Stdout)?;
    Ok(Status::Done)
}

/// `dossier fmt PROJECT [--check]`.
pub(super) fn fmt(
    args: &FmtArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, CliError> {
    let path = &args.project;
    let project = store::load(path)?;
    let canonical = canonical_text(&project, path)?;
    let on_disk = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.clone(),
        source,
    })?;
    if on_disk == canonical.as_bytes() {
        writeln!(out, "already in canonical form — {}", path.display())
            .map_err(CliError::Stdout)?;
        return Ok(Status::Done);
    }
    if args.check {
        let line = first_different_line(&on_disk, canonical.as_bytes());
        let _ = writeln!(
            err,
            "dossier: not in canonical form (first difference at line {line}); `dossier fmt` rewrites it — {}",
            path.display()
        );
        return Ok(Status::Problems);
    }
    store::write_atomic(path, canonical.as_bytes(), true).map_err(|source| CliError::Write {
        what: "project file",
        path: path.clone(),
        source,
    })?;
    writeln!(
        out,
        "rewrote in canonical form (the old file is kept as {}) — {}",
        store::backup_path(path).display(),
        path.display()
    )
    .map_err(CliError::Stdout)?;
    Ok(Status::Done)
}

/// The canonical RON text of a project loaded from `path`.
fn canonical_text(project: &Project, path: &Path) -> Result<String, CliError> {
    store::to_ron_string(project).map_err(|e| CliError::Encode {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

/// The 1-based number of the first line where two texts differ.
fn first_different_line(a: &[u8], b: &[u8]) -> usize {
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    a.iter().take(same).filter(|&&c| c == b'\n').count() + 1
}

/// `dossier export PROJECT --format F [--out FILE] [filters]`.
pub(super) fn export(args: &ExportArgs, out: &mut dyn Write) -> Result<Status, CliError> {
    let path = &args.project;
    let project = store::load(path)?;
    let query = args
        .filters
        .to_terms()
        .resolve(&project)
        .map_err(|errors| CliError::Query {
            path: path.clone(),
            errors,
        })?;
    let bytes = export::export_with(&project, &query, args.format, &args.options(&project))
        .map_err(|source| CliError::Export {
            path: path.clone(),
            source,
        })?;
    let Some(out_path) = &args.out else {
        out.write_all(&bytes).map_err(CliError::Stdout)?;
        return Ok(Status::Done);
    };
    if same_file(out_path, path) {
        return Err(CliError::OutIsProject { path: path.clone() });
    }
    store::write_atomic(out_path, &bytes, false).map_err(|source| CliError::Write {
        what: "export",
        path: out_path.clone(),
        source,
    })?;
    let selected = query.run(&project);
    writeln!(
        out,
        "exported {} and {} ({}) as {} — {}",
        count(selected.passages.len(), "passage"),
        count(selected.documents.len(), "document"),
        query,
        args.format,
        out_path.display()
    )
    .map_err(CliError::Stdout)?;
    Ok(Status::Done)
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
