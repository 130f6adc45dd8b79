//! The manual pages, made by clap_mangen from the same [`Cli`] definition as `--help`:
//! `dossier.1` and `dossier-NAME.1` for each subcommand. The top page's examples and exit codes
//! (the text after `--help`) are set as an EXAMPLES section without filling, so the columns stay
//! as they are, and an EXIT STATUS section.

use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;

use super::{Cli, EXAMPLES};

/// Writes every page into `dir`, which must exist.
pub(super) fn write_all(dir: &Path) -> io::Result<()> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    for sub in cmd.get_subcommands() {
        clap_mangen::Man::new(sub.clone()).generate_to(dir)?;
    }
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    man.render_subcommands_section(&mut page)?;
    let (examples, exit_codes) = EXAMPLES.split_once("\n\n").unwrap_or((EXAMPLES, ""));
    writeln!(page, ".SH EXAMPLES\n.nf")?;
    for line in examples.lines().filter(|l| l.starts_with(' ')) {
        writeln!(page, "{}", escape(line))?;
    }
    writeln!(page, ".fi")?;
    if let Some(codes) = exit_codes.strip_prefix("Exit codes:") {
        writeln!(page, ".SH \"EXIT STATUS\"\n{}", escape(codes.trim()))?;
    }
    man.render_version_section(&mut page)?;
    std::fs::write(dir.join("dossier.1"), page)
}

/// `text` as one roff text line: backslashes and minus signs escaped, and a leading `.` or `'`
/// (which roff would read as a request) neutralised.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_roff_from_reading_text_as_requests() {
        assert_eq!(escape("--format a\\b"), "\\-\\-format a\\eb");
        assert_eq!(escape(".ron files"), "\\&.ron files");
        assert_eq!(escape("'quoted'"), "\\&'quoted'");
    }

    #[test]
    fn the_top_page_keeps_the_examples_as_lines_and_lists_the_exit_codes() {
        let dir = tempfile::tempdir().expect("temp dir");
        write_all(dir.path()).expect("written");
        let page = std::fs::read_to_string(dir.path().join("dossier.1")).expect("dossier.1");
        assert!(page.contains(".SH EXAMPLES\n.nf\n  dossier "), "{page}");
        assert!(page.contains(
            "  dossier check notes.ron                          validate a project file\n"
        ));
        assert!(
            page.contains(".SH \"EXIT STATUS\"\n0 done; 1 problems"),
            "{page}"
        );
        assert!(!page.contains("EXTRA"), "the help text is not repeated");
    }
}
