//! The headless command line: `dossier import | fetch | feeds | refresh | check | stats | fmt |
//! export | claims | ach | agree | merge | git-setup | resolve | completions | manpages`.
//!
//! [`Cli`] is the parsed command line (clap derive); `main` opens the window when there is no
//! subcommand and calls [`run`] otherwise. Each subcommand loads the project itself, writes its
//! results to stdout and its complaints to stderr as `dossier: <what failed> — <path>`, and ends
//! with an exit code: 0 done, 1 the input has problems (check found problems, `fmt --check` found
//! a non-canonical file, an import was refused), 2 the command could not run (a file that cannot be
//! read or written, a malformed or newer project, a filter that names nothing; clap's usage errors
//! are 2 as well). A command that fails never writes a file.
//!
//! The shell completions (`dossier completions SHELL`, clap_complete) and the manual pages
//! (`dossier manpages DIR`, clap_mangen) are generated from the same [`Cli`] definition as
//! `--help`, so they cannot drift from it; `scripts/package-deb.sh` runs both at package time.

mod ach;
mod agree;
mod claims;
mod commands;
mod error;
mod manpage;
mod team;
pub mod web;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::PossibleValue;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

pub use error::CliError;

use crate::export::{self, QueryTerms};
use crate::model::{Credibility, PartialDate, Reliability, Stance};

/// Shown under `dossier --help`.
const EXAMPLES: &str = "\
Examples:
  dossier                                          open the window
  dossier saves/ceasefire-2025.ron                 open a project in the window
  dossier import seeds/ --into notes.ron           add every article in seeds/ to notes.ron
  dossier import coded.qdpx --into notes.ron       add a QDA project's articles, codes and codings
  dossier import --replace \"Witkoff in Moscow\" fixed.txt --into notes.ron
                                                   replace an article's text, keeping its passages
  dossier import zotero.ris --into notes.ron       fill in articles' metadata from a reference list
  dossier fetch https://example.org/story --into notes.ron
                                                   add an article from the web
  dossier feeds add https://example.org/rss --into notes.ron
                                                   follow a feed; `dossier feeds check notes.ron`
                                                   lists its new items (--import adds them)
  dossier refresh notes.ron                        re-fetch articles, keeping changed ones' old
                                                   text as versions
  dossier check notes.ron                          validate a project file
  dossier git-setup                                merge projects in this git repository with Dossier
  dossier merge base.ron mine.ron theirs.ron -o merged.ron
                                                   three-way merge of two copies of a project
  dossier export notes.ron --format json --tag Threat --out threats.json
  dossier export notes.ron --format docx --group-by actor --out brief.docx
  dossier agree mine.ron theirs.ron --tag Claim    how far two analysts' codings agree
  dossier claims notes.ron --contested             claims supported and disputed by different holders
  dossier ach notes.ron                            competing hypotheses ranked, and the matrix

Exit codes: 0 done; 1 problems found in the input (nothing written); 2 the command could not run.";

