//! Text and Markdown files: see `dossier_fuzz::import_text` for the input and the checks.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dossier_fuzz::import_text(data);
});
