//! The sample corpus and the example project, embedded in the binary.
//!
//! The five seed articles (`seeds/`) and the example project built from them
//! (`saves/ceasefire-2025.ron`, written by `cargo run --example build_example`) are compiled in
//! with `include_str!`, so `dossier` run from any folder can still offer them.
//!
//! Limitations: the embedded copies are those of the build; editing `saves/` or `seeds/` needs a
//! rebuild to show up here.

use std::path::Path;

use crate::model::Project;
use crate::store::{self, LoadError};

/// The file name the example project is offered under ("Save as…" suggests it too).
pub const EXAMPLE_FILE_NAME: &str = "ceasefire-2025.ron";

/// The example project file, as committed in `saves/`.
pub const EXAMPLE_RON: &str = include_str!("../saves/ceasefire-2025.ron");

/// The sample articles: `(file name, text)`, in file-name order, texts exactly as in `seeds/`.
pub const SEEDS: [(&str, &str); 5] = [
    (
        "000_6f2e4c93548cbb65.txt",
        include_str!("../seeds/000_6f2e4c93548cbb65.txt"),
    ),
    (
        "001_3b25fec3735a5de3.txt",
        include_str!("../seeds/001_3b25fec3735a5de3.txt"),
    ),
    (
        "002_83dee7abb9407fc5.txt",
        include_str!("../seeds/002_83dee7abb9407fc5.txt"),
    ),
    (
        "003_10e6e5f36490c9ea.txt",
        include_str!("../seeds/003_10e6e5f36490c9ea.txt"),
    ),
    (
        "004_b6155d914d27c2f0.txt",
        include_str!("../seeds/004_b6155d914d27c2f0.txt"),
    ),
];

/// The example project ("Ceasefire talks, 2025"): parses and validates [`EXAMPLE_RON`]. Errors
/// name the file as [`EXAMPLE_FILE_NAME`].
pub fn example_project() -> Result<Project, LoadError> {
    store::from_ron_str(EXAMPLE_RON, Path::new(EXAMPLE_FILE_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_project_loads() {
        let project = example_project().expect("the embedded example project loads");
        assert_eq!(project.documents().len(), SEEDS.len());
        assert!(!project.passages().is_empty());
    }

    #[test]
    fn seeds_are_in_file_name_order_and_not_empty() {
        for pair in SEEDS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for (name, text) in SEEDS {
            assert!(!text.trim().is_empty(), "{name} is empty");
        }
    }
}
