//! House rules a machine can check: only `src/ui` and `src/main.rs` use the GUI crates, and every
//! module starts with a `//!` header.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    assert!(files.len() > 5, "found the sources");
    files
}

#[test]
fn gui_crates_stay_in_the_ui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let gui = [
        "egui",
        "eframe",
        "rfd",
        "egui_extras",
        "egui_plot",
        "egui_kittest",
        "winit",
    ];
    let mut leaks = Vec::new();
    for file in sources() {
        let rel = file.strip_prefix(&root).expect("under src");
        if rel.starts_with("ui") || rel == Path::new("main.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for krate in gui {
                let used = code.contains(&format!("{krate}::"))
                    && !code.contains(&format!("_{krate}::"))
                    || code.trim_start().starts_with(&format!("use {krate}"))
                    || code.contains(&format!("extern crate {krate}"));
                if used {
                    leaks.push(format!("{}:{}: {}", rel.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "GUI crates used outside src/ui and src/main.rs:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn every_module_has_a_header() {
    let missing: Vec<_> = sources()
        .into_iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).expect("read");
            // The header is the file's first line, not a `//!` anywhere.
            !text.lines().next().is_some_and(|l| l.starts_with("//!"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a //! header: {missing:?}"
    );
}
