//! The headless command line: `dossier import | check | stats | fmt | export | claims`.
//!
//! [`Cli`] is the parsed command line (clap derive); `main` opens the window when there is no
//! subcommand and calls [`run`] otherwise. Each subcommand loads the project itself, writes its
//! results to stdout and its complaints to stderr as `dossier: <what failed> — <path>`, and ends
//! with an exit code: 0 done, 1 the input has problems (check found problems, `fmt --check` found
//! a non-canonical file, an import was refused), 2 the command could not run (a file that cannot be
//! read or written, a malformed or newer project, a filter that names nothing; clap's usage errors
//! are 2 as well). A command that fails never writes a file.

mod claims;
mod commands;
mod error;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

pub use error::CliError;

use crate::export::{self, QueryTerms};
use crate::model::PartialDate;

/// Shown under `dossier --help`.
const EXAMPLES: &str = "\
Examples:
  dossier                                          open the window
  dossier saves/ceasefire-2025.ron                 open a project in the window
  dossier import seeds/ --into notes.ron           add every article in seeds/ to notes.ron
  dossier import coded.qdpx --into notes.ron       add a QDA project's articles, codes and codings
  dossier import --replace \"Witkoff in Moscow\" fixed.txt --into notes.ron
                                                   replace an article's text, keeping its passages
  dossier check notes.ron                          validate a project file
  dossier export notes.ron --format json --tag Threat --out threats.json
  dossier claims notes.ron --contested             claims supported and disputed by different holders

Exit codes: 0 done; 1 problems found in the input (nothing written); 2 the command could not run.";

/// Dossier: a research notebook for annotating news articles with tags, actors and events.
///
/// Without a subcommand, opens the window (on PROJECT if given). The subcommands work on project
/// files without a window.
#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    args_conflicts_with_subcommands = true,
    after_help = EXAMPLES
)]
pub struct Cli {
    /// Project file (.ron) to open in the window.
    #[arg(value_name = "PROJECT")]
    pub project: Option<PathBuf>,

    /// Headless work on project files.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A headless subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import articles (.txt, .md; folders are searched) into a project, creating it if needed.
    ///
    /// All or nothing: if any file is refused (binary, empty, undecodable…), nothing is written,
    /// every problem is listed and the exit code is 1. Files whose text is already in the project
    /// (or earlier in the same import) are reported and skipped.
    ///
    /// With --replace DOC, FILE is a corrected version of document DOC: its text replaces DOC's,
    /// every passage is placed again (exactly, approximately, or kept as an orphan to place or
    /// delete in the window), and a summary lists the orphans.
    Import(ImportArgs),
    /// Validate a project file: exit 0 if valid, 1 listing every problem, 2 if it cannot be read.
    Check(ProjectArg),
    /// Count a project's documents, passages, tags, actors, events and links.
    Stats(StatsArgs),
    /// Rewrite a project file in canonical form (or, with --check, only test whether it is).
    Fmt(FmtArgs),
    /// Export passages and documents, optionally filtered, to another format.
    Export(ExportArgs),
    /// List the claims: their stances and holders, independent outlets supporting each
    /// (reprints counted once), and which are contested or rest on a single source.
    Claims(ClaimsArgs),
}

/// Arguments of `dossier claims`.
#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// The project file (.ron).
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
    /// Only claims supported by one holder and disputed by another.
    #[arg(long)]
    pub contested: bool,
    /// Only claims that exactly one independent outlet supports.
    #[arg(long)]
    pub single_source: bool,
    /// Print {"claims": [...]}: each claim with id, statement, event, stances
    /// [{passage, holder, outlet, stance, …}], independent_outlets, contested, single_source.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dossier import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Article files or folders to import: text and Markdown (also from folders); named .docx,
    /// .odt, .html, .pdf files; named .qdpx QDA projects (articles, tags and passages).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// The project to add them to; created (titled after its file name) if it does not exist.
    #[arg(long, value_name = "PROJECT")]
    pub into: PathBuf,
    /// Import text that is not valid in any known encoding, replacing bad bytes with U+FFFD.
    #[arg(long)]
    pub lossy: bool,
    /// Replace the text of this document (title, file name or id) with the one FILE holds,
    /// re-anchoring its passages; takes exactly one FILE.
    #[arg(long, value_name = "DOC")]
    pub replace: Option<String>,
}

/// A single project file argument.
#[derive(Debug, Args)]
pub struct ProjectArg {
    /// The project file (.ron).
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
}

/// Arguments of `dossier stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The project file (.ron).
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
    /// Print one JSON object {documents, passages, tags, actors, events, links}.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dossier fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// The project file (.ron).
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
    /// Write nothing; exit 1 if the file is not in canonical form.
    #[arg(long)]
    pub check: bool,
}

