//! Fast paths for the project file in its canonical form — the form [`super::save`] writes.
//!
//! Reading: [`parse`] reads canonical RON with a small borrowing parser ([`de`]), the passage
//! list split between two threads; it returns `None` for anything outside the canonical subset,
//! and the caller then parses with `ron`, which reads every valid file and reports errors with
//! line and column. Whatever [`parse`] accepts, it reads exactly as `ron` would.
//!
//! The split needs no scan of the file: the second thread starts at the first passage that
//! begins, in canonical layout, after the middle of the file, and reads to the end of its list.
//! The first thread reads from the start and takes the second one's passages only if it arrives
//! exactly where they begin. A split point that was really inside a string (a note can quote the
//! layout) is never used: the first thread cannot finish that string within its part, and the
//! text is then read again on one thread.
//!
//! Writing: [`project_to_string`] writes the same bytes as `ron::ser::to_string_pretty` with the
//! project file's settings, faster ([`ser`]) and the passages on two threads; for a value it
//! does not cover, the caller serialises with `ron`.

mod de;
mod ser;
#[cfg(test)]
mod tests;

use serde::Deserialize;

use super::{ProjectFile, ProjectFileRef};
use crate::model::{AchParts, BriefTemplate, Grades, Passage};
use de::{Bail, Handoff, Parser};

/// Below this size a file is read by one thread.
const PARALLEL_FROM_BYTES: usize = 4 << 20;

/// How a passage starts in the canonical form: the previous element's comma, then the
/// passage's `(` and first field at the indentation of a top-level list's elements. The split
/// is [`SPLIT_OFFSET`] bytes in, at the `(`.
const PASSAGE_START: &[u8] = b",\n    (\n      id: \"p";
const SPLIT_OFFSET: usize = 6;

/// Where the passages read by the second thread begin, as a fraction of the file: past the
/// middle, because the articles before the passages cost less per byte than the passages.
const SPLIT_AT: f64 = 0.55;

/// Parses canonical project RON; `None` when the text is outside the canonical subset.
pub fn parse(text: &str) -> Option<ProjectFile> {
    parse_text(text, PARALLEL_FROM_BYTES)
}

/// [`parse`] for the bytes of a file, whose UTF-8 is checked on two threads as well; `None` also
/// for bytes that are not UTF-8.
pub fn parse_bytes(bytes: &[u8]) -> Option<ProjectFile> {
    parse_bytes_with(bytes, PARALLEL_FROM_BYTES)
}

/// [`parse_bytes`], on two threads from `parallel_from_bytes` on.
fn parse_bytes_with(bytes: &[u8], parallel_from_bytes: usize) -> Option<ProjectFile> {
    match split_point(bytes, parallel_from_bytes) {
        Some(split) => parse_bytes_split_at(bytes, split),
        None => parse_with(std::str::from_utf8(bytes).ok()?, None).ok(),
    }
}

/// [`parse_bytes`] with the second thread starting at byte `split`.
fn parse_bytes_split_at(bytes: &[u8], split: usize) -> Option<ProjectFile> {
    let (head, tail) = bytes.split_at_checked(split)?;
    parse_split(
        || std::str::from_utf8(head).ok(),
        move || std::str::from_utf8(tail).ok(),
    )
    // The split may have been inside a string that quotes the layout: read on one thread.
    .or_else(|| parse_with(std::str::from_utf8(bytes).ok()?, None).ok())
}

/// [`parse`], on two threads from `parallel_from_bytes` on.
fn parse_text(text: &str, parallel_from_bytes: usize) -> Option<ProjectFile> {
    match split_point(text.as_bytes(), parallel_from_bytes) {
        Some(split) => {
            let (head, tail) = (text.get(..split)?, text.get(split..)?);
            parse_split(|| Some(head), move || Some(tail))
                // The split may have been inside a string that quotes the layout.
                .or_else(|| parse_with(text, None).ok())
        }
        None => parse_with(text, None).ok(),
    }
}

/// Where a second thread should start: the first passage that starts after [`SPLIT_AT`] of the
/// text; `None` below `parallel_from_bytes`, on one core, or when there is no such passage.
fn split_point(bytes: &[u8], parallel_from_bytes: usize) -> Option<usize> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || bytes.len() < parallel_from_bytes {
        return None;
    }
    let from = (bytes.len() as f64 * SPLIT_AT) as usize;
    let found = memchr::memmem::find(bytes.get(from..)?, PASSAGE_START)?;
    Some(from + found + SPLIT_OFFSET)
}