/// A research notebook for annotating news articles with tags, actors and events.
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

    /// Open the window on a new, empty project (not the last one or the example).
    #[arg(long, conflicts_with = "project")]
    pub new: bool,

    /// Headless work on project files.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A headless subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import articles (text, Markdown, .docx, .odt, .html, .pdf, .qdpx; folders are searched for
    /// text and Markdown) into a project, creating it if needed.
    ///
    /// All or nothing: if any file is refused (binary, empty, undecodable…), nothing is written,
    /// every problem is listed and the exit code is 1. Files whose text is already in the project
    /// (or earlier in the same import) are reported and skipped.
    ///
    /// With --replace DOC, FILE is a corrected version of document DOC: its text replaces DOC's,
    /// every passage is placed again (exactly, approximately, or kept as an orphan to place or
    /// delete in the window), and a summary lists the orphans.
    Import(ImportArgs),
    /// Fetch articles from the web (http:// or https://) into a project, creating it if needed:
    /// the page's reader-mode text, its title, outlet, author, dates and canonical address from
    /// JSON-LD, OpenGraph and <meta>, and when it was fetched with a hash of what came back.
    ///
    /// All or nothing: if any address fails (offline, an error status, a redirect loop, too
    /// large, not a web page, no article), nothing is written, every failure is listed and the
    /// exit code is 1. Articles already in the project (same address or canonical address, or
    /// the same text) are reported and skipped.
    Fetch(web::FetchArgs),
    /// Follow RSS and Atom feeds: `feeds add URL --into PROJECT`, `feeds list PROJECT`,
    /// `feeds check PROJECT [--import]`.
    Feeds(web::FeedsArgs),
    /// Re-fetch articles that have a web address; when a page's text changed, the new text
    /// replaces the old one (passages placed again, or kept as orphans and listed) and the old
    /// text is kept as a dated version.
    ///
    /// A page that cannot be fetched is reported and its article kept as it is; exit 1 (nothing
    /// written) when none could be fetched.
    Refresh(web::RefreshArgs),
    /// Validate a project file: exit 0 if valid, 1 listing every problem or open merge conflict,
    /// 2 if it cannot be read.
    Check(ProjectArg),
    /// Count a project's documents, passages, tags, actors, events and links.
    Stats(StatsArgs),
    /// Rewrite a project file in canonical form (or, with --check, only test whether it is).
    Fmt(FmtArgs),
    /// Export passages and documents, optionally filtered, to another format.
    Export(Box<ExportArgs>),
    /// Measure how far two codings of the same articles agree (α_u, κ, F1, percent), per tag and
    /// overall, and list where they differ.
    ///
    /// Compares the articles both projects coded (articles are matched by their text, tags by
    /// their path). Exit 0 when the comparison was made, 2 when it could not be.
    Agree(agree::AgreeArgs),
    /// Three-way merge of two copies of a project and their common original, by id and field by
    /// field; what cannot be merged is recorded in the result as conflicts.
    ///
    /// Exit 0 merged cleanly, 1 conflicts recorded (open the result in Dossier to pick a side),
    /// 2 an input could not be read (nothing written) — what git expects of a merge driver.
    /// Without -o the result is written over OURS (git's %A).
    Merge(MergeArgs),
    /// Set up a git repository to merge Dossier projects: the `merge.dossier` driver in its
    /// config, `*.ron merge=dossier` in .gitattributes, and ignores for the lock, recovery and
    /// backup files. Running it again changes nothing.
    GitSetup(GitSetupArgs),
    /// Resolve an open merge conflict of a project (see `dossier check`): set the field to our
    /// side's value, theirs, the original's, or one you write, and close the conflict.
    /// Without ITEM and FIELD, lists the open conflicts.
    Resolve(ResolveArgs),
    /// Print the shell completion script for SHELL on standard output.
    ///
    /// bash: `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`;
    /// zsh: into a folder on $fpath as `_dossier`; fish: `~/.config/fish/completions/dossier.fish`.
    /// The Debian package installs all three.
    Completions(CompletionsArgs),
    /// Write the manual pages (dossier.1 and dossier-NAME.1 for each subcommand) into DIR.
    ///
    /// For packagers: scripts/package-deb.sh installs them. DIR is created if missing.
    Manpages(ManpagesArgs),
    /// List the claims: their stances and holders, independent outlets supporting each
    /// (reprints counted once), and which are contested or rest on a single source.
    Claims(ClaimsArgs),
    /// Rank the competing hypotheses by the weighted inconsistency of the evidence (Analysis of
    /// Competing Hypotheses) and print the matrix.
    ///
    /// inconsistency(H) = sum over the rows switched on of rating × credibility × relevance:
    /// rating I = 1, II = 2, any other 0; credibility by the row's grade 1 → 1.0, 2 → 0.8,
    /// 3 → 0.6, 4 → 0.4, 5 → 0.2, 6 (not judged) → 0.6; relevance low 0.5, medium 1, high 2.
    Ach(AchArgs),
}

/// Arguments of `dossier resolve`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("choice").args(["ours", "theirs", "base", "value"])))]
pub struct ResolveArgs {
    /// The project file (.ron).
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
    /// The conflict's item (an id such as p7k2m9qd4x1zb, or `project`).
    #[arg(value_name = "ITEM", requires = "field")]
    pub item: Option<String>,
    /// The conflict's field (`note`, `title`, `exists`…).
    #[arg(value_name = "FIELD", requires = "choice")]
    pub field: Option<String>,
    /// Take our side's value (for `exists`: remove the item if our side removed it).
    #[arg(long)]
    pub ours: bool,
    /// Take their side's value.
    #[arg(long)]
    pub theirs: bool,
    /// Take the common original's value.
    #[arg(long)]
    pub base: bool,
    /// Take this value.
    #[arg(long, value_name = "VALUE")]
    pub value: Option<String>,
    /// Your name, recorded as the last author of a passage the resolution changes.
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
}

/// Arguments of `dossier merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common original (git's %O); an empty file means none (a union that removes nothing).
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Our copy (git's %A); the result is written over it unless -o is given.
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    /// Their copy (git's %B).
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
    /// Write the result here instead of over OURS.
    #[arg(long, short = 'o', value_name = "OUT")]
    pub out: Option<PathBuf>,
}

