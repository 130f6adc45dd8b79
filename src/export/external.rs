//! Running the consumers we did not write (python-docx, pdftotext, jsonschema, rispy,
//! bibtexparser, markdown-it-py, Python's html.parser) from tests.
//!
//! A missing tool skips the check with a printed reason on a developer's machine; when the `CI`
//! environment variable is set (`.ci/run` installs every tool) a missing tool fails the test.

use std::path::Path;
use std::process::Command;

/// Whether a missing tool must fail the test.
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// Reports a missing tool: a panic under CI, a printed skip otherwise.
pub(super) fn missing(what: &str, install: &str) {
    assert!(
        !in_ci(),
        "{what} is missing and CI is set; .ci/run installs it ({install})"
    );
    println!("skipped: {what} is not installed ({install})");
}

/// Runs a Python script (`python3 -c SCRIPT ARGS…`) that prints one JSON value, and parses it.
/// `None` (after [`missing`]) when python3 or one of `modules` is not installed.
pub(super) fn python_json(
    script: &str,
    modules: &[(&str, &str)],
    args: &[&Path],
) -> Option<serde_json::Value> {
    for (module, package) in modules {
        let probe = Command::new("python3")
            .args(["-c", &format!("import {module}")])
            .output();
        match probe {
            Ok(out) if out.status.success() => {}
            Ok(_) => {
                missing(
                    &format!("the Python module {module}"),
                    &format!("pip install {package}"),
                );
                return None;
            }
            Err(_) => {
                missing("python3", "apt-get install python3");
                return None;
            }
        }
    }
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "the Python consumer failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("the script prints JSON"))
}

/// Runs a program and returns its standard output; `None` (after [`missing`]) when it is not
/// installed. A failing run fails the test.
pub(super) fn tool_output(
    program: &str,
    package: &str,
    args: &[&std::ffi::OsStr],
) -> Option<Vec<u8>> {
    match Command::new(program).args(args).output() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            missing(program, &format!("apt-get install {package}"));
            None
        }
        Err(e) => panic!("{program} did not run: {e}"),
        Ok(out) => {
            assert!(
                out.status.success(),
                "{program} failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(out.stdout)
        }
    }
}
