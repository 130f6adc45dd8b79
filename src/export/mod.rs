//! Exports of passages and projects to other formats.
//!
//! Every export is built from one [`ExcerptQuery`] (which passages and documents) and a
//! [`Format`]; [`export`] (or [`export_with`], with [`ExportOptions`]) turns the two into the bytes
//! of a file. Formats live in one submodule each ([`json`], [`table`] for CSV, [`markdown`], [`html`], [`w3c`], [`qdpx`]). No file system
//! access here: the caller decides where the bytes go. `docs/exports.md` describes every format.

pub mod ach;
pub mod agreement;
mod bidi;
mod brief;
mod cite;
pub mod claims;
pub mod destination;
pub mod docx;
mod group;
pub mod html;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod qdpx;
mod query;
pub mod sources;
pub mod table;
pub mod w3c;

use std::fmt;
use std::str::FromStr;

pub use query::{ExcerptQuery, Excerpts, QueryError, QueryTerms};

/// The brief's grouping and template live in the model (a project remembers its template).
pub use crate::model::{BriefTemplate, GroupBy, Part, UnknownGrouping};

use crate::model::Project;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// One JSON document with a stable schema (see [`json`]).
    Json,
    /// One CSV row per passage (see [`table`]).
    Csv,
    /// A Markdown brief of cited excerpts, grouped (see [`markdown`]).
    Md,
    /// A standalone printable HTML report (see [`html`]).
    Html,
    /// W3C Web Annotation JSON-LD, one annotation per passage (see [`w3c`]).
    W3c,
    /// A REFI-QDA project archive (see [`qdpx`]).
    Qdpx,
    /// The brief as a Word document, citations as footnotes (see [`docx`]).
    Docx,
    /// The brief as a PDF with embedded fonts and links (see [`pdf`]).
    Pdf,
    /// The selected articles as CSL-JSON, for reference managers (see [`sources`]).
    Csl,
    /// The selected articles as RIS records (see [`sources`]).
    Ris,
    /// The selected articles as BibTeX entries (see [`sources`]).
    Bibtex,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Self; 11] = [
        Self::Csv,
        Self::Md,
        Self::Html,
        Self::Docx,
        Self::Pdf,
        Self::Json,
        Self::W3c,
        Self::Qdpx,
        Self::Csl,
        Self::Ris,
        Self::Bibtex,
    ];

    /// The name used on the command line (`--format json`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Md => "md",
            Self::Html => "html",
            Self::W3c => "w3c",
            Self::Qdpx => "qdpx",
            Self::Docx => "docx",
            Self::Pdf => "pdf",
            Self::Csl => "csl",
            Self::Ris => "ris",
            Self::Bibtex => "bibtex",
        }
    }

    /// A one-line description for help texts.
    pub fn description(self) -> &'static str {
        match self {
            Self::Json => {
                "the whole selection as one JSON document (schema in docs/json-schema.md)"
            }
            Self::Csv => {
                "one row per passage: id, article, outlet, date, span, quote, tags, actors, events, note"
            }
            Self::Md => {
                "a Markdown brief: excerpts as blockquotes with citation and note, grouped (--group-by), then its tables: event cards, contested claims, source grades, ACH"
            }
            Self::Html => {
                "a standalone printable HTML report with tag colours, grouped (--group-by), with the brief's tables; no scripts"
            }
            Self::Qdpx => {
                "a REFI-QDA project (QDA-XML 1.0) for QualCoder, MAXQDA, ATLAS.ti, NVivo: codes, sources, selections, notes"
            }
            Self::W3c => {
                "W3C Web Annotation JSON-LD: one annotation per passage with quote and position selectors"
            }
            Self::Docx => {
                "the brief as a Word document: contents, quotes with footnoted citations, the brief's tables, sources (--group-by)"
            }
            Self::Pdf => {
                "the brief as a PDF (A4, fonts embedded, links, page numbers; Latin, Greek, Cyrillic, Hebrew, Arabic) (--group-by)"
            }
            Self::Csl => {
                "the selected articles as CSL-JSON for Zotero and other reference managers"
            }
            Self::Ris => "the selected articles as RIS records (Zotero, EndNote, Mendeley)",
            Self::Bibtex => "the selected articles as BibTeX entries (BibTeX, biber, JabRef)",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Md => "md",
            Self::Html => "html",
            Self::W3c => "jsonld",
            Self::Qdpx => "qdpx",
            Self::Docx => "docx",
            Self::Pdf => "pdf",
            Self::Csl => "csl.json",
            Self::Ris => "ris",
            Self::Bibtex => "bib",
        }
    }

    /// Whether the format is a brief grouped by tag, actor, event or article (`--group-by`).
    pub fn is_brief(self) -> bool {
        matches!(self, Self::Md | Self::Html | Self::Docx | Self::Pdf)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name:?} is not an export format; the formats are: {known}", known = Format::ALL.map(Format::name).join(", "))]
pub struct UnknownFormat {
    /// What was asked for.
    pub name: String,
}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownFormat {
                name: wanted.chars().take(40).collect(),
            })
    }
}