/// Arguments of `dossier git-setup`.
#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// A folder in the repository (default: the current one); .gitattributes and .gitignore are
    /// written there.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The command git runs as the driver (default: this dossier program's full path).
    #[arg(long, value_name = "COMMAND")]
    pub program: Option<String>,
}

/// Arguments of `dossier completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Arguments of `dossier manpages`.
#[derive(Debug, Args)]
pub struct ManpagesArgs {
    /// The folder to write the pages to.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
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

/// Arguments of `dossier ach`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("form").args(["json", "csv"])))]
pub struct AchArgs {
    /// The project file (.ron).
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
    /// Print {"formula", "hypotheses": [...], "evidence": [...]}: hypotheses in ranking order
    /// with id, title, rank, inconsistency, leading; evidence rows with id, passage or claim,
    /// enabled, diagnostic, sensitive and ratings (hypothesis id → CC, C, N, I, II or NA).
    #[arg(long)]
    pub json: bool,
    /// Print the matrix as CSV: a row per piece of evidence, a column per hypothesis, then a
    /// `score` row.
    #[arg(long)]
    pub csv: bool,
}

/// Arguments of `dossier import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Article files or folders to import: text and Markdown (also from folders); named .docx,
    /// .odt, .html, .pdf files; named .qdpx QDA projects (articles, tags and passages); named
    /// reference lists .ris, .bib, .json (CSL-JSON): metadata for the articles they match, new
    /// articles for records with text or a link.
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
    /// Your name, recorded as the author of the passages, actors and events imported (from
    /// .qdpx projects).
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
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
    /// The briefs (md, html, docx, pdf): one section per tag, actor, event or article (doc).
    /// Without it, the project's brief template decides (tag unless chosen in the window).
    #[arg(long, value_name = "GROUP")]
    pub group_by: Option<export::GroupBy>,
    /// The briefs (md, html, docx, pdf): append the inter-coder agreement table of two analysts of
    /// the project (by the analyst recorded on their passages), e.g. --agreement-coders Ana,Ben.
    /// Replaces the pair the project's brief template names.
    #[arg(long, value_name = "A,B", conflicts_with = "no_agreement")]
    pub agreement_coders: Option<export::agreement::AgreementCoders>,
    /// The briefs: no agreement appendix, even when the project's brief template asks for one.
    #[arg(long)]
    pub no_agreement: bool,
    /// The briefs: leave out these parts as well as those the project's brief template leaves
    /// out: description, notes, claims, contested, ach, events (comma-separated or repeated).
    #[arg(long, value_name = "PART", value_delimiter = ',')]
    pub omit: Vec<export::Part>,
    /// The briefs: show these parts even when the project's brief template leaves them out
    /// (the same names as --omit).
    #[arg(long, value_name = "PART", value_delimiter = ',')]
    pub include: Vec<export::Part>,
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
    /// Passages made or last changed by this analyst (their `author`, ignoring case).
    #[arg(long = "author", value_name = "NAME")]
    pub authors: Vec<String>,
    /// Passages that take a stance on this claim (statement or id).
    #[arg(long = "claim", value_name = "CLAIM")]
    pub claims: Vec<String>,
    /// Passages that take this stance (supports, disputes, qualifies), on a --claim if given.
    #[arg(long = "stance", value_name = "STANCE")]
    pub stances: Vec<Stance>,
    /// Passages whose outlet is graded this or better on the Admiralty scale (A–F; B: A or B).
    #[arg(long = "grade", value_name = "A-F")]
    pub reliability: Option<Reliability>,
    /// Passages graded this credible or better (1–6; 2: 1 or 2).
    #[arg(long = "credibility", value_name = "1-6")]
    pub credibility: Option<Credibility>,
}

