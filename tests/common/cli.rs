//! Running the `dossier` binary as a user does: arguments in, exit code and both streams out.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `dossier` with `args`; fails the test when it panicked.
pub fn dossier<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run(Command::new(env!("CARGO_BIN_EXE_dossier")).args(args))
}

/// [`dossier`] started in the folder `dir`.
pub fn dossier_in<I, S>(dir: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run(Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(dir)
        .args(args))
}

fn run(command: &mut Command) -> Run {
    let output = command.output().expect("the dossier binary runs");
    let run = Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "the binary panicked: {}",
        run.stderr
    );
    run
}
