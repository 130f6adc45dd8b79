//! The team commands: `dossier merge` (a three-way merge of projects, git's merge driver) and
//! `dossier git-setup` (tells a git repository to merge projects with it).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use super::error::{CliError, count};
use super::{GitSetupArgs, MergeArgs, ResolveArgs, Status};
use crate::merge;
use crate::model::Project;
use crate::store::{self, LoadError};

/// The lines `git-setup` makes sure `.gitignore` has: the lock, recovery and backup files Dossier
/// keeps beside a project, and its temporary files while saving.
pub const IGNORED: [&str; 4] = [
    ".*.ron.lock",
    ".*.ron.recovery",
    "*.ron.bak",
    ".*.ron.*.tmp",
];

/// The `.gitattributes` line that sends projects to the driver.
pub const ATTRIBUTE: &str = "*.ron merge=dossier";

/// The original for a merge: an empty file (git's "added on both sides", or no common
/// ancestor) is an empty project, so the merge is a union.
fn load_base(path: &Path) -> Result<Project, CliError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Project::default());
    }
    Ok(store::load(path)?)
}

/// `dossier merge BASE OURS THEIRS [-o OUT]`: 0 merged cleanly, 1 conflicts recorded in the
/// result, 2 an input could not be read (nothing written).
pub(super) fn merge(
    args: &MergeArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, CliError> {
    let base = load_base(&args.base)?;
    let ours = store::load(&args.ours)?;
    let theirs = store::load(&args.theirs)?;
    let merged = merge::merge(&base, &ours, &theirs).map_err(|source| CliError::Merge {
        path: args.ours.clone(),
        source,
    })?;
    let target = args.out.as_ref().unwrap_or(&args.ours);
    // No backup: git's files are temporary, and OUT is new or meant to be replaced.
    store::save_file(&merged.project, target, false)?;
    let s = &merged.summary;
    writeln!(
        out,
        "merged: {} added on our side, {} on theirs; {} removed by ours, {} by theirs; {} changed on both{}{}{} — {}",
        s.added.0,
        s.added.1,
        s.removed.0,
        s.removed.1,
        s.merged,
        match s.unified {
            0 => String::new(),
            n => format!("; {} imported on both sides made one", count(n, "article")),
        },
        match s.unified_names {
            0 => String::new(),
            n => format!(
                "; {} created on both sides under one name made one",
                count(n, "tag or actor")
            ),
        },
        match (s.replaced, s.orphaned) {
            (0, _) => String::new(),
            (n, 0) => format!("; {} placed again in a replaced text", count(n, "passage")),
            (n, o) => format!(
                "; {} placed again in a replaced text ({o} kept as orphans)",
                count(n, "passage")
            ),
        },
        target.display()
    )
    .map_err(CliError::Stdout)?;
    for kept in &s.kept {
        writeln!(out, "kept {kept}").map_err(CliError::Stdout)?;
    }
    let conflicts = merged.project.conflicts();
    if conflicts.is_empty() {
        return Ok(Status::Done);
    }
    for c in conflicts.values() {
        let _ = writeln!(err, "dossier: conflict: {c} — {}", target.display());
    }
    let _ = writeln!(
        err,
        "dossier: {} recorded in the project; open it in Dossier to pick a side — {}",
        count(conflicts.len(), "conflict"),
        target.display()
    );
    Ok(Status::Problems)
}

/// Runs git in `dir` with `args`; its standard output, or why it failed.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Process::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("could not run git ({e})"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

/// Adds the lines `file` lacks at its end (creating it); returns how many were added.
fn ensure_lines(file: &Path, lines: &[&str]) -> std::io::Result<usize> {
    let old = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !old.lines().any(|have| have.trim() == *l))
        .collect();
    if missing.is_empty() {
        return Ok(0);
    }
    let mut text = old;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in &missing {
        text.push_str(line);
        text.push('\n');
    }
    store::write_atomic(file, text.as_bytes(), false)?;
    Ok(missing.len())
}