/// Parses the head on this thread and the tail's passages on another; `None` if either part is
/// not text, or the head does not end exactly where a passage starts (the split was not a real
/// boundary).
fn parse_split<'de>(
    head: impl FnOnce() -> Option<&'de str>,
    tail: impl FnOnce() -> Option<&'de str> + Send,
) -> Option<ProjectFile> {
    std::thread::scope(|scope| {
        let worker = scope.spawn(move || {
            let tail = tail().ok_or(Bail)?;
            let (elements, end) = de::tail_elements::<Passage>(tail)?;
            Ok((tail, elements, end))
        });
        let handoff = Handoff {
            join: Box::new(move || worker.join().unwrap_or(Err(Bail))),
        };
        parse_with(head()?, Some(handoff)).ok()
    })
}

/// Sets a field read from the file; a field given twice is left to `ron` (which refuses it).
fn set_once<T>(slot: &mut Option<T>, value: T) -> Result<(), Bail> {
    match slot.replace(value) {
        None => Ok(()),
        Some(_) => Err(Bail),
    }
}

/// Reads a [`ProjectFile`] field by field, with the same defaults as its `serde` attributes.
fn parse_with<'de>(
    text: &'de str,
    mut handoff: Option<Handoff<'_, 'de, Passage>>,
) -> Result<ProjectFile, Bail> {
    let mut p = Parser::new(text);
    let (mut format, mut version, mut title) = (None, None, None);
    let (mut tags, mut actors, mut events) = (None, None, None);
    let (mut documents, mut passages, mut orphans) = (None, None, None);
    let (mut conflicts, mut description) = (None, None);
    let (mut feeds, mut fetched) = (None, None);
    let (mut claims, mut grades, mut ach, mut brief) = (None, None, None, None);
    p.open_struct()?;
    let mut first = true;
    while let Some(name) = p.next_field(std::mem::take(&mut first))? {
        match name {
            "format" => set_once(&mut format, String::deserialize(&mut p)?)?,
            "version" => set_once(&mut version, u32::deserialize(&mut p)?)?,
            "title" => set_once(&mut title, String::deserialize(&mut p)?)?,
            "description" => set_once(&mut description, String::deserialize(&mut p)?)?,
            "tags" => set_once(&mut tags, Vec::deserialize(&mut p)?)?,
            "actors" => set_once(&mut actors, Vec::deserialize(&mut p)?)?,
            "events" => set_once(&mut events, Vec::deserialize(&mut p)?)?,
            "documents" => set_once(&mut documents, Vec::deserialize(&mut p)?)?,
            "passages" => set_once(&mut passages, p.list_with_handoff(&mut handoff)?)?,
            "orphans" => set_once(&mut orphans, p.list_with_handoff(&mut handoff)?)?,
            "conflicts" => set_once(&mut conflicts, Vec::deserialize(&mut p)?)?,
            "feeds" => set_once(&mut feeds, Vec::deserialize(&mut p)?)?,
            "fetched" => set_once(&mut fetched, Vec::deserialize(&mut p)?)?,
            "claims" => set_once(&mut claims, Vec::deserialize(&mut p)?)?,
            "grades" => set_once(&mut grades, Grades::deserialize(&mut p)?)?,
            "ach" => set_once(&mut ach, AchParts::deserialize(&mut p)?)?,
            "brief" => set_once(&mut brief, BriefTemplate::deserialize(&mut p)?)?,
            // A field this build does not know: `ron` decides (serde ignores unknown fields).
            _ => return Err(Bail),
        }
    }
    if !p.at_end() {
        return Err(Bail);
    }
    Ok(ProjectFile {
        format: format.ok_or(Bail)?,
        version: version.ok_or(Bail)?,
        title: title.unwrap_or_default(),
        description: description.unwrap_or_default(),
        tags: tags.unwrap_or_default(),
        actors: actors.unwrap_or_default(),
        events: events.unwrap_or_default(),
        documents: documents.unwrap_or_default(),
        passages: passages.unwrap_or_default(),
        orphans: orphans.unwrap_or_default(),
        conflicts: conflicts.unwrap_or_default(),
        feeds: feeds.unwrap_or_default(),
        fetched: fetched.unwrap_or_default(),
        claims: claims.unwrap_or_default(),
        grades: grades.unwrap_or_default(),
        ach: ach.unwrap_or_default(),
        brief: brief.unwrap_or_default(),
    })
}