impl ExportArgs {
    /// The format options: the project's brief template (for the briefs), overridden by what
    /// the command line gives.
    pub fn options(&self, project: &crate::model::Project) -> export::ExportOptions {
        let format = self.format;
        let mut template = project.brief_template().clone();
        if let Some(by) = self.group_by {
            template.group_by = by;
        }
        for part in &self.omit {
            template.set_included(*part, false);
        }
        for part in &self.include {
            template.set_included(*part, true);
        }
        if let Some(coders) = &self.agreement_coders {
            template.agreement = Some(coders.clone());
        } else if self.no_agreement {
            template.agreement = None;
        }
        let mut options = export::ExportOptions::from_template(&template, format);
        options.excel = self.excel;
        // What was asked for by name and does not apply is refused ([`export::ExportOptions::check`]),
        // not dropped: a remembered template only applies where it can.
        if !format.is_brief() {
            options.group_by = self.group_by;
            options.omit.clone_from(&self.omit);
        }
        if self.agreement_coders.is_some() {
            options.agreement.clone_from(&self.agreement_coders);
        }
        options
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
            authors: self.authors.clone(),
            claims: self.claims.clone(),
            stances: self.stances.clone(),
            reliability: self.reliability,
            credibility: self.credibility,
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

impl ValueEnum for export::Part {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()).help(self.label()))
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
        Command::Merge(args) => team::merge(&args, out, err),
        Command::GitSetup(args) => team::git_setup(&args, out),
        Command::Resolve(args) => team::resolve(&args, out),
        Command::Completions(args) => Ok(completions(args.shell, out)),
        Command::Manpages(args) => manpages(&args.dir),
        Command::Agree(args) => agree::agree(&args, out),
        Command::Fetch(args) => web::fetch(&args, out, err),
        Command::Feeds(args) => web::feeds(&args, out, err),
        Command::Refresh(args) => web::refresh(&args, out, err),
        Command::Claims(args) => claims::claims(&args, out),
        Command::Ach(args) => ach::ach(&args, out),
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

/// Writes the completion script for `shell` to `out`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Status {
    clap_complete::generate(shell, &mut Cli::command(), "dossier", out);
    Status::Done
}

/// Writes the manual pages into `dir` (created if missing): `dossier.1`, and `dossier-NAME.1`
/// for every subcommand.
pub fn manpages(dir: &std::path::Path) -> Result<Status, CliError> {
    let write_error = |source| CliError::Write {
        what: "manual page",
        path: dir.to_owned(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(write_error)?;
    manpage::write_all(dir).map_err(write_error)?;
    Ok(Status::Done)
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn new_opens_an_empty_project_and_excludes_a_path_or_a_subcommand() {
        let cli = Cli::try_parse_from(["dossier", "--new"]).expect("parses");
        assert!(cli.new && cli.project.is_none() && cli.command.is_none());
        assert!(!Cli::try_parse_from(["dossier"]).expect("parses").new);
        assert!(Cli::try_parse_from(["dossier", "--new", "notes.ron"]).is_err());
        assert!(Cli::try_parse_from(["dossier", "--new", "check", "notes.ron"]).is_err());
    }

    #[test]
    fn completions_name_every_subcommand() {
        for shell in ["bash", "zsh", "fish"] {
            let cli = Cli::try_parse_from(["dossier", "completions", shell]).expect("parses");
            let Some(Command::Completions(args)) = cli.command else {
                panic!("not completions");
            };
            let mut out = Vec::new();
            assert_eq!(completions(args.shell, &mut out), Status::Done);
            let script = String::from_utf8(out).expect("utf-8");
            for sub in Cli::command().get_subcommands() {
                let name = sub.get_name();
                assert!(script.contains(name), "{shell} lacks {name}");
            }
            let new = if shell == "fish" { "-l new" } else { "--new" };
            assert!(script.contains(new), "{shell} lacks --new");
        }
        assert!(Cli::try_parse_from(["dossier", "completions", "tcsh"]).is_err());
    }

    #[test]
    fn manpages_cover_every_subcommand_and_its_long_options() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pages = dir.path().join("man1");
        assert_eq!(manpages(&pages).expect("written"), Status::Done);
        let cli = Cli::command();
        let top = std::fs::read_to_string(pages.join("dossier.1")).expect("dossier.1");
        assert!(top.contains(".TH dossier 1"), "{top}");
        assert!(
            top.contains("EXIT STATUS"),
            "the exit codes are in dossier.1"
        );
        for sub in cli.get_subcommands() {
            let name = sub.get_name();
            let page = std::fs::read_to_string(pages.join(format!("dossier-{name}.1")))
                .unwrap_or_else(|e| panic!("dossier-{name}.1: {e}"));
            assert!(
                top.contains(&format!("dossier\\-{}(1)", name.replace('-', "\\-"))),
                "dossier.1 lists {name}"
            );
            for arg in sub.get_arguments() {
                if let Some(long) = arg.get_long() {
                    // roff escapes '-' as '\-'.
                    let flag = format!("\\-\\-{}", long.replace('-', "\\-"));
                    assert!(page.contains(&flag), "dossier-{name}.1 lacks --{long}");
                }
            }
        }
        assert!(!pages.join("dossier-help.1").exists());
    }

    #[test]
    fn manpages_into_an_unwritable_place_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a-file");
        std::fs::write(&file, "x").expect("write");
        let err = manpages(&file.join("man1")).expect_err("a file is in the way");
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("a-file"), "{err}");
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
