//! The `dossier` binary: with no subcommand it opens the GUI; subcommands do headless work.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    match cli.command {
        Some(command) => dossier::cli::run(command),
        None => match dossier::ui::run_native(cli.project) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("dossier: could not open the window: {err}");
                ExitCode::from(2)
            }
        },
    }
}