/// Arguments of `dossier export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The project file (.ron).
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
    /// The output format.
    #[arg(long, short = 'f', value_name = "FORMAT")]
    pub format: export::Format,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// CSV for Excel: start with a byte-order mark and put a ' before cells that would run as
    /// formulas.
    #[arg(long)]
    pub excel: bool,
    /// Markdown and HTML: one section per tag (the default), actor, event or article (doc).
    #[arg(long, value_name = "GROUP")]
    pub group_by: Option<export::GroupBy>,
    /// Which passages and documents to export.
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// The export filters. Different filters must all hold; a repeated filter takes any of its values.
#[derive(Debug, Args, Default)]
#[command(next_help_heading = "Filters (combine with AND; repeat a filter for OR)")]
pub struct FilterArgs {
    /// Passages with this tag or a tag below it (name, path like Claim/Quote, or id).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Passages linked to this actor (name, alias or id).
    #[arg(long = "actor", value_name = "ACTOR")]
    pub actors: Vec<String>,
    /// Passages linked to this event (title or id).
    #[arg(long = "event", value_name = "EVENT")]
    pub events: Vec<String>,
    /// Only this document (title, imported file name or id).
    #[arg(long = "doc", value_name = "DOC")]
    pub docs: Vec<String>,
    /// Documents published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<PartialDate>,
    /// Documents published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<PartialDate>,
    /// Passages whose quote or note contains this text (ignoring case).
    #[arg(
        long,
        value_name = "TEXT",
        default_value = "",
        hide_default_value = true
    )]
    pub text: String,
}

impl ExportArgs {
    /// The format options given on the command line.
    pub fn options(&self) -> export::ExportOptions {
        export::ExportOptions {
            excel: self.excel,
            group_by: self.group_by,
        }
    }
}

impl FilterArgs {
    /// The filters as query terms, to be resolved against a project.
    pub fn to_terms(&self) -> QueryTerms {
        QueryTerms {
            tags: self.tags.clone(),
            actors: self.actors.clone(),
            events: self.events.clone(),
            docs: self.docs.clone(),
            from: self.from,
            to: self.to,
            text: self.text.clone(),
        }
    }
}

impl ValueEnum for export::GroupBy {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}

impl ValueEnum for export::Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()).help(self.description()))
    }
}

/// What a command found, when it ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Done (exit 0).
    Done,
    /// The input has problems, reported on stderr (exit 1).
    Problems,
}

/// Runs a subcommand with the process's stdout and stderr and returns its exit code.
pub fn run(command: Command) -> ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = execute(command, &mut stdout.lock(), &mut stderr.lock());
    ExitCode::from(code)
}

/// Runs a subcommand with the given output streams and returns its exit code (0, 1 or 2).
/// Everything the command has to say goes to `out` (results) or `err` (complaints).
pub fn execute(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = match command {
        Command::Import(args) => commands::import(&args, out, err),
        Command::Check(args) => commands::check(&args.project, out, err),
        Command::Stats(args) => commands::stats(&args, out),
        Command::Fmt(args) => commands::fmt(&args, out, err),
        Command::Export(args) => commands::export(&args, out),
        Command::Claims(args) => claims::claims(&args, out),
    };
    let result = result.and_then(|status| out.flush().map(|()| status).map_err(CliError::Stdout));
    match result {
        Ok(Status::Done) => 0,
        Ok(Status::Problems) => 1,
        Err(error) => {
            error.report(err);
            error.exit_code()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use std::path::Path;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_bare_path_opens_the_window_and_subcommands_win() {
        let cli = Cli::try_parse_from(["dossier", "notes.ron"]).expect("parses");
        assert_eq!(cli.project, Some(PathBuf::from("notes.ron")));
        assert!(cli.command.is_none());
        let cli = Cli::try_parse_from(["dossier", "check", "notes.ron"]).expect("parses");
        assert!(cli.project.is_none());
        assert!(
            matches!(cli.command, Some(Command::Check(ProjectArg { project })) if project == Path::new("notes.ron"))
        );
        let cli = Cli::try_parse_from(["dossier"]).expect("parses");
        assert!(cli.project.is_none() && cli.command.is_none());
    }

    #[test]
    fn export_flags_parse() {
        let cli = Cli::try_parse_from([
            "dossier",
            "export",
            "p.ron",
            "--format",
            "json",
            "--tag",
            "Claim",
            "--tag",
            "Threat",
            "--actor",
            "Putin",
            "--from",
            "2025-08",
            "--to",
            "2025-08-31",
            "--text",
            "deadline",
            "-o",
            "out.json",
        ])
        .expect("parses");
        let Some(Command::Export(args)) = cli.command else {
            panic!("not export");
        };
        assert_eq!(args.format, export::Format::Json);
        assert_eq!(args.out, Some(PathBuf::from("out.json")));
        let terms = args.filters.to_terms();
        assert_eq!(terms.tags, ["Claim", "Threat"]);
        assert_eq!(
            terms.from.map(|d| d.to_string()),
            Some("2025-08".to_owned())
        );
        assert_eq!(terms.text, "deadline");
    }

    #[test]
    fn usage_errors_name_the_choices() {
        let err = Cli::try_parse_from(["dossier", "export", "p.ron", "--format", "xml"])
            .expect_err("unknown format");
        let text = err.to_string();
        assert!(text.contains("xml") && text.contains("json"), "{text}");
        let err = Cli::try_parse_from([
            "dossier", "export", "p.ron", "--format", "json", "--from", "Aug",
        ])
        .expect_err("bad date");
        assert!(err.to_string().contains("YYYY"), "{err}");
        assert!(
            Cli::try_parse_from(["dossier", "import", "a.txt"]).is_err(),
            "--into is required"
        );
        assert!(
            Cli::try_parse_from(["dossier", "import", "--into", "p.ron"]).is_err(),
            "files are required"
        );
    }
}