/// Why an export could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The JSON encoder failed (it does not for a valid project; reported rather than hidden).
    #[error("could not encode the export as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The CSV writer failed (it does not when writing to memory; reported rather than hidden).
    #[error("could not write the export as CSV: {0}")]
    Csv(#[from] csv::Error),
    /// The qdpx archive could not be written (it is written to memory; reported, not hidden).
    #[error(transparent)]
    Qdpx(#[from] qdpx::QdpxError),
    /// The DOCX archive could not be written (it is written to memory; reported, not hidden).
    #[error(transparent)]
    Docx(#[from] docx::DocxError),
    /// The agreement appendix could not be computed (an analyst has no passages, …).
    #[error("the agreement appendix: {0}")]
    Agreement(#[from] crate::agree::AgreeError),
    /// The PDF could not be written.
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    /// An option was given to a format it does not apply to.
    #[error("the {option} option applies to {applies_to} only, not to {format}")]
    OptionNotForFormat {
        /// The option ("excel").
        option: &'static str,
        /// The formats it applies to ("csv").
        applies_to: &'static str,
        /// The format asked for.
        format: Format,
    },
}

/// Settings that only some formats use. The default suits every format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// CSV only: start with a byte-order mark and defuse formula-like cells, for Excel.
    pub excel: bool,
    /// The briefs only (Markdown, HTML, DOCX, PDF): how to group excerpts; `None` for the default ([`GroupBy::Tag`]).
    pub group_by: Option<GroupBy>,
    /// The briefs only (Markdown, HTML, DOCX, PDF): append the inter-coder agreement table of
    /// these two analysts (by the `author` of their passages).
    pub agreement: Option<agreement::AgreementCoders>,
    /// The briefs only: the parts they leave out (see [`Part`]); empty: everything.
    pub omit: Vec<Part>,
}

impl ExportOptions {
    /// The options a brief template asks for, as far as they apply to `format`: grouping and
    /// parts for the briefs, the agreement appendix for the formats that have one. For any other
    /// format, no options.
    pub fn from_template(template: &BriefTemplate, format: Format) -> Self {
        if !format.is_brief() {
            return Self::default();
        }
        Self {
            excel: false,
            group_by: Some(template.group_by),
            agreement: template
                .agreement
                .clone()
                .filter(|_| Self::has_agreement_appendix(format)),
            omit: template.omit.clone(),
        }
    }

    /// The brief template these options describe (grouping, parts, agreement).
    pub fn template(&self) -> BriefTemplate {
        let mut template = BriefTemplate {
            group_by: self.group_by.unwrap_or_default(),
            omit: self.omit.clone(),
            agreement: self.agreement.clone(),
        };
        template.normalize();
        template
    }

    /// Whether `format` can end with the inter-coder agreement appendix.
    pub fn has_agreement_appendix(format: Format) -> bool {
        format.is_brief()
    }

    /// Whether every option set applies to `format`; an error names the first that does not.
    pub fn check(&self, format: Format) -> Result<(), ExportError> {
        if self.excel && format != Format::Csv {
            return Err(ExportError::OptionNotForFormat {
                option: "excel",
                applies_to: "csv",
                format,
            });
        }
        if self.group_by.is_some() && !format.is_brief() {
            return Err(ExportError::OptionNotForFormat {
                option: "group-by",
                applies_to: "the briefs (md, html, docx, pdf)",
                format,
            });
        }
        if !self.omit.is_empty() && !format.is_brief() {
            return Err(ExportError::OptionNotForFormat {
                option: "omit",
                applies_to: "the briefs (md, html, docx, pdf)",
                format,
            });
        }
        if self.agreement.is_some() && !Self::has_agreement_appendix(format) {
            return Err(ExportError::OptionNotForFormat {
                option: "agreement-coders",
                applies_to: "the briefs (md, html, docx, pdf)",
                format,
            });
        }
        Ok(())
    }
}

/// The bytes of an export of what `query` selects from `project`, with default options.
pub fn export(
    project: &Project,
    query: &ExcerptQuery,
    format: Format,
) -> Result<Vec<u8>, ExportError> {
    export_with(project, query, format, &ExportOptions::default())
}

/// The bytes of an export of what `query` selects from `project`, with `options` (which must
/// apply to `format`; see [`ExportOptions::check`]).
pub fn export_with(
    project: &Project,
    query: &ExcerptQuery,
    format: Format,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    options.check(format)?;
    let report = match &options.agreement {
        Some(coders) => Some(agreement::report(project, coders)?),
        None => None,
    };
    let template = options.template();
    let appendices: Vec<brief::Table> = report.as_ref().map(agreement::table).into_iter().collect();
    match format {
        Format::Json => Ok(json::to_json_string(project, query)?.into_bytes()),
        Format::Csv => Ok(table::to_csv(project, query, options.excel)?),
        Format::Md => {
            Ok(
                markdown::to_markdown_with_appendices(project, query, &template, &appendices)
                    .into_bytes(),
            )
        }
        Format::W3c => Ok(w3c::to_w3c_string(project, query)?.into_bytes()),
        Format::Qdpx => Ok(qdpx::to_qdpx(project, query)?),
        Format::Html => {
            Ok(html::to_html_with_appendices(project, query, &template, &appendices).into_bytes())
        }
        Format::Docx => {
            let brief = brief::Brief::build_with(project, query, &template)
                .with_tables(appendices.iter().cloned());
            Ok(docx::to_docx(&brief)?)
        }
        Format::Csl => Ok(sources::to_csl_json(project, query)?.into_bytes()),
        Format::Ris => Ok(sources::to_ris(project, query).into_bytes()),
        Format::Bibtex => Ok(sources::to_bibtex(project, query).into_bytes()),
        Format::Pdf => {
            let brief = brief::Brief::build_with(project, query, &template)
                .with_tables(appendices.iter().cloned());
            Ok(pdf::to_pdf(&brief)?)
        }
    }
}

#[cfg(test)]
mod brief_tables_tests;
#[cfg(test)]
mod brief_tests;
#[cfg(test)]
mod external;
#[cfg(test)]
mod format_tests;
#[cfg(test)]
mod golden;
#[cfg(test)]
mod qdpx_tests;
#[cfg(test)]
mod sources_tests;
#[cfg(test)]
mod template_tests;
#[cfg(test)]
mod tests;
