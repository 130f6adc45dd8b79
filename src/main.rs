//! The `dossier` binary: with no subcommand it opens the GUI; subcommands do headless work.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: opening and saving a large project (millions of small strings) is markedly faster
/// than with the system allocator (see the README's Performance section).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    match cli.command {
        Some(command) => dossier::cli::run(command),
        None => {
            match dossier::ui::run_native(dossier::ui::Start::from_args(cli.project, cli.new)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("dossier: could not open the window: {err}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
