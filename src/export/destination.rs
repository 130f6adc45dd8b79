//! Where an export goes by default, and how filters typed into one field are read.
//!
//! The window offers a file name for an export before the user has chosen one: the project's
//! name with the format's extension, next to the project file ([`default_export_path`]). The
//! Export dialog takes each kind of filter as one line of text, with several values separated
//! by `;` ([`split_terms`]), which then resolve like repeated command-line flags
//! ([`super::QueryTerms`]).

use std::path::{Path, PathBuf};

use super::Format;

/// A file-name stem made from a title: lower case, letters and digits, words joined by dashes
/// ("Ceasefire talks, 2025" → `ceasefire-talks-2025`); empty when the title has no letter or
/// digit.
pub fn slug(title: &str) -> String {
    let mapped: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                '-'
            }
        })
        .collect();
    mapped
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The project's name for files: the stem of its file when it has one, else its title as a
/// [`slug`], else `dossier`.
pub fn project_file_stem(project_file: Option<&Path>, title: &str) -> String {
    project_file
        .and_then(Path::file_stem)
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .or_else(|| Some(slug(title)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "dossier".to_owned())
}

/// The file an export of `format` is offered to be written to: the project's name
/// ([`project_file_stem`]) with the format's extension, in the project file's folder (or in
/// `fallback_dir` for a project never saved). A file that exists already is not offered: a
/// number is added (`name-2.csv`, …).
pub fn default_export_path(
    project_file: Option<&Path>,
    title: &str,
    format: Format,
    fallback_dir: &Path,
) -> PathBuf {
    let dir = project_file
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(fallback_dir);
    let stem = project_file_stem(project_file, title);
    let ext = format.extension();
    let first = dir.join(format!("{stem}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..1000)
        .map(|n| dir.join(format!("{stem}-{n}.{ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// `path` with its extension set to `format`'s (an export path typed for another format).
pub fn with_format_extension(path: &Path, format: Format) -> PathBuf {
    path.with_extension(format.extension())
}

/// The values of one filter field: split at `;` and line breaks, trimmed, empty ones dropped
/// (`"Threat; Claim/Quote"` → `["Threat", "Claim/Quote"]`). Commas are kept, since titles and
/// names contain them.
pub fn split_terms(text: &str) -> Vec<String> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offered_name_is_the_project_with_the_format_extension_beside_the_file() {
        let dir = tempfile::tempdir().expect("dir");
        let project = dir.path().join("balkan-lithium.ron");
        let csv = default_export_path(Some(&project), "Ignored", Format::Csv, Path::new("/x"));
        assert_eq!(csv, dir.path().join("balkan-lithium.csv"));
        let w3c = default_export_path(Some(&project), "", Format::W3c, Path::new("/x"));
        assert_eq!(w3c, dir.path().join("balkan-lithium.jsonld"));
        std::fs::write(&csv, "taken").expect("write");
        let again = default_export_path(Some(&project), "", Format::Csv, Path::new("/x"));
        assert_eq!(again, dir.path().join("balkan-lithium-2.csv"));
    }

    #[test]
    fn an_unsaved_project_is_named_by_its_title_in_the_fallback_folder() {
        let dir = tempfile::tempdir().expect("dir");
        let md = default_export_path(None, "Jadar mine, 2024", Format::Md, dir.path());
        assert_eq!(md, dir.path().join("jadar-mine-2024.md"));
        let untitled = default_export_path(None, "  ", Format::Html, dir.path());
        assert_eq!(untitled, dir.path().join("dossier.html"));
        assert_eq!(slug("Протест в Белграде"), "протест-в-белграде");
    }

    #[test]
    fn filter_fields_split_at_semicolons_and_lines_not_commas() {
        assert_eq!(
            split_terms(" Threat; Claim/Quote ;\nTrump, Putin call;; "),
            ["Threat", "Claim/Quote", "Trump, Putin call"]
        );
        assert!(split_terms(" ; ").is_empty());
        assert_eq!(
            with_format_extension(Path::new("/a/b.csv"), Format::Md),
            Path::new("/a/b.md")
        );
    }
}
