//! Reading zip archives (qdpx, docx, odt) defensively: every entry name is checked (no absolute
//! paths, no `..`), and sizes are bounded before and while inflating, so a zip bomb is refused
//! with a clear error instead of filling memory.
//!
//! Nothing is ever extracted to disk; entries are read into memory by name.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::ImportError;

/// Most entries an archive may list.
pub const MAX_ENTRIES: usize = 10_000;
/// Most bytes one entry may inflate to (64 MiB).
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes all the entries read from one archive may inflate to (256 MiB).
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// Highest compression ratio accepted for entries over [`RATIO_FLOOR_BYTES`]: deflate reaches
/// about 1000:1 only on degenerate data, real text and XML stay well under 100:1.
pub const MAX_RATIO: u64 = 200;
/// Entries smaller than this (1 MiB) are not checked for their ratio.
pub(crate) const RATIO_FLOOR_BYTES: u64 = 1024 * 1024;

/// An opened archive whose entry names have all been checked.
pub(crate) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Entry names (with `\` turned into `/`), by index.
    names: Vec<String>,
    origin: String,
    /// Bytes inflated so far.
    total: u64,
}

fn bad(origin: &str, reason: impl Into<String>) -> ImportError {
    ImportError::Archive {
        reason: reason.into(),
        origin: origin.to_owned(),
    }
}

/// Whether an entry name would escape the folder it were extracted to: absolute (`/x`, `\x`,
/// `C:x`), or with a `..` component.
pub(crate) fn is_unsafe_name(name: &str) -> bool {
    let name = name.replace('\\', "/");
    let bytes = name.as_bytes();
    name.starts_with('/')
        || (bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic())
        || name.split('/').any(|part| part == "..")
        || name.contains('\0')
}

impl<'a> Archive<'a> {
    /// Opens an archive, refusing it when it is not a zip, lists too many entries, or names an
    /// entry with an unsafe path.
    pub fn open(bytes: &'a [u8], origin: &str) -> Result<Self, ImportError> {
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| bad(origin, format!("not a readable zip archive ({e})")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(ImportError::ArchiveLimit {
                what: format!("{} entries, the limit is {MAX_ENTRIES}", zip.len()),
                origin: origin.to_owned(),
            });
        }
        let mut archive = Self {
            zip,
            names: Vec::new(),
            origin: origin.to_owned(),
            total: 0,
        };
        for i in 0..archive.zip.len() {
            let entry = archive
                .zip
                .by_index_raw(i)
                .map_err(|e| bad(origin, format!("entry {i} is unreadable ({e})")))?;
            let name = entry
                .name()
                .map_err(|e| bad(origin, format!("entry {i} has no readable name ({e})")))?
                .into_owned();
            if is_unsafe_name(&name) {
                return Err(ImportError::UnsafeEntry {
                    name: name.chars().take(200).collect(),
                    origin: origin.to_owned(),
                });
            }
            archive.names.push(name.replace('\\', "/"));
        }
        Ok(archive)
    }

    /// The entry names (with `/` separators), in archive order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The index of the entry with exactly this name, or failing that the same name ignoring
    /// ASCII case.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|n| n == name)
            .or_else(|| self.names.iter().position(|n| n.eq_ignore_ascii_case(name)))
    }

    /// Reads an entry by index, within the limits.
    pub fn read(&mut self, index: usize) -> Result<Vec<u8>, ImportError> {
        let origin = self.origin.clone();
        let name = self.names.get(index).cloned().unwrap_or_default();
        let limit = |what: String| ImportError::ArchiveLimit {
            what,
            origin: origin.clone(),
        };
        let mut entry = self
            .zip
            .by_index(index)
            .map_err(|e| bad(&origin, format!("cannot read {name} ({e})")))?;
        let declared = entry.size();
        if declared > MAX_ENTRY_BYTES {
            return Err(limit(format!(
                "{name} would inflate to {declared} bytes, the limit is {MAX_ENTRY_BYTES}"
            )));
        }
        let compressed = entry.compressed_size().max(1);
        if declared > RATIO_FLOOR_BYTES && declared / compressed > MAX_RATIO {
            return Err(limit(format!(
                "{name} is compressed {}:1 ({compressed} bytes to {declared}), the limit is \
                 {MAX_RATIO}:1 — a zip bomb?",
                declared / compressed
            )));
        }
        if self.total + declared > MAX_TOTAL_BYTES {
            return Err(limit(format!(
                "the entries read inflate to more than {MAX_TOTAL_BYTES} bytes"
            )));
        }
        // The declared size may lie: never read more than it says (plus one byte, to notice).
        let mut out = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
        (&mut entry)
            .take(declared + 1)
            .read_to_end(&mut out)
            .map_err(|e| bad(&origin, format!("cannot inflate {name} ({e})")))?;
        if out.len() as u64 != declared {
            return Err(bad(
                &origin,
                format!(
                    "{name} inflates to a size other than the {declared} bytes its header declares"
                ),
            ));
        }
        self.total += declared;
        Ok(out)
    }

    /// Reads an entry by name (see [`Self::find`]); `None` when there is no such entry.
    pub fn read_named(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        match self.find(name) {
            Some(i) => self.read(i).map(Some),
            None => Ok(None),
        }
    }
}
