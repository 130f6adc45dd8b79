//! Atomic file replacement: write a temporary file beside the target, fsync it, keep the old file
//! as a backup, rename the new one over it, fsync the folder. A crash at any point leaves either
//! the old or the new file in place, never a mix.
//!
//! A process killed mid-save cannot remove its temporary file; the next successful save of the
//! same file removes such leftovers once they are an hour old (younger ones may belong to a save
//! still running in another process).

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Temporary files of the same target older than this are leftovers of a crashed save.
const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// The backup kept beside a saved file: `NAME.ron` → `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Replaces `path` with `bytes` atomically. With `keep_backup`, the file being replaced is kept as
/// [`backup_path`] (replaced atomically too). A symlink at `path` is followed, not replaced.
///
/// Limitations: atomicity needs a filesystem with atomic rename (every local Unix filesystem and
/// NTFS); on network filesystems it is as good as their rename.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    write_atomic_with(path, keep_backup, |file| file.write_all(bytes))
}

/// [`write_atomic`] with the contents written by `write` into the temporary file (which is then
/// flushed and fsynced). If `write` fails — a full disk, say — the target and its backup are left
/// as they were and the temporary file is removed.
pub fn write_atomic_with(
    path: &Path,
    keep_backup: bool,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let target = match fs::canonicalize(path) {
        Ok(real) => real,
        Err(_) => path.to_owned(),
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"))?
        .to_string_lossy()
        .into_owned();
    let old_meta = fs::metadata(&target).ok();
    if old_meta.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "the path is a folder",
        ));
    }

    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    write(tmp.as_file_mut())?;
    tmp.flush()?;
    if let Some(meta) = &old_meta {
        tmp.as_file().set_permissions(meta.permissions())?;
    } else {
        set_default_permissions(tmp.as_file())?;
    }
    tmp.as_file().sync_all()?;

    if keep_backup && old_meta.is_some() {
        let bak = backup_path(&target);
        tempfile::Builder::new()
            .prefix(&format!(".{name}.bak."))
            .suffix(".tmp")
            .make_in(&dir, |p| {
                // A hard link costs nothing; copy where the filesystem has none.
                fs::hard_link(&target, p).or_else(|_| {
                    fs::copy(&target, p)?;
                    File::open(p)?.sync_all()
                })
            })
            .and_then(|bak_tmp| bak_tmp.persist(&bak).map_err(|e| e.error))
            .map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!(
                        "could not keep the previous version as {}: {e}",
                        bak.display()
                    ),
                )
            })?;
    }

    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(&dir)?;
    remove_stale_temporaries(&dir, &name);
    Ok(())
}

/// Removes this target's temporary files (`.NAME.*.tmp`) left by saves that crashed more than
/// [`STALE_AFTER`] ago. Best effort: a file that cannot be removed stays.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if !(file_name.starts_with(&prefix) && file_name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn set_default_permissions(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}