/// The canonical RON of a project file, with the final newline; the passages are written on
/// two threads when there are at least `parallel_from` of them. `None` when the file holds
/// something only `ron` writes. (The file is borrowed mutably to lend its passages to the
/// threads; it is as it was on return.)
pub fn project_to_string(
    file: &mut ProjectFileRef<'_>,
    capacity: usize,
    parallel_from: usize,
) -> Option<String> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || file.passages.len() < parallel_from.max(1) {
        let mut out = String::with_capacity(capacity);
        ser::write(file, &mut out).ok()?;
        out.push('\n');
        return Some(out);
    }
    // The file without its passages marks where they go; the other thread writes the second
    // part of them meanwhile.
    let passages = std::mem::take(&mut file.passages);
    let (first, second) = passages.split_at(passages.len() * FIRST_THREAD_PASSAGES_PERCENT / 100);
    let written = std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            let mut out = String::with_capacity(capacity / 2);
            ser::write_elements(second, &mut out).map(|()| out)
        });
        let mut out = String::with_capacity(capacity);
        let at = ser::write_marked(&*file, &mut out, "passages");
        let second = worker.join().unwrap_or(Err(ser::Unsupported));
        match (at, second) {
            (Ok(Some(at)), Ok(second)) if out.get(at..at + 2) == Some("[]") => {
                let rest = out.split_off(at + 2);
                out.truncate(at);
                out.push_str("[\n");
                ser::write_elements(first, &mut out).ok()?;
                out.push_str(&second);
                out.push_str("  ]");
                out.push_str(&rest);
                out.push('\n');
                Some(out)
            }
            _ => None,
        }
    });
    file.passages = passages;
    written
}

/// Why [`write_project`] stopped.
#[derive(Debug)]
pub enum WriteError {
    /// The file holds something only `ron` writes; part of it may have been written.
    Unsupported,
    /// Writing failed.
    Io(std::io::Error),
}

/// Writes the canonical RON of a project file, with the final newline, to `out` as it is made:
/// a second thread writes each piece while this one makes the next, so the text is never whole
/// in memory and writing overlaps serialising.
pub fn write_project(
    file: &ProjectFileRef<'_>,
    out: &mut (dyn std::io::Write + Send),
) -> Result<(), WriteError> {
    write_project_in_pieces(file, out, PIECE_BYTES)
}

/// How much text [`write_project`] makes before handing it to the writing thread.
const PIECE_BYTES: usize = 4 << 20;

/// [`write_project`] handing on pieces of about `piece_bytes`.
fn write_project_in_pieces(
    file: &ProjectFileRef<'_>,
    out: &mut (dyn std::io::Write + Send),
    piece_bytes: usize,
) -> Result<(), WriteError> {
    use std::sync::mpsc;
    // Two pieces may wait while one is written; written pieces come back to be reused.
    let (full_tx, full_rx) = mpsc::sync_channel::<String>(2);
    let (empty_tx, empty_rx) = mpsc::channel::<String>();
    let capacity = piece_bytes.min(PIECE_BYTES);
    let piece = || String::with_capacity(capacity + capacity / 4);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> std::io::Result<()> {
            for mut text in full_rx {
                out.write_all(text.as_bytes())?;
                text.clear();
                // The maker may be done already; then the piece is just dropped.
                let _ = empty_tx.send(text);
            }
            out.flush()
        });
        let mut text = piece();
        let mut hand_on = |text: &mut String| {
            let next = empty_rx.try_recv().unwrap_or_else(|_| piece());
            full_tx.send(std::mem::replace(text, next)).is_ok()
        };
        let made = ser::write_to_sink(file, &mut text, piece_bytes, &mut hand_on);
        let sent = made.is_ok() && {
            text.push('\n');
            hand_on(&mut text)
        };
        drop(full_tx);
        let written = writer.join().unwrap_or_else(|_| {
            Err(std::io::Error::other(
                "the thread writing the project failed",
            ))
        });
        match (written, sent) {
            (Err(err), _) => Err(WriteError::Io(err)),
            (Ok(()), true) => Ok(()),
            (Ok(()), false) => Err(WriteError::Unsupported),
        }
    })
}

/// The share of the passages the calling thread writes, in percent; it writes everything else
/// before them too.
const FIRST_THREAD_PASSAGES_PERCENT: usize = 40;