/// A path quoted for the shell git runs drivers with.
fn shell_quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// `dossier git-setup [DIR]`: the merge driver in the repository's config, the attribute that
/// uses it, and the ignores; running it again changes nothing.
pub(super) fn git_setup(args: &GitSetupArgs, out: &mut dyn Write) -> Result<Status, CliError> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let fail = |message: String| CliError::GitSetup {
        path: dir.clone(),
        message,
    };
    git(&dir, &["rev-parse", "--git-dir"])
        .map_err(|e| fail(format!("not inside a git repository ({e})")))?;
    let program = match &args.program {
        Some(p) => p.clone(),
        None => std::env::current_exe()
            .map(|p| shell_quoted(&p))
            .unwrap_or_else(|_| "dossier".to_owned()),
    };
    let driver = format!("{program} merge %O %A %B");
    let mut changed = Vec::new();
    for (key, value) in [
        ("merge.dossier.name", "Dossier: three-way merge of projects"),
        ("merge.dossier.driver", driver.as_str()),
    ] {
        if git(&dir, &["config", "--local", "--get", key])
            .ok()
            .as_deref()
            != Some(value)
        {
            git(&dir, &["config", "--local", key, value]).map_err(fail)?;
            changed.push(format!("git config {key}"));
        }
    }
    let write = |file: &str, lines: &[&str]| {
        let path = dir.join(file);
        ensure_lines(&path, lines).map_err(|source| CliError::Write {
            what: "git file",
            path,
            source,
        })
    };
    if write(".gitattributes", &[ATTRIBUTE])? > 0 {
        changed.push(".gitattributes".to_owned());
    }
    if write(".gitignore", &IGNORED)? > 0 {
        changed.push(".gitignore".to_owned());
    }
    if changed.is_empty() {
        writeln!(out, "already set up — {}", dir.display()).map_err(CliError::Stdout)?;
    } else {
        writeln!(
            out,
            "set up {} (merge driver: {driver}) — {}",
            changed.join(", "),
            dir.display()
        )
        .map_err(CliError::Stdout)?;
    }
    Ok(Status::Done)
}

/// `dossier resolve PROJECT [ITEM FIELD (--ours | --theirs | --base | --value V)]`: lists the open
/// conflicts, or resolves one and saves (the previous file kept as a backup).
pub(super) fn resolve(args: &ResolveArgs, out: &mut dyn Write) -> Result<Status, CliError> {
    use crate::merge::resolve::{Choice, ResolveError, resolution};
    let path = &args.project;
    let mut project = store::load(path)?;
    if let Some(author) = &args.author {
        project.set_session_author(author.as_str());
    }
    let (Some(item), Some(field)) = (&args.item, &args.field) else {
        for c in project.conflicts().values() {
            writeln!(out, "{c}").map_err(CliError::Stdout)?;
        }
        writeln!(
            out,
            "{} — {}",
            count(project.conflicts().len(), "open conflict"),
            path.display()
        )
        .map_err(CliError::Stdout)?;
        return Ok(Status::Done);
    };
    let choice = match (&args.value, args.ours, args.theirs) {
        (Some(v), ..) => Choice::Edited(v.clone()),
        (None, true, _) => Choice::Ours,
        (None, _, true) => Choice::Theirs,
        _ => Choice::Base,
    };
    let key = crate::model::ConflictKey {
        item: item.clone(),
        field: field.clone(),
    };
    let failed = |source| CliError::Resolve {
        path: path.clone(),
        source,
    };
    let edit = resolution(&project, &key, choice).map_err(failed)?;
    crate::edit::apply(&mut project, edit).map_err(|e| {
        failed(ResolveError::BadValue {
            item: item.clone(),
            field: field.clone(),
            reason: e.to_string(),
        })
    })?;
    store::save(&project, path)?;
    writeln!(
        out,
        "resolved {item} {field}; {} left — {}",
        count(project.conflicts().len(), "open conflict"),
        path.display()
    )
    .map_err(CliError::Stdout)?;
    Ok(Status::Done)
}
